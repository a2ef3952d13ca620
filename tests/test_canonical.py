"""`tables fmt` puts a hand-edited CSV back in canonical form without changing a cell."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from tables.cli import main
from tables.paths import DATA_DIR

T2 = "table2_debts_to_japan.csv"


def test_fmt_restores_column_order_and_line_ends(package: Callable[..., Path]) -> None:
    directory = package("table2_debts_to_japan")
    path = directory / T2
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:  # BOM, columns swapped, CRLF
        csv.writer(handle, lineterminator="\r\n").writerows(
            [[r[1], r[0], r[2], r[3]] for r in rows]
        )
    assert main(["validate", str(directory)]) == 1  # the BOM is reported, with the cure
    assert main(["fmt", "--check", str(directory)]) == 1
    assert main(["fmt", str(directory)]) == 0
    assert main(["validate", str(directory)]) == 0
    assert path.read_bytes() == (DATA_DIR / T2).read_bytes()
    assert main(["fmt", "--check", str(directory)]) == 0
