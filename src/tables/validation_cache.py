"""Remember frictionless's verdict on each resource, keyed on everything it depends on.

A resource's key is the SHA-256 of: the validator's version (every source
file of this package and the frictionless version), the resource's
descriptor entry and schema, its file's bytes, and the entries and bytes of
every resource its foreign keys point into. A changed byte anywhere in that
list is a new key, so a cached verdict can never hide a problem; an
unchanged resource is not read by frictionless again. Entries are small JSON
files, written atomically; an unreadable entry is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from tables.problems import Problem

__all__ = ["ValidationCache", "cache_folder"]

#: Where the project's own entries live unless the environment says otherwise
#: (``TABLES_CACHE_DIR``).
_DEFAULT = Path("build") / "cache" / "validate"


def cache_folder(directory: Path | None = None) -> Path:
    """Where verdicts on the package in ``directory`` are kept: the project's build folder
    for its own package; for anyone else's, the user's cache folder (never the project's,
    never the package's own folder)."""
    from tables.paths import DATA_DIR, ROOT

    configured = os.environ.get("TABLES_CACHE_DIR")
    if configured:
        return Path(configured) / "validate"
    if directory is None or Path(directory).resolve() == DATA_DIR.resolve():
        return ROOT / _DEFAULT
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(home) / "tables" / "validate"


@cache
def validator_version() -> str:
    """Every source file of this package, and the frictionless release that validates."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("frictionless").encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class ValidationCache:
    """Entries in ``folder``: one per resource key, and one per whole descriptor."""

    def __init__(self, folder: Path | None = None, directory: Path | None = None) -> None:
        self.folder = folder if folder is not None else cache_folder(directory)

    def resource_key(self, pkg: Any, name: str) -> str:
        """What frictionless's verdict on resource ``name`` can depend on, as one digest."""
        schema = pkg.schema(name)
        parts: dict[str, Any] = {
            "validator": validator_version(),
            "resource": pkg.resource(name),
            "schema": schema,
            "bytes": _file_digest(pkg.path(name)),
            "references": {},
        }
        for fk in schema.get("foreignKeys", []):
            target = fk.get("reference", {}).get("resource") or name
            if target != name and target in pkg.name_set:
                parts["references"][target] = [pkg.resource(target), _file_digest(pkg.path(target))]
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()

    def package_key(self, descriptor: dict[str, Any]) -> str:
        text = json.dumps([validator_version(), descriptor], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    def get(self, key: str) -> list[Problem] | None:
        try:
            rows = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            return [Problem(*row) for row in rows]
        except (OSError, ValueError, TypeError):
            return None

    def put(self, key: str, problems: list[Problem]) -> None:
        from tables.io import atomic_write

        rows = [[p.file, p.row, p.column, p.code, p.message] for p in problems]
        # no cache where nothing can be written: validation is only slower
        with contextlib.suppress(OSError):
            atomic_write(self.folder / f"{key}.json", json.dumps(rows))
