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

from tables.claims import CONSISTENT, INCONSISTENT, NOT_CHECKABLE, CheckedClaim

__all__ = [
    "FORMATS",
    "errata_html",
    "errata_markdown",
    "render",
    "spreadsheet_safe",
    "summary_counts",
]

FORMATS = ("text", "summary", "markdown", "json", "html", "csv")
#: A text cell starting with one of these is a formula to a spreadsheet (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
VERDICTS = (CONSISTENT, INCONSISTENT, NOT_CHECKABLE)
ARTICLES = {
    "saveliev-pestushko": 'Saveliev & Pestushko, "Dangerous Rapprochement"',
    "nish": 'Nish, "Korea, Focus of Russo-Japanese Diplomacy"',
}
CAUSES = {
    "misprint": "a misprint",
    "ocr-corruption": "OCR corruption",
    "copied-cell": "a cell copied from its neighbour",
    "different-base": "a different base total",
    "rounding": "rounding",
    "conversion-factor": "a conversion factor",
    "inclusive-count": "counting both ends (inclusive years)",
    "loose-wording": "loose wording",
    "text-contradicts-table": "the text contradicts the article's own table",
    "sources-disagree": "the sources disagree (the article says so)",
}


def number(value: float | None, unit: str = "") -> str:
    """A figure for people: thousands separators (not in years), at most 4 significant decimals."""
    if value is None:
        return "-"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if float(value).is_integer() and abs(value) < 1e15:
        text = str(int(value)) if unit in ("year", "ISO weekday") else f"{int(value):,}"
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
    return number(claim.computed.point if claim.computed else None, claim.row["unit"])


def _stated(claim: CheckedClaim) -> str:
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
        writer.writerow({k: "" if v is None else spreadsheet_safe(v) for k, v in row.items()})
    return buffer.getvalue()


# -- text ---------------------------------------------------------------------
def _text(claims: list[CheckedClaim]) -> str:
    rows = [("id", "kind", "stated", "computed", "verdict")]
    for c in claims:
        mark = "" if not c.regressed else f"  (expected {c.expected})"
        computed = _computed(c) if c.computed else "-"
        rows.append((c.id, c.row["kind"], _stated(c), computed, c.verdict + mark))
    widths = [min(max(len(r[i]) for r in rows), 44) for i in range(4)]
    lines = []
    for r in rows:
        cells = [r[i][: widths[i]].ljust(widths[i]) for i in range(4)]
        lines.append("  ".join(cells) + "  " + r[4])
    lines.append("")
    lines.append(_summary_line(claims))
    return "\n".join(lines) + "\n"


def _summary(claims: list[CheckedClaim]) -> str:
    """What a build prints: the counts, then one line per inconsistency or changed verdict."""
    lines = [_summary_line(claims)]
    for c in claims:
        if c.verdict == INCONSISTENT or c.regressed:
            mark = f"  CHANGED (expected {c.expected})" if c.regressed else ""
            computed = _computed(c) if c.computed else "-"
            lines.append(
                f"  {c.verdict:<12} {c.id}: stated {_stated(c)}, computed {computed}{mark}"
            )
    return "\n".join(lines) + "\n"


def _summary_line(claims: list[CheckedClaim]) -> str:
    counts = Counter(c.verdict for c in claims)
    parts = [f"{counts[v]} {v}" for v in VERDICTS]
    regressions = sum(c.regressed for c in claims)
    tail = f"; {regressions} differ from the expected verdict" if regressions else ""
    return f"{len(claims)} claims: " + ", ".join(parts) + tail


# -- markdown -----------------------------------------------------------------
def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown_summary(claims: list[CheckedClaim]) -> list[str]:
    lines = ["| kind | " + " | ".join(VERDICTS) + " | total |", "|---|" + "---:|" * 4]
    totals: Counter[str] = Counter()
    for kind, counts in summary_counts(claims).items():
        totals.update(counts)
        cells = [str(counts[v]) for v in VERDICTS]
        lines.append(f"| {kind} | " + " | ".join(cells) + f" | {sum(counts.values())} |")
    cells = [f"**{totals[v]}**" for v in VERDICTS]
    lines.append("| **all** | " + " | ".join(cells) + f" | **{sum(totals.values())}** |")
    return lines


def _markdown(claims: list[CheckedClaim]) -> str:
    lines = ["# Claims checked", "", _summary_line(claims) + ".", ""]
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
            f"| {c.id} | {_md(c.row['where'])} | {c.row['kind']} | {_md(_stated(c))} "
            f"| {computed} | {_md(_range(c))} | {verdict} |"
        )
    return "\n".join(lines) + "\n"


