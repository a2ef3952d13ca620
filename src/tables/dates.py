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


class DateError(ValueError):
    """A date that is not well formed or does not exist."""


def parse_edtf_bounds(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day an EDTF date can mean ("1898-03" -> 1898-03-01, 1898-03-31)."""
    plain = _ISO_PLAIN.match(text)
    if plain:
        return _plain_bounds(text, *plain.groups())
    start, slash, end = text.partition("/")
    if slash and (first := _ISO_PLAIN.match(start)) and (last := _ISO_PLAIN.match(end)):
        # an interval of two plain dates ("1898/1903"): its bounds are theirs
        low, high = _plain_bounds(start, *first.groups())[0], _plain_bounds(end, *last.groups())[1]
        if low > high:
            raise DateError(f"{text!r} ends before it starts")
        return low, high
    return _edtf_bounds(text)


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
            m = int(month)
            if 21 <= m <= 24:  # an EDTF season code: let the edtf library read it
                raise LookupError
            return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except LookupError:
        return _edtf_bounds(text)
    except ValueError as exc:
        raise DateError(f"{text!r} is not a valid EDTF date ({exc})") from None


def _reason(exc: Exception) -> str:
    message = str(exc) or type(exc).__name__
    return message.splitlines()[0]
