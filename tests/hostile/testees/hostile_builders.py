"""In-process builders (``--builder python:hostile_builders:NAME``) that misbehave.

  SYSTEM_EXIT          raises SystemExit(0) from every rtc2.build_token_with_uid build
  INTERRUPT            raises KeyboardInterrupt from the 5th build (as Ctrl-C would)
  BAD_SERVICES         decodes like the reference, with ``services`` holding non-objects
  HOSTILE_TEXT         a name and refusals carrying newlines, carriage returns, ANSI escapes
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.reference_testee import ReferenceTestee


class SystemExitBuilder(ReferenceTestee):
    def build(self, builder: str, args: Mapping[str, Any], salt: int | None,
              now: int | None) -> str | dict[str, Any]:
        if builder == "rtc2.build_token_with_uid":
            raise SystemExit(0)
        return super().build(builder, args, salt, now)


class InterruptBuilder(ReferenceTestee):
    def __init__(self) -> None:
        self.calls = 0

    def build(self, builder: str, args: Mapping[str, Any], salt: int | None,
              now: int | None) -> str | dict[str, Any]:
        self.calls += 1
        if self.calls == 5:
            raise KeyboardInterrupt
        return super().build(builder, args, salt, now)


class BadServicesDecoder(ReferenceTestee):
    def decode(self, token: str) -> dict[str, Any]:
        fields = super().decode(token)
        if "services" in fields:
            fields["services"] = [1, "x", None, [], {"type": "1"}]
        return fields


EVIL = "evil\ninjected: true\n# heading\r\x1b[31mRED\x1b[0m\x07|pipe|<b>html</b>"


class HostileTextBuilder(ReferenceTestee):
    def describe(self) -> dict[str, Any]:
        described = super().describe()
        return {**described, "implementation": {**described["implementation"], "name": EVIL}}

    def build(self, builder: str, args: Mapping[str, Any], salt: int | None,
              now: int | None) -> str | dict[str, Any]:
        raise ValueError(EVIL)


SYSTEM_EXIT = SystemExitBuilder()
INTERRUPT = InterruptBuilder()
BAD_SERVICES = BadServicesDecoder()
HOSTILE_TEXT = HostileTextBuilder()
