"""The negotiations of 1898-1903 as a timeline, with Ito's journey of 1901-1902 drawn out."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tables.figures._data import metadata, resource
from tables.figures.style import (
    DOUBLE,
    FIT,
    MARKERS,
    PALETTE,
    figure,
    fit_titles,
    layout,
    styled,
    text_width,
    tint,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Events of Ito's journey labelled in the lower panel: id -> label; {date} is filled from
#: the data.
ITO = {
    "nish-1901-09-18-ito-leaves-yokohama": "leaves Yokohama\n{date}",
    "nish-1901-11-04-ito-reaches-paris": "Paris\n{date}",
    "nish-1901-11-13-ito-delcasse": "Delcassé\n{date}",
    "nish-1901-11-26-ito-reaches-st-petersburg": "St Petersburg\n{date}",
    "nish-1901-11-28-ito-audience-tsar": "audience with the Tsar\n{date}",
    "nish-1901-12-02-ito-lamsdorf": "Lamsdorf, Witte, Lamsdorf\n{date} and the next two days",
    "nish-1901-12-ito-leaves-st-petersburg": "leaves St Petersburg, some day\n{date} (not printed)",
    "nish-1901-12-17-russian-reply-reaches-ito": "Russian reply, Berlin\n{date}",
    "nish-1901-12-23-ito-writes-lamsdorf": "writes from Brussels\n{date}",
    "nish-1902-01-30-anglo-japanese-alliance": "Anglo-Japanese alliance\n{date}",
    "nish-1902-02-ito-back-in-tokyo": "back in Tokyo\n{date}",
}
#: Events labelled in the upper panel: id -> label.
KEY = {
    "nish-1898-03-liaotung-lease": "Liaotung lease",
    "nish-1900-07-22-komura-analysis": "Komura's overture",
    "nish-1901-01-07-neutralization-proposal": "neutralization proposal",
    "nish-1902-01-30-anglo-japanese-alliance": "Anglo-Japanese alliance",
    "nish-1902-08-04-kurino-private-proposal": "Kurino's proposal",
    "nish-1903-02-07-conference": "St Petersburg conference",
    "nish-1903-06-23-imperial-conference": "imperial conference",
    "nish-1903-08-12-demands-conveyed": "demands sent",
}


def _lanes_of() -> list[dict[str, object]]:
    """The chronology's lanes, as its resource declares them: a name and the actors whose
    events it holds; the lane with no actors holds the rest."""
    return list(metadata("chronology")["lanes"])


def _lane(actors: object) -> int:
    """The lane of an event, by its first actor."""
    first = str(actors).split(";")[0].strip() if isinstance(actors, str) else ""
    lanes = _lanes_of()
    for index, lane in enumerate(lanes):
        if first in lane["actors"]:  # type: ignore[operator]
            return index
    return next(i for i, lane in enumerate(lanes) if not lane["actors"])


def _bounds(text: str) -> tuple[dt.date, dt.date]:
    from tables.dates import parse_edtf_bounds

    return parse_edtf_bounds(text)


#: Points the overview's panel, and each level of the journey's labels, leave around text.
GAP = 3.0
OVERVIEW_HEIGHT = 2.3  # inches
#: Room left and right of the first and last event, so no marker is cut by the axis.
MARGIN = dt.timedelta(days=45)
JOURNEY = (dt.date(1901, 9, 5), dt.date(1902, 3, 20))
ITO_SPAN = (dt.date(1901, 9, 18), dt.date(1902, 2, 28))
LANE_LIMITS = (2.8, -0.8)  # lane 0 at the top
#: A date printed only to the month, season or year: a bar in one grey for every lane.
BAR = "#c4c4c4"


@styled
def negotiations_timeline() -> Figure:
    """Every dated event in Nish's article by lane; below, Ito's journey day by day.

    Labels are placed for the width the figure is drawn at: each goes to the first
    place (above or below its event, then further out) where it covers no other
    label and no event, measured from the font before anything is drawn."""
    from matplotlib.dates import DateFormatter, MonthLocator, YearLocator

    data = resource("chronology")
    # a source's date the author rejects is not an event (dated_by "rejected")
    nish = data[(data["article"] == "nish") & (data["dated_by"] != "rejected")]
    dated = [(row, *_bounds(str(row.date))) for row in nish.itertuples(index=False)]
    # a span of years ("1898/1903") is context, not an event
    events = [(row, low, high) for row, low, high in dated if (high - low).days <= 400]
    journey_rows = [e for e in events if e[0].id in ITO]
    width = layout().figure_width(DOUBLE)
    font = layout().font_size
    levels = _journey_levels(journey_rows, width * 72 * FIT - 24, font)
    line = 1.2 * font * max(ITO[r.id].count("\n") + 1 for r, _, _ in journey_rows) + GAP
    journey_height = ((max(levels.values()) + 1) * line + 3 * GAP) / 0.9 / 72 + 0.75
    fig, (overview, journey) = figure(
        DOUBLE,
        (OVERVIEW_HEIGHT + journey_height) / 2,
        nrows=2,
        height_ratios=(OVERVIEW_HEIGHT, journey_height),
        source="Source: Nish, \u201cKorea, Focus of Russo-Japanese Diplomacy (1898-1903)\u201d, "
        "text and notes; dates New Style. Markers: dated days (Japan circle, Russia square, "
        "others triangle); grey bars: dates printed only to the month, season or year.",
    )
    _lanes(overview)
    overview.axvspan(*ITO_SPAN, color=tint("#dddddd", 0.6), linewidth=0)
    for row, low, high in events:
        lane = _lane(row.actors)
        _event(overview, low, high, lane, PALETTE[lane], MARKERS[lane], size=3)
    overview.set_xlim(
        min(low for _, low, _ in events) - MARGIN, max(high for _, _, high in events) + MARGIN
    )
    overview.xaxis.set_major_locator(YearLocator())
    overview.xaxis.set_major_formatter(DateFormatter("%Y"))
    overview.set_title("Russo-Japanese negotiations over Korea, 1898-1903")

    _journey(journey, journey_rows, levels, line, width * 72 * FIT - 24)
    journey.xaxis.set_major_locator(MonthLocator())
    journey.xaxis.set_major_formatter(
        DateFormatter(
            "%b %Y" if width * 72 * FIT - 24 > 7 * text_width("Sep 1901 ", font) else "%b"
        )
    )
    journey.set_title("Ito's journey, September 1901 - February 1902")
    fit_titles(fig)  # before the overview's labels are placed on the final layout
    _label_overview(overview, events, font)
    return fig


def _event(
    ax: Axes, low: dt.date, high: dt.date, lane: int, colour: str, marker: str, size: float
) -> None:
    """A dated day as the lane's marker; a month, season or year as a grey bar (its ends
    are not days, so they carry no marker)."""
    if low == high:
        ax.plot(low, lane, marker=marker, markersize=size, color=colour, linestyle="none", zorder=3)
    else:  # behind the markers
        ax.plot([low, high], [lane, lane], color=BAR, linewidth=size * 0.8, solid_capstyle="butt")


def _lanes(ax: Axes) -> None:
    names = [str(lane["name"]) for lane in _lanes_of()]
    ax.set_yticks(range(len(names)), names)
    ax.set_ylim(*LANE_LIMITS)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6)


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points from the axes' corner


def _free(box: Box, taken: list[Box]) -> bool:
    return all(
        box[2] + GAP / 2 <= t[0] or t[2] + GAP / 2 <= box[0] or box[3] <= t[1] or t[3] <= box[1]
        for t in taken
    )


def _label_overview(ax: Axes, events: list[tuple], font: float) -> None:
    """The key events' labels, each above or below its own event where it covers nothing.

    Measured on the laid-out panel (labels are kept out of the layout, so placing them
    moves nothing)."""
    from matplotlib.dates import date2num

    fig = ax.figure
    fig.draw_without_rendering()
    frame = ax.get_window_extent()
    scale = 72 / fig.dpi

    def at(day: dt.date, lane: float) -> tuple[float, float]:
        x, y = ax.transData.transform((date2num(day), lane))
        return (x - frame.x0) * scale, (y - frame.y0) * scale

    width, height = frame.width * scale, frame.height * scale
    taken: list[Box] = []
    for row, low, high in events:  # every event is an obstacle
        (x0, y), (x1, _) = at(low, _lane(row.actors)), at(high, _lane(row.actors))
        taken.append((x0 - 2, y - 2, x1 + 2, y + 2))
    tall = 1.2 * font
    # the band's own label first, at the foot of the band; then each key event's
    labels = [("Ito's journey", ITO_SPAN[0] + (ITO_SPAN[1] - ITO_SPAN[0]) / 2, 2.6)]
    labels += [(KEY[row.id], low, _lane(row.actors)) for row, low, _ in events if row.id in KEY]
    for text, day, lane in labels:
        x, y = at(day, lane)
        wide = text_width(text, font)
        ha = "center"
        if x - wide / 2 < 0:
            ha = "left"
        elif x + wide / 2 > width:
            ha = "right"
        left = {"center": x - wide / 2, "left": x, "right": x - wide}[ha]
        places = [
            (left, y + dy, left + wide, y + dy + tall)
            for level in range(4)
            for dy in (3 + level * (tall + 3), -(3 + level * (tall + 3)) - tall)
        ]
        inside = [b for b in places if b[1] >= 0 and b[3] <= height] or places
        box = next((b for b in inside if _free(b, taken)), inside[0])
        taken.append(box)
        below = box[3] <= y
        label = ax.annotate(
            text,
            (day, lane),
            xytext=(0, box[1] - y),
            textcoords="offset points",
            ha=ha,
            va="bottom",
            color="#333333",
            # a leader from the label's edge nearest the event to the event
            arrowprops=None
            if text == "Ito's journey"
            else {
                "arrowstyle": "-",
                "color": "#999999",
                "linewidth": 0.4,
                "shrinkA": 0,
                "shrinkB": 1.5,
                "relpos": ((x - box[0]) / (box[2] - box[0]), 1.0 if below else 0.0),
            },
        )
        label.set_in_layout(False)


def _journey_text(row: object, low: dt.date, high: dt.date) -> str:
    return ITO[row.id].format(date=_day(low, high))  # type: ignore[attr-defined]


def _journey_levels(rows: list[tuple], width: float, font: float) -> dict[str, int]:
    """The lowest level at which each label of Ito's journey neither touches another
    label nor is crossed by another label's leader (nor its own leader crosses one);
    where no level avoids every crossing, the one with fewest.

    A label starts at its event and runs right; one that would pass the panel's end ends
    at its event instead. Widths are in points across ``width``, the panel's width."""
    span = (JOURNEY[1] - JOURNEY[0]).days
    placed: list[tuple[float, float, float, int]] = []  # x of the event, extent, level

    def clashes(x: float, extent: tuple[float, float], level: int) -> int:
        count = 0
        for other_x, a, b, other in placed:
            if other == level and not (extent[0] > b + GAP or extent[1] + GAP < a):
                count += 10  # the two labels touch: never, where anything else is possible
            elif other < level and a - GAP <= x <= b + GAP:
                count += 1  # this leader would cross that label
            elif other > level and extent[0] - GAP <= other_x <= extent[1] + GAP:
                count += 1  # that leader would cross this label
        return count

    levels = {}
    for row, low, high in sorted(rows, key=lambda r: r[1]):
        x = (low - JOURNEY[0]).days / span * width
        wide = text_width(_journey_text(row, low, high), font) + 2
        extent = (x, x + wide) if x + wide <= width else (x - wide, x)
        # the lowest level with nothing crossed; else the one crossing least
        level = min(range(len(rows) + 1), key=lambda i: (clashes(x, extent, i), i))
        placed.append((x, *extent, level))
        levels[row.id] = level
    return levels


