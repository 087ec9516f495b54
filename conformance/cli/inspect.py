"""`agora-conformance inspect`: decode any token, optionally verify it (certificate never shown).

Exit codes: 0 the token decodes (and, given ``--certificate``, its signature is valid; given
``--now``, it has not expired), 1 the token is invalid (the reason is printed), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from conformance.cli.common import usage_error
from conformance.reports import render_token as render
from reference.access_token import is_hex32
from reference.decode import Decoded, decode, verify
from reference.errors import DecodeError, ReasonCode

EPILOG = """\
exit codes: 0 decodes (and verifies, given --certificate), 1 invalid token, 2 usage error.
A 006 signature covers the channel name and uid, which the token carries only as CRC32s:
pass --channel-name and --uid (numeric, uid rule) or --account (verbatim text) to verify it.
A SignalingToken signature covers the account: pass --account. DynamicKey3/4/5 signatures
cover the channel name and uid: pass --channel-name and --uid.
"""


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "inspect",
        help="decode a token (any version) and optionally verify its signature",
        description="Print a readable breakdown of a token, or JSON with --json.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("token", metavar="TOKEN", help="the token text, or - to read stdin")
    parser.add_argument("--certificate", metavar="HEX",
                        help="app certificate (32 hex characters) to verify the signature")
    parser.add_argument("--now", metavar="UNIX", type=int,
                        help="check expiry against this UNIX time (default: report only)")
    parser.add_argument("--channel-name",
                        help="006 / DynamicKey: the channel name the token was built for")
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--uid", type=int,
                     help="006 / DynamicKey: the numeric uid (006: 0 means any uid)")
    who.add_argument("--account", help="006 / SignalingToken: the account text")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(func=_main)


def _usage(message: str) -> int:
    return usage_error("inspect", f"error: {message}")


def _main(args: argparse.Namespace) -> int:
    token = sys.stdin.read().strip() if args.token == "-" else args.token
    certificate: str | None = args.certificate
    if certificate is not None and not is_hex32(certificate):
        return _usage("--certificate must be exactly 32 hexadecimal characters")
    who: int | str | None = args.account if args.account is not None else args.uid
    try:
        decoded = decode(token)
    except DecodeError as exc:
        return _report_failure(args, exc)
    if certificate is not None:
        if decoded.version == "006" and (args.channel_name is None or who is None):
            return _usage("verifying a 006 token needs --channel-name and --uid or --account")
        if decoded.version == "1" and args.account is None:
            return _usage("verifying a SignalingToken needs --account")
        if decoded.version in ("003", "004", "005") and (args.channel_name is None
                                                          or args.uid is None):
            return _usage(f"verifying a {decoded.version} DynamicKey needs --channel-name and "
                          "--uid")
    failure: DecodeError | None = None
    if certificate is not None:
        try:
            verify(token, certificate, now=args.now, channel_name=args.channel_name, uid=who)
        except DecodeError as exc:
            failure = exc
    elif args.now is not None and decoded.expires_at is not None and decoded.expires_at < args.now:
        failure = DecodeError(ReasonCode.EXPIRED,
                              f"expired at {decoded.expires_at}, now is {args.now}")
    status = _status(certificate is not None, failure)
    if args.json:
        print(json.dumps(_json(decoded, status, failure), indent=2, sort_keys=False))
    else:
        now = args.now if args.now is not None else int(time.time())
        print(render(decoded, now, status))
        if failure is not None:
            print(f"invalid: {failure.reason.value}: {failure.detail}", file=sys.stderr)
    return 0 if failure is None else 1


def _status(checked: bool, failure: DecodeError | None) -> str:
    if failure is not None:
        return f"INVALID ({failure.reason.value})"
    return "signature valid" if checked else "signature not checked (no --certificate)"


def _json(decoded: Decoded, status: str, failure: DecodeError | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "valid": failure is None,
        "status": status,
        "fields": decoded.to_fields(),
        "expires_at": decoded.expires_at,
    }
    if decoded.payload_hex is not None:
        out["payload"] = decoded.payload_hex
    if failure is not None:
        out["reason"] = failure.reason.value
        out["detail"] = failure.detail
    return out


def _report_failure(args: argparse.Namespace, exc: DecodeError) -> int:
    if args.json:
        print(json.dumps({"valid": False, "reason": exc.reason.value, "detail": exc.detail},
                         indent=2))
    else:
        print(f"invalid token: {exc.reason.value}: {exc.detail}")
    return 1
