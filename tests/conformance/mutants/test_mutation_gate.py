"""The mutation gate: the reference passes every vector, every mutant is caught, the control is
not (docs/port-bugs.md section 7)."""

from __future__ import annotations

import contextlib
import io
import json
import sys
import types
from collections.abc import Iterator

import pytest

from conformance import cli
from conformance.cli.mutants import render
from conformance.compare import RunResult
from conformance.mutants import (
    CLASSES,
    Call,
    GateResult,
    Mutant,
    MutantResult,
    MutantTestee,
    catalogue,
    mutant,
    run_gate,
)
from conformance.reference_testee import REFERENCE
from conformance.vectors import load_vectors

MUTANTS = catalogue()
SCORED = [m for m in MUTANTS if not m.control]

# Required by issue 4: these classes, and these catalogue entries by name (docs/port-bugs.md §7).
REQUIRED_CLASSES = {"uid rendering", "text encoding", "ordering", "duplicates",
                    "field placement", "roles", "signature derivation",
                    "compression and base64", "expiry semantics", "validation",
                    "simple token builder", "legacy keys"}
REQUIRED_NAMES = {"UID0_LITERAL", "UID_SIGNED32", "UID_WRAP32", "LATIN1_TEXT", "LEN_CODEPOINTS",
                  "PRIV_INSERTION", "SERVICE_INSERTION", "SERVICE_DEDUP", "RTM006_UID_SLOT",
                  "HMAC_KEY_SWAP", "SIGN_WITH_CERT", "RAW_DEFLATE", "ZLIB_LEVEL9", "B64_URLSAFE",
                  "EXPIRE_ABSOLUTE_007", "UUID_LEADING_ZERO", "APAAS_ROLE0_TO_MINUS1",
                  "EMPTY_SERVICES_ALLOWED", "U16_LEN_WRAP", "DK4_UID_UNPADDED",
                  "DK5_EXTRA_DROPPED", "DK5_SIG_LOWERCASE", "STR_ZERO_WILDCARD",
                  "NONNUMERIC_WILDCARD", "ROLE_SUB_PUBLISHES", "ROLE_NEVER_PUBLISHES",
                  "ROLE_IGNORED", "CHAT_UID_TYPENAME", "CHAT_PRIV_ON_RTM",
                  "APAAS_ROOM_PRIV_MISSING", "B64_UNPADDED", "EXPIRE_RELATIVE_006",
                  "TS_NO_LIFETIME_006", "NO_HEX_CHECK", "STB_PRIV_STRING_ORDER",
                  "STB_PRIV_INSERTION", "STB_INIT_MERGES", "STB_APPID_NOT_ADOPTED",
                  # issue 12: bugs found by running Agora's own ports on the vectors
                  "PRIV_STRING_ORDER", "EXPIRE_U32_WRAP", "ROLE_I16_WRAP", "PUBLISH_ORDER_1324",
                  "STB_REINIT_MERGES", "STB_REINIT_LENIENT", "PACKER_GROWS_ONCE",
                  "UID_UNCHECKED"}

# Cheapest killers named by docs/port-bugs.md section 6 (V01, V03x, V12, V13), by vector id.
CHECKLIST_KILLERS = {"M01": "rtc2-uid-0", "M03": "rtc2-uid-4294967296",
                     "M14": "at2-rtm-before-rtc", "M15": "at2-two-rtc-services"}


@pytest.fixture(scope="module")
def gate() -> GateResult:
    return run_gate()


def _by_id(gate: GateResult) -> dict[str, MutantResult]:
    return {r.mutant.id: r for r in gate.mutants}


def test_reference_passes_every_vector(gate: GateResult) -> None:
    failures = [f"{r.case_id}: {r.detail}" for r in gate.reference_failures]
    assert not failures, "the reference fails vectors:\n" + "\n".join(failures)
    assert len(gate.reference.results) > 100


@pytest.mark.parametrize("m", SCORED, ids=[m.label for m in SCORED])
def test_every_mutant_is_caught_in_every_builder_it_reaches(gate: GateResult, m: Mutant) -> None:
    result = next(r for r in gate.mutants if r.mutant is m)
    assert result.by_builder, f"{m.label}: reaches no builder with vectors"
    assert not result.survived_in, (f"{m.label} ({m.bug_class}: {m.deviation}) survives every "
                                    f"vector of {', '.join(result.survived_in)}")
    assert result.killed


