"""The validator on good data and its exit codes (bad inputs: test_bad_inputs.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tables.cli import main
from tables.validate import validate_package

T1 = "table1_arms_debt_payments"


def test_project_data_are_valid() -> None:
    assert validate_package() == []


def test_frictionless_itself_finds_the_package_valid() -> None:
    import frictionless

    from tables.paths import DATA_DIR

    report = frictionless.validate(str(DATA_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_validate_exit_codes(
    package: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(package(T1))]) == 0
    assert main(["validate", "/no/such/folder"]) == 2
    assert "no such directory" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["validate", "--bogus"])
    assert usage.value.code == 2


def test_the_cache_never_hides_a_problem(package: Callable[..., Path], tmp_path: Path) -> None:
    """Validated twice (the second from the cache), then a cell broken, a foreign key's
    target changed, a cache entry corrupted: each problem is found, each repair seen."""
    from tables.validation_cache import cache_folder

    folder = package("table1_arms_debt_payments")
    assert validate_package(folder) == []
    assert validate_package(folder) == []  # every resource from the cache
    csv = folder / "table1_arms_debt_payments.csv"
    original = csv.read_text(encoding="utf-8")
    csv.write_text(original.replace("2294554", "2294554.5"), encoding="utf-8")
    assert [p.code for p in validate_package(folder)] == ["type-error"]
    csv.write_text(original, encoding="utf-8")
    assert validate_package(folder) == []
    articles = folder / "articles.csv"
    text = articles.read_text(encoding="utf-8")
    articles.write_text(text.replace("saveliev-pestushko", "saveliev-pestushk0", 1), "utf-8")
    codes = {p.code for p in validate_package(folder)}
    assert "foreign-key" in codes  # in files that did not change, through the key's target
    articles.write_text(text, encoding="utf-8")
    for entry in cache_folder().glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert validate_package(folder) == []


def test_a_users_package_is_cached_in_the_users_cache_not_the_projects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tables.paths import ROOT
    from tables.validation_cache import cache_folder

    monkeypatch.delenv("TABLES_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert cache_folder(tmp_path / "my-package") == tmp_path / "cache" / "tables" / "validate"
    assert cache_folder(None) == ROOT / "build" / "cache" / "validate"
