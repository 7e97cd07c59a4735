"""Availability engine (issue #6 targets): one question warm (p95), the full matrix on 2 cores
(wall time, peak memory), and how the cost grows with states and with treaties per mechanism.

Run: .venv/bin/python bench/bench_engine.py [--skip-matrix] [--treaties]

--treaties: the CPU time of the whole matrix (all states and mechanisms, one process) with the first
10 treaties of the knowledge base (the UN and Budapest treaties), then with each later group added
(issue #16: how the matrix time grows with the number of treaties).
"""

from __future__ import annotations

import random
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from kb.knowledge import KnowledgeBase
from kb.law.availability import candidate_links
from kb.matrix import compute, matrix_states, profile_ids, shared_cell, write

ON = date(2026, 3, 1)


def one_question(kb: KnowledgeBase) -> None:
    states = matrix_states(kb)
    mechanisms = sorted(kb.inputs().mechanisms)
    rng = random.Random(185)
    questions = [(rng.choice(states), rng.choice(states), rng.choice(mechanisms)) for _ in range(600)]
    questions = [(a, b, m) for a, b, m in questions if a != b]
    for a, b, m in questions:  # warm: the memo holds standings and pair relations
        kb.availability(a, b, m, ON)
    times = []
    for a, b, m in questions:
        t = time.perf_counter()
        kb.availability(a, b, m, ON)  # the full answer: explanation and trace included
        times.append((time.perf_counter() - t) * 1000)
    cold = []
    for a, b, m in questions[:200]:
        kb.inputs().memo.clear()  # nothing remembered: standings, pair relations, candidates
        t = time.perf_counter()
        kb.availability(a, b, m, ON)
        cold.append((time.perf_counter() - t) * 1000)
    print(f"one question, cold memo, full answer: median {statistics.median(cold):.2f} ms, "
          f"p95 {statistics.quantiles(cold, n=20)[-1]:.2f} ms")  # fmt: skip
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"one question, warm, full answer: median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms "
          f"({len(times)} questions; target p95 < 20 ms)")  # fmt: skip


def growth(kb: KnowledgeBase) -> None:
    states = matrix_states(kb)
    for n in (50, 100, 150, len(states)):
        fresh = KnowledgeBase.open()
        t = time.perf_counter()
        cells = sum(1 for _ in compute(fresh, ON, ["PRES", "EXT"], states[:n]))
        dt = time.perf_counter() - t
        print(f"growth: {n} states x 2 mechanisms = {cells} cells in {dt:.2f} s ({dt / cells * 1e6:.1f} us/cell)")
    inputs = kb.inputs()
    for m in ("LEC", "PRES", "MLA", "EXT"):
        fresh = KnowledgeBase.open()
        treaties = len(candidate_links(fresh.inputs(), m))
        t = time.perf_counter()
        cells = sum(1 for _ in compute(fresh, ON, [m], states[:80]))
        dt = time.perf_counter() - t
        print(f"treaties: {m} ({treaties} candidate treaties): {dt / cells * 1e6:.1f} us/cell")
    del inputs


FIRST_TEN = ("cets-185", "cets-189", "cets-224", "mtdsg-vi-19", "mtdsg-xviii-12", "mtdsg-xviii-12-a",
             "mtdsg-xviii-12-b", "mtdsg-xviii-12-c", "mtdsg-xviii-14", "mtdsg-xviii-16")  # fmt: skip


def treaty_growth(kb: KnowledgeBase) -> None:
    """CPU time of the full matrix with the first ten treaties, then the Council of Europe conventions,
    then everything else (bilateral, CIS, ...): the engine's own loop, one process."""
    full = kb.inputs()
    coe = tuple(s for s in sorted(full.records) if s.startswith("cets-") and s not in FIRST_TEN)
    steps = [FIRST_TEN, FIRST_TEN + coe, tuple(sorted(full.records))]
    states = matrix_states(kb)
    mechanisms = sorted(full.mechanisms)
    for chosen in steps:
        keep = set(chosen)
        inputs = replace(full, records={s: r for s, r in full.records.items() if s in keep},
                         links=[x for x in full.links if x.treaty in keep], memo={})  # fmt: skip
        t = time.process_time()
        ids = profile_ids(inputs, ON, states, mechanisms)
        cells = 0
        for m in mechanisms:
            seen: dict[tuple[object, ...], object] = {}
            for a in states:
                for b in states:
                    if a != b:
                        shared_cell(inputs, ON, a, b, m, ids[m], seen)  # type: ignore[arg-type]
                        cells += 1
        dt = time.process_time() - t
        print(f"treaties: {len(keep)} treaties, {cells} cells: {dt:.1f} s CPU (one process)")


def full_matrix(kb: KnowledgeBase) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        paths = write(kb, ON, Path(tmp), workers=2)
        dt = time.perf_counter() - t
        sizes = {p.name: p.stat().st_size for p in paths}
        lines = sum(1 for _ in paths[1].open(encoding="utf-8")) - 1
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"full matrix: {lines} cells, 34 mechanisms, 2 worker processes: {dt:.1f} s; peak RSS parent "
          f"{me:.0f} MB, largest worker {children:.0f} MB; files {sizes}")  # fmt: skip


def main() -> None:
    t = time.perf_counter()
    kb = KnowledgeBase.open()
    kb.inputs()
    print(f"knowledge base loaded in {time.perf_counter() - t:.1f} s")
    if "--treaties" in sys.argv:
        treaty_growth(kb)
        return
    if "--skip-matrix" not in sys.argv:
        full_matrix(KnowledgeBase.open())
    one_question(kb)
    growth(kb)


if __name__ == "__main__":
    main()
