"""Materialised statuses (kb.statuses): the same answers as the engine, cached per data and date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from api import contexts
from kb.knowledge import KnowledgeBase
from kb.matrix import gap_class
from kb.statuses import StatusTable, build, cache_path, materialise

ON = date(2026, 3, 1)
STATES = ["CHN", "DEU", "FRA", "JPN", "RUS", "USA", "UZB"]


def test_table_holds_the_engines_answers(real_kb: KnowledgeBase) -> None:
    table = build(real_kb, ON, ["PRES", "EXT"], states=STATES)
    for m in ("PRES", "EXT"):
        for a in STATES:
            for b in STATES:
                if a != b:
                    answer = real_kb.ask(a, b, m, ON)
                    assert table.get(a, b, m) == answer.status, (a, b, m)
                    assert table.gap_class(a, b, m) == gap_class(answer.bases), (a, b, m)
    assert table.get("DEU", "DEU", "PRES") is None  # a state and itself: not a question
    assert table.get("DEU", "BRA", "PRES") is None  # outside the table: the caller computes it
    assert table.get("DEU", "RUS", "MLA") is None
    assert table.gap_class("DEU", "RUS", "PRES") == "fallback" and table.gap_class("DEU", "FRA", "PRES") == "specific"


def test_round_trip_and_cache(real_kb: KnowledgeBase, tmp_path: Path) -> None:
    table = build(real_kb, ON, ["PRES"], states=STATES)
    assert StatusTable.from_json(json.loads(json.dumps(table.to_json()))) == table
    messages: list[str] = []
    first = materialise(real_kb, ON, ["PTD"], tmp_path, messages.append)
    assert cache_path(ON, ["PTD"], tmp_path).exists() and "materialising" in messages[0]
    messages.clear()
    assert materialise(real_kb, ON, ["PTD"], tmp_path, messages.append) == first
    assert "loaded" in messages[0]


def test_a_broken_cache_file_is_computed_again(real_kb: KnowledgeBase, tmp_path: Path) -> None:
    path = cache_path(ON, ["PTD"], tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": "1", "date": "2026-03-01", "states": ["DEU"], "rows": {"PTD": ["--"]}}')
    messages: list[str] = []
    table = materialise(real_kb, ON, ["PTD"], tmp_path, messages.append)
    assert "unreadable" in messages[0]
    assert len(table.states) > 150 and table.get("DEU", "FRA", "PTD") is not None
    with pytest.raises(ValueError):
        StatusTable.from_json({"format": "0"})


def test_pages_read_the_table_and_match_computed_pages(real_kb: KnowledgeBase) -> None:
    """A state's cooperation picture is the same from the table as computed per request."""
    on = date(2025, 7, 1)  # a date no other test registers
    computed = contexts.state_context(real_kb, "DEU", "en", on)["cooperation"]
    table = build(real_kb, on, ["PRES"])
    contexts.use_table(real_kb, table)
    try:
        assert contexts.live_status(real_kb, on)("DEU", "RUS", "PRES") == table.get("DEU", "RUS", "PRES")
        assert contexts.state_context(real_kb, "DEU", "en", on)["cooperation"] == computed
    finally:
        contexts._TABLES.clear()
