"""Availability engine (issue #6 targets): one question warm (p95), the full matrix on 2 cores
(wall time, peak memory), and how the cost grows with states and with treaties per mechanism.

Run: .venv/bin/python bench/bench_engine.py [--skip-matrix]
"""

from __future__ import annotations

import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from kb.knowledge import KnowledgeBase
from kb.law.availability import candidate_links
from kb.matrix import compute, matrix_states, write

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
    if "--skip-matrix" not in sys.argv:
        full_matrix(KnowledgeBase.open())
    one_question(kb)
    growth(kb)


if __name__ == "__main__":
    main()
