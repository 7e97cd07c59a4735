"""Coverage reports what is known against the depositary's counts, and says what is missing."""

from datetime import date

from kb.coverage import coverage
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
