"""Floor for ``tables figures``: import matplotlib once and save N empty figures.

    python benchmarks/floor_figures.py --count N --out DIR [--formats png,svg,pdf]

What no figure build can avoid: starting Python, importing matplotlib through
its object API (``matplotlib.figure.Figure``, no pyplot, no GUI backend) and
writing N figures in every format, PNG at 300 dpi like the project's. The
figures are empty and single-column sized (3.5 x 2.6 in), so the gap between
``tables figures`` and this floor is the cost of reading the data and drawing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DPI = 300
SIZE = (3.5, 2.6)  # inches: the project's single-column width


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True, help="how many figures")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--formats", default="png,svg,pdf", help="comma-separated formats")
    args = parser.parse_args()

    from matplotlib.figure import Figure

    args.out.mkdir(parents=True, exist_ok=True)
    formats = [f for f in args.formats.split(",") if f]
    for number in range(args.count):
        fig = Figure(figsize=SIZE)
        for fmt in formats:
            fig.savefig(args.out / f"empty_{number:02d}.{fmt}", format=fmt, dpi=DPI)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
