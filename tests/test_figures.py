"""Figures: every one drawn, byte-identical to the committed manifest whatever can vary here.

What varies between the runs below: the formats drawn (each alone, all three,
in both orders), the number of workers, the order in which figures finish, the
hash seed (each worker process has its own), and a user's matplotlibrc. What
cannot vary on one machine (another CPU) is simulated by
``test_pinned_maths_switch_off_every_dispatched_kernel``, by the worker's own
refusal to draw unpinned, and in the README's record of runs with numpy's
dispatch and OpenBLAS's kernel changed from outside.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from tables.figures import FIGURES
from tables.figures.build import MANIFEST, build, manifest_text, verify
from tables.figures.style import FORMATS, render, stable_svg_ids
from tables.io import TEMP_PREFIX
from tables.paths import ROOT
from tables.pinned import pinned_maths

COMMITTED = ROOT / "figures" / "default.sha256"
COMMITTED_PIXELS = ROOT / "figures" / "default.pixels.sha256"
#: A file matches if it is identical, or is a PNG with the recorded pixels (another zlib).
ACCEPTED = {"identical", "same pixels"}


#: An id ``stable_svg_ids`` gave: matplotlib's prefix, then a rank of first appearance.
_RANKED = re.compile(r'(?<=[#"])(p|m|h|image|C\d+_\d+_)(\d+)(?=[")])')


def assert_no_id_from_a_float(name: str, svg: str) -> None:
    """No id holds a hash (of floats or anything else); the ranked ids count 1, 2, 3 ..."""
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert not [i for i in ids if re.search(r"[0-9a-f]{10}", i)], name
    ranks = list(dict.fromkeys(int(m[2]) for m in _RANKED.finditer(svg)))
    assert ranks == list(range(1, len(ranks) + 1)), name
    assert ranks, f"{name}: no clip path or marker at all?"


#: Each run draws every figure in one format (or a few in all three), varying the rest.
VARIANTS = {
    "png alone, two workers": dict(formats=["png"], workers=2),
    "svg alone, one worker": dict(formats=["svg"], workers=1),
    "pdf alone, two workers": dict(formats=["pdf"], workers=2),
    "all three in reverse order, one worker": dict(
        formats=["pdf", "svg", "png"], workers=1, only=["table5_transit", "claims_overview"]
    ),
    "all three in the usual order, two workers": dict(
        only=["negotiations_timeline", "table4_fisheries", "table1_payments"]
    ),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_figures_match_the_committed_manifest(variant: str, tmp_path: Path) -> None:
    """Whatever else varies, each file has the bytes the committed manifest names."""
    options = VARIANTS[variant]
    build(tmp_path, **options)
    names = options.get("only", list(FIGURES))
    formats = tuple(options.get("formats", FORMATS))
    wanted = {f"{n}.{fmt}" for n in names for fmt in formats}
    verdicts = {f: v for f, v in verify(tmp_path, COMMITTED, COMMITTED_PIXELS) if f in wanted}
    assert sorted(verdicts) == sorted(wanted)
    assert {f: v for f, v in verdicts.items() if v not in ACCEPTED} == {}
    made = {line.split()[1] for line in manifest_text(tmp_path).splitlines()}
    assert made == wanted, "a file that was not asked for"
    assert (tmp_path / MANIFEST).read_text(encoding="utf-8") == manifest_text(tmp_path)
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*")), "temporary file left"
    for png in tmp_path.glob("*.png"):
        width, _height = struct.unpack(">II", png.read_bytes()[16:24])
        assert width in (1003, 2007), "journal columns: 85 mm or 170 mm at 300 dpi"
        assert b"pHYs" in png.read_bytes()[:200]  # the PNG records its resolution
        assert b"Software" not in png.read_bytes()
    for svg in tmp_path.glob("*.svg"):
        assert b"<dc:date>" not in svg.read_bytes()
        assert_no_id_from_a_float(svg.stem, svg.read_text(encoding="utf-8"))
    for pdf in tmp_path.glob("*.pdf"):
        assert b"CreationDate" not in pdf.read_bytes()


def test_a_png_compressed_otherwise_is_accepted_only_with_the_same_pixels(
    tmp_path: Path,
) -> None:
    from PIL import Image

    build(tmp_path, only=["table3_boats"], formats=["png"])
    png = tmp_path / "table3_boats.png"
    with Image.open(png) as image:
        pixels = image.copy()
    pixels.save(png, compress_level=1)  # another compressor's bytes, the same pixels
    verdicts = dict(verify(tmp_path, COMMITTED, COMMITTED_PIXELS))
    assert verdicts["table3_boats.png"] == "same pixels"
    pixels.putpixel((5, 5), (255, 0, 0, 255))
    pixels.save(png)
    verdicts = dict(verify(tmp_path, COMMITTED, COMMITTED_PIXELS))
    assert verdicts["table3_boats.png"] == "differs"
    assert verdicts["table3_boats.svg"] == "missing"


def test_a_users_matplotlibrc_changes_nothing(tmp_path: Path) -> None:
    """Thick lines in the user's matplotlibrc, and another in the working folder."""
    import os
    import subprocess
    import sys

    config = tmp_path / "config"
    config.mkdir()
    (config / "matplotlibrc").write_text("lines.linewidth: 5\n", encoding="utf-8")
    (tmp_path / "matplotlibrc").write_text("lines.linewidth: 7\nfont.size: 20\n", "utf-8")
    out = tmp_path / "figures"
    command = [sys.executable, "-m", "tables.cli", "figures", "--out", str(out)]
    env = {**os.environ, "MPLCONFIGDIR": str(config)}
    subprocess.run([*command, "--only", "table5_transit"], cwd=tmp_path, env=env, check=True)
    verdicts = dict(verify(out, COMMITTED, COMMITTED_PIXELS))
    assert {verdicts[f"table5_transit.{fmt}"] for fmt in FORMATS} <= ACCEPTED


