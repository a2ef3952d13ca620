"""``tables init DIR``: a new, valid package for a historian's own article.

It holds the four resources every checked package has (articles, footnotes,
claims, corrections), with the schemas this library publishes (copied, by
version, into ``DIR/schemas/tables-1/``, so the package stands on its own), one
small example table with a printed total, one example claim that checks it,
and a README saying what to do next. ``tables validate DIR`` and ``tables check
DIR`` pass on it as created.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from tables.io import atomic_write

__all__ = ["SCHEMA_VERSION", "InitError", "add_rows", "init_package"]

#: The version of the published schemas a new package copies.
SCHEMA_VERSION = "1"
_PUBLISHED = Path(__file__).parent / "schemas" / SCHEMA_VERSION
_RESOURCES = ("articles", "footnotes", "claims", "corrections")
_TITLES = {
    "articles": "The articles whose numbers this package digitises",
    "footnotes": "The articles' footnotes: the sources each number cites",
    "claims": "Checkable statements, with the computation that tests each",
    "corrections": "Readings of printed text that cannot be read as it stands",
}


class InitError(ValueError):
    """The folder cannot take a new package; the message says why."""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-package"


def _csv(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


def _table(fields: list[str], rows: list[dict[str, str]]) -> str:
    """A CSV in the schema's column order, every column present (empty where not given)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def init_package(directory: Path, title: str | None = None) -> list[Path]:
    """Write a new package into ``directory`` (absent or empty); return the files written."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise InitError(f"{directory}: not an empty folder; tables init writes only a new one")
    name = _slug(directory.resolve().name)
    title = title or f"Numbers of {directory.resolve().name}"
    schemas = Path("schemas") / f"tables-{SCHEMA_VERSION}"
    resources = [
        {
            "name": res,
            "title": _TITLES[res],
            "path": f"{res}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": (schemas / f"{res}.schema.json").as_posix(),
        }
        for res in _RESOURCES
    ]
    resources.append(
        {
            "name": "example_table",
            "title": "Table 1. An example table, as printed (replace it with yours)",
            "description": "One row per printed line: the text as printed beside the value "
            "read from it; the printed total is a row with row_kind total.",
            "path": "example_table.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "article": "my-article",
            "table": 1,
            "schema": {
                "fields": [
                    {
                        "name": "row_kind",
                        "type": "string",
                        "description": "item, or total for the printed total line",
                        "constraints": {"required": True, "enum": ["item", "total"]},
                    },
                    {
                        "name": "label",
                        "type": "string",
                        "description": "The row's label as printed",
                        "constraints": {"required": True, "unique": True},
                    },
                    {
                        "name": "printed",
                        "type": "string",
                        "description": "The figure exactly as printed",
                        "constraints": {"required": True},
                    },
                    {
                        "name": "value",
                        "type": "number",
                        "description": "The figure as read (empty where the table prints a "
                        "missing mark)",
                    },
                ],
                "primaryKey": ["label"],
                "missingValues": [""],
            },
        }
    )
    descriptor = {
        "name": name,
        "title": title,
        "printing": {"decimalMark": ".", "groupSeparator": ","},
        "resources": resources,
    }
    rows = {
        "articles": [
            {
                "article": "my-article",
                "authors": "A. Author",
                "title": "The article's title, as printed",
                "events_from": "1900",
                "events_to": "1910",
                "note": "Replace this row with your article: a short id, its authors "
                "separated by '; ', its title, and the first and last year of the events "
                "it reports.",
            }
        ],
        "footnotes": [],
        "corrections": [],
        "claims": [
            {
                "id": "example-total",
                "article": "my-article",
                "where": "Table 1",
                "quote": "Total 2,000",
                "kind": "total",
                "stated_printed": "2,000",
                "stated_ref": 'example_table["Total"]',
                "unit": "units",
                "relation": "equal",
                "precision": "printed",
                "expression": 'sum(series("example_table", "label", row_kind="item"))',
                "expected": "consistent",
                "explanation": "The rows add up to the printed total. Replace this claim "
                "with your own.",
            }
        ],
    }
    files: dict[Path, str] = {
        Path("datapackage.json"): json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
        Path("example_table.csv"): _csv(
            "row_kind,label,printed,value",
            'item,First row,"1,200",1200',
            "item,Second row,800,800",
            'total,Total,"2,000",2000',
        ),
        Path("README.md"): _readme(title),
    }
    for res in _RESOURCES:
        text = (_PUBLISHED / f"{res}.schema.json").read_text(encoding="utf-8")
        files[schemas / f"{res}.schema.json"] = text
        fields = [f["name"] for f in json.loads(text)["fields"]]
        files[Path(f"{res}.csv")] = _table(fields, rows[res])
    written = []
    for relative, body in sorted(files.items()):
        written.append(atomic_write(directory / relative, body))
    return written


def _readme(title: str) -> str:
    return f"""# {title}

A Frictionless Data Package that `tables` validates and checks.

- `articles.csv`: your article(s): a short id, authors, title, the years its
  events span.
- `example_table.csv`: a printed table, one row per printed line: `printed`
  (the text as printed) beside `value` (the number read from it); the total
  line has `row_kind` total. Copy it for each of your tables and describe each
  in `datapackage.json`.
- `claims.csv`: each checkable statement: its quote, the stated figure, and the
  computation that tests it. Leave `expected` blank until you know the verdict.
- `corrections.csv`: where a printed figure cannot be read as it stands: what
  you read it as, and why.
- `footnotes.csv`: the footnotes that give each number's source.
- `schemas/tables-{SCHEMA_VERSION}/`: the schemas `tables` publishes (do not edit).

How your source prints numbers is declared once in `datapackage.json`
(`"printing"`: its decimal mark and thousands separator).

Then:

    tables validate .                    # each printed figure against its value
    tables check . --reports reports     # each claim's verdict; reports/errata.md
"""


def add_rows(
    directory: Path, resource: str, rows: list[dict[str, str]], replace: bool = False
) -> Path:
    """Append ``rows`` (column -> text) to a resource's CSV (or, with ``replace``, put them
    in place of its rows), in its schema's column order, every column present (empty where
    not given): how a notebook or script types data in."""
    from tables.package import open_package

    pkg = open_package(directory)
    fields = [f["name"] for f in pkg.fields(resource)]
    unknown = sorted({c for row in rows for c in row} - set(fields))
    if unknown:
        raise InitError(f"{resource} has no column {', '.join(unknown)}; its columns: {fields}")
    path = pkg.path(resource)
    existing = path.read_text(encoding="utf-8") if path.exists() and not replace else ""
    body = _table(fields, rows)
    text = existing + body.split("\n", 1)[1] if existing else body
    return atomic_write(path, text)
