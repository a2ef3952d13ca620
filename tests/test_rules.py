"""The catalogue of problem codes: complete, and each code made to fire by a fixture."""

from __future__ import annotations

import ast
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import copy_package, edit, set_correction
from tables.claims import check_claims
from tables.paths import ROOT
from tables.rules import CATALOGUE
from tables.validate import validate_package
from test_bad_inputs import CASES

T1 = "table1_arms_debt_payments.csv"
#: Codes set in a variable rather than written in a Problem(...) call.
DYNAMIC = {"missing-file", "unsafe-path", "empty-file", "schema-error"}
#: Codes no known input reaches, and why they are kept.
UNREACHED = {
    "csv-error": "the csv module's own errors on a header: Python 3.11 reads every header the "
    "checks before it let through (a NUL, an unclosed quote)",
    "schema-error": "any frictionless error type validate.py does not word itself; none is "
    "known to be reachable past the checks before it",
}


def _literal_codes() -> set[str]:
    found = set()
    for path in (ROOT / "src" / "tables").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem":
                code = node.args[3] if len(node.args) > 3 else None
                if isinstance(code, ast.Constant):
                    found.add(code.value)
    return found


def _frictionless_kinds() -> set[str]:
    """The frictionless error types validate.py words itself (``kind == "..."``)."""
    tree = ast.parse((ROOT / "src" / "tables" / "validate.py").read_text(encoding="utf-8"))
    kinds = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and getattr(node.left, "id", None) == "kind":
            for comparator in node.comparators:
                for value in ast.walk(comparator):
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        kinds.add(value.value)
    return kinds - {"source-error"}  # worded as empty-file


def test_every_code_the_source_can_emit_is_catalogued() -> None:
    emitted = _literal_codes() | DYNAMIC | _frictionless_kinds()
    assert emitted - set(CATALOGUE) == set()
    assert set(CATALOGUE) - emitted == set(), "a catalogued code nothing emits"


def _descriptor(directory: Path, change: Callable[[dict], None]) -> None:
    path = directory / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), encoding="utf-8")


def _claims_row(directory: Path, old: str, new: str) -> None:
    edit(directory / "claims.csv", old, new)


SP_TOTAL = 'row_kind=""item""))",consistent,,"The six monthly'
#: code -> (resources copied, or None for all; what breaks), for codes the corpus does not fire.
FIXTURES: dict[str, tuple[list[str] | None, Callable[[Path], None]]] = {
    "no-descriptor": ([], lambda d: (d / "datapackage.json").unlink()),
    "invalid-descriptor": ([], lambda d: (d / "datapackage.json").write_text("{}")),
    "package": (["table1_arms_debt_payments"], lambda d: None),  # a check with no claims
    "missing-file": (["table1_arms_debt_payments"], lambda d: (d / T1).unlink()),
    "label-order": (
        ["table1_arms_debt_payments"],
        lambda d: edit(d / T1, "row_kind,period,month,", "period,row_kind,month,"),
    ),
    "unique-error": (
        ["table1_arms_debt_payments"],
        lambda d: _descriptor(d, lambda x: _unique_month(x)),
    ),
    "foreign-key": ([], lambda d: edit(d / "footnotes.csv", "saveliev-pestushko,1,", "nobody,1,")),
    "printing": ([], lambda d: _descriptor(d, lambda x: x.update(printing={"decimalMark": ";"}))),
    "quote-mismatch": (None, lambda d: _claims_row(d, '"In total 2,294,554"', '"In total"')),
    "unknown-footnote": (
        None,
        lambda d: edit(
            d / "trade.csv", "2364119,,,,yen,trade,text,82,", "2364119,,,,yen,trade,text,999,"
        ),
    ),
    "year-order": (None, lambda d: edit(d / "populations.csv", ",1912,1914,", ",1914,1912,")),
    "total-row": (
        ["table1_arms_debt_payments"],
        lambda d: edit(d / T1, 'item,"December, 1917"', 'total,"December, 1917"'),
    ),
    "claim-stated": (
        None,
        lambda d: _claims_row(
            d,
            '"2,294,554",,"table1_arms_debt_payments[""In total""]",,yen,equal,printed,',
            '"2,294,554",2294554,,,yen,equal,printed,',
        ),
    ),
    "claim-cause": (
        None,
        lambda d: _claims_row(d, SP_TOTAL, SP_TOTAL.replace(",consistent,", ",inconsistent,")),
    ),
    "claims": (None, lambda d: (d / "claims.csv").unlink()),
    "unneeded-correction": (
        ["table1_arms_debt_payments"],
        lambda d: set_correction(
            d, "table1_arms_debt_payments", "December, 1917", "372,906", "372,906", "high"
        ),
    ),
}


def _unique_month(descriptor: dict) -> None:
    for resource in descriptor["resources"]:
        if resource["path"] == T1:
            for field in resource["schema"]["fields"]:
                if field["name"] == "row_kind":
                    field.setdefault("constraints", {})["unique"] = True


def _fired(directory: Path) -> set[str]:
    codes = {p.code for p in validate_package(directory, use_cache=False)}
    return codes | {p.code for p in check_claims(directory)[1]}


@pytest.mark.parametrize("code", [c for c in CATALOGUE if c not in UNREACHED])
def test_every_catalogued_code_fires(code: str, tmp_path: Path) -> None:
    directory = tmp_path / "pkg"
    if code in FIXTURES:
        resources, mutate = FIXTURES[code]
        copy_package(directory, resources)
        mutate(directory)
        assert code in _fired(directory)
        return
    case = CASES[IN_CORPUS[code]]
    copy_package(directory, list(case.resources) or None)
    case.mutate(directory)
    assert code in _fired(directory)


#: code -> the bad-input case (tests/test_bad_inputs.py) that makes it fire.
IN_CORPUS = {
    "blank-label": "blank header",
    "missing-label": "blank header",
    "duplicate-label": "duplicate header",
    "extra-label": "unknown extra column",
    "missing-cell": "missing cell",
    "extra-cell": "extra cell",
    "blank-row": "blank row",
    "primary-key": "blank row",
    "type-error": "not a whole number",
    "constraint-error": "negative count",
    "empty-file": "empty file",
    "encoding-error": "not UTF-8",
    "byte-order-mark": "byte-order mark",
    "crlf": "CRLF line ends",
    "long-line": "very long line",
    "file-too-large": "100 MB file",
    "formula-cell": "formula =HYPERLINK",
    "padded-cell": "trailing spaces in a key",
    "unreadable-printed": "misplaced thousands separator",
    "value-mismatch": "value that is not what was printed",
    "percent-range": "percentage over 100",
    "correction-guard": "correction whose printed text changed",
    "reading-not-a-number": "correction whose reading is not a number",
    "invalid-date": "impossible date",
    "old-style-mismatch": "Old Style twin not 13 days earlier",
    "out-of-period": "year outside the article's period",
    "invalid-json": "descriptor that is not JSON",
    "unsafe-path": "path that leaves the package",
    "claim-error": "claim with attribute access",
}


def test_every_catalogued_code_has_one_fixture() -> None:
    reachable = set(CATALOGUE) - set(UNREACHED)
    assert reachable == set(FIXTURES) | set(IN_CORPUS)
    assert not set(FIXTURES) & set(IN_CORPUS)
