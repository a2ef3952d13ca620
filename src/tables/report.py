"""Render checked claims: a terminal table, markdown, JSON, HTML, and the errata report.

Everything here formats; nothing computes a verdict (that is ``tables.claims``).
HTML is escaped cell by cell, and nothing in the output depends on the time or
the machine, so a report is byte-identical from one run to the next.
"""

from __future__ import annotations

import html
import json
import math
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tables.claims import (
    CANNOT_FAIL,
    CONSISTENT,
    INCONSISTENT,
    NOT_CHECKABLE,
    VERDICTS,
    CheckedClaim,
)

if TYPE_CHECKING:
    from tables.claims.diagnose import Diagnosis, Edit

__all__ = [
    "FORMATS",
    "errata_html",
    "errata_markdown",
    "findings",
    "render",
    "spreadsheet_safe",
    "summary_counts",
    "summary_line",
    "tested_against",
]

FORMATS = ("text", "summary", "markdown", "json", "html", "csv")
#: A text cell starting with one of these is a formula to a spreadsheet (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Candidate edits shown per finding (the rest are counted).
EDITS_SHOWN = 6


def number(value: float | None, unit: str = "") -> str:
    """A figure for people: thousands separators (not in years), at most 4 significant decimals."""
    if value is None:
        return "-"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if unit == "ISO weekday" and value in range(1, 8):
        return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[
            int(value) - 1
        ]
    if float(value).is_integer() and abs(value) < 1e15:
        text = str(int(value)) if unit == "year" else f"{int(value):,}"
    elif abs(value) >= 100:
        text = f"{value:,.1f}"
    else:
        text = f"{value:.4g}"
    return text


def _range(claim: CheckedClaim) -> str:
    c = claim.computed
    if c is None:
        return "-"
    unit = claim.row["unit"]
    if c.choices is not None and len(c.choices) > 1:
        return "one of " + ", ".join(number(v, unit) for v in c.choices)
    if c.low == c.high:
        return number(c.low, unit)
    return f"{number(c.low, unit)} to {number(c.high, unit)}"


def _computed(claim: CheckedClaim) -> str:
    """The computed figure as read; where the inputs allow several, the range of them."""
    if claim.computed is not None and claim.computed.point is None:
        return _range(claim)
    return number(claim.computed.point if claim.computed else None, claim.row["unit"])


def tested_against(claim: CheckedClaim) -> str:
    """What the computed figure is tested against: the stated figure ("2,294,554"), or a
    bound for a relation other than equal ("> 0" for a rise)."""
    from tables.claims.precision import RELATIONS

    relation = claim.row["relation"]
    shown = number(claim.stated_value, claim.row["unit"])
    return shown if relation == "equal" else f"{RELATIONS.get(relation, relation)} {shown}"


def summary_counts(claims: Iterable[CheckedClaim]) -> dict[str, Counter[str]]:
    """Claims by kind, each a count of verdicts."""
    table: dict[str, Counter[str]] = {}
    for claim in claims:
        table.setdefault(claim.row["kind"], Counter())[claim.verdict] += 1
    return dict(sorted(table.items()))


