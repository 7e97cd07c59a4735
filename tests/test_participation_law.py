"""Participation status on fictional data: the rules, not the facts."""

from datetime import date

from fictional import treaty

from kb.law.closed_lists import absence
from kb.law.participation import counts_on, in_force_by_rule, standing
from kb.model import DepositaryCount, Event, Participation, Provenance, Treaty
from kb.present import note_text

P = Provenance("https://example.org/status", date(2020, 1, 1))
NEWER = Provenance("https://example.org/status-2", date(2021, 1, 1))
T = treaty(
    "test-1",
    "Test",
    title_en="Test Convention",
    title_fr="Convention test",
    short_names=(),
    general_eif=date(2001, 7, 1),
    general_eif_provenance=P,
    eif_rule="COE_3M_FIRST",
    denunciation_rule="COE_3M_FIRST",
    reservation_regime="closed_list",
)
EVENTS = [
    Event("AAA", "test-1", "signature", date(2000, 2, 1), P),
    Event("AAA", "test-1", "ratification", date(2001, 1, 10), P),
    Event("BBB", "test-1", "signature", date(2000, 3, 1), P),
    Event("CCC", "test-1", "accession", date(2005, 5, 5), P),
    Event("CCC", "test-1", "denunciation", date(2010, 2, 2), P),
    Event("DDD", "test-1", "ratification", date(2003, 1, 1), P),
    Event("DDD", "test-1", "ratification", date(2003, 2, 1), NEWER),
]


def status(actor: str, on: date) -> Participation:
    return standing(T, EVENTS, actor, on).status


def test_consent_before_general_entry_into_force() -> None:
    assert status("AAA", date(2001, 3, 1)) is Participation.CONSENTED_NOT_IN_FORCE
    assert status("AAA", date(2001, 7, 1)) is Participation.PARTY
    eif = standing(T, EVENTS, "AAA", date(2002, 1, 1)).entry_into_force
    assert eif is not None and eif.derived and eif.date == date(2001, 7, 1)


def test_signature_only_carries_the_vclt_18_note() -> None:
    st = standing(T, EVENTS, "BBB", date(2002, 1, 1))
    assert st.status is Participation.SIGNATORY
    assert any("VCLT art. 18" in n for n in map(note_text, st.notes))


def test_denunciation_pending_then_denounced() -> None:
    assert status("CCC", date(2010, 3, 1)) is Participation.DENUNCIATION_PENDING  # effective 2010-06-01
    assert status("CCC", date(2010, 6, 1)) is Participation.DENOUNCED
    assert status("CCC", date(2005, 9, 1)) is Participation.PARTY  # 2005-05-05 -> 2005-09-01


def test_newest_status_date_wins_between_sources() -> None:
    st = standing(T, EVENTS, "DDD", date(2004, 1, 1))
    assert st.consent is not None and st.consent.date == date(2003, 2, 1)


def test_absent_actor_is_unknown_unless_a_list_is_closed() -> None:
    closed = absence(T, EVENTS, [DepositaryCount("test-1", date(2003, 6, 1), None, 2, P)], [], date(2004, 1, 1))
    settled = standing(T, EVENTS, "ZZZ", date(2004, 1, 1), absence=closed)
    assert settled.status is Participation.NOT_PARTICIPATING and settled.closed_list is not None
    nothing = absence(T, EVENTS, [], [], date(2004, 1, 1))
    assert standing(T, EVENTS, "ZZZ", date(2004, 1, 1), absence=nothing).status is Participation.UNKNOWN


def test_counts_follow_the_depositary_definition() -> None:
    c = counts_on(T, EVENTS, ["AAA", "BBB", "CCC", "DDD"], date(2010, 3, 1))
    assert c == {"signatories": 2, "parties": 3, "denounced": 0}


def test_list_completeness_against_a_depositary_count() -> None:
    complete = DepositaryCount("test-1", date(2006, 1, 1), 2, 3, P)
    short = DepositaryCount("test-1", date(2006, 1, 1), 2, 4, P)
    assert absence(T, EVENTS, [complete], [], date(2007, 1, 1)).settled
    assert not absence(T, EVENTS, [short], [], date(2007, 1, 1)).settled
    later_short = DepositaryCount("test-1", date(2008, 1, 1), 2, 4, P)
    assert absence(T, EVENTS, [complete, later_short], [], date(2007, 1, 1)).count is later_short
    assert absence(T, EVENTS, [complete, later_short], [], date(2009, 1, 1)).unidentified == 1
    assert not absence(T, EVENTS, [], [], date(2007, 1, 1)).settled
    # regression: a count without a party number says nothing about completeness
    no_number = DepositaryCount("test-1", date(2006, 1, 1), 2, None, P)
    assert not absence(T, EVENTS, [no_number], [], date(2007, 1, 1)).settled


def test_a_source_naming_the_instrument_completes_a_newer_date_only_record() -> None:
    events = [
        Event("EEE", "test-1", "consent", date(2003, 1, 1), NEWER),
        Event("EEE", "test-1", "ratification", date(2003, 1, 1), P),
    ]
    st = standing(T, events, "EEE", date(2004, 1, 1))
    assert st.consent is not None and st.consent.kind == "ratification"
    alone = standing(T, events[:1], "EEE", date(2004, 1, 1))
    assert alone.consent is not None and alone.consent.kind == "consent" and alone.status is Participation.PARTY


PROTOCOL = Treaty(
    slug="test-2",
    title_en="Protocol",
    title_fr="Protocole",
    short_names=(),
    identifiers=(),
    adopted=date(2010, 1, 1),
    general_eif=None,
    general_eif_provenance=None,
    eif_rule="COE_3M_FIRST",
    eif_rule_text="",
    denunciation_rule="COE_3M_FIRST",
    reservation_regime="closed_list",
    open_only_to_parties_of="test-1",
)


