"""R reads the package with the types datapackage.json declares: the same rows and values as
pandas (tables.load). Needs Debian's r-base-core, r-cran-readr and r-cran-jsonlite."""

from __future__ import annotations

import json
import math
import shutil
import subprocess

import pandas as pd
import pytest

import tables
from tables.package import open_package
from tables.paths import DATA_DIR, ROOT

RSCRIPT = shutil.which("Rscript")
pytestmark = pytest.mark.skipif(
    RSCRIPT is None,
    reason="R is not installed (apt-get install r-base-core r-cran-readr r-cran-jsonlite)",
)


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
        return r == expected
    if isinstance(expected, int | float):
        return r is not None and math.isclose(float(r), float(expected))  # type: ignore[arg-type]
    return str(r) == str(expected)


def test_r_reads_every_resource_as_pandas_does() -> None:
    run = subprocess.run(
        [RSCRIPT, str(ROOT / "clients" / "r" / "read_package.R"), str(DATA_DIR), "--all"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    from_r = json.loads(run.stdout)
    names = open_package().names()
    assert sorted(from_r) == sorted(names)
    for name in names:
        frame = tables.load(name)
        columns = from_r[name]
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
