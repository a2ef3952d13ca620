"""How `tables validate` and `tables check` grow with the package: 1x, 10x, 100x.

    .venv/bin/python benchmarks/scale.py [--scales 1 10 100] [--runs 3] [--budget 120]
                                         [--out build/scale.md]

Each scale is a package made by ``synthetic.py`` in a scratch folder (rows and
resources both multiplied; see its docstring). For each, validate and check
run ``--runs`` times (after one warm-up at the first scale only, for the
import caches); the median wall time and the peak RSS (``os.wait4``) go into
``build/scale.md``.

Whether growth is at most linear is judged two ways: the time ratio to the
first scale against the row ratio (with 25 % slack), and, more usefully, the
marginal time per 1,000 rows between consecutive scales, which must not grow
(again 25 % slack). Start-up dominates at 1x, so the plain time per 1,000 rows
falls with scale; the marginal figure is the one that shows a quadratic step.

A run slower than ``--budget`` seconds (default 120) stops that command:
its remaining runs and larger scales are skipped, and the report says so.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from bench import ROOT, TABLES, child_env, machine_line, run_once
from synthetic import SOURCE, generate

COMMANDS = ("validate", "check")
SLACK = 1.25


@dataclass
class Measure:
    """Runs of one command at one scale."""

    times: list[float] = field(default_factory=list)
    mb: float = 0.0
    codes: set[int] = field(default_factory=set)
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


@dataclass
class Scale:
    factor: int
    rows: int
    resources: int
    megabytes: float
    measures: dict[str, Measure] = field(default_factory=dict)


def measure(command: str, runs: int, budget: float, env: dict[str, str]) -> Measure:
    """Median-of-runs of one command; stop early when one run exceeds the budget."""
    result = Measure()
    for number in range(1, runs + 1):
        sample = run_once(command, env)
        result.times.append(sample.seconds)
        result.mb = max(result.mb, sample.mb)
        result.codes.add(sample.code)
        print(
            f"    run {number}/{runs}: {sample.seconds:.2f} s {sample.mb:.0f} MB "
            f"exit {sample.code}",
            flush=True,
        )
        if sample.seconds > budget:
            result.note = f"one run took {sample.seconds:.0f} s (> {budget:g} s): stopped"
            break
    return result


def per_thousand(seconds: float | None, rows: int) -> str:
    return "-" if seconds is None else f"{seconds / rows * 1000:.3f}"


def growth(scales: list[Scale], command: str) -> list[str]:
    """Sentences judging whether a command's time grows at most linearly with rows."""
    done = [s for s in scales if s.measures.get(command) and s.measures[command].median]
    if len(done) < 2:
        return [f"- {command}: fewer than two scales measured, growth not judged"]
    first = done[0]
    lines = []
    for later in done[1:]:
        t_ratio = later.measures[command].median / first.measures[command].median
        r_ratio = later.rows / first.rows
        ok = t_ratio <= SLACK * r_ratio
        lines.append(
            f"- {command} {later.factor}x vs {first.factor}x: time x{t_ratio:.1f} for rows "
            f"x{r_ratio:.1f}: {'at most linear' if ok else 'MORE THAN LINEAR'}"
        )
    marginals = []
    for before, after in pairwise(done):
        extra = after.measures[command].median - before.measures[command].median
        marginals.append((after.factor, extra / (after.rows - before.rows) * 1000))
    shown = ", ".join(f"{m:.3f} s (to {f}x)" for f, m in marginals)
    lines.append(f"- {command} marginal time per 1,000 added rows: {shown}")
    if len(marginals) > 1:
        grew = marginals[-1][1] > SLACK * marginals[-2][1]
        lines.append(
            f"- {command} per-row time "
            f"{'GROWS with scale' if grew else 'does not grow with scale'} "
            f"(last marginal within {SLACK:g}x of the one before: {'no' if grew else 'yes'})"
        )
    return lines


def report(scales: list[Scale], header: str, notes: list[str]) -> str:
    lines = [
        "# Scale: validate and check on synthetic packages",
        "",
        header,
        "",
        "| scale | rows | resources | CSV MB | validate s | validate MB | check s | check MB "
        "| validate s / 1,000 rows | check s / 1,000 rows |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scales:
        v, c = s.measures.get("validate", Measure()), s.measures.get("check", Measure())
        lines.append(
            f"| {s.factor}x | {s.rows:,} | {s.resources:,} | {s.megabytes:.1f} "
            f"| {_seconds(v)} | {_mb(v)} | {_seconds(c)} | {_mb(c)} "
            f"| {per_thousand(v.median, s.rows)} | {per_thousand(c.median, s.rows)} |"
        )
    lines += ["", "Growth:", ""]
    for command in COMMANDS:
        lines += growth(scales, command)
    lines += ["", "Notes:", "", *notes]
    return "\n".join(lines) + "\n"


def _seconds(m: Measure) -> str:
    if m.median is None:
        return "-"
    shown = f"{m.median:.2f}"
    if m.note:
        shown += " (1 run)" if len(m.times) == 1 else f" ({len(m.times)} runs)"
    return shown


def _mb(m: Measure) -> str:
    return f"{m.mb:.0f}" if m.times else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--budget", type=float, default=120.0, help="seconds one run may take")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "scale.md")
    args = parser.parse_args(argv)
    if not (ROOT / TABLES).exists():
        parser.error(f"{TABLES} not found: run `make env` first")

    env = child_env()
    header = machine_line(
        f"{args.runs} per command and scale (median), one warm-up at the first scale"
    )
    print(header, flush=True)
    notes = [
        "- packages from `benchmarks/synthetic.py --scale N`: N-1 renamed copies of every "
        "resource but claims and corrections; N x the rows of the id-keyed resources and the "
        "footnotes; claims and corrections repeated for every copy",
        "- exit codes: validate 0 = 0 problems, check 0 = every verdict as expected",
    ]
    stopped: set[str] = set()
    scales: list[Scale] = []
    with tempfile.TemporaryDirectory(prefix="tables-scale-") as scratch:
        for index, factor in enumerate(args.scales):
            directory = Path(scratch) / f"x{factor}"
            stats = generate(SOURCE, directory, copies=factor, rows=factor)
            scale = Scale(factor, int(stats["rows"]), int(stats["resources"]), stats["mb"])
            scales.append(scale)
            print(
                f"{factor}x: {scale.rows:,} rows, {scale.resources} resources, "
                f"{scale.megabytes:.1f} MB",
                flush=True,
            )
            for command in COMMANDS:
                if command in stopped:
                    scale.measures[command] = Measure(note="skipped: a smaller scale was too slow")
                    notes.append(f"- {command} {factor}x: skipped, a smaller scale was too slow")
                    continue
                # validation from scratch: the cache would time the second run's lookups
                flags = " --no-cache" if command == "validate" else ""
                line = f"{TABLES} {command}{flags} {directory}"
                if index == 0:
                    run_once(line, env)  # warm-up: import caches
                print(f"  {command}", flush=True)
                result = measure(line, args.runs, args.budget, env)
                scale.measures[command] = result
                if result.codes != {0}:
                    notes.append(f"- {command} {factor}x exited {sorted(result.codes)}, not 0")
                if result.note:
                    notes.append(f"- {command} {factor}x: {result.note}")
                    stopped.add(command)
            for path in directory.rglob("*"):  # free the disk before the next scale
                if path.is_file():
                    path.unlink()

    text = report(scales, header, notes)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