def errata_markdown(claims: list[CheckedClaim]) -> str:
    """The errata: every inconsistency in full, then consistent and unchecked claims briefly."""
    wrong = [c for c in claims if c.verdict == INCONSISTENT]
    right = [c for c in claims if c.verdict == CONSISTENT]
    unchecked = [c for c in claims if c.verdict == NOT_CHECKABLE]
    lines = [
        "# Errata: where the articles' own figures do not agree",
        "",
        f"{_summary_line(claims)}. A claim is *inconsistent* only when no reading of the "
        "printed figures within their printed precision makes it true.",
        "",
        *_markdown_summary(claims),
        "",
        f"## Inconsistencies ({len(wrong)})",
    ]
    for article, title in ARTICLES.items():
        group = [c for c in wrong if c.row["article"] == article]
        if not group:
            continue
        lines += ["", f"### {title}"]
        for c in group:
            lines += [
                "",
                f"#### {c.id} ({c.row['where']}{_fn(c)})",
                "",
                f"> {_md(c.row['quote'])}",
                "",
            ]
            printed = f'"{c.row["stated_printed"]}" = ' if c.row["stated_printed"] else ""
            tolerance = c.stated.tolerance if c.stated else "-"
            lines += [
                f"- **stated:** {printed}{_stated(c)} {c.row['unit']} (tolerance: {tolerance})",
                f"- **computed:** {_computed(c)} (range {_range(c)}), from `{c.row['expression']}`",
                f"- **difference:** {number(c.difference, c.row['unit'])} {c.row['unit']}"
                f" (beyond the tolerance by {number(c.gap, c.row['unit'])})",
                f"- **likely cause:** {CAUSES.get(c.row.get('cause', ''), 'not stated')}",
            ]
            if c.corrected is not None:
                lines.append(
                    f"- **corrected figure:** {number(c.corrected.point)} {c.row['corrected_unit']}"
                )
            lines.append(f"- {c.row['explanation']}")
    lines += [
        "",
        f"## Consistent ({len(right)})",
        "",
        "| id | quote | stated | computed |",
        "|---|---|---:|---:|",
    ]
    for c in right:
        computed = _computed(c) if c.computed else "-"
        lines.append(f"| {c.id} | {_md(_short(c.row['quote']))} | {_md(_stated(c))} | {computed} |")
    lines += [
        "",
        f"## Not checkable ({len(unchecked)})",
        "",
        "| id | quote | why |",
        "|---|---|---|",
    ]
    for c in unchecked:
        lines.append(f"| {c.id} | {_md(_short(c.row['quote']))} | {_md(c.row['explanation'])} |")
    return "\n".join(lines) + "\n"


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
.not-checkable{background:#eee}
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
    return f"<p>{_e(_summary_line(claims))}.</p>\n<table>\n" + "\n".join(rows) + "\n</table>\n"


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
            f'<td class="n">{_e(_stated(c))}</td><td class="n">{_e(computed)}</td>'
            f"<td>{_e(_range(c))}</td><td>{_e(verdict)}</td></tr>"
        )
    return "<table>\n" + "\n".join(rows) + "\n</table>\n"


def errata_html(claims: list[CheckedClaim]) -> str:
    """The errata report as one self-contained, escaped HTML page."""
    wrong = [c for c in claims if c.verdict == INCONSISTENT]
    parts = [
        _html_summary(claims),
        f"<h2>Inconsistencies ({len(wrong)})</h2>\n",
    ]
    for c in wrong:
        corrected = ""
        if c.corrected is not None:
            corrected = (
                f"<dt>corrected figure</dt><dd>{_e(number(c.corrected.point))} "
                f"{_e(c.row['corrected_unit'])}</dd>"
            )
        parts.append(
            f'<section class="inconsistent"><h3>{_e(c.id)}</h3>'
            f"<p>{_e(ARTICLES.get(c.row['article'], c.row['article']))}, "
            f"{_e(c.row['where'])}{_e(_fn(c))}</p>"
            f"<blockquote>{_e(c.row['quote'])}</blockquote><dl>"
            f"<dt>stated</dt><dd>{_e(_stated(c))} {_e(c.row['unit'])} "
            f"(tolerance {_e(c.stated.tolerance if c.stated else '-')})</dd>"
            f"<dt>computed</dt><dd>{_e(_computed(c) if c.computed else '-')} "
            f"(range {_e(_range(c))}) from <code>{_e(c.row['expression'])}</code></dd>"
            f"<dt>difference</dt><dd>{_e(number(c.difference))} (beyond the tolerance by "
            f"{_e(number(c.gap))})</dd>"
            f"<dt>likely cause</dt><dd>{_e(CAUSES.get(c.row.get('cause', ''), 'not stated'))}</dd>"
            f"{corrected}<dt>explanation</dt><dd>{_e(c.row['explanation'])}</dd></dl></section>\n"
        )
    right = [c for c in claims if c.verdict == CONSISTENT]
    unchecked = [c for c in claims if c.verdict == NOT_CHECKABLE]
    parts.append(f"<h2>Consistent ({len(right)})</h2>\n" + _html_claims_table(right))
    rows = "".join(
        f"<tr><td>{_e(c.id)}</td><td>{_e(_short(c.row['quote']))}</td><td>{_e(c.row['explanation'])}</td></tr>\n"
        for c in unchecked
    )
    parts.append(
        f"<h2>Not checkable ({len(unchecked)})</h2>\n<table>\n"
        "<tr><th>id</th><th>quote</th><th>why</th></tr>\n"
        f"{rows}</table>\n"
    )
    return _html_page("Errata: where the articles' own figures do not agree", "".join(parts))
