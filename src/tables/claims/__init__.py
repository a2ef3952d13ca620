"""The articles' own arithmetic, checked: a registry of claims, evaluated safely.

``data/tables/claims.csv`` lists every checkable statement of both articles
(a total, a share, an interval between two dates ...) with the computation
that tests it, written in a small expression language (``expression.py``)
that is parsed, never executed. ``check_claims`` evaluates them with interval
arithmetic on the printed figures (``interval.py``, ``precision.py``) and
gives each a verdict; ``tables.report`` renders the results.
"""

from tables.claims.check import (
    CANNOT_FAIL,
    CONSISTENT,
    INCONSISTENT,
    NOT_CHECKABLE,
    VERDICTS,
    CheckedClaim,
    check_claims,
    project_claims,
    registry_problems,
)
from tables.claims.expression import ExpressionError, parse
from tables.claims.interval import ClaimError, Interval

__all__ = [
    "CANNOT_FAIL",
    "CONSISTENT",
    "INCONSISTENT",
    "NOT_CHECKABLE",
    "VERDICTS",
    "CheckedClaim",
    "ClaimError",
    "ExpressionError",
    "Interval",
    "check_claims",
    "parse",
    "project_claims",
    "registry_problems",
]
