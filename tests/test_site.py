"""The static site: every figure shown, each table as printed, the claims, the catalog; every
link and image it holds points at a file that is there."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tables.figures import FIGURES
from tables.site import write_index
from tables.views import printed_tables


def _build(tmp_path: Path) -> Path:
    build = tmp_path / "build"
    for name in FIGURES:
        for fmt in ("png", "svg", "pdf"):
            (build / "figures").mkdir(parents=True, exist_ok=True)
            (build / "figures" / f"{name}.{fmt}").write_bytes(b"x")
    (build / "reports").mkdir()
    for report in ("errata.html", "claims.json", "claims.csv"):
        (build / "reports" / report).write_text("x", encoding="utf-8")
    (build / "notebooks").mkdir()
    (build / "notebooks" / "00_overview.html").write_text("x", encoding="utf-8")
    write_index(build)
    return build


def test_every_link_and_image_of_the_site_is_there(tmp_path: Path) -> None:
    build = _build(tmp_path)
    pages = [build / "index.html", *sorted((build / "site").glob("*.html"))]
    assert len(pages) == 2 + len(printed_tables())  # index, claims, one per printed table
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="([^"#]+)"', text):
            assert (page.parent / target).resolve().is_file(), f"{page.name}: {target}"


def test_the_index_shows_every_figure_and_lists_the_data(tmp_path: Path) -> None:
    page = (_build(tmp_path) / "index.html").read_text(encoding="utf-8")
    for name in FIGURES:
        assert f'<img src="figures/{name}.png"' in page
        assert f'href="figures/{name}.svg"' in page and f'href="figures/{name}.pdf"' in page
    assert "<h2>The data</h2>" in page and "Licence: CC-BY-4.0" in page
    assert 'href="site/claims.html"' in page and 'href="reports/errata.html"' in page


def test_the_claims_page_holds_every_claim_and_sorts_and_filters(tmp_path: Path) -> None:
    from tables.claims import project_claims

    claims = project_claims()
    page = (_build(tmp_path) / "site" / "claims.html").read_text(encoding="utf-8")
    assert page.count("<tr") == len(claims) + 1
    assert 'th data-sort="verdict"' in page and 'id="filter"' in page
    assert "http" not in page.split("<script>")[1], "the script fetches nothing"
    # each row says its verdict (the verdict filter reads it) and why
    for verdict in {c.verdict for c in claims}:
        count = sum(c.verdict == verdict for c in claims)
        assert page.count(f'<tr data-verdict="{verdict}">') == count
        assert f'<option value="{verdict}">{verdict} ({count})</option>' in page
    assert 'th data-sort="why"' in page
    why = next(c for c in claims if c.verdict == "inconsistent").row["explanation"]
    assert html.escape(why) in page


def test_the_site_is_the_same_bytes_each_build(tmp_path: Path) -> None:
    """No random ids (pandas' Styler draws one per table unless told): a rebuild changes
    nothing, so the site a paper links to can be checked by its hashes."""
    first = _build(tmp_path / "a")
    second = _build(tmp_path / "b")
    pages = sorted(p.relative_to(first) for p in first.rglob("*.html"))
    assert pages == sorted(p.relative_to(second) for p in second.rglob("*.html"))
    assert [p for p in pages if (first / p).read_bytes() != (second / p).read_bytes()] == []
