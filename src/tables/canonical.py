"""One canonical CSV form, so hand edits in any editor make clean diffs.

UTF-8 without BOM, LF line ends, quotes only where needed, columns in schema
order. Cell text is never changed: reformatting is not correcting.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tables.io import atomic_write
from tables.package import open_package

__all__ = ["canonical_text", "format_package"]


def canonical_text(raw: bytes, field_names: list[str]) -> str:
    """The canonical form of a CSV file's bytes, columns ordered as ``field_names``."""
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return ""
    header = rows[0]
    order = (
        [header.index(n) for n in field_names] if sorted(header) == sorted(field_names) else None
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([row[i] for i in order] if order and len(row) == len(order) else row)
    return buffer.getvalue()


def format_package(directory: Path | str | None = None, *, write: bool) -> list[Path]:
    """Files of the package not in canonical form; rewritten when ``write``."""
    pkg = open_package(directory)
    changed = []
    for name in pkg.names():
        path = pkg.path(name)
        raw = path.read_bytes()
        text = canonical_text(raw, [f["name"] for f in pkg.fields(name)])
        if text.encode("utf-8") != raw:
            changed.append(path)
            if write:
                atomic_write(path, text)
    return changed
