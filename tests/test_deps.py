"""The incremental build: what each output depends on, and what a rebuild redoes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tables import deps
from tables.deps import code_files, make_fragment, recording_reads, stale, write_record
from tables.paths import ROOT

SRC = ROOT / "src" / "tables"


def names(files: set[Path]) -> set[str]:
    return {p.relative_to(SRC).as_posix() for p in files}


def test_a_figure_depends_on_its_module_not_on_its_siblings() -> None:
    fisheries = names(code_files(["tables.figures.fisheries"]))
    assert {"figures/fisheries.py", "figures/style.py", "figures/_data.py"} <= fisheries
    assert "figures/__init__.py" in fisheries  # run first, so an input, but not followed
    assert "figures/arms.py" not in fisheries and "claims/check.py" not in fisheries


def test_a_figure_that_shows_verdicts_depends_on_the_checker() -> None:
    trade = names(code_files(["tables.figures.trade"]))
    assert {"claims/check.py", "claims/precision.py", "figures/_checked.py"} <= trade


def test_imports_inside_functions_count_and_type_checking_imports_do_not(
    tmp_path: Path,
) -> None:
    from tables.deps import _imports

    module = tmp_path / "module.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import sibling\n"
        "if TYPE_CHECKING:\n"
        "    from tables.claims import CheckedClaim\n"
        "def draw():\n"
        "    from tables.package import load\n",
        encoding="utf-8",
    )
    found = dict(_imports(module, "tables.figures.module"))
    assert found["tables.package"] == ["load"]  # inside a function: counted
    assert found["tables.figures"] == ["sibling"]  # relative: resolved against its package
    assert "tables.claims" not in found  # for type hints only: not an input
    # and on the real modules: _data.py reads the package inside a function
    assert "package.py" in names(code_files(["tables.figures._data"]))
    assert "claims/check.py" not in names(code_files(["tables.figures._data"]))
    assert "claims/check.py" in names(code_files(["tables.figures._checked"]))


def test_a_notebook_depends_on_the_figures_it_draws() -> None:
    from tables.notebooks import NOTEBOOKS_DIR, _code_inputs

    inputs = names({p for p in _code_inputs(NOTEBOOKS_DIR / "02_fisheries_and_boats.ipynb")
                    if p.is_relative_to(SRC)})  # fmt: skip
    assert "figures/fisheries.py" in inputs and "figures/arms.py" not in inputs


def test_reads_are_recorded_inside_the_folder_only(tmp_path: Path) -> None:
    inside, outside = tmp_path / "pkg" / "a.csv", tmp_path / "b.csv"
    inside.parent.mkdir()
    inside.write_text("x", encoding="utf-8")
    outside.write_text("y", encoding="utf-8")
    with recording_reads(inside.parent) as seen:
        inside.read_text(encoding="utf-8")
        outside.read_text(encoding="utf-8")
    inside.read_text(encoding="utf-8")  # after the block: not recorded anywhere
    assert seen == {inside.resolve()}


def test_a_record_is_stale_when_an_input_or_output_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, output, record = tmp_path / "in.csv", tmp_path / "out.png", tmp_path / "r.json"
    source.write_text("a,b\n", encoding="utf-8")
    output.write_bytes(b"png")
    write_record(record, [source], [output])
    assert not stale(record, [output])
    source.write_text("a,b\n", encoding="utf-8")  # rewritten, same bytes: still fresh
    assert not stale(record, [output])
    source.write_text("a,c\n", encoding="utf-8")
    assert stale(record, [output])
    write_record(record, [source], [output])
    output.unlink()
    assert stale(record, [output])
    output.write_bytes(b"png")
    assert not stale(record, [output])
    assert stale(record, [output, tmp_path / "out.svg"])  # another format asked for
    monkeypatch.setattr(deps, "environment", lambda: {"matplotlib": "0.0"})
    assert stale(record, [output])
    record.write_text("not json", encoding="utf-8")
    assert stale(record, [output])


def test_build_redraws_only_a_figure_whose_input_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tables.cli import main
    from tables.deps import RECORDS
    from tables.figures.build import build

    command = ["figures", "--out", str(tmp_path), "--only", "table3_boats", "populations"]
    assert main(command) == 0
    lines = capsys.readouterr().out.splitlines()
    assert sorted(line.split()[0] for line in lines[:2]) == ["populations", "table3_boats"]
    assert all(line.endswith(" s") for line in lines[:2]), "each figure's time as it ends"
    assert lines[2].startswith("2 figure(s) drawn, 0 up to date; 6 files")
    assert main(command) == 0
    assert capsys.readouterr().out.startswith("0 figure(s) drawn, 2 up to date")
    record = tmp_path / RECORDS / "table3_boats.json"
    body = json.loads(record.read_text(encoding="utf-8"))
    module = str(SRC / "figures" / "fisheries.py")
    assert module in body["inputs"] and str(SRC / "figures" / "arms.py") not in body["inputs"]
    assert any(p.endswith("table3_fishing_boats.csv") for p in body["inputs"])
    body["inputs"][module] = "0" * 64  # as if fisheries.py had been edited since
    record.write_text(json.dumps(body), encoding="utf-8")
    third = build(tmp_path, only=["table3_boats", "populations"])
    assert [r.drawn for r in third] == [True, False]


def test_every_figure_records_the_data_it_read_even_after_another(tmp_path: Path) -> None:
    """One worker, three figures in turn: each records its own reads (no cache between them)."""
    from tables.deps import RECORDS
    from tables.figures.build import build

    build(tmp_path, only=["table1_payments", "table2_debts", "claims_overview"], workers=1)

    def reads(name: str) -> set[str]:
        body = json.loads((tmp_path / RECORDS / f"{name}.json").read_text(encoding="utf-8"))
        return {Path(p).name for p in body["inputs"] if "/data/" in p}

    for name in ("table1_payments", "table2_debts", "claims_overview"):
        assert {"claims.csv", "datapackage.json"} <= reads(name), name
    assert "table2_debts_to_japan.csv" in reads("table2_debts")
    assert "table5_transit_vladivostok.csv" in reads("claims_overview")  # through the claims


def test_a_figure_that_cannot_be_drawn_says_why_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Data that pass validation but break a figure: one line, exit 1, no traceback."""
    from tables.cli import main
    from tables.figures import build as building
    from tables.figures.profiles import profile
    from tables.package import PackageError

    default = profile("default")

    def missing_year(**_layout: object) -> None:
        raise KeyError(1914)

    def bad_cell(**_layout: object) -> None:
        raise PackageError("table4_fisheries.csv:4:value: 'abc' is not of type integer")

    monkeypatch.setattr(building, "still_dispatched", list)  # this test process is not pinned
    monkeypatch.setitem(building.FIGURES, "broken", (missing_year, "a figure that fails"))
    monkeypatch.setitem(building.FIGURES, "unread", (bad_cell, "a figure on bad data"))
    _files, _reads, _seconds, error = building._draw("broken", str(tmp_path), ["svg"], "/", default)
    assert error == "KeyError: 1914"
    _files, _reads, _seconds, error = building._draw("unread", str(tmp_path), ["svg"], "/", default)
    assert error == "table4_fisheries.csv:4:value: 'abc' is not of type integer"

    def failing_build(*args: Any) -> list[building.Drawn]:
        broken = building.Drawn("broken", (), 0.1, drawn=False, error="KeyError: 1914")
        args[5](broken)  # the progress callback, as each figure ends
        return [broken]

    monkeypatch.setattr(building, "build", failing_build)
    assert main(["figures", "--out", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "broken" in captured.out and "cannot be drawn: KeyError: 1914" in captured.out
    assert "could not be drawn" in captured.err and "Traceback" not in captured.err


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_reads_a_fragment_as_prerequisites(tmp_path: Path) -> None:
    data = tmp_path / "data.csv"
    data.write_text("x\n", encoding="utf-8")
    make_fragment(tmp_path / "deps.mk", "STEP_INPUTS", [data])
    (tmp_path / "Makefile").write_text(
        "-include deps.mk\nstamp: $(STEP_INPUTS)\n\ttouch stamp\n", encoding="utf-8"
    )

    def up_to_date() -> bool:
        return subprocess.run(["make", "-q", "stamp"], cwd=tmp_path).returncode == 0

    subprocess.run(["make", "-s", "stamp"], cwd=tmp_path, check=True)
    assert up_to_date()
    os.utime(data, ns=(data.stat().st_mtime_ns + 10**9,) * 2)
    assert not up_to_date()
    subprocess.run(["make", "-s", "stamp"], cwd=tmp_path, check=True)
    data.unlink()  # a deleted input reruns the step instead of stopping make
    result = subprocess.run(["make", "stamp"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0 and "No rule to make target" not in result.stderr


def test_a_notebooks_kernel_records_the_data_it_reads(tmp_path: Path) -> None:
    """The kernel is another process: it logs its own reads, and the record keeps them."""
    import nbformat

    from tables.deps import record_of
    from tables.notebooks import KERNEL, export_all

    book = nbformat.v4.new_notebook()
    book.metadata["kernelspec"] = {"name": KERNEL, "display_name": KERNEL, "language": "python"}
    book.cells.append(nbformat.v4.new_code_cell('import tables\nlen(tables.load("populations"))'))
    path = tmp_path / "reader.ipynb"
    nbformat.write(book, path)
    out = tmp_path / "out"
    first = export_all(out, paths=[path])
    assert [(r.ran, r.problems) for r in first] == [(True, ())]
    inputs = json.loads(record_of(out, "reader").read_text(encoding="utf-8"))["inputs"]
    data = sorted(Path(p).name for p in inputs if "/data/" in p)
    assert data == ["datapackage.json", "populations.csv", "quantity.schema.json"]  # its schema too
    assert str(path) in inputs and str(SRC / "package.py") in inputs
    assert [r.ran for r in export_all(out, paths=[path])] == [False]
