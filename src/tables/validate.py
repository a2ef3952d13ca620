"""Validate a Data Package: its schema through frictionless, then the project's domain rules.

Every problem comes back as a ``Problem`` located at ``file:row:column``. The
schema checks are frictionless's own (types, constraints, keys, labels,
encoding); this module only turns its typed errors into plain words. Domain
rules (``domain.py``) run on the resources frictionless found sound, so a
broken cell is reported once, not again by every rule that reads it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tables.paths import DATA_DIR, DESCRIPTOR
from tables.problems import Problem

__all__ = ["FORMATTABLE", "MAX_FILE_BYTES", "MAX_LINE_CHARS", "validate_package"]

#: Words for Table Schema types in messages.
_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "date": "a date (YYYY-MM-DD)",
    "yearmonth": "a year and month (YYYY-MM)",
    "year": "a year",
    "boolean": "true or false",
}

#: Row errors that only repeat a header problem already reported for the file.
_CASCADE = {"missing-cell", "extra-cell"}

#: Bounds that keep validation fast and small whatever a file holds: the
#: package's largest table is under 100 kB and its longest line under 2,000
#: characters. A file over the first, or a line over the second, is refused
#: before anything reads it whole.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_LINE_CHARS = 20_000

#: "0,9" or "12,5": a decimal comma, not a thousands separator.
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d{1,2}$")

#: Problems `tables fmt` repairs by rewriting the file in canonical form.
FORMATTABLE = {"label-order", "byte-order-mark", "crlf"}


def validate_package(directory: Path | str | None = None, use_cache: bool = True) -> list[Problem]:
    """All problems of the Data Package in ``directory`` (default: the project's own).

    ``use_cache`` reuses frictionless's verdict on resources whose bytes (and
    everything else the verdict depends on) are unchanged since a previous run.
    """
    directory = Path(directory) if directory is not None else DATA_DIR
    descriptor_path = directory / DESCRIPTOR
    descriptor, problems = _read_descriptor(descriptor_path)
    if descriptor is None:
        return problems
    problems += _check_paths(directory, descriptor)
    if problems:
        return _ordered(problems)
    problems += _check_files(directory, descriptor)
    unreadable = {p.file for p in problems}
    problems += [
        p
        for p in _frictionless_problems(directory, descriptor, unreadable, use_cache)
        if p.file not in unreadable
    ]
    broken = {p.file for p in problems}
    from tables import domain

    problems += domain.check(directory, descriptor, skip_files=broken)
    return _ordered(problems)


def _ordered(problems: list[Problem]) -> list[Problem]:
    """Unique problems in file, row, column order (whole-file problems first)."""
    unique = set(problems)
    return sorted(unique, key=lambda p: (p.file, p.row or 0, p.column or "", p.code, p.message))


def _read_descriptor(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    name = path.name
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None, [
            Problem(name, None, None, "no-descriptor", f"no {DESCRIPTOR} in {path.parent}")
        ]
    except UnicodeDecodeError as exc:
        return None, [Problem(name, None, None, "encoding-error", f"not UTF-8 text ({exc.reason})")]
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [
            Problem(name, exc.lineno, str(exc.colno), "invalid-json", f"not valid JSON: {exc.msg}")
        ]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [
            Problem(
                name,
                None,
                None,
                "invalid-descriptor",
                "the descriptor must be a JSON object with a list of resources",
            )
        ]
    return descriptor, []


def _check_paths(directory: Path, descriptor: dict[str, Any]) -> list[Problem]:
    """Every file a descriptor names must be a plain file inside the package folder."""
    problems = []
    root = directory.resolve()
    for res in descriptor["resources"]:
        name = res.get("name", "?") if isinstance(res, dict) else "?"
        refs = [("path", res.get("path"))] if isinstance(res, dict) else []
        if isinstance(res, dict) and isinstance(res.get("schema"), str):
            refs.append(("schema", res["schema"]))
        for prop, ref in refs:
            fault = _path_fault(directory, root, ref)
            if fault:
                code = "missing-file" if fault == "no such file" else "unsafe-path"
                message = f"resource {name!r} {prop} {ref!r}: {fault}"
                problems.append(Problem(DESCRIPTOR, None, prop, code, message))
    return problems


def _path_fault(directory: Path, root: Path, ref: Any) -> str | None:
    """Why a descriptor's file reference is unusable, or None when it is a plain inner file."""
    if not isinstance(ref, str) or not ref:
        return "must be one relative file path"
    candidate = directory / ref
    if Path(ref).is_absolute() or ".." in Path(ref).parts or "://" in ref:
        return "leaves the package folder"
    if candidate.is_symlink():
        return "is a symbolic link"
    if not candidate.resolve().is_relative_to(root):
        return "leaves the package folder"
    if not candidate.is_file():
        return "no such file"
    return None


