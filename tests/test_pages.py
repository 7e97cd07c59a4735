"""Pages and their JSON twins, in English and French, with accessible structure."""

import hashlib
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kb.knowledge import KnowledgeBase

PAGES = [
    "/",
    "/states",
    "/treaties",
    "/mechanisms",
    "/state/DEU",
    "/treaty/cets-185",
    "/treaty/cets-185/art/29",
    "/mechanism/PRES",
    "/compare/DEU/AUT",
    "/gaps/PTD",
    "/gaps",
    "/treaty/mtdsg-xviii-12/changes",
    "/state/BEN/changes?from=2023-01-01&until=2025-01-01",
]


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.html_lang: str | None = None
        self.alternates: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates.append(a.get("type") or "")


@pytest.fixture(scope="module")
def client(real_kb: KnowledgeBase) -> TestClient:
    return TestClient(create_app(real_kb), raise_server_exceptions=False)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["", "/fr"])
def test_page_has_lang_twin_and_notice(client: TestClient, page: str, lang: str) -> None:
    url = lang + page if page != "/" else (lang + "/" if lang else "/")
    r = client.get(url, params={"date": "2025-01-01"})
    assert r.status_code == 200, url
    p = Links()
    p.feed(r.text)
    assert p.html_lang == ("fr" if lang else "en")
    assert "application/json" in p.alternates
    assert ("not legal advice" in r.text) or ("non un avis juridique" in r.text)
    assert 'href="#main"' in r.text and "<main" in r.text


def test_json_twin_is_the_same_context(client: TestClient) -> None:
    twin = client.get("/compare/DEU/AUT.json", params={"date": "2025-01-01"}).json()
    html = client.get("/compare/DEU/AUT", params={"date": "2025-01-01"}).text
    assert twin["a"]["code"] == "DEU" and twin["path"] == "compare/DEU/AUT"
    pres = [m for m in twin["mechanisms"] if m["mechanism"] == "PTD"][0]
    assert pres["a_to_b"]["status"] == "available"
    assert "cets-185" in {b["treaty"] for b in pres["a_to_b"]["bases"]}
    assert pres["a_to_b"]["explanation"] in html.replace("&#39;", "'")


def test_french_labels(client: TestClient) -> None:
    text = client.get("/fr/state/FRA").text
    assert "France" in text and "Réserves et déclarations" in text


def test_links_are_relative(client: TestClient) -> None:
    p = Links()
    p.feed(client.get("/state/DEU").text)
    internal = [h for h in p.hrefs if not h.startswith(("http", "#", "mailto:"))]
    assert internal and all(not h.startswith("/") for h in internal)
    assert "../treaty/cets-185" in internal


