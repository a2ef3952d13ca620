"""Draw the paper figures as a build step: only what changed, the same bytes on every machine.

Each figure is drawn in a process of its own, forked from a server that has
imported the drawing libraries but drawn nothing, with numerical libraries
pinned to the instruction set every x86-64 machine has (``tables.pinned``).
Without this, a value such as 254.6300825 came out as ...0000001 on one CPU
and ...4999996 on another, and the SVG printed 254.630083 on the first and
254.630082 on the second.

A figure is redrawn only when one of its inputs changed (``tables.deps``): its
module and the modules it imports, the data files it read, or the libraries'
versions. Every run ends with a ``SHA256SUMS`` manifest of the folder.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tables.deps import code_files, record_of, recording_reads, write_record
from tables.deps import stale as is_stale
from tables.figures import FIGURES
from tables.figures.profiles import FORMATS, RASTER, Profile, profile
from tables.figures.style import save
from tables.io import atomic_write, remove_leftovers
from tables.pinned import pinned_maths, still_dispatched

__all__ = [
    "MANIFEST",
    "PIXELS",
    "Drawn",
    "build",
    "manifest_text",
    "pixels_text",
    "verify",
]

MANIFEST = "SHA256SUMS"
#: The PNGs' decoded pixels: what a PNG must keep where another zlib compresses it otherwise.
PIXELS = "SHA256SUMS.pixels"


@dataclass(frozen=True)
class Drawn:
    """One figure of a build: its files, and whether it was drawn now or was up to date."""

    name: str
    files: tuple[Path, ...]
    seconds: float
    drawn: bool
    error: str | None = None


#: Imported once by the fork server, not once per figure (the PDF backend and fontTools'
#: subsetter alone cost a third of a second in every process that saves a PDF).
_PRELOAD = [
    "tables.figures.build",
    "pandas",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg",
    "matplotlib.backends.backend_pdf",
    "fontTools.subset",
    "PIL.PngImagePlugin",
]


@contextmanager
def _pinned_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Workers with pinned maths, each figure in a process of its own.

    They fork from a server started here, with the pinned environment, that has
    imported the drawing libraries once but drawn and read nothing; each figure
    gets a new fork (``max_tasks_per_child=1``), so no figure finds another's
    state or another's data already read and cached (whose reads the audit
    hook would then miss).
    """
    import multiprocessing

    pinned = pinned_maths()
    saved = {k: os.environ.get(k) for k in pinned}
    os.environ.update(pinned)
    try:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        with ProcessPoolExecutor(workers, mp_context=context, max_tasks_per_child=1) as pool:
            yield pool
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _draw(
    name: str, out: str, formats: list[str], data: str, settings: Profile
) -> tuple[list[str], list[str], float, str | None]:
    """In a worker: draw one figure in every format of the profile; return files, data
    read, seconds, and why it could not be drawn (None when it was)."""
    from functools import partial

    from tables.package import PackageError

    start = time.perf_counter()
    unpinned = still_dispatched()
    if unpinned:
        raise RuntimeError(f"figure worker not pinned: {', '.join(unpinned)} still on")
    try:
        with recording_reads(Path(data)) as reads:
            draw = partial(
                FIGURES[name][0],
                width=settings.width,
                font_size=settings.font_size,
                grayscale=settings.grayscale,
            )
            files = save(draw, Path(out) / name, formats, settings.dpi, settings.grayscale)
    except PackageError as exc:  # already located: file:row:column: what is wrong
        return [], [], time.perf_counter() - start, str(exc)
    except Exception as exc:  # data the figure cannot draw: said in one line, no traceback
        return [], [], time.perf_counter() - start, f"{type(exc).__name__}: {exc}"
    return [str(f) for f in files], sorted(str(r) for r in reads), time.perf_counter() - start, None


