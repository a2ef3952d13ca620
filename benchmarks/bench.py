"""Time the project's commands against floors measured in the same run.

    .venv/bin/python benchmarks/bench.py [--runs N | --quick] [--only NAME ...]
                                         [--out build/bench.md]

Why floors: an absolute time says little across machines, so each command is
paired with the cheapest process doing the same unavoidable work (starting
Python, importing pandas or matplotlib, starting kernels). Command and floor
run alternately, A B A B, after one warm-up of each, so machine drift hits
both; the ratio median(command) / median(floor) is what the targets judge,
except where a target is a user-facing absolute time.

Each time is one whole process, from spawn to exit (``time.perf_counter``).
Peak MB is ``ru_maxrss`` of that one run from ``os.wait4``: on Linux the
largest single process of its tree (the command or a child it waited for),
not the sum of processes alive together. Its maximum over the runs is shown.

Runs: 5 per row (``make test``: 3), all rows 3 with ``--quick``, all rows N
with ``--runs N``. A missed target prints a MISSED line; the exit status is
0 all the same (this measures, it does not gate). A command or floor that
exits non-zero is still timed, but its row says FAILED and the exit status
is 1: numbers from a broken build are not the build's numbers.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
VENV_BIN = ".venv/bin"
TABLES = f"{VENV_BIN}/tables"
PYTHON = f"{VENV_BIN}/python"
KERNEL = "russo-japanese-tables"
DEFAULT_RUNS, QUICK_RUNS = 5, 3


# -- measuring one process ---------------------------------------------------


@dataclass
class Sample:
    """One run: wall seconds, peak RSS in MB, exit code."""

    seconds: float
    mb: float
    code: int
    stderr: str = ""


def run_once(command: str, env: dict[str, str]) -> Sample:
    """Spawn ``command`` (argv if plain, else through sh), wait for it with wait4.

    wait4 gives this child's own rusage, so concurrent or earlier children do not
    blur its peak RSS as RUSAGE_CHILDREN deltas would.
    """
    argv = shlex.split(command) if not any(c in command for c in "&|;<>()$`*") else None
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv or ["/bin/sh", "-c", command],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        tail = err.read()[-2000:].decode("utf-8", "replace")
    return Sample(seconds, usage.ru_maxrss / 1024, proc.returncode, tail)


def child_env() -> dict[str, str]:
    """The environment for measured commands, without a parent make's flags.

    Under ``make bench`` the variables below would turn the measured ``make``
    into a sub-make (jobserver file descriptors it cannot use, -n, levels).
    """
    env = dict(os.environ)
    for name in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "MAKE_TERMOUT"):
        env.pop(name, None)
    return env


# -- rows ----------------------------------------------------------------------


@dataclass
class Target:
    """What a row must meet: a ratio to its floor, an absolute median, or only a report."""

    ratio: float | None = None
    seconds: float | None = None
    informational: bool = False

    def describe(self, has_floor: bool) -> str:
        parts = []
        if self.ratio is not None:
            parts.append(f"ratio ≤ {self.ratio:g}x")
        elif has_floor:
            parts.append("ratio reported")
        if self.seconds is not None:
            parts.append(f"median ≤ {self.seconds:g} s")
        return "; ".join(parts) + (" (informational)" if self.informational else "")

    def misses(self, median: float, ratio: float | None) -> list[str]:
        missed = []
        if self.seconds is not None and median > self.seconds:
            missed.append(f"median {median:.3f} s > {self.seconds:g} s")
        if self.ratio is not None and ratio is not None and ratio > self.ratio:
            missed.append(f"ratio {ratio:.2f} > {self.ratio:g}")
        return missed


@dataclass
class Row:
    """One measurement: a command, its floor (or none), a target, and its own run count."""

    name: str
    what: str
    command: str
    floor: str | None
    target: Target
    runs: int | None = None  # default runs for this row (None: DEFAULT_RUNS)
    floor_from: tuple[str, ...] = ()  # no floor run: sum of these rows' floor medians
    note: str = ""


@dataclass
class Result:
    row: Row
    times: list[float]
    mb: float
    floor_times: list[float] = field(default_factory=list)
    floor_median: float | None = None
    failures: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def ratio(self) -> float | None:
        if self.floor_median and self.times:
            return self.median / self.floor_median
        return None


def rows(context: Context) -> list[Row]:
    """The measurements, as data. Commands run from the repository root."""
    figures_tmp, notebooks_tmp = context.tmp / "figures", context.tmp / "notebooks"
    nbconvert = " && ".join(
        f"{VENV_BIN}/jupyter nbconvert --to html --execute "
        f"--ExecutePreprocessor.kernel_name={KERNEL} --output-dir {context.tmp / 'nbconvert'} "
        f"{shlex.quote(path)}"
        for path in context.notebooks
    )
    rebuild = "make clean-build && make" if context.has_clean_build else "rm -rf build && make"
    pandas = f'{PYTHON} -c "import pandas"'
    return [
        Row(
            "help",
            "start-up: `tables --help`",
            f"{TABLES} --help",
            f"{PYTHON} -c pass",
            Target(seconds=0.15),
        ),
        Row(
            "validate",
            "validate the package (nothing changed since the last run)",
            f"{TABLES} validate",
            pandas,
            Target(ratio=2),
            note="validate: frictionless's verdict on each unchanged resource comes from "
            "build/cache; validate-cold: every file validated again",
        ),
        Row(
            "validate-cold",
            "validate the package from scratch",
            f"{TABLES} validate --no-cache",
            pandas,
            Target(ratio=3, informational=True),
        ),
        Row(
            "check",
            "check the claims (text to /dev/null)",
            f"{TABLES} check",
            pandas,
            Target(ratio=1),
        ),
        Row(
            "figures",
            f"draw all {context.figure_count} figures (png,svg,pdf)",
            f"{TABLES} figures --out {figures_tmp} --formats png,svg,pdf{context.figures_force}",
            f"{PYTHON} benchmarks/floor_figures.py --count {context.figure_count} "
            f"--out {context.tmp / 'floor-figures'} --formats png,svg,pdf",
            Target(ratio=3, informational=True),
        ),
        Row(
            "notebooks",
            f"execute all {len(context.notebooks)} notebooks, export HTML",
            f"{TABLES} notebooks --out {notebooks_tmp}{context.notebooks_force}",
            f"{PYTHON} benchmarks/floor_notebooks.py --count {len(context.notebooks)} "
            f"--out {context.tmp / 'floor-notebooks'}",
            Target(ratio=3, informational=True),
            note="target as for figures (none was set); floor: as many one-cell `1+1` "
            "notebooks through the project's executor",
        ),
        Row(
            "nbconvert",
            "notebooks vs `jupyter nbconvert --execute` one by one",
            f"{TABLES} notebooks --out {notebooks_tmp}{context.notebooks_force}",
            nbconvert,
            Target(ratio=0.45),
            note=f"floor: {len(context.notebooks)} nbconvert runs in sequence (what a user "
            "would do instead); shown as `jupyter nbconvert ... (xN)`",
        ),
        Row(
            "rebuild",
            "full rebuild, environment present",
            rebuild,
            None,
            Target(seconds=15),
            floor_from=("validate", "check", "figures", "notebooks"),
            note="floor: sum of the validate, check, figures and notebooks floors, if measured",
        ),
        Row(
            "noop",
            "no-op `make` (after a make)",
            "make",
            "make -n",
            Target(seconds=0.5),
            note="floor: `make -n` (reading the Makefile and deciding); the warm-up is the "
            "make before",
        ),
        Row("test", "`make test`", "make test", None, Target(seconds=45), runs=3),
    ]


@dataclass
class Context:
    """Facts about this checkout that rows need: counts, flags, a scratch folder."""

    tmp: Path
    figure_count: int
    notebooks: list[str]
    figures_force: str
    notebooks_force: str
    has_clean_build: bool

    @classmethod
    def discover(cls, tmp: Path, env: dict[str, str]) -> Context:
        def output(*argv: str) -> str:
            done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
            return done.stdout + done.stderr

        listing = output(TABLES, "figures", "--list")
        count = sum(1 for line in listing.splitlines() if line.strip())
        has_clean = (
            subprocess.run(
                ["make", "-n", "clean-build"], cwd=ROOT, env=env, capture_output=True
            ).returncode
            == 0
        )
        return cls(
            tmp=tmp,
            figure_count=count,
            notebooks=[
                str(p.relative_to(ROOT)) for p in sorted((ROOT / "notebooks").glob("*.ipynb"))
            ],
            figures_force=" --force" if "--force" in output(TABLES, "figures", "--help") else "",
            notebooks_force=" --force"
            if "--force" in output(TABLES, "notebooks", "--help")
            else "",
            has_clean_build=has_clean,
        )


# -- running rows ----------------------------------------------------------------


def measure_pair(row: Row, runs: int, env: dict[str, str], log: Callable[[str], None]) -> Result:
    """Warm up command and floor once each, then alternate them ``runs`` times (A B A B).

    A run that exits non-zero is kept (a failing test suite still takes its time)
    but recorded, so the row is reported as FAILED beside its numbers.
    """
    result = Result(row, [], 0.0)

    def run(command: str, label: str) -> Sample:
        sample = run_once(command, env)
        if sample.code != 0:
            tail = " / ".join(sample.stderr.strip().splitlines()[-3:])
            result.failures.append(f"{label} exited {sample.code}: {tail}")
        return sample

    run(row.command, "warm-up")  # caches, bytecode; for `make`, the make before
    if row.floor:
        run(row.floor, "floor warm-up")
    for number in range(1, runs + 1):
        sample = run(row.command, f"run {number}")
        result.times.append(sample.seconds)
        result.mb = max(result.mb, sample.mb)
        shown = f"  {row.name} run {number}/{runs}: {sample.seconds:.3f} s {sample.mb:.0f} MB"
        if row.floor:
            floor = run(row.floor, f"floor run {number}")
            result.floor_times.append(floor.seconds)
            shown += f" | floor {floor.seconds:.3f} s"
        log(shown + ("" if sample.code == 0 else f" (exit {sample.code})"))
    if result.floor_times:
        result.floor_median = statistics.median(result.floor_times)
    return result


def sum_of_floors(row: Row, done: dict[str, Result]) -> float | None:
    """A composite floor: the sum of other rows' floor medians, if all were measured."""
    medians = [done[n].floor_median for n in row.floor_from if n in done]
    if len(medians) != len(row.floor_from) or None in medians:
        return None
    return sum(medians)


