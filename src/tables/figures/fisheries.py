"""Tables 3 and 4: fishing boats, and fish caught and fisheries leased, 1908-1917."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tables.cells import MISSING as MISSING_STATE
from tables.cells import OK as OK_STATE
from tables.cells import UNREADABLE, CellState
from tables.figures._data import resource, source
from tables.figures.style import (
    DOUBLE,
    MISSING,
    PALETTE,
    SINGLE,
    figure,
    layout,
    room,
    styled,
    text_width,
    thousands,
    tint,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


@styled
def table3_boats() -> Figure:
    """Boats by country and class, on a log scale (3 Russian steamboats to 7,302 Japanese boats)."""
    data = resource("table3_fishing_boats")
    fig, ax = figure(SINGLE, 2.4, source=source("table3_fishing_boats"))
    labels = [f"{c}: {b}" for c, b in zip(data["country"], data["boat_class"], strict=True)]
    japan = [c == "Japan" for c in data["country"]]
    y = list(range(len(data)))[::-1]
    bars = ax.barh(y, data["value"], color=PALETTE[0], height=0.6, linewidth=0)
    for bar, japanese in zip(bars, japan, strict=True):  # Russian boats: orange and hatched
        if not japanese:
            bar.set_facecolor(PALETTE[1])
            bar.set_hatch("////")
            bar.set_edgecolor("white")
    ax.set_yticks(y, labels)
    ax.set_xscale("log")
    ax.set_xlim(1, 30000)
    ax.set_xticks([1, 10, 100, 1000, 10000], ["1", "10", "100", "1,000", "10,000"])
    ax.minorticks_off()
    ax.set_xlabel("Fishing boats (log scale)")
    for yy, v in zip(y, data["value"], strict=True):
        ax.text(v * 1.15, yy, f"{v:,}", va="center")
    ax.set_title("Fishing boats by class")
    return fig


@styled
def table4_fisheries() -> Figure:
    """Two panels. Missing years are gaps, never zeros; unreadable cells and readings are marked."""
    import pandas as pd

    data = resource("table4_fisheries")
    fig, (catch, leased) = figure(
        DOUBLE,
        2.8,
        ncols=2,
        source=source("table4_fisheries"),
    )
    years = sorted(int(y) for y in data["year"].unique())

    def series(measure: str) -> tuple[list[int], list[float]]:
        rows = data[data["measure"] == measure].set_index("year")["value"]
        return years, [float("nan") if pd.isna(rows.loc[y]) else float(rows.loc[y]) for y in years]

    x, fish = series("fish_caught_by_japanese")
    catch.plot(x, fish, marker="o", markersize=3.5, color=PALETTE[0], linewidth=1.2)
    thousands(catch, scale=1000)
    catch.set_ylabel("Fish caught by Japanese (thousand pieces)")
    catch.set_title("Fish caught by Japanese fishermen")
    top = max(v for v in fish if v == v) * 1.25
    catch.set_ylim(0, top)
    # every band and label comes from the cells' states (missing, unreadable, a reading)
    for first, last, state in _runs(data, "fish_caught_by_japanese", years):
        span = f"{first}" if first == last else f"{first}-{last}"
        # each state is a shade and a hatch (told apart in grayscale), and says so in words
        if state.state == MISSING_STATE:
            alpha, hatch = 0.12, ""
            label = f"{span}:\nprinted \u201c{state.printed}\u201d"
        elif state.state == UNREADABLE:
            alpha, hatch = 0.25, "xx"
            label = f"{span}: printed\n\u201c{state.printed}\u201d,\nunreadable"
        else:
            alpha, hatch = 0.25, ".."
            label = (
                f"{span}: printed\n\u201c{state.printed}\u201d,\nread as {state.reading}"
                f"\n({state.confidence} confidence)"
            )
        catch.axvspan(
            first - 0.4,
            last + 0.4,
            facecolor=tint(MISSING, alpha),
            edgecolor="white",
            hatch=hatch,
            linewidth=0,
        )
        catch.text((first + last) / 2, top * 0.02, label, ha="center", va="bottom", color="#444444")

    _, japanese = series("japanese_fisheries")
    _, russian = series("russian_fisheries")
    leased.plot(
        x, japanese, marker="o", markersize=3.5, color=PALETTE[0], label="Japanese", linewidth=1.2
    )
    leased.plot(
        x, russian, marker="s", markersize=3.5, color=PALETTE[1], label="Russian", linewidth=1.2
    )
    for name, measure in (("Japanese", "japanese_fisheries"), ("Russian", "russian_fisheries")):
        for first, last, state in _runs(data, measure, years):
            if state.state != MISSING_STATE:
                continue
            span = f"{first}" if first == last else f"{first}-{last}"
            leased.text(
                (first + last) / 2,
                12,
                f"{name}\n{span}:\nprinted \u201c{state.printed}\u201d",
                ha="center",
                va="bottom",
                color="#444444",
            )
    leased.set_ylim(0, 270)
    leased.set_ylabel("Fisheries leased")
    leased.set_title("Fisheries leased, by fishermen's nationality")
    leased.legend(loc="center right")
    for ax in (catch, leased):
        # two-digit years where four would not fit side by side with a space between
        narrow = len(years) * text_width("1908 ", layout().font_size) > room(ax)
        shown = [f"\u2019{y % 100:02d}" if narrow and y != years[0] else str(y) for y in years]
        ax.set_xticks(years, shown, rotation=0)
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    return fig


def _runs(data: pd.DataFrame, measure: str, years: list[int]) -> list[tuple[int, int, CellState]]:
    """Runs of consecutive years whose cells share a state other than ok, in year order."""
    from tables.cells import cell_state, corrections_by_cell

    fixes = corrections_by_cell(resource("corrections").astype(str).to_dict("records"))
    rows = data[data["measure"] == measure].astype(str).set_index("year")
    runs: list[tuple[int, int, CellState]] = []
    for year in years:
        row = rows.loc[str(year)].to_dict() if str(year) in rows.index else {}
        key = f"{year}|{measure}"
        state = cell_state(row, fixes.get(("table4_fisheries", key, "value")))
        if state.state == OK_STATE:
            continue
        if runs and runs[-1][1] == year - 1 and runs[-1][2] == state:
            runs[-1] = (runs[-1][0], year, state)
        else:
            runs.append((year, year, state))
    return runs
