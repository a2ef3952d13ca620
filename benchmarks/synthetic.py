"""Generate a bigger, still valid copy of the project's Data Package, for scale benchmarks.

    python benchmarks/synthetic.py OUT --scale N [--copies C] [--rows R] [--source DIR]

OUT must not exist. ``--scale N`` sets both factors below to N (either can be
set on its own); at scale 1 OUT is a byte-identical copy of the package.

How the package grows, and why each step keeps it valid:

* **Resources x C** (``--copies``): every resource except the two registries
  (``claims``, ``corrections``) gets C-1 copies named ``NAME_k`` (file
  ``NAME_k.csv``, k = 2..C) whose rows are byte-identical to the original's.
  Same schema (a shared schema file stays shared); a foreign key to another
  copied resource points at that resource's copy k (``footnotes_3`` ->
  ``articles_3``), a self-reference stays a self-reference. Rows unchanged
  means every domain rule holds as before: printed texts still read as their
  values, dates still fall inside the article's period, keys stay unique.
* **The registries grow with the copies.** Domain rules read corrections and
  claims only from the resources named ``corrections`` and ``claims``, so they
  are not copied as resources but get rows: every correction of a copied
  resource is repeated for ``NAME_k`` (the unreadable "284,9047" of
  ``table4_fisheries_k`` is explained like the original's), and every claim is
  repeated C-1 times with id ``ID-kK`` and its ``expression``, ``stated_ref``
  and ``corrected`` rewritten to read copy k. So ``tables check`` finds C x the
  verdicts, each as expected.
* **Rows x R** (``--rows``): in the original (not the copied) resources whose
  primary key is ``id`` (chronology and the seven quantity tables), each row
  is repeated R-1 times with id ``ID-rJ``; a chronology row's ``interval_from``
  is renamed the same way, so the copy's interval points at the copy of its
  anchor (and no claim filtering on an original id sees the new rows). The
  footnotes get R x their rows too, numbered ``footnote + 1000*J``.
  Tables 1-5 keep their rows: claims sum their columns and require the total
  row last, so extra rows would change verdicts.

Rows grow roughly by C + R - 1 (about 2N at scale N) and resources by about C;
``scale.py`` reports the actual counts. New rows are written in the canonical
CSV form (LF, minimal quoting) after the original bytes.
"""

from __future__ import annotations

import argparse
import copy
import csv
import io
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "tables"
REGISTRIES = ("claims", "corrections")
CLAIM_COLUMNS = ("expression", "stated_ref", "corrected")
FOOTNOTE_STEP = 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to create (must not exist)")
    parser.add_argument("--scale", type=int, default=1, help="sets --copies and --rows (default 1)")
    parser.add_argument("--copies", type=int, help="resources x C (default: --scale)")
    parser.add_argument("--rows", type=int, help="id-keyed rows x R (default: --scale)")
    parser.add_argument("--source", type=Path, default=SOURCE, help="package to grow")
    args = parser.parse_args(argv)
    copies = args.copies if args.copies is not None else args.scale
    rows = args.rows if args.rows is not None else args.scale
    if copies < 1 or rows < 1:
        parser.error("factors must be at least 1")
    stats = generate(args.source, args.out, copies=copies, rows=rows)
    print(f"{args.out}: {stats['resources']} resources, {stats['rows']} rows, {stats['mb']:.1f} MB")
    return 0


def generate(source: Path, out: Path, *, copies: int, rows: int) -> dict[str, float]:
    """Write the grown package into ``out``; return its resource and row counts."""
    shutil.copytree(source, out)
    if copies > 1 or rows > 1:
        descriptor = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
        grown = _grow(source, out, descriptor, copies, rows)
        text = json.dumps(grown, indent=2, ensure_ascii=False) + "\n"
        (out / "datapackage.json").write_text(text, encoding="utf-8")
    return package_stats(out)


def package_stats(directory: Path) -> dict[str, float]:
    """Resources, data rows (headers excluded) and megabytes of the CSVs of a package."""
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    total_rows, total_bytes = 0, 0
    for res in descriptor["resources"]:
        path = directory / res["path"]
        with path.open(encoding="utf-8", newline="") as handle:
            total_rows += sum(1 for _ in csv.reader(handle)) - 1
        total_bytes += path.stat().st_size
    return {
        "resources": len(descriptor["resources"]),
        "rows": total_rows,
        "mb": total_bytes / 1024**2,
    }


