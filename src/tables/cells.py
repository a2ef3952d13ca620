"""What state a printed cell is in, decided once from the data: for tables, figures, notebooks.

A cell is *missing* when the article prints a missing mark ("-"), a *range*
when it prints two bounds ("about 13,000-15,000": ``low`` and ``high``, no
single ``value``), *unreadable* when something else is printed but no value
could be read from it, a *reading* when ``corrections.csv`` records how a
corrupted or misprinted text is read (with the confidence of that reading), and
*ok* otherwise; any of them may be *hedged* ("about", "more than": its
``qualifier``). Marks,
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
    "RANGE",
    "READING",
    "UNREADABLE",
    "CellState",
    "cell_state",
    "corrections_by_cell",
]

OK, MISSING, UNREADABLE, READING, RANGE = "ok", "missing", "unreadable", "reading", "range"


@dataclass(frozen=True)
class CellState:
    """A cell's state and printed text; for a reading, what it is read as and how surely."""

    state: str
    printed: str
    reading: str = ""
    confidence: str = ""
    #: The printed hedge ("about", "more than"), if any.
    qualifier: str = ""

    @property
    def hedged(self) -> bool:
        return bool(self.qualifier)

    def describe(self) -> str:
        """Words for a label: 'printed "-"', 'printed "284,9047", unreadable', ..."""
        printed = f"printed \u201c{self.printed}\u201d"
        if self.state == UNREADABLE:
            return f"{printed}, unreadable"
        if self.state == READING:
            return f"{printed}, read as {self.reading} ({self.confidence} confidence)"
        if self.state == RANGE:
            return f"{printed}, a range"
        return printed


def corrections_by_cell(
    corrections: Iterable[Mapping[str, str]],
) -> dict[tuple[str, str, str], Mapping[str, str]]:
    """corrections.csv rows by (resource, key, field)."""
    return {(c["resource"], c["key"], c["field"]): c for c in corrections}


def cell_state(row: Mapping[str, str], correction: Mapping[str, str] | None = None) -> CellState:
    """The state of a row's printed figure, given the correction recorded for it (if any)."""
    printed = str(row.get("printed") or "").strip()
    hedge = _text(row.get("qualifier"))
    if MISSING_MARK.match(printed):
        return CellState(MISSING, printed, qualifier=hedge)
    if correction is not None and correction.get("reading") and _text(row.get("value")):
        confidence = correction.get("confidence") or "unstated"
        return CellState(READING, printed, correction["reading"], confidence, hedge)
    if _text(row.get("value")):
        return CellState(OK, printed, qualifier=hedge)
    if _text(row.get("low")) or _text(row.get("high")):
        return CellState(RANGE, printed, qualifier=hedge)
    return CellState(UNREADABLE if printed else OK, printed, qualifier=hedge)


def _text(cell: object) -> str:
    """A cell's text; empty for a missing one however a reader gave it (None, NaN, <NA>)."""
    text = "" if cell is None else str(cell)
    return "" if text in ("nan", "<NA>", "None") else text
