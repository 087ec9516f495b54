"""The random salt of 006 and 007 tokens: cryptographically secure, uniform in 1..99 999 999."""

from __future__ import annotations

import os
import struct

SALT_MAX = 99_999_999
"""Canonical random salt range is 1..SALT_MAX (Python and Perl upstream, D-10)."""

_U32S = struct.Struct("<I")
_SALT_LIMIT = (2**32 // SALT_MAX) * SALT_MAX  # rejection bound: keeps the draw uniform
_salt_pool: list[int] = []
os.register_at_fork(after_in_child=_salt_pool.clear)  # a forked worker never reuses salts


def random_salt() -> int:
    """A cryptographically secure salt, uniform in the canonical range 1..99 999 999.

    Same distribution as ``secrets.randbelow(SALT_MAX) + 1``, but drawn from ``os.urandom``
    in batches (``list.pop`` is atomic, so threads never share a salt): one urandom call per
    call dominated the cost of building a token.
    """
    while True:
        try:
            return _salt_pool.pop()
        except IndexError:
            raw = os.urandom(4096)
            _salt_pool.extend(v % SALT_MAX + 1 for (v,) in _U32S.iter_unpack(raw)
                              if v < _SALT_LIMIT)
