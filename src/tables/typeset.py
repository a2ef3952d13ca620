"""Tables for papers: a printed table as LaTeX (booktabs), Markdown or CSV, as printed or
corrected.

As printed, each cell is the article's text. Corrected, a cell changes only where
the package decides its reading: a reading recorded in ``corrections.csv``, or a
figure the errata determine (one cell's edit restores the failed claim and no
other cell's competes). A cell the errata cannot decide is marked and footnoted,
never changed; so is an unreadable cell. Every mark has a note saying why. The
output depends only on the package, so it is byte-stable.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tables.claims import CheckedClaim
    from tables.claims.diagnose import Edit

__all__ = ["FORMATS", "PaperTable", "paper_table", "render"]

FORMATS = ("latex", "markdown", "csv")


@dataclass
class PaperTable:
    """A table ready to typeset: caption, heads, lines of cell texts, the total lines,
    each cell's note numbers, and the notes."""

    name: str
    caption: str
    source: str
    heads: tuple[str, ...]
    lines: list[list[str]]
    totals: list[bool]
    marks: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    corrected: bool = False

    def mark(self, line: int, column: int, note: str) -> None:
        """Footnote cell (line, column) with ``note`` (one number per distinct note)."""
        if note not in self.notes:
            self.notes.append(note)
        number = self.notes.index(note) + 1
        cell = self.marks.setdefault((line, column), [])
        if number not in cell:
            cell.append(number)


def paper_table(name: str, corrected: bool = False, directory: Path | None = None) -> PaperTable:
    """Table ``name`` of the package as printed, or with its decided readings applied."""
    from tables.cells import READING, UNREADABLE, cell_state, corrections_by_cell
    from tables.package import open_package, read_rows, row_key
    from tables.views import layout

    pkg = open_package(directory)
    if name not in pkg.name_set:
        raise KeyError(name)
    resource = pkg.resource(name)
    spec = resource.get("printedLayout")
    if not spec:
        raise KeyError(name)
    grid = layout(name, read_rows(pkg, name), spec)
    keys = pkg.primary_key(name)
    source = _source(pkg, resource)
    caption = str(resource.get("title", name))
    table = PaperTable(
        name,
        caption + (" (corrected)" if corrected else ""),
        source,
        grid.heads,
        [[text for text, _row in line] for line in grid.lines],
        grid.totals,
        corrected=corrected,
    )
    if not corrected:
        return table
    fixes = (
        corrections_by_cell(read_rows(pkg, "corrections")) if "corrections" in pkg.name_set else {}
    )
    decided, undecided = _errata(name, directory)
    for i, line in enumerate(grid.lines):
        for j, (text, row) in enumerate(line):
            if row is None:
                continue
            key = row_key(row, keys)
            fix = fixes.get((name, key, "value"))
            state = cell_state(row, fix)
            reason = (fix or {}).get("reason", "")
            if state.state == READING:
                table.lines[i][j] = text.replace(state.printed, state.reading or "", 1)
                table.mark(
                    i,
                    j,
                    f"Printed \u201c{state.printed}\u201d, read as {state.reading} "
                    f"({state.confidence} confidence): {reason}",
                )
            elif state.state == UNREADABLE:
                table.mark(
                    i,
                    j,
                    f"Printed \u201c{state.printed}\u201d: unreadable, left as printed. {reason}",
                )
            shown = [row_key(r, keys) for r in [row, *grid.also.get((i, j), [])]]
            for other in (k for k in shown if k in decided):
                edit = decided[other]
                table.lines[i][j] = text.replace(edit.printed, edit.becomes, 1)
                table.mark(
                    i,
                    j,
                    f"Printed \u201c{edit.printed}\u201d; the arithmetic of "
                    f"{', '.join(edit.fixes)} determines {edit.becomes} "
                    f"({edit.kind}: {edit.detail}).",
                )
            for note in (n for k in shown for n in undecided.get(k, [])):
                table.mark(i, j, note)
    return table


def _source(pkg: object, resource: dict[str, object]) -> str:
    """The article, table and footnote, and what the footnote cites."""
    sources = resource.get("sources") or []
    first = sources[0] if sources else {}  # type: ignore[index]
    title = str(first.get("title", ""))  # type: ignore[union-attr]
    note = str(first.get("note", ""))  # type: ignore[union-attr]
    return f"Source: {title}" + (f" ({note})" if note else "") if title else ""


def _errata(name: str, directory: Path | None) -> tuple[dict[str, Edit], dict[str, list[str]]]:
    """For table ``name``: the cells whose reading the errata determine, and the notes of
    the cells an inconsistent finding leaves undecided between."""
    from tables.claims import INCONSISTENT
    from tables.claims.diagnose import decide
    from tables.report import findings, number

    results, edits = _checked(directory)
    decided: dict[str, Edit] = {}
    undecided: dict[str, list[str]] = {}
    for finding, group in findings(results).items():
        pooled = [e for c in group for e in edits.get(c.id, [])]
        for claim in (c for c in group if c.verdict == INCONSISTENT):
            reading = decide(claim.id, pooled)
            if reading.decided is not None and reading.decided.resource == name:
                decided[reading.decided.key] = reading.decided
                continue
            ours = [key for resource, key in reading.competing if resource == name]
            if not ours:
                continue
            computed = claim.computed.point if claim.computed else None
            options = "; or ".join(
                f"{resource}[{key!r}] read as "
                + _some(
                    e.becomes
                    for e in pooled
                    if (e.resource, e.key) == (resource, key) and not e.breaks and e.fixes
                )
                for resource, key in reading.competing
            )
            stated = claim.row["stated_printed"] or number(claim.stated_value, claim.row["unit"])
            about = f" ({finding})" if finding != claim.id else ""
            note = (
                f"Claim {claim.id}{about} fails: stated {stated}, computed "
                f"{number(computed, claim.row['unit'])} {claim.row['unit']}. The errata cannot "
                f"decide which printed figure is wrong ({options}), so none is changed."
            )
            for key in ours:
                undecided.setdefault(key, []).append(note)
    return decided, undecided


