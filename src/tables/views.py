"""Views for people: each source table in the article's own layout, and claims by topic.

The storage is tidy and long; a reader checking the transcription wants the
table as printed. ``printed_table`` pivots a table resource back into the
article's layout, showing the printed text (missing marks and all), with
total rows in bold, missing marks in grey, unreadable cells in red and cells
read through a correction in amber (``tables.cells`` decides which).
``claims_about`` gives the checked claims that read a set of resources.
``readable`` shows any frame for reading rather than computing, and ``by_date``
puts rows in the order of their EDTF dates.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tables.package import open_package, read_rows

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler

    from tables.claims import CheckedClaim

__all__ = [
    "CELL_KEY",
    "Layout",
    "by_date",
    "cell_key_html",
    "claims_about",
    "claims_frame",
    "layout",
    "printed_table",
    "printed_tables",
    "readable",
    "verdict_counts",
    "what_the_data_show",
]

_CSS = {
    "total": "font-weight: bold; border-top: 1px solid #444",
    "missing": "color: #888888; font-style: italic",
    "unreadable": "background-color: #fde2e1; color: #a00000",
    "reading": "background-color: #fff4d6; color: #7a5500",
    "ok": "",
}
#: What each cell style of a table as printed means, for a key beside the table.
CELL_KEY = {
    "total": "a total line",
    "missing": "a missing mark or an empty cell",
    "unreadable": "unreadable in the source",
    "reading": "read through a correction (corrections.csv gives the reason)",
}


def cell_key_html() -> str:
    """The key to ``printed_table``'s cell styles, each meaning in its own style."""
    import html

    keys = "; ".join(
        f'<span style="{_CSS[state]}">{html.escape(meaning)}</span>'
        for state, meaning in CELL_KEY.items()
    )
    return f"<p><small>Each cell shows the printed text. Key: {keys}.</small></p>"


@dataclass(frozen=True)
class Layout:
    """A table in the article's layout: column heads, and per printed line its cells as
    (printed text, the tidy row it was read from or None for a label) and whether the line
    is a total line. ``also`` gives, by (line, column), further rows one printed cell
    shows (a share printed in brackets beside its volume)."""

    heads: tuple[str, ...]
    lines: list[list[tuple[str, dict[str, str] | None]]]
    totals: list[bool]
    also: dict[tuple[int, int], list[dict[str, str]]] = field(default_factory=dict)


def printed_table(name: str) -> Styler:
    """Table ``name`` as printed: the article's rows and columns, the printed text in each cell."""
    import pandas as pd

    from tables.cells import corrections_by_cell
    from tables.package import row_key

    pkg = open_package()
    fixes = (
        corrections_by_cell(read_rows(pkg, "corrections")) if "corrections" in pkg.name_set else {}
    )
    keys = pkg.primary_key(name)
    grid = layout(name, read_rows(pkg, name), pkg.resource(name).get("printedLayout"))

    def state(text: str, row: dict[str, str] | None, total: bool, column: int) -> str:
        if row is None:  # a label, or a cell the table leaves empty
            return "total" if total else ("missing" if column and not text else "ok")
        return _status(row, fixes.get((name, row_key(row, keys), "value")))

    cells = [[text for text, _row in line] for line in grid.lines]
    status = [
        [state(text, row, total, i) for i, (text, row) in enumerate(line)]
        for line, total in zip(grid.lines, grid.totals, strict=True)
    ]
    frame = pd.DataFrame(cells, columns=list(grid.heads))
    kinds = pd.DataFrame(status, columns=list(grid.heads))
    resource = pkg.resource(name)
    caption = f"{resource['title']} — as printed (footnote {resource.get('footnote', '-')})"
    return (
        frame.style.set_uuid(name)  # ids from the name, not random: the same page each build
        .hide(axis="index")
        .apply(lambda _frame: kinds.map(_CSS.get), axis=None)
        .set_caption(caption)
        .set_table_styles(
            [{"selector": "caption", "props": "caption-side: top; font-weight: bold"}]
        )
    )


