"""The signature check, and when it fails, what the rest of the token says about why."""

from __future__ import annotations

from dataclasses import dataclass

from conformance.inspect.checks import token_app_id
from conformance.inspect.identity import IdentityCheck
from conformance.inspect.reasons import Finding, finding
from reference.decode import Decoded, verify
from reference.errors import DecodeError, ReasonCode

_NOT_CARRIED = {
    "003": "the channel name is signed but not carried, so a wrong --channel-name also gives "
           "this",
    "004": "the channel name and uid are signed but not carried, so a wrong --channel-name or "
           "--uid also gives this",
    "005": "the channel name and uid are signed but not carried, so a wrong --channel-name or "
           "--uid also gives this",
    "1": "the account is signed but not carried, so a wrong --account also gives this",
    "006": "the channel name and uid match the token's CRC32s",
}


@dataclass(frozen=True)
class SignatureCheck:
    """One line for the status, and the findings (none when valid or not checked)."""

    status: str
    findings: tuple[Finding, ...] = ()


def check_signature(token: str, decoded: Decoded, certificate: str | None,
                    identity: IdentityCheck, prior: list[Finding],
                    expected_app_id: str | None) -> SignatureCheck:
    """Verify with ``certificate`` and the channel/uid from ``identity``; ``prior`` are the
    findings so far, which may already explain a mismatch."""
    if certificate is None:
        return SignatureCheck("signature not checked (no --certificate)")
    missing = _missing_input(decoded.version, identity)
    if missing is not None:
        return SignatureCheck("signature not checked (needs more input)", (missing,))
    if decoded.version == "006" and any(f.code in ("channel_mismatch", "uid_mismatch")
                                        for f in prior):
        return SignatureCheck("signature not checked (the channel name or uid does not match "
                              "the token's CRC32s)")
    try:
        verify(token, certificate, channel_name=identity.channel_name, uid=identity.who)
    except DecodeError as exc:
        if exc.reason is ReasonCode.BAD_APP_ID:  # reported by checks.check_expectations
            return SignatureCheck("signature not checked (the app id is not 32 hex characters)")
        explained = _explain(decoded, certificate, prior, expected_app_id)
        return SignatureCheck("INVALID (bad_signature)", (finding("bad_signature", explained),))
    return SignatureCheck("signature valid")


def _missing_input(version: str, identity: IdentityCheck) -> Finding | None:
    channel, who = identity.channel_name, identity.who
    if version == "1" and not isinstance(who, str):
        return finding("needs_account", "a SignalingToken signature covers the account: pass "
                                        "--account")
    if version == "006" and (channel is None or who is None):
        absent = " and ".join(n for n, v in (("--channel-name", channel),
                                             ("--uid or --account", who)) if v is None)
        return finding("needs_channel_and_uid", f"a 006 signature covers the channel name and "
                                                f"uid, which the token carries only as CRC32s: "
                                                f"pass {absent}", f"Pass {absent} to verify "
                                                                  "it.")
    if version in ("003", "004", "005") and (channel is None or not isinstance(who, int)):
        return finding("needs_channel_and_uid", f"a {version} DynamicKey signature covers the "
                                                "channel name and numeric uid: pass "
                                                "--channel-name and --uid")
    return None


def _explain(decoded: Decoded, certificate: str, prior: list[Finding],
             expected_app_id: str | None) -> str:
    carried = token_app_id(decoded)
    head = "the signature does not match"
    if certificate.lower() == carried.lower():
        return f"{head}: the certificate you passed is the app id itself; pass the app " \
               "certificate (from the Agora console) instead"
    if any(f.code == "app_id_mismatch" for f in prior):
        return f"{head}, as expected for a token of another app id ({carried}): verify with " \
               f"that app's certificate, or build the token with app id {expected_app_id}"
    if any(f.code in ("channel_mismatch", "uid_mismatch") for f in prior):
        return f"{head}, and the channel name or uid above differs too"
    context = _NOT_CARRIED.get(decoded.version, "")
    if expected_app_id is not None:
        why = (f"the app id matches, so the certificate is not {carried}'s certificate (another "
               "project's, or a secondary certificate that was disabled) or the token was "
               "altered after it was signed")
    else:
        why = (f"the token is for app id {carried} (pass --app-id to compare with yours); if it "
               "is yours, the certificate is wrong or the token was altered after it was signed")
    return f"{head}: {why}" + (f"; {context}" if context else "")
