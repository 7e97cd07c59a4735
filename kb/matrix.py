"""The availability matrix: every ordered pair of states, every mechanism, one date.

Written as RDF in its own named graph, compact as design/performance.md recommends (the quads are
kb/rdf/availability.py's: one result node per ordered pair, a status, the kind of best basis and
secondary evidence per mechanism). Bases, conditions and gaps per cell are in the CSV dyad panel.
"""

from __future__ import annotations

import csv
import gc
import multiprocessing as mp
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from kb import iri, paths
from kb.knowledge import KnowledgeBase
from kb.law.availability import ENGINE_VERSION, Inputs, Question, decide, profile
from kb.law.result import Basis
from kb.rdf.availability import MechanismAnswer, pair_quads, provenance_quads, write_nquads
from kb.vocab import Condition

GAP_CLASSES = ("specific", "fallback", "none", "unknown")  # contract 2: the pair's gap class
CSV_COLUMNS = [
    "date",
    "from",
    "to",
    "mechanism",
    "status",
    "best_basis",
    "gap_class",
    "basis_treaties",
    "basis_provisions",
    "conditions",
    "gap_codes",
    "data_as_of",
    "engine_version",
]
Progress = Callable[[int, int], None]


def every_tenth(report: Callable[[str], None], label: str) -> Progress:
    """A cell-count progress callback that reports each tenth of the way, as `label pct% (done/total)`."""
    last = [-1]

    def tick(done: int, total: int) -> None:
        tenth = 10 * done // max(total, 1)
        if tenth != last[0]:
            last[0] = tenth
            report(f"  {label} {10 * tenth}% ({done}/{total})")

    return tick


class Cell(NamedTuple):  # a tuple: 1.3 million are made per matrix, a frozen dataclass costs 20% of the run
    on: date
    requesting: str
    requested: str
    mechanism: str
    status: str
    basis_treaties: tuple[str, ...]
    basis_provisions: tuple[str, ...]
    conditions: tuple[str, ...]
    gap_codes: tuple[str, ...]
    data_as_of: str | None
    best_basis: str | None = None
    gap_class: str = "none"


def gap_class(bases: Iterable[Basis]) -> str:
    """Contract 2: `specific` (a specific basis available); else `unknown` (a specific basis
    unknown); else `fallback` (only a fallback available); else `unknown` (a fallback unknown);
    else `none`."""
    found = {(b.link_type, b.status) for b in bases}
    usable = ("available", "available_with_conditions")
    if any(("specific", s) in found for s in usable):
        return "specific"
    if ("specific", "unknown") in found:
        return "unknown"
    if any(("fallback_general", s) in found for s in usable):
        return "fallback"
    if ("fallback_general", "unknown") in found:
        return "unknown"
    return "none"


def matrix_states(kb: KnowledgeBase) -> list[str]:
    """Existing states that take part in at least one treaty of the KB."""
    participants = {e.actor for r in kb.records.values() for e in r.events}
    return sorted(c for c, a in kb.actors.items() if a.kind == "state" and c in participants)


def cell(inputs: Inputs, on: date, requesting: str, requested: str, mechanism: str) -> Cell:
    """One answer of the matrix, reduced to what the panel and the graph keep."""
    r = decide(inputs, Question(requesting, requested, mechanism, on), explain_answer=False)
    bases = r.bases
    return Cell(
        on,
        requesting,
        requested,
        mechanism,
        r.status.value,
        tuple(sorted({x.treaty for x in bases})),
        tuple(x.provision for x in bases),
        tuple(sorted({c for x in bases for c in x.conditions})),
        tuple(sorted({g.code.value for g in r.gaps})),
        r.data_as_of.isoformat() if r.data_as_of else None,
        r.best_basis,
        gap_class(bases),
    )


def profiles(inputs: Inputs, on: date, actors: list[str], mechanism: str | None = None) -> dict[str, tuple[Any, ...]]:
    """Each state's profile on the date, for one mechanism or for all (see `kb.law.availability.profile`)."""
    return {a: profile(inputs, a, on, mechanism) for a in actors}


