"""`treatykb serve --store URL`: a real Oxigraph server as the query store.

The test starts the `oxigraph` server (PyPI package) on loopback, loads the project's N-Quads
dump into it, and checks that every library query answers the same on the remote store as on the
embedded one, that the endpoint's guarantees (read-only, cap, errors) hold, and that a store that
does not answer is a clear error.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kb.knowledge import KnowledgeBase
from kb.library import bind, library
from kb.matrix import availability_graph
from kb.rdf.executor import QueryTimeout, StoreUnavailable, execute
from kb.rdf.export import export_dumps
from kb.rdf.persistent import open_persistent
from kb.rdf.readonly import QueryRefused
from kb.rdf.remote import RemoteRunner, bind_values

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    path = open_persistent(
        tmp_path_factory.mktemp("cache"), mechanisms=["PTD"], availability=availability_graph(["PTD"])
    )
    return ox.Store.read_only(str(path))


@pytest.fixture(scope="module")
def endpoint(embedded: ox.Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server (dev dependency) is not installed")
    work = tmp_path_factory.mktemp("oxigraph")
    (dump,) = export_dumps(work / "dump", ["nquads"], embedded)
    location = work / "db"
    subprocess.run([OXIGRAPH, "load", "--location", str(location), "--file", str(dump)], check=True)
    port = free_port()
    server = subprocess.Popen(
        [
            OXIGRAPH,
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
            "--timeout-s",
            "20",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 30
    while True:
        try:
            RemoteRunner(url).ping()
            break
        except StoreUnavailable:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(10)


def rows(body: bytes) -> list[str]:
    """Solutions as sorted canonical JSON strings (order-free comparison)."""
    doc = json.loads(body)
    return sorted(json.dumps(b, sort_keys=True) for b in doc["results"]["bindings"])


def test_the_dump_is_in_the_remote_store(endpoint: str, embedded: ox.Store) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    remote = RemoteRunner(endpoint).run(q, ["application/sparql-results+json"])
    n = json.loads(remote.body)["results"]["bindings"][0]["n"]["value"]
    assert int(n) == len(embedded) > 10000


@pytest.mark.parametrize("name", sorted(library()))
def test_every_library_query_answers_the_same_on_both_stores(
    name: str, endpoint: str, embedded: ox.Store, real_kb: KnowledgeBase
) -> None:
    q = library()[name]
    bindings = bind(q, {}, set(real_kb.actors), set(real_kb.inputs().mechanisms))
    accept = ["application/sparql-results+json"]
    local = execute(embedded, q.text, accept, 100000, bindings)
    remote = RemoteRunner(endpoint, timeout=30, cap=100000).run(q.text, accept, bindings)
    assert rows(remote.body) == rows(local.body)
    assert remote.rows == local.rows


def test_values_binding_is_built_from_terms_not_text() -> None:
    text = "SELECT ?x WHERE { ?x ?p ?o }"
    bound = bind_values(text, {"p": ("iri", "https://w3id.org/treatykb/def/coop#treaty")})
    assert "VALUES (?p) { (<https://w3id.org/treatykb/def/coop#treaty>) }" in bound
    with pytest.raises(ValueError):
        bind_values(text, {"p": ("iri", "x> } ; DROP ALL ; <y")})


@pytest.fixture(scope="module")
def client(endpoint: str, real_kb: KnowledgeBase) -> Iterator[TestClient]:
    runner = RemoteRunner(endpoint, timeout=5, cap=5)
    yield TestClient(create_app(real_kb, runner), raise_server_exceptions=False)


def test_endpoint_on_the_remote_store(client: TestClient) -> None:
    q = "PREFIX coop: <https://w3id.org/treatykb/def/coop#> SELECT ?r WHERE { ?r a coop:Reservation } LIMIT 3"
    r = client.get("/sparql", params={"query": q}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.text.splitlines()[0] == "r" and len(r.text.splitlines()) == 4
    r = client.get("/sparql", params={"query": "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 2"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle") and r.text.strip()
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"})
    assert r.json()["boolean"] is True


def test_cap_is_reported_on_the_remote_store(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"}, headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.headers["X-TreatyKB-Truncated"] == "true"
    assert len(r.json()["results"]["bindings"]) == 5 and r.json()["treatykb"]["cap"] == 5


def test_updates_and_bad_queries_are_refused_before_reaching_the_store(client: TestClient, endpoint: str) -> None:
    r = client.get("/sparql", params={"query": "DROP ALL"})
    assert r.status_code == 400
    r = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"})
    assert r.status_code == 400
    r = client.get("/sparql", params={"query": "SELEC nothing"})
    assert r.status_code == 400 and "malformed SPARQL" in r.json()["detail"]
    with pytest.raises(QueryRefused):
        RemoteRunner(endpoint).run("INSERT DATA { <a:b> <a:c> <a:d> }", ["application/sparql-results+json"])


def test_library_api_on_the_remote_store(client: TestClient) -> None:
    r = client.get("/api/queries/parties_on_date")
    assert r.status_code == 200 and r.json()["results"]["results"]["bindings"]


def test_a_slow_query_ends_at_the_time_limit(endpoint: str) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    start = time.monotonic()
    with pytest.raises(QueryTimeout):
        RemoteRunner(endpoint, timeout=1.0).run(runaway, ["application/sparql-results+json"])
    assert time.monotonic() - start < 5


def test_a_store_that_does_not_answer_is_a_clear_error(real_kb: KnowledgeBase) -> None:
    runner = RemoteRunner(f"http://127.0.0.1:{free_port()}/query", timeout=2)
    with pytest.raises(StoreUnavailable):
        runner.ping()
    client = TestClient(create_app(real_kb, runner), raise_server_exceptions=False)
    r = client.get("/sparql", params={"query": "ASK {}"})
    assert r.status_code == 502 and r.json()["error"] == "store unavailable"
    r = client.get("/api/queries/parties_on_date")
    assert r.status_code == 502 and "did not answer" in r.json()["detail"]


def test_only_http_urls_are_stores() -> None:
    for bad in ("file:///etc/passwd", "ftp://x/y", "not a url"):
        with pytest.raises(ValueError):
            RemoteRunner(bad)
