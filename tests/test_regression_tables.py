"""Regression tables: facts checked by hand against depositary text (kb/sources/regression/*.csv).

Each row's verbatim fragment must occur in its saved snapshot, and the knowledge base must answer
the same value. Run on every test run.
"""

import csv
from typing import Any

import pytest

from kb import paths
from kb.knowledge import KnowledgeBase
from kb.rdf.importers.common import normalise_ws
from kb.rdf.importers.registry import load_registry

REGISTRY = load_registry()
TABLES = sorted((paths.SOURCES_DIR / "regression").glob("*.csv"))
ROWS = [(t.stem, i, row) for t in TABLES for i, row in enumerate(csv.DictReader(t.open(encoding="utf-8")), start=2)]


def test_each_pillar_has_at_least_60_facts() -> None:
    for table in TABLES:
        assert sum(1 for name, _, _ in ROWS if name == table.stem) >= 60, table.name


def value_of(answer: dict[str, Any], fact: str) -> set[str]:
    if fact in ("signature", "consent", "entry_into_force", "denunciation"):
        item = answer.get(fact)
        return {item["date"]} if item else set()
    if fact == "consent_kind":
        return {answer["consent"]["kind"]} if answer.get("consent") else set()
    slug = answer["treaty"]
    provisions = {
        p.split("/art/", 1)[1]
        for s in answer["statements"]
        if fact == "statement" or s.get("authority")
        for p in s["provisions"]
        if p.startswith(slug + "/art/")
    }
    return provisions


@pytest.mark.parametrize(("table", "line", "row"), ROWS, ids=[f"{t}:{i}" for t, i, _ in ROWS])
def test_fact(table: str, line: int, row: dict[str, str], real_kb: KnowledgeBase) -> None:
    source = REGISTRY[row["source"]]
    assert normalise_ws(row["verbatim"]) in normalise_ws(source.snapshot_text()), "verbatim not in snapshot"
    answer = real_kb.participation(row["state"], row["treaty"])
    assert row["value"] in value_of(answer, row["fact"]), f"{row['fact']}: KB says {value_of(answer, row['fact'])}"