def profile_ids(inputs: Inputs, on: date, actors: list[str], mechanisms: list[str]) -> dict[str, dict[str, int]]:
    """Per mechanism, each state's profile as a small number (equal profiles, equal numbers): the
    keys of the shared cells, cheaper to hash than the profiles."""
    ids: dict[tuple[Any, ...], int] = {}
    return {m: {a: ids.setdefault(p, len(ids)) for a, p in profiles(inputs, on, actors, m).items()} for m in mechanisms}


def shared_cell(
    inputs: Inputs,
    on: date,
    requesting: str,
    requested: str,
    mechanism: str,
    by_profile: dict[str, Any],
    seen: dict[tuple[Any, ...], Cell],
) -> Cell:
    """`cell`, computed once per (requesting profile, requested profile, mechanism) in `seen`, with
    `by_profile` the states' profiles for this mechanism; the same answer for another pair of those
    profiles only carries the pair's names."""
    key = (by_profile[requesting], by_profile[requested], mechanism)
    known = seen.get(key)
    if known is None:
        known = seen[key] = cell(inputs, on, requesting, requested, mechanism)
        return known
    return known._replace(requesting=requesting, requested=requested)


def compute(
    kb: KnowledgeBase,
    on: date,
    mechanisms: list[str] | None = None,
    states: list[str] | None = None,
    progress: Progress = lambda done, total: None,
) -> Iterator[Cell]:
    """Every ordered pair for every mechanism (the engine memoises what mechanisms share, and
    states with the same profile for a mechanism share their cells)."""
    inputs = kb.inputs()
    mechs = mechanisms or sorted(inputs.mechanisms)
    actors = states or matrix_states(kb)
    ids = profile_ids(inputs, on, actors, mechs)
    total = len(mechs) * len(actors) * (len(actors) - 1)
    done = 0
    for m in mechs:
        seen: dict[tuple[Any, ...], Cell] = {}  # one mechanism at a time: at most profiles^2 cells
        for a in actors:
            for b in actors:
                if a == b:
                    continue
                yield shared_cell(inputs, on, a, b, m, ids[m], seen)
                done += 1
                if done % 5000 == 0 or done == total:
                    progress(done, total)


def result_node(on: date, requesting: str, requested: str) -> str:
    return iri.result(on.isoformat(), requesting, requested)


def _csv_row(c: Cell) -> tuple[str, ...]:
    return (
        c.on.isoformat(),
        c.requesting,
        c.requested,
        c.mechanism,
        c.status,
        c.best_basis or "",
        c.gap_class,
        ";".join(c.basis_treaties),
        ";".join(c.basis_provisions),
        ";".join(c.conditions),
        ";".join(c.gap_codes),
        c.data_as_of or "",
        ENGINE_VERSION,
    )


# what a forked worker of `write` reads (set before the pool forks; never sent through pipes)
_JOB: dict[str, Any] = {}


# the cells a process has computed, by (requesting profile, requested profile, mechanism): kept across
# its tasks, since states of different overall profiles often share a mechanism's profile
_SEEN: dict[tuple[Any, ...], Cell] = {}


def _worker_setup() -> None:
    """Workers allocate many short-lived answers: collect the young generation less often."""
    gc.set_threshold(50_000, 20, 20)
    _SEEN.clear()


def _requesting_rows(members: list[str]) -> int:
    """Every partner and mechanism for requesting states of one overall profile: one CSV and one
    N-Quads part file per state."""
    return sum(_requesting_row(a, _SEEN) for a in members)


def _requesting_row(requesting: str, seen: dict[tuple[Any, ...], Cell]) -> int:
    kb: KnowledgeBase = _JOB["kb"]
    on: date = _JOB["on"]
    ids: dict[str, dict[str, int]] = _JOB["profiles"]
    inputs = kb.inputs()
    answers: dict[str, dict[str, MechanismAnswer]] = {}
    n = 0
    with (Path(_JOB["parts"]) / f"{requesting}.csv").open("w", encoding="utf-8", newline="") as fh:
        rows = []
        for b in _JOB["actors"]:
            if b == requesting:
                continue
            mine = answers.setdefault(b, {})
            for m in _JOB["mechanisms"]:
                c = shared_cell(inputs, on, requesting, b, m, ids[m], seen)
                mine[m] = MechanismAnswer(c.status, c.best_basis, Condition.SECONDARY_SOURCE in c.conditions)
                rows.append(_csv_row(c))
                n += 1
        csv.writer(fh).writerows(rows)

    def quads() -> Iterator[Any]:
        here = kb.actors[requesting].iri
        for b, by_mechanism in answers.items():
            node = result_node(on, requesting, b)
            yield from pair_quads(on, here, kb.actors[b].iri, node, by_mechanism)

    write_nquads(quads(), Path(_JOB["parts"]) / f"{requesting}.nq")
    return n


