"""SimpleTokenBuilder properties: re-init round trip, ascending order, edits as a model."""

from __future__ import annotations

import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from reference import access_token
from reference.simple_token_builder import SimpleTokenBuilder

hex32 = st.text(alphabet="0123456789abcdefABCDEF", min_size=32, max_size=32)
u32 = st.integers(0, 2**32 - 1)
ids = st.integers(0, 65535)
uids = st.one_of(u32, st.text(max_size=20))
# docs/simple-token-builder.md §4.2: the ids each preset installs (every value 0), restated from the
# spec so that the model does not take its expectation from the code under test
PRESET_IDS: dict[str, tuple[int, ...]] = {
    "attendee": (1, 2, 3, 4), "publisher": (1, 2, 3, 4, 5, 6, 10, 11, 12),
    "subscriber": (1, 7, 8, 9), "admin": (1, 2, 3, 4, 101),
}
roles = st.sampled_from(sorted(PRESET_IDS))
edits = st.lists(st.one_of(
    st.tuples(st.just("init"), roles),
    st.tuples(st.just("set"), st.tuples(ids, u32)),
    st.tuples(st.just("remove"), ids),
), max_size=12)


@settings(max_examples=100, deadline=None)
@given(hex32, hex32, st.text(max_size=30), uids, edits, u32, u32)
def test_edits_model_reinit_identity(app_id: str, cert: str, channel: str, uid: int | str,
                                     steps: list[tuple[str, object]], salt: int,
                                     ts: int) -> None:
    builder = SimpleTokenBuilder(app_id, cert, channel, uid, salt=salt, ts=ts)
    model: dict[int, int] = {}
    for kind, value in steps:
        if kind == "init":
            builder.init_privileges(value)  # type: ignore[arg-type]
            model = dict.fromkeys(PRESET_IDS[value], 0)  # type: ignore[index]
        elif kind == "set":
            key, expire = value  # type: ignore[misc]
            builder.set_privilege(key, expire)
            model[key] = expire
        else:
            builder.remove_privilege(value)  # type: ignore[arg-type]
            model.pop(value, None)  # type: ignore[call-overload]
    token = builder.build_token()
    fields = access_token.parse(token).to_fields()
    assert fields["privileges"] == {str(k): model[k] for k in sorted(model)}
    assert (fields["salt"], fields["ts"], fields["app_id"]) == (salt, ts, app_id)
    uid_text = uid if isinstance(uid, str) else ("" if uid == 0 else str(uid))
    assert fields["crc_uid"] == zlib.crc32(uid_text.encode())

    other = SimpleTokenBuilder("0" * 32, cert, channel, uid)
    result = other.init_token_builder(token)
    assert result.ok and result.channel_matches and result.uid_matches and result.signature_valid
    assert other.build_token() == token
