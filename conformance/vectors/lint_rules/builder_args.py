"""Rule `builder-args`: known builder ids, and args naming only that builder's parameters."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from conformance.vectors.case import Case
from conformance.vectors.expect import DECODE, INVALID_INPUT, VERIFY
from conformance.vectors.load import VectorError, unknown_builders

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "builder-args"
DESCRIPTION = "builder ids exist; args use the builder's parameter names with the right types"

# Operations that are not builders: (required, optional) argument names.
OPERATIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    DECODE: (frozenset({"token"}), frozenset()),
    VERIFY: (frozenset({"token", "app_certificate", "now"}),
             frozenset({"channel_name", "uid"})),
}

# Parameter kind -> the YAML types a value of that kind may have. A mismatch is almost always
# a YAML accident (an unquoted "0" account), so it is allowed only in cases expecting a refusal.
_KIND_TYPES: dict[str, tuple[type, ...]] = {
    "app_id": (str,), "app_certificate": (str,), "text": (str,), "uid": (int,),
    "uid_or_account": (int, str), "seconds": (int,), "timestamp": (int,), "role2": (str,),
    "role": (str,), "rtm_role": (str,), "apaas_role": (int,), "permissions": (list,),
    "services": (list,), "privileges": (dict,), "steps": (list,), "permission": (str,),
    "int": (int,),
}


def _type_ok(value: Any, kind: str) -> bool:
    types = _KIND_TYPES.get(kind)
    if types is None or value is None:
        return True
    if isinstance(value, bool):
        return bool in types
    return isinstance(value, types)


def _params(builder: str) -> tuple[dict[str, str], frozenset[str]] | None:
    """(name -> kind, required names) of a builder, or None when unknown."""
    if builder in OPERATIONS:
        required, optional = OPERATIONS[builder]
        return {name: "" for name in required | optional}, required
    from reference.registry import BUILDERS

    spec = BUILDERS.get(builder)
    if spec is None:
        return None
    kinds = {p.name: p.kind for p in spec.params}
    required = frozenset(p.name for p in spec.params if p.required and p.default is None)
    return kinds, required


def check_case(case: Case) -> Iterator[VectorError]:
    params = _params(case.builder)
    if params is None:
        return  # an unknown builder id (reported by check)
    kinds, required = params
    args: Mapping[str, Any] = case.args
    for name in sorted(set(args) - set(kinds)):
        yield VectorError(case.file, case.id, f"args.{name}",
                          f"not a parameter of {case.builder} (expected one of "
                          f"{', '.join(sorted(kinds))})")
    refused = case.expect.error == INVALID_INPUT
    for name in sorted(required - set(args)):
        if not refused:
            yield VectorError(case.file, case.id, f"args.{name}", "required argument missing")
    for name, value in args.items():
        kind = kinds.get(name)
        if kind and not refused and not _type_ok(value, kind):
            yield VectorError(case.file, case.id, f"args.{name}",
                              f"{type(value).__name__} value {value!r} for a {kind} parameter "
                              "(quote strings such as \"0\" in YAML)")


def check(ctx: LintContext) -> Iterator[VectorError]:
    for vf in ctx.valid_files:
        yield from unknown_builders(vf)
        for case in vf.cases:
            yield from check_case(case)