# -- report ----------------------------------------------------------------------------


def machine_line(runs_note: str) -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Machine: {model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {datetime.datetime.now():%Y-%m-%d %H:%M}; "
        f"commit {commit or '?'}; load before {load}. Runs: {runs_note}."
    )


def shown_command(row: Row, command: str | None) -> str:
    if command is None:
        return "sum of floors" if row.floor_from else "none"
    if "nbconvert" in command and " && " in command:
        first = command.split(" && ")[0]
        return f"{first} (x{command.count(' && ') + 1}, in sequence)"
    return command


def table(results: list[Result], header: str, scrub: Callable[[str], str]) -> tuple[str, list[str]]:
    """The markdown report and the MISSED lines (``scrub`` shortens scratch paths)."""
    lines = [
        "# Benchmarks",
        "",
        header,
        "",
        "| what | command | median (s) | peak MB | floor command | floor median (s) | ratio "
        "| target | met? |",
        "|---|---|---:|---:|---|---:|---:|---|---|",
    ]
    missed, notes = [], []

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    for r in results:
        row = r.row
        ratio = r.ratio
        misses = row.target.misses(r.median, ratio) if r.times else ["not measured"]
        if row.target.informational:
            met = "no (info)" if misses else "yes (info)"
        elif misses:
            met = "MISSED"
            missed.append(f"MISSED {row.name}: {'; '.join(misses)}")
        else:
            met = "yes"
        if r.failures:
            met = f"FAILED ({len(r.failures)} runs); {met}"
            missed.append(f"FAILED {row.name}: {r.failures[0]}")
        lines.append(
            "| "
            + " | ".join(
                [
                    cell(row.what),
                    f"`{cell(scrub(row.command))}`",
                    f"{r.median:.3f}" if r.times else "-",
                    f"{r.mb:.0f}" if r.times else "-",
                    f"`{cell(scrub(shown_command(row, row.floor)))}`",
                    f"{r.floor_median:.3f}" if r.floor_median else "-",
                    f"{ratio:.2f}" if ratio else "-",
                    row.target.describe(bool(row.floor or row.floor_from)),
                    met,
                ]
            )
            + " |"
        )
        if row.note:
            notes.append(f"- {row.name}: {row.note}")
    lines += ["", "Notes:", "", *notes]
    lines += [
        "- times are whole processes, spawn to exit; peak MB is the largest single process "
        "of the command's tree (ru_maxrss from wait4), max over runs",
        "- TMP is a scratch folder under /tmp, removed afterwards",
    ]
    return "\n".join(lines) + "\n", missed


