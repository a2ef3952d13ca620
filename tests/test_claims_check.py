"""Every claim kind, once true and once false, evaluated against the project's data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import set_cell, set_correction, write_claims
from tables.claims import CONSISTENT, INCONSISTENT, NOT_CHECKABLE, check_claims
from tables.claims.functions import FUNCTIONS
from tables.claims.values import DateSpan
from tables.dates import julian_to_gregorian

T1 = 'series("table1_arms_debt_payments", "period", row_kind="item")'
T5 = "table5_transit_vladivostok"
KOREA_1915 = (
    f'{T5}["Korea|1915|volume"] / sum(series("{T5}", "country", period="1915", '
    'measure="volume")) * 100'
)

#: kind -> (expression, relation, precision, stated that holds, stated that does not)
CASES = {
    "total": (f"sum({T1})", "equal", "exact", "2294554", "2294555"),
    "share": (KOREA_1915, "equal", "last-digit", "3.0", "2.9"),
    "fraction": ('enterprises["enterprises-japanese-1903"] / enterprises["enterprises-all-1903"]',
                 "equal", "fraction", "0.2", "0.25"),
    "sum": ('korean_insurgency["leaders-extradition-vladivostok"] + '
            'korean_insurgency["leaders-extradition-novokievskoe"] + '
            'korean_insurgency["leaders-extradition-nikolsk"]', "equal", "exact", "21", "22"),
    "difference": ('finance["russian-arms-debt-1917-12"] - finance["russian-arms-debt-deferred"]',
                   "equal", "exact", "2294554", "2294000"),
    "count": (f"count({T1})", "equal", "exact", "6", "7"),
    "ratio": (f'{T5}["Japan|September, 1916|volume"] / {T5}["Japan|1914|volume"]',
              "equal", "last-digit", "2.6", "2.7"),
    "conversion": ('korean_settlement["korean-settlers-land-desiatins"] * 2.69966',
                   "equal", "last-digit", "9064", "9070"),
    "trend": ('military_aid["rifles-1915-10"] - military_aid["rifles-before-decline"]',
              "below", "exact", "0", "-1000000"),
    "peak": ('peak(series("table4_fisheries", "year", measure="japanese_fisheries"))',
             "equal", "exact", "1915", "1914"),
    "ordering": ('trade["russia-import-duty-tea"] - trade["usa-import-duty-tea"]',
                 "above", "exact", "0", "90"),
    "same-quantity": ('year(chronology["sp-1910-08-22-korea-annexation"])',
                      "equal", "exact", "1910", "1911"),
    "interval": ('days(chronology["nish-1903-06-16-kuropatkin-leaves-tokyo"], '
                 'chronology["nish-1903-06-23-imperial-conference"])',
                 "at-most", "exact", "7", "6"),
    "calendar": ('calendar_gap(old_style(chronology["nish-1901-11-30-obzor-first-meeting"]))',
                 "equal", "exact", "13", "12"),
    "weekday": ('weekday(chronology["nish-1901-12-03-ito-witte"])', "equal", "exact", "2", "3"),
}  # fmt: skip


def claim(cid: str, kind: str, expression: str, stated: str, **extra: str) -> dict[str, str]:
    return {
        "id": cid, "article": "nish", "where": "test", "quote": "q", "kind": kind,
        "stated": stated, "unit": "u", "relation": "equal", "precision": "exact",
        "expression": expression, "expected": CONSISTENT, "explanation": "test", **extra,
    }  # fmt: skip


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_kind_holds_and_fails(kind: str, package: Callable[..., Path]) -> None:
    expression, relation, precision, good, bad = CASES[kind]
    directory = package()
    write_claims(
        directory,
        [
            claim(
                f"nish-{kind}-ok", kind, expression, good, relation=relation, precision=precision
            ),
            claim(
                f"nish-{kind}-bad", kind, expression, bad, relation=relation, precision=precision
            ),
        ],
    )
    results, problems = check_claims(directory)
    assert problems == []
    assert [r.verdict for r in results] == [CONSISTENT, INCONSISTENT]


def test_a_claim_without_computation_is_not_checkable(package: Callable[..., Path]) -> None:
    directory = package()
    write_claims(directory, [claim("nish-x", "ratio", "", "4.6")])
    (result,), _ = check_claims(directory)
    assert result.verdict == NOT_CHECKABLE and result.computed is None


def test_a_verdict_resting_on_an_unreadable_figure_is_not_checkable(
    package: Callable[..., Path],
) -> None:
    """A catch the fixture makes unreadable could be anything: 'it rose' cannot be judged,
    while a peak elsewhere still shows the text wrong."""
    rose = (
        'table4_fisheries["1910|fish_caught_by_japanese"] - '
        'table4_fisheries["1909|fish_caught_by_japanese"]'
    )
    peak = 'peak(series("table4_fisheries", "year", measure="fish_caught_by_japanese"))'
    directory = package()
    cell = {"year": "1910", "measure": "fish_caught_by_japanese"}
    set_cell(directory, "table4_fisheries", cell, printed="2O0,000", value="")
    set_correction(
        directory, "table4_fisheries", "1910|fish_caught_by_japanese", "2O0,000", "", "unresolved"
    )
    write_claims(
        directory,
        [
            claim("nish-rose", "trend", rose, "0", relation="above"),
            claim("nish-peak", "peak", peak, "1914"),
        ],
    )
    results, _ = check_claims(directory)
    assert [r.verdict for r in results] == [NOT_CHECKABLE, INCONSISTENT]


def test_a_printed_missing_mark_cannot_be_computed_with(package: Callable[..., Path]) -> None:
    directory = package()
    write_claims(
        directory,
        [claim("nish-m", "total", 'table4_fisheries["1916|fish_caught_by_japanese"]', "0")],
    )
    results, problems = check_claims(directory)
    assert results == []
    assert [(p.row, p.column) for p in problems] == [(2, "expression")]
    assert "printed as missing ('-')" in problems[0].message


def test_precision_of_inputs_is_propagated(package: Callable[..., Path]) -> None:
    """1,216,000 kg of 40,608,000 is 2.994 %: 3.0 % holds, 2.9 % (2.85-2.95) does not."""
    directory = package()
    rows = [
        claim(f"nish-k{i}", "share", KOREA_1915, stated, precision="last-digit")
        for i, stated in enumerate(["3.0", "2.9", "2.99", "2.95"])
    ]
    write_claims(directory, rows)
    results, _ = check_claims(directory)
    assert [r.verdict for r in results] == [CONSISTENT, INCONSISTENT, CONSISTENT, INCONSISTENT]
    assert results[1].gap is not None and 0.04 < results[1].gap < 0.05


@pytest.mark.parametrize(
    ("old_style", "gap"),
    [
        ("1899-12-31", 12),
        ("1900-02-28", 12),
        ("1900-02-29", 12),
        ("1900-03-01", 13),
        ("1901-11-17", 13),
    ],
)
def test_julian_to_gregorian_across_1900(old_style: str, gap: int) -> None:
    """1900 is a leap year only in the Julian calendar: after it the gap grows from 12 to 13."""
    new_style = julian_to_gregorian(old_style)
    span = DateSpan.from_days(new_style, new_style, old_style)
    assert FUNCTIONS["calendar_gap"][0](span).point == gap
    if old_style != "1900-02-29":  # a day Gregorian numbering does not have
        import datetime as dt

        assert (new_style - dt.date.fromisoformat(old_style)).days == gap


def test_a_new_year_in_the_julian_calendar_comes_13_days_late() -> None:
    import datetime as dt

    julian_year = FUNCTIONS["julian_year"][0]
    for day, year in (("1901-01-07", 1900), ("1901-01-13", 1900), ("1901-01-14", 1901)):
        d = dt.date.fromisoformat(day)
        assert julian_year(DateSpan.from_days(d, d, day)).point == year


def test_registry_of_the_project_evaluates_cleanly() -> None:
    results, problems = check_claims()
    assert problems == []
    regressions = [(r.id, r.expected, r.verdict) for r in results if r.regressed]
    assert regressions == []
    kinds = {r.row["kind"] for r in results}
    assert kinds == set(CASES)


def test_a_resource_says_how_its_figures_were_rounded() -> None:
    """exact counts; nearest within half a unit; truncated up to a whole unit above."""
    from tables.claims.precision import operand

    row = {"printed": "1,234", "value": "1234"}
    exact, nearest, truncated = (operand(row, None, r) for r in ("exact", "nearest", "truncated"))
    assert (exact.low, exact.high) == (1234, 1234)
    assert (nearest.low, nearest.high) == (1233.5, 1234.5)
    assert (truncated.low, truncated.high) == (1234, 1235)
    assert operand(row, None).low == 1234  # a count, when the resource does not say
    assert operand({"printed": "14.3 %", "value": "14.3"}, None, "truncated").high == 14.4
