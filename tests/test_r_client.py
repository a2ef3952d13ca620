"""R reads the package with the types datapackage.json declares: the same rows and values as
pandas (tables.load), each column of the R class its schema type maps to. Needs Debian's
r-base-core, r-cran-readr and r-cran-jsonlite: ``make test`` skips it without them, ``make e2e``
(which installs them) fails."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess

import pandas as pd
import pytest

import tables
from tables.package import open_package
from tables.paths import DATA_DIR, ROOT

# what readr makes of each Table Schema type (clients/r/read_package.R); the rest is text
R_CLASS = {"integer": "integer", "number": "numeric", "boolean": "logical"}


@pytest.fixture(scope="module")
def from_r() -> dict[str, dict[str, dict[str, object]]]:
    rscript = shutil.which("Rscript")
    if rscript is None:
        why = "R is not installed (apt-get install r-base-core r-cran-readr r-cran-jsonlite)"
        if os.environ.get("TABLES_E2E") == "1":
            pytest.fail(why)
        pytest.skip(why)
    run = subprocess.run(
        [rscript, str(ROOT / "clients" / "r" / "read_package.R"), str(DATA_DIR), "--all"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _same(r: object, expected: object) -> bool:
    if (
        expected is None
        or expected is pd.NA
        or expected is pd.NaT
        or (isinstance(expected, float) and math.isnan(expected))
    ):
        return r is None
    if hasattr(expected, "item"):
        expected = expected.item()
    if isinstance(expected, bool):
        return r is expected
    if isinstance(expected, int | float):
        # a number read as text ("12") is not the number 12
        return isinstance(r, int | float) and not isinstance(r, bool) and math.isclose(r, expected)
    return isinstance(r, str) and r == str(expected)


def test_r_reads_every_resource_as_pandas_does(from_r: dict) -> None:
    tables_r = from_r["tables"]
    names = open_package().names()
    assert sorted(tables_r) == sorted(names)
    for name in names:
        frame = tables.load(name)
        columns = tables_r[name]
        assert list(columns) == list(frame.columns), name
        for column in frame.columns:
            values = columns[column]
            assert len(values) == len(frame), (name, column)
            wrong = [
                (i, v, e)
                for i, (v, e) in enumerate(zip(values, frame[column], strict=True))
                if not _same(v, e)
            ]
            assert wrong == [], (name, column, wrong[:3])


def test_r_types_each_column_as_its_schema_declares(from_r: dict) -> None:
    package = open_package()
    wrong = [
        (name, field["name"], field.get("type"), from_r["classes"][name][field["name"]])
        for name in package.names()
        for field in package.fields(name)
        if from_r["classes"][name][field["name"]] != R_CLASS.get(field.get("type"), "character")
    ]
    assert wrong == []
