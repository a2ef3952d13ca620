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
    assert "## Inconsistencies (1 finding, 1 claim)" in errata
    assert "#### example-total (Table 1)" in errata
    assert "computed 1,980" in errata
    assert "1 claim(s) with no expected verdict (example-total)" in capsys.readouterr().err


def _tidy(mine: Path, per: list[str] | None) -> None:
    """The example table as a tidy district table: two measures, a total line of two cells."""
    (mine / "example_table.csv").write_text(
        "row_kind,label,measure,printed,value\n"
        'item,North,people,"1,200",1200\nitem,North,houses,310,310\n'
        "item,South,people,800,800\nitem,South,houses,190,190\n"
        'total,Total,people,"2,000",2000\ntotal,Total,houses,500,500\n',
        encoding="utf-8",
    )
    descriptor = json.loads((mine / "datapackage.json").read_text(encoding="utf-8"))
    table = next(r for r in descriptor["resources"] if r["name"] == "example_table")
    fields = table["schema"]["fields"]
    fields.insert(2, {"name": "measure", "type": "string", "constraints": {"required": True}})
    fields[1]["constraints"].pop("unique")
    table["schema"]["primaryKey"] = ["label", "measure"]
    if per is not None:
        table["totals"] = {"per": per}
    (mine / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    claims = (mine / "claims.csv").read_text(encoding="utf-8").splitlines()
    people = (
        claims[1]
        .replace('example_table[""Total""]', 'example_table[""Total|people""]')
        .replace('row_kind=""item""', 'row_kind=""item"", measure=""people""')
    )
    houses = (
        people.replace("example-total", "example-houses")
        .replace("2,000", "500")
        .replace("people", "houses")
    )
    (mine / "claims.csv").write_text("\n".join([claims[0], people, houses]) + "\n", "utf-8")


def test_a_total_line_of_several_columns_has_one_total_row_per_measure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "districts"
    assert main(["init", str(mine)]) == 0
    _tidy(mine, per=["measure"])
    assert main(["validate", str(mine)]) == 0
    assert main(["check", str(mine)]) == 0
    out = capsys.readouterr().out
    assert "example-total" in out and "example-houses" in out
    assert "2 claims: 2 consistent, 0 inconsistent" in out


def test_two_totals_of_one_group_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "districts"
    assert main(["init", str(mine)]) == 0
    _tidy(mine, per=None)  # the whole table one group: its second total row is refused
    assert main(["validate", str(mine)]) == 1
    out = capsys.readouterr().out
    assert "example_table.csv:7:row_kind: a second total row; a table has at most one" in out
    again = tmp_path / "again"
    assert main(["init", str(again)]) == 0
    _tidy(again, per=["measure"])
    mine = again
    text = (mine / "example_table.csv").read_text(encoding="utf-8")
    (mine / "example_table.csv").write_text(
        text.replace("total,Total,houses,500,500", 'total,All,people,"2,000",2000')
    )
    assert main(["validate", str(mine)]) == 1
    out = capsys.readouterr().out
    assert "a second total row for measure 'people'; a table has one per measure" in out


def test_a_total_row_above_its_rows_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine"
    assert main(["init", str(mine)]) == 0
    (mine / "example_table.csv").write_text(
        'row_kind,label,printed,value\ntotal,Total,"2,000",2000\nitem,First row,"1,200",1200\n'
        "item,Second row,800,800\n",
        encoding="utf-8",
    )
    assert main(["validate", str(mine)]) == 1
    assert "the total row must come after the rows it totals" in capsys.readouterr().out


def test_add_rows_types_rows_in_the_schemas_column_order(tmp_path: Path) -> None:
    from tables.scaffold import InitError, add_rows, init_package

    mine = tmp_path / "mine"
    init_package(mine)
    add_rows(
        mine, "footnotes", [{"text": "Archive, file 3.", "footnote": "1", "article": "my-article"}]
    )
    assert (mine / "footnotes.csv").read_text(encoding="utf-8") == (
        'article,footnote,text,note\nmy-article,1,"Archive, file 3.",\n'
    )
    with pytest.raises(InitError, match="footnotes has no column page"):
        add_rows(mine, "footnotes", [{"page": "3"}])
