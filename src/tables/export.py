"""The package for other tools: a SQLite database and an Excel workbook.

Both carry every resource with the types its schema declares (a number is a
number, a missing value is empty, never zero), and the package's metadata:
titles and descriptions of resources and fields, sources, licence, and the
convention that ``printed`` holds the text as printed beside the ``value`` read
from it. Text a spreadsheet would run as a formula is stored as text.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from tables.io import atomic_write
from tables.package import DataPackage, open_package

__all__ = ["datasette_metadata", "export_sqlite", "export_xlsx", "typed_rows"]

CONVENTION = (
    "Each number keeps the text printed in the article ('printed') beside the value read "
    "from it ('value'); a missing mark ('-') stays missing (empty), never zero; readings of "
    "corrupted or misprinted text are in the corrections resource, with a reason."
)
_SQL_TYPES = {"integer": "INTEGER", "year": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


def typed_rows(pkg: DataPackage, name: str) -> tuple[list[str], list[list[object]]]:
    """A resource's columns and rows as ``tables.load`` types them (the one loader), each
    cell a plain value: a number, text, ISO text for a date or month, None when missing."""
    from tables.package import load

    frame = load(name, pkg.directory)
    return list(frame.columns), [[_plain(v) for v in row] for row in frame.itertuples(index=False)]


def _plain(value: object) -> object:
    import math

    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Period):
        return str(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value.item() if hasattr(value, "item") else value


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def export_sqlite(out: Path, directory: Path | None = None) -> Path:
    """Every resource as a table (typed columns, primary and foreign keys), and the
    package's metadata in ``_package``, ``_resources`` and ``_fields``."""
    pkg = open_package(directory)
    temporary = out.with_name(f".{out.name}.partial")
    temporary.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(temporary)
    try:
        db.execute("CREATE TABLE _package (key TEXT PRIMARY KEY, value TEXT)")
        meta = {k: v for k, v in pkg.descriptor.items() if k != "resources"}
        db.executemany(
            "INSERT INTO _package VALUES (?, ?)",
            [(k, json.dumps(v, ensure_ascii=False)) for k, v in meta.items()]
            + [("convention", json.dumps(CONVENTION))],
        )
        db.execute(
            "CREATE TABLE _resources (name TEXT PRIMARY KEY, title TEXT, description TEXT, "
            "path TEXT, sources TEXT)"
        )
        db.execute(
            "CREATE TABLE _fields (resource TEXT, name TEXT, type TEXT, title TEXT, "
            "description TEXT, PRIMARY KEY (resource, name))"
        )
        for res in pkg.resources:
            name = res["name"]
            db.execute(
                "INSERT INTO _resources VALUES (?, ?, ?, ?, ?)",
                (
                    name,
                    res.get("title"),
                    res.get("description"),
                    res.get("path"),
                    json.dumps(res.get("sources", []), ensure_ascii=False),
                ),
            )
            fields = pkg.fields(name)
            db.executemany(
                "INSERT INTO _fields VALUES (?, ?, ?, ?, ?)",
                [
                    (name, f["name"], f.get("type", "string"), f.get("title"), f.get("description"))
                    for f in fields
                ],
            )
            schema = pkg.schema(name)
            columns = [
                f"{_quote(f['name'])} {_SQL_TYPES.get(f.get('type'), 'TEXT')}" for f in fields
            ]
            key = pkg.primary_key(name)
            if key:
                columns.append(f"PRIMARY KEY ({', '.join(map(_quote, key))})")
            for fk in schema.get("foreignKeys", []):
                own = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
                ref = fk["reference"]
                theirs = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
                columns.append(
                    f"FOREIGN KEY ({', '.join(map(_quote, own))}) REFERENCES "
                    f"{_quote(ref['resource'] or name)} ({', '.join(map(_quote, theirs))})"
                )
            db.execute(f"CREATE TABLE {_quote(name)} ({', '.join(columns)})")
            names, rows = typed_rows(pkg, name)
            marks = ", ".join("?" for _ in names)
            db.executemany(f"INSERT INTO {_quote(name)} VALUES ({marks})", rows)
        _checked_claims(db, directory)
        db.commit()
    finally:
        db.close()
    temporary.replace(out)
    return out


#: The checked claims' columns: what a reader sees (text as the reports show it) first,
#: then the numbers the check compared, for sorting and queries.
CHECKED_CLAIMS_COLUMNS = {
    "id": "The claim, a link to its row in claims.",
    "article": "The article that makes the claim.",
    "kind": "What sort of statement it is (a total, a share, a date, ...).",
    "verdict": "consistent, inconsistent, cannot fail (agrees, but could not have "
    "disagreed) or not checkable.",
    "quote": "The sentence or table line the claim is read from, as printed.",
    "stated": "What the article states, as printed; empty when it prints no figure (a "
    "check the data make on their own).",
    "tested_against": "What the computed figure must equal (the stated figure) or satisfy "
    "(a bound: > 0 for a rise, < 0 for a fall).",
    "computed": "The figure recomputed from the data, rounded as the reports show it.",
    "unit": "The unit of stated and computed.",
    "why": "The check's reason for the verdict, or the transcriber's note on the claim.",
    "finding": "The fact the claim tests: claims testing the same fact share a finding.",
    "expected": "The verdict recorded when the claim was transcribed (a regression "
    "guard); empty when none was recorded.",
    "stated_value": "The number the computed figure is tested against (the bound for a "
    "relation other than equal); empty when there is none.",
    "computed_value": "The recomputed figure, unrounded.",
}


