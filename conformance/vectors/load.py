"""Load, validate and digest the golden vector files (docs/vector-format.md)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from conformance.output import recover
from conformance.paths import default_vectors_dir, schema_path
from conformance.vectors import cache
from conformance.vectors.case import Case, Expect
from conformance.vectors.levels import FORMAT, derived_level
from conformance.vectors.repeated_text import RepeatError, materialize

SCHEMA_ID = "agora-token-conformance/vectors/v1"
OPERATIONS = ("token.decode", "token.verify")  # case builders that are not builders
SCHEMA_FILE = "vector-file.json"
CREDENTIALS_FILE = "_credentials.yaml"

# libyaml's loader is ~5x faster than the pure-Python one (docs/performance.md section 2).
Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class VectorError(ValueError):
    """A vector file that cannot be used; the message is one line naming file, case and field."""

    def __init__(self, file: str, case_id: str | None, field: str | None, message: str) -> None:
        self.file = file
        self.case_id = case_id
        self.field = field
        self.message = message
        where = file
        if case_id:
            where += f": case {case_id}"
        if field:
            where += f": field {field}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class VectorFile:
    """One parsed vector file."""

    path: str  # relative to the vector directory, with forward slashes
    abspath: Path
    text: str
    data: Mapping[str, Any]
    sha256: str
    cases: tuple[Case, ...]


@dataclass(frozen=True)
class VectorSet:
    """Every case of a vector directory, in file then case order, and the set's digest."""

    directory: Path
    files: tuple[VectorFile, ...]
    cases: list[Case]
    digest: str

    def by_id(self) -> dict[str, Case]:
        """Cases by id and by alias."""
        index: dict[str, Case] = {}
        for case in self.cases:
            index[case.id] = case
            for alias in case.aliases:
                index[alias] = case
        return index


def vector_paths(directory: Path) -> list[Path]:
    """The vector files below ``directory``: every ``*.yaml`` not starting with ``_``, outside
    hidden folders (such as regen's staging folder), sorted."""
    paths = ((p, p.relative_to(directory).as_posix()) for p in directory.rglob("*.yaml"))
    return [p for p, rel in sorted(paths, key=lambda pr: pr[1])
            if not p.name.startswith("_") and not rel.startswith(".") and "/." not in rel]


def set_digest(file_digests: Iterable[tuple[str, str]]) -> str:
    """SHA-256 over the sorted ``(relative path, file sha256)`` pairs, as ``sha256:<hex>``."""
    h = hashlib.sha256()
    for rel, digest in sorted(file_digests):
        h.update(f"{rel}\0{digest}\n".encode())
    return "sha256:" + h.hexdigest()