def write(
    kb: KnowledgeBase,
    on: date,
    outdir: Path,
    mechanisms: list[str] | None = None,
    states: list[str] | None = None,
    progress: Progress = lambda d, t: None,
    workers: int | None = None,
) -> list[Path]:
    """Compute and write `availability-{date}.nq`, `.csv` and the codebook into `outdir`.

    Rows are ordered by requesting state, requested state and mechanism. With `workers` > 1 the
    requesting states are shared among forked processes (default: one per core, at most 4).
    """
    outdir.mkdir(parents=True, exist_ok=True)
    mechs = sorted(mechanisms or kb.inputs().mechanisms)
    actors = sorted(states) if states else matrix_states(kb)
    nq = outdir / f"availability-{on.isoformat()}.nq"
    table = outdir / f"availability-{on.isoformat()}.csv"
    parts = outdir / f".parts-{on.isoformat()}"
    shutil.rmtree(parts, ignore_errors=True)
    parts.mkdir()
    total = len(mechs) * len(actors) * (len(actors) - 1)
    n_workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    inputs = kb.inputs()
    overall = profiles(inputs, on, actors)
    groups: dict[tuple[Any, ...], list[str]] = {}
    for a in actors:
        groups.setdefault(overall[a], []).append(a)
    # the largest groups first, so that no worker is left with a big one at the end
    tasks = sorted(groups.values(), key=len, reverse=True)
    _JOB.update(
        kb=kb, on=on, mechanisms=mechs, actors=actors, parts=str(parts), profiles=profile_ids(inputs, on, actors, mechs)
    )
    _SEEN.clear()
    done = 0
    try:
        if n_workers > 1 and len(actors) > 2 and "fork" in mp.get_all_start_methods():
            gc.freeze()  # the loaded KB stays shared with the workers, outside their collections
            try:
                with mp.get_context("fork").Pool(n_workers, initializer=_worker_setup) as pool:
                    for n in pool.imap_unordered(_requesting_rows, tasks):
                        done += n
                        progress(done, total)
            finally:
                gc.unfreeze()
        else:
            for members in tasks:
                done += _requesting_rows(members)
                progress(done, total)
    finally:
        _JOB.clear()
        _SEEN.clear()
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(CSV_COLUMNS)
        for a in actors:
            with (parts / f"{a}.csv").open(encoding="utf-8", newline="") as part:
                shutil.copyfileobj(part, fh)
    write_nquads(provenance_quads(on, mechs, ENGINE_VERSION), nq)
    with nq.open("ab") as out:
        for a in actors:  # pair nodes in (requesting, requested) order, as one file would have them
            with (parts / f"{a}.nq").open("rb") as part:
                shutil.copyfileobj(part, out)
    shutil.rmtree(parts, ignore_errors=True)
    codebook = outdir / "codebook.md"
    codebook.write_text(
        (paths.ROOT / "docs" / "availability-codebook.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return [nq, table, codebook]


def availability_graph(
    mechanisms: list[str] | None, data_dir: Path = paths.DATA_DIR, ontology_dir: Path = paths.ONTOLOGY_DIR
) -> Callable[[date, Path, Callable[[str], None]], Path]:
    """The availability graph's writer that the query store is handed (kb.rdf.persistent.open_persistent)."""

    def build(on: date, workdir: Path, progress: Callable[[str], None]) -> Path:
        kb = KnowledgeBase.open(data_dir, ontology_dir)
        nq, _, _ = write(kb, on, workdir, mechanisms, None, every_tenth(progress, "availability"))
        return nq

    return build
