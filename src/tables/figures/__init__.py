"""Paper figures: one function per figure, all in one style, shared by the CLI and notebooks.

Each function takes no argument, reads the Data Package, and returns a
matplotlib ``Figure`` (which a notebook shows as the paper's PNG). This module
is the registry; ``tables.figures.build`` draws and saves them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from tables.figures.arms import table1_payments, table2_debts
from tables.figures.chronology import negotiations_timeline
from tables.figures.claims import claims_overview
from tables.figures.communities import populations, vladivostok_trades
from tables.figures.fisheries import table3_boats, table4_fisheries
from tables.figures.trade import exports_to_russia, table5_transit

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "FIGURES",
    "claims_overview",
    "exports_to_russia",
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


def _show_in_notebooks() -> None:
    """In IPython/Jupyter, display a returned Figure as the paper's PNG, byte for byte.

    The figure functions never touch pyplot (no global state, no backend), so
    nothing else would render them inline. The image is the paper figure's
    own rendering (same size, same crop, 300 dpi), shown 150 pixels to the inch.
    Rendering fixes the figure's layout (as every paper figure's is fixed before
    it is saved): a figure changed after it was shown is shown with that layout.
    """
    if "IPython" not in sys.modules:
        return
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    from matplotlib.figure import Figure

    from tables.figures.style import render

    def as_png(fig: Figure) -> tuple[bytes, dict[str, int]]:
        return render(lambda: fig, ["png"])["png"], {"width": round(fig.get_figwidth() * 150)}

    shell.display_formatter.formatters["image/png"].for_type(Figure, as_png)


_show_in_notebooks()
