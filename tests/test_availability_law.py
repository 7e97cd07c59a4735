"""The availability rules on a fictional treaty: one test per rule of legal-model section 4.3."""

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from fictional import treaty

from kb.law.availability import Inputs, Question
from kb.model import (
    OFFENCES,
    DepositaryCount,
    Event,
    Link,
    Mechanism,
    Provenance,
    ScopeRule,
    Statement,
    TreatyRecord,
)
from kb.present import answer

P = Provenance("https://example.org/depositary", date(2020, 1, 1))
T = treaty(
    "fict-1", "Fiction", title_en="Fictional Convention", general_eif_provenance=P, reservation_regime="closed_list"
)
MECH = {
    "PROV": Mechanism("PROV", "provisional", "provisoire"),
    "PRES": Mechanism("PRES", "preservation", "conservation", "PROV"),
    "MLA": Mechanism("MLA", "assistance", "entraide"),
    "MLA-SDA": Mechanism("MLA-SDA", "stored data", "données", "MLA"),
    "EXT": Mechanism("EXT", "extradition", "extradition"),
}
LINKS = [
    Link("fict-1", "fict-1/art/5", "PRES", "specific", "mandatory"),
    Link("fict-1", "fict-1/art/6", "MLA", "specific", "mandatory"),
    Link("fict-1", "fict-1/art/6/para/3", "PRES", "fallback_general", "qualified"),
    Link("fict-1", "fict-1/art/7", "EXT", "specific", "qualified", scope_gate="Ets185Art24OffenceScope"),
]


def party(actor: str, when: date = date(2000, 6, 1)) -> list[Event]:
    return [Event(actor, "fict-1", "ratification", when, P)]


def res(actor: str, seq: int, path: str, effect: str, **kw: Any) -> Statement:
    base = dict(
        id=f"fict-1/{actor}/{seq}",
        actor=actor,
        treaty="fict-1",
        seq=seq,
        kind="reservation",
        provisions=(f"fict-1/art/{path}",),
        effect=effect,
        provenance=P,
        effective_from=date(2001, 1, 1),
    )
    base.update(kw)
    return Statement(**base)  # type: ignore[arg-type]


# the fictitious treaty's scope rules (treaty data in the real KB): art. 7 only for ets185-art2-11
SCOPE = {
    ("fict-1", "Ets185Art24OffenceScope"): {
        c: ScopeRule(
            "fict-1", "Ets185Art24OffenceScope", c, "in" if c == "ets185-art2-11" else "out", why="only arts 2-11"
        )
        for c in OFFENCES
    }
}


def ask(
    events: list[Event],
    statements: list[Statement] = (),
    m: str = "PRES",
    on: date = date(2010, 1, 1),
    offence: str | None = None,
    reservable: frozenset[str] = frozenset({"fict-1/art/5/para/4"}),
    territory: str | None = None,
) -> dict[str, Any]:
    record = TreatyRecord(T, events, list(statements), [])
    inputs = Inputs({"fict-1": record}, LINKS, MECH, reservable, {"TTT": "BBB"}, frozenset({"EUX"}), {}, scope=SCOPE)
    return answer(inputs, Question("AAA", "BBB", m, on, offence, territory))


BOTH = party("AAA") + party("BBB")


def codes(a: dict[str, Any]) -> set[tuple[str, str]]:
    return {(g["treaty"], g["code"]) for g in a["gaps"]}


def test_mandatory_provision_between_parties_is_available() -> None:
    a = ask(BOTH)
    assert a["status"] == "available"
    assert a["bases"][0]["provision"] == "fict-1/art/5"


def test_narrower_concepts_do_not_replace_the_asked_one_but_fallback_is_conditional() -> None:
    a = ask(BOTH)
    fallback = [b for b in a["bases"] if b["provision"] == "fict-1/art/6/para/3"][0]
    assert fallback["status"] == "available_with_conditions"
    assert "FallbackGeneralAssistance" in {c["code"] for c in fallback["conditions"]}


