"""The SPARQL endpoint: protocol, formats, errors, read-only, time limit and reported cap.

Runs real worker processes over a real on-disk store (availability computed for one mechanism,
to keep the build short).
"""

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kb.knowledge import KnowledgeBase
from kb.rdf.executor import QueryRunner
from kb.rdf.persistent import open_persistent
from kb.sparql import QueryRefused

Q = "PREFIX coop: <https://w3id.org/treatykb/def/coop#> SELECT ?r WHERE { ?r a coop:Reservation } LIMIT 3"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return open_persistent(tmp_path_factory.mktemp("cache"), mechanisms=["PTD"])


@pytest.fixture(scope="module")
def client(store_path: Path, real_kb: KnowledgeBase) -> Iterator[TestClient]:
    runner = QueryRunner(store_path, workers=1, timeout=3.0, cap=5)
    yield TestClient(create_app(real_kb, runner), raise_server_exceptions=False)
    runner.close()


def test_get_post_form_and_post_query(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": Q}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 3
    r = client.post("/sparql", data={"query": Q}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv") and r.text.startswith("r")
    r = client.post(
        "/sparql",
        content=Q,
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+xml"},
    )
    assert r.status_code == 200 and "<sparql" in r.text
    r = client.get("/sparql", params={"query": Q, "format": "tsv"})
    assert r.headers["content-type"].startswith("text/tab-separated-values")


def test_graph_results_by_content_negotiation(client: TestClient) -> None:
    q = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 2"
    assert client.get("/sparql", params={"query": q}, headers={"Accept": "application/ld+json"}).json()
    assert client.get("/sparql", params={"query": q}, headers={"Accept": "text/turtle"}).text.strip()


def test_errors_are_400_with_a_message(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELEC nothing"})
    assert r.status_code == 400 and "malformed SPARQL" in r.json()["detail"]
    r = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert r.status_code == 400 and "more than once" in r.json()["detail"]
    r = client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"})
    assert r.status_code == 400 and "content type" in r.json()["detail"]
    r = client.post("/sparql", data={"update": "DROP ALL"})
    assert r.status_code == 400 and "read-only" in r.json()["detail"]
    r = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }"})
    assert r.status_code == 400 and "SERVICE is not allowed" in r.json()["detail"]


def test_cap_is_reported(client: TestClient) -> None:
    r = client.get(
        "/sparql",
        params={"query": "SELECT ?s WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.headers["X-TreatyKB-Truncated"] == "true"
    assert len(r.json()["results"]["bindings"]) == 5 and r.json()["treatykb"]["cap"] == 5


def test_time_limit_really_stops_the_query(client: TestClient) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    r = client.get("/sparql", params={"query": slow})
    assert r.status_code == 503 and r.json()["error"] == "timeout"
    # the worker was replaced: the endpoint still answers
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


def test_availability_graph_is_queryable(client: TestClient) -> None:
    q = (
        "PREFIX coop: <https://w3id.org/treatykb/def/coop#> ASK { GRAPH <https://w3id.org/treatykb/graph/"
        "computed/availability> { ?r ?status <https://w3id.org/treatykb/id/mechanism/PTD> } }"
    )
    assert client.get("/sparql", params={"query": q}).json()["boolean"] is True


def test_service_description_void_cors_and_editor(client: TestClient) -> None:
    sd = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert "sd:Service" in sd.text
    assert "void:sparqlEndpoint" in client.get("/.well-known/void").text
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    page = client.get("/sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and '<label for="query">' in page.text


def test_warm_start_reuses_the_store(store_path: Path) -> None:
    again = open_persistent(store_path.parent, mechanisms=["PTD"])
    assert again == store_path


def test_library_api_on_the_persistent_store(client: TestClient) -> None:
    listing = client.get("/api/queries").json()
    assert len(listing) >= 20
    r = client.get("/api/queries/availability_of_pair", params={"requesting": "DEU", "requested": "NLD"})
    assert r.status_code == 200
    rows = r.json()["results"]["results"]["bindings"]
    assert {row["mechanism"]["value"].rsplit("/", 1)[-1] for row in rows} == {"PTD"}
    assert client.get("/api/queries/no_such_query").status_code == 404
    assert client.get("/api/queries/parties_on_date", params={"date": "soon"}).status_code == 400


def test_a_worker_that_dies_is_replaced(store_path: Path) -> None:
    """Regression: a killed worker's pipe raised ConnectionResetError, which escaped the runner and
    left the dead worker in the pool, so every later query failed too."""
    from kb.rdf.executor import QueryRunner
    from kb.sparql import QueryRefused

    runner = QueryRunner(store_path, workers=1, timeout=5.0, cap=5)
    try:
        dying = runner._idle.queue[0]
        assert dying.proc.pid is not None
        os.kill(dying.proc.pid, signal.SIGSTOP)  # it will die with the query unread in its pipe
        threading.Timer(0.5, dying.proc.kill).start()
        with pytest.raises(QueryRefused):
            runner.run("ASK { ?s ?p ?o }", ["application/sparql-results+json"])
        result = runner.run("ASK { ?s ?p ?o }", ["application/sparql-results+json"])
        assert b"true" in result.body
    finally:
        runner.close()


def test_the_dataset_comes_from_the_protocol_then_the_query_then_the_union() -> None:
    from kb.sparql import Dataset, dataset_options

    union = {"use_default_graph_as_union": True}
    assert dataset_options('SELECT * WHERE { ?s ?p "FROM here" }') == union  # a word in a string
    assert dataset_options("SELECT * WHERE { ?s <http://example.org/FROM> ?o } # FROM") == union
    assert dataset_options("SELECT ?from WHERE { ?s ex:from ?from }") == union
    assert dataset_options("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }") == {}
    assert dataset_options("select * from named <http://example.org/g> { graph ?g { ?s ?p ?o } }") == {}
    given = dataset_options("SELECT * FROM <http://example.org/q> {}", Dataset(("http://example.org/g",)))
    assert [str(g) for g in given["default_graph"]] == ["<http://example.org/g>"] and given["named_graphs"] == []
    with pytest.raises(QueryRefused, match="not an absolute IRI"):
        Dataset(named_graphs=("not an iri",))


def test_from_restricts_the_default_graph_of_the_real_store(real_kb: KnowledgeBase) -> None:
    """FROM <graph> answers from that graph only; without FROM the default graph is the union."""
    from kb import iri
    from kb.sparql import run_readonly

    pattern = "WHERE { ?x <https://w3id.org/treatykb/def/coop#treaty> ?t }"
    graph = iri.graph("treaties/cets-185/statements")
    only = run_readonly(real_kb.store, f"SELECT (COUNT(*) AS ?n) FROM <{graph}> {pattern}", "csv").split()[1]
    everything = run_readonly(real_kb.store, f"SELECT (COUNT(*) AS ?n) {pattern}", "csv").split()[1]
    assert 100 < int(only) < int(everything)
