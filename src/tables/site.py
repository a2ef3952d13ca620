"""The site a paper links to: static pages in the build folder, no server.

``build/index.html`` shows every figure (a thumbnail linking to its PNG, SVG and
PDF), links each table as printed, the errata, the claims and the notebooks,
and lists the package's resources with their sources. ``build/site/`` holds the
pages it links: one per printed table, and the claims, sortable and filterable
in the page itself (a few lines of script, nothing fetched). Every link is
relative, so the folder can be copied anywhere.
"""

from __future__ import annotations

import html
from pathlib import Path

from tables.io import atomic_write

__all__ = ["write_index"]

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;"
    "text-align:left;vertical-align:top}th{background:#f4f4f4}"
    ".figures{display:flex;flex-wrap:wrap;gap:1rem}.figures figure{margin:0;width:22rem}"
    ".figures img{width:100%;border:1px solid #ddd}figcaption{font-size:.9rem}"
    "th[data-sort]{cursor:pointer}input{margin:.5rem 0;padding:.3rem;width:20rem}"
)

#: Sort by a column on a click of its head; keep the rows whose text holds what is typed
#: and whose verdict is the one chosen.
_SCRIPT = """
const table = document.getElementById('claims');
document.querySelectorAll('th[data-sort]').forEach((th, i) => th.addEventListener('click', () => {
  const rows = [...table.tBodies[0].rows];
  const up = th.dataset.up !== '1'; th.dataset.up = up ? '1' : '0';
  const key = r => { const t = r.cells[i].dataset.value ?? r.cells[i].textContent;
                     const n = parseFloat(t); return isNaN(n) ? t.toLowerCase() : n; };
  rows.sort((a, b) => (key(a) > key(b) ? 1 : key(a) < key(b) ? -1 : 0) * (up ? 1 : -1));
  rows.forEach(r => table.tBodies[0].appendChild(r));
}));
const filter = document.getElementById('filter'), verdict = document.getElementById('verdict');
function show() {
  const q = filter.value.toLowerCase(), v = verdict.value;
  [...table.tBodies[0].rows].forEach(r => {
    r.hidden = !(r.textContent.toLowerCase().includes(q) && (!v || r.dataset.verdict === v)); });
  document.getElementById('shown').textContent =
    [...table.tBodies[0].rows].filter(r => !r.hidden).length;
}
filter.addEventListener('input', show);
verdict.addEventListener('change', show);
"""


def _page(title: str, body: str, script: str = "") -> str:
    tail = f"<script>{script}</script>" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}{tail}</body></html>\n"
    )


def write_index(build: Path) -> Path:
    """Write ``build/index.html`` and the pages under ``build/site/`` (links are relative)."""
    from tables.claims import project_claims
    from tables.figures import FIGURES
    from tables.package import open_package
    from tables.report import summary_line

    pkg = open_package()
    title = str(pkg.descriptor.get("title", "The package"))

    def href(path: Path) -> str:
        return html.escape(path.relative_to(build).as_posix())

    sections = [f"<h1>{html.escape(title)}</h1>"]
    if pkg.descriptor.get("description"):
        sections.append(f"<p>{html.escape(str(pkg.descriptor['description']))}</p>")
    cards = []
    for name, (function, what) in FIGURES.items():
        files = sorted((build / "figures").glob(f"{name}.*"))
        png = build / "figures" / f"{name}.png"
        links = " ".join(f'<a href="{href(p)}">{html.escape(p.suffix[1:])}</a>' for p in files)
        image = (
            f'<a href="{href(png)}"><img src="{href(png)}" alt="{html.escape(what)}"></a>'
            if png.exists()
            else "<p>not built: run make</p>"
        )
        drawn_by = html.escape(f"{function.__module__}.{function.__name__}")
        cards.append(
            f"<figure>{image}<figcaption><b>{html.escape(name)}</b>: {html.escape(what)}. "
            f"{links} <br><small>drawn by <code>{drawn_by}</code></small></figcaption></figure>"
        )
    sections.append(f'<h2>Figures</h2><div class="figures">{"".join(cards)}</div>')
    sections.append(_tables_section(build, href))
    reports = build / "reports"
    errata = reports / "errata.html"
    items = [f'<li><a href="{href(errata)}">The errata</a>: every inconsistency, its causes</li>']
    items.append(_claims_page(build, href))
    formats = [
        f'<a href="{href(p)}">{html.escape(p.suffix[1:].upper())}</a>'
        for p in sorted(reports.glob("claims.*"))
    ]
    if formats:
        items.append(
            f"<li>The check's report, every claim with its figures: {', '.join(formats)}</li>"
        )
    headline = html.escape(summary_line(list(project_claims())))
    sections.append(f"<h2>Verdicts</h2><p>{headline}.</p><ul>{''.join(items)}</ul>")
    notebooks = sorted((build / "notebooks").glob("*.html"))
    listed = "".join(f'<li><a href="{href(p)}">{html.escape(p.stem)}</a></li>' for p in notebooks)
    sections.append(f"<h2>Notebooks</h2><ul>{listed or '<li>not built: run make</li>'}</ul>")
    sections.append(_catalog(pkg))
    return atomic_write(build / "index.html", _page(f"{title}: the build", "".join(sections)))


