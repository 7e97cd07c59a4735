"""The SPARQL endpoint: protocol, formats, errors, read-only, time limit and reported cap.

Runs real worker processes over a real on-disk store (availability computed for one mechanism,
to keep the build short).
"""

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kb.knowledge import KnowledgeBase
from kb.matrix import availability_graph
from kb.rdf.executor import QueryRunner
from kb.rdf.persistent import open_persistent
from kb.rdf.readonly import QueryRefused

Q = "PREFIX coop: <https://w3id.org/treatykb/def/coop#> SELECT ?r WHERE { ?r a coop:Reservation } LIMIT 3"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return open_persistent(
        tmp_path_factory.mktemp("cache"), mechanisms=["PTD"], availability=availability_graph(["PTD"])
    )


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
    again = open_persistent(store_path.parent, mechanisms=["PTD"], availability=availability_graph(["PTD"]))
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
    from kb.rdf.readonly import QueryRefused

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
    from kb.rdf.readonly import Dataset, dataset_options

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
    from kb.rdf.readonly import run_readonly

    pattern = "WHERE { ?x <https://w3id.org/treatykb/def/coop#treaty> ?t }"
    graph = iri.graph("treaties/cets-185/statements")
    only = run_readonly(real_kb.store, f"SELECT (COUNT(*) AS ?n) FROM <{graph}> {pattern}", "csv").split()[1]
    everything = run_readonly(real_kb.store, f"SELECT (COUNT(*) AS ?n) {pattern}", "csv").split()[1]
    assert 100 < int(only) < int(everything)


# --- the read-only guard parses the query (issue #18 item 4) ------------------------------------

JSON = {"Accept": "application/sparql-results+json"}
SERVICE = "SERVICE <http://example.org/sparql> { ?z ?y ?w }"


def bad_request(r: Any, *words: str) -> str:
    """A 400 in the endpoint's error shape; its detail, which names `words`."""
    assert r.status_code == 400, (r.status_code, r.text)
    assert r.headers["content-type"].startswith("application/json")
    doc = r.json()
    assert set(doc) == {"error", "detail"} and doc["error"] and doc["detail"], doc
    for w in words:
        assert w in doc["detail"], doc
    return str(doc["detail"])


