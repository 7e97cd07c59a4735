"""The query editor at /sparql: completions from the KB, vendored YASGUI, plain form, and in a browser.

The browser tests run the real app (uvicorn, real query workers over a real on-disk store) and
Debian's Chromium through Playwright; they skip when Chromium or site/vendor/node_modules is missing.
"""

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.app import create_app
from api.editor import VENDOR, build_editor_router, editor_context, editor_installed
from api.render import render
from kb.knowledge import KnowledgeBase
from kb.matrix import availability_graph
from kb.rdf.executor import QueryRunner
from kb.rdf.persistent import open_persistent

COOP = "https://w3id.org/treatykb/def/coop#"
STATE = "https://w3id.org/treatykb/id/state/"
needs_editor = pytest.mark.skipif(not editor_installed(), reason="YASGUI is not installed (npm install in site/vendor)")


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QueryRunner]:
    store = open_persistent(
        tmp_path_factory.mktemp("cache"), mechanisms=["PTD"], availability=availability_graph(["PTD"])
    )
    r = QueryRunner(store, workers=1, timeout=10.0, cap=1000)
    yield r
    r.close()


@pytest.fixture(scope="module")
def client(runner: QueryRunner, real_kb: KnowledgeBase) -> TestClient:
    return TestClient(create_app(real_kb, runner), raise_server_exceptions=False)


def test_completions_come_from_the_knowledge_base(client: TestClient) -> None:
    r = client.get("/sparql/completions.json")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    doc = r.json()
    assert doc["prefixes"]["coop"] == COOP and doc["prefixes"]["state"] == STATE
    classes = {c["iri"]: c for c in doc["classes"]}
    assert classes[COOP + "Reservation"]["label"] == "Reservation"
    properties = {p["iri"]: p for p in doc["properties"]}
    assert properties[COOP + "actor"]["type"] == "ObjectProperty"
    states = {s["code"]: s for s in doc["states"]}
    assert states["DEU"]["iri"] == STATE + "DEU" and states["DEU"]["label"] == "Germany"
    assert states["FRA"]["label_fr"] == "France" and len(states) > 190
    treaties = {t["slug"]: t for t in doc["treaties"]}
    assert treaties["cets-185"]["label"] == "Budapest Convention"
    assert treaties["cets-185"]["iri"] == "https://w3id.org/treatykb/id/treaty/cets-185"
    mechanisms = {m["notation"]: m for m in doc["mechanisms"]}
    assert mechanisms["CD"]["label"] == "Controlled delivery" and len(mechanisms) > 20
    # the page's JSON twin is the same document
    assert client.get("/sparql.json").json() == doc