def _checked_claims(db: sqlite3.Connection, directory: Path | None) -> None:
    """Each claim's verdict as the check computes it, linked to its row in ``claims``."""
    from tables.claims import check_claims
    from tables.report import number, tested_against

    results, _problems = check_claims(directory)
    types = {"stated_value": "REAL", "computed_value": "REAL"}
    columns = [f"{_quote(c)} {types.get(c, 'TEXT')}" for c in CHECKED_CLAIMS_COLUMNS]
    columns[0] += " PRIMARY KEY REFERENCES claims (id)"
    db.execute(f"CREATE TABLE checked_claims ({', '.join(columns)})")
    rows = []
    for c in results:
        unit = c.row.get("unit", "")
        computed = c.computed.point if c.computed else None
        rows.append(
            (
                c.id,
                c.row.get("article"),
                c.row.get("kind"),
                c.verdict,
                c.row.get("quote"),
                c.row.get("stated_printed") or None,
                tested_against(c),
                number(computed, unit) if computed is not None else None,
                unit,
                c.why or c.row.get("explanation") or None,
                c.finding,
                c.row.get("expected") or None,
                c.stated_value,
                computed,
            )
        )
    marks = ", ".join("?" for _ in CHECKED_CLAIMS_COLUMNS)
    db.executemany(f"INSERT INTO checked_claims VALUES ({marks})", rows)


def _code_spans(text: str) -> str:
    """Descriptions are Markdown-ish: escape them, and show `name` as code, not backticks."""
    import html
    import re

    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def datasette_metadata(database: str, directory: Path | None = None) -> dict[str, Any]:
    """Datasette's metadata for the exported database: titles and descriptions of every
    table and column, the licence and sources, and facets on the checked claims."""
    pkg = open_package(directory)
    tables: dict[str, Any] = {}
    for res in pkg.resources:
        tables[res["name"]] = {
            "title": res.get("title", res["name"]),
            "description_html": _code_spans(res.get("description", "")),
            "columns": {f["name"]: f.get("description", "") for f in pkg.fields(res["name"])},
        }
    tables["checked_claims"] = {
        "title": "Every claim with the verdict the check computes",
        "description": "Each claim of the articles, the figure it states and the figure the "
        "data give, the verdict and why. Click an id for the claim's full row.",
        "columns": CHECKED_CLAIMS_COLUMNS,
        "facets": ["verdict", "kind", "article"],
        "sort": "id",
        "size": 1000,  # every claim on one page (Datasette's default is 100 rows)
    }
    if "claims" in tables:
        tables["claims"]["facets"] = ["kind", "article", "expected"]
    licences = pkg.descriptor.get("licenses") or [{}]
    sources = pkg.descriptor.get("sources") or [{}]
    return {
        "title": pkg.descriptor.get("title", pkg.descriptor.get("name")),
        "description_html": _code_spans(pkg.descriptor.get("description", "") + " " + CONVENTION),
        "license": licences[0].get("name", ""),
        "license_url": licences[0].get("path", ""),
        "source": "; ".join(str(s.get("title", "")) for s in sources),
        "databases": {database: {"tables": tables}},
    }


def export_xlsx(out: Path, directory: Path | None = None) -> Path:
    """A README sheet (title, sources, licence, the printed-beside-value convention), then
    one sheet per resource with typed cells; text is never a formula."""
    import io

    from openpyxl import Workbook

    pkg = open_package(directory)
    book = Workbook()
    readme = book.active
    readme.title = "README"
    licences = ", ".join(lic.get("name", "") for lic in pkg.descriptor.get("licenses", []))
    sources = "; ".join(s.get("title", "") for s in pkg.descriptor.get("sources", []))
    lines = [
        ("title", pkg.descriptor.get("title", pkg.descriptor.get("name", ""))),
        ("description", pkg.descriptor.get("description", "")),
        ("sources", sources),
        ("licence", licences),
        ("convention", CONVENTION),
        ("sheets", "one per resource, in the package's order: " + ", ".join(pkg.names())),
    ]
    for key, text in lines:
        _append(readme, [key, str(text)])
    for res in pkg.resources:
        sheet = book.create_sheet(_sheet_name(res["name"], book.sheetnames))
        names, rows = typed_rows(pkg, res["name"])
        _append(sheet, names)
        for row in rows:
            _append(sheet, row)
    buffer = io.BytesIO()
    book.save(buffer)
    return atomic_write(out, buffer.getvalue())


def _append(sheet: Any, values: list[object]) -> None:
    """A row of cells; a text cell is text even when it starts like a formula ("=", "+")."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _sheet_name(name: str, taken: list[str]) -> str:
    """Excel's sheet names: at most 31 characters, unique."""
    short = name[:31]
    number = 2
    while short in taken:
        suffix = f"~{number}"
        short, number = name[: 31 - len(suffix)] + suffix, number + 1
    return short
