"""Interoperability: tokens built by each implementation, decoded and verified by every parser."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from conformance.compare import identity_006
from conformance.differential.interop_known import known_reason
from conformance.protocol import (
    Answer,
    Reply,
    Request,
    TesteeInfo,
    build_request,
    decode_request,
    verify_request,
)
from conformance.testees import Testee, TesteeError
from conformance.vectors import Case, Expect
from reference import builders, builders2, simple_token_builder
from reference import decode as ref_decode
from reference._identity import account_from_uid_or_account
from reference.errors import DecodeError

APP_ID = "970CA35de60c44645bbae8a215061b33"  # the project's standard fake pair
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
WRONG_CERT = "5CFd2fd1755d40ecb72977518be15d3c"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
REFERENCE = "reference"


@dataclass(frozen=True)
class InteropCase:
    """One builder call every builder implementation makes."""

    id: str
    builder: str
    args: Mapping[str, Any]

    def identity_006(self) -> tuple[str, str]:
        """The channel and uid text a 006 token of this case is signed for (the runner's rule)."""
        family = self.builder.split(".", 1)[0]
        channel, uid = identity_006(Case(self.id, "interop", family, self.builder, self.args,
                                         Expect()))
        return channel, account_from_uid_or_account(uid)


def _case(case_id: str, builder: str, **args: Any) -> InteropCase:
    return InteropCase(case_id, builder, {"app_id": APP_ID, "app_certificate": CERT, **args})


CASES: tuple[InteropCase, ...] = (
    _case("rtc2-uid-publisher", "rtc2.build_token_with_uid", channel_name=CHANNEL,
          uid=2882341273, role="publisher", token_expire=600, privilege_expire=600),
    _case("rtc2-account-subscriber", "rtc2.build_token_with_user_account",
          channel_name=CHANNEL, account="test_user", role="subscriber", token_expire=600),
    _case("rtc2-with-rtm", "rtc2.build_token_with_rtm", channel_name=CHANNEL,
          account="2882341273", role="publisher", token_expire=600, privilege_expire=600),
    _case("rtm2-user", "rtm2.build_token", user_id="test_user", expire=600),
    _case("rtm2-permissions", "rtm2.build_token_with_permissions", user_id="test_user",
          permissions=[{"resource_type": 0, "permission_type": 1, "resources": ["ch1"]}],
          expire=600),
    _case("chat-user", "chat2.build_user_token", user_id="2882341273", expire=600),
    _case("chat-app", "chat2.build_app_token", expire=600),
    _case("fpa", "fpa2.build_token"),
    _case("apaas-room-user", "apaas2.build_room_user_token", room_uuid="room1",
          user_uuid="user1", role=1, expire=600),
    _case("apaas-user", "apaas2.build_user_token", user_uuid="user1", expire=600),
    _case("rtc006-uid-publisher", "rtc.build_token_with_uid", channel_name=CHANNEL,
          uid=2882341273, role="publisher", privilege_expired_ts=1446455471),
    _case("rtm006", "rtm.build_token", user_account="2882341273", role="rtm_user",
          privilege_expired_ts=1446455471),
    _case("at006-uid", "access_token.build", channel_name=CHANNEL, uid=2882341273,
          ts=1111111, privileges={"1": 1446455471}),
    _case("stb006-publisher", "simple_token_builder.script", channel_name=CHANNEL, uid=2882341273,
          steps=[{"init_privileges": "publisher"}, {"build_token": None}]),
)
SALT, NOW = 1, 1111111
# Implementations asked at once: each is its own process and the threads only wait on pipes,
# but starting them (JVMs above all) is CPU-bound, so more than one per core gains nothing.
WORKERS = min(8, os.cpu_count() or 2)


_TOKEN_VERSIONS = {**{s.id: "007" for s in builders2.SPECS},
                   **{s.id: "006" for s in (*builders.SPECS, *simple_token_builder.SPECS)}}


def token_version(builder: str) -> str:
    """The token version a builder id emits: "007", "006", or "" (a legacy key, not parsed)."""
    return _TOKEN_VERSIONS.get(builder, "")


def parses(info: TesteeInfo, version: str) -> bool:
    """A parser is asked only about token versions it also builds (go-community has no 006)."""
    return any(token_version(b) == version for b in info.builders)


@dataclass(frozen=True)
class Check:
    """One token (case, builder) decoded and verified by one parser."""

    case: str
    builder: str
    parser: str
    ok: bool
    detail: str = ""
    known: str | None = None
    unsupported: bool = False  # the parser answered `unsupported` (detail says what it said)


@dataclass
class InteropResult:
    builders: list[str]
    parsers: list[str]
    checks: list[Check] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # implementation -> why

    def cell(self, builder: str, parser: str) -> list[Check]:
        return [c for c in self.checks if c.builder == builder and c.parser == parser]

    def unexpected(self) -> list[Check]:
        return [c for c in self.checks if not c.ok and not c.unsupported and c.known is None]

    def known_failures(self) -> list[Check]:
        return [c for c in self.checks if not c.ok and c.known is not None]

    def unsupported(self) -> list[Check]:
        return [c for c in self.checks if c.unsupported]


@dataclass
class Participant:
    """An implementation taking part: a name, a way to start its testee, and the package it
    drives (entries of one package share one parser: only the first is a column)."""

    name: str
    open: Callable[[], Testee]
    package: str = ""


Item = TypeVar("Item")
Out = TypeVar("Out")


def _each(work: Callable[[Item], Out], items: Iterable[Item], workers: int) -> list[Out]:
    """``work`` on every item, ``workers`` at a time, results in the items' order."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(work, items))


def _ask(testee: Testee, requests: Sequence[Request]) -> dict[str, Reply]:
    replies: dict[str, Reply] = {}
    for request, reply in zip(requests, testee.execute(requests), strict=True):
        replies[request.id] = reply
    return replies


def _text(reply: Reply | None) -> str:
    if reply is None:
        return "no answer"
    if isinstance(reply, Answer):
        if reply.error_kind:
            return f"{reply.error_kind}: {reply.error_message}"[:300]
        return "answered"
    return f"{reply.outcome.value}: {reply.message}"[:300]


def _verify_args(case: InteropCase, fields: Mapping[str, Any], cert: str) -> dict[str, Any]:
    args: dict[str, Any] = {"app_certificate": cert}
    if fields.get("version") == "006":
        channel, uid = case.identity_006()
        args.update(now=int(fields["ts"]) - 1, channel_name=channel, uid=uid)
    else:
        args["now"] = int(fields["issue_ts"]) + 1
    return args


def _unsupported(replies: Mapping[str, Reply], key: str) -> str:
    """What the parser said when it answered `unsupported` for the decode or a verify, or ''."""
    said = [r for op in ("decode", "verify", "wrong")
            if isinstance(r := replies.get(f"{key}/{op}"), Answer)
            and r.error_kind == "unsupported"]
    return _text(said[0]) if said else ""


def _judge(case: InteropCase, fields: Mapping[str, Any], replies: Mapping[str, Reply],
           key: str) -> str:
    """'' when the parser agreed with the reference on the token, else what went wrong."""
    decoded, good, bad = (replies.get(f"{key}/{op}") for op in ("decode", "verify", "wrong"))
    if not isinstance(decoded, Answer) or decoded.fields is None:
        return f"decode: {_text(decoded)}"
    if dict(decoded.fields) != dict(fields):
        diff = sorted(k for k in set(fields) | set(decoded.fields)
                      if fields.get(k) != decoded.fields.get(k))
        return f"decode: fields differ from the reference's decoding ({', '.join(diff)})"
    if not isinstance(good, Answer) or good.valid is not True:
        why = good.reason if isinstance(good, Answer) and good.reason else _text(good)
        return f"verify with the right certificate: not valid ({why})"
    if not isinstance(bad, Answer) or bad.valid is not False:
        return f"verify with a wrong certificate: {_text(bad) if bad else 'no answer'}"
    return ""


Token = tuple[InteropCase, str, str, Mapping[str, Any]]  # case, builder impl, token, fields


def run_interop(participants: Iterable[Participant], *, parsers: Iterable[str] | None = None,
                cases: Sequence[InteropCase] = CASES, workers: int = WORKERS) -> InteropResult:
    """Build every case with every participant, then decode+verify each token with each parser.

    The reference decoding of each token is the oracle for the parsers' decoded fields. A
    participant that fails to start is listed in ``skipped``. The columns are the participants
    whose hello offers decode and verify, one per package (``parsers`` limits them to those
    names). A parser is only given tokens of the versions it builds itself. Implementations
    start, build and parse ``workers`` at a time, each in its own process.
    """
    result = InteropResult([], [])
    started = _each(_start, list(participants), workers)
    opened = {p.name: run for p, run in started if not isinstance(run, str)}
    result.skipped.update({p.name: run for p, run in started if isinstance(run, str)})
    try:
        result.builders = list(opened)
        result.parsers = _columns([p for p, _ in started if p.name in opened], opened, parsers)
        tokens = [t for made in _each(lambda name: _build(name, *opened[name], cases),
                                      result.builders, workers) for t in made]

        def parse(parser: str) -> list[Check]:
            testee, info = opened[parser]
            mine = [t for t in tokens
                    if parser == REFERENCE or parses(info, token_version(t[0].builder))]
            return _parse_all(parser, testee, mine)

        result.checks = [c for checks in _each(parse, result.parsers, workers) for c in checks]
    finally:
        for testee, _ in opened.values():
            testee.close()
    return result


def _start(p: Participant) -> tuple[Participant, tuple[Testee, TesteeInfo] | str]:
    """The participant's started testee and its hello, or why it did not start."""
    testee: Testee | None = None
    try:
        testee = p.open()
        return p, (testee, testee.start())
    except (TesteeError, OSError) as exc:
        if testee is not None:
            testee.close()
        return p, str(exc)


def _columns(participants: Sequence[Participant],
             opened: Mapping[str, tuple[Testee, TesteeInfo]],
             wanted: Iterable[str] | None) -> list[str]:
    """The parsers: every participant offering decode and verify, the first of each package
    (``wanted`` limits them; the reference, the oracle, always stays)."""
    only = set(wanted) if wanted is not None else None
    columns: list[str] = []
    packages: set[str] = set()
    for p in participants:
        if not {"decode", "verify"} <= opened[p.name][1].operations:
            continue
        if (only is not None and p.name not in only | {REFERENCE}) or p.package in packages:
            continue
        packages.update({p.package} - {""})
        columns.append(p.name)
    return columns


def _build(name: str, testee: Testee, info: TesteeInfo,
           cases: Sequence[InteropCase]) -> list[Token]:
    """The tokens one implementation builds for the cases it offers, with their reference
    decoding (or why the reference cannot decode one)."""
    tokens: list[Token] = []
    todo = [c for c in cases if info.supports(c.builder)]
    replies = _ask(testee, [build_request(c.id, c.builder, c.args, SALT, NOW) for c in todo])
    for case in todo:
        reply = replies.get(case.id)
        if isinstance(reply, Answer) and reply.token:
            try:
                fields = ref_decode.decode(reply.token).to_fields()
            except DecodeError as exc:
                fields = {"undecodable": str(exc)}
            tokens.append((case, name, reply.token, fields))
    return tokens


def _parse_all(parser: str, testee: Testee, tokens: Sequence[Token]) -> list[Check]:
    requests: list[Request] = []
    for i, (case, _, token, fields) in enumerate(tokens):
        if "undecodable" in fields:
            continue
        key = str(i)
        requests.append(decode_request(f"{key}/decode", token))
        requests.append(verify_request(f"{key}/verify", {"token": token,
                                                         **_verify_args(case, fields, CERT)}))
        requests.append(verify_request(f"{key}/wrong", {"token": token,
                                                        **_verify_args(case, fields, WRONG_CERT)}))
    replies = _ask(testee, requests)
    checks = []
    for i, (case, builder, _, fields) in enumerate(tokens):
        if "undecodable" in fields:
            problem = f"the reference cannot decode the token: {fields['undecodable']}"
        elif said := _unsupported(replies, str(i)):
            checks.append(Check(case.id, builder, parser, False, said, unsupported=True))
            continue
        else:
            problem = _judge(case, fields, replies, str(i))
        checks.append(Check(case.id, builder, parser, not problem, problem,
                            known_reason(builder, parser, case.id) if problem else None))
    return checks


def _cell_text(checks: Sequence[Check]) -> str:
    """``ok 9/10, 1 known†`` and the like; ``–`` when the builder made no token the parser
    reads, ``unsupported`` when the parser declined every one."""
    if not checks:
        return "–"
    asked = [c for c in checks if not c.unsupported]
    if not asked:
        return "unsupported‡"
    failed = [c for c in asked if not c.ok]
    unexpected = [c for c in failed if c.known is None]
    total = len(asked)
    declined = f", {len(checks) - total} unsupported‡" if len(checks) > total else ""
    if unexpected:
        return f"**FAIL** {total - len(failed)}/{total}{declined}"
    if failed:
        return f"ok {total - len(failed)}/{total}, {len(failed)} known†{declined}"
    return f"ok {total}/{total}{declined}"


def _names(checks: Sequence[Check], attribute: str) -> str:
    return ", ".join(dict.fromkeys(str(getattr(c, attribute)) for c in checks))


def to_markdown(result: InteropResult) -> str:
    """The N x M table (rows: who built the token; columns: who decoded and verified it)."""
    lines = ["| built by \\ parsed by | " + " | ".join(result.parsers) + " |",
             "|---|" + "---|" * len(result.parsers)]
    for builder in result.builders:
        cells = [_cell_text(result.cell(builder, p)) for p in result.parsers]
        lines.append(f"| {builder} | " + " | ".join(cells) + " |")
    lines += ["", f"Cases per cell: {', '.join(c.id for c in CASES)} (those the builder offers, "
              "in the token versions the parser also builds). "
              "A check passes when the parser's decoded fields equal the reference's decoding "
              "of the same token, the token verifies with the right certificate and not with "
              "a wrong one."]
    known = result.known_failures()
    if known:
        lines += ["", "† Expected, explained exceptions (checks; built by, parsed by, cases):",
                  ""]
        for reason in dict.fromkeys(c.known for c in known):
            mine = [c for c in known if c.known == reason]
            lines.append(f"- {reason}. {len(mine)} checks; built by {_names(mine, 'builder')}; "
                         f"parsed by {_names(mine, 'parser')}; {_names(mine, 'case')}")
    unsupported = result.unsupported()
    if unsupported:
        lines += ["", "‡ Not supported by the parser (it answered `unsupported`):", ""]
        for parser in dict.fromkeys(c.parser for c in unsupported):
            mine = [c for c in unsupported if c.parser == parser]
            lines.append(f"- {parser} ({_names(sorted(mine, key=lambda c: c.case), 'case')}): "
                         f"{mine[0].detail}")
    if result.unexpected():
        lines += ["", "Unexpected failures:", ""]
        lines += [f"- {c.builder} → {c.parser} ({c.case}): {c.detail}"
                  for c in result.unexpected()]
    if result.skipped:
        lines += ["", "Not run:", ""]
        lines += [f"- {name}: {why}" for name, why in result.skipped.items()]
    return "\n".join(lines) + "\n"
