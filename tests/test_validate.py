"""The validator: the project's data pass; each kind of bad input gets its exact message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import edit
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


def _rewrite(path: Path, transform: Callable[[str], str]) -> None:
    path.write_text(transform(path.read_text(encoding="utf-8")), encoding="utf-8")


BAD_INPUTS = {
    "non-numeric count": (
        lambda d: edit(d / f"{T1}.csv", '"372,906",372906', '"372,906",37x906'),
        "table1_arms_debt_payments.csv:2:value: '37x906' is not a whole number",
    ),
    "misplaced thousands separator": (
        lambda d: edit(d / f"{T1}.csv", '"372,906",372906', '"37,2906",372906'),
        "table1_arms_debt_payments.csv:2:printed: misplaced thousands separator in '37,2906' "
        "(digits after the first comma come in groups of three); add a row to corrections.csv "
        "saying how it is read",
    ),
    "thousands separator in a number cell": (
        lambda d: edit(d / f"{T1}.csv", '"372,906",372906', '"372,906","372,906"'),
        "table1_arms_debt_payments.csv:2:value: '372,906' is not a whole number: "
        "write it without thousands separators",
    ),
    "negative count": (
        lambda d: edit(d / f"{T1}.csv", '"372,906",372906', "-372906,-372906"),
        "table1_arms_debt_payments.csv:2:value: '-372906' is below the minimum 0",
    ),
    "duplicate key": (
        lambda d: edit(d / f"{T1}.csv", '"January, 1918"', '"December, 1917"'),
        "table1_arms_debt_payments.csv:3:period: duplicate key (period): the same as in row 2",
    ),
    "missing required column": (
        lambda d: _rewrite(d / f"{T1}.csv", lambda t: t.replace(",printed,", ",", 1)),
        "table1_arms_debt_payments.csv:1:printed: column 'printed' is missing from the header",
    ),
    "unknown extra column": (
        lambda d: _rewrite(d / f"{T1}.csv", lambda t: t.replace("value\n", "value,remark\n", 1)),
        "table1_arms_debt_payments.csv:1:remark: column 'remark' is not in the schema",
    ),
    "empty file": (
        lambda d: (d / f"{T1}.csv").write_bytes(b""),
        "table1_arms_debt_payments.csv:-:-: the file is empty",
    ),
    "not UTF-8": (
        lambda d: (d / f"{T1}.csv").write_bytes(
            (d / f"{T1}.csv")
            .read_text(encoding="utf-8")
            .replace("In total", "In tötal")
            .encode("latin-1")
        ),
        "table1_arms_debt_payments.csv:8:11: byte 0xf6 is not UTF-8: save the file as UTF-8",
    ),
    "value that is not what was printed": (
        lambda d: edit(d / f"{T1}.csv", '"372,906",372906', '"372,906",372960'),
        "table1_arms_debt_payments.csv:2:value: value '372960' does not match printed '372,906' "
        "(expected 372906); fix it or justify it in corrections.csv",
    ),
    "missing mark read as zero": (
        lambda d: edit(
            d / "table4_fisheries.csv",
            "1916,fish_caught_by_japanese,-,,",
            "1916,fish_caught_by_japanese,-,0,",
        ),
        "table4_fisheries.csv:26:value: value '0' does not match printed '-' (expected empty); "
        "fix it or justify it in corrections.csv",
    ),
    "enum": (
        lambda d: edit(d / f"{T1}.csv", "total,In total", "sum,In total"),
        "table1_arms_debt_payments.csv:8:row_kind: "
        "'sum' is not one of the allowed values ['item', 'total']",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_gets_its_exact_message_and_exit_1(
    case: str, package: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    mutate, expected = BAD_INPUTS[case]
    directory = package(T1, "table4_fisheries")
    mutate(directory)
    assert [str(p) for p in validate_package(directory)] == [expected]
    assert main(["validate", str(directory)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [expected]
    assert "Traceback" not in out + err


def test_validate_exit_codes(
    package: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(package(T1))]) == 0
    assert main(["validate", "/no/such/folder"]) == 2
    assert "no such directory" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["validate", "--bogus"])
    assert usage.value.code == 2


@pytest.mark.parametrize(
    ("path", "fault"),
    [
        ("../../etc/passwd", "leaves the package folder"),
        ("/etc/passwd", "leaves the package folder"),
        ("link.csv", "is a symbolic link"),
        ("nowhere.csv", "no such file"),
    ],
)
def test_resource_paths_must_stay_inside_the_package(
    path: str, fault: str, package: Callable[..., Path]
) -> None:
    import json

    directory = package(T1)
    (directory / "link.csv").symlink_to(directory / f"{T1}.csv")
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][-1]["path"] = path
    (directory / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    name = descriptor["resources"][-1]["name"]
    assert [str(p) for p in validate_package(directory)] == [
        f"datapackage.json:-:path: resource {name!r} path {path!r}: {fault}"
    ]


def test_descriptor_that_is_not_json(package: Callable[..., Path]) -> None:
    directory = package(T1)
    (directory / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    assert [str(p) for p in validate_package(directory)] == [
        "datapackage.json:1:16: not valid JSON: Expecting value"
    ]
