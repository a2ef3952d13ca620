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
from tables.claims.interval import INF, ClaimError, Interval
from tables.claims.precision import Stated, rounded_ranges, stated_from, stated_range
from tables.claims.values import DateSpan, Series
from tables.package import DataPackage, PackageError, open_package
from tables.paths import DESCRIPTOR
from tables.printed import PrintedError, Printing, printing
from tables.problems import Problem

__all__ = [
    "CANNOT_FAIL",
    "CONSISTENT",
    "INCONSISTENT",
    "NOT_CHECKABLE",
    "VERDICTS",
    "CheckedClaim",
    "check_claims",
    "evaluate_claim",
    "project_claims",
    "registry_problems",
]

CONSISTENT, INCONSISTENT, NOT_CHECKABLE = "consistent", "inconsistent", "not checkable"
#: The statement agrees with the data, but the check could not have failed: a
#: date it uses exists only through the interval under test; both dates are known
#: only to the year and the statement holds for some of their days and not others;
#: or the stated figure is the project's own inference. Never counted as consistent.
CANNOT_FAIL = "cannot fail"
#: A claim whose ``stated_by`` is "project" states this project's inference, not the
#: article's figure: agreeing with the data it was inferred from proves nothing.
STATED_BY, BY_PROJECT = "stated_by", "project"
VERDICTS = (CONSISTENT, INCONSISTENT, CANNOT_FAIL, NOT_CHECKABLE)
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
    #: Why a check cannot fail (for that verdict only).
    why: str | None = None
    #: Whether the statement holds if its printed figure was rounded to the nearest,
    #: half to even, or truncated (only for a figure rounded to its last digit).
    conventions: dict[str, bool] | None = None
    #: The rows, as (resource, key), the computation read.
    reads: frozenset[tuple[str, str]] = frozenset()

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def partial(self) -> bool:
        """Consistent for some readings of its figures or dates, but not for all of them."""
        if self.verdict != CONSISTENT or self.computed is None or self.stated is None:
            return False
        return not _inside(self.computed, self.stated)

    @property
    def finding(self) -> str:
        """The fact the claim tests: claims that test the same fact share a finding."""
        return self.row.get("finding") or self.row["id"]

    @property
    def expected(self) -> str:
        return self.row["expected"]

    @property
    def regressed(self) -> bool:
        return bool(self.expected) and self.verdict != self.expected

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
        computed, stated = self.computed, self.stated
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
            "why_cannot_fail": self.why,
            "only_some_readings": self.partial,
            "finding": self.finding,
            "holds_under": self.conventions,
            "expected": row["expected"],
            "cause": row.get("cause") or None,
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
    try:
        how = Printing.of(pkg.descriptor)
    except PrintedError as exc:
        return [], [Problem(DESCRIPTOR, None, "printing", "printing", str(exc).split(": ", 1)[1])]
    with printing(how):
        return _check_all(pkg, file)


def _check_all(pkg: DataPackage, file: str) -> tuple[list[CheckedClaim], list[Problem]]:
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
        for column in ("expression", "stated_ref"):
            if row.get(column):
                try:
                    parse(row[column], names)
                except ExpressionError as exc:
                    problems.append(
                        Problem(file, line, column, "claim-error", f"claim {row.get('id')}: {exc}")
                    )
        problems += _stated_reads_as_printed(file, line, row)
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


def _stated_reads_as_printed(file: str, line: int, row: dict[str, str]) -> list[Problem]:
    """A stated figure to be matched (relation equal) typed beside its printed text must be
    what that text reads as (when the text is a plain figure: words such as "the same
    period" are not checked)."""
    from tables.printed import PrintedError, matches, read_printed

    printed, stated = row.get("stated_printed", ""), row.get("stated", "")
    if not printed or not stated or row.get("relation") != "equal":
        return []  # an ordering states a comparison (0), not the printed figure
    try:
        reading = read_printed(printed)
    except PrintedError:
        return []
    if reading.value is None or matches(stated, reading.value):
        return []
    return [
        Problem(
            file,
            line,
            "stated",
            "claim-stated",
            f"claim {row.get('id')}: stated {stated} is not what {printed!r} reads as "
            f"({reading.value:g}); fix one of them",
        )
    ]


def _squash(text: str) -> str:
    return " ".join(text.split())


def evaluate_claim(
    row: dict[str, str], line: int, data: DataIndex, pkg: DataPackage
) -> CheckedClaim:
    """One registry row checked against ``data`` (which may be a what-if of the package)."""
    return _check_one(row, line, data, pkg)


