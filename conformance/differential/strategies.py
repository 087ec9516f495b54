"""Hypothesis strategies for valid builder inputs, one per parameter kind of ``reference.spec``."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from reference.spec import PARAM_KINDS, BuilderSpec, Param

U32_MAX = 2**32 - 1
# The fake credentials of vectors/_credentials.yaml: a candidate vector must pass the lint.
APP_IDS = ("970CA35de60c44645bbae8a215061b33", "0123456789abcdef0123456789abcdef",
           "DEADBEEFDEADBEEFDEADBEEFDEADBEEF")
CERTS = ("5CFd2fd1755d40ecb72977518be15d3b", "fedcba9876543210fedcba9876543210",
         "ffffffffffffffffffffffffffffffff")

_TEXT_ALPHABET = st.characters(exclude_categories=["Cs"])  # any code point UTF-8 can carry


def _edgy(low: int, high: int, edges: tuple[int, ...]) -> st.SearchStrategy[int]:
    inside = tuple(sorted((e for e in edges if low <= e <= high), key=lambda e: (abs(e), e)))
    return st.one_of(st.sampled_from(inside), st.integers(low, high))


def u32() -> st.SearchStrategy[int]:
    return _edgy(0, U32_MAX, (0, 1, 600, 86400, 2**15, 2**16, 2**31 - 1, 2**31, U32_MAX))


def text() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(("", "0", "test_user", "2882341273", "频道", "a b")),
                     st.text(_TEXT_ALPHABET, max_size=24))


def uid() -> st.SearchStrategy[int]:
    return _edgy(0, U32_MAX, (0, 1, 2882341273, 2**31 - 1, 2**31, U32_MAX))


def _privileges(ids: tuple[int, ...]) -> st.SearchStrategy[dict[str, int]]:
    return st.dictionaries(st.sampled_from(ids).map(str), u32(), max_size=len(ids))


def permissions() -> st.SearchStrategy[list[dict[str, Any]]]:
    entry = st.fixed_dictionaries({
        "resource_type": st.integers(0, 4), "permission_type": st.integers(0, 1),
        "resources": st.lists(text(), max_size=3)})
    return st.lists(entry, max_size=3)


def _service(service_type: int) -> st.SearchStrategy[dict[str, Any]]:
    fields: dict[str, st.SearchStrategy[Any]] = {
        "type": st.just(service_type), "privileges": _privileges((1, 2, 3, 4))}
    if service_type in (1, 3, 6):
        fields.update(channel_name=text(), account=text())
    elif service_type in (2, 5):
        fields["user_id"] = text()
    elif service_type == 7:
        fields.update(room_uuid=text(), user_uuid=text(), role=st.integers(-32768, 32767))
    elif service_type == 8:
        fields.update(user_id=text(), permissions=permissions())
    return st.fixed_dictionaries(fields)


def services() -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(st.integers(1, 10).flatmap(_service), min_size=1, max_size=3)


def steps() -> st.SearchStrategy[list[dict[str, Any]]]:
    step = st.one_of(
        st.fixed_dictionaries({"init_privileges": st.sampled_from(
            ("attendee", "publisher", "subscriber", "admin"))}),
        st.fixed_dictionaries({"set_privilege": st.tuples(
            st.sampled_from((1, 2, 3, 4, 1000)), u32()).map(list)}),
        st.fixed_dictionaries({"remove_privilege": st.sampled_from((1, 2, 3, 4, 1000))}),
    )
    return st.lists(step, max_size=4).map(lambda s: [*s, {"build_token": None}])


_BY_KIND: dict[str, st.SearchStrategy[Any]] = {
    "app_id": st.sampled_from(APP_IDS),
    "app_certificate": st.sampled_from(CERTS),
    "text": text(),
    "uid": uid(),
    "uid_or_account": st.one_of(uid(), text()),
    "seconds": u32(),
    "timestamp": u32(),
    "role2": st.sampled_from(("publisher", "subscriber")),
    "role": st.sampled_from(("attendee", "publisher", "subscriber", "admin")),
    "rtm_role": st.just("rtm_user"),
    "apaas_role": _edgy(-32768, 32767, (-1, 0, 1, 2, 3, -32768, 32767)),
    "permissions": permissions(),
    "services": services(),
    "privileges": _privileges((1, 2, 3, 4, 1000)),
    "steps": steps(),
    "permission": st.sampled_from(("0", "3")),
    "int": u32(),
}
assert set(_BY_KIND) == set(PARAM_KINDS), "a parameter kind has no fuzzing strategy"


def for_param(param: Param) -> st.SearchStrategy[Any]:
    return _BY_KIND[param.kind]


def args_for(spec: BuilderSpec) -> st.SearchStrategy[dict[str, Any]]:
    """Arguments for one builder: every required parameter, each optional one or not."""
    required = {p.name: for_param(p) for p in spec.params if p.required}
    optional = {p.name: for_param(p) for p in spec.params if not p.required}
    return st.fixed_dictionaries(required, optional=optional)


def clock() -> st.SearchStrategy[tuple[int, int]]:
    """(salt, now): the salt over the whole u32 range, now up to 2^32-1-86400 (006 adds a day)."""
    return st.tuples(u32(), _edgy(0, U32_MAX - 86400, (0, 1, 1111111, 1700000000)))
