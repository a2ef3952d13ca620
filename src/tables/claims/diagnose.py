"""Causes computed, not typed: the single-cell edits that would restore a claim.

For each inconsistent claim, every printed cell it reads is edited the ways
printed figures go wrong: one digit changed, two adjacent digits swapped, a
digit dropped or doubled, or the cell copied from a neighbouring row or column
(the same figure printed in the cell beside it). An edit is a candidate cause
when, with it, the claim holds within the printed precision. Each candidate is
then tried on every other claim that reads the cell: an edit that restores
several claims and breaks none ranks first. Where two candidates on different
cells rank alike, the arithmetic does not decide between them, and the errata
says so instead of printing one corrected figure.

Also here: coverage, the share of the package's printed figures that at least
one claim reads.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from tables.cells import (
    MISSING,
    OK,
    READING,
    UNREADABLE,
    CellState,
    cell_state,
    corrections_by_cell,
)
from tables.claims.check import (
    CONSISTENT,
    INCONSISTENT,
    NOT_CHECKABLE,
    REGISTRY,
    CheckedClaim,
    evaluate_claim,
)
from tables.claims.data import DataIndex
from tables.claims.interval import ClaimError
from tables.claims.precision import operand, printed_step
from tables.package import DataPackage, open_package, short_authors
from tables.printed import PrintedError, Printing, printing, read_printed

__all__ = [
    "Coverage",
    "Diagnosis",
    "Edit",
    "Reading",
    "candidate_edits",
    "coverage",
    "decide",
    "diagnose",
    "diagnosis",
]

#: How plausible each kind of slip is, first to last, when the arithmetic ties.
KINDS = ("copied", "balancing", "recomputed", "swapped", "digit", "dropped", "doubled")
#: A stated figure that is one cell of the data: ``resource["key"]``.
_ONE_CELL = re.compile(r'\s*([A-Za-z_][A-Za-z0-9_]*)\["([^"]*)"\]\s*')
#: Values tried when searching what a copied cell should have been: from a
#: hundredth to a hundred times the printed figure, then narrowed by bisection.
_GRID = 240


@dataclass(frozen=True)
class Edit:
    """One candidate single-cell edit and what it does to every claim reading the cell."""

    resource: str
    key: str
    printed: str
    kind: str
    #: What the cell would read: the edited text, or for a copy the range restoring the claim.
    becomes: str
    detail: str
    fixes: tuple[str, ...] = ()
    breaks: tuple[str, ...] = ()
    #: The claim's verdict with the edit: consistent, or not checkable when it would
    #: then rest on a figure that cannot be read.
    verdict: str = CONSISTENT

    @property
    def cell(self) -> str:
        return f"{self.resource}[{self.key!r}]"

    @property
    def restores(self) -> bool:
        return self.verdict == CONSISTENT

    def rank(self) -> tuple[int, int, int, int]:
        return (not self.restores, len(self.breaks), -len(self.fixes), KINDS.index(self.kind))


@dataclass
class Coverage:
    """Printed figures read by at least one claim, by resource."""

    used: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)

    @property
    def share(self) -> float:
        whole = sum(self.total.values())
        return sum(self.used.values()) / whole if whole else 0.0


def _digit_edits(printed: str) -> Iterator[tuple[str, str, str]]:
    """(kind, edited text, description) for every one-slip change of the printed digits."""
    places = [i for i, ch in enumerate(printed) if ch.isdigit()]
    for n, i in enumerate(places):
        for digit in "0123456789":
            if digit != printed[i]:
                yield (
                    "digit",
                    printed[:i] + digit + printed[i + 1 :],
                    f"digit {n + 1} read {digit} for {printed[i]}",
                )
        if n + 1 < len(places):
            j = places[n + 1]
            if printed[i] != printed[j]:
                text = list(printed)
                text[i], text[j] = text[j], text[i]
                yield "swapped", "".join(text), f"digits {n + 1} and {n + 2} swapped"
        yield "dropped", printed[:i] + printed[i + 1 :], f"digit {n + 1} ({printed[i]}) dropped"
        yield "doubled", printed[:i] + printed[i] + printed[i:], f"digit {n + 1} doubled"


def _is_figure(row: dict[str, str]) -> bool:
    """A printed figure (read or not), not a missing mark (``tables.cells`` decides)."""
    has = bool(row.get("printed", "").strip()) and "value" in row
    return has and cell_state(row).state != MISSING


def _reads_figure(row: dict[str, str]) -> bool:
    """A printed figure that has a value to compute with."""
    return bool(row.get("printed")) and "value" in row and cell_state(row).state in (OK, READING)


def _plausible(original: str, text: str) -> bool:
    """A slip keeps the figure's shape: no leading zero, as many decimals as printed."""
    digits = text.strip().lstrip("abcdefghijklmnopqrstuvwxyz ")
    if (len(digits) > 1 and digits[0] == "0" and digits[1].isdigit()) or digits.startswith("0,"):
        return False
    return _decimals(original) == _decimals(text)


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1].rstrip(" %")) if "." in text else 0


