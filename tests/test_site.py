"""The static site: built from the live templates, link-checked, incremental, pair data present."""

import json
from datetime import date
from pathlib import Path

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
    pages = sorted(site.rglob("*.html"))
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
    big = [p for p in site.rglob("*") if p.is_file() and p.stat().st_size > 2_000_000 and "download" not in p.parts]
    assert big == []


def test_rebuild_rewrites_nothing_and_removes_stale_files(site: Path) -> None:
    stale = site / "state" / "OLD.html"
    stale.write_text("old", encoding="utf-8")
    again = build_site(site, date(2025, 6, 1))
    assert again.written == 0
    assert not stale.exists()
