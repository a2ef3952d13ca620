"""The catalogue of every problem code `tables` reports: code, title, message template.

A problem's code is stable (tests and scripts match on it); its message is for
people. Each code here is made to fire by a fixture in ``tests/test_rules.py``,
and a test checks that every code the source can emit is in this catalogue, so
the list below is the whole of what `tables validate` and `tables check` can say.
``tables rules`` prints it.

Templates name their parts in braces: ``{cell}`` the cell's text, ``{column}``
a column, ``{resource}`` a resource, ``{claim}`` a claim id, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CATALOGUE", "Rule", "catalogue_markdown"]


@dataclass(frozen=True)
class Rule:
    """One kind of problem: its stable code, what it means, and its message's shape."""

    code: str
    stage: str
    title: str
    template: str


_RULES = (
    # -- the descriptor and the files it names --------------------------------------------
    Rule("no-descriptor", "package", "No datapackage.json", "no datapackage.json in {folder}"),
    Rule("invalid-json", "package", "The descriptor is not JSON", "not valid JSON: {reason}"),
    Rule(
        "invalid-descriptor",
        "package",
        "The descriptor is not a Data Package",
        "not a Data Package descriptor: {reason}",
    ),
    Rule("package", "package", "The package cannot be opened", "{reason}"),
    Rule(
        "missing-file",
        "package",
        "A file the descriptor names is absent",
        "resource {resource!r} path {path!r}: no such file",
    ),
    Rule(
        "unsafe-path",
        "package",
        "A path leaves the package folder",
        "resource {resource!r} path {path!r}: {why}",
    ),
    # -- a file as bytes and lines --------------------------------------------------------
    Rule("empty-file", "file", "An empty file", "the file is empty"),
    Rule("file-too-large", "file", "A file too large to be a table", "{size} is over {limit}"),
    Rule("encoding-error", "file", "Not UTF-8 text", "the file is not UTF-8 text"),
    Rule("byte-order-mark", "file", "A byte-order mark", "the file starts with a byte-order mark"),
    Rule("crlf", "file", "Windows line endings", "lines end in CR LF; write LF"),
    Rule("long-line", "file", "A line too long", "a line of {length} characters"),
    Rule("csv-error", "file", "Not readable as CSV", "cannot be read as CSV: {reason}"),
    # -- the header -----------------------------------------------------------------------
    Rule("missing-label", "header", "A column missing", "column {column!r} is missing"),
    Rule("extra-label", "header", "A column not in the schema", "column {column!r} is not in"),
    Rule("blank-label", "header", "A blank column header", "a column header is blank"),
    Rule("duplicate-label", "header", "A column twice", "column {column!r} appears twice"),
    Rule(
        "label-order",
        "header",
        "Columns out of the schema's order",
        "columns are not in the schema's order: {expected}",
    ),
    # -- cells against the schema (frictionless) -------------------------------------------
    Rule("type-error", "schema", "A cell of the wrong type", "{cell!r} is not {type}"),
    Rule("constraint-error", "schema", "A cell outside its constraint", "{cell!r} {constraint}"),
    Rule("primary-key", "schema", "A duplicate key", "duplicate key ({key}): the same as in row"),
    Rule("unique-error", "schema", "A duplicate in a unique column", "duplicate key ({column})"),
    Rule("foreign-key", "schema", "A key with no row to point to", "{key}: no row with that key"),
    Rule("blank-row", "schema", "A blank row", "the row is blank"),
    Rule("missing-cell", "schema", "A short row", "the row has fewer cells than the header"),
    Rule("extra-cell", "schema", "A long row", "the row has more cells than the header"),
    Rule(
        "schema-error",
        "schema",
        "Any other error frictionless reports",
        "{frictionless's message} (its own error type is in the message)",
    ),
    # -- the package's own rules -----------------------------------------------------------
    Rule(
        "printing",
        "domain",
        "A printing declaration that cannot be used",
        '"printing" takes a decimalMark of "." or "," and a groupSeparator ...',
    ),
    Rule(
        "unreadable-printed",
        "domain",
        "Printed text that cannot be read with certainty",
        "{reason}; add a row to corrections.csv saying how it is read",
    ),
    Rule(
        "value-mismatch",
        "domain",
        "A value that is not what was printed",
        "value {value} is not what {printed!r} says (expected {reading})",
    ),
    Rule(
        "quote-mismatch",
        "domain",
        "A printed figure not in its quote",
        "printed {printed!r} is not in the quote",
    ),
    Rule("unknown-footnote", "domain", "A footnote not in footnotes.csv", "no footnote {n}"),
    Rule("invalid-date", "domain", "A date that is not EDTF", "{date!r} is not an EDTF date"),
    Rule("out-of-period", "domain", "A year outside the article's period", "year {year} outside"),
    Rule("year-order", "domain", "A period that ends before it starts", "year_to before year_from"),
    Rule(
        "old-style-mismatch",
        "domain",
        "An Old Style date that is not its New Style one",
        "{old} Old Style is not {new} New Style",
    ),
    Rule(
        "percent-range",
        "domain",
        "A percentage outside 0-100",
        "{value} is not a percentage between 0 and 100",
    ),
    Rule(
        "total-row",
        "domain",
        "A total row out of place",
        "a second total row{for_group}; or: the total row must come after the rows it totals",
    ),
    Rule(
        "correction-guard",
        "domain",
        "A correction whose printed text or use no longer holds",
        "the correction for {cell} expects printed {printed!r}",
    ),
    Rule(
        "unneeded-correction",
        "domain",
        "A correction that changes nothing",
        "{printed!r} reads as {reading} as printed: the correction changes nothing; remove it",
    ),
    Rule(
        "reading-not-a-number",
        "domain",
        "A correction's reading that is not a number",
        "reading {reading!r} is not a number",
    ),
    Rule("formula-cell", "domain", "A cell a spreadsheet would run", "{cell!r} starts with '='"),
    Rule("padded-cell", "domain", "A cell with spaces around it", "{cell!r} has spaces around it"),
    # -- claims -----------------------------------------------------------------------------
    Rule("claims", "claims", "The claims file cannot be read", "{reason}"),
    Rule("claim-error", "claims", "A claim that cannot be evaluated", "claim {claim}: {reason}"),
    Rule(
        "claim-stated",
        "claims",
        "A claim whose stated figure is not given rightly",
        "claim {claim}: {reason}",
    ),
    Rule(
        "claim-cause",
        "claims",
        "A cause without an expected inconsistency, or the reverse",
        "claim {claim}: an expected inconsistency needs a cause, and only it has one",
    ),
)

#: code -> Rule, in the order above.
CATALOGUE: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def catalogue_markdown() -> str:
    """The catalogue as a Markdown table (``tables rules``)."""
    lines = ["| code | stage | what it means | message |", "|---|---|---|---|"]
    for rule in CATALOGUE.values():
        template = rule.template.replace("|", "\\|")
        lines.append(f"| `{rule.code}` | {rule.stage} | {rule.title} | {template} |")
    return "\n".join(lines) + "\n"
