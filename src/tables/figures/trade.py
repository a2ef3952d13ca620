"""Table 5 (transit via Vladivostok) and Japanese exports to Russia, 1913-1915."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tables.figures._checked import claims
from tables.figures._data import resource, source
from tables.figures.style import (
    DOUBLE,
    ENCODING,
    HATCHES,
    PALETTE,
    SINGLE,
    category_ticks,
    figure,
    styled,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PERIODS = ("1914", "1915", "September, 1916")
#: A claim whose stated figure is one printed share of Table 5: its key gives the row.
SHARE_CELL = re.compile(r'table5_transit_vladivostok\["([^"|]+)\|(\d{4})\|share"\]')


@styled
def table5_transit() -> Figure:
    """Volumes by country and year; then each printed percentage against the recomputed one."""
    import pandas as pd

    data = resource("table5_transit_vladivostok")
    fig, (volumes, shares) = figure(
        DOUBLE,
        3.0,
        ncols=2,
        width_ratios=(1.25, 1),
        source=source(
            "table5_transit_vladivostok",
            "; shares recomputed from the printed volumes. No bar where the table prints "
            "\u201c-\u201d.",
        ),
    )
    volume = data[data["measure"] == "volume"]
    countries = list(dict.fromkeys(volume["country"]))
    width = 0.26
    for i, period in enumerate(PERIODS):
        rows = volume[volume["period"] == period].set_index("country")["value"]
        xs, heights = [], []
        for j, country in enumerate(countries):
            if country in rows.index and not pd.isna(rows.loc[country]):
                xs.append(j + (i - 1) * width)
                heights.append(float(rows.loc[country]) / 1e6)
        label = "to Sept 1916" if period.startswith("September") else period
        volumes.bar(
            xs,
            heights,
            width=width,
            color=PALETTE[i],
            hatch=HATCHES[i],
            edgecolor="white",
            linewidth=0,
            label=label,
        )
    category_ticks(
        volumes,
        list(range(len(countries))),
        [
            c.replace("The United States", "United\nStates").replace(
                "Great Britain", "Great\nBritain"
            )
            for c in countries
        ],
    )
    volumes.set_ylabel("Goods in transit to European Russia (million kg)")
    volumes.set_title("Goods in transit via Vladivostok")
    volumes.legend(loc="upper right")

    checked = [
        (match, c)
        for c in claims().values()
        if (match := SHARE_CELL.fullmatch(c.row.get("stated_ref", "")))
    ]
    labels = []
    for y, (match, claim) in enumerate(checked):
        country, year = match.groups()
        labels.append(f"{country} {year}")
        # the verdict is a colour, a marker shape and a line style (grayscale keeps two)
        style = ENCODING[claim.verdict]
        colour, marker = style["color"], style["marker"]
        computed = claim.computed.point if claim.computed else None
        shares.plot(
            [claim.stated_value, computed],
            [y, y],
            color=colour,
            linewidth=0.8,
            linestyle=style["linestyle"],
        )
        shares.plot(
            claim.stated_value,
            y,
            marker=marker,
            markerfacecolor="white",
            markeredgecolor=colour,
            markersize=4.5,
            linestyle="none",
        )
        shares.plot(computed, y, marker=marker, color=colour, markersize=3.5, linestyle="none")
    shares.set_yticks(range(len(labels)), labels)
    shares.invert_yaxis()
    shares.set_xscale("log")
    shares.set_xticks([0.5, 1, 2, 5, 10, 20, 50], ["0.5", "1", "2", "5", "10", "20", "50"])
    shares.set_xlabel("Share of the year's transit (%; log scale)")
    shares.set_title("Shares: printed (open), recomputed (filled)")
    for verdict in sorted({claim.verdict for _match, claim in checked}):
        style = ENCODING[verdict]
        shares.plot(
            [],
            [],
            color=style["color"],
            marker=style["marker"],
            markersize=3.5,
            linestyle=style["linestyle"],
            linewidth=0.8,
            label=verdict,
        )
    shares.legend(loc="upper left")
    return fig


@styled
def exports_to_russia() -> Figure:
    """Japan's exports to Russia by year: the figures the text calls 'not changed significantly'."""
    data = resource("trade").set_index("id")
    years = (1913, 1914, 1915)
    values = [float(data.loc[f"japan-exports-russia-{y}", "value"]) for y in years]
    fig, ax = figure(SINGLE, 2.4, source=source("trade"))
    ax.bar([str(y) for y in years], [v / 1e6 for v in values], color=PALETTE[0], width=0.6)
    for x, v in enumerate(values):
        ax.text(x, v / 1e6 + 0.08, f"{v:,.0f}", ha="center", va="bottom")
    ax.set_ylabel("Exports to Russia (million yen)")
    ax.set_ylim(0, max(values) / 1e6 * 1.3)
    ax.set_title("Japanese exports to Russia, 1913-1915")
    return fig