def _some(values: object, shown: int = 3) -> str:
    """The first ``shown`` distinct values, and how many more there are."""
    distinct = list(dict.fromkeys(values))  # type: ignore[call-overload]
    more = len(distinct) - shown
    return " or ".join(distinct[:shown]) + (f" (or {more} more)" if more > 0 else "")


@cache
def _checked(directory: Path | None) -> tuple[list[CheckedClaim], dict[str, list[Edit]]]:
    """The package's checked claims and candidate edits, once per process and package (as
    ``project_claims`` is for the figures and notebooks)."""
    from tables.claims import check_claims
    from tables.claims.diagnose import diagnose

    results, problems = check_claims(directory)
    if problems:  # no errata from a registry that cannot be read; `tables check` says why
        raise ValueError(f"{len(problems)} claims cannot be evaluated; run tables check")
    return results, diagnose(results, directory)


def render(table: PaperTable, fmt: str) -> str:
    """The table as ``latex`` (booktabs), ``markdown`` or ``csv`` text."""
    if fmt == "latex":
        return _latex(table)
    if fmt == "markdown":
        return _markdown(table)
    if fmt == "csv":
        return _csv(table)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _letters(numbers: list[int]) -> str:
    return ",".join(chr(ord("a") + n - 1) for n in numbers)


_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\u201c": "``",
    "\u201d": "''",
}


def _tex(text: str) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in text)


def _numeric(table: PaperTable, column: int) -> bool:
    cells = [line[column] for line in table.lines if line[column].strip()]
    return bool(cells) and all(any(ch.isdigit() for ch in c) or set(c) <= {"-"} for c in cells)


def _latex(table: PaperTable) -> str:
    align = "".join("r" if j and _numeric(table, j) else "l" for j in range(len(table.heads)))
    out = [
        "% Needs \\usepackage{booktabs}. Written by `tables table"
        f" {table.name} --format latex{' --corrected' if table.corrected else ''}`.",
        "\\begin{table}",
        "\\centering",
        f"\\caption{{{_tex(table.caption)}}}",
        f"\\begin{{tabular}}{{{align}}}",
        "\\toprule",
        " & ".join(_tex(h) for h in table.heads) + " \\\\",
        "\\midrule",
    ]
    for i, (line, total) in enumerate(zip(table.lines, table.totals, strict=True)):
        if total:
            out.append("\\midrule")
        cells = []
        for j, text in enumerate(line):
            cell = _tex(text)
            if (i, j) in table.marks:
                cell += f"\\textsuperscript{{{_letters(table.marks[(i, j)])}}}"
            cells.append(cell)
        out.append(" & ".join(cells) + " \\\\")
    out.append("\\bottomrule")
    out.append("\\end{tabular}")
    notes = [
        f"\\textsuperscript{{{_letters([n])}}} {_tex(t)}"
        for n, t in enumerate(table.notes, start=1)
    ]
    if table.source or notes:
        out.append("\\par\\smallskip\\footnotesize")
        out += [f"{note}\\par" for note in notes]
        if table.source:
            out.append(f"{_tex(table.source)}\\par")
    out.append("\\end{table}")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*")


def _markdown(table: PaperTable) -> str:
    out = [f"**{_md(table.caption)}**", ""]
    out.append("| " + " | ".join(_md(h) for h in table.heads) + " |")
    out.append(
        "|"
        + "|".join("---:" if j and _numeric(table, j) else "---" for j in range(len(table.heads)))
        + "|"
    )
    for i, (line, total) in enumerate(zip(table.lines, table.totals, strict=True)):
        cells = []
        for j, text in enumerate(line):
            cell = _md(text)
            if total and cell:
                cell = f"**{cell}**"
            if (i, j) in table.marks:
                cell += "".join(f"[^{n}]" for n in table.marks[(i, j)])
            cells.append(cell)
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    if table.source:
        out += [_md(table.source), ""]
    for n, text in enumerate(table.notes, start=1):
        out.append(f"[^{n}]: {_md(text)}")
    return "\n".join(out).rstrip("\n") + "\n"


def _csv(table: PaperTable) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*table.heads, "notes"])
    for i, line in enumerate(table.lines):
        notes = sorted({n for (li, _j), ns in table.marks.items() if li == i for n in ns})
        cells = [
            text + (f" [{_letters(table.marks[(i, j)])}]" if (i, j) in table.marks else "")
            for j, text in enumerate(line)
        ]
        writer.writerow(
            [*cells, " ".join(f"[{_letters([n])}] {table.notes[n - 1]}" for n in notes)]
        )
    return buffer.getvalue()
