"""Find the Data Package, read its resources with the dtypes their schemas declare.

Loading uses pandas directly (every cell read as text, then converted by the
declared Table Schema type) so that nothing is inferred: a count is a nullable
``Int64``, an enum is a ``category``, a date is a ``datetime64``. Validation of
the same files goes through frictionless (see ``validate.py``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tables.paths import DATA_DIR, DESCRIPTOR

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DataPackage",
    "PackageError",
    "catalog",
    "format_csv",
    "load",
    "open_package",
    "row_key",
    "short_authors",
]


class PackageError(Exception):
    """The descriptor cannot be read or does not name what was asked for."""


@dataclass(frozen=True)
class DataPackage:
    """A parsed ``datapackage.json`` and the folder it describes."""

    directory: Path
    descriptor: dict[str, Any]

    @property
    def resources(self) -> list[dict[str, Any]]:
        return list(self.descriptor.get("resources", []))

    @cached_property
    def _by_name(self) -> dict[str, dict[str, Any]]:
        """Resources by name, built once: a lookup per claim must not scan them all."""
        found: dict[str, dict[str, Any]] = {}
        for res in self.resources:
            found.setdefault(res.get("name"), res)  # the first of a duplicated name, as before
        return found

    def names(self) -> list[str]:
        return [r["name"] for r in self.resources]

    @cached_property
    def name_set(self) -> frozenset[str]:
        """The resources' names, for membership tests done once per claim or row."""
        return frozenset(self._by_name)

    def resource(self, name: str) -> dict[str, Any]:
        res = self._by_name.get(name)
        if res is None:
            raise PackageError(f"no resource named {name!r}; known: {', '.join(self.names())}")
        return res

    def schema(self, name: str) -> dict[str, Any]:
        """The resource's Table Schema, following a relative schema path if it has one."""
        schema = self.resource(name).get("schema", {})
        if isinstance(schema, str):
            schema = json.loads((self.directory / schema).read_text(encoding="utf-8"))
        return schema

    def path(self, name: str) -> Path:
        return self.directory / self.resource(name)["path"]

    def fields(self, name: str) -> list[dict[str, Any]]:
        return list(self.schema(name).get("fields", []))

    def primary_key(self, name: str) -> list[str]:
        key = self.schema(name).get("primaryKey", [])
        return [key] if isinstance(key, str) else list(key)

    def missing_values(self, name: str) -> list[str]:
        schema = self.schema(name)
        return list(schema.get("missingValues", self.descriptor.get("missingValues", [""])))


def open_package(directory: Path | str | None = None) -> DataPackage:
    """Read ``datapackage.json`` in ``directory`` (default: the project's data/tables)."""
    directory = Path(directory) if directory is not None else DATA_DIR
    path = directory / DESCRIPTOR
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PackageError(f"{path}: no Data Package descriptor here") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(f"{path}: not a valid JSON descriptor ({exc})") from exc
    if not isinstance(descriptor, dict):
        raise PackageError(f"{path}: the descriptor is not a JSON object")
    return DataPackage(directory, descriptor)