# -- main -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help=f"runs per row (default {DEFAULT_RUNS}; test 3)")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_RUNS} runs per row")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="measure only these rows")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench.md")
    args = parser.parse_args(argv)
    if not (ROOT / TABLES).exists():
        parser.error(f"{TABLES} not found: run `make env` first")

    env = child_env()
    with tempfile.TemporaryDirectory(prefix="tables-bench-") as scratch:
        context = Context.discover(Path(scratch), env)
        all_rows = rows(context)
        unknown = set(args.only or []) - {r.name for r in all_rows}
        if unknown:
            parser.error(
                f"unknown row(s) {', '.join(sorted(unknown))}; "
                f"known: {', '.join(r.name for r in all_rows)}"
            )
        chosen = [r for r in all_rows if not args.only or r.name in args.only]

        def runs_for(row: Row) -> int:
            if args.runs:
                return args.runs
            if args.quick:
                return QUICK_RUNS
            return row.runs or DEFAULT_RUNS

        runs_note = (
            f"{args.runs} per row"
            if args.runs
            else f"{QUICK_RUNS} per row (--quick)"
            if args.quick
            else f"{DEFAULT_RUNS} per row, `make test` 3"
        )
        header = machine_line(runs_note + ", after one warm-up each")
        flags = [
            f"--force passed to figures: {'yes' if context.figures_force else 'no'}",
            f"to notebooks: {'yes' if context.notebooks_force else 'no'}",
            f"rebuild via {'make clean-build' if context.has_clean_build else 'rm -rf build'}",
        ]
        header += " " + "; ".join(flags) + "."
        print(header, flush=True)

        done: dict[str, Result] = {}
        for row in chosen:
            print(f"{row.name}: {row.command[:100]}", flush=True)
            result = measure_pair(row, runs_for(row), env, lambda s: print(s, flush=True))
            if row.floor_from:
                result.floor_median = sum_of_floors(row, done)
            done[row.name] = result

    report, missed = table(list(done.values()), header, lambda text: text.replace(scratch, "TMP"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print()
    print(report)
    for line in missed:
        print(line)
    print(f"written to {args.out}")
    return 1 if any(r.failures for r in done.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
