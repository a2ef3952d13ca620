"""Every checked claim: computed against stated, grouped by kind, inconsistencies highlighted."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from tables.figures._checked import claims
from tables.figures.style import DOUBLE, ENCODING, figure, styled

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@styled
def claims_overview() -> Figure:
    """Left: computed / stated for every claim with a non-zero stated figure (log scale).
    Right: how many claims of each kind got each verdict."""
    from matplotlib.lines import Line2D

    results = list(claims().values())
    plotted = [
        c
        for c in results
        if c.computed is not None
        and c.computed.point is not None
        and c.stated_value not in (None, 0)
    ]
    sign_checks = sum(1 for c in results if c.computed is not None and c.stated_value == 0)
    unplotted = len(results) - len(plotted) - sign_checks
    fig, (ratios, counts) = figure(
        DOUBLE,
        3.8,
        ncols=2,
        width_ratios=(1.35, 1),
        stacked_height=2.9,
        source="Source: every claim registered for the two articles, recomputed from the "
        "transcribed figures. A ratio of 1: the computed figure is the stated one within its "
        "printed precision. Markers: the verdict (see the legend). Not among the ratios: "
        f"{sign_checks} sign checks (stated 0) and {unplotted} claims with no single "
        "computed figure.",
    )
    kinds = sorted({c.row["kind"] for c in results})
    for c in plotted:
        ratio = c.computed.point / c.stated_value  # type: ignore[union-attr,operator]
        ratio = min(max(abs(ratio), 1e-3), 1e3)
        y = kinds.index(c.row["kind"])
        offset = (hash_offset(c.id) - 0.5) * 0.5
        style = ENCODING[c.verdict]  # a colour and a marker shape
        ratios.plot(
            ratio,
            y + offset,
            marker=style["marker"],
            markersize=3.2,
            linestyle="none",
            color=style["color"],
        )
    ratios.axvline(1, color="#999999", linewidth=0.6)
    ratios.set_xscale("log")
    ratios.set_xlim(5e-4, 2e3)
    ratios.set_yticks(range(len(kinds)), kinds)
    ratios.set_ylim(len(kinds) - 0.5, -0.5)
    ratios.set_xlabel("Computed / stated (log scale; clipped at 1/1000 and 1000)")
    ratios.set_title(
        f"{len(plotted)} of {len(results)} claims: those with a non-zero stated figure"
    )
    ratios.grid(axis="y", color="#f0f0f0", linewidth=0.6)

    tally = Counter((c.row["kind"], c.verdict) for c in results)
    left = [0.0] * len(kinds)
    handles, labels = [], []
    for verdict, style in ENCODING.items():  # a colour, a hatch, and the marker on each part
        widths = [tally[(k, verdict)] for k in kinds]
        bars = counts.barh(
            range(len(kinds)),
            widths,
            left=left,
            color=style["color"],
            hatch=style["hatch"],
            edgecolor="white",
            linewidth=0,
            height=0.65,
        )
        middles = [(a + a + w) / 2 for a, w in zip(left, widths, strict=True)]
        shown = [(x, y) for y, (x, w) in enumerate(zip(middles, widths, strict=True)) if w]
        (marks,) = counts.plot(
            [x for x, _ in shown],
            [y for _, y in shown],
            marker=style["marker"],
            markersize=3,
            color="black",
            markeredgecolor="white",
            markeredgewidth=0.4,
            linestyle="none",
        )
        handles.append((bars, marks))
        labels.append(f"{verdict} ({sum(widths)})")
        left = [a + b for a, b in zip(left, widths, strict=True)]
    counts.set_yticks(range(len(kinds)), kinds)
    counts.set_ylim(len(kinds) - 0.5, -0.5)
    counts.set_xlabel("Claims")
    counts.set_title(f"Verdicts of all {len(results)} claims, by kind")
    counts.legend(handles, labels, loc="lower right")
    ratios.legend(
        [
            Line2D([], [], marker=s["marker"], color=s["color"], linestyle="none", markersize=3.2)
            for s in ENCODING.values()
        ],
        list(ENCODING),
        loc="upper left",
    )
    return fig


def hash_offset(text: str) -> float:
    """A stable jitter in [0, 1) from a claim id (no randomness, so figures are reproducible)."""
    import hashlib

    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) / 16**8