def read_rows(pkg: DataPackage, name: str) -> list[dict[str, str]]:
    """The resource's rows as text, exactly as in the file (no conversion)."""
    with pkg.path(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def row_key(row: dict[str, str], key_fields: list[str]) -> str:
    """The text that names a row in ``corrections.csv``: key values joined by '|'."""
    return "|".join(row.get(f, "") for f in key_fields)


def short_authors(authors: str) -> str:
    """Authors as a citation names them: each person's surname, joined by '&'; a body
    ("Statistical committee of the Maritime Province": a word in lower case) in full."""
    names = []
    for name in (a.strip() for a in authors.split(";")):
        if not name:
            continue
        words = name.split()
        corporate = any(w[:1].islower() for w in words[1:] if w not in ("von", "de", "van"))
        names.append(name if corporate else words[-1])
    return " & ".join(names)


def load(name: str, directory: Path | str | None = None) -> pd.DataFrame:
    """Load resource ``name`` as a DataFrame with the dtypes its schema declares.

    Nothing is coerced: a cell that is not exactly of its declared type
    ("1_000", " 12", "1e3", "nan" in an integer column; a category outside
    the enum) raises ``PackageError`` naming ``file:row:column``, instead of
    coming back as a number nobody printed.
    """
    import pandas as pd

    if directory is None and (Path(name) / DESCRIPTOR).is_file():
        names = ", ".join(open_package(Path(name)).names())
        raise PackageError(
            f"{name!r} is a package folder, not a resource: load one of its resources with "
            f"tables.load(NAME, directory={name!r}); NAME is one of {names}"
        )
    pkg = open_package(directory)
    fields = pkg.fields(name)
    missing = set(pkg.missing_values(name))
    file = pkg.resource(name)["path"]
    try:
        raw = pd.read_csv(
            pkg.path(name), dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8"
        )
    except (UnicodeDecodeError, ValueError, pd.errors.ParserError) as exc:
        raise PackageError(f"{file}:-:-: cannot be read as UTF-8 CSV ({exc})") from None
    frame = pd.DataFrame(index=raw.index)
    for field in fields:
        texts = raw[field["name"]] if field["name"] in raw else [""] * len(raw)
        cells = [None if text in missing else text for text in texts]
        frame[field["name"]] = _convert(cells, field, file)
    frame.attrs["resource"] = name
    return frame


#: The exact text each type accepts (ASCII digits only; no spaces, signs, exponents).
_EXACT = {
    "integer": re.compile(r"-?[0-9]+"),
    "year": re.compile(r"-?[0-9]{4}"),
    "number": re.compile(r"-?[0-9]+(\.[0-9]+)?"),
    "boolean": re.compile(r"true|false"),
    "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    "yearmonth": re.compile(r"[0-9]{4}-[0-9]{2}"),
}


def _convert(column: list[str | None], field: dict[str, Any], file: str = "") -> pd.Series:
    import pandas as pd

    kind = field.get("type", "string")
    name = field["name"]
    enum = field.get("constraints", {}).get("enum")
    pattern = _EXACT.get(kind)
    for row, value in enumerate(column, start=2):
        if value is None:
            continue
        if pattern is not None and not pattern.fullmatch(value):
            raise PackageError(f"{file}:{row}:{name}: {value!r} is not of type {kind}")
        if enum and value not in enum:
            raise PackageError(f"{file}:{row}:{name}: {value!r} is not one of {enum}")
    try:
        if kind in ("integer", "year"):
            return pd.Series([None if v is None else int(v) for v in column], dtype="Int64")
        if kind == "number":
            return pd.Series([None if v is None else float(v) for v in column], dtype="Float64")
        if kind == "boolean":
            return pd.Series([None if v is None else v == "true" for v in column], dtype="boolean")
        if kind == "date":
            return pd.Series(pd.to_datetime(column, format="%Y-%m-%d"))
        if kind == "yearmonth":
            return pd.Series(
                [pd.NaT if v is None else pd.Period(v, freq="M") for v in column],
                dtype="period[M]",
            )
    except ValueError as exc:  # a well-formed but impossible date or month
        raise PackageError(f"{file}:-:{name}: {exc}") from None
    if enum:
        return pd.Series(pd.Categorical(column, categories=enum))
    return pd.Series(column, dtype="string")


def format_csv(frame: pd.DataFrame, fields: list[dict[str, Any]]) -> str:
    """Write ``frame`` in the project's one canonical CSV form (LF, minimal quoting)."""
    import numpy as np
    import pandas as pd

    names = [f["name"] for f in fields]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    kinds = {f["name"]: f.get("type", "string") for f in fields}

    def cell(value: Any, kind: str) -> str:
        if value is None or value is pd.NA or value is pd.NaT:
            return ""
        if isinstance(value, float) and np.isnan(value):
            return ""
        if kind == "number":
            return np.format_float_positional(float(value), trim="-")
        if kind in ("integer", "year"):
            return str(int(value))
        if kind == "boolean":
            return "true" if value else "false"
        if kind == "date":
            return value.strftime("%Y-%m-%d")
        return str(value)

    for row in frame[names].itertuples(index=False, name=None):
        writer.writerow([cell(v, kinds[n]) for v, n in zip(row, names, strict=True)])
    return buffer.getvalue()


def catalog(directory: Path | str | None = None) -> pd.DataFrame:
    """One row per resource: name, title, rows, path, and where its numbers come from."""
    import pandas as pd

    pkg = open_package(directory)
    rows = []
    for res in pkg.resources:
        with pkg.path(res["name"]).open(encoding="utf-8", newline="") as handle:
            count = sum(1 for _ in csv.reader(handle)) - 1
        rows.append(
            {
                "name": res["name"],
                "title": res.get("title", ""),
                "rows": count,
                "path": res["path"],
                "source": _source_line(res),
            }
        )
    return pd.DataFrame(rows)


def _source_line(resource: dict[str, Any]) -> str:
    """A short provenance: article, table and footnote where the resource has them."""
    if "table" in resource:
        return f"{resource['article']}, Table {resource['table']}, footnote {resource['footnote']}"
    if "article" in resource:
        return f"{resource['article']}, running text and footnotes (footnote per row)"
    if resource.get("name") == "corrections":
        return "this project's readings of corrupted or misprinted text"
    if len(resource.get("sources", [])) > 1:
        return "both articles (see the article column)"
    return "; ".join(s.get("title", "") for s in resource.get("sources", []))
