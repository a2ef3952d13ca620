"""Paper figures: one function per figure, all in one style, shared by the CLI and notebooks.

Each function takes no argument, reads the Data Package, and returns a
matplotlib ``Figure`` (which a notebook shows inline). ``build`` draws the
ones asked for and saves each as PNG (300 dpi), SVG and PDF, byte-identical on
every run, plus a SHA-256 manifest of what it wrote.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tables.figures.arms import table1_payments, table2_debts
from tables.figures.chronology import negotiations_timeline
from tables.figures.claims import claims_overview
from tables.figures.communities import populations, vladivostok_trades
from tables.figures.fisheries import table3_boats, table4_fisheries
from tables.figures.style import FORMATS, save
from tables.figures.trade import exports_to_russia, table5_transit
from tables.io import atomic_write, remove_leftovers

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "FIGURES",
    "MANIFEST",
    "build",
    "claims_overview",
    "exports_to_russia",
    "manifest_text",
    "negotiations_timeline",
    "populations",
    "table1_payments",
    "table2_debts",
    "table3_boats",
    "table4_fisheries",
    "table5_transit",
    "vladivostok_trades",
]

#: name -> (function, what it shows). The name is the file stem.
FIGURES: dict[str, tuple[Callable[[], Figure], str]] = {
    "table1_payments": (
        table1_payments,
        "Table 1: the six arms-debt payments, printed total against the sum",
    ),
    "table2_debts": (
        table2_debts,
        "Table 2: debts to Japan by country, printed total against the sum",
    ),
    "table3_boats": (table3_boats, "Table 3: Japanese and Russian fishing boats by class"),
    "table4_fisheries": (
        table4_fisheries,
        "Table 4: fish caught and fisheries leased, 1908-1917, gaps kept",
    ),
    "table5_transit": (
        table5_transit,
        "Table 5: transit via Vladivostok, and printed against recomputed shares",
    ),
    "populations": (populations, "Chinese, Korean and Japanese populations, 1897 and 1910"),
    "exports_to_russia": (exports_to_russia, "Japanese exports to Russia, 1913-1915"),
    "vladivostok_trades": (vladivostok_trades, "Japanese share of trades in Vladivostok, 1903"),
    "negotiations_timeline": (
        negotiations_timeline,
        "The negotiations of 1898-1903, and Ito's journey of 1901-1902",
    ),
    "claims_overview": (claims_overview, "Every checked claim: computed against stated, by kind"),
}
MANIFEST = "SHA256SUMS"


def build(
    out: Path, formats: Iterable[str] = FORMATS, only: Iterable[str] | None = None, workers: int = 2
) -> list[Path]:
    """Draw and save the figures named in ``only`` (default all), ``workers`` at a time;
    then write the manifest."""
    from concurrent.futures import ProcessPoolExecutor

    names = list(only) if only else list(FIGURES)
    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        raise KeyError(f"no figure named {', '.join(unknown)}; known: {', '.join(FIGURES)}")
    formats = list(formats)
    remove_leftovers(out)
    if workers > 1 and len(names) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            batches = list(
                pool.map(_draw_and_save, names, [out] * len(names), [formats] * len(names))
            )
    else:
        batches = [_draw_and_save(name, out, formats) for name in names]
    atomic_write(out / MANIFEST, manifest_text(out))
    return [path for batch in batches for path in batch]


def _draw_and_save(name: str, out: Path, formats: list[str]) -> list[Path]:
    return save(FIGURES[name][0](), out / name, formats)


def manifest_text(folder: Path) -> str:
    """``sha256sum``-style lines for every figure file in ``folder``, sorted by name."""
    lines = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lstrip(".") in FORMATS and path.stem in FIGURES:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            lines.append(f"{digest}  {path.name}\n")
    return "".join(lines)


def _show_in_notebooks() -> None:
    """In IPython/Jupyter, display a returned Figure as the PNG it saves (its layout, at 150 dpi).

    The figure functions never touch pyplot (no global state, no backend), so
    nothing else would render them inline.
    """
    if "IPython" not in sys.modules:
        return
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    import io

    from matplotlib.figure import Figure

    def as_png(fig: Figure) -> bytes:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=150)
        return buffer.getvalue()

    shell.display_formatter.formatters["image/png"].for_type(Figure, as_png)


_show_in_notebooks()
