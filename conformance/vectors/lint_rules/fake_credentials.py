"""Rule `fake-credentials`: no app id or certificate outside vectors/_credentials.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from conformance.vectors.case import Case
from conformance.vectors.load import CREDENTIALS_FILE, VectorError

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "fake-credentials"
DESCRIPTION = "every 32-hex app id / certificate (also inside 006/007 tokens) is a listed fake"

_HEX32 = re.compile(r"^[0-9A-Fa-f]{32}$")
_CREDENTIAL_KEYS = frozenset({"app_id", "app_certificate"})


def allowed_credentials(directory: Path) -> frozenset[str]:
    """The lower-cased fake values listed in ``_credentials.yaml`` (empty if absent)."""
    path = directory / CREDENTIALS_FILE
    if not path.is_file():
        return frozenset()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, ValueError, yaml.YAMLError) as exc:  # UnicodeDecodeError is a ValueError
        raise VectorError(CREDENTIALS_FILE, None, None,
                          f"cannot read: {' '.join(str(exc).split())}") from None
    entries = data.get("credentials") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise VectorError(CREDENTIALS_FILE, None, "credentials", "expected a list of entries")
    for index, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), (str, int)):
            raise VectorError(CREDENTIALS_FILE, None, f"credentials[{index}].value",
                              "each entry needs a value (a quoted string)")
    return frozenset(str(entry["value"]).lower() for entry in entries)


def _walk(value: Any, path: str) -> Iterator[tuple[str, str, Any]]:
    """(path, key, value) for every mapping entry below ``value``."""
    if isinstance(value, dict):
        for k, v in value.items():
            sub = f"{path}.{k}" if path else str(k)
            yield sub, str(k), v
            yield from _walk(v, sub)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}[{i}]")


def token_app_id(token: str) -> str | None:
    """The app id carried by a 006 or 007 token, if it has one that can be read."""
    if token.startswith("006") and len(token) >= 35:
        return token[3:35]
    if token.startswith("007"):
        from reference import access_token2
        from reference.errors import DecodeError

        try:
            return access_token2.parse(token).app_id.decode("utf-8", "replace")
        except DecodeError:
            return None
    return None


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


def check_case(case: Case, allowed: frozenset[str]) -> Iterator[VectorError]:
    roots = {"args": case.args, "expect.fields": case.expect.fields or {}}
    for root, value in roots.items():
        for path, key, item in _walk(value, root):
            if key in _CREDENTIAL_KEYS and isinstance(item, str) and _HEX32.match(item) and (
                item.lower() not in allowed
            ):
                yield VectorError(case.file, case.id, path,
                                  f"{item!r} is not in {CREDENTIALS_FILE} (use a fake credential)")
    texts: dict[str, Any] = {"args": case.args, "expect.token": case.expect.token,
             "expect.results": case.expect.results}
    for root, value in texts.items():
        for path, text in _strings(value, root):
            app_id = token_app_id(text)
            if app_id is not None and _HEX32.match(app_id) and app_id.lower() not in allowed:
                yield VectorError(case.file, case.id, path,
                                  f"token carries app id {app_id!r}, not in {CREDENTIALS_FILE}")


def check(ctx: LintContext) -> Iterator[VectorError]:
    allowed = allowed_credentials(ctx.directory)
    for vf in ctx.valid_files:
        for case in vf.cases:
            yield from check_case(case, allowed)
