"""Every number in a table's printed lines is in its CSV, and every CSV value is in the lines.

The printed excerpts (data/tables/printed/table_N.txt) are the OCR lines of each
table kept verbatim; they are the evidence the CSVs are checked against.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tables.package import open_package, read_rows

PKG = open_package()
TABLES = [r["name"] for r in PKG.resources if "printed_excerpt" in r]
#: A printed number (with its % sign if any) or a missing mark standing alone.
TOKEN = re.compile(r"(?<!\S)-+(?!\S)|\d[\d,]*(?:\.\d+)?(?:\s?%)?")
#: Columns holding row labels, whose digits (years) are labels, not values.
LABELS = ("period", "country", "boat_class", "year")


def _body_tokens(name: str) -> Counter[str]:
    excerpt = PKG.resource(name)["printed_excerpt"]
    lines = (PKG.directory / excerpt["path"]).read_text(encoding="utf-8").splitlines()
    return Counter(TOKEN.findall("\n".join(lines[excerpt["header_lines"] :])))


def _csv_tokens(name: str) -> Counter[str]:
    rows = read_rows(PKG, name)
    tokens = Counter(r["printed"] for r in rows)
    label_columns = [c for c in LABELS if c in rows[0]]
    for row in rows:
        if name == "table5_transit_vladivostok":
            break  # its labels (period) are column heads, outside the body lines
        seen = {row[c] for c in label_columns}
        for text in seen:
            tokens.update(TOKEN.findall(text))
    if name == "table4_fisheries":  # one year label per printed line, not per cell
        years = Counter(r["year"] for r in rows)
        tokens.subtract(Counter({y: n - 1 for y, n in years.items()}))
    return +tokens


def test_every_table_has_a_printed_excerpt() -> None:
    assert [
        f"table{n}_{s}"
        for n, s in [
            (1, "arms_debt_payments"),
            (2, "debts_to_japan"),
            (3, "fishing_boats"),
            (4, "fisheries"),
            (5, "transit_vladivostok"),
        ]
    ] == TABLES


@pytest.mark.parametrize("name", TABLES)
def test_printed_lines_and_csv_hold_the_same_numbers(name: str) -> None:
    assert _body_tokens(name) == _csv_tokens(name)
