"""What a build step's output depends on, so that a rebuild redoes only what changed.

Two kinds of input, found the way a compiler's ``-MD`` finds headers rather
than listed by hand:

- code: the source files of the module that draws a figure (or that a
  notebook imports from), and of every ``tables`` module those import,
  directly or inside a function, found by reading the source (``ast``). A name
  imported from a package (``from tables.figures import table3_boats``) is
  followed to the module that defines it, so a figure does not depend on its
  siblings; the package's ``__init__`` file counts as an input itself.
- data: every file under the package folder that the drawing actually opened,
  seen through Python's audit hook (``open`` events) while it ran.

``write_record`` keeps both, with their SHA-256 digests and the versions of
the libraries that draw, beside the output; ``stale`` says whether the output
must be made again. ``make_fragment`` writes the same inputs as a Make
variable, so that a ``make`` with nothing changed starts no Python at all.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import importlib.util
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import ModuleType

__all__ = [
    "READS_LOG",
    "RECORDS",
    "code_files",
    "digest",
    "environment",
    "imported_modules",
    "make_fragment",
    "record_of",
    "record_reads_to",
    "recorded_files",
    "recording_reads",
    "stale",
    "write_folder_fragment",
    "write_record",
]

#: The folder, inside an output folder, where each output's record is kept.
RECORDS = ".inputs"
#: Set in a notebook kernel's environment: ``tables`` then logs each data file it opens there.
READS_LOG = "TABLES_RECORD_READS"

#: The import root whose modules are followed; anything else is a locked library.
_ROOT_PACKAGE = __name__.split(".")[0]

#: Libraries whose versions change what a figure or a notebook shows.
_DRAWING_LIBRARIES = ("matplotlib", "numpy", "pandas", "PIL", "seaborn", "nbconvert")


def _source(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    return Path(spec.origin) if spec is not None and spec.origin else None


def _is_ours(module: str) -> bool:
    return module == _ROOT_PACKAGE or module.startswith(_ROOT_PACKAGE + ".")


def _imports(path: Path, module: str) -> Iterator[tuple[str, list[str]]]:
    """(module, names) for every import in the file, type-checking-only blocks left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            yield base, [alias.name for alias in node.names]


def _defining_modules(base: str, names: list[str]) -> list[str]:
    """The modules that ``from base import names`` really runs code from.

    A submodule is itself; a function or class is the module that defines it;
    a constant re-exported by a package is the module the package took it
    from; anything else defined in the package is the package.
    """
    if not names:
        return [base]
    found = []
    for name in names:
        if _is_package(base) and importlib.util.find_spec(f"{base}.{name}") is not None:
            found.append(f"{base}.{name}")
            continue
        owner = getattr(importlib.import_module(base), name, None)
        where = getattr(owner, "__module__", None)
        if isinstance(where, str) and _is_ours(where) and not isinstance(owner, ModuleType):
            found.append(where)
            continue
        found.append(_reexported_from(base, name) or base)
    return found


def _reexported_from(package: str, name: str) -> str | None:
    path = _source(package)
    if path is None or path.name != "__init__.py":
        return None
    for module, names in _imports(path, package):
        if name in names and _is_ours(module):
            return module
    return None


def _is_package(module: str) -> bool:
    spec = importlib.util.find_spec(module)
    return spec is not None and spec.submodule_search_locations is not None


@cache
def _closure(module: str) -> frozenset[Path]:
    files: set[Path] = set()
    todo, seen = [module], set()
    while todo:
        current = todo.pop()
        if current in seen or not _is_ours(current):
            continue
        seen.add(current)
        path = _source(current)
        if path is None:
            continue
        files.add(path)
        parts = current.split(".")
        for depth in range(1, len(parts)):  # parents run their __init__ first: an input too
            parent = _source(".".join(parts[:depth]))
            if parent is not None:
                files.add(parent)
        for base, names in _imports(path, current):
            if _is_ours(base):
                todo.extend(_defining_modules(base, names))
    return frozenset(files)


def code_files(modules: Iterable[str]) -> set[Path]:
    """Source files of ``modules`` and of every module of this package they import."""
    return set().union(*(_closure(m) for m in modules))