def _with_printed(row: dict[str, str], text: str) -> dict[str, str] | None:
    if not _plausible(row["printed"], text):
        return None
    try:
        reading = read_printed(text)
    except PrintedError:
        return None
    if reading.value is None:
        return None
    value = reading.value
    shown = str(int(value)) if float(value).is_integer() else repr(float(value))
    edited = {**row, "printed": text, "value": shown, "low": "", "high": ""}
    # the edit keeps the precision the cell was printed to ("14,000,000" for
    # "13,712,000" is still good to the thousand, not to half a million)
    unit = row.get("unit") or ""
    original = operand(row, unit)
    if original is not None and original.point is not None and original.low < original.high:
        half = (original.high - original.low) / 2
        edited.update(low=repr(value - half), high=repr(value + half))
    return edited


def _neighbours(
    data: DataIndex, resource: str, key: str
) -> Iterator[tuple[str, dict[str, str], str]]:
    """Rows printed beside a cell: the same key but for one field, next in that field's order."""
    fields = data.pkg.primary_key(resource)
    rows = data.rows(resource)
    here = data.row(resource, key)
    for position, name in enumerate(fields):
        order: list[str] = []
        for row in rows:
            if row[name] not in order:
                order.append(row[name])
        index = order.index(here[name])
        for step, where in ((-1, "before"), (1, "after")):
            if not 0 <= index + step < len(order):
                continue
            wanted = {f: here[f] for f in fields}
            wanted[name] = order[index + step]
            for row in rows:
                if all(row[f] == v for f, v in wanted.items()):
                    side = "row" if position == 0 else "column"
                    yield data.key_of(resource, row), row, f"the {side} {where} ({row[name]})"


def candidate_edits(
    claim: CheckedClaim,
    results: list[CheckedClaim],
    data: DataIndex,
    pkg: DataPackage,
) -> list[Edit]:
    """The single-cell edits that restore ``claim``, ranked (see the module docstring)."""
    readers: dict[tuple[str, str], list[CheckedClaim]] = {}
    for other in results:
        for cell in other.reads:
            readers.setdefault(cell, []).append(other)
    edits: list[Edit] = []
    for resource, key in sorted(claim.reads):
        row = data.row(resource, key)
        if not _reads_figure(row):
            continue
        seen: set[str] = {row["printed"]}
        for kind, text, detail in _slips(data, resource, key, row):
            if text in seen:
                continue
            seen.add(text)
            edited = _with_printed(row, text)
            if edited is None:
                continue
            verdict = _verdict(claim, data, pkg, {(resource, key): edited})
            if verdict not in (CONSISTENT, NOT_CHECKABLE):
                continue
            fixes, breaks = _consequences(
                readers[(resource, key)], data, pkg, resource, key, edited
            )
            edits.append(
                Edit(resource, key, row["printed"], kind, text, detail, fixes, breaks, verdict)
            )
        for other_key, other, where in _neighbours(data, resource, key):
            if other.get("printed") != row["printed"]:
                continue
            found = _restoring_range(claim, data, pkg, resource, key, row)
            if found is None:
                continue
            low, high, middle = found
            edited = {**row, "value": repr(middle), "low": "", "high": ""}
            fixes, breaks = _consequences(
                readers[(resource, key)], data, pkg, resource, key, edited
            )
            edits.append(
                Edit(
                    resource,
                    key,
                    row["printed"],
                    "copied",
                    _shown_range(low, high, row),
                    f"the same figure as {where}, {resource}[{other_key!r}]",
                    fixes,
                    breaks,
                )
            )
    edits += _recomputed(claim, readers, data, pkg)
    return sorted(edits, key=Edit.rank)


