"""What the user expects of a token: app id, channel, uid or account, service, privileges."""

from __future__ import annotations

import re
from dataclasses import dataclass

from conformance.inspect.expiry import PRIVILEGE_NAMES_006
from reference.access_token2 import PRIVILEGE_NAMES, SERVICE_NAMES

SERVICE_CHOICES: dict[str, int] = {name.lower(): stype for stype, name in SERVICE_NAMES.items()}
SERVICE_CHOICES["education"] = SERVICE_CHOICES["apaas"]


def privilege_key(name: str) -> str:
    """``PublishAudioStream``, ``publish_audio_stream`` and ``publish-audio-stream`` alike."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


KNOWN_PRIVILEGES: frozenset[str] = frozenset(
    {privilege_key(n) for names in PRIVILEGE_NAMES.values() for n in names.values()}
    | {privilege_key(n) for n in PRIVILEGE_NAMES_006.values()})
"""Every privilege name ``--privilege`` accepts (normalized with :func:`privilege_key`)."""


@dataclass(frozen=True)
class Expectations:
    """The user's ``--app-id``, ``--channel-name``, ``--uid``/``--account``, ``--service`` and
    ``--privilege`` (service already lowercased; privileges as given)."""

    app_id: str | None = None
    channel_name: str | None = None
    uid: int | None = None
    account: str | None = None
    service: str | None = None
    privileges: tuple[str, ...] = ()

    @property
    def who(self) -> int | str | None:
        """The account if given, else the numeric uid."""
        return self.account if self.account is not None else self.uid
