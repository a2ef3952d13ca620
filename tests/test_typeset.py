"""Tables for papers: as printed, and corrected only where the package decides the reading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import set_cell, set_correction
from tables.cli import main
from tables.paths import DATA_DIR
from tables.typeset import paper_table, render

TABLE2_AS_PRINTED = r"""\begin{tabular}{lr}
\toprule
Country & The sum of debt (yen) \\
\midrule
Russia & 200,000,000 \\
Great Britain & 190,000,000 \\
France & 130,000,000 \\
\midrule
Total & 540,000,000 \\
\bottomrule
\end{tabular}"""


def test_table2_as_printed_in_booktabs_latex() -> None:
    latex = render(paper_table("table2_debts_to_japan"), "latex")
    assert TABLE2_AS_PRINTED in latex
    assert "\\caption{Table 2. The debts of Russia, Great Britain and France to Japan" in latex
    assert "footnote 43 (Hirama, Daiichiji sekai taisen, p.242.)" in latex
    assert "textsuperscript" not in latex, "nothing is marked in the table as printed"


def test_table2_corrected_marks_the_undecided_cells_and_changes_none() -> None:
    """The printed total is 20 million over the rows; the errata cannot say which figure is
    wrong (France or the total), so both are marked and footnoted, neither changed."""
    latex = render(paper_table("table2_debts_to_japan", corrected=True), "latex")
    assert "France & 130,000,000\\textsuperscript{a} \\\\" in latex
    assert "Total & 540,000,000\\textsuperscript{a} \\\\" in latex
    assert "Russia & 200,000,000 \\\\" in latex
    note = latex[latex.index("\\textsuperscript{a} Claim") :]
    assert "sp-table2-total fails: stated 540,000,000, computed 520,000,000 yen" in note
    assert "read as 150,000,000" in note and "read as 520,000,000" in note
    assert "so none is changed" in note


def test_a_reading_is_applied_marked_and_footnoted(package: Callable[..., Path]) -> None:
    directory = package()
    cell = {"year": "1910", "measure": "fish_caught_by_japanese"}
    set_cell(directory, "table4_fisheries", cell, value="284904")
    key = "1910|fish_caught_by_japanese"
    set_correction(directory, "table4_fisheries", key, "284,9047", "284,904", "low")
    text = render(paper_table("table4_fisheries", True, directory), "markdown")
    line = next(x for x in text.splitlines() if x.startswith("| 1910 "))
    assert line.startswith("| 1910 | 284,904[^")
    assert "Printed “284,9047”, read as 284,904 (low confidence): fixture" in text
    printed = render(paper_table("table4_fisheries", False, directory), "markdown")
    assert "| 1910 | 284,9047 |" in printed


def test_an_unreadable_cell_is_marked_not_changed() -> None:
    text = render(paper_table("table4_fisheries", corrected=True), "csv")
    line = next(x for x in text.splitlines() if x.startswith("1910,"))
    assert line.startswith('1910,"284,9047 [a]"')
    assert "unreadable, left as printed" in line


def test_special_characters_are_escaped_for_latex() -> None:
    from tables.typeset import _tex

    assert _tex("50 % & $1 #2 a_b {c} “q”") == r"50 \% \& \$1 \#2 a\_b \{c\} ``q''"


def test_the_command_writes_each_format_byte_stable(tmp_path: Path) -> None:
    """Each format twice: from the command, and from a package read afresh."""
    for fmt in ("latex", "markdown", "csv"):
        written = tmp_path / f"table5.{fmt}"
        argv = ["table", "table5_transit_vladivostok", "--format", fmt, "--corrected"]
        assert main([*argv, "--output", str(written)]) == 0
        afresh = render(paper_table("table5_transit_vladivostok", True, DATA_DIR), fmt)
        assert written.read_text(encoding="utf-8") == afresh and len(afresh) > 500


def test_an_unknown_table_is_refused(capsys: object) -> None:
    assert main(["table", "table9"]) == 2
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert "no printed table named 'table9'; printed tables: table1_arms_debt_payments" in err