def _recomputed(
    claim: CheckedClaim,
    readers: dict[tuple[str, str], list[CheckedClaim]],
    data: DataIndex,
    pkg: DataPackage,
) -> list[Edit]:
    """The stated cell printed as its inputs give it, at its own precision.

    When the printed figure is also what the rest of its column leaves over to a
    total of 100 %, it may be a balancing figure (the remainder), and the edit
    says so; where the printed column adds to exactly 100, every share of it is
    such a remainder, so the note marks a possibility, not a finding.
    """
    match = _ONE_CELL.fullmatch(claim.row.get("stated_ref", ""))
    if not match or claim.computed is None or claim.computed.point is None:
        return []
    resource, key = match.groups()
    row = data.row(resource, key)
    # a figure printed in words ("one and a half") has no digits to recompute it in
    if not _reads_figure(row) or not any(ch.isdigit() for ch in row["printed"]):
        return []
    text = _shown(claim.computed.point, row)
    if float(text.replace(",", "").rstrip(" %") or 0) == 0 and claim.computed.point != 0:
        return []
    edited = _with_printed(row, text) if text != row["printed"] else None
    if edited is None or not _holds(claim, data, pkg, {(resource, key): edited}):
        return []
    fixes, breaks = _consequences(readers[(resource, key)], data, pkg, resource, key, edited)
    kind, detail = "recomputed", "the printed figure as its inputs give it"
    rest = _rest_of_column(data, resource, key)
    if rest is not None and row.get("printed", "").endswith("%"):
        others, total = rest
        if abs(100 - total - float(row["value"])) < _step(row["printed"]) / 2:
            kind = "balancing"
            shown = " + ".join(others)
            detail = (
                f"equals 100 % less the column's other printed shares ({shown}): it may be "
                "the remainder that makes the column add to 100, not computed"
            )
    return [Edit(resource, key, row["printed"], kind, text, detail, fixes, breaks)]


def _rest_of_column(data: DataIndex, resource: str, key: str) -> tuple[list[str], float] | None:
    """The other printed figures sharing the cell's key but its first part, and their sum."""
    fields = data.pkg.primary_key(resource)
    here = data.row(resource, key)
    others = [
        row
        for row in data.rows(resource)
        if row is not here and all(row[f] == here[f] for f in fields[1:]) and _reads_figure(row)
    ]
    if not others:
        return None
    return [r["printed"].rstrip(" %") for r in others], sum(float(r["value"]) for r in others)


def _verdict(
    claim: CheckedClaim,
    data: DataIndex,
    pkg: DataPackage,
    overrides: dict[tuple[str, str], dict[str, str]],
) -> str | None:
    try:
        return evaluate_claim(claim.row, claim.line, data.what_if(overrides), pkg).verdict
    except ClaimError:
        return None


