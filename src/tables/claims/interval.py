"""Interval arithmetic on printed figures: every number is a range of readings.

A printed "14.3 %" may be anything from 14.25 to 14.35; a table cell "372,906"
yen is exact; "about 450,000" is 405,000-495,000. Computing with the ranges
(not with the midpoints) is what lets the checker say "inconsistent" only when
*no* reading of the printed figures within their precision makes a statement
true. ``point`` carries the figures as read, for display and for the signed
difference.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["ClaimError", "Interval"]

INF = math.inf


class ClaimError(ValueError):
    """A claim cannot be evaluated (bad reference, division by zero, wrong type)."""


def _mul(a: float, b: float) -> float:
    """Product where 0 x infinity is 0 (an exact zero times an unbounded range)."""
    if a == 0 or b == 0:
        return 0.0
    return a * b


@dataclass(frozen=True)
class Interval:
    """A closed range ``[low, high]`` with the value as read (``point``, None if unknown).

    ``choices`` holds the possible values when they are discrete (the years
    that could be a series' peak), so that [1910, 1911] does not wrongly
    admit everything in between.
    """

    low: float
    high: float
    point: float | None = None
    choices: tuple[float, ...] | None = None

    @classmethod
    def exact(cls, value: float) -> Interval:
        return cls(value, value, value)

    @classmethod
    def unknown(cls) -> Interval:
        return cls(-INF, INF, None)

    @classmethod
    def of_choices(cls, values: list[float], point: float | None) -> Interval:
        ordered = tuple(sorted(set(values)))
        return cls(ordered[0], ordered[-1], point, ordered)

    @property
    def is_exact(self) -> bool:
        return self.low == self.high

    # -- arithmetic --------------------------------------------------------
    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high, _opt(self, other, "+"))

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low, _opt(self, other, "-"))

    def __mul__(self, other: Interval) -> Interval:
        products = [_mul(a, b) for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(products), max(products), _opt(self, other, "*"))

    def __truediv__(self, other: Interval) -> Interval:
        if other.low <= 0 <= other.high:
            raise ClaimError("division by a quantity that may be zero")
        quotients = [a / b for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(quotients), max(quotients), _opt(self, other, "/"))

    def __neg__(self) -> Interval:
        point = None if self.point is None else -self.point
        return Interval(-self.high, -self.low, point)

    def __abs__(self) -> Interval:
        point = None if self.point is None else abs(self.point)
        if self.low >= 0:
            return Interval(self.low, self.high, point)
        if self.high <= 0:
            return Interval(-self.high, -self.low, point)
        return Interval(0.0, max(-self.low, self.high), point)

    def scaled(self, factor: float) -> Interval:
        """Multiply by a positive exact constant (unit changes: days to weeks)."""
        point = None if self.point is None else self.point * factor
        return Interval(self.low * factor, self.high * factor, point)

    # -- comparison --------------------------------------------------------
    def admits(
        self, low: float, high: float, *, open_low: bool = False, open_high: bool = False
    ) -> bool:
        """Whether some value of this interval lies in the range (low, high)."""
        candidates = self.choices if self.choices is not None else None
        if candidates is not None:
            return any(_inside(c, low, high, open_low, open_high) for c in candidates)
        above = self.high > low if open_low else self.high >= low
        below = self.low < high if open_high else self.low <= high
        return above and below

    def distance_to(self, low: float, high: float) -> float:
        """How far this interval lies outside [low, high] (0 when they meet)."""
        values = self.choices if self.choices is not None else (self.low, self.high)
        if any(low <= v <= high for v in values) or (
            self.low <= high and self.high >= low and self.choices is None
        ):
            return 0.0
        return min(min(abs(v - low), abs(v - high)) for v in values)


def _inside(value: float, low: float, high: float, open_low: bool, open_high: bool) -> bool:
    above = value > low if open_low else value >= low
    below = value < high if open_high else value <= high
    return above and below


def _opt(a: Interval, b: Interval, op: str) -> float | None:
    if a.point is None or b.point is None:
        return None
    if op == "+":
        return a.point + b.point
    if op == "-":
        return a.point - b.point
    if op == "*":
        return _mul(a.point, b.point)
    return None if b.point == 0 else a.point / b.point
