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