def test_control_is_not_caught_and_reported_as_text_only(gate: GateResult) -> None:
    controls = [r for r in gate.mutants if r.mutant.control]
    assert [r.mutant.name for r in controls] == ["ZLIB_LEVEL9"]
    control = controls[0]
    assert not control.killed, f"the oracle rejects level-9 tokens: {control.killers[:5]}"
    assert control.text_only, "no 007 vector saw the level-9 token text"
    assert "text differs, payload equal" in control.status


def test_catalogue_size_and_classes() -> None:
    assert len(SCORED) >= 25
    assert {m.bug_class for m in SCORED} >= REQUIRED_CLASSES
    assert {m.bug_class for m in MUTANTS} <= set(CLASSES)
    assert {m.name for m in MUTANTS} >= REQUIRED_NAMES
    assert len({m.id for m in MUTANTS}) == len(MUTANTS)
    for m in MUTANTS:
        assert m.deviation and m.origin and m.how, m.label


@pytest.mark.parametrize(("mutant_id", "case_id"), sorted(CHECKLIST_KILLERS.items()))
def test_checklist_vector_kills_its_mutant(mutant_id: str, case_id: str) -> None:
    m = next(m for m in MUTANTS if m.id == mutant_id)
    result = run_gate(mutants=[m], every_killer=True).mutants[0]
    assert case_id in result.killers


def test_score_line() -> None:
    """Of three scored mutants one is caught everywhere (2 builders), one in 1 of 2, one reaches
    nothing; the control is left out: 1/3 mutants (33.3%), 3/4 pairs (by hand)."""
    m = SCORED[0]
    results = (MutantResult(m, 2, ("a", "b"), (), by_builder={"x.a": ("a",), "x.b": ("b",)}),
               MutantResult(m, 2, ("c",), (), by_builder={"x.a": ("c",), "x.b": ()}),
               MutantResult(m, 2, (), ()),
               MutantResult(next(c for c in MUTANTS if c.control), 2, (), ("b",)))
    gate = GateResult(RunResult([], None), results, 0.0)
    assert gate.score_line() == ("mutation score: 1/3 mutants killed in every builder they "
                                 "reach (33.3%); 3/4 mutant x builder pairs caught")
    data = gate.to_json()
    assert data["killed"] == 1 and data["mutants"] == 3
    assert data["pairs"] == {"caught": 3, "reached": 4}
    assert data["results"][1]["survived_in"] == ["x.b"]
    assert results[1].status == "SURVIVED in 1 of 2 builders"
    assert results[2].status == "SURVIVED: reaches no builder with vectors"


def test_score_line_of_the_bundled_gate(gate: GateResult) -> None:
    pairs = sum(len(r.by_builder) for r in gate.scored)
    assert gate.score_line() == (f"mutation score: {len(SCORED)}/{len(SCORED)} mutants killed "
                                 "in every builder they reach (100.0%); "
                                 f"{pairs}/{pairs} mutant x builder pairs caught")


# The gate's speed is a benchmark figure (`tox -e bench`: mutants_vs_budget), never a
# wall-clock assert: CI runs four Pythons and the adapters side by side on two cores.


# ---------------------------------------------------------------- the gate can fail


@mutant("T01", "NO_DEVIATION", "ordering", "nothing", "test", "nothing")
def _noop(call: Call) -> Iterator[Call]:
    yield call


@mutant("T02", "BROKEN_CONTROL", "compression and base64", "uid 0 as '0'", "test", "args",
        builders=("rtc2.build_token_with_uid",), control=True)
def _killed_control(call: Call) -> Iterator[Call]:
    yield call.with_args(uid=1) if call.args.get("uid") == 0 else call


@mutant("T03", "CRASHES", "ordering", "a bug in the mutant", "test", "nothing")
def _crashes(call: Call) -> Iterator[Call]:
    raise RuntimeError("mutant bug")
    yield call  # pragma: no cover


@mutant("T04", "UID0_AS_1", "uid rendering", "uid 0 built as uid 1", "test", "args",
        inputs=("uid",))
def _uid0_as_1(call: Call) -> Iterator[Call]:
    yield call.with_args(uid=1) if call.args.get("uid") == 0 else call


