"""The claims language: what it accepts, and what it refuses before reading any data."""

from __future__ import annotations

import pytest

from tables.claims import ExpressionError, parse

RESOURCES = {"table1_arms_debt_payments", "chronology", "populations"}


@pytest.mark.parametrize(
    "text",
    [
        'table1_arms_debt_payments["In total"]',
        'sum(series("table1_arms_debt_payments", "period", row_kind="item")) - 1',
        'days(chronology["a"], chronology["b"]) / 7',
        'calendar_gap(old_style(chronology["a"]))',
        'populations["x", "year_to"] * -1',
        "round(2 / 3, 2)",
    ],
)
def test_accepts_the_language(text: str) -> None:
    assert parse(text, RESOURCES).text == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(1).__class__", "attribute access"),
        ('table1_arms_debt_payments["x"].value', "attribute access"),
        ('__import__("os")', "function '__import__' is not allowed"),
        ("import os", "not a valid expression"),
        ('open("/etc/passwd")', "function 'open' is not allowed"),
        ("eval('1')", "function 'eval' is not allowed"),
        ("9 ** 9 ** 9", "operator ** is not allowed"),
        ("10 ** 100", "operator ** is not allowed"),
        ("7 // 2", "operator // is not allowed"),
        ("secret + 1", "unknown name 'secret'"),
        ('nowhere["x"]', "unknown resource 'nowhere'"),
        ('"text"', "is not a number"),
        ("lambda: 1", "a lambda"),
        ("[x for x in (1, 2)]", "a comprehension"),
        ("1 if 1 else 2", "if/else"),
        ("1 < 2", "a comparison"),
        ("sum", "must be called"),
        ("chronology", "needs a row key"),
        ("chronology[1]", "quoted row key"),
        ('series("chronology", "id", x=1)', 'column="text"'),
        ('series("nowhere", "id")', "unknown resource 'nowhere'"),
        ("days(1)", "takes 2 argument(s), not 1"),
        ("sum(*[1])", "*arguments are not allowed"),
        ("max(key=1)", "takes no keyword arguments"),
        ("1" + " + 1" * 700, "characters long"),
        ("abs(" * 60 + "1" + ")" * 60, "nested more than"),
        ("-" * 100 + "1", "nested more than"),
    ],
)
def test_refuses_everything_else_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=_escape(message)):
        parse(text, RESOURCES)


def _escape(text: str) -> str:
    import re

    return re.escape(text)
