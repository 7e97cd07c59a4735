"""The static site: built from the live templates, link-checked, incremental, pair data present."""

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from api.freeze import build_site
from api.linkcheck import check_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(out, date(2025, 6, 1))
    return out


def test_links_resolve_and_json_parses(site: Path) -> None:
    assert check_site(site) == []


def test_every_page_has_its_twin_in_both_languages(site: Path) -> None:
    pages = sorted(p for p in site.rglob("*.html") if "ontology" not in p.parts)  # pyLODE output has no twin
    assert len(pages) > 500
    for page in pages:
        assert page.with_suffix(".json").exists(), page
    assert (site / "fr" / "state" / "FRA.html").exists() and (site / "state" / "FRA.html").exists()


def test_pair_data_and_static_compare_page(site: Path) -> None:
    text = (site / "data" / "pairs" / "DEU.js").read_text(encoding="utf-8")
    assert text.startswith("TreatyKB.pair(")
    data = json.loads(text[len("TreatyKB.pair(") : -3])
    ptd = data["to"]["AUT"]["PTD"]
    assert ptd[0] == "A" and data["provisions"][ptd[1][0]] == "cets-185/art/30"
    page = (site / "compare" / "index.html").read_text(encoding="utf-8")
    assert "compare.js" in page and 'data-pairs="../data/pairs/"' in page


def test_links_to_pairs_use_the_static_compare_page(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="compare/index.html#DEU/RUS"' in home


def test_size_limits(site: Path) -> None:
    # dumps are exempt (contract 4), and so is the bundled query engine (code, not a page or data file)
    big = [
        p
        for p in site.rglob("*")
        if p.is_file() and p.stat().st_size > 2_000_000 and "download" not in p.parts and "oxigraph" not in p.parts
    ]
    assert big == []


def test_rebuild_rewrites_nothing_and_removes_stale_files(site: Path) -> None:
    stale = site / "state" / "OLD.html"
    stale.write_text("old", encoding="utf-8")
    again = build_site(site, date(2025, 6, 1))
    assert again.written == 0
    assert not stale.exists()


# --- in a real browser: Debian's Chromium driven by Playwright, axe-core for accessibility -------

PAGE_TYPES = [
    "index.html",
    "states.html",
    "state/DEU.html",
    "treaty/cets-185.html",
    "treaty/cets-185/art/29.html",
    "mechanism/PRES.html",
    "gaps/PRES.html",
    "compare/index.html#DEU/AUT",
    "queries/parties_on_date.html",
    "treaty/mtdsg-xviii-12/changes.html",
    "fr/state/FRA.html",
]


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "-b", "127.0.0.1", "-d", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    for _ in range(50):
        try:
            urllib.request.urlopen(base, timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(10)


def test_pair_comparison_in_the_browser_over_http_and_file(browser: Any, served: str, site: Path) -> None:
    page = browser.new_page()
    for url in (served + "compare/index.html#DEU/AUT", (site / "compare" / "index.html").as_uri() + "#DEU/AUT"):
        page.goto(url)
        page.wait_for_selector("#pair-app table", timeout=5000)
        text = page.inner_text("#pair-app")
        assert "DEU → AUT" in text and "Budapest Convention" in text
    page.select_option("#pair-a", "FRA")
    page.select_option("#pair-b", "RUS")
    page.click("#pair-form button")
    page.wait_for_function("document.querySelector('#pair-app h2').textContent.includes('Russia')", timeout=5000)
    page.close()


def test_search_filters_the_index(browser: Any, served: str) -> None:
    page = browser.new_page()
    page.goto(served + "index.html")
    page.fill("#q", "Germany")
    visible = page.eval_on_selector_all("#index li", "els => els.filter(e => !e.hidden).map(e => e.textContent)")
    assert visible and all("Germany" in v for v in visible)
    page.close()


def test_sortable_table_with_the_keyboard(browser: Any, served: str) -> None:
    page = browser.new_page()
    page.goto(served + "treaty/cets-224.html")
    page.focus("table.sortable thead th button")
    page.keyboard.press("Enter")
    assert page.get_attribute("table.sortable thead th", "aria-sort") == "ascending"
    page.close()


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_serious_accessibility_violation(browser: Any, served: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.goto(served + path)
    if "compare" in path:
        page.wait_for_selector("#pair-app table", timeout=5000)
    result = Axe().run(page)
    bad = [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    page.close()
    assert bad == []


def test_search_over_statement_texts_from_file(browser: Any, site: Path) -> None:
    """From file:// the script index answers (over http Pagefind replaces it: next test)."""
    page = browser.new_page()
    for url in ((site / "search.html").as_uri(),):
        page.goto(url)
        page.fill("#search-q", "coca leaf")
        page.wait_for_selector("#search-results li", timeout=5000)
        first = page.inner_text("#search-results li")
        assert "Bolivia" in first
        href = page.get_attribute("#search-results li a", "href")
        assert href and href.startswith("state/BOL.html#mtdsg-vi-19-BOL-")
    page.close()


def test_sparql_in_the_browser_over_http_and_a_clear_message_from_file(browser: Any, served: str, site: Path) -> None:
    page = browser.new_page()
    page.goto(served + "sparql.html?q=treaty_basis_declarations")
    page.wait_for_selector("#sparql-results table", timeout=60000)
    assert "BHS" in page.inner_text("#sparql-results")
    page.goto((site / "sparql.html").as_uri())
    page.wait_for_function(
        "document.getElementById('sparql-status').textContent.includes('served over http')", timeout=5000
    )
    page.close()


def test_gap_map_and_matrix_in_the_browser(browser: Any, served: str) -> None:
    page = browser.new_page()
    page.goto(served + "gaps/PTD.html")
    assert page.eval_on_selector_all("#map svg path", "els => els.length") > 150
    assert page.eval_on_selector("#map svg", "el => el.getBoundingClientRect().width") > 300
    page.click("details[data-matrix] summary")
    page.wait_for_selector("#matrix table tbody tr", timeout=5000)
    rows = page.eval_on_selector_all("#matrix table tbody tr", "els => els.length")
    assert rows > 100
    href = page.get_attribute("#matrix table tbody tr td.m-specific a", "href")
    assert href and "compare/index.html#" in href
    with page.expect_download() as download_info:
        page.click("button[data-png]")
    png = Path(download_info.value.path()).read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10000
    assert download_info.value.suggested_filename.startswith("gaps-PTD-")
    page.close()


def test_full_text_search_with_pagefind_over_http(browser: Any, served: str, site: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    assert (site / "pagefind" / "pagefind-ui.js").exists()
    page = browser.new_page()
    page.goto(served + "search.html")
    page.wait_for_selector(".pagefind-ui__search-input", timeout=10000)
    page.fill(".pagefind-ui__search-input", "coca leaf")
    page.wait_for_function("document.querySelector('#pagefind-search').textContent.includes('Bolivia')", timeout=10000)
    bad = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    page.close()
    assert bad == []
