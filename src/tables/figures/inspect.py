"""What a reader of the printed figure would object to, measured on the drawn figure.

``text_problems`` lays the figure out and, from the extent matplotlib gives
every text, finds text under the smallest size, text cut by the canvas, two
texts that overlap, and text drawn over a data point. ``colour_only`` finds
marks told apart by nothing but their colour, which a grayscale print loses.
Both read the drawn artists, not the figure's code, so they hold for a figure
drawn by anyone's function.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

__all__ = ["Mark", "colour_only", "marks", "text_problems"]

#: Pixels two boxes may share before they count as overlapping (anti-aliasing, rounding).
TOLERANCE = 0.5


def _texts(fig: Figure) -> list[object]:
    from matplotlib.text import Text

    found = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        axes = text.axes
        if axes is not None and not axes.get_visible():
            continue
        found.append(text)
    return found


def _name(text: object) -> str:
    return repr(text.get_text().replace("\n", " ")[:40])  # type: ignore[attr-defined]


def _drawn_texts(fig: Figure, renderer: object) -> list[tuple[object, Bbox]]:
    """Every text matplotlib will draw, with its extent in pixels."""
    from matplotlib.text import Text

    hidden: set[int] = set()
    for axes in fig.axes:
        for axis in (axes.xaxis, axes.yaxis):
            # ticks outside the view are kept but not drawn: leave their labels out
            drawn = axis._update_ticks()  # matplotlib's own list of the ticks it draws
            shown = {id(t.label1) for t in drawn} | {id(t.label2) for t in drawn}
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                hidden |= {id(label) for label in (tick.label1, tick.label2)} - shown
    texts = []
    for text in _texts(fig):
        if id(text) in hidden:
            continue
        # an annotation's own extent includes its arrow: the text's alone is Text's
        texts.append((text, Text.get_window_extent(text, renderer)))
    return texts


def text_problems(fig: Figure, min_size: float, dpi: float = 300) -> list[str]:
    """Text under ``min_size`` points, cut by the canvas, overlapping other text, or drawn
    over a data point, at ``dpi`` (hinting makes text up to 6 % wider at some resolutions
    than at others); one line each, naming the texts."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig.set_dpi(dpi)
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw_without_rendering()
    canvas = fig.bbox
    problems = []
    texts = _drawn_texts(fig, renderer)
    for text, box in texts:
        size = text.get_fontsize()  # type: ignore[attr-defined]
        if size < min_size - 1e-9:
            problems.append(f"{_name(text)}: {size:g} pt, under the {min_size:g} pt minimum")
        if (
            box.x0 < canvas.x0 - TOLERANCE
            or box.y0 < canvas.y0 - TOLERANCE
            or box.x1 > canvas.x1 + TOLERANCE
            or box.y1 > canvas.y1 + TOLERANCE
        ):
            problems.append(f"{_name(text)}: cut by the edge of the figure")
    for i, (first, a) in enumerate(texts):
        for second, b in texts[i + 1 :]:
            width = min(a.x1, b.x1) - max(a.x0, b.x0)
            height = min(a.y1, b.y1) - max(a.y0, b.y0)
            if width > TOLERANCE and height > TOLERANCE:
                problems.append(f"{_name(first)} overlaps {_name(second)}")
    points = []
    for axes in fig.axes:  # data points, not the legend's samples
        for line in axes.lines:
            if not line.get_visible() or line.get_marker() in (None, "None", "", " "):
                continue
            xy = line.get_transform().transform(line.get_xydata())
            radius = line.get_markersize() / 72 * fig.dpi / 2
            points += [(x, y, radius) for x, y in xy if np.isfinite(x) and np.isfinite(y)]
    for text, box in texts:
        for x, y, radius in points:
            if (
                box.x0 - radius + TOLERANCE < x < box.x1 + radius - TOLERANCE
                and box.y0 - radius + TOLERANCE < y < box.y1 + radius - TOLERANCE
            ):
                problems.append(f"{_name(text)} is drawn over a data point")
                break
    return problems


@dataclass(frozen=True)
class Mark:
    """A data mark of one axes: its colour, and everything else that tells it apart."""

    axes: int
    colour: tuple[float, float, float]
    other: tuple[object, ...]


def _rgb(colour: object) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return tuple(round(c, 3) for c in to_rgb(colour))  # type: ignore[return-value,arg-type]


def marks(fig: Figure) -> list[Mark]:
    """The data marks of every axes (lines, bars and areas, point collections) and of its
    legend, each as its colour and its other visible attributes."""
    found = []
    for index, axes in enumerate(fig.axes):
        legend = axes.get_legend()
        groups = [(index, axes.lines + axes.patches + axes.collections)]
        if legend is not None:
            groups.append((-index - 1, list(legend.legend_handles)))
        for group, artists in groups:
            found += [Mark(group, colour, other) for colour, other in map(_mark, artists) if other]
    return found


def _mark(artist: object) -> tuple[tuple[float, float, float], tuple[object, ...]]:
    """An artist's colour and its other visible attributes (empty: nothing visible)."""
    import numpy as np
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle

    nothing: tuple[tuple[float, float, float], tuple[object, ...]] = ((0.0, 0.0, 0.0), ())
    if artist is None or not artist.get_visible():  # type: ignore[attr-defined]
        return nothing
    if isinstance(artist, Line2D):
        marker = artist.get_marker()
        marker = None if marker in (None, "None", "", " ") else marker
        drawn = artist.get_linestyle() not in ("None", "", " ") and artist.get_linewidth() > 0
        if not drawn and marker is None:
            return nothing
        colour = artist.get_color() if drawn else artist.get_markeredgecolor()
        other: tuple[object, ...] = (
            "line",
            marker,
            round(artist.get_markersize(), 1) if marker else None,
            artist.get_linestyle() if drawn else None,
            round(artist.get_linewidth(), 2) if drawn else None,
        )
        if marker and _rgb(artist.get_markerfacecolor()) == (1.0, 1.0, 1.0):
            other = (*other, "open")
        return _rgb(colour), other
    if isinstance(artist, Patch):
        face = artist.get_facecolor()
        empty = (
            isinstance(artist, Rectangle)
            and artist.axes is not None
            and (artist.get_width() == 0 or artist.get_height() == 0)
        )
        if face[3] == 0 or empty:
            return nothing
        kind = "bar" if isinstance(artist, Rectangle) else "area"
        return _rgb(face), (kind, artist.get_hatch() or "")
    if isinstance(artist, Collection):
        faces = np.asarray(artist.get_facecolor())
        if len(faces) == 0:
            return nothing
        return _rgb(faces[0]), ("points", artist.get_hatch() or "")
    return nothing


def colour_only(fig: Figure) -> list[str]:
    """Pairs of marks in one axes that differ in colour and in nothing else."""
    by_axes: dict[int, dict[tuple[object, ...], set[tuple[float, float, float]]]] = defaultdict(
        lambda: defaultdict(set)
    )
    for mark in marks(fig):
        by_axes[mark.axes][mark.other].add(mark.colour)
    problems = []
    for index, groups in sorted(by_axes.items()):
        axes = fig.axes[index if index >= 0 else -index - 1]
        title = (axes.get_title() or "axes").replace("\n", " ")
        title = f"{title} (legend)" if index < 0 else title
        for other, colours in groups.items():
            if len(colours) > 1:
                shown = ", ".join(
                    "#" + "".join(f"{round(c * 255):02x}" for c in colour)
                    for colour in sorted(colours)
                )
                problems.append(
                    f"{title}: {other[0]}s told apart only by colour ({shown}; "
                    f"otherwise {other[1:]})"
                )
    return problems
