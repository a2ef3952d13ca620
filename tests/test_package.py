"""The Data Package loads with declared dtypes, matches the files on disk, and round-trips."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import tables
from tables.package import PackageError, format_csv, open_package
from tables.paths import DATA_DIR, DESCRIPTOR

PKG = open_package()
NAMES = PKG.names()

EXPECTED_DTYPE = {
    "integer": "Int64",
    "number": "Float64",
    "yearmonth": "period[M]",
    "date": "datetime64[ns]",
    "boolean": "boolean",
}


@pytest.mark.parametrize("name", NAMES)
def test_every_resource_loads_with_declared_dtypes(name: str) -> None:
    frame = tables.load(name)
    for field in PKG.fields(name):
        column = frame[field["name"]]
        if field.get("constraints", {}).get("enum"):
            assert isinstance(column.dtype, pd.CategoricalDtype), field["name"]
            assert list(column.dtype.categories) == field["constraints"]["enum"]
        elif field["type"] == "string":
            assert column.dtype == "string", field["name"]
        else:
            assert str(column.dtype) == EXPECTED_DTYPE[field["type"]], field["name"]


@pytest.mark.parametrize("name", NAMES)
def test_round_trip_is_byte_identical(name: str) -> None:
    """load() then writing back gives the very bytes on disk: nothing is coerced."""
    written = format_csv(tables.load(name), PKG.fields(name))
    assert written.encode("utf-8") == PKG.path(name).read_bytes()


def test_files_on_disk_and_resources_agree() -> None:
    on_disk = {p.name for p in DATA_DIR.glob("*.csv")}
    described = {r["path"] for r in PKG.resources}
    assert on_disk == described


def test_missing_marks_stay_missing_not_zero() -> None:
    fish = tables.load("table4_fisheries")
    dashes = fish[fish["printed"] == "-"]
    assert len(dashes) == 4
    assert dashes["value"].isna().all()


def test_catalog_counts_rows_and_names_sources() -> None:
    catalog = tables.catalog()
    assert list(catalog["name"]) == NAMES
    rows = dict(zip(catalog["name"], catalog["rows"], strict=True))
    assert rows["table1_arms_debt_payments"] == 7
    assert rows["table4_fisheries"] == 30
    source = dict(zip(catalog["name"], catalog["source"], strict=True))
    assert source["table1_arms_debt_payments"] == "saveliev-pestushko, Table 1, footnote 42"


def test_every_table_cites_an_existing_footnote() -> None:
    footnotes = tables.load("footnotes")
    known = set(zip(footnotes["article"].astype(str), footnotes["footnote"], strict=True))
    for res in PKG.resources:
        if "table" in res:
            assert (res["article"], res["footnote"]) in known, res["name"]


def test_load_unknown_resource_names_the_known_ones() -> None:
    with pytest.raises(tables.PackageError, match="no resource named 'nope'"):
        tables.load("nope")


def test_descriptor_is_plain_json_without_absolute_paths() -> None:
    text = (DATA_DIR / DESCRIPTOR).read_text(encoding="utf-8")
    descriptor = json.loads(text)
    for res in descriptor["resources"]:
        assert not res["path"].startswith("/") and ".." not in res["path"]


def test_every_csv_is_in_canonical_form() -> None:
    from tables.canonical import format_package

    assert format_package(write=False) == []


def test_readme_describes_every_resource() -> None:
    readme = (DATA_DIR.parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [name for name in NAMES if f"`{name}`" not in readme]
    assert missing == []


def test_bootstrap_uv_version_matches_the_lock() -> None:
    import re

    root = DATA_DIR.parents[1]
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    lock = (root / "uv.lock").read_text(encoding="utf-8")
    pinned = re.search(r"UV_VERSION := (\S+)", makefile).group(1)
    assert f'name = "uv"\nversion = "{pinned}"' in lock


def test_loading_a_package_folder_as_a_resource_says_how(tmp_path: Path) -> None:
    import tables
    from tables.cli import main

    mine = tmp_path / "my-package"
    assert main(["init", str(mine)]) == 0
    with pytest.raises(PackageError, match="is a package folder, not a resource") as refused:
        tables.load(str(mine))
    assert "example_table" in str(refused.value)
    frame = tables.load("example_table", directory=mine)
    assert list(frame["label"]) == ["First row", "Second row", "Total"]


def test_double_keying_pairs_rows_by_each_tables_primary_key() -> None:
    from tables.doublekey import natural_keys

    keys = natural_keys()
    assert keys["table4_fisheries.csv"] == ["year", "measure"]
    assert keys["footnotes.csv"] == ["article", "footnote"]
    assert "trade.csv" not in keys  # an id each keyer chose: rows paired by their text
