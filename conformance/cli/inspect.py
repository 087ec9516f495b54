"""`agora-conformance inspect`: decode a token and say why it is invalid (certificate never shown).

Exit codes: 0 the token decodes, has not expired (nor any privilege) and matches every
expectation (and, given ``--certificate``, its signature is valid); 1 invalid (each reason is
printed with its fix); 2 usage error, or a signature that needs more input to be checked.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from conformance.cli.common import usage_error
from conformance.inspect import (
    KNOWN_PRIVILEGES,
    SERVICE_CHOICES,
    Expectations,
    help_table,
    inspect_token,
    privilege_key,
)
from conformance.reports import render_token
from reference.access_token import is_hex32

EPILOG = f"""\
exit codes: 0 valid, 1 invalid (every reason printed with its fix), 2 usage error or more
input needed to check the signature.
Expiry is checked against the real clock (or --now) for the token and every privilege.
A 006 signature covers the channel name and uid, which the token carries only as CRC32s:
pass --channel-name and --uid (numeric, uid rule: 0 means any uid) or --account (verbatim
text); a mismatch is found from the CRC32s even without --certificate. A SignalingToken
signature covers the account: pass --account. DynamicKey3/4/5 signatures cover the channel
name and uid: pass --channel-name and --uid. Damaged text (quotes, spaces that were '+',
%2B, line breaks, a lost prefix or padding) is named; --repair fixes it and inspects the result.
A token that starts with '-' goes after '--' (inspect -- -007...) or on stdin.

reason codes (docs/inspect.md has examples):
{help_table()}

examples:
  agora-conformance inspect 007eJx... --certificate 5CFd2fd1755d40ecb72977518be15d3b
  agora-conformance inspect 007eJx... --certificate HEX --now 1700000000 --repair
  agora-conformance inspect 006970CA... --certificate HEX --channel-name NAME --uid 2882341273
  echo "$TOKEN" | agora-conformance inspect - --json
"""


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "inspect",
        help="decode a token (any version), verify it and explain why it is invalid",
        description="Print a readable breakdown of a token and its verdict, or JSON with --json.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("token", metavar="TOKEN", help="the token text, or - to read stdin")
    parser.add_argument("--certificate", metavar="HEX",
                        help="app certificate (32 hex characters) to verify the signature")
    parser.add_argument("--now", metavar="UNIX", type=int,
                        help="check expiry against this UNIX time (default: the real clock)")
    parser.add_argument("--app-id", metavar="HEX", help="the app id the token should be for")
    parser.add_argument("--channel-name", help="the channel name the token should be for")
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--uid", type=int,
                     help="the numeric uid the token should be for (0 means any uid)")
    who.add_argument("--account", help="the user account / user id text the token should be for")
    parser.add_argument("--service", choices=sorted(SERVICE_CHOICES), type=str.lower,
                        help="a service the token should grant")
    parser.add_argument("--privilege", metavar="NAME", action="append", default=[],
                        help="a privilege the token should grant (JoinChannel, "
                             "PublishAudioStream, Login, ...); repeatable")
    parser.add_argument("--repair", action="store_true",
                        help="undo damage found in the text, print the repaired token and "
                             "inspect it")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(func=_main)


def _usage(message: str) -> int:
    return usage_error("inspect", f"error: {message}")


def _main(args: argparse.Namespace) -> int:
    token = sys.stdin.read().strip() if args.token == "-" else args.token
    certificate: str | None = args.certificate
    if certificate is not None and not is_hex32(certificate):
        return _usage("--certificate must be exactly 32 hexadecimal characters")
    if args.app_id is not None and not is_hex32(args.app_id):
        return _usage("--app-id must be exactly 32 hexadecimal characters")
    if args.uid is not None and not 0 <= args.uid <= 0xFFFFFFFF:
        return _usage("--uid must be within 0..4294967295")
    unknown = [p for p in args.privilege if privilege_key(p) not in KNOWN_PRIVILEGES]
    if unknown:
        return _usage(f"unknown --privilege {unknown[0]!r}")
    expected = Expectations(app_id=args.app_id, channel_name=args.channel_name, uid=args.uid,
                            account=args.account, service=args.service,
                            privileges=tuple(args.privilege))
    now = args.now if args.now is not None else int(time.time())
    report = inspect_token(token, expected, certificate=certificate, now=now,
                           repair=args.repair)
    if args.json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print(render_token(report))
    return report.exit_code