def _grow(source: Path, out: Path, descriptor: dict, copies: int, rows: int) -> dict:
    resources = descriptor["resources"]
    copied = [r for r in resources if r["name"] not in REGISTRIES]
    copied_names = {r["name"] for r in copied}
    keys = {r["name"]: _primary_key(source, r) for r in resources}

    # Resources x C: byte-identical copies (from the source, before rows grow).
    new_resources = []
    for k in range(2, copies + 1):
        for res in copied:
            new_resources.append(_copied_resource(source, out, res, k, copied_names))

    # Rows x R, in the original id-keyed resources and footnotes.
    renamed: dict[str, dict[str, list[str]]] = {}  # resource -> original id -> new ids
    for res in copied:
        name = res["name"]
        if rows > 1 and keys[name] == ["id"]:
            renamed[name] = _multiply_id_rows(out / res["path"], rows)
        elif rows > 1 and name == "footnotes":
            _multiply_footnotes(out / res["path"], rows)

    # The registries grow with the copies (and corrections follow renamed rows).
    by_name = {r["name"]: r for r in resources}
    if "corrections" in by_name:
        _grow_corrections(out / by_name["corrections"]["path"], copies, copied_names, renamed)
    if "claims" in by_name:
        _grow_claims(out / by_name["claims"]["path"], copies, copied_names)

    grown = copy.deepcopy(descriptor)
    grown["resources"] = resources + new_resources
    return grown


def _primary_key(source: Path, res: dict) -> list[str]:
    schema = res.get("schema", {})
    if isinstance(schema, str):
        schema = json.loads((source / schema).read_text(encoding="utf-8"))
    key = schema.get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def _copied_resource(source: Path, out: Path, res: dict, k: int, copied: set[str]) -> dict:
    """Copy k of a resource: its file under a new name, foreign keys to copy k."""
    new = copy.deepcopy(res)
    new["name"] = f"{res['name']}_{k}"
    path = Path(res["path"])
    new["path"] = str(path.with_name(f"{path.stem}_{k}{path.suffix}"))
    if "title" in new:
        new["title"] = f"{res['title']} (synthetic copy {k})"
    shutil.copyfile(source / res["path"], out / new["path"])
    schema = new.get("schema")
    if isinstance(schema, dict):
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"].get("resource")
            if target in copied:
                fk["reference"]["resource"] = f"{target}_{k}"
    return new


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _append(path: Path, header: list[str], new_rows: list[dict[str, str]]) -> None:
    """Append rows in the canonical CSV form after the file's original bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for row in new_rows:
        writer.writerow([row[c] for c in header])
    raw = path.read_bytes()
    if raw and not raw.endswith(b"\n"):
        raw += b"\n"
    path.write_bytes(raw + buffer.getvalue().encode("utf-8"))


def _multiply_id_rows(path: Path, rows: int) -> dict[str, list[str]]:
    header, originals = _read(path)
    ids = {r["id"] for r in originals}
    new_rows, renamed = [], {}
    for j in range(2, rows + 1):
        for row in originals:
            new = dict(row, id=f"{row['id']}-r{j}")
            if new.get("interval_from"):
                new["interval_from"] = f"{row['interval_from']}-r{j}"
            new_rows.append(new)
            renamed.setdefault(row["id"], []).append(new["id"])
    fresh = {r["id"] for r in new_rows}
    if len(fresh) != len(new_rows) or fresh & ids:
        raise SystemExit(f"{path.name}: a generated id collides with another; change the suffix")
    _append(path, header, new_rows)
    return renamed


def _multiply_footnotes(path: Path, rows: int) -> None:
    header, originals = _read(path)
    if max(int(r["footnote"]) for r in originals) >= FOOTNOTE_STEP:
        raise SystemExit(f"{path.name}: footnote numbers reach {FOOTNOTE_STEP}; raise the step")
    new_rows = [
        dict(row, footnote=str(int(row["footnote"]) + FOOTNOTE_STEP * (j - 1)))
        for j in range(2, rows + 1)
        for row in originals
    ]
    _append(path, header, new_rows)


def _grow_corrections(
    path: Path, copies: int, copied: set[str], renamed: dict[str, dict[str, list[str]]]
) -> None:
    header, originals = _read(path)
    new_rows = []
    for row in originals:
        for new_id in renamed.get(row["resource"], {}).get(row["key"], []):
            new_rows.append(dict(row, key=new_id))
    for k in range(2, copies + 1):
        for row in originals:
            if row["resource"] in copied:
                new_rows.append(dict(row, resource=f"{row['resource']}_{k}"))
    _append(path, header, new_rows)


def _grow_claims(path: Path, copies: int, copied: set[str]) -> None:
    header, originals = _read(path)
    names = "|".join(sorted(map(re.escape, copied), key=len, reverse=True))
    # A resource is named either as a row, NAME["key"], or as series("NAME", ...).
    reference = re.compile(rf'(?<![\w"])({names})(?=\s*\[)|(series\(\s*")({names})(?=")')
    new_rows = []
    for k in range(2, copies + 1):

        def to_copy(match: re.Match[str], k: int = k) -> str:
            if match.group(1):
                return f"{match.group(1)}_{k}"
            return f"{match.group(2)}{match.group(3)}_{k}"

        for row in originals:
            new = dict(row, id=f"{row['id']}-k{k}")
            for column in CLAIM_COLUMNS:
                if new.get(column):
                    new[column] = reference.sub(to_copy, new[column])
            new_rows.append(new)
    _append(path, header, new_rows)


if __name__ == "__main__":
    sys.exit(main())
