"""The vector set covers what issue 4 lists: builders, roles, identities, channels, expiries..."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.vectors import Case, load_vectors
from reference.errors import ReasonCode
from reference.registry import BUILDERS

PUNCTUATION = " !#$%&()+-:;<=.>?@[]^_{}|~,"


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return load_vectors().cases


def of(cases: list[Case], builder: str) -> list[Case]:
    return [c for c in cases if c.builder == builder and c.expect.error is None]


def values(cases: list[Case], builder: str, arg: str) -> list[object]:
    return [c.args.get(arg) for c in of(cases, builder)]


def texts(cases: list[Case], builder: str, arg: str) -> list[str]:
    return [v for v in values(cases, builder, arg) if isinstance(v, str)]


def test_every_builder_and_operation(cases: list[Case]) -> None:
    present = {c.builder for c in cases}
    missing = sorted(set(BUILDERS) - present)
    assert not missing, f"builders without vectors: {missing}"
    assert {"token.decode", "token.verify"} <= present


@pytest.mark.parametrize("builder, arg, roles", [
    ("rtc2.build_token_with_uid", "role", {"publisher", "subscriber"}),
    ("rtc2.build_token_with_user_account", "role", {"publisher", "subscriber"}),
    ("rtc2.build_token_with_rtm", "role", {"publisher", "subscriber"}),
    ("rtc2.build_token_with_rtm2", "rtc_role", {"publisher", "subscriber"}),
    ("rtc.build_token_with_uid", "role", {"attendee", "publisher", "subscriber", "admin"}),
    ("apaas2.build_room_user_token", "role", {-1, 0, 1, 2, 32767, -32768}),
    ("education2.build_room_user_token", "role", {-1, 0, 1, 2}),
])
def test_every_role(cases: list[Case], builder: str, arg: str, roles: set[object]) -> None:
    assert roles <= set(values(cases, builder, arg))


def steps(cases: list[Case]) -> Iterator[dict[str, object]]:
    for case in cases:
        if case.builder == "simple_token_builder.script":
            yield from case.args["steps"]


def test_simple_token_builder_presets_and_edits(cases: list[Case]) -> None:
    presets = {s["init_privileges"] for s in steps(cases) if "init_privileges" in s}
    assert {"attendee", "publisher", "subscriber", "admin"} <= presets
    kinds = {next(iter(s)) for s in steps(cases)}
    assert {"set_privilege", "remove_privilege", "init_token_builder", "build_token"} <= kinds


@pytest.mark.parametrize("builder", [
    "rtc2.build_token_with_uid", "rtc.build_token_with_uid", "simple_token_builder.script",
])
def test_uids(cases: list[Case], builder: str) -> None:
    wanted = {0, 1, 2**31 - 1, 2**31, 2**32 - 1} - (
        {1, 2**31 - 1} if builder == "simple_token_builder.script" else set()
    )
    assert wanted <= set(values(cases, builder, "uid"))


@pytest.mark.parametrize("builder", [
    "rtc2.build_token_with_user_account", "rtc.build_token_with_user_account",
])
def test_accounts(cases: list[Case], builder: str) -> None:
    accounts = texts(cases, builder, "account")
    assert "0" in accounts
    assert "test_user" in accounts  # non-numeric
    assert any(set(PUNCTUATION) <= set(a) for a in accounts)
    assert any(len(a.encode()) == 255 for a in accounts)
    assert any(not a.isascii() for a in accounts)


def test_channels(cases: list[Case]) -> None:
    channels = texts(cases, "rtc2.build_token_with_uid", "channel_name")
    lengths = {len(c.encode()) for c in channels}
    assert {0, 63, 64} <= lengths
    assert any(set(PUNCTUATION) <= set(c) for c in channels)
    assert any(not c.isascii() for c in channels)


def test_expiries(cases: list[Case]) -> None:
    rtc2 = of(cases, "rtc2.build_token_with_uid")
    expires = {c.args["token_expire"] for c in rtc2}
    assert 0 in expires and any(e > 86400 for e in expires)
    assert any(c.args.get("privilege_expire", 0) == 0 and c.args["token_expire"] > 0
               for c in rtc2)
    rtc = values(cases, "rtc.build_token_with_uid", "privilege_expired_ts")
    assert 0 in rtc and any(isinstance(v, int) and 0 < v < 86400 for v in rtc)  # relative


def test_multi_service_duplicates_out_of_order(cases: list[Case]) -> None:
    def shape(case: Case) -> list[int]:
        return [s["type"] for s in case.args["services"]]

    shapes = [shape(c) for c in of(cases, "access_token2.build")]
    assert any(len(set(s)) < len(s) and s != sorted(s) for s in shapes)


def test_007_token_text_and_payload_shapes(cases: list[Case]) -> None:
    tokens = [c.expect.token for c in cases if c.expect.token and c.expect.token.startswith("007")]
    paddings = {len(t) - len(t.rstrip("=")) for t in tokens}
    assert paddings == {0, 1, 2}
    assert any("+" in t for t in tokens) and any("/" in t for t in tokens)
    assert any(c.expect.payload and len(c.expect.payload) > 2048 for c in cases)


def test_negative_reasons(cases: list[Case]) -> None:
    errors = {c.expect.error for c in cases if c.expect.error}
    reasons = {r.value for r in ReasonCode} - {"bad_field"}
    assert reasons | {"invalid_input"} <= errors


@pytest.mark.parametrize("tag", ["signature", "truncation", "version", "base64", "zlib",
                                 "trailing", "expiry"])
def test_negative_kinds(cases: list[Case], tag: str) -> None:
    assert any(tag in c.tags and "negative" in c.tags for c in cases)


def test_generated_and_known_answer_sources(cases: list[Case]) -> None:
    sources = {c.source.split(":", 1)[0] for c in cases}
    assert {"generated", "spec"} <= sources


# docs/formats.md §9 defines D-01..D-30; docs/simple-token-builder.md §10 defines S-01..S-14.
KNOWN_DEVIATIONS = {f"D-{n:02d}" for n in range(1, 31)} | {f"S-{n:02d}" for n in range(1, 15)}


def test_deviation_ids_exist(cases: list[Case]) -> None:
    used = {d for c in cases for d in c.deviations}
    assert used <= KNOWN_DEVIATIONS, sorted(used - KNOWN_DEVIATIONS)


def test_refusals_are_refused_for_what_they_test(cases: list[Case]) -> None:
    """A refused build leaves out no required argument: a case testing a bad app id or a 2^32
    expiry that forgot the uid would be refused for the missing uid and prove nothing."""
    from reference.errors import InvalidInput
    from reference.registry import build

    wrong = []
    for case in cases:
        if case.builder not in BUILDERS or case.expect.error != "invalid_input":
            continue
        try:
            build(case.builder, case.args, salt=case.salt, now=case.now)
        except InvalidInput as exc:
            if "missing argument" in str(exc):
                wrong.append(f"{case.id}: {exc}")
        else:
            wrong.append(f"{case.id}: built")
    assert not wrong, wrong


def test_optional_arguments_are_really_omitted_somewhere(cases: list[Case]) -> None:
    """Every optional parameter is left out by at least one case of its builder (a file's
    defaults can silently supply it: rtc2-uid-privilege-expire-default once did)."""
    missing = [f"{b}.{p.name}" for b, spec in BUILDERS.items() for p in spec.params
               if not p.required or p.default is not None
               if all(p.name in c.args for c in of(cases, b))]
    assert not missing, f"optional arguments never omitted: {missing}"
