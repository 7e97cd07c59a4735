"""Contract 5a closed lists on fictional data: one test per rule, plus former entities and eligibility."""

from dataclasses import replace
from datetime import date

from fictional import treaty

from kb.law.closed_lists import absence, closures, parties_on
from kb.law.participation import standing
from kb.model import ClosedList, DepositaryCount, Event, Grade, Participation, Provenance
from kb.present import closed_list_text, note_text

P = Provenance("https://example.org/depositary", date(2010, 1, 1))
NEWS = Provenance("https://example.org/news", date(2016, 3, 1), grade=Grade.SECONDARY)
T = treaty("lst-1", "Listed", general_eif_provenance=P)
EVENTS = [
    Event("AAA", "lst-1", "ratification", date(2000, 6, 1), P),
    Event("BBB", "lst-1", "accession", date(2005, 6, 1), P),
    Event("CCC", "lst-1", "signature", date(2000, 3, 1), P),
]
TABLE = ClosedList("lst-1", date(2010, 1, 1), "table", P, frozenset({"AAA", "BBB", "CCC"}))


def count(on: date, parties: int, prov: Provenance = P) -> DepositaryCount:
    return DepositaryCount("lst-1", on, None, parties, prov)


def status(actor: str, on: date, counts: list[DepositaryCount], tables: list[ClosedList]) -> Participation:
    lists = absence(T, EVENTS, counts, tables, on)
    return standing(T, EVENTS, actor, on, absence=lists).status


def test_rule_1_a_complete_table_settles_its_date_and_the_time_before_it() -> None:
    for on in (date(2003, 1, 1), date(2010, 1, 1)):
        lists = absence(T, EVENTS, [], [TABLE], on)
        st = standing(T, EVENTS, "ZZZ", on, absence=lists)
        assert st.status is Participation.NOT_PARTICIPATING and st.closed_list == TABLE
    assert "absent from the complete list of signatories and contracting states of 2010-01-01" in closed_list_text(
        TABLE
    )


def test_rule_3_a_listed_signatory_stays_a_signatory() -> None:
    assert status("CCC", date(2012, 1, 1), [], [TABLE]) is Participation.SIGNATORY


def test_rule_2_a_count_the_identified_parties_meet_closes_the_parties() -> None:
    met = count(date(2008, 1, 1), 2)
    found = closures(T, EVENTS, [met], [])
    assert [(c.kind, c.date, c.listed) for c in found] == [("count", date(2008, 1, 1), frozenset({"AAA", "BBB"}))]
    assert status("ZZZ", date(2008, 6, 1), [met], []) is Participation.NOT_PARTICIPATING
    assert "all 2 are identified" in closed_list_text(found[0])


def test_a_count_the_identified_parties_do_not_meet_closes_nothing() -> None:
    assert closures(T, EVENTS, [count(date(2008, 1, 1), 3)], []) == []
    assert status("ZZZ", date(2008, 6, 1), [count(date(2008, 1, 1), 3)], []) is Participation.UNKNOWN


def test_rule_4_absence_after_the_newest_list_is_taken_as_unchanged() -> None:
    assert status("ZZZ", date(2025, 1, 1), [], [TABLE]) is Participation.NOT_PARTICIPATING


def test_rule_4_a_later_count_above_the_identified_parties_makes_absence_unknown_after_the_list() -> None:
    later = count(date(2016, 1, 1), 3)
    assert status("ZZZ", date(2010, 1, 1), [later], [TABLE]) is Participation.NOT_PARTICIPATING  # the table's day
    for on in (date(2010, 1, 2), date(2020, 1, 1)):
        st = standing(T, EVENTS, "ZZZ", on, absence=absence(T, EVENTS, [later], [TABLE], on))
        assert st.status is Participation.UNKNOWN
        said = note_text(st.notes[0])
        assert "knows 2 of the 3 parties the depositary counted on 2016-01-01; 1 joined after 2010-01-01" in said
    # a signatory could have ratified meanwhile: unknown too
    assert status("CCC", date(2012, 1, 1), [later], [TABLE]) is Participation.UNKNOWN


def test_rule_4_only_a_state_that_could_have_joined_becomes_unknown() -> None:
    on = date(2012, 1, 1)
    lists = absence(T, EVENTS, [count(date(2016, 1, 1), 3)], [TABLE], on)
    assert standing(T, EVENTS, "ZZZ", on, absence=lists, eligible=False).status is Participation.NOT_PARTICIPATING


def test_a_later_closure_names_the_late_joiners_so_an_excess_before_it_settles_nothing_more() -> None:
    joiner = Event("DDD", "lst-1", "accession", date(2015, 6, 1), NEWS)
    events = [*EVENTS, joiner]
    counts = [count(date(2016, 1, 1), 3, NEWS), count(date(2012, 1, 1), 3)]  # 2012: one more than identified
    lists = absence(T, events, counts, [TABLE], date(2011, 1, 1))
    assert lists.settled and lists.closed is not None and lists.closed.date == date(2016, 1, 1)


