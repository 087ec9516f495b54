"""The uid rule shared by every format: numeric uid -> account text."""

from __future__ import annotations

from reference._wire import U32_MAX
from reference.errors import InvalidInput


def account_from_uid(uid: int, field: str = "uid") -> str:
    """Numeric uid 0 means "any uid" and becomes ``""``; others become unsigned decimal.

    ``bool`` and values outside 0..2**32-1 are refused: the wire format carries a u32.
    """
    if type(uid) is int and 0 < uid <= U32_MAX:  # the usual case, checked first
        return str(uid)
    if isinstance(uid, bool) or not isinstance(uid, int):
        raise InvalidInput(field, f"expected an integer uid, got {type(uid).__name__}")
    if not 0 <= uid <= U32_MAX:
        raise InvalidInput(field, f"uid {uid} is outside 0..4294967295")
    return str(uid) if uid else ""


def account_from_uid_or_account(value: int | str, field: str = "uid") -> str:
    """An integer follows the uid rule; a string is used verbatim (so ``"0"`` stays ``"0"``)."""
    if isinstance(value, str):
        return value
    return account_from_uid(value, field)
