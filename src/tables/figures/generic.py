"""A figure of any package's printed table with a total line: the rows, their sum and the
printed total, side by side. It reads only the package (its ``printedLayout`` labels and
the claims that test the total), so it draws a user's own table as well as ours.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tables.figures.style import ENCODING, HATCHES, PALETTE, SINGLE, category_ticks, figure, styled

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["table_with_total"]


def _verdict(name: str, directory: Path | None) -> str | None:
    """The verdict of a claim whose stated figure is this table's printed total."""
    from tables.claims import check_claims

    results, _problems = check_claims(directory)
    for claim in results:
        if claim.row.get("stated_ref", "").startswith(f"{name}[") and claim.row["kind"] in (
            "total",
            "sum",
        ):
            return claim.verdict
    return None


@styled
def table_with_total(name: str, directory: Path | None = None) -> Figure:
    """Table ``name`` of the package in ``directory``: each item row, the sum of the rows,
    and the printed total, coloured and hatched by the verdict of the claim that tests it
    (``width=``, ``font_size=``, ``grayscale=`` as for every figure)."""
    import tables
    from tables.package import open_package

    pkg = open_package(directory)
    resource = pkg.resource(name)
    label = (resource.get("printedLayout") or {}).get("label", [pkg.primary_key(name)[0]])[0]
    data = tables.load(name, directory=directory)
    items = data[data["row_kind"] == "item"]
    total = data[data["row_kind"] == "total"]
    verdict = _verdict(name, directory)
    style = ENCODING.get(verdict or "", {"color": "#555555", "hatch": "xxxx"})
    fig, ax = figure(SINGLE, 2.6, source=f"Source: {resource.get('title', name)}")
    names = [str(v) for v in items[label]] + ["Sum of rows", "Printed total"]
    values = [float(v) for v in items["value"]] + [
        float(items["value"].sum()),
        float(total["value"].iloc[0]) if len(total) else 0.0,
    ]
    bars = ax.bar(range(len(names)), values, color=PALETTE[0], width=0.65, linewidth=0)
    bars[-2].set_facecolor("#555555")
    bars[-2].set_hatch(HATCHES[1])
    bars[-1].set_facecolor(style["color"])
    bars[-1].set_hatch(style["hatch"] or HATCHES[3])
    for bar in bars[-2:]:
        bar.set_edgecolor("white")
    category_ticks(ax, list(range(len(names))), names)
    for x, v in enumerate(values):
        ax.text(x, v, f"{v:,.0f}", ha="center", va="bottom")
    ax.set_ylim(0, max(values) * 1.25)
    ax.set_title(f"{resource.get('title', name)}: check {verdict or 'not registered'}")
    return fig