def test_broad_question_matches_narrower_links() -> None:
    a = ask(BOTH, m="PROV")
    assert {b["mechanism"] for b in a["bases"]} == {"PRES"}


def test_not_a_party_is_a_gap_when_the_participant_list_is_complete() -> None:
    record = TreatyRecord(T, party("AAA"), [], [DepositaryCount("fict-1", date(2005, 1, 1), None, 1, P)])
    inputs = Inputs({"fict-1": record}, LINKS, MECH, frozenset(), {}, frozenset(), {})
    a = answer(inputs, Question("AAA", "BBB", "PRES", date(2010, 1, 1)))
    assert a["status"] == "not_available" and ("fict-1", "not_party") in codes(a)


def test_absence_from_an_incomplete_list_is_unknown_not_no() -> None:
    a = ask(party("AAA"))
    assert a["status"] == "unknown"
    assert "ParticipationUnknown" in {c["code"] for c in a["bases"][0]["conditions"]}
    why = "Whether BBB is bound by the Fiction on 2010-01-01 is unknown: no complete participant list or count"
    assert why in a["explanation"]


def test_an_unknown_participation_says_how_much_of_the_list_is_known() -> None:
    """Two parties counted, one known: the explanation and the trace say so, with the count's date."""
    record = TreatyRecord(T, party("AAA"), [], [DepositaryCount("fict-1", date(2005, 1, 1), None, 2, P)])
    inputs = Inputs({"fict-1": record}, LINKS, MECH, frozenset(), {}, frozenset(), {})
    a = answer(inputs, Question("AAA", "BBB", "PRES", date(2010, 1, 1)))
    known = "knows 1 of the 2 parties the depositary counted on 2005-01-01"
    assert a["status"] == "unknown" and known in a["explanation"]
    assert any(t["step"] == "participation" and known in t["detail"] for t in a["trace"])
    assert "Whether AAA" not in a["explanation"]  # the known party is not in doubt


def test_before_general_entry_into_force() -> None:
    assert ("fict-1", "not_in_force") in codes(ask(BOTH, on=date(2000, 12, 1)))


def test_consented_not_yet_in_force_for_the_state() -> None:
    a = ask(party("AAA") + party("BBB", date(2009, 12, 20)))  # + 30 days = 2010-01-19
    assert ("fict-1", "not_in_force") in codes(a)


def test_denunciation_takes_effect_after_one_year() -> None:
    den = [Event("BBB", "fict-1", "denunciation", date(2009, 6, 1), P)]
    assert ask(BOTH + den, on=date(2010, 1, 1))["status"] == "available"  # pending
    assert ("fict-1", "denounced") in codes(ask(BOTH + den, on=date(2010, 6, 1)))


def test_excluding_reservation_of_requested_state() -> None:
    a = ask(BOTH, [res("BBB", 1, "5/para/4", "exclude")])
    assert ("fict-1", "reservation_excludes") in codes(a)
    assert "fict-1/art/5" not in {b["provision"] for b in a["bases"]}


def test_reciprocity_applies_a_reservation_of_the_requesting_state() -> None:
    a = ask(
        BOTH, [res("AAA", 1, "5/para/4", "condition", conditions=("DualCriminalityRefusalOption",), reciprocal=True)]
    )
    art5 = [b for b in a["bases"] if b["provision"] == "fict-1/art/5"][0]
    assert {"ReciprocalLimitation", "DualCriminalityRefusalOption"} <= {c["code"] for c in art5["conditions"]}


def test_offence_carve_out_spares_the_listed_offences_and_unknown_offence_is_a_condition() -> None:
    r = res("BBB", 1, "5/para/4", "exclude", offence_carve_out="ets185-art2-11")
    assert ask(BOTH, [r], offence="ets185-art2-11")["status"] == "available"
    unknown = ask(BOTH, [r])
    art5 = [b for b in unknown["bases"] if b["provision"] == "fict-1/art/5"][0]
    assert art5["status"] == "available_with_conditions"
    assert ("fict-1", "reservation_excludes") in codes(ask(BOTH, [r], offence="other"))