def _slips(
    data: DataIndex, resource: str, key: str, row: dict[str, str]
) -> Iterator[tuple[str, str, str]]:
    """Slips of the printed digits, and, where every figure of the cell's column is a
    whole multiple of one factor (16,000 kg: thousands of poods), slips of the figure
    in that original unit."""
    yield from _digit_edits(row["printed"])
    factor = _common_factor(data, resource, key)
    if factor is None:
        return
    value = round(float(row["value"]))
    for kind, text, detail in _digit_edits(str(value // factor)):
        if not text or not _plausible(str(value // factor), text):
            continue
        new = int(text) * factor
        shown = f"{new:,}" if "," in row["printed"] else str(new)
        yield kind, shown, f"{detail} of the figure in units of {factor:,}"


def _common_factor(data: DataIndex, resource: str, key: str) -> int | None:
    """The factor every whole figure of the cell's column is a multiple of, if it is
    not a power of ten (a conversion from another unit), else None."""
    fields = data.pkg.primary_key(resource)
    here = data.row(resource, key)
    column = [r for r in data.rows(resource) if all(r[f] == here[f] for f in fields[1:])]
    values = [float(r["value"]) for r in column if _reads_figure(r)]
    if len(values) < 3 or not all(v.is_integer() and v > 0 for v in values):
        return None
    factor = 0
    for v in values:
        factor = math.gcd(factor, int(v))
    power = factor > 0 and 10 ** round(math.log10(factor)) == factor
    return None if factor <= 1 or power else factor


def _holds(
    claim: CheckedClaim,
    data: DataIndex,
    pkg: DataPackage,
    overrides: dict[tuple[str, str], dict[str, str]],
) -> bool:
    return _verdict(claim, data, pkg, overrides) == CONSISTENT


def _consequences(
    readers: list[CheckedClaim],
    data: DataIndex,
    pkg: DataPackage,
    resource: str,
    key: str,
    edited: dict[str, str],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Claims reading the cell that the edit restores, and those it breaks."""
    fixes, breaks = [], []
    for other in readers:
        try:
            after = evaluate_claim(
                other.row, other.line, data.what_if({(resource, key): edited}), pkg
            ).verdict
        except ClaimError:
            continue
        if other.verdict == INCONSISTENT and after == CONSISTENT:
            fixes.append(other.id)
        elif other.verdict == CONSISTENT and after == INCONSISTENT:
            breaks.append(other.id)
    return tuple(fixes), tuple(breaks)


def _restoring_range(
    claim: CheckedClaim,
    data: DataIndex,
    pkg: DataPackage,
    resource: str,
    key: str,
    row: dict[str, str],
) -> tuple[float, float, float] | None:
    """The values of a cell that make the claim hold: (lowest, highest, middle), or None."""
    value = float(row["value"])
    if value <= 0:
        return None

    def checked(v: float) -> CheckedClaim | None:
        edited = {**row, "value": repr(v), "low": "", "high": ""}
        try:
            return evaluate_claim(
                claim.row, claim.line, data.what_if({(resource, key): edited}), pkg
            )
        except ClaimError:
            return None

    def ok(v: float) -> bool:
        result = checked(v)
        return result is not None and result.verdict == CONSISTENT

    def sign(v: float) -> int:
        result = checked(v)
        gap = None if result is None else result.difference
        return 0 if gap is None else (gap > 0) - (gap < 0)

    grid = [value * 10 ** (4 * i / _GRID - 2) for i in range(_GRID + 1)]
    good = [v for v in grid if ok(v)]
    if not good:
        # the window may be narrower than the grid: find where computed meets stated
        signs = [sign(v) for v in grid]
        for (a, sa), (b, sb) in pairwise(zip(grid, signs, strict=True)):
            if sa and sb and sa != sb:
                for _ in range(60):
                    middle = (a + b) / 2
                    if ok(middle):
                        good = [middle]
                        break
                    if sign(middle) == sa:
                        a = middle
                    else:
                        b = middle
                break
    if not good:
        return None
    low, high = min(good), max(good)
    low = _edge(ok, low, max((v for v in grid if v < low), default=0.0))
    high = _edge(ok, high, min((v for v in grid if v > high), default=high * 2))
    return low, high, (low + high) / 2


def _edge(ok: object, inside: float, outside: float) -> float:
    for _ in range(40):
        middle = (inside + outside) / 2
        if ok(middle):  # type: ignore[operator]
            inside = middle
        else:
            outside = middle
    return inside


def _shown_range(low: float, high: float, row: dict[str, str]) -> str:
    """The figures, at the cell's printed precision, that lie in [low, high]."""
    step = _step(row.get("printed", ""))
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    if first > last:
        return _shown((low + high) / 2, row)
    if first == last:
        return _shown(first * step, row)
    return f"{_shown(first * step, row)} to {_shown(last * step, row)}"


def _step(printed: str) -> float:
    return printed_step(printed)


def _shown(value: float, row: dict[str, str]) -> str:
    """A value at the precision the cell is printed to (0.4 %, 3,370,000)."""
    printed = row.get("printed", "")
    decimals = _decimals(printed)
    if decimals:
        text = f"{value:.{decimals}f}"
    else:
        step = printed_step(printed)
        text = f"{round(value / step) * step:,.0f}"
    return text + (" %" if printed.endswith("%") else "")


def diagnose(results: list[CheckedClaim], directory: object = None) -> dict[str, list[Edit]]:
    """Candidate edits for every inconsistent claim, by claim id."""
    pkg = open_package(directory)  # type: ignore[arg-type]
    with printing(Printing.of(pkg.descriptor)):
        return _diagnose(results, DataIndex(pkg), pkg)


def _diagnose(
    results: list[CheckedClaim], data: DataIndex, pkg: DataPackage
) -> dict[str, list[Edit]]:
    return {
        c.id: candidate_edits(c, results, data, pkg) for c in results if c.verdict == INCONSISTENT
    }


def coverage(results: Iterable[CheckedClaim], directory: object = None) -> Coverage:
    """How many printed figures of each resource at least one claim reads."""
    pkg = open_package(directory)  # type: ignore[arg-type]
    with printing(Printing.of(pkg.descriptor)):
        return _coverage(results, DataIndex(pkg), pkg)


def _coverage(results: Iterable[CheckedClaim], data: DataIndex, pkg: DataPackage) -> Coverage:
    read = {cell for c in results for cell in c.reads}
    cover = Coverage()
    for name in pkg.names():
        if name == REGISTRY:
            continue
        rows = data.rows(name)
        if not rows or "value" not in rows[0] or "printed" not in rows[0]:
            continue
        figures = [data.key_of(name, r) for r in rows if _is_figure(r)]
        if figures:
            cover.total[name] = len(figures)
            cover.used[name] = sum((name, k) in read for k in figures)
    return cover


@dataclass(frozen=True)
class Reading:
    """What the arithmetic decides for one inconsistent claim of a finding.

    ``decided`` is the one edit that restores the claim, when a single cell's edit does so
    without breaking another claim and no edit of another cell competes with it (restores
    any of the same claims); else ``competing`` holds every cell whose clean edits restore
    claims here, and ``restores`` what each one's edits restore.
    """

    claim: str
    decided: Edit | None = None
    competing: tuple[tuple[str, str], ...] = ()
    restores: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)


def decide(claim: str, edits: list[Edit]) -> Reading:
    """Whether ``edits`` (those of the claim's finding) determine a corrected figure."""
    clean = [e for e in edits if not e.breaks]
    restores: dict[tuple[str, str], set[str]] = {}
    for e in clean:
        restores.setdefault((e.resource, e.key), set()).update(e.fixes)
    cells = [cell for cell, fixed in restores.items() if claim in fixed]
    if not cells:
        return Reading(claim)
    rivals = [o for o, fixed in restores.items() if o != cells[0] and fixed & restores[cells[0]]]
    own = [e for e in clean if (e.resource, e.key) == cells[0] and claim in e.fixes]
    frozen = {c: frozenset(f) for c, f in restores.items()}
    if len(cells) == 1 and not rivals and len({e.becomes for e in own}) == 1:
        return Reading(claim, own[0], (cells[0],), frozen)
    return Reading(claim, None, tuple(sorted(set(cells) | set(rivals))), frozen)


@dataclass
class Diagnosis:
    """What the errata shows beside the verdicts: candidate edits, coverage, article titles."""

    edits: dict[str, list[Edit]]
    coverage: Coverage
    titles: dict[str, str]
    #: The cells claims read that are not plain figures: unreadable, or read through a correction.
    states: dict[tuple[str, str], CellState] = field(default_factory=dict)
    #: Each cause code in words, as the claims schema's ``enumLabels`` gives them.
    causes: dict[str, str] = field(default_factory=dict)


def diagnosis(results: list[CheckedClaim], directory: object = None) -> Diagnosis:
    """Everything the errata needs that is computed from the package, not the verdicts."""
    pkg = open_package(directory)  # type: ignore[arg-type]
    with printing(Printing.of(pkg.descriptor)):
        return _diagnosis(results, pkg)


def _diagnosis(results: list[CheckedClaim], pkg: DataPackage) -> Diagnosis:
    data = DataIndex(pkg)
    titles = {}
    if "articles" in pkg.name_set:
        for row in data.rows("articles"):
            surnames = short_authors(row.get("authors", ""))
            titles[row["article"]] = f'{surnames}, "{row.get("title", "")}"'
    fixes = corrections_by_cell(data.rows("corrections")) if "corrections" in pkg.name_set else {}
    states = {}
    for resource, key in sorted({cell for c in results for cell in c.reads}):
        row = data.row(resource, key)
        if "printed" in row and "value" in row:
            state = cell_state(row, fixes.get((resource, key, "value")))
            if state.state in (UNREADABLE, READING):
                states[(resource, key)] = state
    causes = {}
    if REGISTRY in pkg.name_set:
        cause = next((f for f in pkg.fields(REGISTRY) if f["name"] == "cause"), {})
        causes = dict(cause.get("enumLabels") or {})
    return Diagnosis(
        _diagnose(results, data, pkg), _coverage(results, data, pkg), titles, states, causes
    )
