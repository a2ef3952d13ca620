"""Browser tests: JupyterLab, the static site and Datasette, driven through Debian's chromium.

They run with ``make e2e`` (which builds what they look at, installs chromium if it is
absent, and sets ``TABLES_E2E=1``); ``make test`` skips them. Screenshots go to
``build/e2e/``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from e2e.helpers import SHOTS


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("TABLES_E2E") == "1":
        return
    skip = pytest.mark.skip(reason="browser test: run with make e2e")
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("chromium is not installed: make e2e installs it (apt-get install chromium)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()
