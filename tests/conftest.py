"""Shared fixtures: small copies of the project's Data Package to break on purpose."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tables.paths import DATA_DIR, DESCRIPTOR

# The validation cache of the tests (and of the commands they start) is their own.
os.environ.setdefault("TABLES_CACHE_DIR", tempfile.mkdtemp(prefix="tables-test-cache-"))

#: Resources every domain rule may consult (articles, footnotes, corrections).
SUPPORT = ["articles", "footnotes", "corrections"]


def copy_package(target: Path, names: list[str] | None = None) -> Path:
    """Copy the project's package (or only ``names`` plus SUPPORT) into ``target``."""
    descriptor = json.loads((DATA_DIR / DESCRIPTOR).read_text(encoding="utf-8"))
    if names is not None:
        keep = set(names) | set(SUPPORT)
        descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in keep]
    target.mkdir(parents=True, exist_ok=True)
    for res in descriptor["resources"]:
        for ref in (res["path"], res["schema"] if isinstance(res["schema"], str) else None):
            if ref:
                (target / ref).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(DATA_DIR / ref, target / ref)
    if names is not None:  # keep only the corrections that point at a copied resource
        kept = {r["name"] for r in descriptor["resources"]}
        lines = (target / "corrections.csv").read_text(encoding="utf-8").splitlines(keepends=True)
        body = [line for line in lines[1:] if line.split(",", 1)[0] in kept]
        (target / "corrections.csv").write_text("".join(lines[:1] + body), encoding="utf-8")
    (target / DESCRIPTOR).write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return target


@pytest.fixture
def package(tmp_path: Path) -> Callable[..., Path]:
    """Factory: ``package("table1_arms_debt_payments")`` -> folder with a small package."""

    def make(*names: str) -> Path:
        return copy_package(tmp_path / "pkg", list(names) or None)

    return make


def edit(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of ``old`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def set_cell(directory: Path, resource: str, key: dict[str, str], **values: str) -> None:
    """Set columns of the row of ``resource`` matching ``key`` (a fixture's own cell state)."""
    import csv

    path = directory / f"{resource}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    matched = [r for r in rows if all(r[k] == v for k, v in key.items())]
    assert len(matched) == 1, f"{key} matches {len(matched)} rows of {resource}"
    matched[0].update(values)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def set_correction(
    directory: Path, resource: str, key: str, printed: str, reading: str, confidence: str
) -> None:
    """Make corrections.csv hold exactly this correction for the cell (and none other for it)."""
    import csv

    path = directory / "corrections.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = [r for r in reader if (r["resource"], r["key"]) != (resource, key)]
    rows.append(
        {
            "resource": resource,
            "key": key,
            "field": "value",
            "printed": printed,
            "reading": reading,
            "kind": "ocr",
            "confidence": confidence,
            "reason": "fixture",
        }
    )
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_claims(directory: Path, rows: list[dict[str, str]]) -> None:
    """Replace a package's claims.csv with ``rows``, in the columns its schema declares."""
    import csv

    descriptor = json.loads((directory / DESCRIPTOR).read_text(encoding="utf-8"))
    schema = next(r["schema"] for r in descriptor["resources"] if r["name"] == "claims")
    fields = [f["name"] for f in schema["fields"]]
    with (directory / "claims.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({f: row.get(f, "") for f in fields})
