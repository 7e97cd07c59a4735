"""Rules between treaties (issue #16): a treaty of mutual legal assistance binding the pair governs the
procedure of a general convention's fallback articles (UNTOC art. 18(7) and its twins); a later treaty replaces an
earlier one between the states bound by both (Chisinau 2002 art. 120(3)-(4), VCLT art. 30(4))."""

from dataclasses import replace
from datetime import date

from fictional import treaty

from kb.law.availability import Inputs, Question
from kb.law.relations import Bound, Outcome, replacement
from kb.model import Event, Link, Mechanism, Participation, Provenance, Treaty, TreatyRecord
from kb.present import answer

P = Provenance("https://example.org/depositary", date(2020, 1, 1))
GENERAL = treaty("gen-1", "General", general_eif_provenance=P)
MLAT = replace(GENERAL, slug="bilateral-aaa-bbb-mla-2000", short_names=("AAA-BBB MLAT",), parties=("AAA", "BBB"),
               procedure_for=("MLA",))  # fmt: skip
MECH = {"MLA": Mechanism("MLA", "mla", "entraide"), "MLA-TDP": Mechanism("MLA-TDP", "transfer", "transfert", "MLA")}
LINKS = [
    Link("gen-1", "gen-1/art/18/para/10", "MLA-TDP", "specific", "qualified", applies_only_absent_treaty=True),
    Link(MLAT.slug, f"{MLAT.slug}/art/1", "MLA", "specific", "mandatory"),
]


def ask(requested: str) -> dict[str, object]:
    def parties(t: Treaty, actors: tuple[str, ...]) -> list[Event]:
        return [Event(a, t.slug, "ratification", date(2000, 6, 1), P) for a in actors]

    records = {
        "gen-1": TreatyRecord(GENERAL, parties(GENERAL, ("AAA", "BBB", "CCC"))),
        MLAT.slug: TreatyRecord(MLAT, parties(MLAT, ("AAA", "BBB"))),
    }
    inputs = Inputs(records, LINKS, MECH, frozenset(), {}, frozenset(), {})
    return answer(inputs, Question("AAA", requested, "MLA-TDP", date(2010, 1, 1)))


def conditions(answer: dict[str, object], provision: str) -> set[str]:
    bases = answer["bases"]
    assert isinstance(bases, list)
    return {c["code"] for b in bases if b["provision"] == provision for c in b["conditions"]}


def test_an_mla_treaty_binding_the_pair_governs_and_the_convention_stays_a_basis() -> None:
    a = ask("BBB")
    assert "TreatyProcedureGoverns" in conditions(a, "gen-1/art/18/para/10")
    assert "PendingTreatyMLATCheck" not in conditions(a, "gen-1/art/18/para/10")
    assert "AAA-BBB MLAT binds both states: its procedure governs" in str(a["explanation"])


def test_without_one_the_check_stays_pending() -> None:
    """The knowledge base does not hold every bilateral treaty: no MLA treaty known is not none at all."""
    assert "PendingTreatyMLATCheck" in conditions(ask("CCC"), "gen-1/art/18/para/10")


def test_a_held_treaty_whose_articles_are_not_read_is_named_in_the_trace() -> None:
    """Issue #16: the trace evaluates a treaty the KB holds without its cooperation articles (a CIS agreement)."""
    unread = treaty("cis-2018-it-crimes", "CIS IT crimes agreement")
    records = {
        "gen-1": TreatyRecord(
            GENERAL, [Event(a, "gen-1", "ratification", date(2000, 6, 1), P) for a in ("AAA", "BBB")]
        ),
        unread.slug: TreatyRecord(unread, [Event("AAA", unread.slug, "ratification", date(2005, 1, 1), P)]),
    }
    inputs = Inputs(records, LINKS[:1], MECH, frozenset(), {}, frozenset(), {})
    trace = answer(inputs, Question("AAA", "BBB", "MLA-TDP", date(2010, 1, 1)))["trace"]
    step = next(t for t in trace if t["step"] == "unread_treaty")
    assert step["treaty"] == "cis-2018-it-crimes" and "AAA: party" in step["detail"]


# --- a later treaty replacing an earlier one between common parties (Chisinau 2002 art. 120(3)-(4)) ---

EARLIER = treaty("old-1", "Old")
LATER = treaty("new-1", "New", replaces_between_parties="old-1")
OLD_LINKS = [Link("old-1", "old-1/art/6", "MLA", "specific", "mandatory")]


def ask_relation(requested: str, on: date, later_events: list[Event]) -> dict[str, object]:
    """AAA, BBB and CCC are parties to the old treaty; the new one binds whom `later_events` say."""
    old = [Event(a, "old-1", "ratification", date(2000, 6, 1), P) for a in ("AAA", "BBB", "CCC")]
    records = {"old-1": TreatyRecord(EARLIER, old), "new-1": TreatyRecord(LATER, later_events)}
    inputs = Inputs(records, OLD_LINKS, MECH, frozenset(), {}, frozenset(), {})
    return answer(inputs, Question("AAA", requested, "MLA", on))


