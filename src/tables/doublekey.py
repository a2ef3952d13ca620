"""Diff two independent transcriptions ("keys") of the same source, cell by cell.

Double keying is how this project catches transcription errors: two people key
the same text without seeing each other's work, and every cell where they
differ is resolved against the source. Rows are paired by a key:

- tables: their natural key, the primary key their schema declares (period,
  country, year and measure ...);
- text quantities and chronology events: each keyer chose their own ids, so
  rows are paired by what was transcribed: the printed text (or printed date)
  plus the best-overlapping quote.

The result counts rows only in one key, and cells that differ, per file and
column, so the closing report can say how many differences there were and how
each class was resolved.
"""

from __future__ import annotations

import csv
import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["FileDiff", "diff_files", "diff_keys", "natural_keys"]

#: Columns whose wording is free (ids, notes): differences there are not counted.
FREE_TEXT = {"id", "note", "event", "subject", "measure", "interval_from", "actors"}


@dataclass
class FileDiff:
    """Differences between key A and key B of one file."""

    name: str
    rows_a: int = 0
    rows_b: int = 0
    paired: int = 0
    only_a: list[dict[str, str]] = field(default_factory=list)
    only_b: list[dict[str, str]] = field(default_factory=list)
    cells: list[tuple[str, str, str, str]] = field(default_factory=list)  # (row, column, a, b)

    def cell_counts(self) -> Counter[str]:
        return Counter(column for _, column, _, _ in self.cells)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def natural_keys(directory: Path | None = None) -> dict[str, list[str]]:
    """File name -> the columns that name its rows: each resource's primary key, unless the
    key holds an id (each keyer chose their own)."""
    from tables.package import open_package

    pkg = open_package(directory)
    keys = {}
    for res in pkg.resources:
        key = pkg.primary_key(res["name"])
        if key and "id" not in key:  # an id is each keyer's own choice: pair by text
            keys[Path(res["path"]).name] = key
    return keys


def diff_files(
    name: str,
    a: list[dict[str, str]],
    b: list[dict[str, str]],
    keys: dict[str, list[str]] | None = None,
) -> FileDiff:
    """Pair the rows of two keys of one file (by its natural key, from ``keys`` or the
    project's package, else by what was transcribed) and list every differing cell."""
    result = FileDiff(name, len(a), len(b))
    keys = natural_keys() if keys is None else keys
    pairs = _pair_by_key(a, b, keys[name]) if name in keys else _pair_by_text(a, b)
    paired_a = {id(x) for x, _ in pairs}
    paired_b = {id(y) for _, y in pairs}
    result.only_a = [r for r in a if id(r) not in paired_a]
    result.only_b = [r for r in b if id(r) not in paired_b]
    result.paired = len(pairs)
    for row_a, row_b in pairs:
        label = _label(row_a)
        for column in row_a.keys() & row_b.keys():
            if column in FREE_TEXT:
                continue
            if _norm(row_a[column]) != _norm(row_b[column]):
                result.cells.append((label, column, row_a[column], row_b[column]))
    return result


def diff_keys(folder_a: Path, folder_b: Path, directory: Path | None = None) -> list[FileDiff]:
    """Diff every CSV present in either key folder (recursively, by relative path), rows
    paired by the natural keys of the package in ``directory`` (default: the project's)."""
    keys = natural_keys(directory)
    names = sorted(
        {p.relative_to(folder_a).as_posix() for p in folder_a.rglob("*.csv")}
        | {p.relative_to(folder_b).as_posix() for p in folder_b.rglob("*.csv")}
    )
    diffs = []
    for rel in names:
        a = _read(folder_a / rel) if (folder_a / rel).exists() else []
        b = _read(folder_b / rel) if (folder_b / rel).exists() else []
        diffs.append(diff_files(Path(rel).name, a, b, keys))
    return diffs


def _pair_by_key(
    a: list[dict[str, str]], b: list[dict[str, str]], key: list[str]
) -> list[tuple[dict[str, str], dict[str, str]]]:
    index = {tuple(_norm(r.get(k, "")) for k in key): r for r in b}
    return [(r, index[k]) for r in a if (k := tuple(_norm(r.get(c, "")) for c in key)) in index]


def _pair_by_text(
    a: list[dict[str, str]], b: list[dict[str, str]]
) -> list[tuple[dict[str, str], dict[str, str]]]:
    """Greedy pairing: same printed text (events: same date) first, then the most similar quote."""
    anchor = "printed" if a and "printed" in a[0] else "date"
    candidates = []
    matcher = difflib.SequenceMatcher(None)
    for j, row_b in enumerate(b):
        matcher.set_seq2(row_b.get("quote", ""))  # indexes b once; set_seq1 is cheap
        for i, row_a in enumerate(a):
            same_anchor = _norm(row_a.get(anchor, "")) == _norm(row_b.get(anchor, ""))
            matcher.set_seq1(row_a.get("quote", ""))
            if not same_anchor and matcher.quick_ratio() <= 0.6:
                continue  # a cheap upper bound already fails the threshold below
            quote = matcher.ratio()
            if same_anchor or quote > 0.6:
                candidates.append(((2.0 if same_anchor else 0.0) + quote, i, j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates, reverse=True):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((a[i], b[j]))
    return pairs


def _norm(text: str) -> str:
    return " ".join(text.split())


def _label(row: dict[str, str]) -> str:
    for column in ("id", "period", "country", "footnote"):
        if row.get(column):
            extra = [
                row.get(c, "") for c in ("boat_class", "measure", "year", "article") if row.get(c)
            ]
            return "|".join([row[column], *extra])
    return "|".join(list(row.values())[:3])


def summary_markdown(diffs: list[FileDiff]) -> str:
    """A table of rows and differing cells per file, for the double-keying report."""
    lines = [
        "| file | rows A | rows B | paired | only A | only B | cells differing (by column) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for d in diffs:
        counts = ", ".join(f"{c} {n}" for c, n in sorted(d.cell_counts().items())) or "none"
        lines.append(
            f"| {d.name} | {d.rows_a} | {d.rows_b} | {d.paired} | {len(d.only_a)} | "
            f"{len(d.only_b)} | {counts} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m tables.doublekey KEY_A KEY_B
    import sys

    print(summary_markdown(diff_keys(Path(sys.argv[1]), Path(sys.argv[2]))), end="")
