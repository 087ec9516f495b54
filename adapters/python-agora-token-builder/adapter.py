"""JSON-lines testee driving PyPI agora-token-builder (006 only), pinned in adapters/python.

The public builders ``RtcTokenBuilder.buildTokenWithUid`` / ``buildTokenWithAccount`` and
``RtmTokenBuilder.buildToken`` are called as published, with the module's ``time`` and
``secrets`` globals pinned to the case's clock and salt (docs/implementations.md section 3.1).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))

from access_token006 import V006
from jsonl_testee import call_builder, describe_package, serve

PACKAGE = "agora-token-builder"


class AgoraTokenBuilder:
    """The in-process builder interface (docs/architecture.md) over agora_token_builder."""

    def __init__(self) -> None:
        modules = [
            importlib.import_module(f"agora_token_builder.{name}")
            for name in ("AccessToken", "RtcTokenBuilder", "RtmTokenBuilder")
        ]
        self.v006 = V006(*modules)

    parsers = ("006",)  # token versions the package can parse

    def describe(self) -> dict[str, Any]:
        return describe_package(PACKAGE, "https://pypi.org/project/agora-token-builder/",
                                "006 builders, clock+salt pinned", self.v006.builders)

    def build(self, builder: str, args: dict[str, Any], salt: int | None, now: int | None) -> str:
        return call_builder(self.v006.builders, builder, args, salt, now)

    def decode(self, token: str) -> dict[str, Any]:
        return self.v006.decode(token)


if __name__ == "__main__":
    serve(AgoraTokenBuilder())