def new_party(actor: str, when: date) -> list[Event]:
    return [Event(actor, "new-1", "ratification", when, P), Event(actor, "new-1", "entry_into_force", when, P)]


def test_replacement_is_a_pure_rule_over_the_two_standings() -> None:
    party, signatory, unknown = Participation.PARTY, Participation.SIGNATORY, Participation.UNKNOWN
    on, pair = date(2010, 1, 1), ("AAA", "BBB")

    def outcome(a: Bound, b: Bound) -> Outcome | None:
        found = replacement("old-1", {"new-1": (a, b)}, pair, on)
        return found.outcome if found else None

    assert replacement("old-1", {}, pair, on) is None  # nothing replaces it
    assert outcome(Bound(party), Bound(party)) is Outcome.REPLACED
    assert outcome(Bound(party), Bound(signatory)) is Outcome.APPLIES  # 120(4): with a state bound by the old one only
    assert outcome(Bound(party), Bound(unknown)) is Outcome.UNKNOWN
    # a state whose standing is unknown but whose entry into force is known to come later is not bound yet
    assert outcome(Bound(party), Bound(unknown, date(2012, 1, 1))) is Outcome.APPLIES
    assert outcome(Bound(party), Bound(unknown, date(2009, 1, 1))) is Outcome.UNKNOWN


def test_the_earlier_treaty_ceases_between_two_parties_to_the_later_one() -> None:
    a = ask_relation("BBB", date(2010, 1, 1), new_party("AAA", date(2005, 1, 1)) + new_party("BBB", date(2006, 1, 1)))
    assert a["bases"] == []
    gaps = a["gaps"]
    assert isinstance(gaps, list)
    gap = next(g for g in gaps if g["treaty"] == "old-1")
    assert gap["code"] == "not_in_force" and "both bound by the New" in gap["reason"]


def test_the_earlier_treaty_applies_before_the_later_one_binds_both() -> None:
    events = new_party("AAA", date(2005, 1, 1)) + new_party("BBB", date(2012, 1, 1))
    assert conditions_of(ask_relation("BBB", date(2010, 1, 1), events), "old-1/art/6") is not None
    assert conditions_of(ask_relation("BBB", date(2013, 1, 1), events), "old-1/art/6") is None


def test_the_earlier_treaty_applies_with_a_state_bound_by_it_alone() -> None:
    """Chisinau art. 120(4): Minsk continues between a Chisinau party and a Minsk party not bound by Chisinau."""
    events = new_party("AAA", date(2005, 1, 1)) + [Event("CCC", "new-1", "signature", date(2004, 1, 1), P)]
    a = ask_relation("CCC", date(2010, 1, 1), events)
    bases = a["bases"]
    assert isinstance(bases, list) and bases[0]["status"] == "available"
    step = next(t for t in a["trace"] if t["step"] == "treaty_relation")  # type: ignore[union-attr]
    assert "still applies between AAA and CCC" in step["detail"]


def test_an_unknown_standing_in_the_later_treaty_makes_the_earlier_basis_unknown() -> None:
    bases = ask_relation("BBB", date(2010, 1, 1), new_party("AAA", date(2005, 1, 1)))["bases"]
    assert isinstance(bases, list) and bases[0]["status"] == "unknown"


def conditions_of(answer: dict[str, object], provision: str) -> set[str] | None:
    bases = answer["bases"]
    assert isinstance(bases, list)
    found = [b for b in bases if b["provision"] == provision]
    return {c["code"] for b in found for c in b["conditions"]} if found else None


def test_the_matrix_tells_apart_states_that_differ_only_in_the_later_treaty() -> None:
    """Profiles (kb.law.availability.profile) must read the replacing treaty even when it has no links of
    its own: BBB (bound by both) and CCC (bound by the old one only) answer AAA differently."""
    from kb.matrix import profile_ids, shared_cell

    old = [Event(a, "old-1", "ratification", date(2000, 6, 1), P) for a in ("AAA", "BBB", "CCC")]
    later = new_party("AAA", date(2005, 1, 1)) + new_party("BBB", date(2006, 1, 1))
    later += [Event("CCC", "new-1", "signature", date(2004, 1, 1), P)]
    records = {"old-1": TreatyRecord(EARLIER, old), "new-1": TreatyRecord(LATER, later)}
    inputs = Inputs(records, OLD_LINKS, MECH, frozenset(), {}, frozenset(), {})
    on, states = date(2010, 1, 1), ["AAA", "BBB", "CCC"]
    ids = profile_ids(inputs, on, states, ["MLA"])
    seen: dict[tuple[object, ...], object] = {}
    cells = {(a, b): shared_cell(inputs, on, a, b, "MLA", ids["MLA"], seen) for a in states for b in states if a != b}
    assert cells[("AAA", "BBB")].status == "not_available" and cells[("AAA", "CCC")].status == "available"


