"""Query speed: rdflib's SPARQL engine vs pyoxigraph on the real KB (library queries, example values).

Run: .venv/bin/python bench/bench_queries.py   (prints a Markdown table; see bench/RESULTS.md)
"""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery

from kb.knowledge import KnowledgeBase
from kb.library import bind, library
from kb.rdf.executor import execute
from kb.rdf.load import load

SKIP = {"pairs_lacking_mechanism", "availability_of_pair"}  # need the availability graph


def timed(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def main() -> None:
    t = time.perf_counter()
    kb = KnowledgeBase.open()
    ox_load = time.perf_counter() - t
    t = time.perf_counter()
    loaded = load()
    union = loaded.union()
    rdflib_load = time.perf_counter() - t
    mechanisms = set(kb.inputs().mechanisms)
    print(f"# Query benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}")
    print(f"triples: {len(union)}; load: pyoxigraph {ox_load:.2f} s (with records), rdflib {rdflib_load:.2f} s")
    print()
    print("| query | rdflib median ms | pyoxigraph median ms | ratio |")
    print("|---|---|---|---|")
    ratios = []
    for name, q in library().items():
        if name in SKIP:
            continue
        b = bind(q, {}, set(kb.actors), mechanisms)
        init = {k: (URIRef(v) if kind == "iri" else Literal(v, datatype=XSD.date)) for k, (kind, v) in b.items()}
        prepared = prepareQuery(q.text)
        slow = timed(lambda p=prepared, i=init: list(union.query(p, initBindings=i)), 3)
        fast = timed(lambda t=q.text, bb=b: execute(kb.store, t, [], 100000, bb), 10)
        ratios.append(slow / fast)
        print(f"| {name} | {slow:.1f} | {fast:.2f} | {slow / fast:.0f}x |")
    print()
    print(f"median ratio rdflib / pyoxigraph: {statistics.median(ratios):.0f}x")


if __name__ == "__main__":
    main()