def test_a_variable_named_like_an_update_keyword_is_a_query(client: TestClient) -> None:
    """Regression: the keyword regex refused `?add`, `?clear`, `?load`, ... ("ADD is not allowed")."""
    r = client.get("/sparql", params={"query": "SELECT ?add WHERE { BIND(1 AS ?add) }"}, headers=JSON)
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"] == [
        {"add": {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "1"}}
    ]
    names = ["clear", "load", "drop", "insert", "service", "delete", "create", "copy", "move"]
    binds = " ".join(f"BIND({i} AS ?{n})" for i, n in enumerate(names))
    r = client.post("/sparql", data={"query": f"SELECT * WHERE {{ {binds} }}"}, headers=JSON)
    assert r.status_code == 200, r.text
    assert {k: v["value"] for k, v in r.json()["results"]["bindings"][0].items()} == {
        n: str(i) for i, n in enumerate(names)
    }
    r = client.get("/sparql", params={"query": "ASK { BIND(1 AS $Service) FILTER(BOUND($Service)) }"}, headers=JSON)
    assert r.status_code == 200 and r.json()["boolean"] is True


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?x WHERE { BIND("INSERT DATA { <a:b> <a:c> <a:d> } ; LOAD <http://x>; DROP ALL" AS ?x) }',
        f"SELECT ?x WHERE {{ BIND('''{SERVICE}\nCLEAR ALL''' AS ?x) }}",
        f"# {SERVICE} ; DELETE WHERE {{ ?s ?p ?o }}\nSELECT ?x WHERE {{ BIND(1 AS ?x) }} # ADD <a:g> TO <a:h>",
        "SELECT ?x WHERE { BIND(<http://example.org/service/load/drop> AS ?x) }",
        "PREFIX service: <http://example.org/s#> SELECT ?x WHERE { OPTIONAL { ?x service:load ?y } } LIMIT 1",
        'SELECT ?x WHERE { BIND("caf\\u00e9 service" AS ?x) }',
    ],
    ids=["string", "long-string", "comment", "iri", "prefixed-names", "escape"],
)
def test_keywords_in_strings_comments_and_iris_are_fine(client: TestClient, query: str) -> None:
    r = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query", **JSON})
    assert r.status_code == 200, r.text
    assert len(r.json()["results"]["bindings"]) == 1


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }", "INSERT DATA"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("LOAD SILENT <http://example.org/data.ttl> INTO GRAPH <http://example.org/g>", "LOAD"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
        ("PREFIX ex: <http://example.org/>\nDELETE { ?s ex:p ?o } INSERT { ?s ex:q 1 } WHERE { ?s ex:p ?o }", "DELETE"),
        ("DROP ALL", "DROP"),
        ("clear graph <http://example.org/g>", "CLEAR"),
        ("CREATE GRAPH <http://example.org/g>", "CREATE"),
        ("ADD <http://example.org/g> TO <http://example.org/h>", "ADD"),
        ("MOVE DEFAULT TO <http://example.org/g>", "MOVE"),
        ("COPY <http://example.org/g> TO DEFAULT", "COPY"),
    ],
)
def test_updates_are_refused(client: TestClient, query: str, word: str) -> None:
    r = client.get("/sparql", params={"query": query}, headers=JSON)
    bad_request(r, f"{word} is not allowed", "read-only")


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT * WHERE {{ {SERVICE} }}",
        "select * where { service silent <http://example.org/sparql> { ?z ?y ?w } }",
        f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ {SERVICE} }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?z WHERE {{ {SERVICE} }} }} }}",
        f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ {SERVICE} }} }}",
        f"SELECT * WHERE {{ GRAPH ?g {{ ?s ?p ?o OPTIONAL {{ {{ SELECT * WHERE {{ {SERVICE} }} }} }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ {SERVICE} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER (!EXISTS {{ {SERVICE} }}) }}",
        f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ {SERVICE} }} }}",
        f"SELECT (EXISTS {{ {SERVICE} }} AS ?x) WHERE {{ }}",
        f"SELECT ?s WHERE {{ ?s ?p ?o }} GROUP BY ?s HAVING (EXISTS {{ {SERVICE} }})",
        f"ASK {{ {SERVICE} }}",
        f"CONSTRUCT {{ ?z ?y ?w }} WHERE {{ {SERVICE} }}",
        f"DESCRIBE ?z WHERE {{ {SERVICE} }}",
        "SELECT * WHERE { BIND(<http://example.org/sparql> AS ?e) SERVICE ?e { ?z ?y ?w } }",
        # a comment ends at a carriage return for pyoxigraph; rdflib reads on to the line feed
        f"SELECT * WHERE {{ ?s ?p ?o # a comment\r {SERVICE} }}",
        # \u escapes: expanded before parsing by the spec (and a remote store), in tokens by pyoxigraph
        'SELECT * WHERE { # \\u000a BIND("""\n' + SERVICE + '\n# """ AS ?x)\n}',
        "SELECT * WHERE { SERV\\u0049CE <http://example.org/sparql> { ?z ?y ?w } }",
    ],
    ids=[
        "plain",
        "silent-lowercase",
        "optional",
        "subquery",
        "union",
        "graph-optional-subquery",
        "filter-exists",
        "filter-not-exists",
        "minus",
        "select-expression",
        "having",
        "ask",
        "construct",
        "describe",
        "variable-endpoint",
        "carriage-return-comment",
        "escaped-newline-in-comment",
        "escaped-keyword",
    ],
)
def test_service_is_refused_wherever_it_is(client: TestClient, query: str) -> None:
    bad_request(client.get("/sparql", params={"query": query}, headers=JSON), "SERVICE is not allowed")


def test_a_syntax_error_is_the_parsers_message(client: TestClient) -> None:
    # no keyword: pyoxigraph's message, as before
    detail = bad_request(client.get("/sparql", params={"query": "SELECT ?x WHERE {\n ?x ?y "}), "malformed SPARQL")
    assert detail.startswith("malformed SPARQL: error at 2:")
    # a keyword-named variable: still a syntax error, not a refusal
    detail = bad_request(client.get("/sparql", params={"query": "SELECT ?add WHERE {\n BIND(1 AS ?add) "}))
    assert "malformed SPARQL: error at 2:" in detail and "not allowed" not in detail
    # a text that mentions SERVICE and does not parse: the guard's parser's message, same positions
    detail = bad_request(client.get("/sparql", params={"query": "SELECT ?service WHERE {\n BIND(1 AS ?service) "}))
    assert detail.startswith("malformed SPARQL: error at 2:") and "not allowed" not in detail


