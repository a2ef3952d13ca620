"""A corpus of bad inputs, each with the exact line a user sees and the exit code.

Every case copies a small package, breaks one thing, runs the `tables`
command and asserts: the exact `file:row:column: problem` line(s), exit 1, no
traceback, and nothing written into the package folder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import copy_package, edit, set_cell, set_correction
from tables.cli import main

T1 = "table1_arms_debt_payments"
T1CSV = f"{T1}.csv"
T4 = "table4_fisheries"
T5 = "table5_transit_vladivostok"
FIRST = '"372,906",372906'


def rewrite(path: Path, transform: Callable[[str], str]) -> None:
    path.write_text(transform(path.read_text(encoding="utf-8")), encoding="utf-8")


def set_path(directory: Path, path: str) -> None:
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == T1:
            resource["path"] = path
    (directory / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


def claim_expression(directory: Path, expression: str) -> None:
    """Replace the first claim's computation (sp-table1-total, line 2)."""
    old = 'sum(series(""table1_arms_debt_payments"", ""period"", row_kind=""item""))'
    edit(directory / "claims.csv", old, expression.replace('"', '""'))


def big_file(directory: Path) -> None:
    """A 100 MB table: well-formed rows, far more than any table of this package."""
    with (directory / T1CSV).open("a", encoding="utf-8") as handle:
        line = 'item,"December, 1917",1917-12,"372,906",372906\n'
        handle.write(line * (100 * 1024 * 1024 // len(line) + 1))


@dataclass(frozen=True)
class Case:
    mutate: Callable[[Path], object]
    expected: list[str]
    resources: tuple[str, ...] = (T1,)
    command: str = "validate"
    stream: str = "out"
    extra: list[str] = field(default_factory=list)


CASES: dict[str, Case] = {
    # -- the frictionless families: header, row shape, type, constraint, keys, encoding --
    "blank header": Case(
        lambda d: rewrite(d / T1CSV, lambda t: t.replace("row_kind,", ",", 1)),
        [
            f"{T1CSV}:1:-: a column header is blank",
            f"{T1CSV}:1:row_kind: column 'row_kind' is missing from the header",
        ],
    ),
    "duplicate header": Case(
        lambda d: rewrite(d / T1CSV, lambda t: t.replace(",month,", ",period,", 1)),
        [
            f"{T1CSV}:1:month: column 'month' is missing from the header",
            f"{T1CSV}:1:period: column 'period' appears twice in the header",
        ],
    ),
    "missing required column": Case(
        lambda d: rewrite(d / T1CSV, lambda t: t.replace(",printed,", ",", 1)),
        [f"{T1CSV}:1:printed: column 'printed' is missing from the header"],
    ),
    "unknown extra column": Case(
        lambda d: rewrite(d / T1CSV, lambda t: t.replace("value\n", "value,remark\n", 1)),
        [f"{T1CSV}:1:remark: column 'remark' is not in the schema"],
    ),
    "missing cell": Case(
        lambda d: edit(d / T1CSV, f"1917-12,{FIRST}", '1917-12,"372,906"'),
        [f"{T1CSV}:2:value: the row has fewer cells than the header"],
    ),
    "extra cell": Case(
        lambda d: edit(d / T1CSV, FIRST, f"{FIRST},x"),
        [f"{T1CSV}:2:-: the row has more cells than the header"],
    ),
    "blank row": Case(
        lambda d: edit(d / T1CSV, "372906\n", "372906\n,,,,\n"),
        [f"{T1CSV}:3:-: the row is blank", f"{T1CSV}:3:period: the key (period) is empty"],
    ),
    "not a whole number": Case(
        lambda d: edit(d / T1CSV, FIRST, '"372,906",37x906'),
        [f"{T1CSV}:2:value: '37x906' is not a whole number"],
    ),
    "thousands separator in a number cell": Case(
        lambda d: edit(d / T1CSV, FIRST, '"372,906","372,906"'),
        [
            f"{T1CSV}:2:value: '372,906' is not a whole number: write it without thousands separators"
        ],
    ),
    "decimal comma in a number cell": Case(
        lambda d: edit(d / f"{T5}.csv", "0.9 %,0.9", '0.9 %,"0,9"'),
        [
            f"{T5}.csv:8:value: '0,9' is not a number: write decimals with a point (0.9), not a comma"
        ],
        (T5,),
    ),
    "negative count": Case(
        lambda d: edit(d / T1CSV, FIRST, "-372906,-372906"),
        [f"{T1CSV}:2:value: '-372906' is below the minimum 0"],
    ),
    "value outside the enum": Case(
        lambda d: edit(d / T1CSV, "total,In total", "sum,In total"),
        [f"{T1CSV}:8:row_kind: 'sum' is not one of the allowed values ['item', 'total']"],
    ),
    "required cell empty": Case(
        lambda d: edit(d / T1CSV, FIRST, ",372906"),
        [f"{T1CSV}:2:printed: the cell is empty but required"],
    ),
    "duplicate primary key": Case(
        lambda d: edit(d / T1CSV, '"January, 1918"', '"December, 1917"'),
        [f"{T1CSV}:3:period: duplicate key (period): the same as in row 2"],
    ),
    "empty file": Case(lambda d: (d / T1CSV).write_bytes(b""), [f"{T1CSV}:-:-: the file is empty"]),
    "not UTF-8": Case(
        lambda d: (d / T1CSV).write_bytes(
            (d / T1CSV)
            .read_text(encoding="utf-8")
            .replace("In total", "In tötal")
            .encode("latin-1")
        ),
        [f"{T1CSV}:8:11: byte 0xf6 is not UTF-8: save the file as UTF-8"],
    ),
    "binary garbage": Case(
        lambda d: (d / T1CSV).write_bytes(bytes(range(256)) * 40),
        [f"{T1CSV}:2:118: byte 0x80 is not UTF-8: save the file as UTF-8"],
    ),
    # -- layout: BOM, CRLF, overlong lines, huge files ---------------------------------
    "byte-order mark": Case(
        lambda d: (d / T1CSV).write_bytes(b"\xef\xbb\xbf" + (d / T1CSV).read_bytes()),
        [
            f"{T1CSV}:1:-: the file starts with a byte-order mark: run `tables fmt` "
            "(or save it as UTF-8 without BOM)"
        ],
    ),
    "CRLF line ends": Case(
        lambda d: (d / T1CSV).write_bytes((d / T1CSV).read_bytes().replace(b"\n", b"\r\n")),
        [f"{T1CSV}:1:-: lines end in CR or CRLF (Windows): run `tables fmt` to write them with LF"],
    ),
    "very long line": Case(
        lambda d: edit(d / T1CSV, "In total", "In total" + "x" * 30_000),
        [
            f"{T1CSV}:8:-: line is 30,035 characters long (at most 20,000): "
            "a closing quote or a line break is probably missing"
        ],
    ),
    "100 MB file": Case(
        big_file,
        [
            f"{T1CSV}:-:-: the file is 100.0 MB, over the 10 MB a table of this package may be; "
            "is it the right file?"
        ],
    ),
    # -- cells: spreadsheet formulas, padding, printed numbers ----------------------------
    "formula =HYPERLINK": Case(
        lambda d: edit(d / T1CSV, "In total", '"=HYPERLINK(""http://x"")"'),
        [
            f"{T1CSV}:8:period: '=HYPERLINK(\"http://x\")' starts with '=': a spreadsheet would "
            "run it as a formula; write it without that first character"
        ],
    ),
    "formula +": Case(
        lambda d: edit(d / T1CSV, "In total", "+In total"),
        [
            f"{T1CSV}:8:period: '+In total' starts with '+': a spreadsheet would run it as a "
            "formula; write it without that first character"
        ],
    ),
    "formula @": Case(
        lambda d: edit(d / T1CSV, "In total", "@SUM(A1)"),
        [
            f"{T1CSV}:8:period: '@SUM(A1)' starts with '@': a spreadsheet would run it as a "
            "formula; write it without that first character"
        ],
    ),
    "trailing spaces in a key": Case(
        lambda d: edit(d / T1CSV, '"December, 1917"', '"December, 1917 "'),
        [f"{T1CSV}:2:period: 'December, 1917 ' has spaces at its start or end"],
    ),
    "misplaced thousands separator": Case(
        lambda d: edit(d / T1CSV, FIRST, '"37,2906",372906'),
        [
            f"{T1CSV}:2:printed: misplaced thousands separator in '37,2906' (digits after the "
            "first comma come in groups of three); add a row to corrections.csv saying how it is read"
        ],
    ),
    "decimal comma in printed text": Case(
        lambda d: edit(d / f"{T5}.csv", "0.9 %,0.9", '"0,9 %",0.9'),
        [
            f"{T5}.csv:8:printed: misplaced thousands separator in '0,9' (digits after the first "
            "comma come in groups of three); if this source prints a decimal comma, declare "
            '"printing": {"decimalMark": ",", "groupSeparator": " "} in datapackage.json; add '
            "a row to corrections.csv saying how it is read"
        ],
        (T5,),
    ),
    "value that is not what was printed": Case(
        lambda d: edit(d / T1CSV, FIRST, '"372,906",372960'),
        [
            f"{T1CSV}:2:value: value '372960' does not match printed '372,906' (expected 372906); "
            "fix it or justify it in corrections.csv"
        ],
    ),
    "missing mark read as zero": Case(
        lambda d: edit(
            d / f"{T4}.csv", "1916,fish_caught_by_japanese,-,,", "1916,fish_caught_by_japanese,-,0,"
        ),
        [
            f"{T4}.csv:26:value: value '0' does not match printed '-' (expected empty); "
            "fix it or justify it in corrections.csv"
        ],
        (T4,),
    ),
    "percentage over 100": Case(
        lambda d: edit(d / f"{T5}.csv", "Japan,1914,share,49 %,49,", "Japan,1914,share,149 %,149,"),
        [f"{T5}.csv:3:value: percentage 149 is outside 0-100"],
        (T5,),
    ),
    "correction whose printed text changed": Case(
        lambda d: edit(d / "corrections.csv", 'value,"284,9047"', 'value,"284,9048"'),
        [
            "corrections.csv:2:printed: expects printed '284,9048' in table4_fisheries row "
            "'1910|fish_caught_by_japanese' but finds '284,9047': the source cell changed, "
            "review the correction"
        ],
        (T4,),
    ),
    "correction whose reading is not a number": Case(
        lambda d: (
            set_cell(
                d,
                T4,
                {"year": "1910", "measure": "fish_caught_by_japanese"},
                printed="2O0,000",
                value="200000",
            ),
            set_correction(
                d, T4, "1910|fish_caught_by_japanese", "2O0,000", "two hundred-ish", "low"
            ),
        ),
        [
            "corrections.csv:2:reading: the reading 'two hundred-ish' given for '2O0,000' is not "
            "a number"
        ],
        (T4,),
    ),
    # -- dates ---------------------------------------------------------------------------
    "impossible date": Case(
        lambda d: edit(d / "chronology.csv", "nish,1901-01-07,", "nish,1901-02-29,"),
        [
            "chronology.csv:21:date: '1901-02-29' is not a valid EDTF date "
            "(day is out of range for month)"
        ],
        ("chronology",),
    ),
    "Old Style twin not 13 days earlier": Case(
        lambda d: edit(d / "chronology.csv", ",1901-11-17,", ",1901-11-18,"),
        [
            "chronology.csv:36:old_style_date: Old Style 1901-11-18 is New Style 1901-12-01, "
            "not 1901-11-30 (the calendars were 13 days apart then)"
        ],
        ("chronology",),
    ),
    "year outside the article's period": Case(
        lambda d: edit(
            d / "populations.csv",
            "census-1897-chinese,Chinese,population,Priamur Governor-Generalship,1897,",
            "census-1897-chinese,Chinese,population,Priamur Governor-Generalship,1797,",
        ),
        ["populations.csv:2:year_from: year 1797 is outside the article's period 1856-1920"],
        ("populations",),
    ),
    # -- the descriptor ------------------------------------------------------------------
    "descriptor that is not JSON": Case(
        lambda d: (d / "datapackage.json").write_text('{"resources": [', encoding="utf-8"),
        ["datapackage.json:1:16: not valid JSON: Expecting value"],
    ),
    "path that leaves the package": Case(
        lambda d: set_path(d, "../../etc/passwd"),
        [
            f"datapackage.json:-:path: resource '{T1}' path '../../etc/passwd': leaves the package folder"
        ],
    ),
    "absolute path": Case(
        lambda d: set_path(d, "/etc/passwd"),
        [f"datapackage.json:-:path: resource '{T1}' path '/etc/passwd': leaves the package folder"],
    ),
    "symbolic link": Case(
        lambda d: ((d / "link.csv").symlink_to(d / T1CSV), set_path(d, "link.csv")),
        [f"datapackage.json:-:path: resource '{T1}' path 'link.csv': is a symbolic link"],
    ),
    # -- claims: the expression language refuses code; a broken sum flips a verdict -------
    "claim with attribute access": Case(
        lambda d: claim_expression(d, "(1).__class__"),
        [
            "claims.csv:2:expression: claim sp-table1-total: attribute access (.__class__) is not allowed"
        ],
        (),
    ),
    "claim with an import": Case(
        lambda d: claim_expression(d, '__import__("os")'),
        [
            "claims.csv:2:expression: claim sp-table1-total: function '__import__' is not allowed "
            "(allowed: sum, min, max, abs, round, count, gcd, peak, declines, largest_fall, "
            "calendar_years, days, weeks, months, "
            "years, start, end, year, julian_year, calendar_gap, weekday, series, old_style)"
        ],
        (),
    ),
    "claim with an enormous power": Case(
        lambda d: claim_expression(d, "9 ** 9 ** 9"),
        [
            "claims.csv:2:expression: claim sp-table1-total: operator ** is not allowed (only + - * /)"
        ],
        (),
        command="check",
        extra=["--format", "json", "--output", "{dir}/claims.json"],
    ),
    "printed total edited": Case(
        lambda d: edit(d / T1CSV, '"2,294,554",2294554', '"2,294,555",2294555'),
        [
            "claims.csv:2:expected: claim sp-table1-total: expected consistent, got inconsistent "
            "(stated 2,294,555, computed 2,294,554)",
            "claims.csv:5:expected: claim sp-arms-debt-rest-table1: expected consistent, got "
            "inconsistent (stated 2,294,554, computed 2,294,555)",
            "2 claim(s) changed verdict",
        ],
        (),
        command="check",
        stream="err",
    ),
}


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): (
            os.readlink(p).encode() if p.is_symlink() else p.read_bytes()
        )
        for p in sorted(directory.rglob("*"))
        if p.is_file() or p.is_symlink()
    }


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES[name]
    directory = copy_package(tmp_path / "pkg", list(case.resources) or None)
    case.mutate(directory)
    before = snapshot(directory)
    extra = [arg.replace("{dir}", str(directory)) for arg in case.extra]
    code = main([case.command, *extra, str(directory)])
    out, err = capsys.readouterr()
    assert code == 1
    shown = out if case.stream == "out" else err
    assert [line for line in shown.splitlines() if line] == case.expected
    assert "Traceback" not in out + err
    assert snapshot(directory) == before, "the command wrote into the package"


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
