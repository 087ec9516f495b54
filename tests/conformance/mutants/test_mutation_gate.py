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
                  "STB_PRIV_INSERTION", "STB_INIT_MERGES", "STB_APPID_NOT_ADOPTED"}

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
def test_every_mutant_is_caught(gate: GateResult, m: Mutant) -> None:
    result = next(r for r in gate.mutants if r.mutant is m)
    assert result.cases, f"{m.label}: no vector exercises builders {m.builders}"
    assert result.killed, (f"{m.label} ({m.bug_class}: {m.deviation}) survives all "
                           f"{result.cases} vectors: a coverage gap")


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
def test_checklist_vector_kills_its_mutant(gate: GateResult, mutant_id: str,
                                           case_id: str) -> None:
    result = _by_id(gate)[mutant_id]
    assert case_id in result.killers


def test_score_line() -> None:
    """One of three scored mutants killed, the control left out: 1/3, 33.3% (by hand)."""
    m = SCORED[0]
    results = (MutantResult(m, 2, ("a",), ()), MutantResult(m, 2, (), ()),
               MutantResult(m, 2, (), ()),
               MutantResult(next(c for c in MUTANTS if c.control), 2, (), ("b",)))
    gate = GateResult(RunResult([], None), results, 0.0)
    assert gate.score_line() == "mutation score: 1/3 (33.3%)"
    assert gate.to_json()["killed"] == 1 and gate.to_json()["mutants"] == 3


def test_score_line_of_the_bundled_gate(gate: GateResult) -> None:
    assert gate.score_line() == f"mutation score: {len(SCORED)}/{len(SCORED)} (100.0%)"


def test_whole_gate_reports_its_duration(gate: GateResult) -> None:
    # How long it takes is a benchmark figure (`mutants_vs_budget` in bench/bench_commands.py),
    # not an assertion: wall time depends on what else the machine runs (CI runs the test
    # environments side by side).
    assert gate.seconds > 0


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


def test_a_surviving_crashing_or_control_killing_mutant_fails_the_gate() -> None:
    cases = [c for c in load_vectors().cases if c.builder == "rtc2.build_token_with_uid"]
    result = run_gate(cases, [_noop, _killed_control, _crashes])
    by_id = {r.mutant.id: r for r in result.mutants}
    assert not by_id["T01"].killed and not by_id["T01"].ok
    assert by_id["T02"].killed and not by_id["T02"].ok
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
    assert "mutation score: 1/1 (100.0%)" in out
    assert "M01 UID0_LITERAL" in out and "rtc2-uid-0" in out
    assert "text differs, payload equal" in out


def test_command_json_and_unknown_id() -> None:
    code, out, _ = _cli("--json", "-m", "M03")
    data = json.loads(out)
    assert code == 0 and data["ok"] and data["results"][0]["id"] == "M03"
    assert "rtc2-uid-4294967296" in data["results"][0]["killers"]
    code, _, err = _cli("-m", "M999")
    assert code == 2 and "M999" in err