def test_the_plain_form_is_always_there(client: TestClient) -> None:
    page = client.get("/sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<html lang="en">' in html and '<form id="sparql-plain" method="get" action="sparql">' in html
    assert '<label for="query">' in html and '<textarea id="query" name="query"' in html
    assert 'href=".well-known/void"' in html and "not legal advice" in html
    without = render("sparql.html", editor_context("en", installed=False))
    assert '<textarea id="query" name="query"' in without and "not legal advice" in without
    assert "yasgui" not in without and "editor.js" not in without
    fr = client.get("/fr/sparql")
    assert fr.status_code == 200 and '<html lang="fr">' in fr.text and 'action="../sparql"' in fr.text


@needs_editor
def test_the_page_includes_the_vendored_editor(client: TestClient) -> None:
    html = client.get("/sparql", headers={"Accept": "text/html"}).text
    assert 'src="vendor/yasgui/yasgui.min.js"' in html and 'href="vendor/yasgui/yasgui.min.css"' in html
    assert "static/editor.js" in html and "static/yasr-chart.js" in html and "static/yasr-map.js" in html
    assert "https://" not in html.split("<script", 1)[1].split("</script>", 1)[0].replace('"https://', "")


@needs_editor
def test_vendored_files_are_served_with_media_types(client: TestClient) -> None:
    js = client.get("/vendor/yasgui/yasgui.min.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert "Yasgui" in js.text[:2000]
    css = client.get("/vendor/yasgui/yasgui.min.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    r = client.get("/vendor/yasgui/nothing.js")
    assert r.status_code == 404 and r.json()["error"] == "not found"
    assert client.get("/vendor/yasgui/..%2F..%2Fpackage.json").status_code == 404


def test_missing_vendor_directory_is_a_json_404(tmp_path: Path, real_kb: KnowledgeBase) -> None:
    from fastapi import FastAPI

    app = FastAPI()
    app.include_router(build_editor_router(lambda: real_kb, vendor=tmp_path / "absent"))
    r = TestClient(app).get("/vendor/yasgui/yasgui.min.js")
    assert r.status_code == 404 and "not installed" in r.json()["detail"]


def test_endpoint_behaviour_is_kept(client: TestClient) -> None:
    q = f"PREFIX coop: <{COOP}> SELECT ?r WHERE {{ ?r a coop:Reservation }} LIMIT 2"
    r = client.get("/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 2
    r = client.post("/sparql", data={"query": q}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    sd = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert sd.headers["content-type"].startswith("text/turtle") and "sd:Service" in sd.text


def test_world_shapes_for_the_map(client: TestClient) -> None:
    from api.worldmap import shapes

    r = client.get("/sparql/shapes.json")
    if not shapes():
        assert r.status_code == 404
        return
    doc = r.json()
    assert doc["width"] > 0 and doc["shapes"]["DEU"].startswith("M")


# --- in a real browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live(runner: QueryRunner, real_kb: KnowledgeBase) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(real_kb, runner), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def editor_browser(browser: Any) -> Any:
    """The shared Chromium (tests/conftest.py), once YASGUI is known to be installed."""
    if not editor_installed():
        if os.environ.get("CI"):
            pytest.fail(f"YASGUI is missing in {VENDOR}: make setup runs npm install")
        pytest.skip("YASGUI is not installed (npm install in site/vendor)")
    return browser


QUERY = f"""PREFIX coop: <{COOP}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?state ?name (COUNT(?s) AS ?reservations) WHERE {{
  ?s a coop:Reservation ; coop:actor ?state .
  OPTIONAL {{ ?state rdfs:label ?name FILTER(LANG(?name) = "en") }}
}} GROUP BY ?state ?name ORDER BY DESC(?reservations) LIMIT 15"""


def serious(page: Any) -> list[tuple[str, str, list[Any]]]:
    """axe-core's serious and critical violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_query_table_chart_map_and_accessibility_in_the_browser(editor_browser: Any, live: str) -> None:
    page = editor_browser.new_page()
    foreign: list[str] = []
    page.on("request", lambda req: None if req.url.startswith(live) else foreign.append(req.url))
    page.goto(live + "sparql")
    page.wait_for_selector("#yasgui .CodeMirror", timeout=15000)
    assert page.is_hidden("#sparql-plain")
    page.evaluate("q => window.treatykbEditor.getTab().getYasqe().setValue(q)", QUERY)
    page.click("#yasgui .yasqe_queryButton")
    page.wait_for_selector("#yasgui .yasr table.dataTable tbody tr", timeout=20000)
    assert "Germany" in page.inner_text("#yasgui .yasr") or "United States" in page.inner_text("#yasgui .yasr")

    bad = serious(page)  # the table view

    page.click("#yasgui .yasr .select_chart")
    page.wait_for_selector("#yasgui .yasr figure.tkb-chart svg[role=img] title", state="attached", timeout=10000)
    assert page.eval_on_selector_all("#yasgui .tkb-chart-svg rect", "els => els.length") >= 5
    assert "reservations" in page.inner_text("#yasgui .tkb-alt summary")

    bad += serious(page)

    page.click("#yasgui .yasr .select_map")
    page.wait_for_selector("#yasgui .yasr .tkb-map-svg path.tkb-hit", state="attached", timeout=15000)
    hits = page.eval_on_selector_all("#yasgui .tkb-map-svg path.tkb-hit", "els => els.map(e => e.dataset.state)")
    assert "USA" in hits and len(hits) >= 10
    assert page.eval_on_selector("#yasgui .tkb-map-svg", "el => el.getBoundingClientRect().width") > 300

    bad += serious(page)
    page.close()
    assert bad == [], bad
    assert foreign == []


def test_completion_offers_terms_from_the_kb_and_asks_no_other_host(editor_browser: Any, live: str) -> None:
    page = editor_browser.new_page()
    foreign: list[str] = []
    page.on("request", lambda req: None if req.url.startswith(live) else foreign.append(req.url))
    page.goto(live + "sparql")
    page.wait_for_selector("#yasgui .CodeMirror", timeout=15000)
    prefixes = f"PREFIX state: <{STATE}>\nPREFIX coop: <{COOP}>\n"
    for body, wanted in (
        ("SELECT * WHERE { ?s ?p state:ger", ["state:DEU", "Germany"]),
        ("SELECT * WHERE { ?s coop:act", ["coop:actor"]),
        ("SELECT * WHERE { ?s a coop:Reserv", ["coop:Reservation"]),
    ):
        page.evaluate(
            "q => { const y = window.treatykbEditor.getTab().getYasqe(); y.setValue(q); y.focus();"
            " y.getDoc().setCursor({line: 2, ch: 1000}); y.autocomplete(); }",
            prefixes + body,
        )
        page.wait_for_selector(".CodeMirror-hints li", timeout=10000)
        hints = page.inner_text(".CodeMirror-hints")
        assert all(w in hints for w in wanted), hints
        page.keyboard.press("Escape")
    page.close()
    assert foreign == []


def test_without_javascript_the_plain_form_runs_the_query(editor_browser: Any, live: str) -> None:
    context = editor_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live + "sparql")
    assert page.is_visible("#sparql-plain textarea")
    page.select_option("#format", "csv")
    with page.expect_download() as download:
        page.click("#sparql-plain button[type=submit]")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("state,name,reservations")
    context.close()


def test_journey_from_the_gap_overview_to_a_simulation_and_back(browser: Any, live: str) -> None:
    """Issue 17: /gaps -> a mechanism's gap map -> a state -> its what-if -> back, by the page's own
    links and form, with no serious or critical axe-core violation on any page."""
    page = browser.new_page()
    page.set_default_timeout(120000)
    page.goto(live + "gaps")
    assert page.locator("#gap-overview tbody tr").count() == 12
    seen = {"overview": serious(page)}
    page.click("#gap-overview a[href$='gaps/PRES']")
    page.wait_for_selector("#gap-table")
    assert page.eval_on_selector_all("#map svg path[data-class]", "els => els.length") > 150
    seen["gap map"] = serious(page)
    page.click("#gap-table tr[data-state='RUS'] a")
    page.wait_for_selector("#simulate-form")
    assert "/state/RUS" in page.url
    seen["state"] = serious(page)
    page.check("#simulate-form input[name='join'][value='cets-185']")
    page.click("#simulate-form button[type='submit']")
    page.wait_for_selector("#m-PRES")
    assert "/simulate/RUS" in page.url and "join=cets-185" in page.url
    assert "Hypothetical" in page.inner_text(".hypothetical")
    assert "DEU" in page.inner_text("#m-PRES")
    seen["simulation"] = serious(page)
    page.click("text=Back to the state page")
    page.wait_for_selector("#simulate-form")
    assert page.url.rstrip("/").endswith("/state/RUS")
    assert all(not v for v in seen.values()), seen
    page.close()