def test_unknown_state_page_is_404_without_trace(client: TestClient) -> None:
    r = client.get("/state/QQQ", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "Traceback" not in r.text and "<html" in r.text
    assert client.get("/state/QQQ.json").json()["error"] == "unknown state"


def test_unknown_is_shown_as_unknown_not_no(client: TestClient) -> None:
    twin = client.get("/gaps/PTD.json", params={"date": "2025-01-01"}).json()
    rows = twin["matrix"]["rows"]
    assert len(rows) == len(twin["matrix"]["order"])
    assert re.fullmatch(r"[SFNU-]+", "".join(rows))
    assert set(twin["matrix"]["legend"].values()) == {"specific", "fallback", "none", "unknown"}


def test_a_gap_map_of_another_date_agrees_with_the_engine(client: TestClient, real_kb: KnowledgeBase) -> None:
    """Computed in bulk for the whole mechanism (profile-shared cells): each letter is the gap class
    of the engine's full answer for that pair (contract 2)."""
    from kb.matrix import gap_class

    twin = client.get("/gaps/PRES.json", params={"date": "2019-05-01"}).json()
    order, rows, legend = twin["matrix"]["order"], twin["matrix"]["rows"], twin["matrix"]["legend"]
    for i in range(0, len(order), 9):
        for j in range(1, len(order), 13):
            if i != j:
                answer = real_kb.ask(order[i], order[j], "PRES", date(2019, 5, 1))
                assert legend[rows[i][j]] == gap_class(answer.bases), (order[i], order[j])


def test_identifiers_dereference_by_content_negotiation(client: TestClient) -> None:
    r = client.get("/id/state/DEU", headers={"Accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/state/DEU"
    r = client.get("/id/state/DEU", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and "Allemagne" in r.text
    r = client.get("/id/statement/cets-185/AUT/1", headers={"Accept": "application/ld+json"})
    assert r.status_code == 200 and r.json()
    assert client.get("/id/state/QQQ", headers={"Accept": "text/turtle"}).status_code == 404
    assert "owl:Ontology" in client.get("/def/coop").text


def test_download_of_the_current_release(client: TestClient) -> None:
    listing = client.get("/download/").json()
    nq = client.get(listing["files"][1])
    assert nq.status_code == 200 and "https://w3id.org/treatykb/graph/" in nq.text
    assert hashlib.sha256(nq.content).hexdigest() == listing["sha256"][listing["files"][1]]
    sums = client.get(listing["checksums"]).text
    assert f"{listing['sha256'][listing['files'][1]]}  treatykb.nq" in sums
    assert listing["release"] in [r["release"] for r in listing["releases"]]
    missing = client.get("/download/1999.01.01/treatykb.nq")
    assert missing.status_code == 404 and listing["release"] in missing.json()["detail"]


def test_earlier_releases_stay_downloadable(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dump cited with its release keeps answering after a newer release is published."""
    from kb import paths

    monkeypatch.setattr(paths, "CACHE_DIR", tmp_path)
    old = tmp_path / "download" / "2001.01.01"
    old.mkdir(parents=True)
    (old / "treatykb.nq").write_text("<urn:a> <urn:b> <urn:c> <urn:g> .\n")
    (old / "SHA256SUMS").write_text("x  treatykb.nq\n")
    listing = client.get("/download/").json()
    assert [r["release"] for r in listing["releases"]] == [listing["release"], "2001.01.01"]
    r = client.get("/download/2001.01.01/treatykb.nq")
    assert r.status_code == 200 and r.text.startswith("<urn:a>")
    assert client.get("/download/2001.01.01/treatykb.ttl").status_code == 404
    assert client.get("/download/..%2F..%2Fetc/passwd").status_code == 404


def test_ontology_documentation_is_generated(client: TestClient) -> None:
    r = client.get("/ontology/")
    assert r.status_code == 200 and "Reservation" in r.text and "Treaty-basis declaration" in r.text


def test_gap_map_svg_has_a_title_per_country(client: TestClient) -> None:
    r = client.get("/gaps/PTD.svg", params={"date": "2025-01-01"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert 'role="img"' in r.text and "<title>DEU:" in r.text
    assert "<svg" in client.get("/treaty/cets-185").text


def test_unknown_state_page_suggests_close_matches(client: TestClient) -> None:
    r = client.get("/state/germany", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "DEU (Germany)" in r.text


def test_what_changed_for_a_state(client: TestClient) -> None:
    """Benin acceded to the Budapest Convention on 2024-06-20 (CoE announcement of that date)."""
    url = "/state/BEN/changes.json?from=2023-01-01&until=2025-01-01"
    ctx = client.get(url).json()
    assert ctx["subject"] == {"kind": "state", "code": "BEN", "name": "Benin"}
    assert {"kind": "accession", "date": "2024-06-20", "treaty": "cets-185"}.items() <= ctx["events"][0].items()
    standing = {(p["treaty"], p["after"]) for p in ctx["participation_changes"]}
    assert ("cets-185", "party") in standing
    moves = {(m["mechanism"], m["requesting"], m["requested"]) for m in ctx["availability_changes"]}
    assert ("PRES", "BEN", "DEU") in moves and ("PRES", "DEU", "BEN") in moves
    pres = next(
        m
        for m in ctx["availability_changes"]
        if (m["mechanism"], m["requesting"], m["requested"]) == ("PRES", "BEN", "DEU")
    )
    assert {"treaty": "cets-185", "status": "unknown"} in pres["bases_before"]  # 2023: the CoE list is incomplete
    assert {"treaty": "cets-185", "status": "available_with_conditions"} in pres["bases_after"]
    assert all((m["before"], m["bases_before"]) != (m["after"], m["bases_after"]) for m in ctx["availability_changes"])
    html = client.get(url.replace(".json", ""), headers={"Accept": "text/html"}).text
    assert "2024-06-20" in html and 'href="compare/BEN/DEU?date=2025-01-01"' in html.replace("../", "")


def test_what_changed_in_a_treaty_has_a_twin_and_checks_the_interval(client: TestClient) -> None:
    ctx = client.get("/treaty/cets-185/changes.json?from=2024-01-01&until=2025-01-01").json()
    assert "BEN" in {p["actor"] for p in ctx["participation_changes"]}
    assert all("2024-01-01" <= e["date"] < "2025-01-01" for e in ctx["events"])
    r = client.get("/state/BEN/changes?from=2025-01-01&until=2023-01-01", headers={"Accept": "text/html"})
    assert r.status_code == 400 and "must be before" in r.text
    assert client.get("/state/BEN/nothing").status_code == 404


def test_query_permalinks_carry_the_data_release(client: TestClient) -> None:
    """A cited query names the data it ran on; a permalink of another release says where that data is."""
    ctx = client.get("/queries/parties_on_date.json?treaty=cets-185&date=2020-01-01").json()
    release = ctx["release"]
    assert ctx["permalink"] == f"queries/parties_on_date?release={release}&treaty=cets-185&date=2020-01-01"
    assert "cited_release" not in ctx
    old = client.get("/queries/parties_on_date?release=2001.01.01&treaty=cets-185", headers={"Accept": "text/html"})
    assert old.status_code == 200 and "made on data release 2001.01.01" in old.text
    assert 'href="../download/2001.01.01/treatykb.nq"' in old.text
    assert client.get("/api/queries/parties_on_date").json()["release"] == release


def test_dataset_description_and_citation(client: TestClient) -> None:
    """DCAT names the release and its dumps; CITATION.cff names the version the package has."""
    import tomllib

    import pyoxigraph as ox
    import yaml

    from kb import paths

    ttl = client.get("/dataset").content
    triples = list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))
    dcat = "http://www.w3.org/ns/dcat#"
    version = [t.object.value for t in triples if t.predicate == ox.NamedNode(dcat + "version")]
    listing = client.get("/download/").json()
    assert version == [listing["release"]]
    urls = {t.object.value for t in triples if t.predicate == ox.NamedNode(dcat + "downloadURL")}
    assert {u.removeprefix("http://testserver") for u in urls} == set(listing["files"])
    assert client.get("/.well-known/void", headers={"Accept": "application/ld+json"}).json()
    cff = yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert cff["cff-version"] == "1.2.0" and cff["version"] == project["version"] and cff["title"]


def test_error_pages_speak_the_page_language(client: TestClient) -> None:
    html = {"Accept": "text/html"}
    fr = client.get("/fr/state/DEU?date=2024-13-01", headers=html)
    assert fr.status_code == 400 and "<title>Date inconnue" in fr.text and "YYYY-MM-DD" in fr.text
    en = client.get("/state/ZZZ", headers=html)
    assert en.status_code == 404 and "<title>Unknown state" in en.text
