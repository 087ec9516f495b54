"""The expected, explained interop failures: which builder, parser and case, and why."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass


@dataclass(frozen=True)
class Known:
    """An expected interop failure: fnmatch patterns (any one may match) over the building
    implementation, the parsing one and the interop case, and the reason (a D-xx id first)."""

    builders: tuple[str, ...]
    parsers: tuple[str, ...]
    cases: tuple[str, ...]
    reason: str

    def matches(self, builder: str, parser: str, case: str) -> bool:
        return all(any(fnmatch.fnmatchcase(value, p) for p in patterns) for value, patterns in
                   ((builder, self.builders), (parser, self.parsers), (case, self.cases)))


ANY = ("*",)
AT006 = ("*006*",)  # the 006 cases: rtc006-uid-publisher, rtm006, at006-uid, stb006-publisher
KNOWN: tuple[Known, ...] = (
    Known(("java-authentication*", "upstream-java", "upstream-2020-java", "upstream-stb-java"),
          ANY, ("rtc006-uid-*", "at006-uid", "stb006-*"),
          "D-04: Java takes the 006 uid as an int, so 2882341273 arrives as -1412626023 and "
          "String.valueOf signs the token for \"-1412626023\" (crc_uid 246518944); verifying "
          "it for uid 2882341273 fails (java/src/main/java/io/agora/media/RtcTokenBuilder.java"
          ":59 @ da06bfb, AccessToken.java:60 @ 55f8354)"),
    Known(("upstream-php", "upstream-2020-php"), ANY, ("rtc006-uid-publisher",),
          "D-13: PHP's 006 RtcTokenBuilder adds Video (3) before Audio (2) into an unsorted map, "
          "so the publisher token packs privileges 1, 3, 2, 4; the reference checks the "
          "signature over the token's own bytes and accepts it, every other 006 verifier re-packs "
          "the privileges in ascending order and computes another signature "
          "(php/src/RtcTokenBuilder.php:52-53 @ da06bfb)"),
    Known(("upstream-stb-perl",), ANY, ("stb006-*",),
          "D-13: Perl sorts 006 privilege ids as strings, so the publisher preset packs "
          "1, 10, 11, 12, 2, ...; verifiers that re-pack in ascending order reject it "
          "(perl/src/Agora/AccessToken.pm:144 @ 55f8354)"),
    Known(ANY, ("upstream-perl",), ("stb006-*",),
          "D-13: Perl's verifier re-packs the privileges sorted as strings (1, 10, 11, 12, 2, "
          "...), so a canonical token holding ids 10-12 gets another signature "
          "(perl/src/Agora/AccessToken.pm:134 @ da06bfb)"),
    Known(ANY, ("node-agora-access-token", "upstream-2020-node"), AT006,
          "the 2020 Node 006 parser AccessToken.fromString reads the app id into a local "
          "variable (originAppID) and never stores it, so the decoded app id is empty "
          "(nodejs/src/AccessToken.js:58 @ e683513; npm agora-access-token 2.0.4 ships it)"),
    Known(ANY, ("upstream-ruby",), AT006,
          "Ruby's only 006 parser, AccessToken#from_string, calls Sign.decode, which calls the "
          "misspelled docode! and rescues the NameError: every 006 token fails to decode "
          "(ruby/lib/dynamic_key/sign.rb:47 @ da06bfb; docs/port-bugs.md J5)"),
    Known(ANY, ("go-upstream",), ("rtm2-permissions",),
          "the published Go module (v0.0.0-20250825033728-374cd21f5220) has no RTM2 (type 8) "
          "class: Parse panics on the service type (go/src/accesstoken2/accesstoken.go @ "
          "374cd21)"),
    Known(ANY, ("java-authentication",), ("rtm2-permissions",),
          "io.agora:authentication 2.1.3 has no RTM2 (type 8) service class: parse() refuses "
          "the token (io/agora/media/AccessToken2.java @ io.agora:authentication 2.1.3)"),
    Known(ANY, ("node-agora-token", "upstream-node"), ("apaas-user",),
          "D-16: Node's ServiceApaas reads the APaaS role back unsigned, so role -1 reads back "
          "as 65535 (agora-token 2.0.6; nodejs/src/AccessToken2.js @ da06bfb)"),
)


def known_reason(builder: str, parser: str, case: str) -> str | None:
    """The reason of the first known exception covering this cell's case, or None."""
    return next((k.reason for k in KNOWN if k.matches(builder, parser, case)), None)