def test_withdrawn_reservation_stops_applying() -> None:
    r = res("BBB", 1, "5/para/4", "exclude", effective_until=date(2005, 1, 1))
    assert ask(BOTH, [r], on=date(2004, 1, 1))["gaps"]
    assert ask(BOTH, [r])["status"] == "available"


def test_reservation_outside_closed_list_is_unknown() -> None:
    a = ask(BOTH, [res("BBB", 1, "5/para/2", "exclude")])
    art5 = [b for b in a["bases"] if b["provision"] == "fict-1/art/5"][0]
    assert art5["status"] == "unknown"


def test_interpretative_declaration_is_a_note_only() -> None:
    d = replace(res("BBB", 1, "5", "interpret"), kind="interpretative_declaration", summary="reads art. 5 narrowly")
    a = ask(BOTH, [d])
    assert a["status"] == "available" and a["bases"][0]["notes"]


def test_objection_opposing_entry_into_force_removes_the_treaty_relation() -> None:
    o = replace(
        res("AAA", 1, "5/para/4", "none"), kind="objection", objects_to="fict-1/BBB/1", opposes_entry_into_force=True
    )
    assert ("fict-1", "objection_opposes_entry_into_force") in codes(ask(BOTH, [o]))


def test_treaty_basis_declaration_refusing_the_treaty() -> None:
    d = replace(res("BBB", 1, "7", "none"), kind="treaty_basis_declaration", will_use_as_legal_basis=False)
    a = ask(BOTH, [d], m="EXT", offence="ets185-art2-11")
    assert a["status"] == "unknown"


def test_scope_gate_outside_and_inside() -> None:
    assert ("fict-1", "outside_scope") in codes(ask(BOTH, m="EXT", offence="other"))
    assert ask(BOTH, m="EXT", offence="ets185-art2-11")["status"] == "available_with_conditions"


def test_unverified_link_never_gives_an_unconditional_answer() -> None:
    global LINKS
    saved = LINKS
    LINKS = [replace(LINKS[0], verified=False)]
    try:
        assert ask(BOTH)["status"] == "available_with_conditions"
    finally:
        LINKS = saved


def test_territory_extension_after_consent() -> None:
    ext = [Event("BBB", "fict-1", "territorial_extension", date(2008, 1, 1), P, territory="TTT")]
    assert ("fict-1", "territory_excluded") in codes(ask(BOTH + ext, on=date(2007, 1, 1), territory="TTT"))
    assert ask(BOTH + ext, on=date(2009, 1, 1), territory="TTT")["status"] == "available"


def test_reio_participation_does_not_give_state_to_state_cooperation() -> None:
    record = TreatyRecord(T, BOTH + party("EUX"), [], [])
    inputs = Inputs({"fict-1": record}, LINKS, MECH, frozenset(), {}, frozenset({"EUX"}), {})
    a = answer(inputs, Question("EUX", "BBB", "PRES", date(2010, 1, 1)))
    assert ("fict-1", "outside_scope") in codes(a)


def test_answer_has_the_contract_fields() -> None:
    a = ask(BOTH)
    assert {"status", "bases", "gaps", "explanation", "trace", "data_as_of"} <= set(a)
    assert a["data_as_of"] == "2020-01-01"
    assert {"treaty", "provision", "mechanism", "status", "conditions", "sources"} <= set(a["bases"][0])


def test_a_full_memo_is_emptied_and_answers_stay_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine's memo is bounded: when full it is emptied, and what it held is computed again."""
    from kb.knowledge import KnowledgeBase
    from kb.law import availability

    kb = KnowledgeBase.open()
    before = [kb.availability(a, b, "PRES", date(2024, 1, 1))["status"] for a, b in PAIRS_FOR_MEMO]
    monkeypatch.setattr(availability, "MEMO_LIMIT", 5)
    fresh = KnowledgeBase.open()
    after = [fresh.availability(a, b, "PRES", date(2024, 1, 1))["status"] for a, b in PAIRS_FOR_MEMO]
    assert after == before and len(fresh.inputs().memo) <= 5 + 4  # the limit, plus values computed inside one


