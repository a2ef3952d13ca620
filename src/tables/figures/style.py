"""One look for every figure, and a save whose bytes depend only on the inputs.

Sizes follow journal columns (single 3.5 in, double 7 in). The palette is
Okabe and Ito's, safe for the common colour-vision deficiencies. Fonts are
matplotlib's bundled DejaVu Sans, so no machine font changes a figure.

Why the layout is fixed before the first save: a figure's layout engine runs
again at every save, starting from where the last save left it, so the second
format's coordinates (and the SVG ids hashed from them) depended on which
format went first. Why SVG ids are renumbered: matplotlib names clip paths and
markers by hashing their floating-point coordinates, so a difference in the
last bit of one float (another CPU, another maths kernel) renamed every
reference. Saving also strips every date and software stamp and goes through
the project's atomic writer.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING

from cycler import cycler

from tables.io import atomic_write

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "CAUTION",
    "DOUBLE",
    "FORMATS",
    "HIGHLIGHT",
    "MISSING",
    "OK",
    "PALETTE",
    "SINGLE",
    "figure",
    "render",
    "save",
    "source_line",
    "stable_svg_ids",
    "styled",
    "thousands",
]

#: Okabe & Ito (2008): blue, orange, green, vermillion, purple, sky blue, yellow.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
HIGHLIGHT = "#D55E00"  # an inconsistency
OK = "#009E73"  # a consistent check
CAUTION = "#E69F00"  # a check that cannot fail: agrees, but proves nothing
MISSING = "#999999"  # printed as missing or unreadable
SINGLE, DOUBLE = 3.5, 7.0  # inches
FORMATS = ("png", "svg", "pdf")
DPI = 300

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 7.5,
    "axes.titlesize": 8.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 7.5,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=PALETTE),
    "axes.axisbelow": True,
    "axes.grid": False,
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "svg.hashsalt": "russo-japanese-tables",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "path.simplify": False,
    # PDF streams uncompressed: deflate's output differs between zlib builds (the
    # system's, not the lock's), and a figure's PDF is still only 20-110 kB.
    "pdf.compression": 0,
}

#: Metadata that would otherwise carry a date or a version into the file.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


@contextmanager
def _style() -> Iterator[None]:
    """matplotlib's own defaults, then the house style: no user's matplotlibrc leaks in."""
    import matplotlib.style

    with matplotlib.style.context(["default", RC]):
        yield


def styled(draw: Callable[[], Figure]) -> Callable[[], Figure]:
    """Draw a figure wholly inside the house style (titles, ticks, legends read it when made)."""

    @wraps(draw)
    def wrapper() -> Figure:
        with _style():
            return draw()

    return wrapper


def figure(
    width: float, height: float, *, source: str, nrows: int = 1, ncols: int = 1, **subplots: object
) -> tuple[Figure, Axes | list[Axes]]:
    """A new figure in the house style, with room at the bottom for its source line."""
    from matplotlib.figure import Figure

    with _style():
        fig = Figure(figsize=(width, height), layout="constrained")
        fig.get_layout_engine().set(rect=(0, 0.045 * 3.0 / height, 1, 1 - 0.045 * 3.0 / height))
        axes = fig.subplots(nrows, ncols, **subplots)
        source_line(fig, source)
    return fig, list(axes.flat) if hasattr(axes, "flat") else axes


def source_line(fig: Figure, text: str) -> None:
    """The small grey line naming where the numbers come from."""
    fig.text(0.005, 0.005, text, ha="left", va="bottom", fontsize=6, color="#555555")


def thousands(ax: Axes, axis: str = "y", scale: float = 1.0) -> None:
    """Tick labels with thousands separators (optionally after dividing by ``scale``)."""
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda v, _pos: f"{v / scale:,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


def render(draw: Callable[[], Figure], formats: Iterable[str]) -> dict[str, bytes]:
    """Each format of one figure, from one fresh drawing whose layout is fixed first.

    matplotlib lays a figure out again at every save, starting from where the
    last save left it; so the layout is computed once, before any save, at the
    paper resolution, and then frozen. Every format then shows the same
    positions, whatever was drawn before and whichever formats are asked for,
    in any order (the tests vary both). SVG ids are made stable.
    """
    fig = draw()
    with _style():
        fig.set_dpi(DPI)
        fig.draw_without_rendering()  # the constrained layout, once
        fig.set_layout_engine("none")
        rendered = {}
        for fmt in formats:
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=DPI, metadata=_METADATA[fmt])
            data = buffer.getvalue()
            rendered[fmt] = stable_svg_ids(data) if fmt == "svg" else data
    return rendered


def save(draw: Callable[[], Figure], stem: Path, formats: Iterable[str] = FORMATS) -> list[Path]:
    """Write ``stem.png`` / ``.svg`` / ``.pdf`` atomically, from one drawing of the figure."""
    rendered = render(draw, formats)
    return [atomic_write(stem.with_suffix(f".{fmt}"), data) for fmt, data in rendered.items()]


#: An SVG id matplotlib derives from a hash of its content (floats included):
#: clip paths ``p3f2a...``, markers ``m1b0c...``, hatches ``h...``, images
#: ``image...`` and path-collection members ``C0_1_9ab...``: ten hex digits.
_HASHED_ID = re.compile(rb"(?<=[#\"])([A-Za-z]*(?:\d+_\d+_)?)([0-9a-f]{10})(?=[\")])")


def stable_svg_ids(svg: bytes) -> bytes:
    """Rename every hashed id to its prefix and its rank of first appearance (``p1``, ``m2``).

    The document's structure fixes the order, so two drawings that differ only
    in the last digits of a float get the same ids.
    """
    names: dict[bytes, bytes] = {}

    def renamed(match: re.Match[bytes]) -> bytes:
        whole = match.group(0)
        if whole not in names:
            names[whole] = match.group(1) + b"%d" % (len(names) + 1)
        return names[whole]

    return _HASHED_ID.sub(renamed, svg)
