"""The one writer every output goes through: written whole, then renamed into place.

An interrupted build therefore leaves either the previous file or the new
one, never a half-written file that looks valid. On Linux the data go first to
an anonymous file (``O_TMPFILE``) that has no name until it is complete, so
even a SIGKILL leaves nothing behind; elsewhere a hidden temporary file in the
same folder is used and removed on any error.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["TEMP_PREFIX", "atomic_write", "remove_leftovers"]

#: Names of the (short-lived) temporary files, so a build can recognise leftovers.
TEMP_PREFIX = ".tables-tmp-"


def atomic_write(path: Path | str, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically (complete file, fsync, rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _write_anonymous(path, payload):
        return path
    handle, temp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def _write_anonymous(path: Path, payload: bytes) -> bool:
    """Write through an unnamed O_TMPFILE, link it under a temporary name, rename it.

    Returns False where the platform or file system has no O_TMPFILE.
    """
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not Path("/proc/self/fd").is_dir():
        return False
    try:
        handle = os.open(path.parent, flag | os.O_WRONLY, 0o644)
    except OSError:
        return False
    temp = path.parent / f"{TEMP_PREFIX}{path.name}.{os.getpid()}"
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(handle, view) :]
        os.fsync(handle)
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        # linkat(2) with AT_SYMLINK_FOLLOW, through /proc, gives the unnamed file a name.
        proc = os.open("/proc/self/fd", os.O_RDONLY)
        try:
            os.link(str(handle), temp, src_dir_fd=proc, follow_symlinks=True)
        finally:
            os.close(proc)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    finally:
        os.close(handle)
    return True


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete temporary files an interrupted writer left in ``folder`` (only ours, by prefix)."""
    if not folder.is_dir():
        return []
    stale = sorted(folder.glob(f"{TEMP_PREFIX}*"))
    for path in stale:
        path.unlink(missing_ok=True)
    return stale
