"""Evaluate every claim of the registry and give it a verdict.

A claim is *consistent* when some reading of the figures it uses, within their
printed precision, satisfies the statement within the statement's own
precision; *inconsistent* when none does; *not checkable* when the registry
gives no computation (the data to check it are not in the articles) or when
the verdict would rest on a figure that cannot be read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tables.claims.data import DataIndex
from tables.claims.expression import ExpressionError, parse
from tables.claims.interval import ClaimError, Interval
from tables.claims.precision import Stated, stated_from, stated_range
from tables.claims.values import DateSpan, Series
from tables.package import DataPackage, PackageError, open_package
from tables.problems import Problem

__all__ = [
    "CONSISTENT",
    "INCONSISTENT",
    "NOT_CHECKABLE",
    "CheckedClaim",
    "check_claims",
    "project_claims",
    "registry_problems",
]

CONSISTENT, INCONSISTENT, NOT_CHECKABLE = "consistent", "inconsistent", "not checkable"
REGISTRY = "claims"


@dataclass(frozen=True)
class CheckedClaim:
    """A registry row with its computed value and verdict."""

    row: dict[str, str]
    line: int
    computed: Interval | None
    stated: Stated | None
    stated_value: float | None
    verdict: str
    corrected: Interval | None

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def expected(self) -> str:
        return self.row["expected"]

    @property
    def regressed(self) -> bool:
        return self.verdict != self.expected

    @property
    def difference(self) -> float | None:
        """Computed minus stated, both as read (signed; None when either is unknown)."""
        if self.computed is None or self.computed.point is None or self.stated_value is None:
            return None
        return self.computed.point - self.stated_value

    @property
    def gap(self) -> float | None:
        """How far the computed range lies outside what the statement allows (0 if inside)."""
        if self.computed is None or self.stated is None:
            return None
        return self.computed.distance_to(self.stated.low, self.stated.high)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of a checked claim (numbers as numbers, unbounded as null)."""
        row = self.row
        computed, stated, corrected = self.computed, self.stated, self.corrected
        return {
            "id": row["id"],
            "article": row["article"],
            "where": row["where"],
            "footnote": int(row["footnote"]) if row.get("footnote") else None,
            "quote": row["quote"],
            "kind": row["kind"],
            "stated_printed": row["stated_printed"],
            "stated": _num(self.stated_value),
            "stated_low": _num(stated.low) if stated else None,
            "stated_high": _num(stated.high) if stated else None,
            "relation": row["relation"],
            "unit": row["unit"],
            "computed": _num(computed.point) if computed else None,
            "computed_low": _num(computed.low) if computed else None,
            "computed_high": _num(computed.high) if computed else None,
            "difference": _num(self.difference),
            "gap": _num(self.gap),
            "tolerance": stated.tolerance if stated else None,
            "verdict": self.verdict,
            "expected": row["expected"],
            "cause": row.get("cause") or None,
            "corrected": _num(corrected.point) if corrected else None,
            "computation": row.get("expression") or None,
            "explanation": row["explanation"],
        }


def _num(value: float | None) -> float | int | None:
    if value is None or math.isinf(value) or math.isnan(value):
        return None
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded


def check_claims(
    directory: Path | str | None = None,
) -> tuple[list[CheckedClaim], list[Problem]]:
    """Evaluate the registry; problems are claims that cannot be evaluated at all."""
    try:
        pkg = open_package(directory)
        file = pkg.resource(REGISTRY)["path"]
    except PackageError as exc:
        return [], [Problem(str(exc).split(":", 1)[0], None, None, "package", str(exc))]
    data = DataIndex(pkg)
    try:
        rows = data.rows(REGISTRY)
    except ClaimError as exc:
        return [], [Problem(file, None, None, "claims", str(exc))]
    results, problems = [], []
    for line, row in enumerate(rows, start=2):
        try:
            results.append(_check_one(row, line, data, pkg))
        except ClaimError as exc:
            column = getattr(exc, "column", "expression")
            problems.append(
                Problem(file, line, column, "claim-error", f"claim {row.get('id')}: {exc}")
            )
    return results, problems


