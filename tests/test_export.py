"""Exports read back: SQLite and Excel hold every resource's rows, typed as the CSVs say."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

import tables
from conftest import edit
from tables.cli import main
from tables.export import export_xlsx
from tables.package import open_package


def _same(a: object, b: object) -> bool:
    """One cell read back against pandas' reading of the CSV (missing is None or NaN)."""
    import pandas as pd

    if b is None or b is pd.NA or b is pd.NaT or (isinstance(b, float) and math.isnan(b)):
        return a is None
    if hasattr(b, "item"):
        b = b.item()
    if hasattr(b, "isoformat") and not isinstance(a, type(b)):
        return str(a) == b.isoformat()[: len(str(a))]
    if isinstance(b, float) or isinstance(a, float):
        return a is not None and math.isclose(float(a), float(b))  # type: ignore[arg-type]
    return a == b or str(a) == str(b)  # dates and periods: their ISO text


def _frames() -> dict[str, object]:
    return {name: tables.load(name) for name in open_package().names()}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("export")
    assert main(["export", "sqlite", str(folder / "tables.sqlite")]) == 0
    assert main(["export", "xlsx", str(folder / "tables.xlsx")]) == 0
    return {"sqlite": folder / "tables.sqlite", "xlsx": folder / "tables.xlsx"}


def test_sqlite_holds_every_resource_as_the_csvs_do(exported: dict[str, Path]) -> None:
    db = sqlite3.connect(exported["sqlite"])
    for name, frame in _frames().items():
        cursor = db.execute(f'SELECT * FROM "{name}"')
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        assert columns == list(frame.columns), name
        assert len(rows) == len(frame), name
        for row, (_, expected) in zip(rows, frame.iterrows(), strict=True):
            for column, value in zip(columns, row, strict=True):
                assert _same(value, expected[column]), (name, column, value, expected[column])


def test_sqlite_keeps_keys_titles_and_licence(exported: dict[str, Path]) -> None:
    db = sqlite3.connect(exported["sqlite"])
    links = db.execute('PRAGMA foreign_key_list("footnotes")').fetchall()
    assert [(row[2], row[3], row[4]) for row in links] == [("articles", "article", "article")]
    title = db.execute("SELECT title FROM _resources WHERE name = 'claims'").fetchone()[0]
    assert title.startswith("Checkable statements")
    licence = db.execute("SELECT value FROM _package WHERE key = 'licenses'").fetchone()[0]
    assert "CC-BY-4.0" in licence
    fields = db.execute("SELECT count(*) FROM _fields WHERE resource = 'table2_debts_to_japan'")
    assert fields.fetchone()[0] == 4


def test_xlsx_holds_a_readme_and_every_resource_typed(exported: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    book = load_workbook(exported["xlsx"])
    assert book.sheetnames[0] == "README"
    readme = {row[0]: row[1] for row in book["README"].iter_rows(values_only=True)}
    assert "printed" in readme["convention"] and readme["licence"] == "CC-BY-4.0"
    for name, frame in _frames().items():
        rows = list(book[name[:31]].iter_rows(values_only=True))
        assert list(rows[0]) == list(frame.columns), name
        assert len(rows) - 1 == len(frame), name
        for row, (_, expected) in zip(rows[1:], frame.iterrows(), strict=True):
            for column, value in zip(rows[0], row, strict=True):
                assert _same(value, expected[column]), (name, column, value, expected[column])
    value = book["table2_debts_to_japan"]["D2"].value
    assert isinstance(value, float | int) and value == 200_000_000  # a number, not text


def test_xlsx_never_stores_text_as_a_formula(package: Callable[..., Path], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    directory = package("table2_debts_to_japan")
    edit(directory / "footnotes.csv", "Hirama, Daiichiji", "=HYPERLINK(1) Hirama, Daiichiji")
    export_xlsx(tmp_path / "out.xlsx", directory)
    cells = [
        c
        for row in load_workbook(tmp_path / "out.xlsx")["footnotes"].iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    ]
    assert cells and all(c.data_type == "s" for c in cells)


def test_an_invalid_package_is_not_exported(
    package: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = package("table2_debts_to_japan")
    edit(directory / "table2_debts_to_japan.csv", '"200,000,000",200000000', '"200,000,000",1')
    assert main(["export", "xlsx", str(tmp_path / "out.xlsx"), str(directory)]) == 1
    assert "nothing exported" in capsys.readouterr().err
    assert not (tmp_path / "out.xlsx").exists()


def test_datasette_serves_every_table_and_the_faceted_claims(
    exported: dict[str, Path], tmp_path: Path
) -> None:
    """Datasette over the export, in process: each resource's page, the claims faceted by
    verdict, a foreign key shown as a link, and the licence."""
    import asyncio
    import json

    from datasette.app import Datasette

    from tables.export import datasette_metadata

    metadata = datasette_metadata(exported["sqlite"].stem)
    app = Datasette([str(exported["sqlite"])], metadata=metadata)

    async def get(path: str) -> tuple[int, str]:
        response = await app.client.get(path)
        return response.status_code, response.text

    async def visit() -> dict[str, tuple[int, str]]:
        pages = {name: f"/tables/{name}" for name in open_package().names()}
        # the facets come from the metadata alone (a _facet in the URL would show them twice)
        pages["facets"] = "/tables/checked_claims.json"
        pages["claims_html"] = "/tables/checked_claims"
        pages["footnotes"] = "/tables/footnotes"
        pages["home"] = "/"
        return {name: await get(path) for name, path in pages.items()}

    seen = asyncio.run(visit())
    assert {name: code for name, (code, _text) in seen.items() if code != 200} == {}
    facets = json.loads(seen["facets"][1])["facet_results"]
    verdicts = {f["value"]: f["count"] for f in facets["verdict"]["results"]}
    from collections import Counter

    from tables.claims import project_claims

    checked = project_claims()  # the counts the check gives, not numbers typed in
    assert verdicts == dict(Counter(c.verdict for c in checked))
    assert set(facets) == {"verdict", "kind", "article"}
    page = seen["claims_html"][1]
    for facet in ("verdict", "kind", "article"):  # each facet shown once
        assert page.count(f'id="facet-{facet}"') == 1, facet
    assert page.count('<td class="col-verdict') == len(checked)  # every claim on one page
    assert "<code>" in seen["footnotes"][1] and "`note`" not in seen["footnotes"][1]
    assert 'href="/tables/articles/saveliev-pestushko"' in seen["footnotes"][1]
    assert "CC-BY-4.0" in seen["home"][1]
