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
from tables.domain import row_key
from tables.package import DataPackage, PackageError, read_rows

__all__ = ["DataIndex"]


@dataclass
class DataIndex:
    """Rows of every resource, read on first use and kept (no work twice)."""

    pkg: DataPackage
    _rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    _by_key: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    _dates: dict[str, DateSpan] = field(default_factory=dict)

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
            return self._by_key[name][key]
        except KeyError:
            raise ClaimError(f"{name} has no row with key {key!r}") from None

    def lookup(self, name: str, key: str) -> Interval | DateSpan:
        """The figure (or, for a dated row, the date) of one row."""
        row = self.row(name, key)
        if "date" in row and "value" not in row:
            return self.date(name, key, "date")
        value = operand(row, self.unit(name, row))
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
        from tables.dates import DateError, julian_to_gregorian, parse_edtf_bounds

        cache = f"{name}|{key}|{column}"
        if cache not in self._dates:
            text = self.row(name, key).get(column, "")
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
        for row in rows:
            if all(row.get(c) == v for c, v in filters.items()):
                value = operand(row, self.unit(name, row))
                if value is not None:
                    labels.append(row[label])
                    values.append(value)
        if not values:
            raise ClaimError(f"no row of {name} matches {filters}")
        return Series(tuple(labels), tuple(values))

    def unit(self, name: str, row: dict[str, str]) -> str | None:
        if row.get("unit"):
            return row["unit"]
        return self.pkg.resource(name).get("unit")