def test_a_mutant_caught_in_one_builder_survives_in_another_and_fails_the_gate() -> None:
    """Both rtc2 uid builders take a uid (so both are reached); only one keeps its uid-0 case."""
    cases = [c for c in load_vectors().cases
             if c.builder == "rtc2.build_token_with_uid"
             or (c.builder == "rtc2.build_token_with_uid_and_privilege"
                 and c.args.get("uid") != 0)]
    result = run_gate(cases, [_uid0_as_1])
    (t04,) = result.mutants
    assert set(t04.by_builder) == {"rtc2.build_token_with_uid",
                                   "rtc2.build_token_with_uid_and_privilege"}
    assert t04.survived_in == ("rtc2.build_token_with_uid_and_privilege",)
    assert t04.caught_in == ("rtc2.build_token_with_uid",)
    assert not t04.killed and not t04.ok and not result.ok
    assert "SURVIVED in 1 of 2 builders: rtc2.build_token_with_uid_and_privilege" in \
        render(result)


def test_a_surviving_crashing_or_control_killing_mutant_fails_the_gate() -> None:
    cases = [c for c in load_vectors().cases if c.builder == "rtc2.build_token_with_uid"]
    result = run_gate(cases, [_noop, _killed_control, _crashes])
    by_id = {r.mutant.id: r for r in result.mutants}
    assert not by_id["T01"].killed and not by_id["T01"].ok
    assert not by_id["T01"].by_builder  # a mutant that patches and rewrites nothing
    assert by_id["T02"].killers and not by_id["T02"].ok
    assert "CONTROL KILLED" in by_id["T02"].status
    assert not by_id["T03"].killed and by_id["T03"].broken and not by_id["T03"].ok
    assert "BROKEN" in by_id["T03"].status
    assert not result.ok


def test_no_mutant_crashes(gate: GateResult) -> None:
    assert {r.mutant.label: r.broken[:3] for r in gate.mutants if r.broken} == {}


def _reference_state() -> dict[str, dict[str, int]]:
    return {name: {k: id(v) for k, v in vars(module).items()}
            for name, module in sys.modules.items()
            if name.startswith("reference.") and isinstance(module, types.ModuleType)}


def test_mutants_leave_the_reference_untouched() -> None:
    """Every patch is undone after each build, even when the build raises."""
    before = _reference_state()
    methods = dict(vars(sys.modules["reference.simple_token_builder"].SimpleTokenBuilder))
    args = {"app_id": "970CA35de60c44645bbae8a215061b33",
            "app_certificate": "5CFd2fd1755d40ecb72977518be15d3b",
            "channel_name": "7d72365eb983485397e3e3f9d460bdda", "uid": 2882341273,
            "role": "publisher", "token_expire": 600}
    want = REFERENCE.build("rtc2.build_token_with_uid", args, 1, 1111111)
    for m in MUTANTS:
        testee = MutantTestee(m)
        testee.build("rtc2.build_token_with_uid", args, 1, 1111111)
        with contextlib.suppress(Exception):
            testee.build("rtc2.build_token_with_uid", {**args, "uid": -1}, 1, 1111111)
    assert _reference_state() == before
    assert dict(vars(sys.modules["reference.simple_token_builder"].SimpleTokenBuilder)) == methods
    assert REFERENCE.build("rtc2.build_token_with_uid", args, 1, 1111111) == want


# ---------------------------------------------------------------- the command


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["mutants", *argv])
    return code, out.getvalue(), err.getvalue()


def test_command_prints_score_and_killers() -> None:
    code, out, _ = _cli("-m", "M01", "-m", "M29")
    assert code == 0
    assert "mutation score: 1/1 mutants killed in every builder they reach (100.0%)" in out
    assert "M01 UID0_LITERAL" in out and "caught in 5/5 builders by" in out
    assert "rtc2-uid-0" in out
    assert "text differs, payload equal" in out


def test_command_json_and_unknown_id() -> None:
    code, out, _ = _cli("--json", "-m", "M03")
    data = json.loads(out)
    assert code == 0 and data["ok"] and data["results"][0]["id"] == "M03"
    assert "rtc2-uid-4294967296" in data["results"][0]["killers"]
    code, _, err = _cli("-m", "M999")
    assert code == 2 and "M999" in err
