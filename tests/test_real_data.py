"""Answers on the real data (contract 2b, 2c), checked against the cited sources."""

import json
from datetime import date
from typing import Any

from click.testing import CliRunner

from api.cli import cli
from kb.knowledge import KnowledgeBase, parse_date


def test_russia_is_party_to_untoc_with_derived_entry_into_force(real_kb: KnowledgeBase) -> None:
    a = real_kb.participation("RUS", "mtdsg-xviii-12", parse_date("2020-01-01"))
    assert a["status"] == "party"
    assert a["consent"]["date"] == "2004-05-26" and a["consent"]["kind"] == "ratification"
    # UNTOC art. 38(2): thirtieth day after deposit
    assert a["entry_into_force"] == {**a["entry_into_force"], "date": "2004-06-25", "derived": True}


def test_germany_has_its_own_budapest_29_4_reservation(real_kb: KnowledgeBase) -> None:
    a = real_kb.participation("DEU", "cets-185", parse_date("2020-01-01"))
    assert a["status"] == "party"
    provisions = {p for s in a["statements"] for p in s["provisions"]}
    assert "cets-185/art/29/para/4" in provisions


def has_29_4(answer: dict[str, Any]) -> bool:
    return any("cets-185/art/29/para/4" in s["provisions"] and s["kind"] == "reservation" for s in answer["statements"])


def test_czech_29_4_reservation_withdrawn(real_kb: KnowledgeBase) -> None:
    before = real_kb.participation("CZE", "cets-185", parse_date("2015-01-01"))
    after = real_kb.participation("CZE", "cets-185", parse_date("2024-01-01"))
    assert has_29_4(before) and not has_29_4(after)


def test_european_union_approved_untoc(real_kb: KnowledgeBase) -> None:
    a = real_kb.participation("EU", "mtdsg-xviii-12", parse_date("2010-01-01"))
    assert a["consent"]["kind"] == "approval" and a["consent"]["date"] == "2004-05-21"


def test_treaty_summary_counts(real_kb: KnowledgeBase) -> None:
    a = real_kb.treaty("cets-224", parse_date("2026-06-01"))
    assert a["counts"]["parties"] == 3  # Serbia, Japan, Hungary
    assert {p["state"] for p in a["participants"] if p["status"] == "consented_not_in_force"} == {"SRB", "JPN", "HUN"}


