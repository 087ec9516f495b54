"""Mismatches between a decoded token and the user's expectations (app id, service, privilege)."""

from __future__ import annotations

from conformance.inspect.expectations import SERVICE_CHOICES, Expectations, privilege_key
from conformance.inspect.expiry import PRIVILEGE_NAMES_006, privileges
from conformance.inspect.identity import IdentityCheck, check_identity
from conformance.inspect.reasons import Finding, finding
from reference.access_token import AccessToken006, is_hex32
from reference.access_token2 import SERVICE_NAMES, ParsedToken2
from reference.decode import Decoded

_PRIVILEGES_006_BY_SERVICE = {"rtc": frozenset({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 101}),
                              "rtm": frozenset({1000})}


def check_expectations(decoded: Decoded, expected: Expectations) -> IdentityCheck:
    """Every mismatch between the token and ``expected``, and the channel and uid to verify
    the signature with (006: a uid-0 token is checked with uid 0)."""
    found: list[Finding] = []
    found += _app_id_shape(decoded)
    found += _app_id(decoded, expected.app_id)
    found += _service(decoded, expected.service)
    identity = check_identity(decoded, expected)
    found += identity.findings
    found += _privileges(decoded, expected)
    return IdentityCheck(tuple(found), identity.channel_name, identity.who, identity.notes)


def token_app_id(decoded: Decoded) -> str:
    """The app id the token carries, as text."""
    value = decoded.to_fields()["app_id"]
    return value if isinstance(value, str) else f"<non-UTF-8 {value.get('hex', '')}>"


def _app_id_shape(decoded: Decoded) -> list[Finding]:
    """A 007 token carries its app id inside: every verifier refuses one that is not hex."""
    if decoded.version != "007" or is_hex32(token_app_id(decoded)):
        return []
    return [finding("bad_app_id", f"the token's app id {token_app_id(decoded)!r} is not 32 "
                                  "hex characters: it was built with a mistyped app id")]


def _app_id(decoded: Decoded, app_id: str | None) -> list[Finding]:
    if app_id is None:
        return []
    carried = token_app_id(decoded)
    if carried.lower() == app_id.lower():
        return []
    return [finding("app_id_mismatch", f"the token is for app id {carried}, not {app_id}")]


def _service(decoded: Decoded, service: str | None) -> list[Finding]:
    if service is None:
        return []
    parsed = decoded.parsed
    if isinstance(parsed, ParsedToken2):
        wanted = SERVICE_CHOICES[service]
        if any(s.type == wanted for s in parsed.services):
            return []
        has = ", ".join(SERVICE_NAMES.get(s.type, str(s.type)) for s in parsed.services)
        return [finding("service_missing", f"no {SERVICE_NAMES[wanted]} service: the token "
                                           f"has {has or 'no service'}")]
    if isinstance(parsed, AccessToken006):
        ids = _PRIVILEGES_006_BY_SERVICE.get(service)
        if ids is None:
            return [finding("service_missing", f"a 006 token carries only RTC or RTM "
                                               f"privileges, never {service}")]
        if ids & set(parsed.privileges):
            return []
        kind = "RTM (RtmLogin 1000)" if service == "rtm" else "RTC (1-4)"
        return [finding("service_missing", f"no {kind} privilege: this 006 token grants "
                                           f"{_names_006(parsed) or 'nothing'}")]
    legacy = "rtm" if decoded.version == "1" else "rtc"
    if service == legacy:
        return []
    return [finding("service_missing", f"a {decoded.version} key is for {legacy.upper()} "
                                       f"only, not {service}")]


def _privileges(decoded: Decoded, expected: Expectations) -> list[Finding]:
    granted = privileges(decoded)
    if expected.service is not None and isinstance(decoded.parsed, ParsedToken2):
        wanted = SERVICE_CHOICES[expected.service]
        granted = [p for p in granted if p.service_type == wanted]
    found = []
    for name in expected.privileges:
        key = privilege_key(name)
        if any(privilege_key(p.name) == key for p in granted):
            continue
        holder = f"the {SERVICE_NAMES[SERVICE_CHOICES[expected.service]]} service" \
            if expected.service and isinstance(decoded.parsed, ParsedToken2) else "the token"
        has = ", ".join(p.label for p in granted) or "no privilege"
        found.append(finding("privilege_missing",
                             f"{holder} does not grant {name} (it grants {has})"))
    return found


def _names_006(parsed: AccessToken006) -> str:
    return ", ".join(PRIVILEGE_NAMES_006.get(p, str(p)) for p in sorted(parsed.privileges))
