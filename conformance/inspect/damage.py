"""Damage a token's text picks up in transit (quotes, spaces, %2B, line breaks) and its repair."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from conformance.inspect.reasons import Finding, finding
from reference.decode import decode
from reference.errors import DecodeError

PREFIXES = ("007", "006", "005", "004", "003", "1:")
BASE64_PREFIXES = ("007", "006", "005")
"""Families whose body is base64 (the others are hex, decimal and ':' text)."""
QUOTES = "\"'`“”‘’«»"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_LINE_BREAK = re.compile(r"[\r\n]+[ \t]*")
_ZLIB_START = re.compile(r"e[AFJN]")  # base64 of a zlib header (0x78 then 0x01/5e/9c/da)
_BARE_006 = re.compile(r"[0-9A-Fa-f]{32}IA")  # app id then base64 of u16(32): a 006 body
_APP_ID_006 = re.compile(r"006([0-9A-Fa-f]*)")


@dataclass(frozen=True)
class Damage:
    """What was found in the text, and the text with every repairable damage undone."""

    original: str
    repaired: str
    findings: tuple[Finding, ...]


Step = Callable[[str], "tuple[str, Finding] | None"]


def _surrounding_whitespace(text: str) -> tuple[str, Finding] | None:
    stripped = text.strip()
    if stripped == text:
        return None
    where = [side for side, cut in (("before", len(text) - len(text.lstrip())),
                                    ("after", len(text) - len(text.rstrip()))) if cut]
    return stripped, finding("surrounding_whitespace",
                             f"whitespace {' and '.join(where)} the token")


def _quoted(text: str) -> tuple[str, Finding] | None:
    if len(text) < 2 or text[0] not in QUOTES or text[-1] not in QUOTES:
        return None
    return text[1:-1].strip(), finding("quoted", f"the token is wrapped in {text[0]}...{text[-1]}")


def _invisible(text: str) -> tuple[str, Finding] | None:
    count = sum(text.count(c) for c in INVISIBLE)
    if not count:
        return None
    cleaned = "".join(c for c in text if c not in INVISIBLE)
    return cleaned, finding("invisible_characters", f"{count} invisible character(s) inside")


def _line_breaks(text: str) -> tuple[str, Finding] | None:
    breaks = len(_LINE_BREAK.findall(text))
    if not breaks:
        return None
    return _LINE_BREAK.sub("", text), finding("line_breaks", f"{breaks} line break(s) inside")


def _percent_encoded(text: str) -> tuple[str, Finding] | None:
    found = sorted({m.upper() for m in _PERCENT.findall(text)})
    if not found:
        return None
    decoded, rounds = text, 0
    while _PERCENT.search(decoded) and rounds < 3:
        decoded, rounds = unquote(decoded), rounds + 1
    times = "" if rounds == 1 else f" (encoded {rounds} times)"
    return decoded, finding("percent_encoded", f"URL percent-encoding {', '.join(found)}{times}")


def _plus_as_space(text: str) -> tuple[str, Finding] | None:
    if " " not in text or not _base64_or_unknown(text):
        return None
    count = text.count(" ")
    return text.replace(" ", "+"), finding(
        "plus_as_space", f"{count} space(s) inside the token where '+' belongs (a URL query "
                         "decoded '+' as a space)")


def _missing_prefix(text: str) -> tuple[str, Finding] | None:
    if text.startswith(PREFIXES):
        return None
    bare_006 = _BARE_006.search(text[:40])
    if bare_006 is not None and bare_006.start() <= 3:
        kept = text[:bare_006.start()]
        return "006" + text[bare_006.start():], finding(
            "missing_prefix", _prefix_message("006", kept))
    start = _ZLIB_START.search(text[:5])
    if start is not None and (start.start() == 0 or text[:start.start()].isdigit()):
        kept = text[:start.start()]
        return "007" + text[start.start():], finding(
            "missing_prefix", _prefix_message("007", kept))
    return None


def _prefix_message(prefix: str, kept: str) -> str:
    if not kept:
        return f"the token lacks its '{prefix}' prefix (its body is a {prefix} token's)"
    return f"the token starts with {kept!r} where '{prefix}' belongs"


def _url_safe(text: str) -> tuple[str, Finding] | None:
    if not text.startswith(BASE64_PREFIXES):
        return None
    body = text[35:] if text.startswith("006") else text[3:]
    if not ("-" in body or "_" in body) or "+" in body or "/" in body:
        return None
    head = text[: len(text) - len(body)]
    return head + body.translate(str.maketrans("-_", "+/")), finding(
        "url_safe_base64", "'-' or '_' inside the base64 body where '+' and '/' belong")


def _missing_padding(text: str) -> tuple[str, Finding] | None:
    if not text.startswith(BASE64_PREFIXES) or text.endswith("="):
        return None
    body = text[35:] if text.startswith("006") else text[3:]
    missing = -len(body) % 4
    if missing not in (1, 2):
        return None
    padded = text + "=" * missing
    if not _decodes(padded):
        return None  # not a padding problem: the token was cut (explained after decoding)
    return padded, finding("missing_padding", f"{missing} trailing '=' removed")


STEPS: tuple[Step, ...] = (_surrounding_whitespace, _quoted, _invisible, _line_breaks,
                           _percent_encoded, _plus_as_space, _missing_prefix, _url_safe,
                           _missing_padding)
"""Applied in order, each to the previous step's output."""


def find_damage(text: str) -> Damage:
    """Every repairable damage in ``text``; nothing is reported for text that already decodes."""
    if _decodes(text):
        return Damage(text, text, ())
    repaired, found = text, []
    for step in STEPS:
        result = step(repaired)
        if result is not None:
            repaired = result[0]
            found.append(result[1])
    return Damage(text, repaired, tuple(found))


def app_id_damage(text: str) -> Finding | None:
    """A 006 token whose app id part is not 32 hex characters (not repairable)."""
    match = _APP_ID_006.match(text)
    if match is None:
        return None
    run = match.group(1)
    after = text[match.end():match.end() + 1]
    if len(run) == 32 and after == "I":
        return None
    if len(run) < 32 and after not in ("I", ""):
        return finding("bad_app_id", f"character {after!r} at position {len(run)} of the app id "
                                     "is not hexadecimal")
    return finding("bad_app_id", f"the app id part of the token is {len(run)} hex characters, "
                                 "not 32")


def _base64_or_unknown(text: str) -> bool:
    return text.startswith(BASE64_PREFIXES) or not text.startswith(PREFIXES)


def _decodes(text: str) -> bool:
    try:
        decode(text)
    except DecodeError:
        return False
    return True
