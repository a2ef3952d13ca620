"""What state a printed cell is in, decided once from the data: for tables, figures, notebooks.

A cell is *missing* when the article prints a missing mark ("-"), *unreadable*
when something else is printed but no value could be read from it, a
*reading* when ``corrections.csv`` records how a corrupted or misprinted text
is read (with the confidence of that reading), and *ok* otherwise. Marks,
labels and explanations that describe a cell take its state from here, so
recording a reading changes every one of them at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tables.printed import MISSING_MARK

__all__ = [
    "MISSING",
    "OK",
    "READING",
    "UNREADABLE",
    "CellState",
    "cell_state",
    "corrections_by_cell",
]

OK, MISSING, UNREADABLE, READING = "ok", "missing", "unreadable", "reading"


@dataclass(frozen=True)
class CellState:
    """A cell's state and printed text; for a reading, what it is read as and how surely."""

    state: str
    printed: str
    reading: str = ""
    confidence: str = ""

    def describe(self) -> str:
        """Words for a label: 'printed "-"', 'printed "284,9047", unreadable', ..."""
        printed = f"printed \u201c{self.printed}\u201d"
        if self.state == UNREADABLE:
            return f"{printed}, unreadable"
        if self.state == READING:
            return f"{printed}, read as {self.reading} ({self.confidence} confidence)"
        return printed


def corrections_by_cell(
    corrections: Iterable[Mapping[str, str]],
) -> dict[tuple[str, str, str], Mapping[str, str]]:
    """corrections.csv rows by (resource, key, field)."""
    return {(c["resource"], c["key"], c["field"]): c for c in corrections}


def cell_state(row: Mapping[str, str], correction: Mapping[str, str] | None = None) -> CellState:
    """The state of a row's printed figure, given the correction recorded for it (if any)."""
    printed = str(row.get("printed") or "").strip()
    if MISSING_MARK.match(printed):
        return CellState(MISSING, printed)
    value = str(row.get("value") or "")
    if value in ("", "nan", "<NA>"):
        return CellState(UNREADABLE if printed else OK, printed)
    if correction is not None and correction.get("reading"):
        return CellState(
            READING, printed, correction["reading"], correction.get("confidence") or "unstated"
        )
    return CellState(OK, printed)