def test_signing_a_protocol_open_only_to_parties_shows_the_base_treaty_in_force_by_then() -> None:
    protocol_events = [
        Event("EEE", "test-2", "signature", date(2012, 5, 12), P),
        Event("EEE", "test-2", "ratification", date(2013, 1, 1), P),
        Event("AAA", "test-2", "signature", date(2012, 5, 12), P),  # AAA's entry into force is known
    ]
    base = list(EVENTS)
    derived = in_force_by_rule(PROTOCOL, protocol_events, base)
    assert [(e.actor, e.treaty, e.kind, e.date) for e in derived] == [
        ("EEE", "test-1", "entry_into_force", date(2012, 5, 12))
    ]
    (eif,) = derived
    assert eif.derived and eif.no_later_than and not eif.provenance.verified
    events = base + derived
    on = standing(T, events, "EEE", date(2012, 5, 12))
    assert on.status is Participation.PARTY and on.entry_into_force == eif
    assert any("at the latest" in n for n in map(note_text, on.notes))
    # before that date nothing is known: never "not participating"
    assert standing(T, events, "EEE", date(2012, 5, 11)).status is Participation.UNKNOWN


def test_a_rule_derived_date_never_replaces_a_known_entry_into_force() -> None:
    protocol_events = [Event("AAA", "test-2", "signature", date(2000, 1, 1), P)]
    assert in_force_by_rule(PROTOCOL, protocol_events, list(EVENTS)) == []


def test_a_contracting_state_by_a_date_is_unknown_until_it_must_be_in_force() -> None:
    """Listed as a Contracting State on X (consent on X at the latest): in force by the treaty's rule
    applied to X at the latest; between the two its standing is unknown, though it counts as a party."""
    from kb.law.participation import derive_entry_into_force

    listed = Event("FFF", "test-1", "consent", date(2011, 6, 1), P, no_later_than=True)
    eif = derive_entry_into_force(T, listed)
    assert eif is not None and eif.date == date(2011, 10, 1) and eif.no_later_than
    events = [listed, eif]
    # before the list's date it may already have consented: unknown, never "not participating"
    assert standing(T, events, "FFF", date(2011, 5, 31)).status is Participation.UNKNOWN
    between = standing(T, events, "FFF", date(2011, 8, 1))
    assert between.status is Participation.UNKNOWN
    assert any("contracting state" in n for n in map(note_text, between.notes))
    assert standing(T, events, "FFF", date(2011, 10, 1)).status is Participation.PARTY
    assert counts_on(T, events, ["FFF"], date(2011, 6, 1))["parties"] == 1
    dated = Event("FFF", "test-1", "ratification", date(2005, 1, 1), P)
    assert standing(T, [listed, dated], "FFF", date(2006, 1, 1)).consent == dated  # a dated consent wins


def test_a_protocol_open_only_to_parties_of_the_convention_uses_its_entry_into_force() -> None:
    """UNTOC art. 37(2): only a Party to the Convention can become a Party to a protocol, so the
    protocol's entry into force for a state shows the Convention in force for it by then; a signature
    of the protocol shows nothing."""
    from dataclasses import replace

    protocol = replace(PROTOCOL, open_only_to_parties_act="entry_into_force")
    events = [
        Event("GGG", "test-2", "signature", date(2012, 1, 1), P),
        Event("GGG", "test-2", "entry_into_force", date(2017, 10, 19), P, derived=True),
        Event("HHH", "test-2", "signature", date(2012, 1, 1), P),
    ]
    derived = in_force_by_rule(protocol, events, list(EVENTS))
    assert [(e.actor, e.date, e.no_later_than) for e in derived] == [("GGG", date(2017, 10, 19), True)]


def test_a_stated_entry_into_force_gives_the_consent_at_the_latest() -> None:
    """In force on 1 Aug 2024 under "first day of the month after three months": the deposit was in
    April 2024, so by 30 April it had consented; before that its standing is unknown, from then it
    counts as the depositary counts parties (Grenada, ETS 185: consent date not in any source)."""
    from kb.law.participation import consent_by_entry_into_force

    eif = Event("GGG", "test-1", "entry_into_force", date(2024, 8, 1), P)
    derived = consent_by_entry_into_force(T, [eif, *EVENTS])
    assert [(e.actor, e.kind, e.date, e.derived, e.no_later_than) for e in derived] == [
        ("GGG", "consent", date(2024, 4, 30), True, True)
    ]
    events = [eif, *derived]
    assert standing(T, events, "GGG", date(2024, 4, 29)).status is Participation.UNKNOWN
    between = standing(T, events, "GGG", date(2024, 6, 20))
    assert between.status is Participation.CONSENTED_NOT_IN_FORCE
    assert any("derived by the treaty's rule" in n for n in map(note_text, between.notes))
    assert counts_on(T, events, ["GGG"], date(2024, 6, 20))["parties"] == 1
    assert standing(T, events, "GGG", date(2024, 8, 1)).status is Participation.PARTY


def test_no_consent_is_derived_where_a_source_gives_one_or_the_entry_into_force_is_derived() -> None:
    from kb.law.participation import consent_by_entry_into_force

    stated = Event("AAA", "test-1", "entry_into_force", date(2001, 7, 1), P)  # AAA ratified in EVENTS
    by_rule = Event("HHH", "test-1", "entry_into_force", date(2019, 1, 1), P, derived=True, no_later_than=True)
    assert consent_by_entry_into_force(T, [stated, by_rule, *EVENTS]) == []