def test_check_readonly_without_http() -> None:
    from kb.rdf.readonly import check_readonly

    check_readonly("SELECT ?drop WHERE { BIND(1 AS ?drop) }")
    check_readonly("SELEC nothing")  # left to pyoxigraph, which says what is wrong
    with pytest.raises(QueryRefused, match="^DROP is not allowed: the endpoint is read-only"):
        check_readonly("DROP ALL")
    with pytest.raises(QueryRefused, match="^SERVICE is not allowed"):
        check_readonly(f"BASE <https://w3id.org/treatykb/sparql>\nSELECT * {{ OPTIONAL {{ {SERVICE} }} }}")
    # rdflib recurses once per triple pattern: past its limit a query mentioning SERVICE is refused
    many = " ".join(f"?s <http://example.org/p{i}> ?o{i} ." for i in range(300))
    with pytest.raises(QueryRefused, match="cannot read"):
        check_readonly(f"SELECT ?service WHERE {{ {many} }}")
    check_readonly(f"SELECT ?add WHERE {{ {many} }}")  # a syntax error could not call out: pyoxigraph decides


def test_no_library_query_is_parsed_twice() -> None:
    """Performance: a query without any refusable word is not parsed by the guard (rdflib's parser
    takes 5-30 ms on a library query, pyoxigraph well under 1 ms), and a parsed text is cached."""
    from kb.library import library
    from kb.rdf.readonly import check_readonly
    from kb.rdf.sparql_syntax import _cached as readings

    before = readings.cache_info()
    for q in library().values():
        check_readonly(q.text)
    assert readings.cache_info().misses == before.misses
    text = "SELECT ?load WHERE { BIND(1 AS ?load) }"
    check_readonly(text)
    check_readonly(text)
    after = readings.cache_info()
    assert after.misses <= before.misses + 1 and after.hits >= before.hits + 1


# --- /sparql without a query (issue #17 item 7; contract section 3) ------------------------------

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def without_query(client: TestClient, how: str, accept: str | None) -> Any:
    """/sparql with no query, asked `how`, with that Accept header (None: no Accept header at all)."""
    if how == "get":
        request = client.build_request("GET", "/sparql")
    elif how == "get-empty":
        request = client.build_request("GET", "/sparql", params={"query": ""})
    elif how == "post-form":
        request = client.build_request("POST", "/sparql", data={"default-graph-uri": "http://example.org/g"})
    elif how == "post-empty-form":
        request = client.build_request(
            "POST", "/sparql", content=b"", headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
    else:
        request = client.build_request(
            "POST", "/sparql", content=b"", headers={"Content-Type": "application/sparql-query"}
        )
    if accept is None:
        del request.headers["accept"]
    else:
        request.headers["accept"] = accept
    return client.send(request)


HOW = ["get", "get-empty", "post-form", "post-empty-form", "post-direct-empty"]


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("accept", ["text/html", BROWSER, "application/xhtml+xml", "application/json, text/html;q=0.5"])
def test_no_query_gives_the_editor_to_a_client_that_accepts_html(client: TestClient, how: str, accept: str) -> None:
    r = without_query(client, how, accept)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), r.text
    assert '<label for="query">' in r.text and "Accept" in r.headers["vary"]


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/turtle", "text/turtle"),
        ("text/turtle;q=0.9, text/html;q=0.5", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "text/turtle"),  # the description is not written in RDF/XML
    ],
)
def test_no_query_gives_the_service_description_to_a_client_that_asks_for_rdf(
    client: TestClient, how: str, accept: str, media: str
) -> None:
    r = without_query(client, how, accept)
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media, r.text
    assert "sparql-service-description#" in r.text and "/sparql" in r.text and "Accept" in r.headers["vary"]


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize(
    "accept", ["application/sparql-results+json", "*/*", None, "", "text/csv", "application/json", "text/html;q=0"]
)
def test_no_query_is_a_400_for_any_other_client(client: TestClient, how: str, accept: str | None) -> None:
    detail = bad_request(without_query(client, how, accept), "no query")
    assert "text/html" in detail and "text/turtle" in detail


def test_no_query_follows_the_format_parameter(client: TestClient) -> None:
    r = client.get("/sparql", params={"format": "turtle"}, headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    bad_request(client.get("/sparql", params={"format": "json"}, headers={"Accept": BROWSER}), "no query")
