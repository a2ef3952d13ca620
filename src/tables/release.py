"""A versioned archive of the data to deposit or cite: the package, its licence, the
citation, and the SHA-256 of every file, the same bytes from the same data on any machine.

Entries are stored uncompressed (deflate's output differs between zlib builds), in
sorted order, with a fixed date and mode; beside the archive, ``NAME.zip.sha256``.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from tables.io import atomic_write
from tables.paths import DATA_DIR, DESCRIPTOR, ROOT

__all__ = ["ReleaseError", "release"]

#: Files of the repository that travel with the data.
WITH_DATA = ("CITATION.cff", "LICENSE-DATA")
_DATE = (1980, 1, 1, 0, 0, 0)


class ReleaseError(ValueError):
    """The release cannot be made as it stands; the message says why."""


def version() -> str:
    """The installed project's version (what `tables --version` prints and a release is named)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("russo-japanese-tables")
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "unknown (not installed)"


def _readme(descriptor: dict[str, object], name: str) -> str:
    return (
        f"{descriptor.get('title')}\n"
        f"{name}\n\n"
        "A Frictionless Data Package (data/tables/datapackage.json). Every number keeps the\n"
        "text printed in the article beside the value read from it (columns `printed` and\n"
        '`value`); a missing mark ("-") stays missing; corrections are in corrections.csv\n'
        "with a reason. Licence: CC-BY-4.0 (LICENSE-DATA). How to cite: CITATION.cff.\n"
        "SHA256SUMS gives the SHA-256 of every other file; check with `sha256sum -c`.\n"
    )


def release(out: Path) -> Path:
    """Write ``out/NAME-VERSION.zip`` and its ``.sha256``; return the archive's path."""
    descriptor = json.loads((DATA_DIR / DESCRIPTOR).read_text(encoding="utf-8"))
    ours = version()
    if descriptor.get("version") != ours:
        raise ReleaseError(
            f"{DATA_DIR / DESCRIPTOR}: version {descriptor.get('version')!r} is not the "
            f"project's {ours!r} (pyproject.toml); make them the same before a release"
        )
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    if f"\nversion: {ours}\n" not in citation:
        raise ReleaseError(f"{ROOT / 'CITATION.cff'}: version is not {ours}")
    name = f"{descriptor['name']}-{ours}"
    files = {
        f"data/tables/{p.relative_to(DATA_DIR).as_posix()}": p.read_bytes()
        for p in sorted(DATA_DIR.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(DATA_DIR).parts)
    }
    files |= {f: (ROOT / f).read_bytes() for f in WITH_DATA}
    files["README.txt"] = _readme(descriptor, name).encode()
    sums = "".join(f"{hashlib.sha256(b).hexdigest()}  {f}\n" for f, b in sorted(files.items()))
    files["SHA256SUMS"] = sums.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for file, body in sorted(files.items()):
            entry = zipfile.ZipInfo(f"{name}/{file}", _DATE)
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, body)
    data = buffer.getvalue()
    path = atomic_write(out / f"{name}.zip", data)
    atomic_write(out / f"{name}.zip.sha256", f"{hashlib.sha256(data).hexdigest()}  {path.name}\n")
    return path
