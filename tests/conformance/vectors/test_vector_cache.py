"""The vector cache: a hit gives the same set without parsing or validating; doubt is a miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.vectors import VectorError, load_vectors
from conformance.vectors import cache as vector_cache
from conformance.vectors import load as loader

FILE = """\
schema: agora-token-conformance/vectors/v1
family: rtc2
builder: rtc2.build_token_with_uid
source: generated
defaults:
  args: {app_id: 970CA35de60c44645bbae8a215061b33, channel_name: c}
  salt: 1
  now: 1111111
cases:
  - id: a-1
    description: d
    args: {uid: 7}
    expect:
      error: invalid_input
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(vector_cache.ENV, str(directory))
    return directory


@pytest.fixture
def vectors(tmp_path: Path) -> Path:
    directory = tmp_path / "vectors"
    (directory / "g").mkdir(parents=True)
    (directory / "g" / "a.yaml").write_text(FILE, encoding="utf-8")
    return directory


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed or validated on a cache hit")
    monkeypatch.setattr(loader, "parse_file", fail)
    monkeypatch.setattr(loader, "validate_file", fail)


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("vectors-*.cache"))


def test_a_hit_is_the_same_set_without_parsing(cache_dir: Path, vectors: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_vectors(vectors)
    assert len(entries(cache_dir)) == 1
    no_parsing(monkeypatch)
    second = load_vectors(vectors)
    assert second.cases == first.cases
    assert second.digest == first.digest
    assert [(f.path, f.text, f.data, f.sha256) for f in second.files] == \
        [(f.path, f.text, f.data, f.sha256) for f in first.files]


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],                      # truncated
    lambda raw: raw[:-1] + bytes([raw[-1] ^ 1]),           # one bit flipped in the payload
    lambda raw: b"garbage",                                # not an entry at all
])
def test_a_damaged_entry_is_ignored_and_rewritten(cache_dir: Path, vectors: Path,
                                                  damage: object) -> None:
    expected = load_vectors(vectors).cases
    (entry,) = entries(cache_dir)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))  # type: ignore[operator]
    assert load_vectors(vectors).cases == expected
    assert entry.read_bytes() == good


def test_an_edited_file_is_a_miss_and_is_validated(cache_dir: Path, vectors: Path) -> None:
    load_vectors(vectors)
    path = vectors / "g" / "a.yaml"
    path.write_text(FILE.replace("uid: 7", "uid: 7, bogus: 1").replace("family: rtc2",
                                                                      "family: 3"),
                    encoding="utf-8")
    with pytest.raises(VectorError):
        load_vectors(vectors)


def test_an_entry_for_another_key_is_not_trusted(cache_dir: Path, vectors: Path) -> None:
    load_vectors(vectors)
    (entry,) = entries(cache_dir)
    other = vectors.parent / "other"
    (other / "g").mkdir(parents=True)
    (other / "g" / "a.yaml").write_text(FILE.replace("a-1", "b-1"), encoding="utf-8")
    other_set = load_vectors(other)
    other_entry = next(p for p in entries(cache_dir) if p != entry)
    other_entry.write_bytes(entry.read_bytes())  # a valid entry, filed under the wrong key
    assert [c.id for c in load_vectors(other).cases] == [c.id for c in other_set.cases]


def test_off_disables_the_cache(tmp_path: Path, vectors: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(vector_cache.ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_vectors(vectors)
    assert vector_cache.cache_dir() is None
    assert not (tmp_path / "xdg").exists()


def test_validate_false_neither_reads_nor_writes(cache_dir: Path, vectors: Path) -> None:
    load_vectors(vectors, validate=False)
    assert entries(cache_dir) == []


def test_an_unwritable_cache_is_no_cache(tmp_path: Path, vectors: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(vector_cache.ENV, str(blocker / "cache"))  # a path under a file
    assert [c.id for c in load_vectors(vectors).cases] == ["a-1"]
