"""Figures a journal accepts: any width, a minimum type size, grayscale, TIFF and EPS, profiles.

Every figure is drawn at one and two columns and read back through matplotlib's
own extents: no text under the minimum, none cut by the canvas, no two texts
overlapping, no text over a data point. Every distinction a colour makes is made
again by something a grayscale print keeps, and the grayscale drawing keeps
every category apart. The inspectors themselves are shown to fail on figures
built to fail.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from tables.figures import FIGURES
from tables.figures.build import build, manifest_text, verify
from tables.figures.inspect import colour_only, marks, text_problems
from tables.figures.profiles import (
    ProfileError,
    inches,
    profile,
    profiles,
)

#: The print profiles draw at 600 dpi; the default profile draws each figure at its own
#: column (one of these widths) at 300 dpi. Hinting makes text wider at some resolutions.
WIDTHS = ("single", "double")


def drawn(name: str, width: str, grayscale: bool = False) -> Figure:
    """A figure drawn afresh (a drawn one, measured at 600 dpi, holds a 30 MB canvas: none is
    kept)."""
    return FIGURES[name][0](width=width, grayscale=grayscale)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", FIGURES)
def test_layout_and_encodings_hold_at_every_width(name: str, width: str) -> None:
    """No text too small, cut, overlapping or over a point; nothing told apart by colour
    alone."""
    fig = drawn(name, width)
    assert colour_only(fig) == []
    assert fig.get_figwidth() == pytest.approx(inches(width))
    own_column = fig.tables_column == width  # as the default profile draws it, too
    for dpi in (600, 300) if own_column else (600,):
        assert text_problems(fig, 7.0, dpi=dpi) == [], f"at {dpi} dpi"
    assert_grayscale_keeps_every_category_apart(fig)


def assert_grayscale_keeps_every_category_apart(fig: Figure) -> None:
    """In grayscale (what --grayscale does to a drawn figure) there are as many distinct
    marks (colour and the rest) as in colour, in every panel and legend, and no colour."""
    from tables.figures.style import to_grayscale

    def kinds() -> dict[int, int]:
        found: dict[int, set[tuple[object, ...]]] = {}
        for mark in marks(fig):
            found.setdefault(mark.axes, set()).add((mark.colour, mark.other))
        return {axes: len(distinct) for axes, distinct in found.items()}

    coloured = kinds()
    to_grayscale(fig)
    assert kinds() == coloured
    assert all(r == g == b for m in marks(fig) for r, g, b in [m.colour])


def test_grayscale_drawing_is_the_drawing_in_gray() -> None:
    """--grayscale draws the same figure and only then replaces its colours."""
    from tables.figures.style import to_grayscale

    gray = FIGURES["table5_transit"][0](width="single", grayscale=True)
    colour = to_grayscale(FIGURES["table5_transit"][0](width="single"))
    assert marks(gray) == marks(colour)


def test_a_larger_minimum_type_size_is_kept() -> None:
    fig = FIGURES["table4_fisheries"][0](width="single", font_size=8)
    assert text_problems(fig, 8.0, dpi=600) == []
    sizes = [t.get_fontsize() for t in fig.findobj(lambda a: hasattr(a, "get_fontsize"))]
    assert min(sizes) == 8


def _figure_that_fails() -> object:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 2))
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1], color="#0072B2")
    ax.plot([0, 1], [1, 0], color="#D55E00")  # told apart by colour alone
    ax.text(0.5, 0.5, "over the crossing", fontsize=6)  # too small, and over no point
    ax.text(0.48, 0.52, "overlapping", fontsize=8)
    ax.text(1.2, 0.5, "past the edge of the canvas", fontsize=8)
    ax.plot([0.2], [0.8], marker="o", color="k")
    ax.text(0.2, 0.8, "on a point", fontsize=8)
    return fig


def test_the_inspectors_can_fail() -> None:
    fig = _figure_that_fails()
    problems = text_problems(fig, 7.0)  # type: ignore[arg-type]
    assert "'over the crossing': 6 pt, under the 7 pt minimum" in problems
    assert "'over the crossing' overlaps 'overlapping'" in problems
    assert "'past the edge of the canvas': cut by the edge of the figure" in problems
    assert "'on a point' is drawn over a data point" in problems
    assert len(colour_only(fig)) == 1  # type: ignore[arg-type]


# -- profiles ------------------------------------------------------------------------------


def test_profiles_are_data_with_the_journal_settings() -> None:
    known = profiles()
    assert {"default", "print-single", "print-double"} <= set(known)
    single = known["print-single"]
    assert (single.width, single.dpi, single.formats, single.grayscale) == (
        "single",
        600,
        ("tiff", "eps"),
        True,
    )
    assert inches("single") == pytest.approx(85 / 25.4)
    assert inches("double") == pytest.approx(170 / 25.4)
    assert known["default"].font_size == 7


@pytest.mark.parametrize("name", ["default", "print-single", "print-double"])
def test_each_profile_has_a_manifest_of_every_figure_in_its_formats(name: str) -> None:
    p = profile(name)
    listed = {line.split()[1] for line in p.manifest.read_text(encoding="utf-8").splitlines()}
    assert listed == {f"{n}.{fmt}" for n in FIGURES for fmt in p.formats}
    pixels = {line.split()[1] for line in p.pixels.read_text(encoding="utf-8").splitlines()}
    raster = [f for f in p.formats if f in ("png", "tiff")]
    assert pixels == {f"{n}.{fmt}" for n in FIGURES for fmt in raster}


#: Print profiles: every figure's EPS (any change to a drawing shows in it), and TIFF for
#: some, varying formats, order and workers; `make paper` checks every file.
PRINT_VARIANTS = {
    "single column, every figure's EPS": ("print-single", dict(formats=["eps"])),
    "double column, EPS of three": (
        "print-double",
        dict(formats=["eps"], only=["claims_overview", "negotiations_timeline", "table5_transit"]),
    ),
    "single column, TIFF then EPS, one worker": (
        "print-single",
        dict(only=["table4_fisheries", "negotiations_timeline"], workers=1),
    ),
    "double column, TIFF alone, two workers": (
        "print-double",
        dict(only=["table5_transit", "populations", "table2_debts"], formats=["tiff"]),
    ),
}


@pytest.mark.parametrize("variant", PRINT_VARIANTS)
def test_print_profiles_are_byte_stable(variant: str, tmp_path: Path) -> None:
    name, options = PRINT_VARIANTS[variant]
    p = profile(name)
    build(tmp_path, settings=p, **options)  # type: ignore[arg-type]
    drawn = {line.split()[1] for line in manifest_text(tmp_path).splitlines()}
    verdicts = {f: v for f, v in verify(tmp_path, p.manifest, p.pixels) if f in drawn}
    assert verdicts and set(verdicts.values()) <= {"identical", "same pixels"}


def test_a_colour_tiff_has_no_alpha_either(tmp_path: Path) -> None:
    from PIL import Image

    p = profile("default").overridden(formats=("tiff",))
    build(tmp_path, settings=p, only=["table3_boats"])
    with Image.open(tmp_path / "table3_boats.tiff") as image:
        assert image.mode == "RGB"


def tables(*args: str) -> subprocess.CompletedProcess[str]:
    """The command, run in this process (as a user would run it, without the start-up)."""
    import contextlib
    import io

    from tables.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exited:  # argparse's own usage errors
            code = int(exited.code or 0)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def test_one_command_gives_an_85mm_600dpi_tiff_and_eps_in_grayscale(tmp_path: Path) -> None:
    from PIL import Image

    run = tables(
        "figures",
        "--width",
        "85mm",
        "--dpi",
        "600",
        "--formats",
        "tiff,eps",
        "--grayscale",
        "--only",
        "table4_fisheries",
        "--out",
        str(tmp_path),
    )
    assert run.returncode == 0, run.stderr
    with Image.open(tmp_path / "table4_fisheries.tiff") as image:
        assert image.mode == "L"  # one gray channel, no alpha
        assert image.info["compression"] == "tiff_lzw"
        assert image.info["dpi"] == (600, 600)
        assert image.width == int(85 / 25.4 * 600)
    eps = (tmp_path / "table4_fisheries.eps").read_bytes()
    assert eps.startswith(b"%!PS-Adobe-3.0 EPSF-3.0")
    assert b"%%CreationDate" not in eps
    assert b"%%BoundingBox: 0 0 241 " in eps  # 85 mm is 241 points
    # the same settings as the print-single profile: the same bytes as its manifest
    verdicts = dict(
        verify(tmp_path, profile("print-single").manifest, profile("print-single").pixels)
    )
    assert verdicts["table4_fisheries.tiff"] in ("identical", "same pixels")
    assert verdicts["table4_fisheries.eps"] == "identical"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--formats", "gif"], "formats ['gif']: one or more of png, svg, pdf, tiff, eps"),
        (["--width", "3cm"], "width '3cm': figures are drawn from 1.5 to 12 inches wide"),
        (["--width", "wide"], "width 'wide': give single, double, natural, or a length"),
        (["--dpi", "10"], "dpi 10: a whole number from 72 to 2400"),
        (["--font-size", "4"], "font_size 4.0: points, from 5 to 14"),
        (["--profile", "nope"], "no figure profile 'nope'; profiles.toml has default, "),
        (["--profile", "all", "--dpi", "600"], "--profile all draws each profile as it is"),
    ],
)
def test_bad_settings_are_refused_clearly(args: list[str], message: str, tmp_path: Path) -> None:
    run = tables("figures", *args, "--out", str(tmp_path / "out"))
    assert run.returncode == 2
    assert message in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()


def test_a_bad_profiles_file_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tables.figures import profiles as module

    bad = tmp_path / "profiles.toml"
    bad.write_text(
        '[columns]\nsingle = "85mm"\ndouble = "170mm"\n[profile.default]\ndpi = "high"\n'
    )
    monkeypatch.setattr(module, "PROFILES_FILE", bad)
    module.profiles.cache_clear()
    module.columns.cache_clear()
    try:
        with pytest.raises(ProfileError, match=r"profiles.toml: \[profile.default\]: dpi 'high'"):
            module.profiles()
    finally:
        module.profiles.cache_clear()
        module.columns.cache_clear()


def test_a_failed_figure_check_names_each_file_and_says_what_to_do(tmp_path: Path) -> None:
    build(tmp_path, only=["table3_boats"], formats=["svg"])
    (tmp_path / "table3_boats.svg").write_bytes(b"<svg/>")
    run = tables("figures", "--out", str(tmp_path), "--verify")
    assert run.returncode == 1
    assert f"{tmp_path / 'table3_boats.svg'}: differs from the SHA-256 recorded in" in run.stdout
    assert f"{tmp_path / 'table1_payments.png'}: missing" in run.stdout
    advice = run.stderr
    assert (
        advice.index("Open each file")
        < advice.index("make env")
        < advice.index("make figures-manifest")
    ), "recording new hashes is the last step, not the first"
