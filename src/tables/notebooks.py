"""Run the notebooks as a build step: execute each, refuse errors and warnings, export HTML.

Notebooks live in ``notebooks/`` without outputs. Executing them here (and in
the tests) uses a kernel on this project's own interpreter, registered under
one name inside the project's environment, so that a ``python3`` kernel
elsewhere on the Jupyter path can never run them instead. The kernel computes
with the same pinned maths as the figure workers, so a figure a notebook shows
is the paper figure's PNG, byte for byte.

A build re-executes only the notebooks whose inputs changed: the notebook, the
modules it imports from (``tables.deps``), and the data files its kernel read.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tables.deps import READS_LOG, record_of
from tables.io import atomic_write, remove_leftovers
from tables.paths import ROOT

__all__ = [
    "KERNEL",
    "NOTEBOOKS_DIR",
    "NotebookProblem",
    "Ran",
    "execute",
    "export_all",
    "notebooks",
    "problems_in",
]

NOTEBOOKS_DIR = ROOT / "notebooks"
KERNEL = "russo-japanese-tables"
TIMEOUT = 300


@dataclass(frozen=True)
class NotebookProblem:
    """An error or a warning a notebook printed, located by cell."""

    notebook: str
    cell: int
    message: str

    def __str__(self) -> str:
        return f"{self.notebook}:cell {self.cell}: {self.message}"


def notebooks() -> list[Path]:
    """The project's notebooks, in their numbered order."""
    return sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def ensure_kernel() -> str:
    """Register this interpreter as the project's kernel inside its environment (idempotent),
    with the figure workers' pinned maths in its environment."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    from tables.pinned import pinned_maths

    env = pinned_maths()
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
        same_python = spec.argv and Path(spec.argv[0]).resolve() == Path(sys.executable).resolve()
        if same_python and spec.env == env:
            return KERNEL
    except NoSuchKernel:
        pass
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL, display_name=f"Python ({KERNEL})", prefix=sys.prefix, env=env)
    return KERNEL


def execute(path: Path) -> Any:
    """Execute one notebook in its folder; return the executed notebook (not written anywhere).

    Execution stops at the first cell that raises; its error stays in the
    returned notebook's outputs, where ``problems_in`` finds it with its cell.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name=ensure_kernel(),
        resources={"metadata": {"path": str(path.parent)}},
        extra_arguments=["--log-level=ERROR"],
        shutdown_kernel="immediate",  # nothing to wait for: outputs and read logs are written
    )
    with contextlib.suppress(CellExecutionError):  # reported from the cell's error output
        client.execute()
    return notebook


def problems_in(notebook: Any, name: str) -> list[NotebookProblem]:
    """Every error output, stderr stream and printed warning of an executed notebook."""
    found = []
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            text = output.get("text", "") if kind == "stream" else ""
            if kind == "error":
                found.append(
                    NotebookProblem(name, number, f"{output['ename']}: {output['evalue']}")
                )
            elif kind == "stream" and output.get("name") == "stderr":
                found.append(
                    NotebookProblem(name, number, f"printed to stderr: {text.strip()[:200]}")
                )
            elif "Warning" in text or "warning" in text:
                found.append(
                    NotebookProblem(name, number, f"printed a warning: {text.strip()[:200]}")
                )
    return found


@dataclass(frozen=True)
class Ran:
    """One notebook of a build: its problems, and whether it ran now or was up to date."""

    name: str
    problems: tuple[str, ...]
    seconds: float
    ran: bool


@functools.cache
def _exporter() -> Any:
    """One HTML exporter per worker: its templates are compiled once."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab")


def _run_and_export(path: Path, out: Path) -> tuple[list[str], list[str] | None, float]:
    """In a worker: execute, check and export one notebook; return problems, reads, seconds."""
    start = time.perf_counter()
    log = record_of(out, path.stem).with_suffix(".reads").resolve()  # the kernel runs elsewhere
    log.parent.mkdir(parents=True, exist_ok=True)
    log.unlink(missing_ok=True)
    os.environ[READS_LOG] = str(log)  # this worker runs one notebook at a time
    try:
        notebook = execute(path)
    finally:
        del os.environ[READS_LOG]
    problems = [str(p) for p in problems_in(notebook, path.name)]
    body, _resources = _exporter().from_notebook_node(notebook)
    atomic_write(out / f"{path.stem}.html", body)
    # No log: the kernel read no data, or could not say what it read. Either way no
    # record is kept, so the notebook runs again next time rather than going stale.
    reads = log.read_text(encoding="utf-8").splitlines() if log.exists() else None
    log.unlink(missing_ok=True)
    return problems, reads, time.perf_counter() - start


def _code_inputs(path: Path) -> set[Path]:
    """The notebook and the source of every module its cells import from."""
    import json

    from tables.deps import code_files, imported_modules

    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    modules = [
        module
        for cell in cells
        if cell.get("cell_type") == "code"
        for module in imported_modules("".join(cell.get("source", "")))
    ]
    return {path, Path(__file__)} | code_files(modules)  # this file: how it is run and exported


def export_all(
    out: Path,
    workers: int = 2,
    force: bool = False,
    progress: Callable[[Ran], None] | None = None,
    paths: list[Path] | None = None,
) -> list[Ran]:
    """Execute every notebook whose inputs changed (in parallel), write NAME.html into ``out``.

    ``force`` runs them all; ``progress`` hears of each as it finishes; ``paths``
    are the notebooks to run (default: the project's).
    """
    from tables.deps import stale, write_record

    ensure_kernel()
    out.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    paths = notebooks() if paths is None else paths
    results: dict[str, Ran] = {}
    todo = []
    for path in paths:
        html = out / f"{path.stem}.html"
        if force or stale(record_of(out, path.stem), [html]):
            todo.append(path)
        else:
            results[path.name] = Ran(path.name, (), 0.0, ran=False)
    if todo:
        with ProcessPoolExecutor(max_workers=max(1, min(workers, len(todo)))) as pool:
            futures = {pool.submit(_run_and_export, path, out): path for path in todo}
            for future in as_completed(futures):
                path = futures[future]
                problems, reads, seconds = future.result()
                if not problems and reads is not None:  # else it runs again next time
                    inputs = _code_inputs(path) | {Path(r) for r in reads}
                    write_record(record_of(out, path.stem), inputs, [out / f"{path.stem}.html"])
                results[path.name] = Ran(path.name, tuple(problems), seconds, ran=True)
                if progress is not None:
                    progress(results[path.name])
    return [results[p.name] for p in paths]
