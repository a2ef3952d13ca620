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


def _body_tokens(name: str) -> Counter[str]:
    excerpt = PKG.resource(name)["printed_excerpt"]
    lines = (PKG.directory / excerpt["path"]).read_text(encoding="utf-8").splitlines()
    return Counter(TOKEN.findall("\n".join(lines[excerpt["header_lines"] :])))


def _csv_tokens(name: str) -> Counter[str]:
    """Printed values, plus the digits of each distinct row label (a label prints once per line)."""
    rows = read_rows(PKG, name)
    label_columns = PKG.resource(name)["printed_excerpt"]["row_labels"]
    tokens = Counter(r["printed"] for r in rows)
    for label in {tuple(r[c] for c in label_columns) for r in rows}:
        tokens.update(t for text in label for t in TOKEN.findall(text))
    return tokens


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
