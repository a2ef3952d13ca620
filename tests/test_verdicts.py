"""Verdicts a historian would sign: checks that cannot fail, trend words, calendars,
rounding conventions, computed causes and coverage. Every fixture sets up its own rows."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import set_cell, write_claims
from tables.claims import CANNOT_FAIL, CONSISTENT, INCONSISTENT, check_claims
from tables.claims.diagnose import diagnosis
from tables.claims.functions import FUNCTIONS
from tables.claims.interval import Interval
from tables.claims.precision import stated_range
from tables.claims.values import DateSpan
from tables.dates import parse_edtf_bounds
from tables.report import errata_markdown, findings


def claim(cid: str, expression: str, stated: str, **extra: str) -> dict[str, str]:
    return {
        "id": cid, "article": "nish", "where": "test", "quote": "q", "kind": "interval",
        "stated": stated, "unit": "u", "relation": "equal", "precision": "exact",
        "expression": expression, "expected": CONSISTENT, "explanation": "test", **extra,
    }  # fmt: skip


def add_rows(directory: Path, resource: str, rows: list[dict[str, str]]) -> None:
    path = directory / f"{resource}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        fields = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, lineterminator="\n")
        for row in rows:
            writer.writerow({f: row.get(f, "") for f in fields})


def event(eid: str, date: str, dated_by: str = "printed", **extra: str) -> dict[str, str]:
    return {
        "id": eid, "article": "nish", "date": date, "date_printed": date, "event": "x",
        "dated_by": dated_by, "location": "text", "quote": date, **extra,
    }  # fmt: skip


def verdicts(directory: Path) -> dict[str, str]:
    results, problems = check_claims(directory)
    assert problems == []
    return {r.id: r.verdict for r in results}


def test_a_date_that_exists_only_through_the_interval_cannot_fail(
    package: Callable[..., Path],
) -> None:
    directory = package()
    add_rows(
        directory,
        "chronology",
        [
            event("t-a", "1901-11-13"),
            event(
                "t-b", "1901-11-14", "interval", interval_printed="next day", interval_from="t-a"
            ),
            event("t-c", "1901-11-14"),
        ],
    )
    derived = 'days(chronology["t-a"], chronology["t-b"])'
    printed = 'days(chronology["t-a"], chronology["t-c"])'
    write_claims(directory, [claim("t-derived", derived, "1"), claim("t-printed", printed, "1")])
    assert verdicts(directory) == {"t-derived": CANNOT_FAIL, "t-printed": CONSISTENT}
    results, _ = check_claims(directory)
    assert "dated only by this interval" in (results[0].why or "")


def test_dates_known_only_to_the_year_cannot_confirm_a_statement_they_also_refute(
    package: Callable[..., Path],
) -> None:
    """1907 to 1908 is a day to two years: 'within a year' holds for some days and not others;
    1863 to 1892 is 28 to 30 years, all of them 'almost thirty'."""
    directory = package()
    add_rows(
        directory,
        "chronology",
        [event("t-1907", "1907"), event("t-1908", "1908"), event("t-1863", "1863"),
         event("t-1892", "1892"), event("t-1910", "1910")],
    )  # fmt: skip
    write_claims(
        directory,
        [
            claim("t-within", 'years(chronology["t-1907"], chronology["t-1908"])', "1",
                  relation="at-most"),
            claim("t-almost", 'years(chronology["t-1863"], chronology["t-1892"])', "30",
                  precision="almost"),
            claim("t-far", 'years(chronology["t-1907"], chronology["t-1910"])', "1",
                  relation="at-most"),
        ],
    )  # fmt: skip
    assert verdicts(directory) == {
        "t-within": CANNOT_FAIL,
        "t-almost": CONSISTENT,
        "t-far": INCONSISTENT,
    }


def test_gradually_allows_dips_but_not_a_collapse(package: Callable[..., Path]) -> None:
    fall = FUNCTIONS["largest_fall"][0]
    dips = fall(*(Interval.exact(v) for v in (100, 120, 100, 130)))
    collapse = fall(*(Interval.exact(v) for v in (100, 200, 80, 300)))
    assert dips.point == pytest.approx(1 / 6) and collapse.point == pytest.approx(0.6)
    allowed = stated_range("0", "equal", "gradual")
    assert dips.admits(allowed.low, allowed.high)
    assert not collapse.admits(allowed.low, allowed.high)
    unknown = fall(Interval.exact(100), Interval.unknown(), Interval.exact(200))
    assert (unknown.low, unknown.high, unknown.point) == (0.0, 1.0, None)


def test_a_round_number_of_years_counts_calendar_years() -> None:
    count = FUNCTIONS["calendar_years"][0]
    span = count(
        DateSpan.from_days(*parse_edtf_bounds("1914-08"), "1914-08"),
        DateSpan.from_days(*parse_edtf_bounds("1917-12"), "1917-12"),
    )
    assert (span.low, span.high) == (4.0, 4.0)


def test_a_date_of_unstated_calendar_is_tried_both_ways(package: Callable[..., Path]) -> None:
    """23 May 1917 is before the summer read as New Style, 5 June read as Old Style."""
    directory = package()
    add_rows(directory, "chronology", [event("t-summer", "1917-22")])
    rows = list(csv.DictReader((directory / "footnote_documents.csv").open(encoding="utf-8")))
    document = next(r for r in rows if r["date"] == "1917-05-23")
    key = f"{document['article']}|{document['footnote']}|{document['document']}"
    expression = f'days(chronology["t-summer"], footnote_documents["{key}"])'
    write_claims(directory, [claim("t-doc", expression, "0", relation="at-least")])
    for calendar, verdict in (("unstated", CONSISTENT), ("gregorian", INCONSISTENT)):
        text = (directory / "footnote_documents.csv").read_text(encoding="utf-8")
        lines = [
            line.replace(",unstated,", f",{calendar},") if "1917-05-23" in line else line
            for line in text.splitlines(keepends=True)
        ]
        (directory / "footnote_documents.csv").write_text("".join(lines), encoding="utf-8")
        results, _ = check_claims(directory)
        assert results[0].verdict == verdict, calendar
    document_unstated = {"dates New Style": False, "dates Old Style": True}
    (directory / "footnote_documents.csv").write_text(text, encoding="utf-8")
    results, _ = check_claims(directory)
    assert results[0].conventions == document_unstated


def test_rounding_conventions_say_what_a_printed_share_needs(package: Callable[..., Path]) -> None:
    t5 = "table5_transit_vladivostok"
    share = (
        f'{t5}["Korea|1915|volume"] / sum(series("{t5}", "country", period="1915", '
        'measure="volume")) * 100'
    )
    directory = package()
    write_claims(
        directory,
        [claim("t-korea", share, "2.9", stated_printed="2.9", precision="last-digit")],
    )
    results, _ = check_claims(directory)
    assert results[0].verdict == INCONSISTENT  # 2.99 % rounds to 3.0
    assert results[0].conventions == {"nearest": False, "half-even": False, "truncated": True}


def test_causes_are_computed_and_a_corrected_figure_only_when_one_cell_decides(
    package: Callable[..., Path],
) -> None:
    """Rows 10 + 20 + 30 under a printed total of 80: a digit of the total (80 for 60) or of
    the last row (50 for 30) restores it; the arithmetic cannot choose. With the middle row
    confirmed by a second claim, a total of 61 has one determined reading."""
    directory = package()
    rows = [
        {"row_kind": "item", "country": "A", "printed": "10", "value": "10"},
        {"row_kind": "item", "country": "B", "printed": "20", "value": "20"},
        {"row_kind": "item", "country": "C", "printed": "30", "value": "30"},
        {"row_kind": "total", "country": "Total", "printed": "80", "value": "80"},
    ]
    path = directory / "table2_debts_to_japan.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["row_kind", "country", "printed", "value"],
                                lineterminator="\n")  # fmt: skip
        writer.writeheader()
        writer.writerows(rows)
    total = 'sum(series("table2_debts_to_japan", "country", row_kind="item"))'
    write_claims(
        directory,
        [claim("t-total", total, "", stated_ref='table2_debts_to_japan["Total"]',
               precision="printed", kind="total", unit="yen", expected=INCONSISTENT,
               cause="misprint")],
    )  # fmt: skip
    results, _ = check_claims(directory)
    found = diagnosis(results, directory)
    cells = {(e.cell, e.becomes) for e in found.edits["t-total"] if not e.breaks}
    assert ("table2_debts_to_japan['Total']", "60") in cells
    assert ("table2_debts_to_japan['C']", "50") in cells
    errata = errata_markdown(results, found)
    assert "undecided" in errata and "determined" not in errata
    assert found.coverage.used["table2_debts_to_japan"] == 4
    confirm = [
        claim(f"t-{row}", f'table2_debts_to_japan["{row}"]', value, kind="same-quantity")
        for row, value in (("A", "10"), ("B", "20"), ("C", "30"))
    ]
    write_claims(directory, [*confirm, claim("t-total", total, "", **{
        "stated_ref": 'table2_debts_to_japan["Total"]', "precision": "printed", "kind": "total",
        "expected": INCONSISTENT, "cause": "misprint"})])  # fmt: skip
    results, _ = check_claims(directory)
    errata = errata_markdown(results, diagnosis(results, directory))
    assert "determined: **table2_debts_to_japan['Total'] would read 60**" in errata


def test_candidates_are_a_claim_or_a_reason() -> None:
    from tables.paths import DATA_DIR

    with (DATA_DIR / "candidates.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    assert [r["id"] for r in rows if bool(r["claim"]) == bool(r["reason"])] == []


def test_findings_group_claims_of_one_fact(package: Callable[..., Path]) -> None:
    directory = package()
    a = claim("t-a", "1 + 1", "2", finding="t-fact")
    b = claim("t-b", "2 + 2", "5", finding="t-fact", expected=INCONSISTENT, cause="misprint")
    write_claims(directory, [a, b, claim("t-c", "3", "3")])
    results, _ = check_claims(directory)
    assert {f: [c.id for c in g] for f, g in findings(results).items()} == {
        "t-fact": ["t-a", "t-b"],
        "t-c": ["t-c"],
    }
    assert "(as 2 findings: 1 consistent, 1 inconsistent" in errata_markdown(results)


def test_years_print_without_a_thousands_separator() -> None:
    assert stated_range("1913", "at-most", "exact", "year").tolerance == "at most 1913"
    assert stated_range("1913", "at-most", "exact", "yen").tolerance == "at most 1,913"


def test_a_figure_printed_in_words_is_not_recomputed_as_digits(
    package: Callable[..., Path],
) -> None:
    """'One and a half' km against 1,000 km / 600,000 rifles: no edit of the words restores it,
    and recomputing would print a 0 that the article never could have."""
    directory = package()
    set_cell(directory, "military_aid", {"id": "rifle-density-front-km"},
             printed="one and a half", value="1.5")  # fmt: skip
    expression = 'military_aid["front-length"] / military_aid["rifles-1915-10"]'
    write_claims(
        directory,
        [claim("t-spacing", expression, "", stated_ref='military_aid["rifle-density-front-km"]',
               precision="printed", kind="ratio", expected=INCONSISTENT, cause="undecided")],
    )  # fmt: skip
    results, _ = check_claims(directory)
    assert results[0].verdict == INCONSISTENT
    edits = diagnosis(results, directory).edits["t-spacing"]
    assert [e for e in edits if e.resource == "military_aid" and e.kind == "recomputed"] == []