def _check_one(row: dict[str, str], line: int, data: DataIndex, pkg: DataPackage) -> CheckedClaim:
    names = pkg.name_set
    data.begin()
    relation = row.get("relation") or "equal"
    stated, stated_value, rounding = None, None, None
    if row.get("stated_ref"):
        try:
            printed = _number(parse(row["stated_ref"], names).evaluate(data))
            stated = stated_from(printed, relation, row.get("unit", ""))
            stated_value = printed.point
        except ClaimError as exc:
            error = ClaimError(f"stated_ref: {exc}")
            error.column = "stated_ref"  # type: ignore[attr-defined]
            raise error from None
        if relation == "equal" and _is_rounding(printed.high - printed.low):
            rounding = (printed.point, (printed.high - printed.low) / 2)
    elif row.get("stated"):
        stated = stated_range(row["stated"], relation, row["precision"], row.get("unit", ""))
        stated_value = float(row["stated"])
        if relation == "equal" and row["precision"] == "last-digit":
            rounding = (stated_value, (stated.high - stated.low) / 2)
    if not row.get("expression") or stated is None:
        return CheckedClaim(
            row, line, None, stated, stated_value, NOT_CHECKABLE, reads=frozenset(data.reads)
        )
    expression = parse(row["expression"], names)
    computed = _number(expression.evaluate(data))
    reads, derived, years_only = frozenset(data.reads), dict(data.derived), data.years_only
    unknown_read = data.unknown_read
    old_style = None
    if data.unstated_calendar:
        julian = data.what_if(data.overrides)
        julian.old_style_unstated = True
        old_style = _number(expression.evaluate(julian))
    holds = computed.admits(
        stated.low, stated.high, open_low=stated.open_low, open_high=stated.open_high
    )
    calendars = None
    if old_style is not None:
        # a date whose calendar is not printed may be either: the claim holds if either does
        calendars = {
            "dates New Style": holds,
            "dates Old Style": old_style.admits(
                stated.low, stated.high, open_low=stated.open_low, open_high=stated.open_high
            ),
        }
        holds = any(calendars.values())
    why = None
    if holds and computed.point is None and (unknown_read or math.isinf(computed.high)):
        verdict = NOT_CHECKABLE  # true only because an unreadable figure could be anything
    elif holds:
        why = _why_cannot_fail(computed, stated, reads, derived, years_only)
        if why is None and row.get(STATED_BY) == BY_PROJECT:
            why = (
                "the stated figure is this project's own inference from the data, "
                "not a figure the article prints"
            )
        verdict = CANNOT_FAIL if why else CONSISTENT
    else:
        verdict = INCONSISTENT
    conventions = None
    printed_digits = any(ch.isdigit() for ch in row.get("stated_printed", ""))
    if rounding is not None and rounding[0] is not None and printed_digits:
        conventions = {
            name: computed.admits(low, high, open_low=ol, open_high=oh)
            for name, (low, high, ol, oh) in rounded_ranges(*rounding).items()
        }
    if calendars is not None:
        conventions = {**(conventions or {}), **calendars}
    return CheckedClaim(row, line, computed, stated, stated_value, verdict, why, conventions, reads)


def _is_rounding(width: float) -> bool:
    """Whether a printed range is one unit of a decimal digit (a rounded figure)."""
    if not 0 < width < INF:
        return False
    exponent = math.log10(width)
    return abs(exponent - round(exponent)) < 1e-9


def _why_cannot_fail(
    computed: Interval,
    stated: Stated,
    reads: frozenset[tuple[str, str]],
    derived: dict[tuple[str, str], tuple[str, str]],
    years_only: bool,
) -> str | None:
    for (name, key), source in derived.items():
        if source in reads:
            return (
                f"{name}[{key!r}] is dated only by this interval, counted from "
                f"{source[0]}[{source[1]!r}]: the check is of the digitised date"
            )
    if years_only and not _inside(computed, stated):
        return (
            "both dates are known only to the year: the statement holds for some of the "
            "days they allow and not for others"
        )
    return None


def _inside(computed: Interval, stated: Stated) -> bool:
    """Whether every value the computation allows satisfies the statement."""
    values = computed.choices if computed.choices is not None else (computed.low, computed.high)
    low_ok = all((v > stated.low) if stated.open_low else (v >= stated.low) for v in values)
    high_ok = all((v < stated.high) if stated.open_high else (v <= stated.high) for v in values)
    return low_ok and high_ok


def _number(value: Any) -> Interval:
    if isinstance(value, Interval):
        return value
    if isinstance(value, DateSpan):
        raise ClaimError("the expression gives a date; compare dates with days(), years() ...")
    if isinstance(value, Series):
        raise ClaimError("the expression gives a series; reduce it with sum(), peak() ...")
    raise ClaimError(f"the expression gives {type(value).__name__}, not a number")