PAIRS_FOR_MEMO = [("DEU", "AUT"), ("RUS", "CHN"), ("USA", "JPN"), ("UZB", "DEU"), ("NLD", "CZE")]


def test_scope_rules_are_treaty_data_in_may_out() -> None:
    """Issue 15 item 1: the scope rule of the treaty decides; `may` is a condition, `out` a gap, and an
    omitted offence is never worse than a given one."""
    may = {
        ("fict-1", "Ets185Art24OffenceScope"): {
            c: ScopeRule(
                "fict-1",
                "Ets185Art24OffenceScope",
                c,
                {"ets185-art2-11": "in", "other": "out"}.get(c, "may"),
                None if c in ("ets185-art2-11", "other") else "LaunderingScope",
                "why",
            )
            for c in OFFENCES
        }
    }
    record = TreatyRecord(T, BOTH, [], [])
    inputs = Inputs({"fict-1": record}, LINKS, MECH, frozenset(), {}, frozenset(), {}, scope=may)
    a = answer(inputs, Question("AAA", "BBB", "EXT", date(2010, 1, 1), "drug88-art3-1"))
    assert a["status"] == "available_with_conditions"
    assert "LaunderingScope" in {c["code"] for c in a["bases"][0]["conditions"]}
    out = answer(inputs, Question("AAA", "BBB", "EXT", date(2010, 1, 1), "other"))
    assert ("fict-1", "outside_scope") in codes(out)
    omitted = answer(inputs, Question("AAA", "BBB", "EXT", date(2010, 1, 1)))
    assert omitted["status"] == "available_with_conditions"
    assert {c["code"] for c in omitted["bases"][0]["conditions"]} >= {"OffenceScope"}


def test_territory_partial_ratifier_is_unknown_and_metropolitan_only_excludes() -> None:
    """Issue 15 item 2: no VCLT 29 default for a state known to ratify for parts of its territory; a
    ratification for the metropolitan part only (the Kingdom in Europe) leaves others uncovered."""
    from kb.law.territory import Cover, territory_covered

    record = TreatyRecord(T, BOTH, [], [])
    covered, why = territory_covered(record, "BBB", "TTT", date(2010, 1, 1), frozenset({"BBB"}))
    assert covered is None and why.code is Cover.PARTIAL_UNKNOWN and why.state == "BBB"
    assert territory_covered(record, "BBB", "TTT", date(2010, 1, 1))[0] is True
    euro = Statement(
        "fict-1/BBB/1", "BBB", "fict-1", 1, "territorial_declaration", (), "territorial", P,
        territory="BBB", territorial_mode="include", effective_from=date(2005, 1, 1),
    )  # fmt: skip
    record = TreatyRecord(T, BOTH, [euro], [])
    assert territory_covered(record, "BBB", "TTT", date(2010, 1, 1))[0] is False


def test_curacao_before_2010_reads_the_netherlands_antilles_records() -> None:
    """Issue 15 item 2: CUW before 2010-10-10 was part of ANT; an ANT extension after the date excludes."""
    from kb.law.territory import Cover, territory_covered

    ext = Statement(
        "fict-1/BBB/2", "BBB", "fict-1", 2, "territorial_declaration", (), "territorial", P,
        territory="ANT", territorial_mode="include", effective_from=date(2010, 9, 9),
    )  # fmt: skip
    record = TreatyRecord(T, BOTH, [ext], [])
    covered, why = territory_covered(record, "BBB", "CUW", date(2008, 1, 1))
    assert covered is False and why.code is Cover.NOT_YET and why.since == date(2010, 9, 9)
    assert why.change is not None and why.change.statement == "fict-1/BBB/2" and why.former == date(2010, 10, 10)
    assert territory_covered(record, "BBB", "CUW", date(2012, 1, 1))[0] is True