def imported_modules(source: str) -> list[str]:
    """The modules of this package that a piece of code (a notebook cell) runs code from."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if _is_ours(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and _is_ours(node.module):
            found += _defining_modules(node.module, [a.name for a in node.names])
    return found


# -- data actually read ----------------------------------------------------------

_recorders: list[tuple[Path, set[Path]]] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event != "open" or not _recorders or not isinstance(args[0], str | Path):
        return
    path = Path(args[0])
    for folder, seen in _recorders:
        if path.is_absolute() and path.is_relative_to(folder):
            seen.add(path)


_hooked = False


@contextmanager
def recording_reads(folder: Path) -> Iterator[set[Path]]:
    """Collect every file under ``folder`` opened inside the block (audit hook, no patching)."""
    global _hooked
    if not _hooked:
        sys.addaudithook(_audit)  # hooks cannot be removed: it stays idle outside blocks
        _hooked = True
    seen: set[Path] = set()
    _recorders.append((folder.resolve(), seen))
    try:
        yield seen
    finally:
        _recorders.pop()


def record_reads_to(folder: Path, log: Path) -> None:
    """In another process (a notebook's kernel): append each file under ``folder`` it opens.

    If the log cannot be written, it is removed and no more is written: the
    build then keeps no record of that run, and runs it again next time.
    """
    root = folder.resolve()
    written: set[Path] = set()
    broken = False

    def audit(event: str, args: tuple[object, ...]) -> None:
        nonlocal broken
        if broken or event != "open" or not isinstance(args[0], str | Path):
            return
        path = Path(args[0])
        if path.is_absolute() and path.is_relative_to(root) and path not in written:
            written.add(path)
            try:
                with open(log, "a", encoding="utf-8") as stream:
                    stream.write(f"{path}\n")
            except OSError:  # a hook must never break what it watches
                broken = True
                log.unlink(missing_ok=True)

    sys.addaudithook(audit)


# -- records ----------------------------------------------------------------------


def digest(path: Path) -> str | None:
    """SHA-256 of a file's bytes; None when it is gone."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@cache
def environment() -> dict[str, str]:
    """Python and the versions of the libraries that draw: a change redoes every output."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": sys.version.split()[0]}
    for name in _DRAWING_LIBRARIES:
        try:
            found[name] = version("pillow" if name == "PIL" else name)
        except PackageNotFoundError:
            found[name] = "-"
    return found


def write_record(
    record: Path,
    inputs: Iterable[Path],
    outputs: Iterable[Path],
    settings: dict[str, object] | None = None,
) -> None:
    """Remember what an output was made from (files, and ``settings`` such as a figure
    profile's), to compare against next time."""
    from tables.io import atomic_write

    body = {
        "settings": settings or {},
        "environment": environment(),
        "inputs": {str(p): digest(p) for p in sorted(set(inputs))},
        "outputs": sorted(str(p) for p in outputs),
    }
    atomic_write(record, json.dumps(body, indent=1, sort_keys=True) + "\n")


def stale(record: Path, outputs: Iterable[Path], settings: dict[str, object] | None = None) -> bool:
    """True unless every output exists, every recorded input still has its digest, and
    the output was made with these ``settings``."""
    try:
        body = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    if body.get("settings", {}) != json.loads(json.dumps(settings or {})):
        return True
    if body.get("environment") != environment():
        return True
    if sorted(str(p) for p in outputs) != body.get("outputs"):
        return True
    if not all(Path(p).is_file() for p in body["outputs"]):
        return True
    return any(digest(Path(p)) != d for p, d in body.get("inputs", {}).items())


def recorded_files(records: Iterable[Path]) -> set[Path]:
    """Every input and output named in these records: for Make, a change to the first or the
    loss of the second reruns the step."""
    found: set[Path] = set()
    for record in records:
        try:
            body = json.loads(record.read_text(encoding="utf-8"))
            found |= {Path(p) for p in body["inputs"]} | {Path(p) for p in body["outputs"]}
        except (OSError, ValueError, KeyError):
            continue
    return found


def record_of(out: Path, name: str) -> Path:
    """Where the record of output ``name`` in folder ``out`` is kept."""
    return out / RECORDS / f"{name}.json"


def write_folder_fragment(out: Path, fragment: Path, variable: str) -> None:
    """Every input and output recorded in folder ``out``, as the Make variable ``variable``."""
    make_fragment(fragment, variable, recorded_files(sorted((out / RECORDS).glob("*.json"))))


def make_fragment(fragment: Path, variable: str, inputs: Iterable[Path]) -> None:
    """``VARIABLE := inputs`` for Make, with an empty rule per input so a deleted file
    rebuilds instead of stopping Make ("no rule to make target")."""
    from tables.io import atomic_write

    names = sorted({_make_name(p) for p in inputs})
    lines = [f"{variable} := \\\n  " + " \\\n  ".join(names) + "\n"]
    lines += [f"{name}:\n" for name in names]
    atomic_write(fragment, "".join(lines))


def _make_name(path: Path) -> str:
    """A path as Make should see it: relative to the working folder when inside it."""
    path = path.resolve()
    here = Path.cwd().resolve()
    shown = path.relative_to(here) if path.is_relative_to(here) else path
    return str(shown).replace(" ", "\\ ")