def test_cli_json_and_errors() -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["participation", "AUT", "cets-185", "--date", "2020-01-01", "--format", "json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["status"] == "party"
    bad = runner.invoke(cli, ["participation", "XXX", "cets-185"])
    assert bad.exit_code == 2 and "unknown state" in bad.output
    bad_date = runner.invoke(cli, ["treaty", "cets-185", "--date", "2020-02-30"])
    assert bad_date.exit_code == 2 and "unknown date" in bad_date.output
    refused = runner.invoke(cli, ["query", "DROP ALL"])
    assert refused.exit_code == 2 and "DROP is not allowed" in refused.output


def test_a_consent_whose_kind_the_source_does_not_state_is_not_guessed(real_kb: KnowledgeBase) -> None:
    """Regression: chart columns that cover every kind of consent were read as 'ratification'."""
    a = real_kb.participation("ALB", "cets-185", parse_date("2020-01-01"))
    assert a["consent"]["date"] == "2002-06-20" and a["consent"]["kind"] is None
    assert "not the kind" in a["consent"]["kind_note"]
    summary = real_kb.treaty("cets-185", parse_date("2020-01-01"))
    alb = [p for p in summary["participants"] if p["state"] == "ALB"][0]
    assert alb["consent"] == "2002-06-20" and alb["consent_kind"] is None


def test_cets_224_signatories_are_budapest_parties_by_their_signature_date(real_kb: KnowledgeBase) -> None:
    """CETS 224 is open for signature only by the Parties to ETS 185: Sri Lanka signed it on 2022-11-30
    (Dutch treaty database), so ETS 185 was in force for it by then at the latest (derived, unverified)."""
    now = real_kb.participation("LKA", "cets-185", date(2023, 1, 1))
    assert now["status"] == "party"
    eif = now["entry_into_force"]
    assert eif["date"] == "2022-11-30" and eif["derived"] and eif["no_later_than"] and not eif["verified"]
    assert real_kb.participation("LKA", "cets-185", date(2022, 11, 29))["status"] == "unknown"
    answer = real_kb.availability("DEU", "LKA", "PRES", date(2023, 1, 1))
    budapest = [b for b in answer["bases"] if b["treaty"] == "cets-185"]
    assert budapest and all(
        b["status"] != "available" and "UnverifiedStatusData" in {c["code"] for c in b["conditions"]} for b in budapest
    )


def test_contracting_states_of_the_2011_notification(real_kb: KnowledgeBase) -> None:
    """JJ7249C (2011-06-01) names Serbia a Contracting State: consent on that date at the latest, in force
    by 2011-10-01 at the latest; the 31 Contracting States are all known, so Russia, absent from the
    notification, is not a party for that count (worked case C29). A dated consent wins (Spain)."""
    listed = real_kb.participation("SRB", "cets-185", date(2011, 8, 1))
    assert listed["status"] == "unknown" and listed["consent"]["no_later_than"]
    assert listed["consent"]["date"] == "2011-06-01" and listed["consent"]["kind"] is None
    assert real_kb.participation("SRB", "cets-185", date(2012, 1, 1))["status"] == "party"
    spain = real_kb.participation("ESP", "cets-185", date(2011, 8, 1))
    assert spain["status"] == "party" and spain["consent"]["date"] == "2010-06-03"
    assert real_kb.participation("RUS", "cets-185", date(2011, 6, 1))["status"] == "not_participating"
    # contract 5a: the 76 parties counted on 2024-10-09 are all identified, and no later count exceeds them
    later = real_kb.participation("RUS", "cets-185", date(2026, 3, 1))
    assert later["status"] == "not_participating" and later["closed_list"]["date"] == "2024-10-09"


def test_protocol_parties_are_untoc_parties_by_rule(real_kb: KnowledgeBase) -> None:
    """Fiji's Firearms Protocol entry into force (2017-10-19, Dutch treaty database) shows UNTOC in force
    for it by then at the latest (UNTOC art. 37(2)); no saved source dates its UNTOC accession."""
    fiji = real_kb.participation("FJI", "mtdsg-xviii-12", date(2018, 1, 1))
    assert fiji["status"] == "party" and fiji["entry_into_force"]["no_later_than"]
    assert fiji["entry_into_force"]["date"] == "2017-10-19" and not fiji["entry_into_force"]["verified"]


def test_every_budapest_29_4_reservation_spares_the_offences_of_arts_2_to_11(real_kb: KnowledgeBase) -> None:
    """Art. 29(4) allows the dual-criminality reservation only "in respect of offences other than those
    established in accordance with Articles 2 through 11": each such reservation carries that carve-out
    (regression: Switzerland's was recorded without it)."""
    found = [
        s
        for s in real_kb.record("cets-185").statements
        if s.kind == "reservation" and "cets-185/art/29/para/4" in s.provisions
    ]
    assert len(found) >= 8
    assert {s.actor for s in found if s.offence_carve_out != "ets185-art2-11"} == set()


def test_a_consent_is_derived_from_a_stated_entry_into_force(real_kb: KnowledgeBase) -> None:
    """Grenada: in force for ETS 185 on 2024-08-01 (inview); no source gives its deposit, which by the
    Convention's rule was in April 2024, so it counts among the parties of 2024-06-20."""
    p = real_kb.participation("GRD", "cets-185", date(2024, 6, 20))
    assert p["status"] == "consented_not_in_force"
    assert p["consent"]["date"] == "2024-04-30" and p["consent"]["no_later_than"] and p["consent"]["derived"]
    assert p["consent"]["kind"] is None
    assert real_kb.participation("GRD", "cets-185", date(2024, 4, 29))["status"] == "unknown"
