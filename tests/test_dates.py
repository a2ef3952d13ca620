"""EDTF dates and Old Style (Julian) conversion."""

from __future__ import annotations

import datetime as dt

import pytest

from tables.dates import DateError, julian_to_gregorian, parse_edtf_bounds


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("1901-12-02", dt.date(1901, 12, 2), dt.date(1901, 12, 2)),
        ("1898-03", dt.date(1898, 3, 1), dt.date(1898, 3, 31)),
        ("1915", dt.date(1915, 1, 1), dt.date(1915, 12, 31)),
        ("1917-22", dt.date(1917, 6, 1), dt.date(1917, 8, 31)),
        ("1915-12/1916-02", dt.date(1915, 12, 1), dt.date(1916, 2, 29)),
    ],
)
def test_edtf_bounds(text: str, low: dt.date, high: dt.date) -> None:
    assert parse_edtf_bounds(text) == (low, high)


@pytest.mark.parametrize("text", ["1901-02-29", "13 Match 1902", "", "1902-13"])
def test_impossible_or_malformed_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        parse_edtf_bounds(text)


def test_julian_to_gregorian_across_1900() -> None:
    # 12 days apart in the 19th century, 13 after Julian 1900-02-29 (a leap day only there).
    assert julian_to_gregorian("1900-02-28") == dt.date(1900, 3, 12)
    assert julian_to_gregorian("1900-02-29") == dt.date(1900, 3, 13)
    assert julian_to_gregorian("1901-11-17") == dt.date(1901, 11, 30)
    with pytest.raises(DateError, match="does not exist in the Julian calendar"):
        julian_to_gregorian("1901-02-29")


def test_the_fast_path_agrees_with_the_edtf_grammar_on_every_date_of_the_data() -> None:
    """Plain dates and intervals of plain dates skip the grammar: same bounds, same refusals."""
    import csv

    from tables.dates import _edtf_bounds
    from tables.paths import DATA_DIR

    with (DATA_DIR / "chronology.csv").open(encoding="utf-8", newline="") as handle:
        texts = [row["date"] for row in csv.DictReader(handle)]
    texts += ["1915-12/1916-02", "1901-02-01/1901-02-28", "1900/1901-03", "[1914,1915]"]
    texts += ["[1901-12-04..1901-12-17]", "188X", "186X/187X"]
    texts += [
        f"{year}-{season}" for year in (1900, 1915, 1916) for season in (21, 22, 23, 24, 25, 33)
    ]
    for text in texts:
        assert parse_edtf_bounds(text) == _edtf_bounds(text), text
    bad_ones = ("1903/1898", "1901-02-29/1901-03-01", "[1901-02-29,1902]", "189X/1880", "1915-13")
    for bad in (*bad_ones, "[1900..1901-03]"):
        with pytest.raises(DateError):
            parse_edtf_bounds(bad)
        with pytest.raises(DateError):
            _edtf_bounds(bad)
