"""The values an expression computes with, besides intervals: dates and series.

A ``DateSpan`` is the first and last day an EDTF date can mean, kept as day
ordinals so that Julian and Gregorian dates subtract the same way; its text is
kept so that the two ends of an EDTF interval ("1914-23/1915-04") can be
taken apart. A ``Series`` is a labelled column of a table (Table 4's fish
caught, by year), in the table's order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tables.claims.interval import Interval

__all__ = ["DateSpan", "Series"]


@dataclass(frozen=True)
class DateSpan:
    """All the days a printed date can mean: ``first`` to ``last`` (proleptic ordinals)."""

    first: int
    last: int
    text: str

    @classmethod
    def from_days(cls, first: dt.date, last: dt.date, text: str) -> DateSpan:
        return cls(first.toordinal(), last.toordinal(), text)

    @property
    def middle(self) -> float:
        return (self.first + self.last) / 2

    def as_interval(self) -> Interval:
        """The span as day ordinals (for comparisons); the point is its middle day."""
        return Interval(float(self.first), float(self.last), self.middle)


@dataclass(frozen=True)
class Series:
    """A table column as (label, value) pairs; missing marks are left out."""

    labels: tuple[str, ...]
    values: tuple[Interval, ...]

    def __len__(self) -> int:
        return len(self.values)
