"""Historians' dates: EDTF strings for the chronology, and Old Style (Julian) dates.

The chronology stores each date as EDTF (the Library of Congress Extended
Date/Time Format: "1901-12-02", "1898-03", "1917-22" for summer 1917,
"1915-12/1916-02"); the ``edtf`` library reads them and gives the earliest and
latest day they can mean. Old Style dates are Julian calendar dates, converted
with ``convertdate`` (1900 is a leap year in the Julian calendar only, so a
Julian 1900-02-29 exists and is 1900-03-13 New Style).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

__all__ = ["DateError", "julian_gap", "julian_to_gregorian", "parse_edtf_bounds"]

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
#: Plain ISO dates of year, month or day precision: read without the (slow) EDTF grammar.
_ISO_PLAIN = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
#: EDTF season codes and the months the edtf library gives them (its SEASON_MONTHS_RANGE:
#: winter is December of the same year, "for simplicity"); a test holds the two together.
_SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 12)}
#: A decade with its last digit unspecified ("188X"), and an EDTF set ("[a,b]", "[a..b]").
_DECADE = re.compile(r"^(\d{3})X$")
_SET = re.compile(r"^\[([^\[\]]+)\]$")


class DateError(ValueError):
    """A date that is not well formed or does not exist."""


def parse_edtf_bounds(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day an EDTF date can mean ("1898-03" -> 1898-03-01, 1898-03-31)."""
    found = _fast_bounds(text)
    return found if found is not None else _edtf_bounds(text)


def _fast_bounds(text: str) -> tuple[dt.date, dt.date] | None:
    """The bounds of the common forms, read without the edtf grammar (whose import and
    construction cost a quarter of a second in every process): plain dates, decades
    ("188X"), intervals of those ("1898/1903", "186X/187X") and sets of plain dates
    of one precision ("[1914,1915]", "[1901-12-04..1901-12-17]"). None for any other form, which the
    grammar reads; a test checks both agree on every date of the data."""
    single = _fast_single(text)
    if single is not None:
        return single
    members = _SET.match(text)
    if members:
        inner = members[1]
        if ".." in inner and "," in inner:
            return None
        parts = inner.split("..") if ".." in inner else inner.split(",")
        if len({len(part) for part in parts}) != 1 or not all(map(_ISO_PLAIN.match, parts)):
            return None  # mixed precisions or other members: the grammar decides
        bounds = [_fast_single(part) for part in parts]
        if None in bounds or (".." in inner and len(parts) != 2):
            return None
        low, high = min(b[0] for b in bounds), max(b[1] for b in bounds)
        return (low, high) if low <= high else None
    start, slash, end = text.partition("/")
    if slash:
        first, last = _fast_single(start), _fast_single(end)
        if first is None or last is None:
            return None
        if first[0] > last[1]:
            raise DateError(f"{text!r} ends before it starts")
        return first[0], last[1]
    return None


def _fast_single(text: str) -> tuple[dt.date, dt.date] | None:
    plain = _ISO_PLAIN.match(text)
    if plain:
        month = int(plain[2] or 1)
        if 13 <= month <= 20 or month > 24:  # invalid, or a level-2 code: the grammar's call
            return None
        return _plain_bounds(text, *plain.groups())
    decade = _DECADE.match(text)
    if decade:
        first = int(decade[1]) * 10
        return dt.date(first, 1, 1), dt.date(first + 9, 12, 31)
    return None


@functools.lru_cache(maxsize=4096)  # the grammar is slow; a chronology repeats its dates
def _edtf_bounds(text: str) -> tuple[dt.date, dt.date]:
    from edtf import parse_edtf, struct_time_to_date
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(text)
        low = struct_time_to_date(parsed.lower_strict())
        high = struct_time_to_date(parsed.upper_strict())
    except (EDTFParseException, ValueError, TypeError, AttributeError) as exc:
        raise DateError(f"{text!r} is not a valid EDTF date ({_reason(exc)})") from None
    if low > high:
        raise DateError(f"{text!r} ends before it starts")
    return low, high


def julian_to_gregorian(text: str) -> dt.date:
    """The New Style (Gregorian) day of an Old Style (Julian) date written YYYY-MM-DD."""
    from convertdate import julian

    match = _ISO_DAY.match(text)
    if not match:
        raise DateError(f"Old Style date {text!r} must be written YYYY-MM-DD")
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12 or not 1 <= day <= julian.month_length(year, month):
        raise DateError(f"{text!r} does not exist in the Julian calendar")
    return dt.date(*julian.to_gregorian(year, month, day))


def julian_gap(year: int, month: int) -> int:
    """Days the Gregorian calendar ran ahead of the Julian, for an Old Style year and month.

    The gap grows by one at each Julian leap day the Gregorian calendar drops
    (29 February 1700, 1800, 1900): 12 days through Julian 29 February 1900,
    13 from Julian 1 March 1900.
    """
    counted = year if month >= 3 else year - 1
    return counted // 100 - counted // 400 - 2


def _plain_bounds(
    text: str, year: str, month: str | None, day: str | None
) -> tuple[dt.date, dt.date]:
    import calendar

    y = int(year)
    try:
        if day:
            one = dt.date(y, int(month or 0), int(day))
            return one, one
        if month:
            first, last = _SEASONS.get(int(month), (int(month), int(month)))
            return dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError as exc:
        raise DateError(f"{text!r} is not a valid EDTF date ({exc})") from None


def _reason(exc: Exception) -> str:
    message = str(exc) or type(exc).__name__
    return message.splitlines()[0]
