"""Resolve the names in a claim's expression to the Data Package's figures.

``table2_debts_to_japan["Total"]`` names a row by its primary key (key values
joined with "|", as in corrections.csv) and gives its figure as an interval;
``chronology["nish-1901-11-26-ito-reaches-st-petersburg"]`` gives a date span.
``series(resource, label, **filters)`` gives a labelled column. Everything is
read as text from the CSVs and converted here, so checking claims needs
neither pandas nor frictionless.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tables.claims.interval import ClaimError, Interval
from tables.claims.precision import operand
from tables.claims.values import DateSpan, Series
from tables.package import DataPackage, PackageError, read_rows, row_key

__all__ = ["BY_INTERVAL", "DATED_BY", "INTERVAL_FROM", "DataIndex"]

#: A dated row whose ``dated_by`` is "interval" has no date of its own: it was
#: counted from the row named in ``interval_from`` by the printed interval. A
#: claim that tests that interval with it cannot fail.
DATED_BY, BY_INTERVAL, INTERVAL_FROM = "dated_by", "interval", "interval_from"
#: A dated row whose ``calendar`` is "unstated" may be Old or New Style: a claim
#: that reads one is checked both ways (``old_style_unstated``).
CALENDAR, UNSTATED = "calendar", "unstated"


@dataclass
class DataIndex:
    """Rows of every resource, read on first use and kept (no work twice)."""

    pkg: DataPackage
    _rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    _by_key: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    _dates: dict[str, DateSpan] = field(default_factory=dict)
    #: Rows to read differently (a what-if: a reading of a cell, a candidate edit).
    overrides: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    #: Every (resource, key) the current evaluation read, and what it noticed on the way.
    reads: set[tuple[str, str]] = field(default_factory=set)
    derived: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    years_only: bool = False
    unstated_calendar: bool = False
    #: The evaluation read a figure that could not be read (an unknown: any value).
    unknown_read: bool = False
    #: Read dates of unstated calendar as Old Style (Julian) digits.
    old_style_unstated: bool = False

    def begin(self) -> None:
        """Forget what the previous evaluation read (call before each claim)."""
        self.reads, self.derived, self.years_only = set(), {}, False
        self.unstated_calendar = False
        self.unknown_read = False

    def what_if(self, overrides: dict[tuple[str, str], dict[str, str]]) -> DataIndex:
        """The same data with some rows read differently; the rows already read are shared."""
        return DataIndex(self.pkg, self._rows, self._by_key, {}, dict(overrides))

    def has(self, name: str) -> bool:
        return name in self.pkg.name_set

    def rows(self, name: str) -> list[dict[str, str]]:
        if name not in self._rows:
            try:
                self._rows[name] = read_rows(self.pkg, name)
            except (PackageError, OSError, UnicodeDecodeError) as exc:
                raise ClaimError(f"cannot read resource {name!r} ({exc})") from None
        return self._rows[name]

    def row(self, name: str, key: str) -> dict[str, str]:
        if name not in self._by_key:
            fields = self.pkg.primary_key(name)
            self._by_key[name] = {row_key(r, fields): r for r in self.rows(name)}
        try:
            row = self._by_key[name][key]
        except KeyError:
            raise ClaimError(f"{name} has no row with key {key!r}") from None
        self.reads.add((name, key))
        return self.overrides.get((name, key), row)

    def key_of(self, name: str, row: dict[str, str]) -> str:
        return row_key(row, self.pkg.primary_key(name))

    def lookup(self, name: str, key: str) -> Interval | DateSpan:
        """The figure (or, for a dated row, the date) of one row."""
        row = self.row(name, key)
        if "date" in row and "value" not in row:
            return self.date(name, key, "date")
        value = operand(row, self.unit(name, row), self.rounding(name))
        if value is not None and value.point is None:
            self.unknown_read = True
        if value is None:
            raise ClaimError(
                f"{name}[{key!r}] is printed as missing ({row.get('printed')!r}): "
                "there is no figure to compute with"
            )
        return value

    def field(self, name: str, key: str, column: str) -> Interval:
        """One numeric column of a row, exactly as written (a year, a count)."""
        row = self.row(name, key)
        if column not in row:
            raise ClaimError(f"{name} has no column {column!r}")
        try:
            return Interval.exact(float(row[column]))
        except ValueError:
            raise ClaimError(
                f"{name}[{key!r}, {column!r}] is not a number: {row[column]!r}"
            ) from None

    def date(self, name: str, key: str, column: str) -> DateSpan:
        row = self.row(name, key)
        if row.get(DATED_BY) == BY_INTERVAL and row.get(INTERVAL_FROM):
            self.derived[(name, key)] = (name, row[INTERVAL_FROM])
        if row.get(CALENDAR) == UNSTATED and column != "old_style_date":
            self.unstated_calendar = True
            if self.old_style_unstated:
                return _as_old_style(self._date_of(name, key, column, row))
        return self._date_of(name, key, column, row)

    def _date_of(self, name: str, key: str, column: str, row: dict[str, str]) -> DateSpan:
        from tables.dates import DateError, julian_to_gregorian, parse_edtf_bounds

        cache = f"{name}|{key}|{column}"
        if cache not in self._dates:
            text = row.get(column, "")
            if not text:
                raise ClaimError(f"{name}[{key!r}] has no {column}")
            try:
                if column == "old_style_date":
                    day = julian_to_gregorian(text)
                    self._dates[cache] = DateSpan.from_days(day, day, text)
                else:
                    self._dates[cache] = DateSpan.from_days(*parse_edtf_bounds(text), text)
            except DateError as exc:
                raise ClaimError(f"{name}[{key!r}]: {exc}") from None
        return self._dates[cache]

    def series(self, name: str, label: str, filters: dict[str, str]) -> Series:
        rows = self.rows(name)
        if rows and label not in rows[0]:
            raise ClaimError(f"{name} has no column {label!r} to label a series")
        for column in filters:
            if rows and column not in rows[0]:
                raise ClaimError(f"{name} has no column {column!r} to filter on")
        labels, values = [], []
        keys = self.pkg.primary_key(name)
        for original in rows:
            key = row_key(original, keys)
            row = self.overrides.get((name, key), original)
            if all(row.get(c) == v for c, v in filters.items()):
                self.reads.add((name, key))
                value = operand(row, self.unit(name, row), self.rounding(name))
                if value is not None:
                    if value.point is None:
                        self.unknown_read = True
                    labels.append(row[label])
                    values.append(value)
        if not values:
            raise ClaimError(f"no row of {name} matches {filters}")
        return Series(tuple(labels), tuple(values))

    def rounding(self, name: str) -> str | None:
        """How the resource's figures were rounded when printed, if it says
        (``"rounding"``: exact, nearest, half-even or truncated)."""
        return self.pkg.resource(name).get("rounding")

    def unit(self, name: str, row: dict[str, str]) -> str | None:
        if row.get("unit"):
            return row["unit"]
        return self.pkg.resource(name).get("unit")


def _as_old_style(span: DateSpan) -> DateSpan:
    """The same printed digits read in the Julian calendar (as New Style days)."""
    import datetime as dt

    from tables.dates import julian_gap

    def shift(ordinal: int) -> int:
        day = dt.date.fromordinal(ordinal)
        return ordinal + julian_gap(day.year, day.month)

    return DateSpan(shift(span.first), shift(span.last), span.text)
