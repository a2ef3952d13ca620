"""The whitelisted functions a claim's expression may call.

Each works on intervals (numbers with their precision), date spans or
series, and nothing else; none can reach the file system, import or loop.
Elapsed-time functions take the earliest and latest day each date can mean, so
"1915-08" to "1915-09" is 1 to 60 days, shown as the 30.5 between the middles.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import reduce
from itertools import pairwise
from typing import Any

from tables.claims.interval import ClaimError, Interval
from tables.claims.values import DateSpan, Series

__all__ = ["FUNCTIONS"]

_DAYS_PER_YEAR = 365.2425
_DAYS_PER_MONTH = _DAYS_PER_YEAR / 12
#: Python's date ordinal 1 (0001-01-01 proleptic Gregorian) is Julian Day 1721425.5.
_ORDINAL_TO_JD = 1721424.5


def _numbers(args: tuple[Any, ...], name: str) -> list[Interval]:
    """Arguments as intervals: several intervals, or one series."""
    if len(args) == 1 and isinstance(args[0], Series):
        return list(args[0].values)
    if not args:
        raise ClaimError(f"{name}() needs at least one argument")
    for arg in args:
        if not isinstance(arg, Interval):
            raise ClaimError(f"{name}() takes numbers or one series, not {_kind(arg)}")
    return list(args)


def _series(arg: Any, name: str) -> Series:
    if not isinstance(arg, Series):
        raise ClaimError(f"{name}() takes a series, not {_kind(arg)}")
    return arg


def _date(arg: Any, name: str) -> DateSpan:
    if not isinstance(arg, DateSpan):
        raise ClaimError(f"{name}() takes a date, not {_kind(arg)}")
    return arg


def _kind(value: Any) -> str:
    return {Interval: "a number", DateSpan: "a date", Series: "a series"}.get(
        type(value), type(value).__name__
    )


# -- numbers ----------------------------------------------------------------
def _sum(*args: Any) -> Interval:
    return reduce(lambda a, b: a + b, _numbers(args, "sum"))


def _min(*args: Any) -> Interval:
    values = _numbers(args, "min")
    points = [v.point for v in values]
    point = None if None in points else min(points)
    return Interval(min(v.low for v in values), min(v.high for v in values), point)


def _max(*args: Any) -> Interval:
    values = _numbers(args, "max")
    points = [v.point for v in values]
    point = None if None in points else max(points)
    return Interval(max(v.low for v in values), max(v.high for v in values), point)


def _abs(value: Any) -> Interval:
    return abs(_numbers((value,), "abs")[0])


def _round(value: Any, digits: Any = None) -> Interval:
    number = _numbers((value,), "round")[0]
    places = 0
    if digits is not None:
        if not (isinstance(digits, Interval) and digits.is_exact and digits.low.is_integer()):
            raise ClaimError("round() takes a whole number of digits")
        places = int(digits.low)
        if not -12 <= places <= 12:
            raise ClaimError("round() takes from -12 to 12 digits")

    def r(x: float | None) -> float | None:
        return x if x is None or math.isinf(x) else round(x, places)

    return Interval(r(number.low), r(number.high), r(number.point))  # type: ignore[arg-type]


def _count(series: Any) -> Interval:
    return Interval.exact(float(len(_series(series, "count"))))


def _gcd(*args: Any) -> Interval:
    """Greatest common divisor of exact whole figures (a conversion's unit shows in it)."""
    values = _numbers(args, "gcd")
    whole = []
    for v in values:
        if v.point is None or not float(v.point).is_integer():
            raise ClaimError("gcd() takes whole numbers")
        whole.append(int(v.point))
    return Interval.exact(float(reduce(math.gcd, whole)))


def _peak(series: Any) -> Interval:
    """The label (a year) of the series' largest value; every label that could be it."""
    s = _series(series, "peak")
    labels = [_label_number(label) for label in s.labels]
    possible = [
        lab
        for lab, v in zip(labels, s.values, strict=True)
        if all(v.high >= other.low for other in s.values if other is not v)
    ]
    known = [(v.point, lab) for lab, v in zip(labels, s.values, strict=True) if v.point is not None]
    point = max(known)[1] if known else None
    return Interval.of_choices(possible, point)


def _declines(*args: Any) -> Interval:
    """Falls from one value to the next (year on year): certain ones to possible ones."""
    values = _numbers(args, "declines")
    pairs = list(pairwise(values))
    certain = sum(1 for a, b in pairs if b.high < a.low)
    possible = sum(1 for a, b in pairs if b.low < a.high)
    known = [(a, b) for a, b in pairs if a.point is not None and b.point is not None]
    point = float(sum(1 for a, b in known if b.point < a.point))  # type: ignore[operator]
    return Interval(float(certain), float(possible), point)


def _largest_fall(*args: Any) -> Interval:
    """The largest fall from one value to the next, as a share of the earlier (0 if none).

    What "gradually increased" is tested with: a rise may have dips, but not a
    collapse (``precision.GRADUAL``). A figure that cannot be read could make
    any fall from 0 to all of it.
    """
    values = _numbers(args, "largest_fall")
    if len(values) < 2:
        raise ClaimError("largest_fall() needs at least two values")
    lows, highs, points = [0.0], [0.0], [0.0]
    for a, b in pairwise(values):
        if math.isinf(a.low) or math.isinf(a.high) or math.isinf(b.low) or math.isinf(b.high):
            lows.append(0.0), highs.append(1.0), points.append(math.nan)
            continue
        if a.low <= 0:
            raise ClaimError("largest_fall() takes positive figures")
        lows.append(1 - b.high / a.low)
        highs.append(1 - b.low / a.high)
        if a.point is None or b.point is None:
            points.append(math.nan)
        else:
            points.append(1 - b.point / a.point)
    point = None if any(math.isnan(p) for p in points) else max(points)
    return Interval(max(lows), max(highs), point)


def _label_number(label: str) -> float:
    try:
        return float(label)
    except ValueError:
        raise ClaimError(f"peak() needs numeric labels such as years, not {label!r}") from None


# -- dates ------------------------------------------------------------------
def _days(start: Any, end: Any) -> Interval:
    a, b = _date(start, "days"), _date(end, "days")
    return Interval(float(b.first - a.last), float(b.last - a.first), b.middle - a.middle)


def _per(unit: float, name: str) -> Callable[[Any, Any], Interval]:
    def elapsed(start: Any, end: Any) -> Interval:
        _date(start, name), _date(end, name)
        return _days(start, end).scaled(1 / unit)

    elapsed.__name__ = name
    return elapsed


def _part(index: int, name: str) -> Callable[[Any], DateSpan]:
    def part(value: Any) -> DateSpan:
        from tables.dates import DateError, parse_edtf_bounds

        span = _date(value, name)
        pieces = span.text.split("/")
        if len(pieces) != 2:
            return span
        try:
            return DateSpan.from_days(*parse_edtf_bounds(pieces[index]), pieces[index])
        except DateError as exc:
            raise ClaimError(str(exc)) from None

    part.__name__ = name
    return part


def _calendar_years(start: Any, end: Any) -> Interval:
    """Calendar years from the start's to the end's, both counted ("1914 to 1917" is 4).

    How prose often counts years ("for four years"); ``years()`` gives the
    time elapsed.
    """
    import datetime as dt

    a, b = _date(start, "calendar_years"), _date(end, "calendar_years")

    def year(ordinal: float) -> int:
        return dt.date.fromordinal(int(ordinal)).year

    low = year(b.first) - year(a.last) + 1
    high = year(b.last) - year(a.first) + 1
    return Interval(float(low), float(high), float(year(b.middle) - year(a.middle) + 1))


def _year(value: Any) -> Interval:
    import datetime as dt

    span = _date(value, "year")
    first, last = dt.date.fromordinal(span.first), dt.date.fromordinal(span.last)
    middle = dt.date.fromordinal(int(span.middle))
    return Interval(float(first.year), float(last.year), float(middle.year))


def _julian_year(value: Any) -> Interval:
    """The year an Old Style (Julian) calendar gives the date: 7 January 1901 is 1900."""
    from convertdate import julian

    span = _date(value, "julian_year")
    years = [julian.from_jd(day + _ORDINAL_TO_JD)[0] for day in (span.first, span.last)]
    middle = julian.from_jd(int(span.middle) + _ORDINAL_TO_JD)[0]
    return Interval(float(years[0]), float(years[1]), float(middle))


def _calendar_gap(value: Any) -> Interval:
    """Days the New Style calendar ran ahead of the Old Style on an Old Style date."""
    from tables.dates import julian_gap

    span = _date(value, "calendar_gap")
    try:
        year, month, _day = (int(p) for p in span.text.split("-"))
    except ValueError:
        raise ClaimError(f"calendar_gap() takes an Old Style day, not {span.text!r}") from None
    return Interval.exact(float(julian_gap(year, month)))


def _weekday(value: Any) -> Interval:
    """ISO weekday (1 Monday ... 7 Sunday) of a date; every weekday a span allows."""
    import datetime as dt

    span = _date(value, "weekday")
    days = range(span.first, min(span.last, span.first + 6) + 1)
    weekdays = [float(dt.date.fromordinal(d).isoweekday()) for d in days]
    point = weekdays[0] if span.first == span.last else None
    return Interval.of_choices(weekdays, point)


#: name -> (function, how many arguments it takes: (least, most); None = any).
FUNCTIONS: dict[str, tuple[Callable[..., Any], tuple[int, int | None]]] = {
    "sum": (_sum, (1, None)),
    "min": (_min, (1, None)),
    "max": (_max, (1, None)),
    "abs": (_abs, (1, 1)),
    "round": (_round, (1, 2)),
    "count": (_count, (1, 1)),
    "gcd": (_gcd, (1, None)),
    "peak": (_peak, (1, 1)),
    "declines": (_declines, (1, None)),
    "largest_fall": (_largest_fall, (1, None)),
    "calendar_years": (_calendar_years, (2, 2)),
    "days": (_days, (2, 2)),
    "weeks": (_per(7, "weeks"), (2, 2)),
    "months": (_per(_DAYS_PER_MONTH, "months"), (2, 2)),
    "years": (_per(_DAYS_PER_YEAR, "years"), (2, 2)),
    "start": (_part(0, "start"), (1, 1)),
    "end": (_part(1, "end"), (1, 1)),
    "year": (_year, (1, 1)),
    "julian_year": (_julian_year, (1, 1)),
    "calendar_gap": (_calendar_gap, (1, 1)),
    "weekday": (_weekday, (1, 1)),
}
