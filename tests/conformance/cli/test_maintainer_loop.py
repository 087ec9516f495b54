"""The vector maintainer loop works on the checkout it is run in, never on an installed copy.

`regen`, `lint` and `mutants` default to `./vectors` when the current directory holds a vector
directory (else the bundled set), always say which, and never write into an installed package.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conformance.cli import main

ROOT = Path(__file__).resolve().parents[3]
FPA = "access_token2/fpa_build_token.yaml"
FPA_EXPIRE = "        expire: 86400\n"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory holding a copy of the vectors, as the current directory."""
    shutil.copytree(ROOT / "vectors", tmp_path / "vectors",
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "vectors"


def edit_a_generated_expectation(vectors: Path) -> None:
    path = vectors / FPA
    text = path.read_text()
    assert FPA_EXPIRE in text
    path.write_text(text.replace(FPA_EXPIRE, "        expire: 86401\n", 1))


def test_lint_checks_the_vectors_of_the_current_directory(
        checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "lint")
    assert code == 0
    assert f"vectors: {checkout.resolve()}" in err or "vectors: ./vectors" in err
    edit_a_generated_expectation(checkout)
    code, out, err = run_cli(capsys, "lint")
    assert code == 1
    assert FPA in out and "fpa2-token" in out


def test_regen_check_sees_the_edit_in_the_current_directory(
        checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_a_generated_expectation(checkout)
    code, out, err = run_cli(capsys, "regen", "--check")
    assert code == 1
    assert f"a/{FPA}" in out and "-        expire: 86401" in out
    assert "./vectors" in err or str(checkout.resolve()) in err


def test_regen_rewrites_the_current_directory_not_the_bundled_set(
        checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bundled = (ROOT / "vectors" / FPA).read_text()
    edit_a_generated_expectation(checkout)
    code, _, err = run_cli(capsys, "regen")
    assert code == 0, err
    assert (checkout / FPA).read_text() == bundled  # repaired in place
    assert (ROOT / "vectors" / FPA).read_text() == bundled


def test_without_a_vector_directory_the_bundled_set_is_used_and_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "lint", "--rule", "unique-ids")
    assert code == 0
    assert "bundled" in err


def test_a_vectors_folder_that_is_not_a_vector_directory_is_ignored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "vectors").mkdir()  # e.g. a project's own unrelated folder
    (tmp_path / "vectors" / "notes.txt").write_text("not ours")
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "lint", "--rule", "unique-ids")
    assert code == 0 and "bundled" in err


def test_mutants_names_the_vector_directory(checkout: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "mutants", "-m", "M01")
    assert code == 0
    assert "./vectors" in err or str(checkout.resolve()) in err


def test_regen_refuses_to_write_into_an_installed_package(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    installed = tmp_path / "lib" / "site-packages" / "agora_conformance_vectors"
    shutil.copytree(ROOT / "vectors", installed, ignore=shutil.ignore_patterns("__pycache__"))
    edit_a_generated_expectation(installed)
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "regen", "--vectors", str(installed))
    assert code == 2
    assert "installed" in err and "pip install -e" in err
    assert "86401" in (installed / FPA).read_text()  # untouched
    assert run_cli(capsys, "regen", "--check", "--vectors", str(installed))[0] == 1


def test_every_vector_data_file_is_declared_as_package_data() -> None:
    """Each file under vectors/ matches a package-data pattern of pyproject.toml."""
    import fnmatch

    tomllib = pytest.importorskip("tomllib", reason="tomllib is Python 3.11+")

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["agora_conformance_vectors"]
    vectors = ROOT / "vectors"
    files = [p.relative_to(vectors).as_posix() for p in vectors.rglob("*")
             if p.is_file() and p.suffix != ".pyc" and p.name != "__init__.py"]
    missing = [f for f in files if not any(fnmatch.fnmatch(f, pat) for pat in patterns)]
    assert "_ids.txt" in files
    assert not missing, f"not shipped in the wheel: {missing}"


def test_readme_tells_vector_maintainers_to_install_editable() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## For maintainers of the vectors", 1)[1]
    assert "pip install -e ." in section


def test_every_package_of_the_checkout_is_in_the_wheel() -> None:
    """pyproject.toml lists its packages by hand: a new room missing there is missing from
    `pip install .` (it happened once: conformance.output), so compare the list with the tree."""
    tomllib = pytest.importorskip("tomllib", reason="tomllib is Python 3.11+")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for top in ("conformance", "reference") for p in (ROOT / top).rglob("__init__.py")}
    assert found - listed == set()