def test_svg_ids_do_not_move_when_a_float_does() -> None:
    """The same figure 1e-9 inch wider: other last digits, the same ids."""
    draw = FIGURES["table5_transit"][0]

    def wider() -> object:
        fig = draw()
        fig.set_size_inches(fig.get_figwidth() + 1e-9, fig.get_figheight())
        return fig

    def ids(svg: bytes) -> list[str]:
        return re.findall(r'\bid="([^"]+)"', svg.decode("utf-8"))

    assert ids(render(draw, ["svg"])["svg"]) == ids(render(wider, ["svg"])["svg"])


def test_hashed_ids_are_renamed_in_order_of_appearance() -> None:
    one = b'<path clip-path="url(#p3f2a9b8c7d)"/><use xlink:href="#m0123456789"/>'
    two = b'<path clip-path="url(#pffffffffff)"/><use xlink:href="#maaaaaaaaaa"/>'
    assert stable_svg_ids(one) == stable_svg_ids(two)
    assert stable_svg_ids(one) == b'<path clip-path="url(#p1)"/><use xlink:href="#m2"/>'
    assert stable_svg_ids(b'style="fill: #0072b2"') == b'style="fill: #0072b2"'


def test_pinned_maths_switch_off_every_dispatched_kernel() -> None:
    """Another CPU would pick other numpy kernels; pinned workers pick none of them."""
    from numpy._core._multiarray_umath import __cpu_dispatch__

    disabled = pinned_maths()["NPY_DISABLE_CPU_FEATURES"].split()
    assert set(disabled) == set(__cpu_dispatch__)
    assert pinned_maths()["OPENBLAS_NUM_THREADS"] == "1"


def test_manifests_list_every_figure_in_every_format() -> None:
    names = {line.split()[1] for line in COMMITTED.read_text(encoding="utf-8").splitlines()}
    assert names == {f"{n}.{fmt}" for n in FIGURES for fmt in FORMATS}
    pixels = {line.split()[1] for line in COMMITTED_PIXELS.read_text(encoding="utf-8").splitlines()}
    assert pixels == {f"{n}.png" for n in FIGURES}


def test_unknown_figure_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="no figure named nope"):
        build(tmp_path, only=["nope"])
