"""Floor for ``tables notebooks``: N trivial notebooks through the project's own executor.

    python benchmarks/floor_notebooks.py --count N --out DIR

Writes N notebooks of one code cell (``1+1``, kernel ``russo-japanese-tables``)
into DIR/src and runs them exactly as ``tables notebooks`` runs the real ones,
HTML export included (``tables.notebooks.export_all`` itself, with the same
workers), so the gap between the two is the notebooks' own work (imports,
data, figures), not kernel start-up or nbclient/nbconvert overhead.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True, help="how many trivial notebooks")
    parser.add_argument("--out", type=Path, required=True, help="folder for sources and HTML")
    args = parser.parse_args()

    from tables import notebooks as project

    source = args.out / "src"
    html = args.out / "html"
    paths = write_trivial(source, args.count, project.KERNEL)
    problems = run(project, paths, html)
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


def run(project, paths: list[Path], out: Path) -> list[str]:
    """Run the notebooks with the project's own executor, as ``tables notebooks --force``."""
    results = project.export_all(out, force=True, paths=paths)
    return [problem for result in results for problem in result.problems]


if __name__ == "__main__":
    raise SystemExit(main())
