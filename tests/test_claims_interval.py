"""Interval arithmetic and tolerances: the precision rules the verdicts rest on."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tables.claims.interval import ClaimError, Interval
from tables.claims.precision import ABOUT, ALMOST, FRACTION, operand, stated_range

#: Figures of the size historians print: up to a million, and not vanishingly small.
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).filter(
    lambda v: v == 0 or abs(v) > 1e-6
)


@st.composite
def interval_and_member(draw: st.DrawFn) -> tuple[Interval, float]:
    a, b = sorted((draw(finite), draw(finite)))
    x = draw(st.floats(min_value=a, max_value=b)) if a < b else a
    return Interval(a, b, x), x


@given(interval_and_member(), interval_and_member())
def test_every_reading_inside_the_inputs_lands_inside_the_result(
    left: tuple[Interval, float], right: tuple[Interval, float]
) -> None:
    (a, x), (b, y) = left, right
    for result, value in ((a + b, x + y), (a - b, x - y), (a * b, x * y)):
        assert (
            result.low - 1e-6 * (1 + abs(value)) <= value <= result.high + 1e-6 * (1 + abs(value))
        )
    if not b.low <= 0 <= b.high:
        q = a / b
        assert q.low - 1e-9 * (1 + abs(x / y)) <= x / y <= q.high + 1e-9 * (1 + abs(x / y))


def test_points_follow_the_figures_as_read() -> None:
    total = Interval(1, 3, 2) + Interval(10, 10, 10)
    assert (total.low, total.high, total.point) == (11, 13, 12)


def test_division_by_a_range_that_holds_zero_is_refused() -> None:
    with pytest.raises(ClaimError, match="may be zero"):
        Interval.exact(1) / Interval(-1, 1, 0)


def test_discrete_choices_do_not_admit_the_values_between_them() -> None:
    peak = Interval.of_choices([1908, 1914], 1914)
    assert peak.admits(1914, 1914)
    assert not peak.admits(1911, 1911)
    assert peak.distance_to(1911, 1911) == 3


def test_last_printed_digit_sets_the_tolerance_at_its_edges() -> None:
    s = stated_range("14.3", "equal", "last-digit")
    assert math.isclose(s.low, 14.25) and math.isclose(s.high, 14.35)
    assert Interval.exact(14.35).admits(s.low, s.high)
    assert not Interval.exact(14.36).admits(s.low, s.high)
    ratio = stated_range("2.6", "equal", "last-digit")
    assert Interval.exact(2.64).admits(ratio.low, ratio.high)
    assert not Interval.exact(2.66).admits(ratio.low, ratio.high)


def test_word_allowances_are_the_documented_constants() -> None:
    about = stated_range("450000", "equal", "about")
    assert math.isclose(about.low, 450000 * (1 - ABOUT))
    assert math.isclose(about.high, 450000 * (1 + ABOUT))
    almost = stated_range("14", "equal", "almost")
    assert math.isclose(almost.low, 14 * (1 - ALMOST)) and almost.high == 14
    fifth = stated_range("0.2", "equal", "fraction")
    assert math.isclose(fifth.low, 0.2 * (1 - FRACTION)) and math.isclose(
        fifth.high, 0.2 * (1 + FRACTION)
    )
    assert stated_range("7", "equal", "exact").tolerance == "exact"


def test_relations_open_one_side() -> None:
    more = stated_range("3", "above", "exact")
    assert not Interval.exact(3).admits(more.low, more.high, open_low=more.open_low)
    assert Interval.exact(3.01).admits(more.low, more.high, open_low=more.open_low)
    within = stated_range("7", "at-most", "exact")
    assert Interval.exact(7).admits(within.low, within.high)
    assert not Interval.exact(7.5).admits(within.low, within.high)


@pytest.mark.parametrize(
    ("row", "unit", "low", "high"),
    [
        ({"printed": "372,906", "value": "372906"}, "yen", 372906, 372906),
        ({"printed": "14.3 %", "value": "14.3"}, "percent", 14.25, 14.35),
        ({"printed": "49 %", "value": "49"}, "percent", 48.5, 49.5),
        ({"printed": "11,648,000", "value": "11648000"}, "kg", 11647500, 11648500),
        ({"printed": "3,357", "value": "3357"}, "desiatins", 3356.5, 3357.5),
        (
            {"printed": "about 450,000", "value": "450000", "qualifier": "about"},
            "count",
            405000,
            495000,
        ),
        (
            {"printed": "200,000-300,000", "value": "", "low": "200000", "high": "300000"},
            "count",
            200000,
            300000,
        ),
    ],
)
def test_operand_precision_comes_from_the_printed_text_and_unit(
    row: dict[str, str], unit: str, low: float, high: float
) -> None:
    value = operand(row, unit)
    assert value is not None
    assert math.isclose(value.low, low) and math.isclose(value.high, high)


def test_a_missing_mark_is_no_figure_and_an_unreadable_cell_is_unknown() -> None:
    assert operand({"printed": "-", "value": ""}, "count") is None
    assert operand({"printed": "-----", "value": ""}, "kg") is None
    unknown = operand({"printed": "284,9047", "value": ""}, "pieces")
    assert unknown is not None and unknown.point is None and math.isinf(unknown.high)