def build(
    out: Path,
    formats: Iterable[str] | None = None,
    only: Iterable[str] | None = None,
    workers: int = 2,
    force: bool = False,
    progress: Callable[[Drawn], None] | None = None,
    settings: Profile | None = None,
) -> list[Drawn]:
    """Draw the figures named in ``only`` (default all) whose inputs or settings changed,
    ``workers`` at a time, as the profile ``settings`` says (default: the default profile;
    ``formats`` overrides its formats); then write the manifest. ``force`` redraws all;
    ``progress`` hears of each as it ends. A figure that cannot be drawn keeps its previous
    files and record, and says why (``error``)."""
    from dataclasses import replace

    from tables.paths import DATA_DIR

    names = list(only) if only else list(FIGURES)
    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        raise KeyError(f"no figure named {', '.join(unknown)}; known: {', '.join(FIGURES)}")
    settings = settings or profile("default")
    if formats is not None:
        settings = replace(settings, formats=tuple(formats))
    formats = list(settings.formats)
    out.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    results: dict[str, Drawn] = {}
    todo = []
    for name in names:
        files = tuple(out / f"{name}.{fmt}" for fmt in formats)
        if force or is_stale(record_of(out, name), files, settings.settings()):
            todo.append(name)
        else:
            results[name] = Drawn(name, files, 0.0, drawn=False)
    if todo:
        with _pinned_pool(max(1, min(workers, len(todo)))) as pool:
            futures = {
                pool.submit(_draw, name, str(out), formats, str(DATA_DIR), settings): name
                for name in todo
            }
            for future in as_completed(futures):
                name = futures[future]
                files, reads, seconds, error = future.result()
                if error is not None:
                    results[name] = Drawn(name, (), seconds, drawn=False, error=error)
                    if progress is not None:
                        progress(results[name])
                    continue
                module = FIGURES[name][0].__module__
                # the figure's code, this file (how it is saved), and the data it read
                inputs = code_files([module]) | {Path(__file__)} | {Path(r) for r in reads}
                write_record(
                    record_of(out, name), inputs, [Path(f) for f in files], settings.settings()
                )
                results[name] = Drawn(name, tuple(Path(f) for f in files), seconds, drawn=True)
                if progress is not None:
                    progress(results[name])
    if not any(r.error for r in results.values()):  # else no manifest: the step runs again
        atomic_write(out / MANIFEST, manifest_text(out))
        atomic_write(out / PIXELS, pixels_text(out))
    return [results[name] for name in names]


def manifest_text(folder: Path) -> str:
    """``sha256sum``-style lines for every figure file in ``folder``, sorted by name."""
    lines = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lstrip(".") in FORMATS and path.stem in FIGURES:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            lines.append(f"{digest}  {path.name}\n")
    return "".join(lines)


def pixels_text(folder: Path) -> str:
    """``sha256sum``-style lines of each PNG's and TIFF's decoded pixels (size, mode and
    every byte)."""
    from PIL import Image

    lines = []
    for path in sorted(folder.iterdir()):
        if path.stem in FIGURES and path.suffix.lstrip(".") in RASTER:
            with Image.open(path) as image:
                header = f"{image.width}x{image.height} {image.mode}\n".encode()
                digest = hashlib.sha256(header + image.tobytes()).hexdigest()
            lines.append(f"{digest}  {path.name}\n")
    return "".join(lines)


def _read_manifest(text: str) -> dict[str, str]:
    return {line.split()[1]: line.split()[0] for line in text.splitlines() if line.strip()}


def verify(folder: Path, manifest: Path, pixels: Path) -> list[tuple[str, str]]:
    """Each file named in ``manifest``, against what ``folder`` holds: ``identical``;
    ``same pixels`` (a PNG or TIFF whose compressed bytes differ but whose decoded pixels
    are those recorded in ``pixels``: another zlib or libtiff); ``missing``; or ``differs``."""
    wanted = _read_manifest(manifest.read_text(encoding="utf-8"))
    wanted_pixels = _read_manifest(pixels.read_text(encoding="utf-8")) if pixels.exists() else {}
    have = _read_manifest(manifest_text(folder)) if folder.is_dir() else {}
    have_pixels: dict[str, str] | None = None
    verdicts = []
    for name in sorted(wanted):
        if name not in have:
            verdicts.append((name, "missing"))
        elif have[name] == wanted[name]:
            verdicts.append((name, "identical"))
        elif name.rsplit(".", 1)[-1] in RASTER and name in wanted_pixels:
            if have_pixels is None:
                have_pixels = _read_manifest(pixels_text(folder))
            same = have_pixels.get(name) == wanted_pixels[name]
            verdicts.append((name, "same pixels" if same else "differs"))
        else:
            verdicts.append((name, "differs"))
    return verdicts
