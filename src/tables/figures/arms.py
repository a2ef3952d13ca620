"""Tables 1 and 2: Russia's arms-debt payments, and debts to Japan by 1919."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tables.figures._checked import claims
from tables.figures._data import resource, source
from tables.figures.style import (
    ENCODING,
    HIGHLIGHT,
    OK,
    PALETTE,
    SINGLE,
    figure,
    styled,
    thousands,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@styled
def table1_payments() -> Figure:
    """The six monthly payments, with the printed total set against their sum."""
    data = resource("table1_arms_debt_payments")
    items = data[data["row_kind"] == "item"]
    total = data[data["row_kind"] == "total"].iloc[0]
    fig, ax = figure(SINGLE, 2.6, source=source("table1_arms_debt_payments"))
    labels = [p.strftime("%b\n%Y") for p in items["month"]]
    ax.bar(labels, items["value"], color=PALETTE[0], width=0.65)
    thousands(ax)
    ax.set_ylabel("Payment (yen)")
    ax.set_title("Russia's arms-debt payments, 1917-1918")
    check = claims()["sp-table1-total"]
    colour = OK if check.verdict == "consistent" else HIGHLIGHT
    ax.text(
        0.98,
        0.97,
        f"Printed total {total['printed']} yen\n"
        f"Sum of the six payments {int(items['value'].sum()):,} yen\n"
        f"Check: {check.verdict}",
        transform=ax.transAxes,
        ha="right",
        va="top",
        color=colour,
    )
    ax.set_ylim(0, items["value"].max() * 1.45)
    return fig


@styled
def table2_debts() -> Figure:
    """Debts by country, then the sum of the rows and the printed total side by side."""
    data = resource("table2_debts_to_japan")
    items = data[data["row_kind"] == "item"]
    total = data[data["row_kind"] == "total"].iloc[0]
    fig, ax = figure(SINGLE, 2.6, source=source("table2_debts_to_japan"))
    names = [*items["country"], "Sum of\nrows", "Printed\ntotal"]
    values = [*items["value"], items["value"].sum(), total["value"]]
    check = claims()["sp-table2-total"]
    total_colour = HIGHLIGHT if check.verdict == "inconsistent" else OK
    colours = [PALETTE[0]] * len(items) + ["#555555", total_colour]
    # the sum and the total are hatched as well as coloured: told apart in grayscale too
    hatches = [""] * len(items) + ["////", ENCODING[check.verdict]["hatch"] or "xxxx"]
    bars = ax.bar(
        [n.replace("Great Britain", "Great\nBritain") for n in names],
        [v / 1e6 for v in values],
        color=colours,
        width=0.65,
        edgecolor="white",
        linewidth=0,
    )
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
    ax.axvline(len(items) - 0.5, color="#bbbbbb", linewidth=0.6)
    ax.set_ylabel("Debt to Japan by 1919 (million yen)")
    ax.set_title("Debts to Japan by 1919")
    for x, v in enumerate(values):
        ax.text(x, v / 1e6 + 8, f"{v / 1e6:,.0f}", ha="center", va="bottom")
    gap = (total["value"] - items["value"].sum()) / 1e6
    ax.text(
        len(names) - 1,
        total["value"] / 1e6 + 60,
        f"{gap:+,.0f} million\nnot in the rows",
        ha="center",
        va="bottom",
        color=total_colour,
    )
    ax.set_ylim(0, total["value"] / 1e6 * 1.35)
    return fig