def readable(frame: pd.DataFrame) -> Styler:
    """``frame`` for reading, not computing: every row and every character shown (pandas
    would elide both), no row numbers, text left-aligned, a missing value blank rather
    than ``<NA>``, a whole number without ``.0`` (a count of 42823 read as a float)."""

    def cell(value: object) -> str:
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    # ids from the content, not random: the same output each run, distinct per table
    uuid = hashlib.sha256(frame.to_csv().encode("utf-8")).hexdigest()[:12]
    return (
        frame.style.set_uuid(uuid)
        .hide(axis="index")
        .format(cell, na_rep="")
        .set_table_styles(
            [{"selector": "th, td", "props": "text-align: left; vertical-align: top"}]
        )
    )


def by_date(frame: pd.DataFrame, column: str = "date") -> pd.DataFrame:
    """``frame`` in the order of its EDTF dates in ``column``: by the first day a date can
    be, then the last (a year before its first month, a month before its first day), stably."""
    from tables.dates import parse_edtf_bounds

    bounds = frame[column].map(parse_edtf_bounds)
    order = sorted(range(len(frame)), key=lambda i: bounds.iloc[i])
    return frame.iloc[order]


def _status(row: dict[str, str], correction: dict[str, str] | None) -> str:
    from tables.cells import cell_state

    if row.get("row_kind") == "total":
        return "total"
    return cell_state(row, correction).state


def printed_tables(directory: object = None) -> list[str]:
    """The resources of the package that declare how they are printed (``printedLayout``)."""
    pkg = open_package(directory)  # type: ignore[arg-type]
    return [r["name"] for r in pkg.resources if r.get("printedLayout")]


def layout(name: str, rows: list[dict[str, str]], spec: dict[str, Any] | None = None) -> Layout:
    """The tidy rows of table ``name`` put back into its printed rows and columns.

    ``spec`` is the resource's ``printedLayout`` (read from the project's package when not
    given): ``heads``, the column heads as printed; ``label``, the fields that name a printed
    line; optionally ``blankRepeats`` (label fields printed only when they change),
    ``columns`` (``field`` and its ``values``, one printed column each) and ``cell``
    (``field``: the ``value`` whose text fills the cell, and a ``beside`` value printed in
    brackets after it).
    """
    if spec is None:
        pkg = open_package()
        spec = pkg.resource(name).get("printedLayout") if name in pkg.name_set else None
    if not spec:
        raise KeyError(f"{name} declares no printedLayout; printed tables: {printed_tables()}")
    labels: list[str] = list(spec["label"])
    blank = set(spec.get("blankRepeats", []))
    cell = spec.get("cell")
    pivot = spec.get("columns")

    def kind(row: dict[str, str], which: str) -> bool:
        return cell is None or row.get(cell["field"]) == cell[which]

    def beside(rows_here: list[dict[str, str]]) -> dict[str, str] | None:
        if cell is None or "beside" not in cell:
            return None
        return next((r for r in rows_here if kind(r, "beside")), None)

    lines: list[list[tuple[str, dict[str, str] | None]]] = []
    totals: list[bool] = []
    also: dict[tuple[int, int], list[dict[str, str]]] = {}
    grouped: dict[tuple[str, ...], list[dict[str, str]]] = {}
    for row in rows:
        grouped.setdefault(tuple(row[f] for f in labels), []).append(row)
    previous: tuple[str, ...] = ()
    for key, rows_here in grouped.items():
        shown = [
            "" if f in blank and i < len(previous) and previous[i] == value else value
            for i, (f, value) in enumerate(zip(labels, key, strict=True))
        ]
        previous = key
        line: list[tuple[str, dict[str, str] | None]] = [(text, None) for text in shown]
        cells = (
            [rows_here]
            if pivot is None
            else [
                [r for r in rows_here if r.get(pivot["field"]) == value]
                for value in pivot["values"]
            ]
        )
        for here in cells:
            main = next((r for r in here if kind(r, "value")), None)
            text = main["printed"] if main else ""
            extra = beside(here)
            if extra is not None:
                text += f" ({extra['printed']})"
                also[(len(lines), len(line))] = [extra]
            line.append((text, main))
        lines.append(line)
        totals.append(any(r.get("row_kind") == "total" for r in rows_here))
    return Layout(tuple(spec["heads"]), lines, totals, also)


