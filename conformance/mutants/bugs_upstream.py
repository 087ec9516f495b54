"""Mutants for bugs found by running Agora's own 007 ports on the vectors: privilege ids sorted
as strings (Perl), an expiry of 2^32 packed as 0 and an APaaS role of 32,768 wrapped (PHP,
Ruby), a packer that grows its buffer once (C++)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from conformance.mutants.base import Call, Mutant, mutant, patched, rebound
from conformance.mutants.bugs_007 import ALL_007, PACKERS, privilege_maps
from reference._wire import U32_MAX, u16, u32
from reference.registry import BUILDERS

Fn = Callable[..., Any]


def string_order_privileges(privileges: Mapping[int, int]) -> bytes:
    """``map32`` with ids in string order ("1" < "10" < "2"), as Perl's ``sort keys``."""
    return u16(len(privileges)) + b"".join(u16(k) + u32(privileges[k])
                                            for k in sorted(privileges, key=str))


@mutant("M58", "PRIV_STRING_ORDER", "ordering", "privilege ids are sorted as strings, so 10 "
        "comes before 2 (006 and 007 maps)", "D5, D-13 (Perl AccessToken.pm:134 sort keys)",
        "access_token2/builders2.pack_privileges, access_token.map32",
        inputs=("privileges", "services", "steps"))
def _m58(call: Call) -> Iterator[Call]:
    with privilege_maps(string_order_privileges):
        yield call


def _low32(value: Any) -> Any:
    return value & U32_MAX if type(value) is int and value > U32_MAX else value


@mutant("M59", "EXPIRE_U32_WRAP", "expiry semantics", "an expiry over 2^32-1 keeps its low 32 "
        "bits (2^32 is packed as 0, a token that never expires) instead of being refused",
        "H7 (PHP Util::packUint32 pack('V'), Util.php:45; Ruby pack('L<'))",
        "arguments of kind 'seconds' reduced modulo 2^32", builders=ALL_007,
        inputs=("seconds",))
def _m59(call: Call) -> Iterator[Call]:
    spec = BUILDERS.get(call.builder)
    if spec is None:
        yield call
        return
    yield call.with_args(**{p.name: _low32(call.args[p.name]) for p in spec.params
                            if p.kind == "seconds" and p.name in call.args})


@mutant("M60", "ROLE_I16_WRAP", "roles", "an APaaS role of 32768 wraps to -32768 instead of "
        "being refused", "PHP Util::packInt16 pack('s') (Util.php:63), Ruby pack('s<')",
        "access_token2/builders2.pack_i16", builders=ALL_007,
        inputs=("apaas_role", "services"))
def _m60(call: Call) -> Iterator[Call]:
    def make(orig: Fn) -> Fn:
        def wrapping(value: int, field_name: str) -> bytes:
            if type(value) is int and 0x7FFF < value <= 0xFFFF:
                value -= 0x10000
            out: bytes = orig(value, field_name)
            return out
        return wrapping
    with patched(*rebound(PACKERS, "pack_i16", make)):
        yield call


GROWN = 4 * 1024 - 2  # the C++ Packer's 1,024-byte buffer after its one growth, less a u16


@mutant("M64", "PACKER_GROWS_ONCE", "text encoding", "the packer grows its 1,024-byte buffer "
        "once (x4), so a text over 4 KiB overruns it: its bytes past the buffer are lost",
        "I6 (C++ Packer::check_size, Packer.h, resizes once per push: heap overflow)",
        "pack_text (007): bytes past 4,094 come out as zeros", builders=ALL_007,
        inputs=("text", "services"))
def _m64(call: Call) -> Iterator[Call]:
    def make(orig: Fn) -> Fn:
        def overrun(value: Any, name: str) -> bytes:
            out: bytes = orig(value, name)
            if len(out) - 2 > GROWN:
                return out[:2 + GROWN] + bytes(len(out) - 2 - GROWN)
            return out
        return overrun
    with patched(*rebound(PACKERS, "pack_text", make)):
        yield call


MUTANTS: tuple[Mutant, ...] = (_m58, _m59, _m60, _m64)