def render(claims: list[CheckedClaim], fmt: str) -> str:
    """All claims in one format: ``text`` (terminal), ``markdown``, ``json`` or ``html``."""
    if fmt == "json":
        return json.dumps([c.as_dict() for c in claims], indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _markdown(claims)
    if fmt == "html":
        return _html_page("Claims checked", _html_summary(claims) + _html_claims_table(claims))
    if fmt == "text":
        return _text(claims)
    if fmt == "summary":
        return _summary(claims)
    if fmt == "csv":
        return _csv(claims)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


# -- csv (for spreadsheets) ---------------------------------------------------
def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _csv(claims: list[CheckedClaim]) -> str:
    import csv
    import io

    rows = [c.as_dict() for c in claims]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, list(rows[0]) if rows else [], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _csv_cell(value: object) -> object:
    """A spreadsheet cell: empty for null, "name: yes; ..." for a readings mapping."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {'yes' if v else 'no'}" for k, v in value.items())
    return spreadsheet_safe(value)


# -- text ---------------------------------------------------------------------
def _text(claims: list[CheckedClaim]) -> str:
    rows = [("id", "kind", "stated", "computed", "verdict")]
    for c in claims:
        mark = "" if not c.regressed else f"  (expected {c.expected})"
        computed = _computed(c) if c.computed else "-"
        rows.append((c.id, c.row["kind"], tested_against(c), computed, c.verdict + mark))
    widths = [min(max(len(r[i]) for r in rows), 44) for i in range(4)]
    lines = []
    for r in rows:
        cells = [r[i][: widths[i]].ljust(widths[i]) for i in range(4)]
        lines.append("  ".join(cells) + "  " + r[4])
    lines.append("")
    lines.append(summary_line(claims))
    return "\n".join(lines) + "\n"


def _summary(claims: list[CheckedClaim]) -> str:
    """What a build prints: the counts, then one line per inconsistency or changed verdict."""
    lines = [summary_line(claims)]
    for c in claims:
        if c.verdict == INCONSISTENT or c.regressed:
            mark = f"  CHANGED (expected {c.expected})" if c.regressed else ""
            computed = _computed(c) if c.computed else "-"
            lines.append(
                f"  {c.verdict:<12} {c.id}: stated {tested_against(c)}, computed {computed}{mark}"
            )
    return "\n".join(lines) + "\n"


def findings(claims: Iterable[CheckedClaim]) -> dict[str, list[CheckedClaim]]:
    """Claims grouped by the fact they test, in registry order."""
    groups: dict[str, list[CheckedClaim]] = {}
    for claim in claims:
        groups.setdefault(claim.finding, []).append(claim)
    return groups


def finding_verdict(group: list[CheckedClaim]) -> str:
    """A finding is inconsistent if any of its claims is, then cannot fail, then consistent."""
    verdicts = {c.verdict for c in group}
    for verdict in (INCONSISTENT, CANNOT_FAIL, CONSISTENT):
        if verdict in verdicts:
            return verdict
    return NOT_CHECKABLE


def _n(count: int, word: str) -> str:
    """'1 claim', '2 claims'."""
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary_line(claims: list[CheckedClaim]) -> str:
    """The check in a line: '122 claims: 86 consistent, ... (as 113 findings: ...)'."""
    counts = Counter(c.verdict for c in claims)
    groups = findings(claims)
    by_finding = Counter(finding_verdict(g) for g in groups.values())
    parts = [f"{counts[v]} {v}" for v in VERDICTS]
    regressions = sum(c.regressed for c in claims)
    tail = f"; {regressions} differ from the expected verdict" if regressions else ""
    facts = ", ".join(f"{by_finding[v]} {v}" for v in VERDICTS)
    return (
        f"{_n(len(claims), 'claim')}: "
        + ", ".join(parts)
        + tail
        + f" (as {_n(len(groups), 'finding')}: {facts})"
    )


# -- markdown -----------------------------------------------------------------
def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown_summary(claims: list[CheckedClaim]) -> list[str]:
    lines = ["| kind | " + " | ".join(VERDICTS) + " | total |", "|---|" + "---:|" * 5]
    totals: Counter[str] = Counter()
    for kind, counts in summary_counts(claims).items():
        totals.update(counts)
        cells = [str(counts[v]) for v in VERDICTS]
        lines.append(f"| {kind} | " + " | ".join(cells) + f" | {sum(counts.values())} |")
    cells = [f"**{totals[v]}**" for v in VERDICTS]
    lines.append("| **all claims** | " + " | ".join(cells) + f" | **{sum(totals.values())}** |")
    groups = findings(claims)
    by_finding = Counter(finding_verdict(g) for g in groups.values())
    cells = [f"**{by_finding[v]}**" for v in VERDICTS]
    lines.append("| **findings** | " + " | ".join(cells) + f" | **{len(groups)}** |")
    return lines


def _markdown(claims: list[CheckedClaim]) -> str:
    lines = ["# Claims checked", "", summary_line(claims) + ".", ""]
    lines += _markdown_summary(claims)
    lines += [
        "",
        "| id | where | kind | stated | computed | range | verdict |",
        "|---|---|---|---:|---:|---|---|",
    ]
    for c in claims:
        computed = _computed(c) if c.computed else "-"
        verdict = c.verdict if not c.regressed else f"**{c.verdict}** (expected {c.expected})"
        lines.append(
            f"| {c.id} | {_md(c.row['where'])} | {c.row['kind']} | {_md(tested_against(c))} "
            f"| {computed} | {_md(_range(c))} | {verdict} |"
        )
    return "\n".join(lines) + "\n"


def errata_markdown(claims: list[CheckedClaim], diagnosis: Diagnosis | None = None) -> str:
    """The errata: every inconsistent finding in full, then the rest briefly.

    ``diagnosis`` (``tables.claims.diagnose.diagnosis``) adds the computed
    candidate causes, the readings they leave open, coverage and the articles'
    titles; without it the errata gives the verdicts alone.
    """
    groups = findings(claims)
    wrong = {f: g for f, g in groups.items() if finding_verdict(g) == INCONSISTENT}
    cannot = [c for c in claims if c.verdict == CANNOT_FAIL]
    right = [c for c in claims if c.verdict == CONSISTENT]
    unchecked = [c for c in claims if c.verdict == NOT_CHECKABLE]
    titles = diagnosis.titles if diagnosis else {}
    lines = [
        "# Errata: where the articles' own figures do not agree",
        "",
        f"{summary_line(claims)}. A claim is *inconsistent* only when no reading of the "
        "printed figures within their printed precision makes it true; it *cannot fail* when "
        "it agrees with the data but could not have disagreed (it is never counted as "
        "consistent). Claims that test the same fact form one finding.",
        "",
        *_markdown_summary(claims),
    ]
    if diagnosis is not None:
        lines += ["", *_coverage_lines(diagnosis)]
    wrong_claims = sum(len(g) for g in wrong.values())
    lines += ["", f"## Inconsistencies ({_n(len(wrong), 'finding')}, {_n(wrong_claims, 'claim')})"]
    articles = list(dict.fromkeys(g[0].row["article"] for g in wrong.values()))
    for article in articles:
        lines += ["", f"### {titles.get(article, article)}"]
        for finding, group in wrong.items():
            if group[0].row["article"] == article:
                lines += _finding_markdown(finding, group, diagnosis)
    lines += [
        "",
        f"## Cannot fail ({len(cannot)})",
        "",
        "Agree with the data, but the check could not have failed: not counted as consistent.",
        "",
        *_md_table(
            "| id | quote | why it cannot fail |\n|---|---|---|",
            [f"| {c.id} | {_md(_short(c.row['quote']))} | {_md(c.why or '')} |" for c in cannot],
        ),
        "",
        f"## Consistent ({len(right)})",
        "",
        *_md_table(
            "| id | quote | stated | computed | holds if |\n|---|---|---:|---:|---|",
            [
                f"| {c.id} | {_md(_short(c.row['quote']))} | {_md(tested_against(c))} "
                f"| {_computed(c) if c.computed else '-'} | {_md(_holds_if(c))} |"
                for c in right
            ],
        ),
        "",
        f"## Not checkable ({len(unchecked)})",
        "",
        *_md_table(
            "| id | quote | why |\n|---|---|---|",
            [
                f"| {c.id} | {_md(_short(c.row['quote']))} | {_md(c.row['explanation'])} |"
                for c in unchecked
            ],
        ),
    ]
    return "\n".join(lines) + "\n"


def _md_table(head: str, rows: list[str]) -> list[str]:
    """A Markdown table, or "None." when it has no rows (not a table of headers alone)."""
    return [*head.split("\n"), *rows] if rows else ["None."]


def _html_table(head: str, rows: str) -> str:
    """An HTML table, or "None." when it has no rows."""
    return f"<table>\n{head}{rows}</table>\n" if rows else "<p>None.</p>\n"


def _holds_if(c: CheckedClaim) -> str:
    """What the verdict needs: some readings of the figures, a rounding, a calendar."""
    parts = []
    if c.partial:
        parts.append(f"some readings only (computed {_range(c)})")
    if c.conventions and not all(c.conventions.values()):
        holds = [name for name, ok in c.conventions.items() if ok]
        parts.append(("only " + " or ".join(holds)) if holds else "under no rounding or calendar")
    return "; ".join(parts)


def _coverage_lines(diagnosis: Diagnosis) -> list[str]:
    cover = diagnosis.coverage
    used, total = sum(cover.used.values()), sum(cover.total.values())
    lines = [
        f"**Coverage:** {used} of the package's {total} printed figures ({cover.share:.0%}) "
        "take part in at least one claim.",
        "",
        "| resource | figures | in a claim |",
        "|---|---:|---:|",
    ]
    for name in cover.total:
        lines.append(f"| {name} | {cover.total[name]} | {cover.used[name]} |")
    return lines


def _claim_lines(c: CheckedClaim, diagnosis: Diagnosis | None = None) -> list[str]:
    unit = c.row["unit"]
    printed = f'"{c.row["stated_printed"]}" = ' if c.row["stated_printed"] else ""
    tolerance = c.stated.tolerance if c.stated else "-"
    lines = [
        f"- **{c.id}** ({c.verdict}, {c.row['kind']}): stated {printed}{tested_against(c)} {unit} "
        f"(tolerance: {tolerance}); computed {_computed(c)} (range {_range(c)})"
        + (
            f"; difference {number(c.difference, unit)}, beyond the tolerance by "
            f"{number(c.gap, unit)}"
            if c.verdict == INCONSISTENT and c.difference is not None
            else ""
        ),
        f"  - computation: `{c.row['expression']}`",
    ]
    if c.conventions:
        lines.append("  - " + _conventions_sentence(c.conventions))
    if c.verdict == INCONSISTENT:
        lines.append(f"  - likely cause: {_cause(c, diagnosis)}")
    lines.append(f"  - {c.row['explanation']}")
    return lines


def _conventions_sentence(conventions: dict[str, bool]) -> str:
    holds = [n for n, ok in conventions.items() if ok]
    fails = [n for n, ok in conventions.items() if not ok]
    if not fails:
        return "holds under every rounding and calendar reading tried: " + ", ".join(holds)
    if not holds:
        return "fails under every rounding and calendar reading tried: " + ", ".join(fails)
    return f"holds only if {' or '.join(holds)}; fails if {' or '.join(fails)}"


def _finding_markdown(
    finding: str, group: list[CheckedClaim], diagnosis: Diagnosis | None
) -> list[str]:
    first = group[0]
    lines = ["", f"#### {finding} ({first.row['where']}{_fn(first)})", ""]
    quotes = list(dict.fromkeys(c.row["quote"] for c in group))
    for quote in quotes:
        lines.append(f"> {_md(quote)}")
        lines.append(">")
    lines[-1] = ""
    for c in group:
        lines += _claim_lines(c, diagnosis)
        if diagnosis is not None:
            for cell in sorted(c.reads):
                if cell in diagnosis.states:
                    lines.append(
                        f"  - reads `{cell[0]}[{cell[1]!r}]`, {diagnosis.states[cell].describe()}"
                    )
    if diagnosis is not None:
        lines += _edits_lines(group, diagnosis)
    return lines


def _edits_lines(group: list[CheckedClaim], diagnosis: Diagnosis) -> list[str]:
    edits = _merged(e for c in group for e in diagnosis.edits.get(c.id, []))
    if not edits:
        return [
            "- **candidate causes:** no single-cell edit of a printed figure restores it "
            "(the cause is in the words or the sources, not a digit)"
        ]
    lines = [
        "- **candidate causes** (single-cell edits that restore a claim here, best first: "
        "fewest claims broken, most restored):",
        "",
        "  | slip | cell | printed | would read | restores | breaks |",
        "  |---|---|---|---|---|---|",
    ]
    for e in edits[:EDITS_SHOWN]:
        lines.append(
            f"  | {e.kind}: {_md(e.detail)} | `{_md(e.cell)}` | {_md(e.printed)} | "
            f"{_md(e.becomes)} | {', '.join(e.fixes) or '-'} | {', '.join(e.breaks) or '-'} |"
        )
    if len(edits) > EDITS_SHOWN:
        lines.append(f"  | … {len(edits) - EDITS_SHOWN} more | | | | | |")
    lines.append("")
    wrong = [c for c in group if c.verdict == INCONSISTENT]
    lines.append("- **reading:**" if len(wrong) == 1 else "- **readings:**")
    for c in wrong:
        own = diagnosis.edits.get(c.id, [])
        lines.append(f"  - {c.id}: " + _reading(c.id, edits, own))
    return lines


def _merged(edits: Iterable[Edit]) -> list[Edit]:
    """One row per slip: a copied cell once (its best-ranked range), a digit edit per text."""
    merged: dict[tuple[str, str, str], Edit] = {}
    for edit in sorted(edits, key=lambda e: e.rank()):
        slip = edit.kind if edit.kind == "copied" else edit.becomes
        merged.setdefault((edit.resource, edit.key, slip), edit)
    return list(merged.values())


def _reading(claim: str, edits: list[Edit], own: list[Edit] | None = None) -> str:
    """What the arithmetic decides for one claim of a finding.

    A corrected figure is determined only when a single cell's edit restores the
    claim without breaking another, and no edit of another cell competes with it
    (restores any of the same claims). Otherwise the readings stay open.
    """
    from tables.claims.diagnose import decide

    reading = decide(claim, edits)
    if not reading.competing:
        broken = any(claim in e.fixes for e in edits)
        unsure = [e for e in own or [] if e.verdict == NOT_CHECKABLE]
        if broken:
            return (
                "every single-cell edit that restores it breaks another claim; no corrected figure"
            )
        text = "no single-cell edit makes it consistent on the figures that can be read"
        if unsure:
            e = unsure[0]
            more = f" and {len(unsure) - 1} more" if len(unsure) > 1 else ""
            return (
                f"{text}; some would leave it resting on a figure that cannot be read "
                f"(e.g. {e.cell} read as {e.becomes}{more}), so they neither confirm nor refute"
            )
        return f"{text}: the cause is in the words, the sources or a base the table does not print"
    if reading.decided is not None:
        e = reading.decided
        return f"determined: **{e.cell} would read {e.becomes}** (printed {e.printed})"

    def name(cell: tuple[str, str]) -> str:
        return f"{cell[0]}[{cell[1]!r}]"

    competing = [name(c) for c in reading.competing]
    text = (
        f"undecided: edits of {len(competing)} cells ({', '.join(competing)}) restore claims "
        "of this finding without breaking another, so no corrected figure is given"
        if len(competing) > 1
        else f"undecided: several edits of {competing[0]} restore it, so no corrected figure "
        "is given"
    )
    best = max(len(reading.restores[c]) for c in reading.competing)
    favoured = [c for c in reading.competing if len(reading.restores[c]) == best]
    if len(favoured) == 1 and len(competing) > 1:
        text += (
            f". The arithmetic favours {name(favoured[0])}, whose edit restores the most claims "
            f"({', '.join(sorted(reading.restores[favoured[0]]))})"
        )
    return text


def _cause(c: CheckedClaim, diagnosis: Diagnosis | None) -> str:
    """The claim's cause in the words the claims schema gives it (its code otherwise)."""
    code = c.row.get("cause", "")
    if not code:
        return "not stated"
    return (diagnosis.causes.get(code) if diagnosis is not None else None) or code


def _inline_html(text: str) -> str:
    """Escaped text with the errata's own markdown marks: **bold** and `code`."""
    import re

    text = _e(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", text)


def _lines_html(lines: list[str]) -> str:
    """The errata's markdown lines for one finding (paragraphs and a table) as HTML."""
    out: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if table:
            head, *body = table
            cells = "".join(f"<th>{_inline_html(c)}</th>" for c in head)
            rows = "".join(
                "<tr>" + "".join(f"<td>{_inline_html(c)}</td>" for c in row) + "</tr>"
                for row in body
            )
            out.append(f"<table><tr>{cells}</tr>{rows}</table>")
            table.clear()

    for line in lines:
        text = line.strip()
        if text.startswith("|"):
            cells = [c.strip() for c in text.strip("|").split(" | ")]
            if not all(set(c) <= {"-", ":"} for c in cells):
                table.append(cells)
            continue
        flush()
        if text:
            out.append(f"<p>{_inline_html(text.removeprefix('- '))}</p>")
    flush()
    return "".join(out)


def _fn(c: CheckedClaim) -> str:
    return f", footnote {c.row['footnote']}" if c.row.get("footnote") else ""


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- html ---------------------------------------------------------------------
_CSS = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;
line-height:1.45;color:#222}
table{border-collapse:collapse;margin:1rem 0;font-size:.92rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.inconsistent{background:#fde2e1}.consistent{background:#e6f4ea}
.not-checkable{background:#eee}.cannot-fail{background:#fff4d6}
blockquote{margin:.5rem 0;padding-left:1rem;border-left:3px solid #999;color:#444}
code{font-size:.85rem}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _html_page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{_e(title)}</h1>\n{body}</body>\n</html>\n"
    )


def _html_summary(claims: list[CheckedClaim]) -> str:
    rows = ["<tr><th>kind</th>" + "".join(f"<th>{_e(v)}</th>" for v in VERDICTS) + "</tr>"]
    for kind, counts in summary_counts(claims).items():
        cells = "".join(f'<td class="n">{counts[v]}</td>' for v in VERDICTS)
        rows.append(f"<tr><td>{_e(kind)}</td>{cells}</tr>")
    return f"<p>{_e(summary_line(claims))}.</p>\n<table>\n" + "\n".join(rows) + "\n</table>\n"


def _html_claims_table(claims: list[CheckedClaim]) -> str:
    head = "".join(
        f"<th>{h}</th>"
        for h in ("id", "where", "quote", "kind", "stated", "computed", "range", "verdict")
    )
    rows = [f"<tr>{head}</tr>"]
    for c in claims:
        computed = _computed(c) if c.computed else "-"
        cls = c.verdict.replace(" ", "-")
        verdict = c.verdict + ("" if not c.regressed else f" (expected {c.expected})")
        rows.append(
            f'<tr class="{cls}"><td>{_e(c.id)}</td><td>{_e(c.row["where"])}</td>'
            f"<td>{_e(_short(c.row['quote']))}</td><td>{_e(c.row['kind'])}</td>"
            f'<td class="n">{_e(tested_against(c))}</td><td class="n">{_e(computed)}</td>'
            f"<td>{_e(_range(c))}</td><td>{_e(verdict)}</td></tr>"
        )
    return "<table>\n" + "\n".join(rows) + "\n</table>\n"


def errata_html(claims: list[CheckedClaim], diagnosis: Diagnosis | None = None) -> str:
    """The errata report as one self-contained, escaped HTML page (the markdown's content)."""
    parts = [_html_summary(claims)]
    groups = findings(claims)
    wrong = {f: g for f, g in groups.items() if finding_verdict(g) == INCONSISTENT}
    parts.append(f"<h2>Inconsistencies ({_n(len(wrong), 'finding')})</h2>\n")
    titles = diagnosis.titles if diagnosis else {}
    for finding, group in wrong.items():
        first = group[0]
        items = []
        for c in group:
            conventions = f"<br>{_e(_conventions_sentence(c.conventions))}" if c.conventions else ""
            cause = (
                f"<br>likely cause: {_e(_cause(c, diagnosis))}" if c.verdict == INCONSISTENT else ""
            )
            items.append(
                f'<li class="{c.verdict.replace(" ", "-")}"><b>{_e(c.id)}</b> ({_e(c.verdict)}): '
                f"stated {_e(tested_against(c))} {_e(c.row['unit'])} "
                f"(tolerance {_e(c.stated.tolerance if c.stated else '-')}), computed "
                f"{_e(_computed(c) if c.computed else '-')} (range {_e(_range(c))}) from "
                f"<code>{_e(c.row['expression'])}</code>{conventions}{cause}"
                f"<br>{_e(c.row['explanation'])}</li>"
            )
        edits = _lines_html(_edits_lines(group, diagnosis)) if diagnosis is not None else ""
        quotes = "".join(
            f"<blockquote>{_e(q)}</blockquote>"
            for q in dict.fromkeys(c.row["quote"] for c in group)
        )
        parts.append(
            f'<section class="inconsistent"><h3>{_e(finding)}</h3>'
            f"<p>{_e(titles.get(first.row['article'], first.row['article']))}, "
            f"{_e(first.row['where'])}{_e(_fn(first))}</p>{quotes}<ul>{''.join(items)}</ul>"
            f"{edits}</section>\n"
        )
    cannot = [c for c in claims if c.verdict == CANNOT_FAIL]
    rows = "".join(
        f"<tr><td>{_e(c.id)}</td><td>{_e(_short(c.row['quote']))}</td><td>{_e(c.why)}</td></tr>\n"
        for c in cannot
    )
    parts.append(
        f"<h2>Cannot fail ({len(cannot)})</h2>\n"
        + _html_table("<tr><th>id</th><th>quote</th><th>why it cannot fail</th></tr>\n", rows)
    )
    right = [c for c in claims if c.verdict == CONSISTENT]
    unchecked = [c for c in claims if c.verdict == NOT_CHECKABLE]
    parts.append(f"<h2>Consistent ({len(right)})</h2>\n" + _html_claims_table(right))
    rows = "".join(
        f"<tr><td>{_e(c.id)}</td><td>{_e(_short(c.row['quote']))}</td>"
        f"<td>{_e(c.row['explanation'])}</td></tr>\n"
        for c in unchecked
    )
    parts.append(
        f"<h2>Not checkable ({len(unchecked)})</h2>\n"
        + _html_table("<tr><th>id</th><th>quote</th><th>why</th></tr>\n", rows)
    )
    return _html_page("Errata: where the articles' own figures do not agree", "".join(parts))
