"""Builder descriptions: the language-neutral id, parameters and callable of every builder."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# Parameter kinds. Each names the shape of a value in a vector's ``args`` (and tells the fuzzer
# what to generate):
#   app_id, app_certificate   32 hex characters (text)
#   text                      any UTF-8 string (channel name, account, user id, uuid, resource)
#   uid                       integer 0..2**32-1
#   uid_or_account            integer 0..2**32-1 or string (SimpleTokenBuilder)
#   seconds                   u32 relative seconds (007)
#   timestamp                 u32 absolute unix time (006, legacy)
#   role2                     "publisher" | "subscriber"                      (007 RTC)
#   role                      "attendee" | "publisher" | "subscriber" | "admin" (006 RTC)
#   rtm_role                  "rtm_user"                                       (006 RTM)
#   apaas_role                integer -32768..32767                           (APaaS i16)
#   permissions               list of {resource_type, permission_type, resources}  (RTM2)
#   services                  list of service objects                          (007 low level)
#   privileges                mapping "id" -> u32                               (006 low level)
#   steps                     list of SimpleTokenBuilder calls
#   permission                "0" | "3"                                       (DK5 in-channel)
#   int                       any integer the builder documents
PARAM_KINDS = frozenset(
    {
        "app_id", "app_certificate", "text", "uid", "uid_or_account", "seconds", "timestamp",
        "role2", "role", "rtm_role", "apaas_role", "permissions", "services", "privileges",
        "steps", "permission", "int",
    }
)


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    default: Any = None
    required: bool = True


BuildFn = Callable[[Mapping[str, Any], "int | None", "int | None"], str]
"""``fn(args, salt, now) -> token``; ``salt``/``now`` are None to use a secure salt / the clock."""


@dataclass(frozen=True)
class BuilderSpec:
    id: str
    family: str
    params: tuple[Param, ...]
    build: BuildFn
    uses_salt: bool = True
    uses_clock: bool = True
    summary: str = ""

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)
