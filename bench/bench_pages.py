"""Server-rendered pages on real data: state, treaty, pair and gap pages (issue #8 and #17 targets),
and one what-if simulation (RUS joining the Budapest Convention: every mechanism, partner and
direction; target under 2 s warm).

Today: statuses of the 12 key mechanisms materialised (kb.statuses, as `treatykb serve` does);
p95 over warm requests of 20 states and 20 pairs. Another date: each page's first request computes
its answers on demand (then they are cached); p95 of those first requests.

Run: .venv/bin/python bench/bench_pages.py
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from fastapi.testclient import TestClient

from api.app import create_app
from api.contexts import KEY_MECHANISMS, use_table
from kb.knowledge import KnowledgeBase
from kb.statuses import materialise

STATES = ["DEU", "RUS", "USA", "CHN", "UZB", "FRA", "BRA", "JPN", "NGA", "IND",
          "GBR", "UKR", "TUR", "ZAF", "MEX", "IDN", "EGY", "ARG", "AUS", "CAN"]  # fmt: skip
PAIRS = list(zip(STATES, STATES[1:] + STATES[:1], strict=True))


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1]


def timed(client: TestClient, url: str) -> float:
    t = time.perf_counter()
    r = client.get(url)
    assert r.status_code == 200, (url, r.status_code)
    return (time.perf_counter() - t) * 1000


def main() -> None:
    kb = KnowledgeBase.open()
    today = date.today()
    t = time.perf_counter()
    use_table(kb, materialise(kb, today, list(KEY_MECHANISMS), progress=print))
    print(f"status table ready in {time.perf_counter() - t:.1f} s")
    client = TestClient(create_app(kb))
    treaties = [f"/treaty/{slug}" for slug in sorted(kb.records)]
    for s in STATES:  # warm-up: templates, participation answers
        timed(client, f"/state/{s}")
    for u in treaties + ["/gaps", "/gaps/PRES"]:
        timed(client, u)
    for label, urls in (
        ("state profile, today", [f"/state/{s}" for s in STATES]),
        ("treaty page, today", treaties),
        ("pair comparison, today", [f"/compare/{a}/{b}" for a, b in PAIRS]),
        ("gap overview, today", ["/gaps"] * 10),
        ("gap map PRES, today", ["/gaps/PRES"] * 10),
    ):
        xs = [timed(client, u) for _ in range(3) for u in urls]
        print(f"{label}: median {statistics.median(xs):.1f} ms, p95 {p95(xs):.1f} ms ({len(xs)} requests)")
    from kb.whatif import simulate

    simulate(kb, "RUS", ["cets-185"], [], today)  # warm
    xs = []
    for _ in range(5):
        t = time.perf_counter()
        simulate(kb, "RUS", ["cets-185"], [], today)
        xs.append(time.perf_counter() - t)
    print(
        f"simulation RUS --join cets-185 (34 mechanisms, both directions): median {statistics.median(xs):.2f} s, "
        f"max {max(xs):.2f} s (5 warm runs)"
    )
    xs = [timed(client, "/simulate/RUS.json?join=cets-185") / 1000 for _ in range(3)]
    print(f"/simulate/RUS.json?join=cets-185 over HTTP: median {statistics.median(xs):.2f} s (3 warm requests)")
    other = "2019-06-01"
    for label, urls in (
        ("state profile, other date (first request)", [f"/state/{s}?date={other}" for s in STATES]),
        ("pair comparison, other date (first request)", [f"/compare/{a}/{b}?date={other}" for a, b in PAIRS]),
    ):
        xs = [timed(client, u) for u in urls]
        print(f"{label}: median {statistics.median(xs):.1f} ms, p95 {p95(xs):.1f} ms ({len(xs)} requests)")


if __name__ == "__main__":
    main()