# --- a protocol read together with the treaty it supplements (ETS 182 art. 33(1)) ---


def test_a_protocol_link_reads_the_pair_reservations_to_the_convention_articles_it_names() -> None:
    """The protocol's MLA link is qualified by the convention's art. 2: BBB's reservation there conditions it; a
    general declaration on the convention does not reach the protocol, and a protocol link naming no convention
    article is untouched."""
    from kb.model import Statement

    convention = treaty("conv-1", "Convention")
    protocol = treaty("prot-1", "Protocol", supplements="conv-1")
    reservation = Statement("conv-1/BBB/1", "BBB", "conv-1", 1, "reservation", ("conv-1/art/2",), "condition", P,
                            conditions=("RefusalGrounds",), made_on=date(2000, 6, 1))  # fmt: skip
    general = Statement("conv-1/BBB/2", "BBB", "conv-1", 2, "declaration", (), "condition", P,
                        conditions=("ReciprocityRequired",), made_on=date(2000, 6, 1))  # fmt: skip
    links = [
        Link("prot-1", "prot-1/art/1", "MLA", "specific", "mandatory", qualified_by=("conv-1/art/2",)),
        Link("prot-1", "prot-1/art/9", "MLA-TDP", "specific", "mandatory"),
    ]
    records = {
        "conv-1": TreatyRecord(
            convention,
            [Event(a, "conv-1", "ratification", date(2000, 6, 1), P) for a in ("AAA", "BBB")],
            [reservation, general],
        ),  # fmt: skip
        "prot-1": TreatyRecord(
            protocol, [Event(a, "prot-1", "ratification", date(2001, 6, 1), P) for a in ("AAA", "BBB")]
        ),
    }
    inputs = Inputs(records, links, MECH, frozenset(), {}, frozenset(), {})
    on = date(2010, 1, 1)
    assert conditions_of(answer(inputs, Question("AAA", "BBB", "MLA", on)), "prot-1/art/1") == {"RefusalGrounds"}
    assert conditions_of(answer(inputs, Question("AAA", "BBB", "MLA-TDP", on)), "prot-1/art/9") == set()


# --- a treaty-basis declaration against the extradition treaties known (UNTOC art. 16(5), 1988 art. 6(3)) ---


def ask_extradition(with_treaty: bool) -> dict[str, object]:
    """BBB declared it will not take the convention as legal basis for extradition; an extradition treaty
    binds AAA and BBB or not."""
    from kb.model import Statement

    convention = treaty("conv-2", "Convention")
    ext_treaty = replace(treaty("ext-1", "Extradition Convention"), procedure_for=("EXT",))
    declaration = Statement("conv-2/BBB/1", "BBB", "conv-2", 1, "treaty_basis_declaration", ("conv-2/art/16/para/5",),
                            "condition", P, will_use_as_legal_basis=False, made_on=date(2000, 6, 1))  # fmt: skip
    links = [
        Link("conv-2", "conv-2/art/16", "EXT", "specific", "qualified"),
        Link("ext-1", "ext-1/art/1", "EXT", "specific", "mandatory"),
    ]
    parties = ("AAA", "BBB") if with_treaty else ("AAA",)
    records = {
        "conv-2": TreatyRecord(
            convention, [Event(a, "conv-2", "ratification", date(2000, 6, 1), P) for a in ("AAA", "BBB")], [declaration]
        ),  # fmt: skip
        "ext-1": TreatyRecord(ext_treaty, [Event(a, "ext-1", "ratification", date(1990, 6, 1), P) for a in parties]),
    }
    mechanisms = {"EXT": Mechanism("EXT", "extradition", "extradition")}
    inputs = Inputs(records, links, mechanisms, frozenset(), {}, frozenset(), {})
    return answer(inputs, Question("AAA", "BBB", "EXT", date(2010, 1, 1)))


def test_a_state_that_will_not_take_the_convention_as_basis_extradites_under_the_treaty_binding_the_pair() -> None:
    with_treaty = ask_extradition(True)
    assert conditions_of(with_treaty, "conv-2/art/16") == {"TreatyProcedureGoverns"}
    bases = with_treaty["bases"]
    assert isinstance(bases, list)
    assert next(b for b in bases if b["provision"] == "conv-2/art/16")["status"] == "available_with_conditions"
    assert "Extradition Convention binds both states" in str(with_treaty["trace"])


def test_without_an_extradition_treaty_known_the_declaration_leaves_it_unknown() -> None:
    without = ask_extradition(False)
    assert conditions_of(without, "conv-2/art/16") == {"BilateralTreatyNeeded"}
    bases = without["bases"]
    assert isinstance(bases, list) and bases[0]["status"] == "unknown"
