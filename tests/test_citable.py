"""Citable: CITATION.cff valid, licences matching the metadata, a version, a release archive."""

from __future__ import annotations

import csv
import hashlib
import json
import tomllib
import zipfile
from pathlib import Path

import pytest

from tables.paths import DATA_DIR, ROOT


def citation() -> dict[str, object]:
    import yaml

    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_is_valid_against_the_cff_schema() -> None:
    import jsonschema

    schema = json.loads(
        (ROOT / "tests" / "fixtures" / "citation-cff-1.2.0.schema.json").read_text("utf-8")
    )
    jsonschema.validate(
        citation(), schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def test_a_citation_missing_a_title_is_not_valid() -> None:
    """The schema check can fail."""
    import jsonschema

    schema = json.loads(
        (ROOT / "tests" / "fixtures" / "citation-cff-1.2.0.schema.json").read_text("utf-8")
    )
    broken = {k: v for k, v in citation().items() if k != "title"}
    with pytest.raises(jsonschema.ValidationError, match="'title' is a required property"):
        jsonschema.validate(broken, schema)


def test_licences_match_the_metadata() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert [lic["name"] for lic in package["licenses"]] == ["CC-BY-4.0"]
    data = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert data.startswith("Attribution 4.0 International")
    assert "Section 8 -- Interpretation." in data
    assert set(citation()["license"]) == {"MIT", "CC-BY-4.0"}  # type: ignore[arg-type]


def test_versions_agree() -> None:
    from tables.cli import _version

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert project["version"] == package["version"] == str(citation()["version"]) == _version()


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    from tables.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == "tables 0.1.0"


def test_references_are_the_articles_with_unconfirmed_details_said() -> None:
    articles = {
        r["article"]: r for r in csv.DictReader((DATA_DIR / "articles.csv").open(encoding="utf-8"))
    }
    refs = {r["title"]: r for r in citation()["references"]}  # type: ignore[union-attr]
    for article in articles.values():
        ref = refs[article["title"]]
        assert ref["type"] == "article"
        assert [a["family-names"] for a in ref["authors"]] == [
            name.split()[-1] for name in article["authors"].split("; ")
        ]
        assert str(ref.get("journal", "")) == article["journal"]
        assert str(ref.get("volume", "")) == article["volume"]
        assert str(ref.get("year", "")) == article["publication_year"]
        pages = f"{ref['start']}-{ref['end']}" if "start" in ref else ""
        assert pages == article["pages"]
        if article["reference_status"] != "confirmed":  # say so, in both places
            assert ref["notes"] and article["reference_note"]


def test_release_is_versioned_checksummed_and_byte_stable(tmp_path: Path) -> None:
    from tables.release import release

    first = release(tmp_path / "a")
    second = release(tmp_path / "b")
    assert first.name == "russia-japan-1898-1919-0.1.0.zip"
    assert first.read_bytes() == second.read_bytes()
    digest = hashlib.sha256(first.read_bytes()).hexdigest()
    assert (tmp_path / "a" / f"{first.name}.sha256").read_text() == f"{digest}  {first.name}\n"
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        root = "russia-japan-1898-1919-0.1.0/"
        for needed in (
            "CITATION.cff",
            "LICENSE-DATA",
            "README.txt",
            "data/tables/datapackage.json",
        ):
            assert root + needed in names
        sums = archive.read(root + "SHA256SUMS").decode().splitlines()
        assert len(sums) == len(names) - 1
        for line in sums:
            want, file = line.split("  ")
            assert hashlib.sha256(archive.read(root + file)).hexdigest() == want
