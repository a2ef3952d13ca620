"""`tables init`: a new user's package, valid and checked as created, and the road to an errata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tables.cli import main
from tables.scaffold import SCHEMA_VERSION

PUBLISHED = Path(__file__).parents[1] / "src" / "tables" / "schemas" / SCHEMA_VERSION


def test_a_new_package_validates_and_checks_as_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "my-article"
    assert main(["init", str(mine)]) == 0
    assert main(["validate", str(mine)]) == 0
    assert main(["check", str(mine)]) == 0
    out = capsys.readouterr().out
    assert "example-total" in out and "consistent" in out
    for name in ("README.md", "articles.csv", "footnotes.csv", "claims.csv", "corrections.csv"):
        assert (mine / name).is_file()


def test_the_package_references_the_published_schemas_by_version(tmp_path: Path) -> None:
    mine = tmp_path / "pkg"
    assert main(["init", str(mine)]) == 0
    descriptor = json.loads((mine / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in descriptor["resources"]}
    for name in ("articles", "footnotes", "claims", "corrections"):
        path = by_name[name]["schema"]
        assert path == f"schemas/tables-{SCHEMA_VERSION}/{name}.schema.json"
        assert (mine / path).read_bytes() == (PUBLISHED / f"{name}.schema.json").read_bytes()
    assert descriptor["printing"] == {"decimalMark": ".", "groupSeparator": ","}


def test_the_published_schemas_know_no_article_of_ours() -> None:
    for path in PUBLISHED.glob("*.schema.json"):
        text = path.read_text(encoding="utf-8")
        for word in ("saveliev", "nish", "sp-", "Russia", "Japan"):
            assert word not in text, f"{path.name} mentions {word}"


def test_init_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_from_init_to_an_errata_in_four_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """init; the user types their table with a wrong total and leaves `expected` blank;
    validate; check with reports: the errata names the claim and the cells to look at."""
    mine = tmp_path / "mine"
    assert main(["init", str(mine)]) == 0
    (mine / "example_table.csv").write_text(
        'row_kind,label,printed,value\nitem,Wheat,"1,250",1250\nitem,Rye,730,730\n'
        'total,Total,"1,960",1960\n',
        encoding="utf-8",
    )
    claims = (mine / "claims.csv").read_text(encoding="utf-8")
    (mine / "claims.csv").write_text(
        claims.replace("2,000", "1,960").replace(",consistent,", ",,"), encoding="utf-8"
    )
    assert main(["validate", str(mine)]) == 0
    assert main(["check", str(mine), "--reports", str(mine / "reports")]) == 0
    errata = (mine / "reports" / "errata.md").read_text(encoding="utf-8")
    assert "## Inconsistencies (1 findings, 1 claims)" in errata
    assert "#### example-total (Table 1)" in errata
    assert "computed 1,980" in errata
    assert "1 claim(s) with no expected verdict (example-total)" in capsys.readouterr().err
