"""Run the notebooks as a build step: execute each, refuse errors and warnings, export HTML.

Notebooks live in ``notebooks/`` without outputs. Executing them here (and in
the tests) uses a kernel on this project's own interpreter, registered under
one name inside the project's environment, so that a ``python3`` kernel
elsewhere on the Jupyter path can never run them instead.
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tables.io import atomic_write, remove_leftovers
from tables.paths import ROOT

__all__ = [
    "KERNEL",
    "NOTEBOOKS_DIR",
    "NotebookProblem",
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
    """Register this interpreter as the project's kernel inside its environment (idempotent)."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
        if spec.argv and Path(spec.argv[0]).resolve() == Path(sys.executable).resolve():
            return KERNEL
    except NoSuchKernel:
        pass
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL, display_name=f"Python ({KERNEL})", prefix=sys.prefix)
    return KERNEL


def execute(path: Path) -> Any:
    """Execute one notebook in its folder; return the executed notebook (not written anywhere)."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name=ensure_kernel(),
        resources={"metadata": {"path": str(path.parent)}},
        extra_arguments=["--log-level=ERROR"],
    )
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


def _run_and_export(path: Path, out: Path) -> list[str]:
    from nbconvert import HTMLExporter

    notebook = execute(path)
    problems = [str(p) for p in problems_in(notebook, path.name)]
    body, _resources = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    atomic_write(out / f"{path.stem}.html", body)
    return problems


def export_all(out: Path, workers: int = 2) -> list[str]:
    """Execute every notebook (in parallel) and write NAME.html into ``out``; return problems."""
    ensure_kernel()
    remove_leftovers(out)
    paths = notebooks()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_run_and_export, paths, [out] * len(paths)))
    return [problem for result in results for problem in result]
