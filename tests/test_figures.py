"""Figures: every one drawn, saved in three formats, byte-identical to the committed manifest."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tables.figures import FIGURES, MANIFEST, build, manifest_text
from tables.paths import ROOT

COMMITTED = ROOT / "figures.sha256"


def committed_lines(name: str) -> list[str]:
    lines = COMMITTED.read_text(encoding="utf-8").splitlines(keepends=True)
    return [line for line in lines if line.split()[1].rsplit(".", 1)[0] == name]


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_matches_the_committed_manifest(name: str, tmp_path: Path) -> None:
    """A changed figure fails here: review it, then `make figures-manifest`."""
    build(tmp_path, only=[name])
    assert manifest_text(tmp_path).splitlines(keepends=True) == committed_lines(name)
    assert (tmp_path / MANIFEST).read_text(encoding="utf-8") == manifest_text(tmp_path)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary file left"
    png = (tmp_path / f"{name}.png").read_bytes()
    width, _height = struct.unpack(">II", png[16:24])
    assert width in (1050, 2100), "journal widths: 3.5 in or 7 in at 300 dpi"
    assert b"pHYs" in png[:200]  # the PNG records its resolution
    assert b"Software" not in png and b"Date" not in (tmp_path / f"{name}.svg").read_bytes()
    assert b"CreationDate" not in (tmp_path / f"{name}.pdf").read_bytes()


def test_manifest_lists_every_figure_in_every_format() -> None:
    names = {line.split()[1] for line in COMMITTED.read_text(encoding="utf-8").splitlines()}
    assert names == {f"{n}.{fmt}" for n in FIGURES for fmt in ("png", "svg", "pdf")}


def test_unknown_figure_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="no figure named nope"):
        build(tmp_path, only=["nope"])
