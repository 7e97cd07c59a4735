"""Compare the full availability matrix of two versions of the code on the same data (issue #18).

    python bench/compare_matrix.py                      # the working tree against HEAD
    python bench/compare_matrix.py --new HEAD --base HEAD~1
    python bench/compare_matrix.py --new abc123 --date 2026-12-01 --date 2016-01-01

Each version is exported with `git archive` (the working tree is copied as it is) into a temporary
directory; the base version is given the new version's `kb/data` and `ontology/` (the same data),
then each runs `treatykb matrix` with its own code. The CSV dyad panels are compared cell by cell
(key: date, from, to, mechanism) on every column except `engine_version`: status, best basis and gap
class (which follow from the link types of the bases), basis treaties and provisions, condition
codes, gap codes and data_as_of. Prose is not in the panel, so it is excluded by construction.

Exit 0 when every cell is identical, 1 when some differ (the first differences are printed, a full
list is written with --report), 2 when a version cannot be built or run.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATES = ("2026-12-01", "2016-01-01")
IGNORED = {"engine_version"}
KEY = ("date", "from", "to", "mechanism")
WORKTREE = "WORKTREE"
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "dist", "site/_build", "__pycache__", "*.egg-info"
)


def export(rev: str, into: Path) -> None:
    """The source tree of `rev` (a commit, or WORKTREE for the files as they are) in `into`."""
    if rev == WORKTREE:
        shutil.copytree(ROOT, into, ignore=COPY_IGNORE, symlinks=True)
        return
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev], capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"error: cannot export {rev!r}: {archive.stderr.decode().strip()}")
    into.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")


def same_data(source: Path, target: Path) -> None:
    """Give `target` the knowledge-base files (kb/data, ontology) of `source`."""
    for part in ("kb/data", "ontology"):
        shutil.rmtree(target / part, ignore_errors=True)
        shutil.copytree(source / part, target / part)


def run_matrix(tree: Path, on: str, python: str) -> Path:
    out = tree / "dist" / "compare"
    cmd = [python, "-c", "from api.cli import main; main()", "matrix", "--date", on, "--out", str(out)]
    started = time.monotonic()
    done = subprocess.run(cmd, cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)}, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-4000:], sep="\n", file=sys.stderr)
        raise SystemExit(f"error: the matrix of {on} failed in {tree.name} (exit {done.returncode})")
    print(f"  {tree.name} {on}: {time.monotonic() - started:.1f} s", file=sys.stderr)
    return out / f"availability-{on}.csv"


def read_panel(path: Path) -> dict[tuple[str, ...], dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {tuple(r[k] for k in KEY): {k: v for k, v in r.items() if k not in IGNORED} for r in csv.DictReader(fh)}


def differences(base: dict[tuple[str, ...], dict[str, str]], new: dict[tuple[str, ...], dict[str, str]]) -> list[str]:
    """One line per changed, added or removed cell, naming the columns that differ."""
    out = []
    for key in sorted(base.keys() | new.keys()):
        b, n = base.get(key), new.get(key)
        if b is None or n is None:
            out.append(f"{' '.join(key)}: only in {'new' if b is None else 'base'}")
            continue
        changed = [
            f"{c}: {b.get(c, '')!r} -> {n.get(c, '')!r}" for c in sorted(b.keys() | n.keys()) if b.get(c) != n.get(c)
        ]
        if changed:
            out.append(f"{' '.join(key)}: " + "; ".join(changed))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--new", default=WORKTREE, help="commit to check (default: the working tree)")
    ap.add_argument(
        "--base", default=None, help="commit to compare with (default: HEAD, or NEW~1 when NEW is a commit)"
    )
    ap.add_argument(
        "--date", dest="dates", action="append", help=f"matrix date (repeatable; default: {', '.join(DATES)})"
    )
    ap.add_argument("--python", default=sys.executable, help="interpreter with the project's dependencies")
    ap.add_argument("--report", type=Path, help="write every difference to this file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary trees")
    args = ap.parse_args(argv)
    base_rev = args.base or ("HEAD" if args.new == WORKTREE else f"{args.new}~1")
    tmp = Path(tempfile.mkdtemp(prefix="compare-matrix-"))
    try:
        new_tree, base_tree = tmp / "new", tmp / "base"
        export(args.new, new_tree)
        export(base_rev, base_tree)
        same_data(new_tree, base_tree)
        print(f"comparing {args.new} with {base_rev} on the data of {args.new}", file=sys.stderr)
        lines: list[str] = []
        for on in args.dates or DATES:
            found = differences(
                read_panel(run_matrix(base_tree, on, args.python)), read_panel(run_matrix(new_tree, on, args.python))
            )
            print(f"{on}: {len(found)} cell(s) differ")
            lines.extend(found)
        if args.report:
            args.report.write_text("".join(f"{x}\n" for x in lines), encoding="utf-8")
        for x in lines[:40]:
            print(f"  {x}")
        return 1 if lines else 0
    finally:
        if args.keep:
            print(f"trees kept in {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