def _checked() -> tuple[CheckedClaim, ...]:
    from tables.claims import project_claims

    return project_claims()


def claims_frame(
    claims: tuple[CheckedClaim, ...] | list[CheckedClaim] | None = None,
) -> pd.DataFrame:
    """Checked claims as a table: id, where, quote, what is stated as printed, what the
    computed figure is tested against (the stated figure, or a bound such as "> 0" for a
    rise: without it a computed 7,740 beside "consistent" reads as nonsense), the
    computed figure, unit, verdict, explanation."""
    import pandas as pd

    from tables.report import number, tested_against

    rows = []
    for c in claims if claims is not None else _checked():
        unit = c.row["unit"]
        rows.append(
            {
                "id": c.id,
                "where": c.row["where"],
                "quote": c.row["quote"],
                "stated": c.row["stated_printed"],  # blank: the claim is the data's own
                "tested against": tested_against(c),
                "computed": number(c.computed.point if c.computed else None, unit),
                "unit": unit,
                "verdict": c.verdict,
                "explanation": c.row["explanation"],
            }
        )
    return pd.DataFrame(rows)


def claims_about(*resources: str) -> pd.DataFrame:
    """The checked claims whose computation or stated figure reads any of ``resources``."""
    return claims_frame(_about(resources))


def _about(resources: tuple[str, ...]) -> list[CheckedClaim]:
    from tables.claims import parse

    names = set(open_package().names())
    chosen = []
    for claim in _checked():
        used: set[str] = set()
        for column in ("expression", "stated_ref"):
            if claim.row.get(column):
                used |= parse(claim.row[column], names).resources
        if used & set(resources):
            chosen.append(claim)
    return chosen


def what_the_data_show(*resources: str) -> str:
    """Markdown, written from the checked claims (never typed): what holds, what does not.

    One line of counts, then each finding that reads ``resources`` and is
    inconsistent or cannot fail, with its figures as computed and its
    explanation; the claims that hold are named after.
    """
    from tables.claims import CANNOT_FAIL, CONSISTENT, INCONSISTENT, NOT_CHECKABLE
    from tables.report import finding_verdict, findings, number, tested_against

    chosen = _about(resources)
    groups = findings(chosen)
    verdicts = {f: finding_verdict(g) for f, g in groups.items()}
    counts = {v: sum(1 for x in verdicts.values() if x == v) for v in verdicts.values()}
    order = (CONSISTENT, INCONSISTENT, CANNOT_FAIL, NOT_CHECKABLE)
    tally = ", ".join(f"{counts[v]} {v}" for v in order if counts.get(v))
    lines = [
        f"**What the data show.** {len(chosen)} claims read these data, as "
        f"{len(groups)} findings: {tally}.",
        "",
    ]
    for finding, group in groups.items():
        if verdicts[finding] not in (INCONSISTENT, CANNOT_FAIL):
            continue
        parts = []
        for c in group:
            unit = c.row["unit"]
            computed = c.computed.point if c.computed else None
            shown = number(computed, unit) if computed is not None else "-"
            test = tested_against(c)
            printed = c.row["stated_printed"]
            said = f'stated "{printed}", ' if printed and printed != test else ""
            parts.append(
                f"{c.id} {c.verdict} ({said}computed {shown} {unit}, tested against {test})"
            )
        reason = next(
            (c.why or c.row["explanation"] for c in group if c.verdict == verdicts[finding]), ""
        )
        reason = reason[:1].upper() + reason[1:]  # a sentence of its own
        lines.append(f"- **{finding}**: " + "; ".join(parts) + f". {reason}")
    held = [f for f, v in verdicts.items() if v == CONSISTENT]
    if held:
        lines += ["", "Hold: " + ", ".join(held) + "."]
    return "\n".join(lines) + "\n"


def verdict_counts() -> pd.DataFrame:
    """Claims by kind (rows) and verdict (columns), with totals."""
    import pandas as pd

    from tables.report import VERDICTS, summary_counts

    table = summary_counts(_checked())
    frame = pd.DataFrame(
        [[counts[v] for v in VERDICTS] for counts in table.values()],
        index=list(table),
        columns=list(VERDICTS),
    )
    frame.loc["all"] = frame.sum()
    return frame
