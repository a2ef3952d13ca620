"""Tolerance from printed precision, not magic epsilons.

Two questions, one module:

* How precise is a figure the data hold (an *operand*)? Counts and sums of
  money are exact as printed ("372,906" yen). Measured quantities (kilograms,
  desiatins, percentages, years) are good to half a unit of their last printed
  digit ("14.3 %" is 14.25-14.35; "11,648,000" kg, with its trailing zeros,
  to half a unit of its last non-zero digit; "four" years, in words, to half a
  year). Hedged figures take the documented allowances below; a printed range
  is its range.
* How precise is a statement (the *stated* side of a claim)? When the stated
  figure is itself a cell of the data (``stated_ref``), exactly as precise as
  that cell; otherwise its ``precision`` says: ``exact``, ``last-digit``, or one
  of the word allowances.

The allowances are the only judgement calls, so they are named, documented
and used everywhere.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tables.claims.interval import INF, ClaimError, Interval
from tables.printed import MISSING_MARK, PrintedError, current_printing, read_printed

__all__ = [
    "ABOUT",
    "ALMOST",
    "CONVENTIONS",
    "FRACTION",
    "GRADUAL",
    "MEASURED_UNITS",
    "RELATIONS",
    "Stated",
    "operand",
    "printed_step",
    "rounded_ranges",
    "stated_from",
    "stated_range",
]

#: "about", "some", "approximately", and "almost the same" (ratio of 1): +-10 %.
ABOUT = 0.10
#: "almost", "nearly": up to 10 % below the figure, never above it.
ALMOST = 0.10
#: A fraction in words ("one-fifth", "a sixth"): +-10 % of the fraction.
FRACTION = 0.10

#: "gradually increased": a rise that may dip, but by at most a quarter of the
#: year before at any step (tested with ``largest_fall()``; the net rise is its own claim).
GRADUAL = 0.25

#: Units whose figures are measurements, good to half a unit of the last digit.
MEASURED_UNITS = frozenset(
    {"kg", "tons", "km", "miles", "desiatins", "acres", "percent", "years", "times", "fraction"}
)

#: How a computed value must relate to the stated one. Words, not symbols: a cell
#: holding "=" is a formula to a spreadsheet.
RELATIONS = {"equal": "=", "below": "<", "at-most": "≤", "above": ">", "at-least": "≥"}


def _number_pattern() -> re.Pattern[str]:
    """A printed number in the package's printing; group 1 holds its decimals."""
    how = current_printing()
    group = rf"|{re.escape(how.group)}(?=\d{{3}})" if how.group else ""
    return re.compile(rf"\d(?:\d{group})*(?:{re.escape(how.decimal)}(\d+))?")


@dataclass(frozen=True)
class Stated:
    """The range a statement allows, and how that range was decided (for reports)."""

    low: float
    high: float
    open_low: bool
    open_high: bool
    tolerance: str


def stated_range(stated_text: str, relation: str, precision: str, unit: str = "") -> Stated:
    """The values a claim's stated figure allows, given its relation and precision."""
    value = float(stated_text)
    if precision == "exact":
        low, high, words = value, value, "exact"
    elif precision == "last-digit":
        half = _half_unit_of_text(stated_text)
        low, high, words = value - half, value + half, f"±{_fmt(half, unit)} (last printed digit)"
    elif precision == "about":
        low, high = value - ABOUT * abs(value), value + ABOUT * abs(value)
        words = f"±{ABOUT:.0%} (about)"
    elif precision == "almost":
        low, high = value - ALMOST * abs(value), value
        words = f"-{ALMOST:.0%} to 0 (almost)"
    elif precision == "gradual":
        low, high = value, value + GRADUAL
        words = f"a fall of at most {GRADUAL:.0%} at any step (gradually)"
    elif precision == "fraction":
        low, high = value - FRACTION * abs(value), value + FRACTION * abs(value)
        words = f"±{FRACTION:.0%} (fraction in words)"
    else:
        raise ClaimError(f"unknown precision {precision!r}")
    if relation == "equal":
        return Stated(low, high, False, False, words)
    if relation == "below":
        return Stated(-INF, low, False, True, f"below {_fmt(low, unit)}")
    if relation == "at-most":
        return Stated(-INF, high, False, False, f"at most {_fmt(high, unit)}")
    if relation == "above":
        return Stated(high, INF, True, False, f"above {_fmt(high, unit)}")
    if relation == "at-least":
        return Stated(low, INF, False, False, f"at least {_fmt(low, unit)}")
    raise ClaimError(f"unknown relation {relation!r}")


def stated_from(printed: Interval, relation: str, unit: str = "") -> Stated:
    """What a statement allows when its figure is a printed cell of the data."""
    if printed.point is None:
        raise ClaimError("the stated figure cannot be read")
    if printed.low == printed.high:
        words = "exact, as printed"
    elif math.isinf(printed.high):
        words = f"more than {_fmt(printed.low, unit)}, as printed"
    else:
        words = f"{_fmt(printed.low, unit)} to {_fmt(printed.high, unit)}, as printed"
    if relation == "equal":
        return Stated(printed.low, printed.high, False, False, words)
    if relation == "below":
        return Stated(-INF, printed.low, False, True, f"below {_fmt(printed.low, unit)}")
    if relation == "at-most":
        return Stated(-INF, printed.high, False, False, f"at most {_fmt(printed.high, unit)}")
    if relation == "above":
        return Stated(printed.high, INF, True, False, f"above {_fmt(printed.high, unit)}")
    if relation == "at-least":
        return Stated(printed.low, INF, False, False, f"at least {_fmt(printed.low, unit)}")
    raise ClaimError(f"unknown relation {relation!r}")