@cache
def project_claims() -> tuple[CheckedClaim, ...]:
    """The project's own claims, checked once per process (figures and notebooks share it)."""
    results, _problems = check_claims()
    return tuple(results)


def registry_problems(pkg: DataPackage, rows: list[dict[str, str]]) -> list[Problem]:
    """Parse every expression without evaluating (for ``tables validate``)."""
    file = pkg.resource(REGISTRY)["path"]
    names = set(pkg.names())
    problems = []
    for line, row in enumerate(rows, start=2):
        for column in ("expression", "stated_ref", "corrected"):
            if row.get(column):
                try:
                    parse(row[column], names)
                except ExpressionError as exc:
                    problems.append(
                        Problem(file, line, column, "claim-error", f"claim {row.get('id')}: {exc}")
                    )
        from_data = bool(row.get("stated_ref"))
        if from_data and (row.get("stated") or row.get("precision") != "printed"):
            problems.append(
                Problem(
                    file,
                    line,
                    "stated",
                    "claim-stated",
                    f"claim {row.get('id')}: a stated figure taken from the data (stated_ref) "
                    "leaves `stated` empty and has precision 'printed'",
                )
            )
        elif not from_data and row.get("precision") == "printed":
            problems.append(
                Problem(
                    file,
                    line,
                    "precision",
                    "claim-stated",
                    f"claim {row.get('id')}: precision 'printed' needs a stated_ref",
                )
            )
        if (row.get("expected") == INCONSISTENT) != bool(row.get("cause")):
            problems.append(
                Problem(
                    file,
                    line,
                    "cause",
                    "claim-cause",
                    f"claim {row.get('id')}: an expected inconsistency needs a cause, "
                    "and only an expected inconsistency has one",
                )
            )
        if row.get("stated_printed") and _squash(row["stated_printed"]) not in _squash(
            row.get("quote", "")
        ):
            problems.append(
                Problem(
                    file,
                    line,
                    "quote",
                    "quote-mismatch",
                    f"stated_printed {row['stated_printed']!r} is not in the quote",
                )
            )
    return problems


def _squash(text: str) -> str:
    return " ".join(text.split())


def _check_one(row: dict[str, str], line: int, data: DataIndex, pkg: DataPackage) -> CheckedClaim:
    names = pkg.name_set
    relation = row.get("relation") or "equal"
    stated, stated_value = None, None
    if row.get("stated_ref"):
        try:
            printed = _number(parse(row["stated_ref"], names).evaluate(data))
            stated, stated_value = stated_from(printed, relation), printed.point
        except ClaimError as exc:
            error = ClaimError(f"stated_ref: {exc}")
            error.column = "stated_ref"  # type: ignore[attr-defined]
            raise error from None
    elif row.get("stated"):
        stated = stated_range(row["stated"], relation, row["precision"])
        stated_value = float(row["stated"])
    if not row.get("expression") or stated is None:
        return CheckedClaim(row, line, None, stated, stated_value, NOT_CHECKABLE, None)
    computed = _number(parse(row["expression"], names).evaluate(data))
    corrected = None
    if row.get("corrected"):
        try:
            corrected = _number(parse(row["corrected"], names).evaluate(data))
        except ClaimError as exc:
            error = ClaimError(f"corrected: {exc}")
            error.column = "corrected"  # type: ignore[attr-defined]
            raise error from None
    holds = computed.admits(
        stated.low, stated.high, open_low=stated.open_low, open_high=stated.open_high
    )
    if holds and computed.point is None:
        verdict = NOT_CHECKABLE  # true only because an unreadable figure could be anything
    else:
        verdict = CONSISTENT if holds else INCONSISTENT
    return CheckedClaim(row, line, computed, stated, stated_value, verdict, corrected)


def _number(value: Any) -> Interval:
    if isinstance(value, Interval):
        return value
    if isinstance(value, DateSpan):
        raise ClaimError("the expression gives a date; compare dates with days(), years() ...")
    if isinstance(value, Series):
        raise ClaimError("the expression gives a series; reduce it with sum(), peak() ...")
    raise ClaimError(f"the expression gives {type(value).__name__}, not a number")
