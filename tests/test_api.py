"""The web service answers the contract's questions and never shows a stack trace."""

from fastapi.testclient import TestClient

from api.app import create_app
from kb.knowledge import KnowledgeBase


def test_participation_and_errors(real_kb: KnowledgeBase) -> None:
    client = TestClient(create_app(real_kb), raise_server_exceptions=False)
    r = client.get("/api/participation", params={"state": "RUS", "treaty": "mtdsg-xviii-12", "date": "2020-01-01"})
    assert r.status_code == 200 and r.json()["status"] == "party"
    r = client.get("/api/participation", params={"state": "RUS"})
    assert r.status_code == 400 and r.json()["error"] == "bad request"
    r = client.get("/api/participation", params={"state": "QQQ", "treaty": "cets-185"})
    assert r.status_code == 400 and r.json()["error"] == "unknown state"
    r = client.get("/api/treaty/no-such-treaty")
    assert r.status_code == 404 and "Traceback" not in r.text
    r = client.get("/api/queries/no_such_query")  # a path segment: 404, with the error type, not a patched flag
    assert r.status_code == 404 and r.json()["error"] == "unknown query"


def test_availability_endpoint_matches_the_library(real_kb: KnowledgeBase) -> None:
    client = TestClient(create_app(real_kb), raise_server_exceptions=False)
    params = {"from": "DEU", "to": "AUT", "mechanism": "PRES", "date": "2020-01-01", "offence": "ets185-art2-11"}
    r = client.get("/api/availability", params=params)
    assert r.status_code == 200
    from kb.knowledge import parse_date

    assert r.json() == real_kb.availability("DEU", "AUT", "PRES", parse_date("2020-01-01"), "ets185-art2-11")
    bad = client.get("/api/availability", params={**params, "mechanism": "NOPE"})
    assert bad.status_code == 400 and bad.json()["error"] == "unknown mechanism"
    bad = client.get("/api/availability", params={**params, "offence": "murder"})
    assert bad.status_code == 400 and bad.json()["error"] == "unknown offence"
