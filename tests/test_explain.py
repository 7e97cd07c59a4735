"""Explanations in the page's language, written from the answer's codes (issue #18 item 2)."""

import re
import string
from datetime import date

from fastapi.testclient import TestClient

from api.app import create_app
from api.contexts import lexicon
from kb.knowledge import KnowledgeBase
from kb.law.result import Gap, Message, Say
from kb.present import _SAY, availability_json, closing, explanation
from kb.present.templates import LANGUAGES
from kb.vocab import GapCode


def test_the_french_pair_page_explains_in_french(real_kb: KnowledgeBase) -> None:
    client = TestClient(create_app(real_kb))
    doc = client.get("/fr/compare/DEU/RUS.json?date=2026-03-01").json()
    pres = next(m for m in doc["mechanisms"] if m["mechanism"] == "PRES")["a_to_b"]
    assert pres["explanation"].startswith("Aucun traité liant Allemagne et Russie")
    assert "Under the" not in pres["explanation"] and "En vertu du" in pres["explanation"]
    assert "Russie n'est pas partie à « Budapest Convention » (liste close du 2024-10-09" in pres["explanation"]
    assert all("n'est pas partie" in g["reason"] for g in pres["gaps"] if g["code"] == "not_party")
    english = client.get("/compare/DEU/RUS.json?date=2026-03-01").json()
    assert "Under the" in next(m for m in english["mechanisms"] if m["mechanism"] == "PRES")["a_to_b"]["explanation"]


def test_closing_names_the_reservation_from_its_code_not_from_prose(real_kb: KnowledgeBase) -> None:
    gap = Gap(
        "cets-185",
        GapCode.RESERVATION_EXCLUDES,
        Message(Say.EXCLUDES, treaty="cets-185", statement="cets-185/X/1"),
        statement="cets-185/X/1",
    )
    assert closing(gap, lexicon(real_kb, "en")) == "withdrawal of the excluding reservation (cets-185/X/1)"
    assert closing(gap, lexicon(real_kb, "fr")) == "le retrait de la réserve qui l'exclut (cets-185/X/1)"


def test_every_code_of_a_real_answer_has_french_words(real_kb: KnowledgeBase) -> None:
    for a, b, m in [("RUS", "DEU", "EXT"), ("USA", "RUS", "MLA-TDP"), ("FRA", "MAR", "PRES"), ("CHN", "RUS", "POC")]:
        answer = real_kb.ask(a, b, m, date(2026, 3, 1))
        text = explanation(answer, lexicon(real_kb, "fr"))
        assert "{" not in text and "Under" not in text and "Not through" not in text, text
        doc = availability_json(answer, lexicon(real_kb, "fr"))
        assert doc["notice"].startswith("analyse") and all(s["detail"] for s in doc["trace"])


ENGLISH = (
    "is unknown",
    "no complete participant list",
    "not covered",
    "no territorial record",
    "is not a party",
    "still applies",
    "are both bound",
    "whose read articles",
    "in force for it",
)
CASES = [
    ("USA", "RUS", "MLA-TDP", None, date(2026, 3, 1)),
    ("DEU", "NLD", "MLA", "ABW", date(2026, 3, 1)),
    ("DEU", "DNK", "PRES", "GRL", date(2026, 3, 1)),
    ("DEU", "NLD", "MLA", "CUW", date(2026, 3, 1)),
    ("UZB", "RUS", "MLA", None, date(2026, 3, 1)),  # Chisinau over Minsk (VCLT 30(4)), a date-bound entry into force
    ("KAZ", "BLR", "MLA", None, date(2010, 1, 1)),
]


def test_participation_and_territory_reasons_are_written_in_french_too(real_kb: KnowledgeBase) -> None:
    """The reasons the participation and territory rules give are codes as well (no English on a French page,
    except text quoted from the data, such as a statement's summary)."""
    fr = lexicon(real_kb, "fr")
    for a, b, m, territory, on in CASES:
        answer = real_kb.ask(a, b, m, on, territory=territory)
        doc = availability_json(answer, fr)
        texts = [s["detail"] for s in doc["trace"]] + [g["reason"] for g in doc["gaps"]] + [doc["explanation"]]
        for text in texts:
            assert not any(w in text for w in ENGLISH), text


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# values a template may use in place of another (the English gap sentence cites the slug, others the name)
CHOICES = {"explain_gap": {"slug", "treaty"}}


def test_every_language_has_every_template_with_the_same_placeholders() -> None:
    english = LANGUAGES["en"]
    for lang, table in LANGUAGES.items():
        assert set(table) == set(english), (lang, set(table) ^ set(english))
        for key, template in table.items():
            either = CHOICES.get(key, set())
            assert _fields(template) - either == _fields(english[key]) - either, (lang, key)
            assert not either or _fields(template) & either, (lang, key)


def test_every_code_has_its_words() -> None:
    assert set(_SAY) == set(Say)


def test_answers_carry_codes_not_words(real_kb: KnowledgeBase) -> None:
    """The engine's result holds no English sentence: every text in it comes from the data."""
    answer = real_kb.ask("RUS", "DEU", "EXT", date(2026, 3, 1))
    for step in answer.trace:
        assert isinstance(step.says.code, Say)
    for g in answer.gaps:
        assert isinstance(g.code, GapCode) and isinstance(g.why, Message)
    assert not any(re.search(r"\bis not a party\b", repr(g)) for g in answer.gaps)