def _journey(
    ax: Axes, rows: list[tuple], levels: dict[str, int], line: float, width: float
) -> None:
    span = (JOURNEY[1] - JOURNEY[0]).days
    for row, low, high in rows:
        lane = _lane(row.actors)
        _event(ax, low, high, 0, PALETTE[lane], MARKERS[lane], size=3.5)
        text = _journey_text(row, low, high)
        x = (low - JOURNEY[0]).days / span * width
        right = x + text_width(text, layout().font_size) + 2 > width
        label = ax.annotate(
            text,
            (low, 0),
            xytext=(-1.5 if right else 1.5, 2 * GAP + levels[row.id] * line),
            textcoords="offset points",
            ha="right" if right else "left",
            va="bottom",
            color="#222222",
            arrowprops={
                "arrowstyle": "-",
                "color": "#bbbbbb",
                "linewidth": 0.5,
                "shrinkA": 0,
                "shrinkB": 0,
                "relpos": (1, 0) if right else (0, 0),
            },
        )
        label.set_in_layout(False)
    ax.axhline(0, color="#999999", linewidth=0.6)
    ax.set_ylim(-0.1, 1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlim(*JOURNEY)


def _day(low: dt.date, high: dt.date) -> str:
    if low == high:
        return low.strftime("%d %b").lstrip("0")
    if low.day == 1 and (high + dt.timedelta(days=1)).day == 1:
        return low.strftime("%b")
    return f"{low.day}-{high.strftime('%d %b').lstrip('0')}"
