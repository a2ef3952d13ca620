"""`tables check`: exit codes, a planted regression, the JSON shape, reports, escaping."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import edit
from tables.cli import main

JSON_KEYS = {
    "id", "article", "where", "footnote", "quote", "kind", "stated_printed", "stated",
    "stated_low", "stated_high", "relation", "unit", "computed", "computed_low",
    "computed_high", "difference", "gap", "tolerance", "verdict", "why_cannot_fail",
    "only_some_readings", "finding",
    "holds_under", "expected", "cause", "computation", "explanation",
}  # fmt: skip


def test_project_claims_all_get_their_expected_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "sp-table2-total" in out and "inconsistent" in out


def test_a_planted_regression_fails_the_check(
    package: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Edit Table 1's printed total (and its reading): its claim no longer holds."""
    directory = package()
    edit(directory / "table1_arms_debt_payments.csv", '"2,294,554",2294554', '"2,294,555",2294555')
    assert main(["check", str(directory)]) == 1
    err = capsys.readouterr().err
    assert (
        "claims.csv:2:expected: claim sp-table1-total: expected consistent, got inconsistent" in err
    )
    assert "Traceback" not in err


def test_json_is_a_list_of_claims_with_numbers(tmp_path: Path) -> None:
    out = tmp_path / "claims.json"
    assert main(["check", "--format", "json", "--output", str(out)]) == 0
    claims = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(claims, list) and claims
    assert all(set(c) == JSON_KEYS for c in claims)
    by_id = {c["id"]: c for c in claims}
    total = by_id["sp-table2-total"]
    assert total["verdict"] == total["expected"] == "inconsistent"
    assert (total["stated"], total["computed"], total["difference"]) == (
        540000000,
        520000000,
        -20000000,
    )
    for c in claims:
        assert c["verdict"] in ("consistent", "inconsistent", "cannot fail", "not checkable")
        assert (c["verdict"] == "cannot fail") == bool(c["why_cannot_fail"])
        if c["verdict"] != "not checkable":
            assert isinstance(c["stated"], int | float)
            bounds = (c["computed_low"], c["computed_high"])  # null: unbounded ("more than")
            assert any(isinstance(b, int | float) for b in bounds)
    interval = by_id["nish-within-a-week"]
    assert (interval["unit"], interval["computed"]) == ("days", 7)


def test_reports_are_written_and_byte_identical_on_rerun(tmp_path: Path) -> None:
    assert main(["check", "--reports", str(tmp_path / "a"), "--output", str(tmp_path / "t")]) == 0
    assert main(["check", "--reports", str(tmp_path / "b"), "--output", str(tmp_path / "t")]) == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == [
        "claims.csv",
        "claims.html",
        "claims.json",
        "claims.md",
        "errata.html",
        "errata.md",
    ]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    errata = (tmp_path / "a" / "errata.md").read_text(encoding="utf-8")
    assert "#### sp-table2-total" in errata
    # two cells explain Table 2's slip, so the errata gives both and no corrected total
    assert "table2_debts_to_japan['France']" in errata and "520,000,000" in errata
    assert "would read 520,000,000**" not in errata


def test_html_escapes_what_the_registry_holds(package: Callable[..., Path], tmp_path: Path) -> None:
    directory = package()
    edit(
        directory / "claims.csv",
        '"Total 540,000,000",total',
        '"<script>alert(1)</script> Total 540,000,000",total',
    )
    assert (
        main(
            [
                "check",
                str(directory),
                "--reports",
                str(tmp_path / "r"),
                "--output",
                str(tmp_path / "t"),
            ]
        )
        == 0
    )
    for name in ("claims.html", "errata.html"):
        page = (tmp_path / "r" / name).read_text(encoding="utf-8")
        assert "<script>" not in page and "&lt;script&gt;" in page


