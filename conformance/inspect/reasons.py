"""The catalogue of inspect reason codes: what each means and the one-sentence fix."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """``invalid`` makes the verdict invalid (exit 1); ``needs_input`` asks for more (exit 2)."""

    INVALID = "invalid"
    NEEDS_INPUT = "needs_input"
    NOTE = "note"


@dataclass(frozen=True)
class Reason:
    """One reason code: its meaning (for ``--help`` and docs) and the usual fix."""

    code: str
    meaning: str
    fix: str
    severity: Severity = Severity.INVALID


_ALL = (
    # damage found in the text before decoding
    Reason("surrounding_whitespace", "spaces or line breaks around the token",
           "Remove the spaces and line breaks around the token."),
    Reason("quoted", "the token is wrapped in quotes",
           "Remove the quotes around the token (they came with a JSON, shell or code copy)."),
    Reason("line_breaks", "line breaks inside the token",
           "Join the lines: the token was wrapped by an e-mail, terminal or editor."),
    Reason("invisible_characters", "zero-width or other invisible characters inside the token",
           "Delete the invisible characters (a rich-text editor or chat app added them)."),
    Reason("percent_encoded", "URL percent-encoding (%2B, %2F, %3D) inside the token",
           "URL-decode the token once (%2B is +, %2F is /, %3D is =) before using it."),
    Reason("plus_as_space", "spaces where the token had '+'",
           "Put '+' back for every space, and URL-encode the token (encodeURIComponent) "
           "whenever it travels in a URL query."),
    Reason("url_safe_base64", "'-' and '_' where the token had '+' and '/'",
           "Translate '-' back to '+' and '_' to '/': something re-encoded the token as "
           "URL-safe base64."),
    Reason("missing_padding", "the '=' padding at the end of the token was removed",
           "Add the trailing '=' characters back (the token length must be a multiple of 4 "
           "after the prefix)."),
    Reason("missing_prefix", "the version prefix ('007', '006', ...) is missing or damaged",
           "Put the version prefix back: a token starts with '007' (AccessToken2) or '006' "
           "(AccessToken)."),
    Reason("truncated", "the token was cut short",
           "Copy the whole token again: it lost its end in a copy and paste, a database "
           "column or a log line too short for it."),
    # decoding failures that damage detection could not name more precisely
    Reason("bad_version", "the text does not start with a known token prefix",
           "Check this is an Agora token: it starts with 007, 006, 005, 004, 003 or 1:."),
    Reason("bad_base64", "the text after the prefix is not valid base64",
           "The token was altered; copy it again from where it was built."),
    Reason("bad_zlib", "the compressed 007 payload is corrupt",
           "The token was altered; copy it again from where it was built."),
    Reason("trailing_bytes", "bytes or characters follow the end of the token",
           "Remove what was appended to the token (two tokens pasted together?)."),
    Reason("bad_app_id", "the app id inside the token is not 32 hexadecimal characters",
           "Build the token with the 32-character app id from the Agora console."),
    Reason("bad_field", "a field inside the token has an impossible value",
           "The token was altered; copy it again from where it was built."),
    # checks of a decoded token
    Reason("expired", "the token has expired",
           "Build a new token; renew it before it expires (onTokenPrivilegeWillExpire)."),
    Reason("privilege_expired", "a privilege has expired while the token is still valid",
           "Build a new token with a later privilege expiry (privilege_expire)."),
    Reason("app_id_mismatch", "the token is for another app id",
           "Build the token with the app id and certificate of the project the client uses."),
    Reason("channel_mismatch", "the token is for another channel name",
           "Build the token for the exact channel name the client joins (case and spaces "
           "count)."),
    Reason("uid_mismatch", "the token is for another uid or account",
           "Build the token for the uid or account the client uses; uid 0 (any uid) and "
           "account '0' are different."),
    Reason("service_missing", "the token has no service of the requested kind",
           "Build the token with the builder of that service (for example RtmTokenBuilder "
           "for RTM)."),
    Reason("privilege_missing", "the token does not grant the requested privilege",
           "Build the token with a role or privileges that include it (for example "
           "Publisher to publish)."),
    Reason("bad_signature", "the signature does not match",
           "Use the certificate of the token's app id, and do not edit the token after it "
           "was built."),
    # asking for more input
    Reason("needs_channel_and_uid", "the signature covers a channel name and uid the token "
           "does not carry", "Pass --channel-name and --uid or --account to verify it.",
           Severity.NEEDS_INPUT),
    Reason("needs_account", "the signature covers an account the token does not carry",
           "Pass --account to verify it.", Severity.NEEDS_INPUT),
)

REASONS: dict[str, Reason] = {reason.code: reason for reason in _ALL}
"""Every reason code ``inspect`` can report, in the order the docs list them."""


@dataclass(frozen=True)
class Finding:
    """One reason found in one token: the code, what exactly is wrong, and the fix."""

    code: str
    message: str
    fix: str = ""

    @property
    def severity(self) -> Severity:
        return REASONS[self.code].severity

    @property
    def fix_text(self) -> str:
        """The specific fix if one was given, else the code's usual fix."""
        return self.fix or REASONS[self.code].fix

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity.value, "message": self.message,
                "fix": self.fix_text}


def finding(code: str, message: str, fix: str = "") -> Finding:
    """A :class:`Finding`, refusing codes missing from the catalogue (a programming error)."""
    if code not in REASONS:
        raise KeyError(f"unknown inspect reason code {code!r}")
    return Finding(code, message, fix)


def help_table() -> str:
    """The reason codes as ``--help`` lists them: one line each."""
    width = max(len(code) for code in REASONS)
    return "\n".join(f"  {r.code:<{width}}  {r.meaning}" for r in REASONS.values())
