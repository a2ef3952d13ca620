"""Floor for ``tables notebooks``: N trivial notebooks through the project's own executor.

    python benchmarks/floor_notebooks.py --count N --out DIR

Writes N notebooks of one code cell (``1+1``, kernel ``russo-japanese-tables``)
into DIR/src and runs them exactly as ``tables notebooks`` runs the real ones,
HTML export included, so the gap between the two is the notebooks' own work
(imports, data, figures), not kernel start-up or nbclient/nbconvert overhead:

* if ``tables.notebooks.export_all`` accepts a folder or a list of notebooks,
  it is called with the trivial ones (and ``force=True`` if it has that);
* otherwise each notebook goes through ``tables.notebooks.execute`` (the same
  nbclient client, kernel, timeout and working folder), ``problems_in`` and
  the same HTML exporter, in a process pool as wide as ``export_all``'s.
"""

from __future__ import annotations

import argparse
import inspect
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

#: Parameter names under which a newer ``export_all`` may take the notebooks to run.
FOLDER_PARAMETERS = ("notebooks_dir", "folder", "source", "src")
LIST_PARAMETERS = ("paths", "notebooks")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True, help="how many trivial notebooks")
    parser.add_argument("--out", type=Path, required=True, help="folder for sources and HTML")
    args = parser.parse_args()

    from tables import notebooks as project

    source = args.out / "src"
    html = args.out / "html"
    paths = write_trivial(source, args.count, project.KERNEL)
    problems = run(project, source, paths, html)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def write_trivial(folder: Path, count: int, kernel: str) -> list[Path]:
    """N notebooks with a single ``1+1`` cell, on the project's kernel."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        notebook = new_notebook(cells=[new_code_cell("1+1")])
        notebook.metadata["kernelspec"] = {
            "name": kernel,
            "display_name": f"Python ({kernel})",
            "language": "python",
        }
        path = folder / f"{number:02d}_trivial.ipynb"
        nbformat.write(notebook, path)
        paths.append(path)
    return paths


def run(project, source: Path, paths: list[Path], out: Path) -> list[str]:
    """Run the notebooks with the project's code, reusing ``export_all`` when it allows."""
    parameters = inspect.signature(project.export_all).parameters
    # An incremental export_all must not skip the work: ask it to redo everything.
    force = {"force": True} if "force" in parameters else {}
    for name in FOLDER_PARAMETERS:
        if name in parameters:
            return list(project.export_all(out, **{name: source}, **force))
    for name in LIST_PARAMETERS:
        if name in parameters:
            return list(project.export_all(out, **{name: paths}, **force))
    workers = parameters["workers"].default if "workers" in parameters else 2
    project.ensure_kernel()
    out.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_run_and_export, paths, [out] * len(paths)))
    return [problem for result in results for problem in result]


def _run_and_export(path: Path, out: Path) -> list[str]:
    """What ``tables.notebooks._run_and_export`` does: execute, collect problems, write HTML."""
    from nbconvert import HTMLExporter

    from tables.notebooks import execute, problems_in

    notebook = execute(path)
    problems = [str(p) for p in problems_in(notebook, path.name)]
    body, _resources = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    (out / f"{path.stem}.html").write_text(body, encoding="utf-8")
    return problems


if __name__ == "__main__":
    raise SystemExit(main())
