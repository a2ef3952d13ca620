"""The negotiations of 1898-1903 as a timeline, with Ito's journey of 1901-1902 drawn out."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tables.figures._data import resource
from tables.figures.style import DOUBLE, PALETTE, figure, styled

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Lanes by the first actor of an event.
JAPAN = {"Japan", "Komura", "Aoki", "Ito", "Kurino", "Katsura", "Kato", "Oyama", "Inoue", "Hayashi"}
RUSSIA = {
    "Russia",
    "Lamsdorf",
    "Witte",
    "Izvolsky",
    "Kuropatkin",
    "Muraviev",
    "Rosen",
    "Tsar",
    "Nicholas II",
    "Alekseyev",
    "Obzor",
}
LANES = ("Japan", "Russia", "Others")

#: Events of Ito's journey labelled in the lower panel: id -> (label, height of the label);
#: {date} is filled from the data.
ITO = {
    "nish-1901-09-18-ito-leaves-yokohama": ("leaves Yokohama\n{date}", 0.6),
    "nish-1901-11-04-ito-reaches-paris": ("Paris\n{date}", 0.6),
    "nish-1901-11-13-ito-delcasse": ("Delcassé\n{date}", 1.5),
    "nish-1901-11-26-ito-reaches-st-petersburg": ("St Petersburg\n{date}", 0.6),
    "nish-1901-11-28-ito-audience-tsar": ("audience with the Tsar\n{date}", 2.4),
    "nish-1901-12-02-ito-lamsdorf": (
        "Lamsdorf, Witte, Lamsdorf\n{date} and the next two days",
        3.3,
    ),
    "nish-1901-12-ito-leaves-st-petersburg": (
        "leaves St Petersburg, some day\n{date} (not printed)",
        4.2,
    ),
    "nish-1901-12-17-russian-reply-reaches-ito": ("Russian reply, Berlin\n{date}", 0.6),
    "nish-1901-12-23-ito-writes-lamsdorf": ("writes from Brussels\n{date}", 1.5),
    "nish-1902-01-30-anglo-japanese-alliance": ("Anglo-Japanese alliance\n{date}", 2.4),
    "nish-1902-02-ito-back-in-tokyo": ("back in Tokyo\n{date}", 0.6),
}
#: Events labelled in the upper panel: id -> (label, vertical offset in points[, alignment]).
KEY = {
    "nish-1898-03-liaotung-lease": ("Liaotung lease", -11, "left"),
    "nish-1900-07-22-komura-analysis": ("Komura's overture", 9),
    "nish-1901-01-07-neutralization-proposal": ("neutralization proposal", -11),
    "nish-1902-01-30-anglo-japanese-alliance": ("Anglo-Japanese alliance", 9),
    "nish-1902-08-04-kurino-private-proposal": ("Kurino's proposal", 9),
    "nish-1903-02-07-conference": ("St Petersburg conference", -11),
    "nish-1903-06-23-imperial-conference": ("imperial conference", 9),
    "nish-1903-08-12-demands-conveyed": ("demands sent", -11, "right"),
}


def _lane(actors: object) -> int:
    first = str(actors).split(";")[0].strip() if isinstance(actors, str) else ""
    if first in JAPAN:
        return 0
    if first in RUSSIA:
        return 1
    return 2


def _bounds(text: str) -> tuple[dt.date, dt.date]:
    from tables.dates import parse_edtf_bounds

    return parse_edtf_bounds(text)


@styled
def negotiations_timeline() -> Figure:
    """Every dated event in Nish's article by lane; below, Ito's journey day by day."""
    from matplotlib.dates import DateFormatter, MonthLocator, YearLocator

    data = resource("chronology")
    # a source's date the author rejects is not an event (dated_by "rejected")
    nish = data[(data["article"] == "nish") & (data["dated_by"] != "rejected")]
    fig, (overview, journey) = figure(
        DOUBLE,
        4.8,
        nrows=2,
        height_ratios=(1, 1.15),
        source="Source: Nish, \u201cKorea, Focus of Russo-Japanese Diplomacy (1898-1903)\u201d, "
        "text and notes; dates New Style",
    )
    start, end = dt.date(1898, 1, 1), dt.date(1903, 9, 30)
    for row in nish.itertuples(index=False):
        low, high = _bounds(str(row.date))
        if (high - low).days > 400:  # a span of years ("1898/1903") is context, not an event
            continue
        y = _lane(row.actors)
        colour = PALETTE[y]
        if low == high:
            overview.plot(low, y, marker="o", markersize=3, color=colour, linestyle="none")
        else:
            overview.plot(
                [low, high], [y, y], color=colour, linewidth=3, alpha=0.45, solid_capstyle="butt"
            )
        if row.id in KEY:
            label, dy, *align = KEY[row.id]
            overview.annotate(
                label,
                (low, y),
                xytext=(0, dy),
                textcoords="offset points",
                ha=align[0] if align else "center",
                fontsize=5.8,
                color="#333333",
                arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.5},
            )
    overview.axvspan(
        dt.date(1901, 9, 18), dt.date(1902, 2, 28), color="#dddddd", alpha=0.6, linewidth=0
    )
    overview.text(
        dt.date(1901, 11, 20), 2.55, "Ito's journey", ha="center", fontsize=6, color="#444444"
    )
    _lanes(overview)
    overview.set_xlim(start, end)
    overview.xaxis.set_major_locator(YearLocator())
    overview.xaxis.set_major_formatter(DateFormatter("%Y"))
    overview.set_title("Russo-Japanese negotiations over Korea, 1898-1903")
    overview.text(
        0.0,
        -0.16,
        "Dots: dated days. Bars: dates printed only to the month, season or year.",
        transform=overview.transAxes,
        fontsize=6,
        color="#444444",
    )

    _journey(journey, nish)
    journey.xaxis.set_major_locator(MonthLocator())
    journey.xaxis.set_major_formatter(DateFormatter("%b %Y"))
    journey.set_title("Ito's journey, September 1901 - February 1902")
    return fig


def _lanes(ax: Axes) -> None:
    ax.set_yticks(range(len(LANES)), LANES)
    ax.set_ylim(2.8, -0.8)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6)


def _journey(ax: Axes, nish: object) -> None:
    rows = nish[nish["id"].isin(ITO)]  # type: ignore[index]
    alliance = "nish-1902-01-30-anglo-japanese-alliance"
    for row in rows.itertuples(index=False):
        low, high = _bounds(str(row.date))
        colour = PALETTE[3] if row.id == alliance else PALETTE[_lane(row.actors)]
        label, level = ITO[row.id]
        if low == high:
            ax.plot(low, 0, marker="o", markersize=3.5, color=colour)
            anchor = low
        else:
            ax.plot(
                [low, high], [0, 0], color=colour, linewidth=4, alpha=0.5, solid_capstyle="butt"
            )
            anchor = low
        ax.plot([anchor, anchor], [0, level + 0.55], color="#bbbbbb", linewidth=0.5)
        ax.text(
            anchor + dt.timedelta(days=1),
            level,
            label.format(date=_day(low, high)),
            ha="left",
            va="bottom",
            fontsize=5.8,
            color="#222222",
        )
    ax.axhline(0, color="#999999", linewidth=0.6)
    ax.set_ylim(-0.3, 5.1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlim(dt.date(1901, 9, 5), dt.date(1902, 3, 20))


def _day(low: dt.date, high: dt.date) -> str:
    if low == high:
        return low.strftime("%d %b").lstrip("0")
    if low.day == 1 and (high + dt.timedelta(days=1)).day == 1:
        return low.strftime("%b")
    return f"{low.day}-{high.strftime('%d %b').lstrip('0')}"
