"""Explanations in the page's language, written from the answer's codes (issue #18 item 2)."""

from datetime import date

from fastapi.testclient import TestClient

from api.app import create_app
from api.contexts import closing, explain_in
from kb.knowledge import KnowledgeBase


def test_the_french_pair_page_explains_in_french(real_kb: KnowledgeBase) -> None:
    client = TestClient(create_app(real_kb))
    doc = client.get("/fr/compare/DEU/RUS.json?date=2026-03-01").json()
    pres = next(m for m in doc["mechanisms"] if m["mechanism"] == "PRES")["a_to_b"]
    assert pres["explanation"].startswith("Allemagne peut-il demander à Russie")
    assert "Under the" not in pres["explanation"] and "En vertu du" in pres["explanation"]
    assert "n'est pas partie (liste close du 2024-10-09)" in pres["explanation"]
    english = client.get("/compare/DEU/RUS.json?date=2026-03-01").json()
    assert "Under the" in next(m for m in english["mechanisms"] if m["mechanism"] == "PRES")["a_to_b"]["explanation"]


def test_closing_names_the_reservation_from_its_code_not_from_prose(real_kb: KnowledgeBase) -> None:
    gap = {
        "treaty": "cets-185",
        "code": "reservation_excludes",
        "reason": "anything: at all",
        "statement": "cets-185/X/1",
    }
    q = {"territory": None}
    assert closing(real_kb, gap, q, "en") == "withdrawal of the excluding reservation (cets-185/X/1)"
    assert closing(real_kb, gap, q, "fr") == "le retrait de la réserve qui l'exclut (cets-185/X/1)"


def test_every_code_of_a_real_answer_has_french_words(real_kb: KnowledgeBase) -> None:
    for a, b, m in [("RUS", "DEU", "EXT"), ("USA", "RUS", "MLA-TDP"), ("FRA", "MAR", "PRES"), ("CHN", "RUS", "POC")]:
        answer = real_kb.availability(a, b, m, date(2026, 3, 1))
        text = explain_in(real_kb, answer, "fr")
        assert "{" not in text and "Under" not in text and "Not through" not in text, text