@lru_cache(maxsize=1)
def _validator() -> Any:
    """The compiled Draft 2020-12 validator (jsonschema imported lazily: regen never needs it)."""
    import jsonschema

    schema = json.loads(schema_path(SCHEMA_FILE).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def parse_yaml(text: str, rel: str, loader: Any = None) -> Any:
    """Parse YAML text, turning syntax errors (and values YAML cannot construct, such as the
    date 2027-02-30) into a :class:`VectorError` with the line. Merge keys (``<<``) are
    refused: they hide inputs from the lint and from regen's text layout.

    ``loader``: a loader instance over ``text`` to use instead of a new :data:`Loader` (lint's
    records repeated keys while it parses).
    """
    try:
        if "<<" in text:
            _refuse_merge_keys(text, rel)
        if loader is None:
            return yaml.load(text, Loader=Loader)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise VectorError(rel, None, None, f"{line}YAML syntax error: {problem}") from None
    except VectorError:
        raise
    except (ValueError, TypeError, RecursionError) as exc:
        raise VectorError(rel, None, None, f"YAML value error: {exc}") from None


def _refuse_merge_keys(text: str, rel: str) -> None:
    pending = [yaml.compose(text, Loader=Loader)]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    raise VectorError(rel, None, None, f"line {key.start_mark.line + 1}: YAML "
                                      "merge keys (<<) are not allowed: write the keys out")
                pending.append(value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def _case_id_at(data: Any, index: Any) -> str | None:
    try:
        case_id = data["cases"][index]["id"]
    except (KeyError, IndexError, TypeError):
        return f"#{index + 1}" if isinstance(index, int) else None
    return str(case_id)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def schema_errors(data: Any, rel: str) -> Iterator[VectorError]:
    """Every schema violation in a parsed file, as one-line errors, in document order."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.path])
    for err in errors:
        path = list(err.absolute_path)
        case_id = None
        if len(path) >= 2 and path[0] == "cases":
            case_id = _case_id_at(data, path[1])
            path = path[2:]
        field = ".".join(str(p) for p in path) or None
        yield VectorError(rel, case_id, field, _short(err.message))


def validate_file(data: Any, rel: str) -> None:
    """Raise the first schema violation of a parsed vector file."""
    for error in schema_errors(data, rel):
        raise error


def _expect(raw: Mapping[str, Any]) -> Expect:
    results = raw.get("results")
    return Expect(
        token=raw.get("token"),
        payload=raw.get("payload"),
        signature=raw.get("signature"),
        fields=raw.get("fields"),
        error=raw.get("error"),
        valid=raw.get("valid"),
        results=tuple(results) if results is not None else None,
    )


_CASE_ID_LINE = re.compile(r"""^\s*-\s+id:\s*["']?([^"'\s#]+)""", re.M)


def case_lines(text: str) -> dict[str, int]:
    """The 1-based line of each ``- id: ID`` in a vector file's text."""
    lines: dict[str, int] = {}
    line, position = 1, 0
    for match in _CASE_ID_LINE.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.setdefault(match.group(1), line)
    return lines


def _args(raw: Mapping[str, Any], default_args: Mapping[str, Any], rel: str
          ) -> tuple[dict[str, Any], bool]:
    """The case's args over the file's defaults, repeated text materialized, and whether any
    was written in that notation (docs/vector-format.md, "Long text")."""
    try:
        args, repeated = materialize({**default_args, **raw["args"]})
    except RepeatError as exc:
        raise VectorError(rel, str(raw.get("id")), exc.field, str(exc)) from None
    return dict(args), repeated


def _stated_level(raw: Mapping[str, Any], data: Mapping[str, Any]) -> str | None:
    """The case's ``level:``, else its file's; None when neither states one."""
    level = raw.get("level") or data.get("level")
    return str(level) if level else None


def build_cases(data: Mapping[str, Any], rel: str,
                lines: Mapping[str, int] | None = None) -> tuple[Case, ...]:
    """Turn a (validated) file mapping into cases, applying the file's defaults; ``lines``
    maps case ids to their line in the file (``case_lines``)."""
    lines = lines or {}
    defaults = data.get("defaults") or {}
    default_args = defaults.get("args") or {}
    cases = []
    for raw in data["cases"]:
        builder = raw.get("builder", data["builder"])
        args, repeated = _args(raw, default_args, rel)
        case = Case(
            id=raw["id"],
            file=rel,
            family=builder.split(".", 1)[0],
            builder=builder,
            args=args,
            expect=_expect(raw.get("expect") or {}),
            salt=raw["salt"] if "salt" in raw else defaults.get("salt"),
            now=raw["now"] if "now" in raw else defaults.get("now"),
            description=raw.get("description", ""),
            tags=tuple(raw.get("tags", ())),
            source=raw.get("source", data["source"]),
            aliases=tuple(raw.get("aliases", ())),
            deviations=tuple(raw.get("deviations", ())),
            line=lines.get(str(raw["id"]), 0),
            repeated_text=repeated,
        )
        cases.append(replace(case, level=_stated_level(raw, data) or derived_level(case) or FORMAT))
    return tuple(cases)


def read_file(path: Path, directory: Path, *, validate: bool = True) -> VectorFile:
    """Read, parse and (optionally) schema-check one vector file."""
    rel, _, text = read_source(path, directory)
    return parse_file(text, rel, path, validate=validate)


def read_source(path: Path, directory: Path) -> tuple[str, bytes, str]:
    """``(relative path, bytes, text)`` of one vector file."""
    rel = path.relative_to(directory).as_posix()
    try:
        raw = path.read_bytes()
        return rel, raw, raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VectorError(rel, None, None, f"cannot read: {exc}") from None


def parse_file(text: str, rel: str, abspath: Path, *, validate: bool = True,
               loader: Any = None) -> VectorFile:
    """Parse (with ``loader``, see :func:`parse_yaml`) and (optionally) schema-check the text
    of the vector file ``rel``."""
    data = parse_yaml(text, rel, loader)
    if validate:
        validate_file(data, rel)
    try:
        cases = build_cases(data, rel, case_lines(text))
    except (KeyError, TypeError, AttributeError, IndexError) as exc:
        raise VectorError(rel, None, None, f"not a valid vector file ({exc!r})") from None
    return VectorFile(
        path=rel,
        abspath=abspath,
        text=text,
        data=data,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        cases=cases,
    )


def duplicate_ids(files: Iterable[VectorFile]) -> Iterator[VectorError]:
    """An error for every id or alias already used earlier in the set (one namespace)."""
    seen: dict[str, str] = {}
    for vf in files:
        for case in vf.cases:
            for name, field in ((case.id, "id"), *((a, "aliases") for a in case.aliases)):
                if name in seen:
                    yield VectorError(
                        vf.path, case.id, field, f"id {name!r} already used in {seen[name]}"
                    )
                else:
                    seen[name] = vf.path


def check_unique_ids(files: Iterable[VectorFile]) -> None:
    """Raise the first duplicate id or alias."""
    for error in duplicate_ids(files):
        raise error


def family_errors(vf: VectorFile) -> Iterator[VectorError]:
    """Builders outside the file's family (its default builder's, or a case's)."""
    family = vf.data.get("family")
    default = vf.data.get("builder")
    if isinstance(default, str) and default.split(".", 1)[0] != family:
        yield VectorError(vf.path, None, "builder",
                          f"default builder {default!r} is not in family {family!r}")
    for case in vf.cases:
        if case.family != family:
            yield VectorError(vf.path, case.id, "builder",
                              f"builder {case.builder!r} is not in family {family!r}")


def unknown_builders(vf: VectorFile) -> Iterator[VectorError]:
    """Cases whose builder id names no reference builder (nor ``token.decode``/``verify``)."""
    from reference.registry import BUILDERS

    for case in vf.cases:
        if case.builder not in BUILDERS and case.builder not in OPERATIONS:
            yield VectorError(vf.path, case.id, "builder", f"unknown builder id {case.builder!r}")


def load_vectors(directory: Path | None = None, *, validate: bool = True) -> VectorSet:
    """Load every vector file below ``directory`` (default: the bundled set).

    With ``validate`` (the default) each file is checked against the JSON Schema and ids are
    checked for uniqueness; any problem raises :class:`VectorError`. A validated set is kept
    in the vector cache (``conformance/vectors/cache.py``): while no file, schema or loader
    changes, the next load reads the files and their hashes but neither parses nor validates.
    """
    directory = Path(directory) if directory is not None else default_vectors_dir()
    if not directory.is_dir():
        raise VectorError(str(directory), None, None, "vector directory not found")
    try:
        recover(directory)  # an interrupted regen: finish it, or drop its temporary files
    except (OSError, ValueError) as exc:
        raise VectorError(str(directory), None, None,
                          f"cannot complete an interrupted regen: {exc}") from None
    sources = [(path, *read_source(path, directory)) for path in vector_paths(directory)]
    hashes = [hashlib.sha256(raw).hexdigest() for _, _, raw, _ in sources]
    digest = set_digest((rel, h) for (_, rel, _, _), h in zip(sources, hashes, strict=True))
    entry = cache.key(digest, schema_path(SCHEMA_FILE).read_bytes(), yaml.__version__)
    cached = cache.load(entry, len(sources)) if validate else None
    if cached is not None:  # parsed and schema-checked when the entry was written
        files = tuple(
            VectorFile(rel, path, text, data, h, build_cases(data, rel, case_lines(text)))
            for (path, rel, _, text), h, data in zip(sources, hashes, cached, strict=True))
    else:
        files = tuple(parse_file(text, rel, path, validate=validate)
                      for path, rel, _, text in sources)
    if validate:  # the checks against the code (ids, builders, families) run every time
        check_unique_ids(files)
        for vf in files:
            for error in (*unknown_builders(vf), *family_errors(vf)):
                raise error
        if cached is None:
            cache.store(entry, [vf.data for vf in files])
    return VectorSet(directory, files, [c for vf in files for c in vf.cases], digest)
