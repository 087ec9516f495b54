"""Rule `property-gaps`: no builder lacks a vector for a property its format's others test."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from conformance.vectors.case import Case
from conformance.vectors.load import VectorError

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "property-gaps"
DESCRIPTION = ("every builder that can take a property (text over 1,024 bytes, a uid shorter "
               "than 10 digits, mixed-width privilege ids, non-ASCII text, zero and maximum "
               "expiries) has a vector with it when another builder of its token format has one")

U32_MAX = 2**32 - 1
TEXT_KINDS = frozenset({"text"})
UID_KINDS = frozenset({"uid", "uid_or_account", "int"})
MAP_KINDS = frozenset({"services", "privileges"})
EXPIRY_KINDS = frozenset({"seconds", "timestamp"})


@dataclass(frozen=True)
class Property:
    """A property a builder can take (a parameter of one of ``kinds`` whose name contains
    ``named``) and a case can test."""

    name: str
    kinds: frozenset[str]
    holds: Callable[[Case, Mapping[str, str]], bool]  # (case, parameter name -> kind)
    named: str = ""

    def takes(self, kinds: Mapping[str, str]) -> bool:
        return any(kind in self.kinds and self.named in name for name, kind in kinds.items())


def _values(case: Case, kinds: Mapping[str, str], wanted: frozenset[str]) -> list[Any]:
    return [v for k, v in case.args.items() if kinds.get(k) in wanted]


def _long_text(case: Case, kinds: Mapping[str, str]) -> bool:
    return any(isinstance(v, str) and len(v.encode("utf-8")) > 1024
               for v in _values(case, kinds, TEXT_KINDS))


def _non_ascii(case: Case, kinds: Mapping[str, str]) -> bool:
    return any(isinstance(v, str) and not v.isascii() for v in _values(case, kinds, TEXT_KINDS))


def _short_uid(case: Case, kinds: Mapping[str, str]) -> bool:
    uid = case.args.get("uid")
    return kinds.get("uid") in UID_KINDS and type(uid) is int and 0 < uid < 10**9


def _privilege_ids(value: Any) -> Iterator[list[str]]:
    """Every privilege map's ids in a decoded token's fields (006 and each 007 service)."""
    if isinstance(value, Mapping):
        privileges = value.get("privileges")
        if isinstance(privileges, Mapping):
            yield [str(k) for k in privileges]
        for item in value.get("services") or ():
            yield from _privilege_ids(item)


def _mixed_width(case: Case, kinds: Mapping[str, str]) -> bool:
    return any(len({len(i) for i in ids}) > 1 for ids in _privilege_ids(case.expect.fields))


def _expiries(case: Case, kinds: Mapping[str, str]) -> list[Any]:
    return [v for k, v in case.args.items() if kinds.get(k) in EXPIRY_KINDS and "exp" in k]
    # ("exp": expire, expired_ts, privilege_expire...; not the legacy keys' unix_ts)


PROPERTIES = (
    Property("text over 1,024 bytes", TEXT_KINDS, _long_text),
    Property("non-ASCII text", TEXT_KINDS, _non_ascii),
    Property("a uid shorter than 10 digits", UID_KINDS, _short_uid, "uid"),
    Property("mixed-width privilege ids", MAP_KINDS, _mixed_width),
    Property("a zero expiry", EXPIRY_KINDS, lambda c, k: 0 in _expiries(c, k), "exp"),
    Property("the maximum expiry (2^32-1)", EXPIRY_KINDS,
             lambda c, k: U32_MAX in _expiries(c, k), "exp"),
)


def token_format(cases: list[Case]) -> str:
    """The token format a builder writes, read from its expected tokens: 007, 006 or legacy
    (the builder's family when no case expects a token)."""
    for case in cases:
        token = case.expect.token or ""
        if token:
            return token[:3] if token[:3] in ("007", "006") else "legacy"
    return cases[0].family


def gaps(cases_by_builder: Mapping[str, list[Case]]) -> Iterator[tuple[str, str, str]]:
    """``(builder, property, a builder of the same format that has it)`` for every gap."""
    from reference.registry import BUILDERS

    groups: dict[str, list[str]] = {}
    for builder, cases in cases_by_builder.items():
        if builder in BUILDERS:
            groups.setdefault(token_format(cases), []).append(builder)
    kinds = {b: {p.name: p.kind for p in BUILDERS[b].params} for b in cases_by_builder
             if b in BUILDERS}
    for builders in groups.values():
        for prop in PROPERTIES:
            able = [b for b in builders if prop.takes(kinds[b])]
            holders = [b for b in able if any(
                c.expect.error is None and prop.holds(c, kinds[b]) for c in cases_by_builder[b])]
            for builder in able:
                if holders and builder not in holders:
                    yield builder, prop.name, holders[0]


def check(ctx: LintContext) -> Iterator[VectorError]:
    cases_by_builder: dict[str, list[Case]] = {}
    for vf in ctx.valid_files:
        for case in vf.cases:
            cases_by_builder.setdefault(case.builder, []).append(case)
    for builder, prop, holder in gaps(cases_by_builder):
        where = cases_by_builder[builder][0].file
        yield VectorError(where, None, "builder", f"{builder} has no vector with {prop}, which "
                          f"{holder} (same token format) tests: add one")
