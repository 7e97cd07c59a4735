"""Rules between treaties (issue #16): a treaty of mutual legal assistance binding the pair governs the
procedure of a general convention's fallback articles (UNTOC art. 18(7) and its twins)."""

from dataclasses import replace
from datetime import date

from fictional import treaty

from kb.law.availability import Inputs, Question
from kb.model import Event, Link, Mechanism, Provenance, Treaty, TreatyRecord
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
