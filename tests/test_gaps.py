"""Issue 17: gap classes, the gap overview, what would close a gap, and the what-if simulation,
on real data."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import cli
from kb.knowledge import KnowledgeBase
from kb.matrix import gap_class
from kb.whatif import closers, simulate

FOUR = {"specific", "fallback", "none", "unknown"}
DAY = date(2009, 1, 1)  # a date on which preservation has pairs in all four classes (on 2010-01-01 San Marino,
# an ETS 030 party from 2009-06-16, no longer leaves any pair without a basis)
TODAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def client(real_kb: KnowledgeBase) -> TestClient:
    return TestClient(create_app(real_kb), raise_server_exceptions=False)


def test_best_basis_follows_the_contract_rule(client: TestClient) -> None:
    """Contract 2: specific when a specific basis is usable, else fallback_general, else null."""
    deu_aut = client.get("/api/availability", params={"from": "DEU", "to": "AUT", "mechanism": "PRES"}).json()
    deu_rus = client.get("/api/availability", params={"from": "DEU", "to": "RUS", "mechanism": "PRES"}).json()
    assert deu_aut["best_basis"] == "specific" and deu_rus["best_basis"] == "fallback_general"
    assert all(b["link_type"] == "fallback_general" for b in deu_rus["bases"] if b["status"] != "unknown")
    old = client.get(
        "/api/availability", params={"from": "DEU", "to": "RUS", "mechanism": "PRES", "date": "1990-01-01"}
    ).json()
    assert old["best_basis"] is None and old["status"] in ("not_available", "unknown")
    out = CliRunner().invoke(cli, ["availability", "DEU", "RUS", "PRES"])
    assert out.exit_code == 0 and "best basis: fallback_general" in out.output


def test_gap_map_shows_the_four_classes_on_real_data(client: TestClient, real_kb: KnowledgeBase) -> None:
    twin = client.get("/gaps/PRES.json", params={"date": DAY.isoformat()}).json()
    assert {k for k, n in twin["totals"].items() if n} == FOUR
    n = len(twin["states"])
    assert sum(twin["totals"].values()) == n * (n - 1)
    legend, order, rows = twin["matrix"]["legend"], twin["matrix"]["order"], twin["matrix"]["rows"]
    by_class: dict[str, tuple[str, str]] = {}
    for i, a in enumerate(order):
        for j, b in enumerate(order):
            if i != j:
                by_class.setdefault(legend[rows[i][j]], (a, b))
    for kind, (a, b) in by_class.items():  # one pair of each class, against the engine's full answer
        assert gap_class(real_kb.ask(a, b, "PRES", DAY).bases) == kind, (a, b)
    html = client.get("/gaps/PRES", params={"date": DAY.isoformat()}).text
    for words in ("specific basis", "only a fallback", "no basis", "unknown"):
        assert words in html  # the legend and the table say the classes in words
    assert 'id="gap-table"' in html and 'class="gap-view"' in html
    fr = client.get("/fr/gaps/PRES", params={"date": DAY.isoformat()}).text
    assert "base spécifique" in fr and "aucune base" in fr
    svg = client.get("/gaps/PRES.svg", params={"date": DAY.isoformat()}).text
    assert 'id="p-hatch"' in svg and 'data-class="fallback"' in svg and "most partners: no basis" in svg
    table = list(csv.DictReader(io.StringIO(client.get("/gaps/PRES.csv", params={"date": DAY.isoformat()}).text)))
    assert {r["gap_class"] for r in table} == FOUR and len(table) == n * (n - 1)


def test_gap_overview_counts_pairs_per_class(client: TestClient) -> None:
    twin = client.get("/gaps.json", params={"date": DAY.isoformat()}).json()
    assert [m["mechanism"] for m in twin["mechanisms"]][:2] == ["EXT", "MLA"] and len(twin["mechanisms"]) == 12
    pres = next(m for m in twin["mechanisms"] if m["mechanism"] == "PRES")
    detail = client.get("/gaps/PRES.json", params={"date": DAY.isoformat()}).json()
    assert {k: pres[k] for k in FOUR} == detail["totals"]
    for m in twin["mechanisms"]:
        assert sum(m[k] for k in FOUR) == m["pairs"] == twin["states"] * (twin["states"] - 1)
    html = client.get("/gaps", params={"date": DAY.isoformat()}).text
    assert re.search(r'href="[^"]*gaps/PRES"', html) and "<table" in html
    assert "Lacunes par mécanisme" in client.get("/fr/gaps", params={"date": DAY.isoformat()}).text
    r = client.get("/gaps", params={"mechanism": "ptd", "date": "2020-01-01"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/gaps/PTD?date=2020-01-01"
    assert client.get("/gaps/NOPE.json").status_code == 404


def test_simulation_russia_joins_budapest(real_kb: KnowledgeBase) -> None:
    """Done when: `simulate RUS --join cets-185 --format json` lists, for PRES, the partners (Germany
    among them) whose answer gains a specific basis."""
    out = CliRunner().invoke(cli, ["simulate", "RUS", "--join", "cets-185", "--date", "2026-12-07", "--format", "json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert result["hypothetical"] is True
    pres = next(s for s in result["summary"] if s["mechanism"] == "PRES")
    assert "DEU" in pres["gains_specific"] and "CHN" not in pres["gains_specific"]
    change = next(c for c in result["changes"] if c["mechanism"] == "PRES" and c["from"] == "RUS" and c["to"] == "DEU")
    assert change["before"]["gap_class"] == "fallback" and change["after"]["gap_class"] == "specific"
    assert "cets-185" in {b["treaty"] for b in change["after"]["bases"]}
    assert "cets-185" not in {b["treaty"] for b in change["before"]["bases"]}
    # every change is both directions of real pairs, and the aggregate "what would close it" bounds it
    bound = next(
        r for r in closers(real_kb, "PRES", TODAY, _klass(real_kb), "RUS")["join"] if r["treaty"] == "cets-185"
    )
    assert set(pres["gains_specific"]) <= set(bound["partner_codes"])
    assert {c["direction"] for c in result["changes"]} == {"requesting", "requested"}


def _klass(kb: KnowledgeBase):  # type: ignore[no-untyped-def]
    from api.contexts import live_class

    return live_class(kb, TODAY)


def test_simulation_never_changes_the_knowledge_base(real_kb: KnowledgeBase) -> None:
    before = real_kb.availability("RUS", "DEU", "PRES", TODAY)
    events = len(real_kb.records["cets-185"].events)
    memo = real_kb.inputs().memo
    simulate(real_kb, "RUS", ["cets-185"], [], TODAY, ["PRES"])
    assert real_kb.inputs().memo is memo and len(real_kb.records["cets-185"].events) == events
    after = real_kb.availability("RUS", "DEU", "PRES", TODAY)
    assert after["best_basis"] == before["best_basis"] == "fallback_general"
    assert real_kb.standing("cets-185", "RUS", TODAY).status.value == "not_participating"
    assert not any("hypothetical" in e.provenance.source for r in real_kb.records.values() for e in r.events)


def test_simulation_edge_cases(real_kb: KnowledgeBase) -> None:
    bound = simulate(real_kb, "DEU", ["cets-185"], [], TODAY, ["PRES"])
    assert bound["nothing_changes"] and bound["joined"][0]["effect"] == "already_bound"
    alone = simulate(real_kb, "RUS", ["cets-224"], [], TODAY, ["PRES"])
    assert alone["joined"][0]["effect"] == "needs_parent" and alone["joined"][0]["parent"] == "cets-185"
    both = simulate(real_kb, "RUS", ["cets-224", "cets-185"], [], TODAY, ["PRES"])
    assert [j["effect"] for j in both["joined"]] == ["joins", "joins"] and both["changes"]
    later = simulate(real_kb, "RUS", ["mtdsg-xviii-16"], [], TODAY, ["PRES"])
    assert later["joined"][0].get("in_force") is False and "stays not in force" in later["joined"][0]["note"]


def test_withdrawing_a_reservation(real_kb: KnowledgeBase, client: TestClient) -> None:
    """The reservations the gap page names as closers change answers when withdrawn."""
    from api.contexts import remember_statuses

    remember_statuses(real_kb, TODAY, "EXT")
    found = closers(real_kb, "EXT", TODAY, _klass(real_kb))["withdraw"]
    assert found, "some state has a reservation to a provision made for extradition"
    top = found[0]
    result = simulate(real_kb, top["state"], [], [top["statement"]], TODAY, ["EXT"])
    assert result["withdrawn"][0]["effect"] == "withdraws" and result["changes"]
    assert all(c["to"] == top["state"] or c["from"] == top["state"] for c in result["changes"])
    gained = set(result["summary"][0]["gains_specific"]) if result["summary"] else set()
    assert gained <= set(top["partner_codes"])
    r = client.get(f"/simulate/{top['state']}.json", params={"withdraw": top["statement"], "date": TODAY.isoformat()})
    assert r.status_code == 200 and r.json()["simulation"]["withdraw"] == [top["statement"]]


def test_simulation_bad_input(client: TestClient) -> None:
    assert client.get("/simulate/QQQ", params={"join": "cets-185"}).status_code == 404
    r = client.get("/simulate/RUS.json", params={"join": "cets-18"})
    assert r.status_code == 400 and "cets-185" in r.json()["detail"] and "Traceback" not in r.text
    r = client.get("/simulate/RUS.json", params={"withdraw": "cets-185/DEU/1"})
    assert r.status_code == 400 and "not a reservation of RUS" in r.json()["detail"]
    assert client.get("/simulate/RUS.json").status_code == 400
    assert client.get("/simulate/RUS.json", params={"join": "cets-185", "date": "2026-13-01"}).status_code == 400
    for args in (["RUS"], ["RUS", "--join", "nope"], ["QQQ", "--join", "cets-185"], ["RUS", "--withdraw", "x/y/1"]):
        out = CliRunner().invoke(cli, ["simulate", *args])
        assert out.exit_code == 2 and "Traceback" not in out.output, args


def test_simulation_page_is_labelled_hypothetical(client: TestClient) -> None:
    html = client.get("/simulate/RUS", params={"join": "cets-185", "date": TODAY.isoformat()}).text
    assert "Hypothetical" in html and 'id="m-PRES"' in html and "Germany" in html
    twin = client.get("/simulate/RUS.json", params={"join": "cets-185", "date": TODAY.isoformat()}).json()
    assert twin["simulation"]["hypothetical"] and twin["path"] == "simulate/RUS"
    fr = client.get("/fr/simulate/RUS", params={"join": "cets-185", "date": TODAY.isoformat()}).text
    assert '<html lang="fr"' in fr and "Hypothétique" in fr and 'type="application/json"' in fr
    state = client.get("/state/RUS", params={"date": TODAY.isoformat()}).text
    assert 'id="simulate-form"' in state and 'value="cets-185"' in state
    closing = client.get("/state/RUS.json", params={"date": TODAY.isoformat()}).json()["closing"]
    pres = next(r for r in closing if r["mechanism"] == "PRES")
    assert pres["join"][0]["treaty"] == "cets-185" and pres["join"][0]["partners"] > 70


def test_pair_page_reads_at_a_glance(client: TestClient) -> None:
    twin = client.get("/compare/DEU/RUS.json", params={"date": TODAY.isoformat()}).json()
    first = twin["summary"][0]
    assert first["text"].startswith("Germany can ask Russia for ") and "of the 12 key mechanisms" in first["text"]
    assert first["would_give"]["treaty"] == "cets-185"
    classes = [m["gap_class"] for m in twin["mechanisms"]]
    order = ["none", "unknown", "fallback", "specific"]
    assert classes == sorted(classes, key=order.index)  # rows grouped by gap class, weakest first
    pres = next(m for m in twin["mechanisms"] if m["mechanism"] == "PRES")
    assert pres["a_to_b"]["best_basis"] == "fallback_general" and pres["label"]
    html = client.get("/compare/DEU/RUS", params={"date": TODAY.isoformat()}).text
    assert first["text"] in html and "Expedited preservation" in html.replace("expedited", "Expedited")