def test_a_bad_expression_is_located_and_nothing_is_written(
    package: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = package()
    edit(directory / "claims.csv", 'sum(series(""table1', 'sum(__import__(""os"").system(""table1')
    out = tmp_path / "claims.json"
    assert main(["check", str(directory), "--format", "json", "--output", str(out)]) == 1
    printed = capsys.readouterr()
    assert (
        "claims.csv:2:expression: claim sp-table1-total: attribute access (.system) is not allowed"
        in printed.out
    )
    assert "Traceback" not in printed.err
    assert not out.exists()


def test_validate_reports_a_bad_expression_too(
    package: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    directory = package()
    edit(directory / "claims.csv", "* 2.69966", "** 2.69966")
    assert main(["validate", str(directory)]) == 1
    assert "claims.csv:" in capsys.readouterr().out


def test_readme_counts_match_the_checker() -> None:
    """Every row of the README's verdict table (kind groups and total) is what the checker gives."""
    from collections import Counter

    from tables.claims import VERDICTS, project_claims
    from tables.paths import ROOT
    from tables.report import finding_verdict, findings

    results = project_claims()
    kinds = {r.row["kind"] for r in results}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in readme.splitlines():
        cells = [c.strip().strip("*") for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and (set(cells[0].split(", ")) <= kinds or cells[0] == "all"):
            rows[cells[0]] = [int(c) for c in cells[1:]]
    covered = set()
    for label, counts in rows.items():
        group = kinds if label == "all" else set(label.split(", "))
        covered |= group if label != "all" else set()
        tally = Counter(r.verdict for r in results if r.row["kind"] in group)
        assert counts == [tally[v] for v in VERDICTS], label
    assert covered == kinds and "all" in rows
    assert f"{len(results)} in all" in readme
    groups = findings(results)
    by_finding = Counter(finding_verdict(g) for g in groups.values())
    line = "| **findings** | " + " | ".join(f"**{by_finding[v]}**" for v in VERDICTS) + " |"
    assert line in readme and f"{len(groups)} findings" in readme


def test_csv_export_neutralises_formulas(package: Callable[..., Path], tmp_path: Path) -> None:
    """A quote that a spreadsheet would run is exported with a leading apostrophe."""
    import csv

    directory = package()
    edit(
        directory / "claims.csv",
        '"Total 540,000,000",total',
        '"=HYPERLINK(""http://x"") Total 540,000,000",total',
    )
    out = tmp_path / "claims.csv"
    # validation refuses such a quote; the export must neutralise it even when skipped
    argv = ["check", "--no-validate", str(directory), "--format", "csv", "--output", str(out)]
    assert main(argv) == 0
    rows = {r["id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["sp-table2-total"]["quote"].startswith("'=HYPERLINK")
    assert rows["sp-table2-total"]["difference"] == "-20000000"  # numbers stay numbers
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@")), cell


def test_the_summary_gives_counts_and_one_line_per_inconsistency_or_change(
    package: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """What `make` prints: not the 91 rows, but the counts and what needs reading."""
    from tables.claims import check_claims

    claims, _ = check_claims()
    wrong = [c.id for c in claims if c.verdict == "inconsistent"]
    assert main(["check", "--format", "summary"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{len(claims)} claims: ")
    assert [line.split(":")[0].split()[-1] for line in lines[1:]] == wrong
    directory = package()
    edit(directory / "table1_arms_debt_payments.csv", '"2,294,554",2294554', '"2,294,555",2294555')
    assert main(["check", "--format", "summary", str(directory)]) == 1
    changed = [line for line in capsys.readouterr().out.splitlines() if "CHANGED" in line]
    assert [line.split()[1] for line in changed] == [
        "sp-table1-total:",
        "sp-arms-debt-rest-table1:",
    ]


# -- the check validates first ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "table1_arms_debt_payments.csv",
            "row_kind,period,month,printed,value",
            "row_kind,period,month,printed,valeu",
            "table1_arms_debt_payments.csv",
        ),
        (
            "table1_arms_debt_payments.csv",
            '"2,294,554",2294554',
            '"2,294,554",2294555',
            "table1_arms_debt_payments.csv:8:value",
        ),
        (
            "table1_arms_debt_payments.csv",
            '"2,294,554",2294554',
            '"2,294,554","2294554,5"',
            "table1_arms_debt_payments.csv:8:value",
        ),
    ],
    ids=["misspelt header", "value differs from its printed text", "decimal comma in a value"],
)
def test_check_gives_no_verdict_on_an_invalid_package(
    file: str,
    old: str,
    new: str,
    message: str,
    package: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    directory = package()
    edit(directory / file, old, new)
    assert main(["check", str(directory)]) == 1
    captured = capsys.readouterr()
    assert message in captured.out
    assert "no verdict on an invalid package" in captured.err
    assert "consistent" not in captured.out and "Traceback" not in captured.err


def test_check_on_a_claims_file_missing_a_column_says_so(
    package: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    directory = package()
    path = directory / "claims.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        fields = [f for f in rows[0] if f != "unit"]
        writer = csv.DictWriter(handle, fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert main(["check", str(directory)]) == 1
    captured = capsys.readouterr()
    assert "claims.csv" in captured.out and "Traceback" not in captured.err


def test_a_blank_expected_verdict_is_reported_not_refused(
    package: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    directory = package()
    edit(  # sp-table1-total, its expected verdict left blank
        directory / "claims.csv",
        'row_kind=""item""))",consistent,,"The six monthly',
        'row_kind=""item""))",,,"The six monthly',
    )
    assert main(["validate", str(directory)]) == 0
    assert main(["check", str(directory)]) == 0
    captured = capsys.readouterr()
    assert "sp-table1-total" in captured.out
    assert "1 claim(s) with no expected verdict (sp-table1-total)" in captured.err


def test_a_package_printing_spaces_between_thousands_declares_it_once(
    package: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Table 1 printed with spaces: refused with advice until the package says so; then read,
    validated and checked with no correction per cell."""
    directory = package("table1_arms_debt_payments", "claims")
    claims = (directory / "claims.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (directory / "claims.csv").write_text(
        claims[0] + next(line for line in claims if line.startswith("sp-table1-total,")),
        encoding="utf-8",
    )
    path = directory / "table1_arms_debt_payments.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'"(\d{1,3}),(\d{3}),?(\d{3})?"', _spaced, text), encoding="utf-8")
    assert main(["validate", str(directory)]) == 1
    assert "declare" in capsys.readouterr().out
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["printing"] = {"decimalMark": ".", "groupSeparator": " "}
    (directory / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert main(["validate", str(directory)]) == 0
    assert main(["check", str(directory)]) == 0
    assert "sp-table1-total" in capsys.readouterr().out


def _spaced(match: re.Match[str]) -> str:
    return " ".join(g for g in match.groups() if g)


def test_a_stated_figure_that_is_not_its_printed_text_is_refused(
    package: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The new user typed 13,728 for a printed 13,729: validation says so."""
    directory = package()
    claims = (directory / "claims.csv").read_text(encoding="utf-8")
    line = next(x for x in claims.splitlines() if x.startswith("sp-table1-six-payments,"))
    assert ",six,," in line
    edit(directory / "claims.csv", line, line.replace(",six,,", ",six,7,", 1))
    assert main(["validate", str(directory)]) == 1
    assert "stated 7 is not what 'six' reads as (6); fix one of them" in capsys.readouterr().out
