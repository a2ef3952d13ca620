"""Views for reading: ``readable`` hides nothing a reader needs and shows no pandas
artefacts; ``by_date`` orders EDTF dates by the days they can be."""

from __future__ import annotations

import re

import pandas as pd

import tables
from tables.dates import parse_edtf_bounds
from tables.views import by_date, readable


def test_readable_shows_every_row_and_character_without_pandas_artefacts() -> None:
    long = "x" * 300
    frame = pd.DataFrame(
        {
            "text": [long] + [f"row {i}" for i in range(1, 100)],
            "count": [42823.0] * 99 + [float("nan")],
            "share": pd.array([0.4072] + [None] * 99, dtype="Float64"),
        },
        index=range(5, 105),
    )
    assert pd.get_option("display.max_rows") < len(frame)  # pandas itself would elide rows
    page = readable(frame).to_html()
    assert page.count("<tr>") == len(frame) + 1
    assert long in page and "row 99" in page
    assert "42823<" in page and "42823.0" not in page and "0.4072" in page
    assert "<NA>" not in page and "&lt;NA&gt;" not in page and "nan" not in page
    assert not re.search(r">\s*5\s*<", page), "no row numbers"


def test_readable_gives_the_same_html_for_the_same_frame() -> None:
    frame = tables.load("populations")
    assert readable(frame).to_html() == readable(frame.copy()).to_html()
    assert readable(frame).to_html() != readable(frame.head(3)).to_html()


def test_by_date_orders_by_first_then_last_day() -> None:
    frame = pd.DataFrame({"date": ["1903-08-12", "1903", "1901-11-10/1901-11-13", "1903-08"]})
    assert list(by_date(frame)["date"]) == [
        "1901-11-10/1901-11-13",
        "1903",
        "1903-08",
        "1903-08-12",
    ]
    chronology = by_date(tables.load("chronology"))
    bounds = [parse_edtf_bounds(d) for d in chronology["date"]]
    assert bounds == sorted(bounds)
