"""A cell's state (missing, unreadable, a reading) comes from the data, everywhere it is shown.

Tried as a user would: recording a reading of an unreadable cell in
corrections.csv must change the figure's marks, the printed table's colours and
the computed values together. The fixtures set the cell's state themselves, so
these tests do not depend on what today's data hold.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import set_cell, set_correction
from tables.cells import MISSING, OK, READING, UNREADABLE, cell_state
from tables.claims.diagnose import diagnosis
from tables.report import errata_markdown

CELL = ("1910", "fish_caught_by_japanese")
KEY = "|".join(CELL)


def _set_cell(directory: Path, printed: str, value: str, reading: str) -> None:
    """Give Table 4's 1910 catch the fixture's printed text and value, and its correction."""
    set_cell(
        directory,
        "table4_fisheries",
        dict(zip(("year", "measure"), CELL, strict=True)),
        printed=printed,
        value=value,
    )
    confidence = "high" if reading else "unresolved"
    set_correction(directory, "table4_fisheries", KEY, printed, reading, confidence)


def _figure_texts(directory: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list]:
    import matplotlib

    matplotlib.use("Agg")
    from tables.figures import fisheries
    from tables.package import load

    monkeypatch.setattr(fisheries, "resource", lambda name: load(name, directory))
    fig = fisheries.table4_fisheries()
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    catch = fig.axes[0].lines[0].get_ydata()
    return texts, list(catch)


def _states(directory: Path, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    from tables import views
    from tables.package import open_package

    monkeypatch.setattr(views, "open_package", lambda: open_package(directory))
    html = views.printed_table("table4_fisheries").to_html()
    marks = {s: css.split(";")[0].split(":")[1].strip() for s, css in views._CSS.items() if css}
    return {state for state, mark in marks.items() if mark in html}


def test_states_are_decided_from_the_row_and_its_correction() -> None:
    assert cell_state({"printed": "-", "value": ""}).state == MISSING
    assert cell_state({"printed": "3O0,000", "value": ""}).state == UNREADABLE
    read = cell_state(
        {"printed": "3O0,000", "value": "300000"},
        {"reading": "300,000", "confidence": "medium"},
    )
    assert (read.state, read.reading, read.confidence) == (READING, "300,000", "medium")
    assert read.describe() == "printed \u201c3O0,000\u201d, read as 300,000 (medium confidence)"
    assert cell_state({"printed": "300,000", "value": "300000"}).state == OK


def test_an_unreadable_cell_is_marked_unreadable_and_drawn_as_a_gap(
    package: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = package()
    _set_cell(directory, "3O0,000", "", reading="")
    texts, catch = _figure_texts(directory, monkeypatch)
    assert any("\u201c3O0,000\u201d,\nunreadable" in t for t in texts)
    assert catch[2] != catch[2]  # NaN: a gap, never a zero
    assert "unreadable" in _states(directory, monkeypatch)
    from tables.claims import check_claims

    claims, _ = check_claims(directory)
    errata = errata_markdown(claims, diagnosis(claims, directory))
    assert "\u201c3O0,000\u201d, unreadable" in errata


def test_a_recorded_reading_changes_every_mark_of_the_cell(
    package: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tables.claims import check_claims
    from tables.validate import validate_package

    directory = package()
    _set_cell(directory, "3O0,000", "300000", reading="300,000")
    assert validate_package(directory) == []
    texts, catch = _figure_texts(directory, monkeypatch)
    assert not any("unreadable" in t for t in texts)
    assert any("read as 300,000\n(high confidence)" in t for t in texts)
    assert catch[2] == 300000
    states = _states(directory, monkeypatch)
    assert "reading" in states and "unreadable" not in states
    claims, problems = check_claims(directory)
    assert problems == []
    for claim in claims:  # no explanation describes a cell's state in words of its own
        assert "unreadable" not in claim.row["explanation"], claim.id
    errata = errata_markdown(claims, diagnosis(claims, directory))
    assert "\u201c3O0,000\u201d, read as 300,000 (high confidence)" in errata
    assert "unreadable" not in errata


def test_a_printed_range_is_a_range_not_unreadable() -> None:
    """'about 13,000-15,000' has bounds and no single value: a hedged range."""
    from tables.cells import RANGE, cell_state

    row = {"printed": "about 13,000-15,000", "value": "", "low": "13000", "high": "15000",
           "qualifier": "about"}  # fmt: skip
    state = cell_state(row)
    assert (state.state, state.hedged) == (RANGE, True)
    assert state.describe() == "printed “about 13,000-15,000”, a range"
    assert cell_state({**row, "low": "", "high": ""}).state == "unreadable"
