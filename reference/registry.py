"""Every builder the reference implements, by language-neutral id."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reference import builders, builders2, dynamic_key, signaling_token, simple_token_builder
from reference.errors import InvalidInput
from reference.spec import BuilderSpec

BUILDERS: dict[str, BuilderSpec] = {
    spec.id: spec
    for module in (builders2, builders, simple_token_builder, dynamic_key, signaling_token)
    for spec in module.SPECS
}


def build(
    builder_id: str, args: Mapping[str, Any], *, salt: int | None = None, now: int | None = None
) -> str:
    """Build a token with the named builder; ``InvalidInput`` for inputs the format cannot carry."""
    try:
        spec = BUILDERS[builder_id]
    except KeyError:
        raise InvalidInput("builder", f"unknown builder id {builder_id!r}") from None
    return spec.build(args, salt, now)