def _tables_section(build: Path, href: object) -> str:
    """One page per printed table, as printed (the article's layout and text)."""
    from tables.views import cell_key_html, printed_table, printed_tables

    items = []
    for name in printed_tables():
        page = build / "site" / f"{name}.html"
        styled = printed_table(name)
        atomic_write(
            page,
            _page(
                name, '<p><a href="../index.html">back</a></p>' + styled.to_html() + cell_key_html()
            ),
        )
        items.append(f'<li><a href="{href(page)}">{html.escape(name)}</a></li>')  # type: ignore[operator]
    return f"<h2>Tables as printed</h2><ul>{''.join(items)}</ul>"


def _claims_page(build: Path, href: object) -> str:
    """Every checked claim in one table, sortable by a click on a head and filterable."""
    from collections import Counter

    from tables.claims import project_claims
    from tables.report import number, summary_line, tested_against

    heads = (
        "id", "article", "kind", "verdict", "stated", "tested against", "computed", "unit",
        "quote", "why",
    )  # fmt: skip
    rows = []
    claims = project_claims()
    for c in claims:
        computed = c.computed.point if c.computed else None
        cells = (
            c.id,
            c.row["article"],
            c.row["kind"],
            c.verdict,
            c.row["stated_printed"],  # blank: the claim is the data's own
            tested_against(c),
            number(computed, c.row["unit"]) if computed is not None else "-",
            c.row["unit"],
            c.row["quote"],
            c.why or c.row["explanation"],
        )
        rows.append(
            f'<tr data-verdict="{html.escape(c.verdict)}">'
            + "".join(f"<td>{html.escape(str(x))}</td>" for x in cells)
            + "</tr>"
        )
    head = "".join(f'<th data-sort="{h}">{h}</th>' for h in heads)
    options = "".join(
        f'<option value="{html.escape(v)}">{html.escape(v)} ({n})</option>'
        for v, n in Counter(c.verdict for c in claims).most_common()
    )
    body = (
        '<p><a href="../index.html">back</a></p><h1>Every checked claim</h1>'
        f"<p>{html.escape(summary_line(list(claims)))}.</p>"
        "<p>Click a column head to sort; choose a verdict or type to filter "
        f'(<span id="shown">{len(rows)}</span> shown). The computed figure must equal or '
        'satisfy "tested against" (the stated figure, or a bound: "&gt; 0" for a rise); '
        "\"why\" gives the check's reason, or the transcriber's note on the claim.</p>"
        f'<select id="verdict"><option value="">every verdict</option>{options}</select> '
        '<input id="filter" placeholder="filter: a word, an id">'
        f'<table id="claims"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    page = build / "site" / "claims.html"
    atomic_write(page, _page("Every checked claim", body, _SCRIPT))
    return f'<li><a href="{href(page)}">Every claim</a>, sortable and filterable</li>'  # type: ignore[operator]


def _catalog(pkg: object) -> str:
    """The package's resources (``tables.catalog``: title, rows, provenance) and its licence."""
    from tables.package import catalog

    rows = [
        f"<tr><td>{html.escape(r.name)}</td><td>{html.escape(str(r.title))}</td>"
        f"<td>{r.rows}</td><td>{html.escape(str(r.source))}</td></tr>"
        for r in catalog(pkg.directory).itertuples(index=False)  # type: ignore[attr-defined]
    ]
    licences = ", ".join(
        str(lic.get("name", ""))
        for lic in pkg.descriptor.get("licenses", [])  # type: ignore[attr-defined]
    )
    return (
        "<h2>The data</h2><table><tr><th>resource</th><th>title</th><th>rows</th>"
        f"<th>source</th></tr>{''.join(rows)}</table><p>Licence: {html.escape(licences)}</p>"
    )
