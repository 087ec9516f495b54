"""Why a token is invalid: damage in its text, decoding, expiry, expectations, signature.

The public door of the room (it imports only ``reference``): :func:`inspect_token` gives a
:class:`Report` (``Report.to_json`` is the ``inspect --json`` document, schema
``inspect-output.json`` here); :data:`REASONS` is the reason-code catalogue.
"""

from conformance.inspect.expectations import (
    KNOWN_PRIVILEGES,
    SERVICE_CHOICES,
    Expectations,
    privilege_key,
)
from conformance.inspect.expiry import PRIVILEGE_NAMES_006
from conformance.inspect.reasons import REASONS, Finding, Reason, Severity, help_table
from conformance.inspect.timefmt import when
from conformance.inspect.verdict import Report, inspect_token

__all__ = ["KNOWN_PRIVILEGES", "PRIVILEGE_NAMES_006", "REASONS", "SERVICE_CHOICES",
           "Expectations", "Finding", "Reason", "Report", "Severity", "help_table",
           "inspect_token", "privilege_key", "when"]
