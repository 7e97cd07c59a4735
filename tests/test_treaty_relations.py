"""Rules between treaties (issue #16): a treaty of mutual legal assistance binding the pair governs the
procedure of a general convention's fallback articles (UNTOC art. 18(7) and its twins)."""

from dataclasses import replace
from datetime import date

from kb.law.availability import Inputs, Question, decide
from kb.model import Event, Link, Mechanism, Provenance, Treaty, TreatyRecord

P = Provenance("https://example.org/depositary", date(2020, 1, 1))
GENERAL = Treaty(
    slug="gen-1",
    title_en="General Convention",
    title_fr="Convention générale",
    short_names=("General",),
    identifiers=(),
    adopted=date(2000, 1, 1),
    general_eif=date(2001, 1, 1),
    general_eif_provenance=P,
    eif_rule="UN_PLUS_30_DAYS",
    eif_rule_text="",
    denunciation_rule="PLUS_1_YEAR",
    reservation_regime="vclt_default",
)
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
    return decide(inputs, Question("AAA", requested, "MLA-TDP", date(2010, 1, 1)))


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
