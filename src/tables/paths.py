"""The one place that decides where the project's data and generated files live."""

from __future__ import annotations

from pathlib import Path

#: Repository root (this file is src/tables/paths.py).
ROOT = Path(__file__).resolve().parents[2]
#: The Data Package: CSVs, their schemas and ``datapackage.json``.
DATA_DIR = ROOT / "data" / "tables"
#: Everything generated (reports, figures, HTML); git-ignored.
BUILD_DIR = ROOT / "build"
#: File name of a Data Package descriptor.
DESCRIPTOR = "datapackage.json"
