"""Coverage reports what is known against the depositary's counts, and says what is missing."""

from datetime import date
from pathlib import Path

import pytest

from kb.coverage import coverage, coverage_text
from kb.knowledge import KnowledgeBase
from kb.model import DepositaryCount, Event, Provenance, Treaty, TreatyRecord

P = Provenance("https://example.org/s", date(2020, 1, 1))
T = Treaty("fict-2", "F", "F", (), (), None, date(2001, 1, 1), P, "UN_PLUS_30_DAYS", "", "PLUS_1_YEAR", "vclt_default")


def test_missing_parties_are_listed_as_not_yet_sourced() -> None:
    events = [
        Event("AAA", "fict-2", "ratification", date(2000, 1, 1), P),
        Event("BBB", "fict-2", "entry_into_force", date(2002, 1, 1), P),
    ]
    record = TreatyRecord(T, events, [], [DepositaryCount("fict-2", date(2010, 1, 1), None, 5, P)])
    c = coverage(record)
    assert c["depositary"]["known_parties_then"] == 2
    assert "3 of the 5 parties" in c["not_yet_sourced"][0]
    assert c["consent_date_unknown"] == ["BBB"]
    assert c["derived_entries_into_force"] == 0


def test_real_coverage_has_every_treaty(real_kb: KnowledgeBase) -> None:
    for slug, record in real_kb.records.items():
        c = coverage(record)
        assert c["treaty"] == slug
        assert c["newest_status_date"] is not None


def test_searched_gaps_are_read_checked_and_listed(tmp_path: Path) -> None:
    from kb.coverage import coverage_text
    from kb.rdf.importers.common import ImportProblem
    from kb.rdf.importers.gaps import read_gaps

    (tmp_path / "t-1").mkdir()
    gaps_file = tmp_path / "t-1" / "gaps.yaml"
    assert read_gaps("t-1", tmp_path) == []  # no file: nothing searched in vain
    gaps_file.write_text(
        "- item: Ruritania's consent\n  kind: participation\n  state: RUR\n  seen: a newspaper\n"
        "  tried: [the depositary's chart, the official journal]\n",
        encoding="utf-8",
    )
    gaps = read_gaps("t-1", tmp_path)
    assert [(g.item, g.state, g.tried) for g in gaps] == [
        ("Ruritania's consent", "RUR", ("the depositary's chart", "the official journal"))
    ]
    record = TreatyRecord(T, [], [], [])
    text = coverage_text(coverage(record, gaps=gaps))
    assert "searched, not found: Ruritania's consent" in text and "the official journal" in text
    for bad in ("- item: x\n  kind: rumour\n  tried: [a]\n", "- item: x\n  kind: count\n  tried: []\n", "{a: 1}\n"):
        gaps_file.write_text(bad, encoding="utf-8")
        with pytest.raises(ImportProblem):
            read_gaps("t-1", tmp_path)


def test_the_real_budapest_gaps_name_what_is_still_unidentified(real_kb: KnowledgeBase) -> None:
    """Tunisia was found (news, secondary: contract 5a); Paraguay's dated consent is still searched for."""
    from kb.rdf.importers.gaps import read_gaps

    c = coverage(real_kb.record("cets-185"), gaps=read_gaps("cets-185"))
    assert "PRY" in {g["state"] for g in c["searched_not_found"]}
    assert "TUN" not in {g["state"] for g in c["searched_not_found"]}
    assert c["facts_by_grade"]["secondary"] >= 2 and c["dated_by_event"] > 0
    assert {(cl["date"], cl["kind"]) for cl in c["closed_lists"]} >= {("2011-06-01", "table"), ("2024-10-09", "count")}
    assert all(g["tried"] for g in c["searched_not_found"])


def test_a_two_party_treaty_is_complete_by_its_text(real_kb: KnowledgeBase) -> None:
    c = coverage(real_kb.record("bilateral-rus-usa-mla-1999"))
    assert c["closed_by_text"] == ["RUS", "USA"] and c["not_yet_sourced"] == []
    assert "its text names its parties (RUS, USA)" in coverage_text(c)
