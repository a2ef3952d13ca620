"""The ``tables`` command: parse arguments, call the library, print, exit.

Exit codes: 0 success, 1 the data are invalid (or a check failed), 2 a usage
error. Bad data never produce a traceback: problems are printed one per line
as ``file:row:column: message``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except BrokenPipeError:  # e.g. `tables list | head`
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tables",
        description="Validate, browse and check the numbers of printed tables kept as a "
        "Frictionless Data Package: by default this project's two articles on Russia and "
        "Japan, 1898-1919; any package with DIR (start one with `tables init DIR`).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser(
        "init",
        help="write a new, valid package for your own article into an empty folder",
        description="Write into DIR (absent or empty) a package with the resources every "
        "checked package has (articles, footnotes, claims, corrections) and the schemas this "
        "library publishes, an example table with a printed total, one example claim, and a "
        "README. `tables validate DIR` and `tables check DIR` pass on it as written.",
    )
    init.add_argument("directory", type=Path, help="the folder to create")
    init.add_argument("--title", help="the package's title")
    init.set_defaults(run=_init)

    validate = commands.add_parser(
        "validate", help="validate the Data Package (schema + domain rules)"
    )
    validate.add_argument(
        "directory",
        nargs="?",
        type=Path,
        help="folder holding datapackage.json (default: the project's data/tables)",
    )
    validate.add_argument(
        "--no-cache",
        action="store_true",
        help="validate every file with frictionless, even those unchanged since the last run",
    )
    _deps_option(validate, "VALIDATE_INPUTS")
    validate.set_defaults(run=_validate)

    listing = commands.add_parser("list", help="print the catalog: each resource, rows, source")
    listing.add_argument("directory", nargs="?", type=Path, help="folder holding datapackage.json")
    listing.set_defaults(run=_list)

    check = commands.add_parser(
        "check",
        help="evaluate every claim of the package; exit 1 if a verdict differs from the expected",
    )
    check.add_argument(
        "--format",
        choices=("text", "summary", "markdown", "json", "html", "csv"),
        default="text",
        help="how to print the claims (default: a terminal table; summary: counts and "
        "one line per inconsistency or changed verdict)",
    )
    check.add_argument("--output", type=Path, help="write to this file instead of standard output")
    check.add_argument(
        "--reports",
        type=Path,
        metavar="DIR",
        help="also write claims.{json,csv,md,html} and errata.{md,html} into DIR",
    )
    check.add_argument(
        "--no-validate",
        action="store_true",
        help="skip validating the package first (only when `tables validate` has just passed)",
    )
    check.add_argument("directory", nargs="?", type=Path, help="folder holding datapackage.json")
    _deps_option(check, "CHECK_INPUTS")
    check.set_defaults(run=_check)

    figures = commands.add_parser(
        "figures",
        help="draw the paper figures as a profile says (default: PNG, SVG, PDF) with a manifest",
        description="Draw the paper figures whose inputs changed (their code, the data they "
        "read, the drawing libraries, the settings), as a named profile of "
        "figures/profiles.toml says, with any setting overridden by the options below; write "
        "a SHA-256 manifest; or, with --verify, compare them with the profile's committed "
        "manifest. Example, for an 85 mm column at 600 dpi in grayscale TIFF and EPS: "
        "tables figures --profile print-single (or: --width 85mm --dpi 600 --formats tiff,eps "
        "--grayscale).",
    )
    figures.add_argument(
        "--profile",
        default="default",
        help="a profile of figures/profiles.toml, or 'all' for every one (default: default)",
    )
    figures.add_argument(
        "--width", help="single, double, natural (each figure's own), or a length: 85mm, 3.5in"
    )
    figures.add_argument("--dpi", type=int, help="resolution of PNG and TIFF (72-2400)")
    figures.add_argument(
        "--formats", help="comma-separated: png, svg, pdf, tiff (no alpha, LZW), eps"
    )
    figures.add_argument(
        "--grayscale",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="every colour as its gray; raster files in one gray channel",
    )
    figures.add_argument(
        "--font-size", type=float, metavar="PT", help="the smallest text, in points (5-14)"
    )
    figures.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for the figures (default: build/figures, build/figures/PROFILE for "
        "another profile, build/figures/custom with any setting overridden)",
    )
    figures.add_argument("--only", nargs="+", metavar="NAME", help="draw only these figures")
    figures.add_argument(
        "--workers", type=int, default=2, help="figures drawn at once (default: 2)"
    )
    figures.add_argument(
        "--force", action="store_true", help="redraw every figure, even those up to date"
    )
    _deps_option(figures, "FIGURES_INPUTS")
    figures.add_argument(
        "--verify",
        nargs="?",
        const=True,
        type=Path,
        metavar="MANIFEST",
        help="draw nothing: compare the figures in --out with MANIFEST (default: the "
        "profile's figures/PROFILE.sha256; a PNG or TIFF may differ only in compression if "
        "its pixels match the manifest's .pixels twin)",
    )
    figures.add_argument(
        "--record",
        action="store_true",
        help="draw nothing: record the drawn files' hashes as the profile's manifest "
        "(figures/PROFILE.sha256), after you have looked at every change",
    )
    figures.add_argument("--list", action="store_true", help="list the figures and exit")
    figures.add_argument(
        "--list-profiles", action="store_true", help="list the profiles of figures/profiles.toml"
    )
    figures.set_defaults(run=_figures)

    notebooks = commands.add_parser(
        "notebooks", help="execute every notebook and export it as HTML; fail on errors or warnings"
    )
    notebooks.add_argument(
        "--out", type=Path, default=None, help="folder for the HTML (default: build/notebooks)"
    )
    notebooks.add_argument(
        "--workers", type=int, default=2, help="notebooks run at once (default: 2)"
    )
    notebooks.add_argument(
        "--force", action="store_true", help="run every notebook, even those up to date"
    )
    _deps_option(notebooks, "NOTEBOOKS_INPUTS")
    notebooks.set_defaults(run=_notebooks)

    table = commands.add_parser(
        "table",
        help="a printed table for a paper: LaTeX (booktabs), Markdown or CSV, as printed or "
        "corrected",
        description="Write table NAME in the article's layout with its printed text. With "
        "--corrected, readings recorded in corrections.csv and figures the errata determine "
        "are applied, each changed cell marked and footnoted with its reason; a cell the "
        "errata cannot decide, or an unreadable one, is marked and footnoted, not changed.",
    )
    table.add_argument("name", help="a printed table of the package, e.g. table2_debts_to_japan")
    table.add_argument("--format", choices=("latex", "markdown", "csv"), default="latex")
    table.add_argument(
        "--corrected", action="store_true", help="apply the readings the package decides"
    )
    table.add_argument("--output", type=Path, help="write to this file instead of standard output")
    table.add_argument("directory", nargs="?", type=Path, help="folder holding datapackage.json")
    table.set_defaults(run=_table)

    export = commands.add_parser(
        "export",
        help="write the package as a SQLite database or an Excel workbook, typed as its schema",
    )
    export.add_argument("format", choices=("sqlite", "xlsx"))
    export.add_argument("out", type=Path, help="the file to write")
    export.add_argument(
        "--metadata",
        type=Path,
        help="with sqlite: also write Datasette's metadata (titles, descriptions, facets) here",
    )
    export.add_argument("directory", nargs="?", type=Path, help="folder holding datapackage.json")
    export.set_defaults(run=_export)

    release = commands.add_parser(
        "release",
        help="write a versioned archive of the data with checksums, licence and citation",
    )
    release.add_argument(
        "--out", type=Path, default=None, help="folder for the archive (default: build/release)"
    )
    release.set_defaults(run=_release)

    site = commands.add_parser("site", help="write the build folder's index.html")
    site.add_argument("build", nargs="?", type=Path, help="the build folder (default: build)")
    site.set_defaults(run=_site)

    rules = commands.add_parser(
        "rules", help="print the catalogue of problem codes: code, stage, meaning, message"
    )
    rules.set_defaults(run=_rules)

    fmt = commands.add_parser("fmt", help="rewrite every CSV in the canonical form")
    fmt.add_argument(
        "--check", action="store_true", help="only report files that are not canonical"
    )
    fmt.add_argument("directory", nargs="?", type=Path, help="folder holding datapackage.json")
    fmt.set_defaults(run=_fmt)
    return parser


def _deps_option(command: argparse.ArgumentParser, variable: str) -> None:
    command.add_argument(
        "--deps",
        type=Path,
        metavar="FILE",
        help=f"after success, write what the output was made from to FILE, as the Make "
        f"variable {variable} (the build's real dependencies)",
    )


def _package_inputs(directory: Path | None, *modules: str) -> set[Path]:
    """Every file of the package folder, and the code of ``modules`` (for --deps)."""
    from tables.deps import code_files
    from tables.paths import DATA_DIR

    folder = directory if directory is not None else DATA_DIR
    return {p for p in folder.rglob("*") if p.is_file()} | code_files(modules)


def _valid(directory: Path | None, consequence: str) -> bool:
    """Validate the package first; print its problems and what follows from them."""
    from tables.validate import validate_package

    invalid = validate_package(directory)
    for problem in invalid:
        print(problem)
    if invalid:
        print(f"{len(invalid)} problem(s) found: {consequence}", file=sys.stderr)
    return not invalid


def _usage_error(message: str) -> int:
    print(f"tables: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _init(args: argparse.Namespace) -> int:
    from tables.scaffold import InitError, init_package

    try:
        written = init_package(args.directory, args.title)
    except InitError as exc:
        return _usage_error(str(exc))
    for path in written:
        print(path)
    print(
        f"next: in {args.directory}, describe your article (articles.csv), type your table "
        "(example_table.csv, printed text beside value) and your statements (claims.csv), "
        'say how the source prints numbers ("printing" in datapackage.json), then '
        f"`tables check {args.directory} --reports {args.directory}/reports`",
        file=sys.stderr,
    )
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from tables.validate import validate_package

    if args.directory is not None and not args.directory.is_dir():
        return _usage_error(f"{args.directory}: no such directory")
    problems = validate_package(args.directory, use_cache=not args.no_cache)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_INVALID
    if args.deps is not None:
        from tables.deps import make_fragment

        inputs = _package_inputs(args.directory, "tables.validate")
        make_fragment(args.deps, "VALIDATE_INPUTS", inputs)
    print("valid", file=sys.stderr)
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from tables.package import PackageError, catalog

    if args.directory is not None and not args.directory.is_dir():
        return _usage_error(f"{args.directory}: no such directory")
    try:
        frame = catalog(args.directory)
    except PackageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    width = max(len(n) for n in frame["name"])
    for row in frame.itertuples(index=False):
        print(f"{row.name:<{width}}  {row.rows:>4}  {row.source}")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from tables.claims import check_claims
    from tables.io import atomic_write
    from tables.report import errata_html, errata_markdown, render

    if args.directory is not None and not args.directory.is_dir():
        return _usage_error(f"{args.directory}: no such directory")
    # no verdict on data that are not valid: they would be wrong
    if not args.no_validate and not _valid(args.directory, "no verdict on an invalid package"):
        return EXIT_INVALID
    claims, problems = check_claims(args.directory)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} claim(s) cannot be evaluated; nothing written", file=sys.stderr)
        return EXIT_INVALID
    text = render(claims, args.format)
    if args.output is not None:
        atomic_write(args.output, text)
    else:
        sys.stdout.write(text)
    found = None
    if args.reports is not None:
        from tables.claims.diagnose import diagnosis

        found = diagnosis(claims, args.directory)
    reports = (
        [
            ("claims.json", render(claims, "json")),
            ("claims.csv", render(claims, "csv")),
            ("claims.md", render(claims, "markdown")),
            ("claims.html", render(claims, "html")),
            ("errata.md", errata_markdown(claims, found)),
            ("errata.html", errata_html(claims, found)),
        ]
        if args.reports is not None
        else []
    )
    if args.reports is not None:
        for name, body in reports:
            atomic_write(args.reports / name, body)
    unset = [c for c in claims if not c.expected]
    if unset:
        print(
            f"{_registry_path(args.directory)}: {len(unset)} claim(s) with no expected verdict "
            f"({', '.join(c.id for c in unset[:5])}{' ...' if len(unset) > 5 else ''}): "
            "their verdicts are above; write one into `expected` to be told when it changes",
            file=sys.stderr,
        )
    regressions = [c for c in claims if c.regressed]
    for c in regressions:
        print(
            f"{_registry_path(args.directory)}:{c.line}:expected: {_regression(c)}", file=sys.stderr
        )
    if regressions:
        print(f"{len(regressions)} claim(s) changed verdict", file=sys.stderr)
        return EXIT_INVALID
    if args.deps is not None:
        from tables.deps import make_fragment

        inputs = _package_inputs(args.directory, "tables.claims", "tables.report")
        outputs = {args.reports / name for name, _body in reports} if args.reports else set()
        make_fragment(args.deps, "CHECK_INPUTS", inputs | outputs)
    return EXIT_OK


def _figures(args: argparse.Namespace) -> int:
    from tables.figures import FIGURES
    from tables.figures.profiles import ProfileError, profile, profiles
    from tables.paths import BUILD_DIR

    try:
        known = profiles()
        if args.list:
            for name, (function, what) in FIGURES.items():
                print(f"{name:<24} {what} ({function.__module__}.{function.__name__})")
            return EXIT_OK
        if args.list_profiles:
            for p in known.values():
                print(f"{p.name:<24} {p.description}")
            return EXIT_OK
        formats = None
        if args.formats is not None:
            formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
        options = {
            "width": args.width,
            "dpi": args.dpi,
            "formats": formats,
            "grayscale": args.grayscale,
            "font_size": args.font_size,
        }
        names = list(known) if args.profile == "all" else [args.profile]
        chosen = [profile(n).overridden(**options) for n in names]
    except ProfileError as exc:
        return _usage_error(str(exc))
    if args.profile == "all" and (
        args.out is not None or any(p.name.endswith("+custom") for p in chosen)
    ):
        return _usage_error("--profile all draws each profile as it is, into its own folder")
    unknown = [n for n in args.only or [] if n not in FIGURES]
    if unknown:
        return _usage_error(f"no figure named {', '.join(unknown)}; see tables figures --list")
    if args.workers < 1:
        return _usage_error("--workers takes a whole number of at least 1")

    def folder(p: Any) -> Path:
        if args.out is not None:
            return Path(args.out)
        if p.name == "default":
            return BUILD_DIR / "figures"
        return BUILD_DIR / "figures" / ("custom" if p.name.endswith("+custom") else p.name)

    if args.record:
        return _record_manifests(chosen, folder)
    if args.verify is not None:
        worst = EXIT_OK
        for p in chosen:
            manifest = p.manifest if args.verify is True else args.verify
            worst = max(worst, _verify_figures(folder(p), manifest, p.name))
        return worst
    return _draw_figures(args, chosen, folder)


def _draw_figures(args: argparse.Namespace, chosen: list[Any], folder: Any) -> int:
    from tables.deps import RECORDS, make_fragment, recorded_files
    from tables.figures import FIGURES
    from tables.figures.build import MANIFEST, build

    width = max(len(n) for n in FIGURES)

    def progress(done: Any) -> None:
        state = f"  cannot be drawn: {done.error}" if done.error else ""
        print(f"  {done.name:<{width}}  {done.seconds:5.1f} s{state}", flush=True)

    records: list[Path] = []
    for p in chosen:
        out = folder(p)
        if len(chosen) > 1:
            print(f"profile {p.name}: {p.description}", flush=True)
        results = build(out, None, args.only, args.workers, args.force, progress, p)
        failed = [r for r in results if r.error]
        if failed:
            print(
                f"{len(failed)} figure(s) could not be drawn (their previous files are kept); "
                "`tables validate` and `tables check` say what is wrong with the data",
                file=sys.stderr,
            )
            return EXIT_INVALID
        drawn = sum(r.drawn for r in results)
        print(
            f"{drawn} figure(s) drawn, {len(results) - drawn} up to date; "
            f"{sum(len(r.files) for r in results)} files in {out}, manifest {out / MANIFEST}"
        )
        records += sorted((out / RECORDS).glob("*.json"))
    if args.deps is not None:
        make_fragment(args.deps, "FIGURES_INPUTS", recorded_files(records))
    return EXIT_OK


def _record_manifests(chosen: list[Any], folder: Any) -> int:
    from tables.figures.build import MANIFEST, PIXELS
    from tables.io import atomic_write

    for p in chosen:
        if p.name.endswith("+custom"):
            return _usage_error("only a named profile, as it is, has a manifest to record")
        out = folder(p)
        if not (out / MANIFEST).is_file():
            return _usage_error(f"{out / MANIFEST}: none; draw the figures first")
        atomic_write(p.manifest, (out / MANIFEST).read_bytes())
        atomic_write(p.pixels, (out / PIXELS).read_bytes())
        print(f"recorded {out / MANIFEST} as {p.manifest}")
    return EXIT_OK


def _verify_figures(out: Path, manifest: Path, name: str) -> int:
    from zlib import ZLIB_RUNTIME_VERSION

    from tables.figures.build import verify

    if not manifest.is_file():
        return _usage_error(f"{manifest}: no such manifest")
    pixels = manifest.with_name(f"{manifest.stem}.pixels{manifest.suffix}")
    verdicts = verify(out, manifest, pixels)
    for file, verdict in verdicts:
        if verdict == "same pixels":
            print(
                f"{out / file}: same pixels as recorded, other compressed bytes "
                f"(this machine's zlib is {ZLIB_RUNTIME_VERSION}): accepted"
            )
        elif verdict == "missing":
            print(f"{out / file}: missing (named in {manifest})")
        elif verdict != "identical":
            print(f"{out / file}: differs from the SHA-256 recorded in {manifest}")
    bad = [file for file, verdict in verdicts if verdict in ("differs", "missing")]
    if bad:
        again = "" if name == "default" else f" --profile {name}"
        print(
            f"{len(bad)} of {len(verdicts)} figure files of profile {name} differ from "
            f"{manifest}. What to do:\n"
            f"  1. Open each file named above and look at what changed.\n"
            f"  2. If you changed neither the figures' code nor the data, the drawing "
            f"environment differs: run `make env`, then `tables figures{again} --force` and "
            f"check again.\n"
            f"  3. Only if every change is one you intended: record the new hashes with "
            f"`make figures-manifest` and commit {manifest} together with the change.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    print(f"{len(verdicts)} figure files match {manifest}")
    return EXIT_OK


def _rules(_args: argparse.Namespace) -> int:
    from tables.rules import catalogue_markdown

    sys.stdout.write(catalogue_markdown())
    return EXIT_OK


def _version() -> str:
    from tables.release import version

    return version()


def _export(args: argparse.Namespace) -> int:
    from tables.export import export_sqlite, export_xlsx
    from tables.package import PackageError

    if not _valid(args.directory, "nothing exported"):
        return EXIT_INVALID
    try:
        path = (export_sqlite if args.format == "sqlite" else export_xlsx)(args.out, args.directory)
    except PackageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    print(path)
    if args.metadata is not None and args.format == "sqlite":
        import json

        from tables.export import datasette_metadata
        from tables.io import atomic_write

        body = datasette_metadata(args.out.stem, args.directory)
        atomic_write(args.metadata, json.dumps(body, indent=2, ensure_ascii=False) + "\n")
        print(args.metadata)
    return EXIT_OK


def _release(args: argparse.Namespace) -> int:
    from tables.paths import BUILD_DIR
    from tables.release import ReleaseError, release

    try:
        path = release(args.out if args.out is not None else BUILD_DIR / "release")
    except ReleaseError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    print(f"{path} (SHA-256 in {path.name}.sha256)")
    return EXIT_OK


def _table(args: argparse.Namespace) -> int:
    from tables.io import atomic_write
    from tables.package import PackageError
    from tables.typeset import paper_table, render
    from tables.views import printed_tables

    try:
        table = paper_table(args.name, args.corrected, args.directory)
    except KeyError:
        return _usage_error(
            f"no printed table named {args.name!r}; printed tables: "
            f"{', '.join(printed_tables(args.directory))}"
        )
    except (PackageError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    text = render(table, args.format)
    if args.output is not None:
        atomic_write(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _notebooks(args: argparse.Namespace) -> int:
    from tables.deps import write_folder_fragment
    from tables.notebooks import export_all
    from tables.paths import BUILD_DIR

    out = args.out if args.out is not None else BUILD_DIR / "notebooks"

    def progress(done: Any) -> None:
        state = "ok" if not done.problems else f"{len(done.problems)} problem(s)"
        print(f"  {done.name:<44}  {done.seconds:5.1f} s  {state}", flush=True)

    results = export_all(out, args.workers, args.force, progress)
    problems = [p for r in results for p in r.problems]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the notebooks", file=sys.stderr)
        return EXIT_INVALID
    ran = sum(r.ran for r in results)
    print(f"{ran} notebook(s) executed, {len(results) - ran} up to date; HTML in {out}")
    if args.deps is not None:
        write_folder_fragment(out, args.deps, "NOTEBOOKS_INPUTS")
    return EXIT_OK


def _site(args: argparse.Namespace) -> int:
    from tables.paths import BUILD_DIR
    from tables.site import write_index

    print(write_index(args.build if args.build is not None else BUILD_DIR))
    return EXIT_OK


def _registry_path(directory: Path | None) -> str:
    from tables.package import open_package

    return str(open_package(directory).resource("claims")["path"])


def _regression(claim: Any) -> str:
    def shown(value: float | None) -> str:
        return "-" if value is None else f"{value:,.10g}"

    computed = claim.computed.point if claim.computed is not None else None
    return (
        f"claim {claim.id}: expected {claim.expected}, got {claim.verdict} "
        f"(stated {shown(claim.stated_value)}, computed {shown(computed)})"
    )


def _fmt(args: argparse.Namespace) -> int:
    from tables.canonical import format_package
    from tables.validate import FORMATTABLE, validate_package

    if args.directory is not None and not args.directory.is_dir():
        return _usage_error(f"{args.directory}: no such directory")
    # Formatting fixes column order, a BOM and CRLF line ends; anything else must be fixed first.
    problems = [p for p in validate_package(args.directory) if p.code not in FORMATTABLE]
    if problems:
        for problem in problems:
            print(problem)
        print("not formatting: fix these problems first", file=sys.stderr)
        return EXIT_INVALID
    changed = format_package(args.directory, write=not args.check)
    for path in changed:
        shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
        print(f"{shown}: {'not canonical' if args.check else 'reformatted'}")
    return EXIT_INVALID if (args.check and changed) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
