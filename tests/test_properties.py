"""Property tests: mutated CSVs never crash the validator, and `load` never coerces silently."""

from __future__ import annotations

import atexit
import csv
import io
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_package
from tables.package import PackageError, load
from tables.printed import read_printed
from tables.validate import validate_package

T1 = "table1_arms_debt_payments"
COLUMNS = ["row_kind", "period", "month", "printed", "value"]

#: Text a hand edit or a spreadsheet tends to leave in a cell.
TRICKY = st.sampled_from(
    ["1_000", " 12", "12 ", "+5", "1e3", "nan", "inf", "-0", "0x10", "12.0", "1,000", "١٢",
     "", "-", "-----", "=1+1", "@A1", "2017-13", "1917-1", "true", "total ", "TOTAL", "None",
     '"', "\t", "372906\n", "3.5", "0009"]
)  # fmt: skip
CELL = st.one_of(TRICKY, st.text(max_size=8), st.integers(-(10**7), 10**7).map(str))


def original() -> list[list[str]]:
    from tables.paths import DATA_DIR

    with (DATA_DIR / f"{T1}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


ROWS = original()


def write(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


@st.composite
def mutated_table(draw: st.DrawFn) -> bytes:
    """Table 1 with cells replaced, then possibly its separators, quoting or encoding changed."""
    rows = [list(r) for r in ROWS]
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.integers(1, len(rows) - 1))
        column = draw(st.integers(0, len(COLUMNS) - 1))
        rows[row][column] = draw(CELL)
    text = write(rows)
    damage = draw(st.sampled_from(["none", "semicolons", "unquote", "truncate", "junk"]))
    if damage == "semicolons":
        text = text.replace(",", ";")
    elif damage == "unquote":
        text = text.replace('"', "")
    elif damage == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif damage == "junk":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(max_size=5)) + text[at:]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]))
    return text.encode(encoding, errors="replace")


def package_dir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="prop-"))
    return copy_package(folder / "pkg", [T1])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_table())
def test_validator_never_raises_and_a_valid_table_loads_as_printed(content: bytes) -> None:
    directory = package_dir()
    try:
        (directory / f"{T1}.csv").write_bytes(content)
        problems = validate_package(directory)  # must not raise, whatever the bytes
        assert all(str(p).count(":") >= 3 for p in problems)
        if problems:
            return
        frame = load(T1, directory)
        for printed, value in zip(frame["printed"], frame["value"], strict=True):
            reading = read_printed(str(printed))
            assert (None if value is None or value != value else float(value)) == reading.value
    finally:
        shutil.rmtree(directory.parent, ignore_errors=True)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["value", "month", "row_kind"]), CELL), min_size=1, max_size=4
    )
)
def test_load_returns_exactly_the_text_or_refuses(edits: list[tuple[str, str]]) -> None:
    """Whenever `load` returns, every value is the cell's text read exactly (no coercion)."""
    rows = [list(r) for r in ROWS]
    for i, (column, cell) in enumerate(edits):
        rows[1 + i % (len(rows) - 1)][COLUMNS.index(column)] = cell
    directory = LOAD_DIR
    (directory / f"{T1}.csv").write_text(write(rows), encoding="utf-8")
    try:
        frame = load(T1, directory)
    except PackageError as exc:
        assert str(exc).startswith(f"{T1}.csv:")
        return
    import pandas as pd

    parsed = list(csv.reader(io.StringIO(write(rows))))[1:]
    for cells, (_, got) in zip(parsed, frame.iterrows(), strict=True):
        text = dict(zip(COLUMNS, cells, strict=True))
        assert (text["value"] == "") == bool(pd.isna(got["value"]))
        if text["value"]:
            assert text["value"].isascii() and text["value"].lstrip("-").isdigit()
            assert int(text["value"]) == int(got["value"])
        assert (text["month"] == "") == bool(pd.isna(got["month"]))
        if text["month"]:
            assert str(got["month"]) == text["month"]
        kind = "" if pd.isna(got["row_kind"]) else str(got["row_kind"])
        assert kind == text["row_kind"]


LOAD_DIR = copy_package(Path(tempfile.mkdtemp(prefix="load-")) / "pkg", [T1])
atexit.register(shutil.rmtree, LOAD_DIR.parent, True)
