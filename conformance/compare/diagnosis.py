"""Name the first differing decoded fields of two tokens, and their likely cause."""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Mapping, Sequence
from typing import Any

from reference.access_token2 import SERVICE_NAMES, inflate
from reference.errors import DecodeError, ReasonCode

# Cause id -> explanation. The ids appear in reports; docs/runner.md lists them.
CATALOGUE: dict[str, str] = {
    "uid_rendering": "uid rendering: numeric uid 0 must become \"\" (any uid), other uids "
    "unsigned decimal; a string account is used verbatim (\"0\" stays \"0\")",
    "text_encoding": "text encoding: strings must be UTF-8 (a platform charset such as "
    "ISO-8859-1 was used)",
    "text_field": "a text field (channel, account, user id, uuid) is not the argument given",
    "rtm006_uid_slot": "RTM 006 puts the user id in the channel slot and \"\" in the uid slot "
    "(by design)",
    "role_mapping": "role mapping: the privileges granted for the role differ (006: attendee, "
    "publisher and admin publish, subscriber only joins; 007: only publisher publishes)",
    "privilege_set": "the privilege set differs from the builder's documented set",
    "privilege_order": "privilege order: map entries must be packed in ascending id order",
    "non_canonical_order": "fields decode equal but the bytes differ: privileges or RTM2 "
    "permissions packed out of ascending order",
    "service_order": "service order: services must be packed in stable ascending type order",
    "service_multiplicity": "services of one type collapsed or duplicated (all must be kept)",
    "service_set": "the builder produced a different set of services",
    "apaas_role": "APaaS role: a signed 16-bit value taken verbatim (0 stays 0)",
    "expire_absolute": "007 expiries are seconds relative to issue_ts, not absolute timestamps",
    "expire_value": "an expiry value differs from the argument",
    "salt_not_honoured": "salt not honoured: the case's fixed salt was not used (declare the "
    "builder in verify_mode if it cannot take one)",
    "clock_not_honoured": "clock not honoured: the case's fixed 'now' was not used (declare the "
    "builder in verify_mode if it cannot take one)",
    "ts_offset_006": "006 ts must be now + 86400",
    "signature_only": "signature only: every field matches but the signature differs (HMAC "
    "key derivation, key/message order, certificate text, or the bytes signed)",
    "base64_variant": "base64 variant: use the standard alphabet (+ /) with = padding and no "
    "line breaks",
    "raw_deflate": "raw DEFLATE: the 007 body must be a zlib stream (78 9C header, Adler-32)",
    "zlib_stream": "the 007 body does not inflate as a zlib stream",
    "token_structure": "the token does not decode (length prefix, field width, truncation or "
    "trailing bytes)",
    "version_prefix": "wrong version prefix",
    "app_id_text": "the app id must be packed as given (case preserved)",
    "refused_valid_input": "refused an input the format can carry",
    "accepted_invalid_input": "built a token for an input that must be refused",
    "signature_invalid": "the signature does not verify with the case's certificate over the "
    "token's own salt and timestamp",
    "clock_window": "the timestamp is not within the window of the real clock (local time "
    "instead of UTC, or milliseconds?)",
}


def describe_cause(cause: str) -> str:
    return f"{CATALOGUE[cause]} [{cause}]" if cause in CATALOGUE else cause


def fmt(value: Any) -> str:
    """A value as it appears in messages: strings quoted, structures as compact JSON."""
    if value is _ABSENT:
        return "absent"
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return text if len(text) <= 80 else text[:77] + "..."


_ABSENT = object()
_TOP = ("version", "app_id", "issue_ts", "expire", "salt", "ts", "crc_channel_name", "crc_uid",
        "privileges", "services", "unknown_service_type")


def _service_label(services: Sequence[Mapping[str, Any]], index: int) -> str:
    stype = services[index].get("type")
    name = _service_name(stype)
    same = [i for i, s in enumerate(services) if s.get("type") == stype]
    return f"service {name}" + (f" #{same.index(index) + 1}" if len(same) > 1 else "")


