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
