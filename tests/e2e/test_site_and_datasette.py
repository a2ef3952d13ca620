"""The static site and Datasette, in a browser: every page, link and image loads."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from e2e.helpers import SHOTS, free_port
from tables.claims import project_claims
from tables.package import open_package
from tables.paths import BUILD_DIR, ROOT


def _broken_images(page: object) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        "img", "els => els.filter(e => !(e.complete && e.naturalWidth > 0)).map(e => e.src)"
    )


def test_every_page_link_and_image_of_the_site_loads(browser: object) -> None:
    index = BUILD_DIR / "index.html"
    assert index.is_file(), "run make first (make e2e does)"
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(index.as_uri())
    page.screenshot(path=str(SHOTS / "site-index.png"), full_page=True)
    assert _broken_images(page) == []
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    assert len(links) > 40
    for link in links:
        path = Path(urllib.request.url2pathname(link.removeprefix("file://").split("#")[0]))
        assert path.is_file(), link
        if path.suffix == ".html":
            page.goto(link)
            assert _broken_images(page) == [], link
    claims = BUILD_DIR / "site" / "claims.html"
    page.goto(claims.as_uri())
    page.select_option("#verdict", "inconsistent")
    inconsistent = sum(c.verdict == "inconsistent" for c in project_claims())
    assert int(page.inner_text("#shown")) == inconsistent
    page.fill("#filter", "table2")  # and a word: only Table 2's inconsistent claims
    assert 0 < int(page.inner_text("#shown")) < inconsistent
    page.fill("#filter", "")
    page.click('th[data-sort="id"]')
    page.screenshot(path=str(SHOTS / "site-claims-filtered.png"))
    assert errors == []


def test_datasette_renders_every_table_and_the_faceted_claims(browser: object) -> None:
    database = BUILD_DIR / "e2e" / "tables.sqlite"
    metadata = BUILD_DIR / "e2e" / "tables.metadata.json"
    tables = [str(ROOT / ".venv" / "bin" / "tables"), "export", "sqlite", str(database)]
    subprocess.run([*tables, "--metadata", str(metadata)], check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            str(database),
            "--metadata",
            str(metadata),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1)  # loopback only
                break
            except OSError:
                time.sleep(0.1)
        page = browser.new_page()  # type: ignore[attr-defined]
        for name in open_package().names():
            response = page.goto(f"{base}/tables/{name}")
            assert response is not None and response.status == 200, name
            assert page.locator("table.rows-and-columns").count() == 1, name
        page.goto(f"{base}/tables/checked_claims")  # the facets the metadata declares
        facets = page.inner_text(".facet-results")
        assert "inconsistent" in facets and "consistent" in facets
        for facet in ("verdict", "kind", "article"):  # each shown once
            assert page.locator(f".facet-info[data-column='{facet}']").count() == 1, facet
        page.screenshot(path=str(SHOTS / "datasette-claims-facets.png"), full_page=True)
        page.goto(f"{base}/tables/footnotes")
        assert page.locator('a[href="/tables/articles/saveliev-pestushko"]').count() > 0
    finally:
        server.terminate()
        server.wait(timeout=10)
