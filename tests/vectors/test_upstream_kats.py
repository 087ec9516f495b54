"""Provenance checks for the upstream known answers in vectors/upstream/<language>/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.vectors import Case, load_vectors

# The language test folders of AgoraIO/Tools that carry known answers (docs/builders.md).
LANGUAGES = frozenset({
    "cpp", "csharp", "dart", "deno", "go", "java", "kotlin", "lua", "nodejs", "perl", "php",
    "python", "python3", "ruby", "rust",
})


def _upstream_cases() -> Iterator[Case]:
    for case in load_vectors().cases:
        if case.file.startswith("upstream/"):
            yield case


def _language(case: Case) -> str:
    return case.file.split("/")[1]


CASES = list(_upstream_cases())


def test_every_language_folder_contributes() -> None:
    assert {_language(c) for c in CASES} == LANGUAGES


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case_names_its_upstream_test(case: Case) -> None:
    lang = _language(case)
    assert case.id.startswith(f"upstream-{lang}-"), f"{case.file}: {case.id}: id must name {lang}"
    assert case.source.startswith(f"upstream:{lang}/"), (
        f"{case.file}: {case.id}: source {case.source!r} is not a file of the {lang} folder")
    assert case.description, f"{case.file}: {case.id}: the description names the upstream test"


def test_non_classic_strings_are_payload_builds_with_a_decode_twin() -> None:
    """A 007 build case without a token string must have a decode case for the upstream text."""
    by_id = {c.id: c for c in CASES}
    for case in CASES:
        if case.builder == "access_token2.build" and case.expect.error is None:
            assert case.expect.payload and case.expect.signature, case.id
            if case.expect.token is None:
                twin = case.id.replace("-at2-", "-decode-", 1)
                assert twin in by_id, f"{case.id}: no decode case {twin} for the upstream string"
                fields = by_id[twin].expect.fields
                assert fields is not None and fields["signature"] == case.expect.signature
