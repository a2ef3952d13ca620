"""Each domain rule fires on the input it guards against, with its code and location."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import edit
from tables.validate import validate_package

CHRONO_HEADER = (
    "id,article,date,date_printed,old_style_date,actors,place,event,interval_printed,"
    "interval_from,dated_by,location,footnote,quote,note\n"
)


def _keys(directory: Path) -> list[tuple[str, int | None, str | None, str]]:
    return [p.key() for p in validate_package(directory)]


def test_correction_guard_fails_when_the_printed_cell_changes(package: Callable[..., Path]) -> None:
    directory = package("table4_fisheries")
    edit(directory / "table4_fisheries.csv", 'japanese,"284,9047"', 'japanese,"284,904"')
    # the cell now reads cleanly, but the value stays empty and the correction no longer fits
    assert ("corrections.csv", 2, "printed", "correction-guard") in _keys(directory)


def test_an_unexplained_corrupt_number_is_reported(package: Callable[..., Path]) -> None:
    directory = package("table4_fisheries")
    (directory / "corrections.csv").write_text(
        "resource,key,field,printed,reading,kind,confidence,reason\n", encoding="utf-8"
    )
    assert _keys(directory) == [("table4_fisheries.csv", 8, "printed", "unreadable-printed")]


def test_total_row_must_be_last(package: Callable[..., Path]) -> None:
    directory = package("table2_debts_to_japan")
    path = directory / "table2_debts_to_japan.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([lines[0], lines[4], *lines[1:4]]), encoding="utf-8")
    assert _keys(directory) == [("table2_debts_to_japan.csv", 2, "row_kind", "total-row")]


def test_percentage_over_100(package: Callable[..., Path]) -> None:
    directory = package("table5_transit_vladivostok")
    edit(
        directory / "table5_transit_vladivostok.csv",
        "Japan,1914,share,49 %,49,",
        "Japan,1914,share,149 %,149,",
    )
    assert _keys(directory) == [("table5_transit_vladivostok.csv", 3, "value", "percent-range")]


def test_printed_must_stand_in_its_quote(package: Callable[..., Path]) -> None:
    directory = package("trade")
    edit(
        directory / "trade.csv",
        '2364119,,,,yen,trade,text,82,"Japan exported goods worth 2,364,119',
        '2364119,,,,yen,trade,text,82,"Japan exported goods worth 2,364,191',
    )
    assert [k[3] for k in _keys(directory)] == ["quote-mismatch"]


def test_year_outside_the_article_period(package: Callable[..., Path]) -> None:
    directory = package("populations")
    edit(
        directory / "populations.csv",
        'Generalship,1897,1897,"42,823"',
        'Generalship,1797,1897,"42,823"',
    )
    assert ("populations.csv", 2, "year_from", "out-of-period") in _keys(directory)


def test_unknown_footnote(package: Callable[..., Path]) -> None:
    directory = package("trade")
    text = (directory / "trade.csv").read_text(encoding="utf-8")
    (directory / "trade.csv").write_text(
        text.replace(",text,82,", ",text,820,", 1), encoding="utf-8"
    )
    assert [k[3] for k in _keys(directory)] == ["unknown-footnote"]


def _chronology(directory: Path, rows: str) -> None:
    (directory / "chronology.csv").write_text(CHRONO_HEADER + rows, encoding="utf-8")


def test_old_style_twin_must_be_13_days_later_in_1901(package: Callable[..., Path]) -> None:
    directory = package("chronology")
    good = (
        "e1,nish,1901-11-30,17 (30) November 1901,1901-11-17,Ito; Lamsdorf,,met,,,printed,"
        "footnote,20,17 (30) November 1901,\n"
    )
    _chronology(directory, good)
    assert _keys(directory) == []
    _chronology(directory, good.replace("1901-11-30", "1901-11-29"))
    problems = validate_package(directory)
    assert [p.key() for p in problems] == [
        ("chronology.csv", 2, "old_style_date", "old-style-mismatch")
    ]
    assert "13 days apart" in problems[0].message


def test_impossible_date(package: Callable[..., Path]) -> None:
    directory = package("chronology")
    _chronology(
        directory, "e1,nish,1901-02-29,29 February 1901,,,,x,,,printed,text,,29 February 1901,\n"
    )
    assert _keys(directory) == [("chronology.csv", 2, "date", "invalid-date")]


def test_interval_must_point_at_an_event(package: Callable[..., Path]) -> None:
    directory = package("chronology")
    _chronology(
        directory,
        "e1,nish,1901-11-28,two days later,,,,x,two days later,e0,interval,text,,two days later,\n",
    )
    assert [k[3] for k in _keys(directory)] == ["foreign-key"]
