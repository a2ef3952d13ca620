"""Notebooks: stored without outputs, thin, and every one executes without errors or warnings."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from tables.notebooks import KERNEL, execute, notebooks, problems_in
from tables.paths import ROOT

NAMES = [p.name for p in notebooks()]
#: SHA-256 of every paper figure's PNG, as committed.
PAPER_PNGS = {
    line.split()[0]
    for line in (ROOT / "figures" / "default.sha256").read_text(encoding="utf-8").splitlines()
    if line.endswith(".png")
}


def test_every_topic_has_a_notebook() -> None:
    assert NAMES[0] == "00_overview.ipynb" and NAMES[7] == "07_errata.ipynb"
    assert NAMES[-1] == "08_tutorial_your_own_article.ipynb"
    assert len(NAMES) == 9


@pytest.mark.parametrize("name", NAMES)
def test_stored_without_outputs_and_thin(name: str) -> None:
    book = json.loads((notebooks()[NAMES.index(name)]).read_text(encoding="utf-8"))
    assert book["metadata"]["kernelspec"]["name"] == KERNEL
    for cell in book["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
            source = "".join(cell["source"])
            assert "sys.path" not in source, "notebooks import tables as installed"
            assert "def " not in source and "class " not in source, "logic belongs in src/tables"


@pytest.mark.parametrize("name", NAMES)
def test_executes_without_errors_or_warnings(name: str) -> None:
    path = notebooks()[NAMES.index(name)]
    executed = execute(path)
    assert [str(p) for p in problems_in(executed, name)] == []
    shown = [o for cell in executed.cells for o in cell.get("outputs", [])]
    assert shown, "a notebook that shows nothing"
    sources = ["".join(c.source) for c in executed.cells]
    calls_figures = any("from tables.figures import" in s for s in sources)
    calls_generic = any("from tables.figures.generic import" in s for s in sources)
    images = [o for o in shown if "image/png" in o.get("data", {})]
    assert bool(images) == (calls_figures or calls_generic), "every figure drawn is shown"
    for image in images if calls_figures else []:  # a paper figure: same size, crop, bytes
        digest = hashlib.sha256(base64.b64decode(image["data"]["image/png"])).hexdigest()
        assert digest in PAPER_PNGS, f"{name}: an image that is not a paper figure's PNG"
        assert image["metadata"]["image/png"]["width"] in (502, 1004)


def test_a_printed_warning_is_caught() -> None:
    import nbformat

    book = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="FutureWarning: soon\n"),
        nbformat.v4.new_output("stream", name="stderr", text="oops\n"),
    ]
    book.cells.append(cell)
    found = [str(p) for p in problems_in(book, "x.ipynb")]
    assert found == [
        "x.ipynb:cell 1: printed a warning: FutureWarning: soon",
        "x.ipynb:cell 1: printed to stderr: oops",
    ]


def test_site_index_links_notebooks_figures_and_reports(tmp_path: Path) -> None:
    from tables.figures import FIGURES
    from tables.site import write_index

    for folder, name in (("notebooks", "00_overview.html"), ("figures", "table1_payments.png"),
                         ("reports", "errata.html")):  # fmt: skip
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text("x", encoding="utf-8")
    page = write_index(tmp_path).read_text(encoding="utf-8")
    for link in ('href="notebooks/00_overview.html"', 'href="figures/table1_payments.png"',
                 'href="reports/errata.html"'):  # fmt: skip
        assert link in page
    assert all(name in page for name in FIGURES)


@pytest.mark.parametrize("name", [p.name for p in notebooks()])
def test_prose_types_no_figure_that_is_not_printed(name: str) -> None:
    """A number in a notebook's prose is a figure the articles print; a computed one is
    rendered from the checked claims (``what_the_data_show``), so it cannot go stale."""
    import csv
    import re

    from tables.paths import DATA_DIR

    printed = []
    for path in DATA_DIR.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                printed += [row.get(c) or "" for c in ("printed", "quote", "date_printed", "text")]
    corpus = " ".join(printed)
    cells = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))["cells"]
    typed = []
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for number in re.findall(r"\d[\d,]*(?:\.\d+)?", "".join(cell["source"])):
                if number.rstrip(",.") not in corpus:
                    typed.append(number)
    assert typed == []
