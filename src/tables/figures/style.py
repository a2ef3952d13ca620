"""One look for every figure, at any width and type size, and a save whose bytes depend only
on the inputs.

A figure function is drawn inside a *layout* (``Layout``): the width it is drawn
at (each figure's own column by default), the smallest type size, and whether
colours become grays. ``figure()`` reads the layout, so one function draws
every width: side-by-side panels are stacked in a column narrower than
``STACK_BELOW``, and the source line wraps to the width. The palette is Okabe
and Ito's, safe for the common colour-vision deficiencies; every distinction a
colour makes is made again by a marker, a hatch or a line style (``ENCODING``),
so it survives grayscale printing. Fonts are matplotlib's bundled DejaVu Sans,
so no machine font changes a figure.

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
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, wraps
from itertools import pairwise
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
    "ENCODING",
    "FORMATS",
    "HIGHLIGHT",
    "MISSING",
    "OK",
    "PALETTE",
    "SINGLE",
    "Layout",
    "category_ticks",
    "figure",
    "fit_titles",
    "layout",
    "render",
    "room",
    "save",
    "source_line",
    "stable_svg_ids",
    "styled",
    "text_width",
    "thousands",
    "tint",
    "to_grayscale",
    "wrap",
]

#: Okabe & Ito (2008): blue, orange, green, vermillion, purple, sky blue, yellow.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
HIGHLIGHT = "#D55E00"  # an inconsistency
OK = "#009E73"  # a consistent check
CAUTION = "#E69F00"  # a check that cannot fail: agrees, but proves nothing
MISSING = "#999999"  # printed as missing or unreadable
#: The column a figure is designed for; its width comes from the profiles file.
SINGLE, DOUBLE = "single", "double"
#: The default profile's formats.
FORMATS = ("png", "svg", "pdf")
DPI = 300
#: Side-by-side panels are stacked in a figure narrower than this (inches).
STACK_BELOW = 5.0
#: Share of a width that wrapped text fills: glyph hinting makes raster text up to 6 %
#: wider than the font's own measure at some resolutions.
FIT = 0.93
#: Hatches (and markers, and line styles) that stand in for colours in grayscale, in order.
HATCHES = ("", "////", "....", "xxxx", "\\\\\\\\")
MARKERS = ("o", "s", "^", "D", "v")

#: How each verdict is drawn: the colour, and the marker, hatch and line style that say
#: the same without colour.
ENCODING = {
    "consistent": {"color": OK, "marker": "o", "hatch": "", "linestyle": "-"},
    "inconsistent": {"color": HIGHLIGHT, "marker": "X", "hatch": "xxxx", "linestyle": "--"},
    "cannot fail": {"color": CAUTION, "marker": "^", "hatch": "....", "linestyle": ":"},
    "not checkable": {"color": MISSING, "marker": "s", "hatch": "////", "linestyle": "-."},
}


@dataclass(frozen=True)
class Layout:
    """What a figure is drawn for: ``width`` in inches (None: the figure's own column),
    the smallest ``font_size`` in points, and ``grayscale``."""

    width: float | None = None
    font_size: float = 7.0
    grayscale: bool = False

    def figure_width(self, column: str) -> float:
        from tables.figures.profiles import inches

        return self.width if self.width is not None else inches(column)


_DEFAULT = Layout()
_LAYOUT: ContextVar[Layout | None] = ContextVar("layout", default=None)


def layout() -> Layout:
    """The layout the figure being drawn is drawn for."""
    return _LAYOUT.get() or _DEFAULT


def _rc(font: float) -> dict[str, object]:
    return {
        "font.family": "DejaVu Sans",
        "font.size": font,
        "axes.titlesize": font + 1.5,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": font + 0.5,
        "xtick.labelsize": font,
        "ytick.labelsize": font,
        "legend.fontsize": font,
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": cycler(color=PALETTE),
        "axes.axisbelow": True,
        "axes.grid": False,
        "hatch.linewidth": 0.6,
        "figure.dpi": 100,
        "savefig.dpi": DPI,
        "svg.hashsalt": "russo-japanese-tables",
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
        "ps.fonttype": 3,  # Type 42 costs 3 s a figure (fontTools); Type 3 is outlines too
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
    "eps": {"Creator": "russo-japanese-tables"},
}


@contextmanager
def _style(font: float | None = None) -> Iterator[None]:
    """matplotlib's own defaults, then the house style: no user's matplotlibrc leaks in."""
    import matplotlib.style

    with matplotlib.style.context(["default", _rc(font or layout().font_size)]):
        yield


def styled(draw: Callable[..., Figure]) -> Callable[..., Figure]:
    """Draw a figure wholly inside the house style, for a width, a type size and grayscale.

    ``width`` is inches, a column name ("single", "double") or a length ("85mm");
    None draws the figure at the column it was designed for.
    """

    @wraps(draw)
    def wrapper(
        *args: object,
        width: float | str | None = None,
        font_size: float = 7.0,
        grayscale: bool = False,
        **kwargs: object,
    ) -> Figure:
        from tables.figures.profiles import inches

        if isinstance(width, str):
            width = None if width == "natural" else inches(width)
        token = _LAYOUT.set(Layout(width, font_size, grayscale))
        try:
            with _style():
                fig = draw(*args, **kwargs)
                fit_titles(fig)
        finally:
            _LAYOUT.reset(token)
        if grayscale:
            to_grayscale(fig)
        return fig

    return wrapper


def figure(
    column: str,
    height: float,
    *,
    source: str,
    nrows: int = 1,
    ncols: int = 1,
    stacked_height: float | None = None,
    **subplots: object,
) -> tuple[Figure, Axes | list[Axes]]:
    """A new figure in the house style at the layout's width, with its source line.

    ``column`` is the column the figure is designed for (drawn there unless the layout
    gives a width); ``height`` is inches per row of panels. Panels side by side are
    stacked when the figure is narrower than ``STACK_BELOW`` inches, each then
    ``stacked_height`` inches high (default ``height``).
    """
    from matplotlib.figure import Figure

    current = layout()
    width = current.figure_width(column)
    if ncols > 1 and nrows == 1 and width < STACK_BELOW:
        nrows, ncols = ncols, 1
        height = stacked_height or height
        ratios = subplots.pop("width_ratios", None)
        if ratios is not None:
            subplots["height_ratios"] = ratios
    lines = wrap(source, width * 72 * FIT - 6, current.font_size)
    room = (len(lines.splitlines()) * 1.25 * current.font_size + 6) / 72  # inches
    total = height * nrows + room
    with _style():
        fig = Figure(figsize=(width, total), layout="constrained")
        fig.tables_font_size = current.font_size  # type: ignore[attr-defined]  # render's style
        fig.tables_column = column  # type: ignore[attr-defined]  # the column it is designed for
        fig.get_layout_engine().set(rect=(0, room / total, 1, 1 - room / total))
        axes = fig.subplots(nrows, ncols, **subplots)
        source_line(fig, lines)
    return fig, list(axes.flat) if hasattr(axes, "flat") else axes


def _left_margin(ax: Axes) -> float:
    """Points the axes' y tick labels and y label take to the left of it."""
    font = layout().font_size
    ticks = [t.get_text() for t in ax.get_yticklabels()] if ax.yaxis.get_visible() else []
    width = max((text_width(t, font) for t in ticks if t), default=0.0) + 20
    if ax.get_ylabel():
        width += (font + 0.5) * 1.3 + 4
    return width


def _share(ax: Axes) -> float:
    """The part of the figure's width the axes' columns of the grid take."""
    spec = ax.get_subplotspec()
    if spec is None:
        return 1.0
    grid = spec.get_gridspec()
    ratios = grid.get_width_ratios() or [1] * grid.ncols
    return sum(ratios[spec.colspan.start : spec.colspan.stop]) / sum(ratios)


def room(ax: Axes) -> float:
    """About how many points wide the axes will be drawn (its share of the figure, less
    its y labels), before the layout has run."""
    return _share(ax) * ax.figure.get_figwidth() * 72 * FIT - _left_margin(ax)


def fit_titles(fig: Figure) -> None:
    """Each panel's title and x label wrapped to the panel's width."""
    for ax in fig.axes:
        label = ax.get_xlabel().replace("\n", " ")
        if label:
            ax.set_xlabel(wrap(label, room(ax), layout().font_size + 0.5))
        for loc in ("left", "center", "right"):
            text = ax.get_title(loc=loc).replace("\n", " ")
            if text:
                wrapped = wrap(text, room(ax), layout().font_size + 1.5, weight="bold")
                ax.set_title(wrapped, loc=loc)


def category_ticks(ax: Axes, positions: list[float], labels: list[str]) -> None:
    """Category labels under the x axis: flat when neighbours fit side by side in their
    slots, else on one line each, turned upright."""
    font = layout().font_size
    slot = room(ax) / max(len(labels), 1)
    widths = [text_width(label, font) for label in labels]
    if all((a + b) / 2 + font <= slot for a, b in pairwise(widths)):
        ax.set_xticks(positions, labels)
    else:
        flat = [label.replace("\n", " ") for label in labels]
        ax.set_xticks(positions, flat, rotation=90)


def source_line(fig: Figure, text: str) -> None:
    """The grey line (wrapped to the figure's width) naming where the numbers come from."""
    fig.text(0.005, 0.005, text, ha="left", va="bottom", color="#555555", linespacing=1.15)


@cache
def _measure() -> object:
    from matplotlib.textpath import TextToPath

    return TextToPath()


@cache
def text_width(text: str, size: float, weight: str = "normal") -> float:
    """The width in points of ``text`` (its longest line) in the house font at ``size``.

    Measured from the font's glyphs, without drawing, so a layout can be chosen before
    the figure exists."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family="DejaVu Sans", size=size, weight=weight)
    measure = _measure()
    return max(
        measure.get_text_width_height_descent(line, prop, ismath=False)[0]  # type: ignore[attr-defined]
        for line in text.split("\n")
    )


def wrap(text: str, width: float, size: float, weight: str = "normal") -> str:
    """``text`` broken between words into lines at most ``width`` points wide."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, size, weight) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


def tint(colour: str, alpha: float) -> str:
    """``colour`` at opacity ``alpha`` over white, as an opaque colour (EPS has no alpha)."""
    from matplotlib.colors import to_hex, to_rgb

    return to_hex([1 - alpha + alpha * c for c in to_rgb(colour)])


def thousands(ax: Axes, axis: str = "y", scale: float = 1.0) -> None:
    """Tick labels with thousands separators (optionally after dividing by ``scale``)."""
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda v, _pos: f"{v / scale:,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


def gray(colour: object) -> tuple[float, float, float, float]:
    """A colour's luma (ITU-R BT.601, as most grayscale conversions) as a gray, alpha kept."""
    from matplotlib.colors import to_rgba

    r, g, b, a = to_rgba(colour)  # type: ignore[arg-type]
    y = 0.299 * r + 0.587 * g + 0.114 * b
    return (y, y, y, a)


def to_grayscale(fig: Figure) -> Figure:
    """Every colour of every artist replaced by its gray, so vector files are gray too."""
    import numpy as np
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    def grays(colours: object) -> object:
        array = np.asarray(colours, dtype=float)
        if array.ndim != 2 or array.shape[1] != 4:
            return colours
        return [gray(c) for c in array]

    for artist in fig.findobj():
        if isinstance(artist, Line2D):
            for role in ("color", "markerfacecolor", "markeredgecolor"):
                value = getattr(artist, f"get_{role}")()
                if isinstance(value, str) and value in ("none", "None", "auto"):
                    continue
                getattr(artist, f"set_{role}")(gray(value))
        elif isinstance(artist, Patch):
            artist.set_facecolor(gray(artist.get_facecolor()))
            artist.set_edgecolor(gray(artist.get_edgecolor()))
            if artist.get_hatch():
                artist.set_hatchcolor(gray(artist.get_hatchcolor()))
        elif isinstance(artist, Collection):
            artist.set_facecolor(grays(artist.get_facecolor()))
            artist.set_edgecolor(grays(artist.get_edgecolor()))
        elif isinstance(artist, Text):
            artist.set_color(gray(artist.get_color()))
    return fig


def render(
    draw: Callable[[], Figure],
    formats: Iterable[str],
    dpi: int = DPI,
    grayscale: bool = False,
) -> dict[str, bytes]:
    """Each format of one figure, from one fresh drawing whose layout is fixed first.

    matplotlib lays a figure out again at every save, starting from where the
    last save left it; so the layout is computed once, before any save, at the
    paper resolution, and then frozen. Every format then shows the same
    positions, whatever was drawn before and whichever formats are asked for,
    in any order (the tests vary both). SVG ids are made stable. TIFF is the
    image flattened on white (no alpha channel), LZW-compressed; with
    ``grayscale`` the raster files have one gray channel.
    """
    fig = draw()
    with _style(getattr(fig, "tables_font_size", None)):
        fig.set_dpi(dpi)
        fig.draw_without_rendering()  # the constrained layout, once
        fig.set_layout_engine("none")
        rendered = {}
        for fmt in formats:
            if fmt == "tiff":
                rendered[fmt] = _tiff(fig, dpi, grayscale)
                continue
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
            data = buffer.getvalue()
            if fmt == "svg":
                data = stable_svg_ids(data)
            elif fmt == "eps":  # matplotlib stamps the time unless SOURCE_DATE_EPOCH is set
                data = re.sub(rb"^%%CreationDate: [^\n]*\n", b"", data, count=1, flags=re.M)
            elif fmt == "png" and grayscale:
                data = _gray_png(data, dpi)
            rendered[fmt] = data
    return rendered


def _tiff(fig: Figure, dpi: int, grayscale: bool) -> bytes:
    """The figure as a flattened (no alpha) RGB or gray TIFF, LZW-compressed, no software tag."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgba = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
    white = Image.new("RGBA", rgba.size, "white")
    flat = Image.alpha_composite(white, rgba).convert("L" if grayscale else "RGB")
    buffer = io.BytesIO()
    flat.save(buffer, format="TIFF", compression="tiff_lzw", dpi=(dpi, dpi))
    return buffer.getvalue()


def _gray_png(data: bytes, dpi: int) -> bytes:
    """A grayscale figure's PNG with one gray channel (its pixels are gray already)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        rgba = image.convert("RGBA")
    flat = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("L")
    buffer = io.BytesIO()
    flat.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def save(
    draw: Callable[[], Figure],
    stem: Path,
    formats: Iterable[str] = FORMATS,
    dpi: int = DPI,
    grayscale: bool = False,
) -> list[Path]:
    """Write ``stem.<format>`` for each format atomically, from one drawing of the figure."""
    rendered = render(draw, formats, dpi, grayscale)
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
