"""The build folder's front page: every notebook, figure and report, linked."""

from __future__ import annotations

import html
from pathlib import Path

from tables.io import atomic_write

__all__ = ["write_index"]


def write_index(build: Path) -> Path:
    """Write ``build/index.html`` listing what the build folder holds (links are relative)."""
    from tables.figures import FIGURES

    def href(path: Path) -> str:
        return html.escape(path.relative_to(build).as_posix())

    def links(paths: list[Path]) -> str:
        return " ".join(f'<a href="{href(p)}">{html.escape(p.suffix[1:])}</a>' for p in paths)

    sections = []
    notebooks = sorted((build / "notebooks").glob("*.html"))
    items = "".join(f'<li><a href="{href(p)}">{html.escape(p.stem)}</a></li>' for p in notebooks)
    sections.append(f"<h2>Notebooks</h2><ul>{items or '<li>not built: run make</li>'}</ul>")
    rows = []
    for name, (function, what) in FIGURES.items():
        files = sorted((build / "figures").glob(f"{name}.*"))
        drawn_by = html.escape(f"{function.__module__}.{function.__name__}")
        rows.append(
            f"<tr><td>{html.escape(name)}</td><td>{html.escape(what)}</td>"
            f"<td>{links(files) or 'not built'}</td><td><code>{drawn_by}</code></td></tr>"
        )
    sections.append(
        "<h2>Figures</h2><table><tr><th>figure</th><th>what it shows</th><th>files</th>"
        f"<th>drawn by</th></tr>{''.join(rows)}</table>"
    )
    reports = sorted((build / "reports").glob("*"))
    items = "".join(f'<li><a href="{href(p)}">{html.escape(p.name)}</a></li>' for p in reports)
    sections.append(f"<h2>Reports</h2><ul>{items or '<li>not built: run make</li>'}</ul>")
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Russia and Japan, 1898-1919: build</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
        "padding:0 1rem}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}"
        "</style></head><body><h1>Russia and Japan, 1898-1919: the build</h1>"
        + "".join(sections)
        + "</body></html>\n"
    )
    return atomic_write(build / "index.html", page)