def _privilege_diffs(label: str, want: Any, got: Any) -> list[str]:
    if not isinstance(want, Mapping) or not isinstance(got, Mapping):
        return [f"{label}privileges: want {fmt(want)}, got {fmt(got)}"]
    out = []
    for key in [*want, *(k for k in got if k not in want)]:
        w, g = want.get(key, _ABSENT), got.get(key, _ABSENT)
        if w != g:
            out.append(f"{label}privilege {key} expire: want {fmt(w)}, got {fmt(g)}")
    if not out and list(want) != list(got):
        out.append(f"{label}privilege order: want {','.join(want)}, got {','.join(got)}")
    return out


def _service_name(stype: Any) -> str:
    return SERVICE_NAMES.get(stype, str(stype)) if isinstance(stype, int) else fmt(stype)


def _names(types: Sequence[Any]) -> str:
    return "[" + ", ".join(_service_name(t) for t in types) + "]"


def _service_lists(want: Any, got: Any) -> bool:
    """Whether both are lists of objects (what a decoder must give as ``services``)."""
    return all(isinstance(side, list) and all(isinstance(s, Mapping) for s in side)
               for side in (want, got))


def _service_diffs(want: Any, got: Any) -> list[str]:
    if not _service_lists(want, got):
        return [f"services: want {fmt(want)}, got {fmt(got)}"]
    wtypes, gtypes = [s.get("type") for s in want], [s.get("type") for s in got]
    if wtypes != gtypes:
        return [f"services: want {_names(wtypes)}, got {_names(gtypes)}"]
    out: list[str] = []
    for i, (w, g) in enumerate(zip(want, got, strict=True)):
        label = _service_label(want, i)
        for key in [*w, *(k for k in g if k not in w)]:
            if key == "type":
                continue
            wv, gv = w.get(key, _ABSENT), g.get(key, _ABSENT)
            if key == "privileges":
                out.extend(_privilege_diffs(label + ", ", wv, gv))
            elif wv != gv:
                out.append(f"{label} {key}: want {fmt(wv)}, got {fmt(gv)}")
    return out


def field_differences(
    want: Mapping[str, Any], got: Mapping[str, Any], ignore: frozenset[str] = frozenset()
) -> list[str]:
    """Every differing decoded field in words, in token order; the signature only if alone."""
    out: list[str] = []
    for key in [*_TOP, *(k for k in (*want, *got) if k not in _TOP and k != "signature")]:
        if key in ignore or (key not in want and key not in got):
            continue
        w, g = want.get(key, _ABSENT), got.get(key, _ABSENT)
        if key == "services":
            out.extend(_service_diffs(w, g))
        elif key == "privileges":
            out.extend(_privilege_diffs("", w, g))
        elif w != g:
            out.append(f"{key}: want {fmt(w)}, got {fmt(g)}")
    out = list(dict.fromkeys(out))
    if not out and "signature" not in ignore and want.get("signature") != got.get("signature"):
        out.append(f"signature: want {want.get('signature')}, got {got.get('signature')}")
    return out


def _is_uid_rendering(want: Any, got: Any) -> bool:
    if not isinstance(want, str) or not isinstance(got, str):
        return False
    if {want, got} == {"", "0"} or (got == "" and not want.isdigit()):
        return True
    digits = got.lstrip("-")
    decimal = want.isascii() and digits.isascii() and want.isdigit() and digits.isdigit()
    return decimal and len(got) < 40 and len(want) < 40 and \
        int(got) % 2**32 == int(want) % 2**32


def _is_encoding(want: Any, got: Any) -> bool:
    if not isinstance(want, str) or want.isascii():
        return False
    raw = want.encode("utf-8")
    return got in (raw.decode("latin-1"), want.encode("latin-1", "replace").decode("latin-1"),
                   want.encode("ascii", "replace").decode("ascii")) or (
        isinstance(got, Mapping) and got.get("hex") not in (None, raw.hex()))


def _text_cause(key: str, want: Any, got: Any) -> str:
    if _is_encoding(want, got):
        return "text_encoding"
    if key in ("account", "uid") and _is_uid_rendering(want, got):
        return "uid_rendering"
    return "text_field"


def _expiry_cause(want: Any, got: Any, issue_ts: Any) -> str:
    if isinstance(want, int) and isinstance(got, int):
        shifted = isinstance(issue_ts, int) and issue_ts > 0 and got - want == issue_ts
        if shifted or got >= 1_000_000_000 > want:
            return "expire_absolute"
    return "expire_value"


