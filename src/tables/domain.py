"""Domain rules: what a historian knows about these tables that a Table Schema cannot say.

Each rule applies to every resource that has the columns it reads, so a table a
user adds later is checked the same way. Rules read the CSV text (not a
converted frame) so that they judge exactly what is in the file.

Rules and their codes:

- ``value-mismatch``: ``value``/``low``/``high``/``qualifier`` must be what
  ``printed`` says, unless a row of ``corrections.csv`` gives that reading.
- ``unreadable-printed``: ``printed`` cannot be read with certainty (e.g. a
  misplaced thousands separator) and no correction explains it.
- ``percent-range``: a percentage outside 0-100.
- ``total-row``: one total row per group (the resource's ``totals.per``, else the
  whole table), after the rows it totals.
- ``quote-mismatch``: ``printed`` must stand verbatim in ``quote``.
- ``year-order`` / ``out-of-period``: years and dates inside the article's period.
- ``invalid-date``: a date that is not EDTF or does not exist (1901-02-29).
- ``old-style-mismatch``: an Old Style date whose New Style twin is not 12
  (19th century) or 13 (20th century) days later.
- ``unknown-footnote``: a footnote number the article does not have.
- ``correction-guard``: a correction whose printed text no longer matches the
  cell it corrects, or that points at no row.
- ``unneeded-correction``: a correction whose printed text already reads as its
  reading (it changes nothing).
- ``formula-cell``: a cell starting with = + @ (or a tab or CR), which a
  spreadsheet would run as a formula.
- ``padded-cell``: a cell with spaces at its start or end (a key that would
  silently not match).
- ``claim-error`` / ``claim-cause``: a claim whose expression is not in the
  claims language, or whose cause does not go with its expected verdict
  (see ``tables.claims``; the verdicts themselves are ``tables check``'s job).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tables.package import DataPackage, read_rows, row_key
from tables.paths import DESCRIPTOR
from tables.printed import PrintedError, Printing, Reading, matches, printing, read_printed
from tables.problems import Problem

__all__ = ["check", "row_key"]

_SPACE = re.compile(r"\s+")


def check(directory: Path, descriptor: dict[str, Any], skip_files: set[str]) -> list[Problem]:
    """Run every domain rule on the resources whose files are schema-valid."""
    pkg = DataPackage(directory, descriptor)
    try:
        how = Printing.of(descriptor)
    except PrintedError as exc:
        return [Problem(DESCRIPTOR, None, "printing", "printing", str(exc).split(": ", 1)[1])]
    with printing(how):
        return _check(pkg, skip_files)


def _check(pkg: DataPackage, skip_files: set[str]) -> list[Problem]:
    rows: dict[str, list[dict[str, str]]] = {}
    for res in pkg.resources:
        if res["path"] not in skip_files:
            rows[res["name"]] = read_rows(pkg, res["name"])
    context = _Context(pkg, rows)
    problems: list[Problem] = []
    for res in pkg.resources:
        name = res["name"]
        if name not in rows:
            continue
        for number, row in enumerate(rows[name], start=2):
            problems += context.check_row(name, res, number, row)
        problems += context.check_totals(name, res, rows[name])
    problems += context.check_corrections()
    if "claims" in rows:
        from tables.claims import registry_problems

        problems += registry_problems(pkg, rows["claims"])
    return problems


class _Context:
    """What rules need to know beyond one row: corrections, footnotes, periods."""

    def __init__(self, pkg: DataPackage, rows: dict[str, list[dict[str, str]]]) -> None:
        self.pkg = pkg
        self.rows = rows
        self.corrections = {
            (c["resource"], c["key"], c["field"]): c for c in rows.get("corrections", [])
        }
        self.footnotes = {(f["article"], f["footnote"]) for f in rows.get("footnotes", [])}
        self.periods = {
            a["article"]: (int(a["events_from"]), int(a["events_to"]))
            for a in rows.get("articles", [])
            if a.get("events_from") and a.get("events_to")
        }

    # -- one row -----------------------------------------------------------
    def check_row(
        self, name: str, res: dict[str, Any], number: int, row: dict[str, str]
    ) -> list[Problem]:
        file = res["path"]
        key = row_key(row, self.pkg.primary_key(name))
        article = row.get("article") or res.get("article")
        problems: list[Problem] = []
        for column, cell in row.items():
            problem = _cell_problem(file, number, column, cell)
            if problem is not None:
                problems.append(problem)
        if "printed" in row and "value" in row:
            problems += self._check_reading(name, file, number, key, row)
        if row.get("quote") and _squash(row.get("printed", "")) not in _squash(row["quote"]):
            problems.append(
                Problem(
                    file,
                    number,
                    "quote",
                    "quote-mismatch",
                    f"printed {row['printed']!r} is not in the quote",
                )
            )
        known = self.footnotes
        if row.get("footnote") and article and known and (article, row["footnote"]) not in known:
            problems.append(
                Problem(
                    file,
                    number,
                    "footnote",
                    "unknown-footnote",
                    f"article {article!r} has no footnote {row['footnote']}",
                )
            )
        problems += self._check_years(file, number, row, article)
        if "date" in row:
            # a cited document may be written long after the events (dateRole "document")
            period_bound = res.get("dateRole") != "document"
            problems += self._check_dates(file, number, row, article if period_bound else None)
        return problems

    def _check_reading(
        self, name: str, file: str, number: int, key: str, row: dict[str, str]
    ) -> list[Problem]:
        printed = row["printed"]
        correction = self.corrections.get((name, key, "value"))
        try:
            reading = read_printed(printed)
        except PrintedError as exc:
            if correction is None:
                return [
                    Problem(
                        file,
                        number,
                        "printed",
                        "unreadable-printed",
                        f"{exc}; add a row to corrections.csv saying how it is read",
                    )
                ]
            return self._expect_value(file, number, row, correction["reading"], printed)
        if correction is not None:
            if correction.get("reading") and _reading_value(correction["reading"]) == reading.value:
                return [
                    Problem(
                        file,
                        number,
                        "printed",
                        "unneeded-correction",
                        f"{printed!r} reads as {correction['reading']} as printed: the "
                        "correction for it in corrections.csv changes nothing; remove it",
                    )
                ]
            return self._expect_value(file, number, row, correction["reading"], printed)
        problems = []
        stated = {"value": reading.value, "low": reading.low, "high": reading.high}
        for column, expected in stated.items():
            if column not in row:
                continue
            if not matches(row[column], expected):
                shown = "empty" if expected is None else _show(expected)
                problems.append(
                    Problem(
                        file,
                        number,
                        column,
                        "value-mismatch",
                        f"{column} {row[column] or 'empty'!r} does not match printed {printed!r} "
                        f"(expected {shown}); fix it or justify it in corrections.csv",
                    )
                )
        if "qualifier" in row and (row["qualifier"] or None) != reading.qualifier:
            problems.append(
                Problem(
                    file,
                    number,
                    "qualifier",
                    "value-mismatch",
                    f"qualifier {row['qualifier'] or 'empty'!r} does not match printed {printed!r} "
                    f"(expected {reading.qualifier or 'empty'})",
                )
            )
        problems += self._check_percent(file, number, row, reading)
        return problems

    def _expect_value(
        self, file: str, number: int, row: dict[str, str], reading: str, printed: str
    ) -> list[Problem]:
        expected = _reading_value(reading)
        if reading and expected is None:
            return []  # the correction's own row says its reading is not a number
        if not matches(row["value"], expected):
            return [
                Problem(
                    file,
                    number,
                    "value",
                    "value-mismatch",
                    f"value {row['value'] or 'empty'!r} differs from the reading "
                    f"{reading or 'empty'!r} that corrections.csv gives for {printed!r}",
                )
            ]
        return []

    def _check_percent(
        self, file: str, number: int, row: dict[str, str], reading: Reading
    ) -> list[Problem]:
        is_percent = reading.percent or row.get("unit") == "percent"
        if is_percent and reading.value is not None and not 0 <= reading.value <= 100:
            return [
                Problem(
                    file,
                    number,
                    "value",
                    "percent-range",
                    f"percentage {_show(reading.value)} is outside 0-100",
                )
            ]
        return []

    def _check_years(
        self, file: str, number: int, row: dict[str, str], article: str | None
    ) -> list[Problem]:
        problems = []
        years = [(c, row[c]) for c in ("year", "year_from", "year_to") if row.get(c)]
        if (
            row.get("year_from")
            and row.get("year_to")
            and int(row["year_from"]) > int(row["year_to"])
        ):
            problems.append(
                Problem(
                    file,
                    number,
                    "year_to",
                    "year-order",
                    f"year_to {row['year_to']} is before year_from {row['year_from']}",
                )
            )
        period = self.periods.get(article or "")
        for column, text in years:
            if period and not period[0] <= int(text) <= period[1]:
                problems.append(
                    Problem(
                        file,
                        number,
                        column,
                        "out-of-period",
                        f"year {text} is outside the article's period {period[0]}-{period[1]}",
                    )
                )
        return problems

    def _check_dates(
        self, file: str, number: int, row: dict[str, str], article: str | None
    ) -> list[Problem]:
        from tables.dates import DateError, julian_gap, julian_to_gregorian, parse_edtf_bounds

        try:
            low, high = parse_edtf_bounds(row["date"])
        except DateError as exc:
            return [Problem(file, number, "date", "invalid-date", str(exc))]
        problems = []
        period = self.periods.get(article or "")
        if period and not (period[0] <= low.year and high.year <= period[1]):
            problems.append(
                Problem(
                    file,
                    number,
                    "date",
                    "out-of-period",
                    f"date {row['date']} is outside the article's period {period[0]}-{period[1]}",
                )
            )
        old = row.get("old_style_date")
        if old:
            try:
                twin = julian_to_gregorian(old)
            except DateError as exc:
                return [
                    *problems,
                    Problem(file, number, "old_style_date", "invalid-date", str(exc)),
                ]
            if low != high or twin != low:
                problems.append(
                    Problem(
                        file,
                        number,
                        "old_style_date",
                        "old-style-mismatch",
                        f"Old Style {old} is New Style {twin.isoformat()}, not {row['date']} "
                        f"(the calendars were {julian_gap(*_year_month(old))} days apart then)",
                    )
                )
        return problems

    # -- whole tables ------------------------------------------------------
    def check_totals(
        self, name: str, res: dict[str, Any], rows: list[dict[str, str]]
    ) -> list[Problem]:
        """One total row per group, after every row it totals, as printed.

        A table's groups are given by the resource's ``"totals": {"per": [fields]}``: a
        tidy table whose printed total line spans several columns has one total row per
        measure (``"per": ["measure"]``). Without it, the whole table is one group.
        """
        if not rows or "row_kind" not in rows[0]:
            return []
        file = res["path"]
        per = list((res.get("totals") or {}).get("per", []))
        unknown = [f for f in per if f not in rows[0]]
        if unknown:
            return [
                Problem(
                    file,
                    None,
                    None,
                    "total-row",
                    f'"totals": {{"per": ...}} names {", ".join(unknown)}, not a column here',
                )
            ]

        def group(row: dict[str, str]) -> tuple[str, ...]:
            return tuple(row[f] for f in per)

        def named(key: tuple[str, ...]) -> str:
            return " for " + ", ".join(f"{f} {v!r}" for f, v in zip(per, key, strict=True))

        problems = []
        first: dict[tuple[str, ...], int] = {}
        last_item: dict[tuple[str, ...], int] = {}
        for line, row in enumerate(rows, start=2):
            if row["row_kind"] != "total":
                last_item[group(row)] = line
        for line, row in enumerate(rows, start=2):
            if row["row_kind"] != "total":
                continue
            key = group(row)
            where = named(key) if per else ""
            if key in first:
                one = (
                    f"one per {', '.join(per)}"
                    if per
                    else "at most one (a total line printed across several columns declares "
                    '"totals": {"per": [the column naming each]} on its resource)'
                )
                problems.append(
                    Problem(
                        file,
                        line,
                        "row_kind",
                        "total-row",
                        f"a second total row{where}; a table has {one}",
                    )
                )
                continue
            first[key] = line
            if last_item.get(key, 0) > line:
                problems.append(
                    Problem(
                        file,
                        line,
                        "row_kind",
                        "total-row",
                        f"the total row{where} must come after the rows it totals, as printed",
                    )
                )
        return problems

    def check_corrections(self) -> list[Problem]:
        if "corrections" not in self.rows:
            return []
        file = self.pkg.resource("corrections")["path"]
        problems = []
        for number, c in enumerate(self.rows["corrections"], start=2):
            target = c["resource"]
            if target not in self.rows:
                if target not in self.pkg.name_set:
                    problems.append(
                        Problem(
                            file,
                            number,
                            "resource",
                            "correction-guard",
                            f"no resource named {target!r}",
                        )
                    )
                continue
            key_fields = self.pkg.primary_key(target)
            match = [r for r in self.rows[target] if row_key(r, key_fields) == c["key"]]
            if not match:
                problems.append(
                    Problem(
                        file,
                        number,
                        "key",
                        "correction-guard",
                        f"{target} has no row with key {c['key']!r}",
                    )
                )
                continue
            row = match[0]
            if c.get("reading") and _reading_value(c["reading"]) is None:
                problems.append(
                    Problem(
                        file,
                        number,
                        "reading",
                        "reading-not-a-number",
                        f"the reading {c['reading']!r} given for {c['printed']!r} is not a number",
                    )
                )
            guard_field = "printed" if c["field"] == "value" else c["field"]
            if guard_field not in row:
                problems.append(
                    Problem(
                        file,
                        number,
                        "field",
                        "correction-guard",
                        f"{target} has no column {c['field']!r}",
                    )
                )
            elif row[guard_field] != c["printed"]:
                problems.append(
                    Problem(
                        file,
                        number,
                        "printed",
                        "correction-guard",
                        f"expects {guard_field} {c['printed']!r} in {target} row {c['key']!r} "
                        f"but finds {row[guard_field]!r}: the source cell changed, "
                        "review the correction",
                    )
                )
        return problems


#: First characters that make a spreadsheet run a cell as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


def _reading_value(reading: str) -> float | None:
    """A correction's reading as a number: as printed ("284,904") or plain ("284904")."""
    if not reading:
        return None
    try:
        return read_printed(reading).value
    except PrintedError:
        return None


def _cell_problem(file: str, number: int, column: str | None, cell: str | None) -> Problem | None:
    """A cell a spreadsheet would execute, or one padded with spaces (a key that will not match)."""
    if not cell or column is None:
        return None
    if cell.startswith(FORMULA_STARTS):
        return Problem(
            file,
            number,
            column,
            "formula-cell",
            f"{_clip(cell)!r} starts with {cell[0]!r}: a spreadsheet would run it as a formula; "
            "write it without that first character",
        )
    if cell != cell.strip():
        return Problem(
            file, number, column, "padded-cell", f"{_clip(cell)!r} has spaces at its start or end"
        )
    return None


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _show(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(number)


def _year_month(old_style: str) -> tuple[int, int]:
    year, month, _day = old_style.split("-")
    return int(year), int(month)