#: How an author may have rounded the figure he printed: to the nearest (half up),
#: to the nearest with halves to the even digit, or by cutting digits off.
CONVENTIONS = ("nearest", "half-even", "truncated")


def rounded_ranges(printed: float, half: float) -> dict[str, tuple[float, float, bool, bool]]:
    """The values each rounding convention turns into ``printed`` (given to ``half`` a unit).

    Each is (low, high, open_low, open_high). Nearest, half up: [p-h, p+h);
    half-even: the ends closed when p's last digit is even, open when odd;
    truncated (toward zero): [p, p+2h) for a positive figure.
    """
    even = round(printed / (2 * half)) % 2 == 0
    return {
        "nearest": (printed - half, printed + half, False, True),
        "half-even": (printed - half, printed + half, not even, not even),
        "truncated": (printed, printed + 2 * half, False, True)
        if printed >= 0
        else (printed - 2 * half, printed, True, False),
    }


def operand(row: dict[str, str], unit: str | None, rounding: str | None = None) -> Interval | None:
    """The range of readings of one data row's figure; None for a printed missing mark.

    A row whose figure could not be read (its ``value`` is empty although
    something other than a missing mark is printed) is an unknown: any value.
    ``rounding`` is how the resource says its figures were printed: ``exact`` (counts),
    ``nearest`` or ``half-even`` (within half a unit of the last printed digit), or
    ``truncated`` (up to a whole unit above); without it, figures in a measured unit are
    taken as rounded to the nearest and all others as exact.
    """
    printed = row.get("printed", "").strip()
    if MISSING_MARK.match(printed):
        return None
    low_text, high_text = row.get("low", ""), row.get("high", "")
    if low_text and high_text:
        low, high = float(low_text), float(high_text)
        return Interval(low, high, (low + high) / 2)
    if not row.get("value"):
        return Interval.unknown()
    value = float(row["value"])
    qualifier = row.get("qualifier") or _qualifier_of(printed)
    if qualifier in ("about", "some"):
        return Interval(value * (1 - ABOUT), value * (1 + ABOUT), value)
    if qualifier in ("almost", "nearly"):
        return Interval(value * (1 - ALMOST), value, value)
    if qualifier == "more than":
        return Interval(value, INF, value)
    if qualifier in ("several", "few"):
        return Interval.unknown()
    if rounding == "exact" or (rounding is None and unit not in MEASURED_UNITS):
        return Interval.exact(value)
    if rounding == "truncated":
        step = 2 * (_half_unit_of_printed(printed) or _half_unit_of_value(value))
        return Interval(value, value + step, value)
    if unit == "fraction" and not any(ch.isdigit() for ch in printed):
        return Interval(value * (1 - FRACTION), value * (1 + FRACTION), value)
    half = _half_unit_of_printed(printed) or _half_unit_of_value(value)
    return Interval(value - half, value + half, value)


def _qualifier_of(printed: str) -> str | None:
    try:
        return read_printed(printed).qualifier
    except PrintedError:
        return None


def _half_unit_of_text(text: str) -> float:
    """Half a unit of the last digit of a plain number written in a CSV cell."""
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    return 0.5 * 10.0**-decimals


def printed_step(printed: str) -> float:
    """One unit of the last significant printed digit ("14.3 %" -> 0.1, "5,776,000" -> 1000)."""
    half = _half_unit_of_printed(printed)
    return 2 * half if half else 1.0


def _half_unit_of_printed(printed: str) -> float:
    """Half a unit of the last significant printed digit ("14.3 %" -> 0.05).

    Trailing zero groups of a large integer ("11,648,000") are not taken as
    significant: the figure is good to its last non-zero digit.
    """
    match = _number_pattern().search(printed)
    if not match:
        return 0.0
    if match.group(1):
        return 0.5 * 10.0 ** -len(match.group(1))
    group = current_printing().group
    digits = match.group(0).replace(group, "") if group else match.group(0)
    if group and group in match.group(0) and digits.endswith("000"):
        zeros = len(digits) - len(digits.rstrip("0"))
        return 0.5 * 10.0**zeros
    return 0.5


def _half_unit_of_value(value: float) -> float:
    """For a number in words ("four", "one thousand", "one and a half"): half a unit of
    its last non-zero digit."""
    if value == 0:
        return 0.5
    for exponent in range(12, -7, -1):
        unit = 10.0**exponent
        ratio = value / unit
        if round(ratio) != 0 and abs(ratio - round(ratio)) < 1e-9:
            return 0.5 * unit
    return 0.0


#: Units whose figures are printed without thousands separators (1913, not 1,913).
PLAIN_UNITS = frozenset({"year", "ISO weekday"})


def _fmt(number: float, unit: str = "") -> str:
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    if unit in PLAIN_UNITS:
        return f"{number:.10g}"
    return f"{number:,.10g}" if abs(number) >= 1000 else f"{number:.6g}"