def test_a_consent_named_by_a_later_list_leaves_the_time_before_unknown() -> None:
    listed = Event("EEE", "lst-1", "consent", date(2009, 12, 31), P, no_later_than=True)
    events = [*EVENTS, listed]
    lists = absence(T, events, [], [replace(TABLE, listed=TABLE.listed | {"EEE"})], date(2005, 1, 1))
    assert standing(T, events, "EEE", date(2005, 1, 1), absence=lists).status is Participation.UNKNOWN


def test_former_entities_keep_their_own_events() -> None:
    """SUN is in no table of today's states; its own events say where it stood (rule 3)."""
    sun = [Event("SUN", "lst-1", "ratification", date(1990, 1, 1), P), *EVENTS]
    lists = absence(T, sun, [], [TABLE], date(2005, 1, 1))
    assert standing(T, sun, "SUN", date(2005, 1, 1), absence=lists).status is Participation.PARTY


def test_parties_are_counted_with_no_later_than_consents_and_without_denunciations_in_effect() -> None:
    events = [
        *EVENTS,
        Event("FFF", "lst-1", "consent", date(2007, 1, 1), P, no_later_than=True),
        Event("AAA", "lst-1", "denunciation", date(2007, 6, 1), P),
    ]
    assert parties_on(T, events, date(2008, 1, 1)) == {"AAA", "BBB", "FFF"}  # effective a year after notice
    assert parties_on(T, events, date(2008, 6, 1)) == {"BBB", "FFF"}


def test_a_table_is_preferred_to_a_count_of_the_same_day() -> None:
    """The 2011 ETS 185 notification is both: the table also settles the signatories (regression)."""
    lists = absence(T, EVENTS, [count(date(2010, 1, 1), 2)], [TABLE], date(2005, 1, 1))
    assert lists.closed == TABLE


def test_a_two_party_treaty_binds_no_other_state_and_is_no_gap_for_them() -> None:
    from kb.law.availability import Inputs, Question
    from kb.model import Link, Mechanism, TreatyRecord
    from kb.present import answer

    bilateral = replace(T, slug="bilateral-aaa-bbb-mla-2000", parties=("AAA", "BBB"), short_names=("AAA-BBB MLAT",))
    events = [Event(a, bilateral.slug, "ratification", date(2000, 6, 1), P) for a in ("AAA", "BBB")]
    lists = absence(bilateral, events, [], [], date(2010, 1, 1))
    other = standing(bilateral, events, "CCC", date(2010, 1, 1), absence=lists)
    assert other.status is Participation.NOT_PARTICIPATING and other.closed_list is not None
    assert "a treaty between AAA and BBB only" in closed_list_text(other.closed_list)
    record = TreatyRecord(bilateral, events)
    link = Link(bilateral.slug, f"{bilateral.slug}/art/1", "MLA", "specific", "mandatory")
    inputs = Inputs(
        {bilateral.slug: record}, [link], {"MLA": Mechanism("MLA", "mla", "entraide")}, frozenset(), {}, frozenset(), {}
    )
    assert answer(inputs, Question("AAA", "BBB", "MLA", date(2010, 1, 1)))["status"] == "available"
    third = answer(inputs, Question("AAA", "CCC", "MLA", date(2010, 1, 1)))
    assert third["status"] == "not_available" and third["gaps"] == [] and third["bases"] == []


def test_a_protocol_is_closed_to_a_state_its_convention_does_not_bind() -> None:
    """CETS 189 art. 9(2), CETS 224 art. 16(1), UNTOC art. 37(2): eligibility comes from the treaty data."""
    from kb.law.availability import Inputs, Question
    from kb.model import Link, Mechanism, TreatyRecord
    from kb.present import answer

    protocol = replace(T, slug="lst-2", open_only_to_parties_of="lst-1", short_names=("Protocol",))
    p_events = [Event("AAA", "lst-2", "ratification", date(2005, 1, 1), P)]
    p_record = TreatyRecord(protocol, p_events, [], [count(date(2016, 1, 1), 2)])
    parent = TreatyRecord(T, EVENTS, [], [], [TABLE])
    link = Link("lst-2", "lst-2/art/1", "MLA", "specific", "mandatory")
    mech = {"MLA": Mechanism("MLA", "mla", "entraide")}
    inputs = Inputs({"lst-1": parent, "lst-2": p_record}, [link], mech, frozenset(), {}, frozenset(), {})
    gap = answer(inputs, Question("AAA", "ZZZ", "MLA", date(2020, 1, 1)))["gaps"][0]
    assert gap["code"] == "not_party" and "open only to the parties of another" in gap["reason"]
    # a party of the convention could have joined after the table: unknown, not absent
    assert answer(inputs, Question("AAA", "BBB", "MLA", date(2020, 1, 1)))["status"] == "unknown"
