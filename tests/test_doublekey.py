"""The double-keying diff pairs rows and counts exactly the differing cells."""

from __future__ import annotations

from tables.doublekey import diff_files, summary_markdown


def test_table_rows_pair_by_natural_key_and_cells_are_counted() -> None:
    a = [{"period": "May, 1918", "printed": "34,825", "value": "34825"}]
    b = [{"period": "May, 1918", "printed": "34,825", "value": "34852"}]
    diff = diff_files("table1_arms_debt_payments.csv", a, b)
    assert diff.paired == 1 and diff.cells == [("May, 1918", "value", "34825", "34852")]


def test_text_rows_pair_by_printed_and_quote_whatever_their_ids() -> None:
    quote = "42,823 Chinese, 26,100 Koreans and only 2,291 Japanese"
    a = [
        {"id": "x1", "printed": "42,823", "unit": "count", "quote": quote},
        {"id": "x2", "printed": "26,100", "unit": "count", "quote": quote},
    ]
    b = [
        {"id": "y2", "printed": "26,100", "unit": "count", "quote": quote},
        {"id": "y1", "printed": "42,823", "unit": "tons", "quote": quote},
        {"id": "y3", "printed": "only 2,291", "unit": "count", "quote": quote},
    ]
    diff = diff_files("populations.csv", a, b)
    assert diff.paired == 2
    assert diff.cells == [("x1", "unit", "count", "tons")]
    assert [r["id"] for r in diff.only_b] == ["y3"]
    assert "| populations.csv | 2 | 3 | 2 | 0 | 1 | unit 1 |" in summary_markdown([diff])