def _service_causes(want: list[Any], got: list[Any], issue_ts: Any) -> list[str]:
    wtypes, gtypes = [s.get("type") for s in want], [s.get("type") for s in got]
    if wtypes != gtypes:
        if sorted(map(str, wtypes)) == sorted(map(str, gtypes)):
            return ["service_order"]
        if set(map(str, wtypes)) == set(map(str, gtypes)):
            return ["service_multiplicity"]
        return ["service_set"]
    causes: list[str] = []
    for w, g in zip(want, got, strict=True):
        wp, gp = w.get("privileges", {}), g.get("privileges", {})
        if isinstance(wp, Mapping) and isinstance(gp, Mapping):
            if set(wp) != set(gp):
                causes.append("role_mapping" if w.get("type") == 1 else "privilege_set")
            elif any(wp[k] != gp[k] for k in wp):
                causes.extend(_expiry_cause(wp[k], gp[k], issue_ts) for k in wp if wp[k] != gp[k])
        for key in w:
            if key in ("type", "privileges") or w.get(key) == g.get(key):
                continue
            causes.append("apaas_role" if key == "role" else
                          _text_cause(key, w.get(key), g.get(key)))
    return causes


def field_causes(
    want: Mapping[str, Any], got: Mapping[str, Any], ignore: frozenset[str] = frozenset()
) -> list[str]:
    """Likely causes (catalogue ids) of the differences between two decoded tokens."""
    causes: list[str] = []
    keys = dict.fromkeys((*want, *got))
    differs = [k for k in keys if k not in ignore and want.get(k) != got.get(k)]
    if "version" in differs:
        return ["version_prefix"]
    for key in differs:
        w, g = want.get(key), got.get(key)
        if key == "app_id":
            causes.append("app_id_text")
        elif key == "salt":
            causes.append("salt_not_honoured")
        elif key == "issue_ts":
            causes.append("clock_not_honoured")
        elif key == "ts":
            offset = isinstance(w, int) and isinstance(g, int) and abs(w - g) == 86_400
            causes.append("ts_offset_006" if offset else "clock_not_honoured")
        elif key == "expire":
            causes.append(_expiry_cause(w, g, want.get("issue_ts")))
        elif key == "services" and isinstance(w, list) and isinstance(g, list) \
                and _service_lists(w, g):
            causes.extend(_service_causes(w, g, want.get("issue_ts")))
        elif key == "services":
            causes.append("service_set")
        elif key == "privileges" and isinstance(w, Mapping) and isinstance(g, Mapping):
            causes.append("role_mapping" if set(w) != set(g) else "privilege_set")
        elif key == "crc_uid" and want.get("crc_channel_name") == g and w == 0:
            causes.append("rtm006_uid_slot")
        elif key == "crc_uid":
            causes.append("uid_rendering")
        elif key == "crc_channel_name":
            causes.append("rtm006_uid_slot" if got.get("crc_uid") == w else "text_field")
    if isinstance(want.get("privileges"), Mapping) and isinstance(got.get("privileges"), Mapping) \
            and want["privileges"] == got["privileges"] \
            and list(want["privileges"]) != list(got["privileges"]):
        causes.append("privilege_order")
    if differs == ["signature"]:
        causes.append("signature_only")
    return list(dict.fromkeys(causes))


def container_causes(token: str, version: str) -> list[str]:
    """Causes visible in the token text itself: prefix, base64 alphabet, raw DEFLATE."""
    if not token.startswith(version):
        return ["version_prefix"]
    body = token[len(version) + (32 if version == "006" else 0):]
    causes = []
    if any(c in body for c in "-_ \n\r") or len(body) % 4:
        causes.append("base64_variant")
    if version == "007":
        try:  # leniently, as the strict decoder refuses the variants named here
            raw = base64.urlsafe_b64decode(body.strip() + "=" * (-len(body) % 4))  # takes + / too
        except ValueError:
            return causes
        try:
            inflate(raw)
        except DecodeError as exc:
            if exc.reason is ReasonCode.BAD_ZLIB:
                try:
                    zlib.decompress(raw, -15)
                    causes.append("raw_deflate")
                except zlib.error:
                    causes.append("zlib_stream")
    return causes