def _check_files(directory: Path, descriptor: dict[str, Any]) -> list[Problem]:
    """Before frictionless: is each file UTF-8 text with the schema's columns?

    A file that fails here is not passed on: frictionless would only report the
    same fault again as a cascade of cell errors, or guess another encoding.
    """
    import csv
    import io

    from tables.package import DataPackage

    pkg = DataPackage(directory, descriptor)
    problems = []
    for res in pkg.resources:
        file = res["path"]
        size = (directory / file).stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    file,
                    None,
                    None,
                    "file-too-large",
                    f"the file is {size / 1024**2:,.1f} MB, over the "
                    f"{MAX_FILE_BYTES // 1024**2} MB a table of this package may be; "
                    "is it the right file?",
                )
            )
            continue
        raw = (directory / file).read_bytes()
        if not raw.strip():
            problems.append(Problem(file, None, None, "empty-file", "the file is empty"))
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            problems.append(
                Problem(
                    file,
                    line,
                    str(column),
                    "encoding-error",
                    f"byte 0x{raw[exc.start]:02x} is not UTF-8: save the file as UTF-8",
                )
            )
            continue
        layout = _layout_problem(file, raw, text)
        if layout is not None:
            problems.append(layout)
            if layout.code == "long-line":
                continue
        try:
            header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), [])
        except csv.Error as exc:
            problems.append(Problem(file, 1, None, "csv-error", f"not readable as CSV: {exc}"))
            continue
        expected = [f["name"] for f in pkg.fields(res["name"])]
        for name in expected:
            if name not in header:
                problems.append(
                    Problem(
                        file,
                        1,
                        name,
                        "missing-label",
                        f"column {name!r} is missing from the header",
                    )
                )
        for name in header:
            if not name.strip():
                problems.append(Problem(file, 1, None, "blank-label", "a column header is blank"))
            elif name not in expected:
                problems.append(
                    Problem(file, 1, name, "extra-label", f"column {name!r} is not in the schema")
                )
        for name in {n for n in header if header.count(n) > 1 and n.strip()}:
            problems.append(
                Problem(
                    file, 1, name, "duplicate-label", f"column {name!r} appears twice in the header"
                )
            )
        clean = not problems or problems[-1].file != file
        if clean and header != expected and sorted(header) == sorted(expected):
            problems.append(
                Problem(
                    file,
                    1,
                    None,
                    "label-order",
                    "columns are not in the schema's order: run `tables fmt`",
                )
            )
    return problems


