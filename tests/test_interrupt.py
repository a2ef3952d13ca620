"""Outputs are never half-written: a build killed part-way leaves the previous files intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tables.figures.build import build, verify
from tables.io import TEMP_PREFIX, atomic_write, remove_leftovers
from tables.paths import ROOT

NAMES = ["negotiations_timeline", "claims_overview", "table5_transit", "table4_fisheries"]


def test_a_build_killed_part_way_leaves_previous_outputs_intact(tmp_path: Path) -> None:
    out = tmp_path / "figures"
    build(out, only=NAMES)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir() if p.is_file()}

    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tables.cli",
            "figures",
            "--force",
            "--out",
            str(out),
            "--only",
            *NAMES,
        ],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if any(
            p.stat().st_mtime_ns != before[p.name][1] for p in out.iterdir() if p.name in before
        ):
            break  # the second build has replaced at least one file: kill it now
        time.sleep(0.01)
    assert process.poll() is None, "the build finished before it could be interrupted"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()

    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert sorted(after) == sorted(before), "a file appeared or vanished"
    assert all(after[name] == before[name][0] for name in before), "a file was left half-written"
    assert not [n for n in after if n.startswith(TEMP_PREFIX)], "a temporary file was left"

    build(out, only=NAMES)  # a second build completes
    verdicts = verify(
        out, ROOT / "figures" / "default.sha256", ROOT / "figures" / "default.pixels.sha256"
    )
    mine = {name: v for name, v in verdicts if name.rsplit(".", 1)[0] in NAMES}
    assert len(mine) == 3 * len(NAMES)
    assert set(mine.values()) <= {"identical", "same pixels"}


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tables.io

    target = atomic_write(tmp_path / "report.html", "old")

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tables.io.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_leftovers_of_a_killed_writer_are_swept(tmp_path: Path) -> None:
    (tmp_path / f"{TEMP_PREFIX}x.png.123").write_bytes(b"partial")
    (tmp_path / "x.png").write_bytes(b"complete")
    assert [p.name for p in remove_leftovers(tmp_path)] == [f"{TEMP_PREFIX}x.png.123"]
    assert [p.name for p in tmp_path.iterdir()] == ["x.png"]
