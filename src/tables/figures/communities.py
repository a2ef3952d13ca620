"""Migrant populations (1897, 1910) and the Japanese share of trades in Vladivostok (1903)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tables.figures._data import resource, source
from tables.figures.style import HATCHES, PALETTE, SINGLE, figure, styled, thousands

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@styled
def populations() -> Figure:
    """Chinese, Koreans and Japanese in the Priamur Governor-Generalship, 1897 and 1910."""
    import pandas as pd
    import seaborn as sns

    data = resource("populations").set_index("id")
    names = {"chinese": "Chinese", "koreans": "Koreans", "japanese": "Japanese"}
    years = (("1897", "census-1897-"), ("1910", "pop-1910-"))
    long = pd.DataFrame(
        [
            {"group": label, "year": year, "people": float(data.loc[prefix + key, "value"])}
            for year, prefix in years
            for key, label in names.items()
        ]
    )
    fig, ax = figure(SINGLE, 2.5, source=source("populations"))
    sns.barplot(
        data=long,
        x="group",
        y="people",
        hue="year",
        palette=list(PALETTE[:2]),
        errorbar=None,
        saturation=1,
        width=0.72,
        ax=ax,
    )
    for i, bars in enumerate(ax.containers):  # each year a colour and a hatch
        for bar in bars:
            bar.set_hatch(HATCHES[i])
            bar.set_edgecolor("white")
            bar.set_linewidth(0)
        ax.bar_label(bars, labels=[f"{v:,.0f}" for v in bars.datavalues], padding=1.5)
    thousands(ax)
    ax.set_xlabel("")
    ax.set_ylabel("People")
    ax.set_ylim(0, 72000)
    ax.set_title("Asian migrants in the Russian Far East")
    # the legend from the bars themselves (seaborn's own entries have no hatch)
    ax.legend(ax.containers, [str(y) for y, _ in years], title=None, loc="upper right")
    return fig


@styled
def vladivostok_trades() -> Figure:
    """Japanese-owned shops as a share of each trade in Vladivostok, and of all enterprises."""
    data = resource("enterprises").set_index("id")
    trades = (
        ("laundries", "Laundries"),
        ("watchmakers", "Watchmakers"),
        ("hairdressers", "Hairdressing salons"),
        ("carpentries", "Carpentries"),
        ("tailors", "Tailor shops"),
    )
    rows = [
        (
            label,
            float(data.loc[f"{k}-japanese-vladivostok", "value"]),
            float(data.loc[f"{k}-all-vladivostok", "value"]),
        )
        for k, label in trades
    ]
    rows.append(
        (
            "All enterprises,\nMaritime Province",
            float(data.loc["enterprises-japanese-1903", "value"]),
            float(data.loc["enterprises-all-1903", "value"]),
        )
    )
    fig, ax = figure(SINGLE, 2.5, source=source("enterprises"))
    y = list(range(len(rows)))[::-1]
    shares = [100 * part / whole for _, part, whole in rows]
    bars = ax.barh(y, shares, color=PALETTE[0], height=0.6, linewidth=0)
    bars[-1].set_facecolor(PALETTE[1])  # all enterprises: another colour, and hatched
    bars[-1].set_hatch(HATCHES[1])
    bars[-1].set_edgecolor("white")
    ax.set_yticks(y, [label for label, _, _ in rows])
    for yy, (_, part, whole), share in zip(y, rows, shares, strict=True):
        ax.text(share + 1.5, yy, f"{part:.0f} of {whole:.0f}", va="center")
    ax.set_xlim(0, 118)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("Owned by Japanese (%)")
    ax.set_title("Japanese-owned enterprises, 1903")
    return fig