def _layout_problem(file: str, raw: bytes, text: str) -> Problem | None:
    """A byte-order mark, CRLF line ends or an overlong line (in that order), if any."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return Problem(
            file,
            1,
            None,
            "byte-order-mark",
            "the file starts with a byte-order mark: run `tables fmt` "
            "(or save it as UTF-8 without BOM)",
        )
    if b"\r" in raw:
        line = raw[: raw.index(b"\r")].count(b"\n") + 1
        return Problem(
            file,
            line,
            None,
            "crlf",
            "lines end in CR or CRLF (Windows): run `tables fmt` to write them with LF",
        )
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            return Problem(
                file,
                number,
                None,
                "long-line",
                f"line is {len(line):,} characters long (at most {MAX_LINE_CHARS:,}): "
                "a closing quote or a line break is probably missing",
            )
    return None


def _frictionless_problems(
    directory: Path, descriptor: dict[str, Any], skip: set[str], use_cache: bool = True
) -> list[Problem]:
    """Frictionless on every resource whose file passed the checks above (the others,
    and foreign keys into them, are left out so that no broken file is read again).

    Resources whose inputs are unchanged since a previous run take their
    problems from the cache (``validation_cache.py``); only the others, and the
    resources their foreign keys point into, are given to frictionless.
    """
    from tables.package import DataPackage
    from tables.validation_cache import ValidationCache

    pkg = DataPackage(directory, descriptor)
    kept = [r["name"] for r in descriptor["resources"] if r.get("path") not in skip]
    if skip or not use_cache:
        return _run_frictionless(pkg, kept)
    store = ValidationCache(directory=directory)
    package_key = store.package_key(descriptor)
    keys = {name: store.resource_key(pkg, name) for name in kept}
    found = {name: store.get(key) for name, key in keys.items()}
    package_problems = store.get(package_key)
    todo = [name for name in kept if found[name] is None]
    if package_problems is None:  # a new descriptor: everything, as frictionless sees it
        todo = kept
    if todo:
        fresh = _run_frictionless(pkg, todo, whole=package_problems is None)
        if package_problems is None:
            package_problems = [p for p in fresh if p.file == DESCRIPTOR]
            store.put(package_key, package_problems)
        for name in todo:
            found[name] = [p for p in fresh if p.file == pkg.resource(name)["path"]]
            store.put(keys[name], found[name])
    return package_problems + [p for name in kept for p in found[name] or []]


def _run_frictionless(pkg: Any, names: list[str], whole: bool = True) -> list[Problem]:
    """Frictionless on resources ``names`` (and the ones their foreign keys need)."""
    import frictionless

    descriptor, directory = pkg.descriptor, pkg.directory
    wanted = set(names)
    if not whole:
        for name in names:
            for fk in pkg.schema(name).get("foreignKeys", []):
                wanted.add(fk.get("reference", {}).get("resource") or name)
    if whole and wanted == set(pkg.names()):
        report = frictionless.validate(str(directory / DESCRIPTOR))
    else:
        kept = [r for r in descriptor["resources"] if r.get("name") in wanted]
        trimmed = json.loads(json.dumps({**descriptor, "resources": kept}))
        for res in trimmed["resources"]:
            if isinstance(res.get("schema"), str):  # a schema file: inline it, to trim its keys
                res["schema"] = pkg.schema(res["name"])
            schema = res.get("schema")
            if isinstance(schema, dict) and "foreignKeys" in schema:
                schema["foreignKeys"] = [  # "" is the resource itself
                    fk
                    for fk in schema["foreignKeys"]
                    if fk["reference"].get("resource", "") in wanted | {""}
                ]
        report = frictionless.Package(trimmed, basepath=str(directory)).validate()
    problems = [Problem(DESCRIPTOR, None, None, e.type, _plain_note(e)) for e in report.errors]
    paths = {r.get("name"): r.get("path") for r in descriptor["resources"]}
    for task in report.tasks:
        if task.name not in names:
            continue  # a foreign key's target, validated only so the key can be checked
        file = paths.get(task.name) or task.name or DESCRIPTOR
        errors = list(task.errors)
        header_broken = any(e.type.endswith("-label") for e in errors)
        for error in errors:
            if header_broken and error.type in _CASCADE:
                continue
            problems.append(_problem_from_error(file, error, pkg, task.name))
    return problems


def _problem_from_error(file: str, error: Any, pkg: Any, name: str) -> Problem:
    kind = error.type
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", None)
    note = getattr(error, "note", "") or ""
    if kind == "type-error":
        field_type = note.split('"')[1].split("/")[0] if '"' in note else "value"
        words = _TYPE_WORDS.get(field_type, f"of type {field_type}")
        if field_type in ("integer", "number") and cell and _DECIMAL_COMMA.match(cell):
            message = f"{cell!r} is not {words}: write decimals with a point (0.9), not a comma"
        elif field_type in ("integer", "number") and cell and "," in cell:
            message = f"{cell!r} is not {words}: write it without thousands separators"
        else:
            message = f"{cell!r} is not {words}"
    elif kind == "constraint-error":
        message = _constraint_words(note, cell)
    elif kind in ("primary-key", "unique-error"):
        key = pkg.primary_key(name) if kind == "primary-key" else [column or ""]
        column = key[0] if key else column
        message = f"duplicate key ({', '.join(key)}): " + note.replace(
            "the same as in the row at position", "the same as in row"
        )
        if "None" in note:
            message = f"the key ({', '.join(key)}) is empty"
    elif kind == "missing-label":
        row, message = 1, f"column {column!r} is missing from the header"
    elif kind == "extra-label":
        label = getattr(error, "label", "") or ""
        row, column = 1, label or None
        message = f"column {label!r} is not in the schema"
    elif kind == "blank-label":
        row, message = 1, "a column header is blank"
    elif kind == "duplicate-label":
        row, message = 1, f"column {column!r} appears twice in the header"
    elif kind == "blank-row":
        message = "the row is blank"
    elif kind == "missing-cell":
        message = "the row has fewer cells than the header"
    elif kind == "extra-cell":
        message = "the row has more cells than the header"
    elif kind == "encoding-error":
        message = "the file is not UTF-8 text"
    elif kind == "source-error" and "empty" in note:
        message, kind = "the file is empty", "empty-file"
    elif kind == "foreign-key":
        message = f"{note}: no row with that key in the referenced resource"
    else:  # a frictionless error type this module does not word: its code is generic
        message, kind = f"{getattr(error, 'message', kind)} ({kind})", "schema-error"
    return Problem(file, row, column, kind, message)


def _constraint_words(note: str, cell: Any) -> str:
    parts = note.split('"')
    constraint = parts[1] if len(parts) > 1 else "constraint"
    limit = parts[3] if len(parts) > 3 else ""
    if constraint == "required":
        return "the cell is empty but required"
    if constraint == "minimum":
        return f"{cell!r} is below the minimum {limit}"
    if constraint == "maximum":
        return f"{cell!r} is above the maximum {limit}"
    if constraint == "enum":
        return f"{cell!r} is not one of the allowed values {limit}"
    if constraint == "pattern":
        return f"{cell!r} does not match the pattern {limit}"
    if constraint == "unique":
        return f"{cell!r} is not unique in its column"
    return f"{cell!r} breaks the constraint {constraint} {limit}".strip()


def _plain_note(error: Any) -> str:
    return getattr(error, "message", "") or error.type
