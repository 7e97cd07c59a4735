"""Every library query runs on the real data and finds what the sources say."""

import json
from typing import Any

import pytest

from kb.errors import UnknownInput
from kb.knowledge import KnowledgeBase
from kb.library import bind, get, library
from kb.rdf.executor import execute

W = "https://w3id.org/treatykb/id/"
# query -> (parameters, a value some row must contain); availability queries are tested on the
# persistent store in test_sparql.py
EXPECT: dict[str, tuple[dict[str, str], str | None]] = {
    "parties_on_date": ({"treaty": "mtdsg-xviii-12", "date": "2010-01-01"}, W + "state/RUS"),
    "signatories_not_parties": ({"treaty": "cets-224", "date": "2024-01-01"}, W + "state/USA"),
    "reservations_to_article": ({"article": "cets-185/art/29"}, W + "statement/cets-185/AUT/1"),
    "statements_of_state": ({"state": "DEU", "treaty": "cets-185"}, W + "statement/cets-185/DEU/3"),
    "treaty_basis_declarations": ({"treaty": "mtdsg-xviii-12"}, W + "state/BHS"),
    "changes_between_dates": (
        {"treaty": "mtdsg-xviii-12", "from": "2014-11-01", "until": "2014-12-31"},
        W + "state/BRB",
    ),
    "designated_authorities": ({"treaty": "cets-185"}, W + "state/AUT"),
    "territorial_statements": ({"treaty": "cets-185"}, W + "territory/CUW"),
    "objections": ({"treaty": "mtdsg-xviii-12-b"}, W + "state/DEU"),
    "withdrawn_reservations": ({}, W + "state/CZE"),
    "derived_entries_into_force": ({"treaty": "mtdsg-vi-19"}, W + "state/CHN"),
    "participation_of_state": ({"state": "RUS"}, W + "treaty/mtdsg-xviii-12"),
    "untoc_parties_not_budapest": ({"date": "2024-01-01"}, W + "state/CHN"),
    "provisions_for_mechanism": ({"mechanism": "PRES"}, W + "treaty/cets-185/art/29"),
    "mechanisms_of_treaty": ({"treaty": "cets-185"}, W + "mechanism/PTD"),
    "sources_of_treaty": (
        {"treaty": "mtdsg-xviii-12"},
        "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12&chapter=18&lang=en",
    ),
    "unverified_facts": ({}, W + "treaty/mtdsg-xviii-12-b"),
    "reservations_per_provision": ({"treaty": "mtdsg-vi-19"}, W + "treaty/mtdsg-vi-19/art/32/para/2"),
    "reciprocity_conditions": ({}, W + "state/AND"),
    "reio_participation": ({}, W + "org/EU"),
    "facts_by_grade": ({"treaty": "cets-185"}, "secondary"),
    "secondary_facts": ({"treaty": "cets-185"}, W + "state/TUN"),
    "pairs_lacking_mechanism": ({"mechanism": "PRES"}, None),
    "answers_on_secondary_sources": ({"mechanism": "PRES"}, None),  # the computed graph: see test_matrix
    "availability_of_pair": ({"requesting": "DEU", "requested": "RUS"}, None),
}


def test_library_has_at_least_20_queries_each_tested() -> None:
    assert len(library()) >= 20
    assert set(library()) == set(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_query_on_real_data(name: str, real_kb: KnowledgeBase) -> None:
    q = get(name)
    params, wanted = EXPECT[name]
    b = bind(q, params, set(real_kb.actors), set(real_kb.inputs().mechanisms))
    doc: dict[str, Any] = json.loads(execute(real_kb.store, q.text, [], 100000, b).body)
    values = {v["value"] for row in doc["results"]["bindings"] for v in row.values()}
    if wanted is not None:
        assert wanted in values


def test_bad_parameters_are_refused(real_kb: KnowledgeBase) -> None:
    from kb.errors import UnknownInput

    with pytest.raises(UnknownInput):
        bind(get("parties_on_date"), {"date": "yesterday"}, set(real_kb.actors), set())
    with pytest.raises(UnknownInput):
        bind(get("statements_of_state"), {"state": "ZZZ"}, set(real_kb.actors), set())


def test_parameters_are_checked_strictly(real_kb: KnowledgeBase) -> None:
    """Python reads 20200101 and 2020-W01-1 as dates; the contract's dates are YYYY-MM-DD only."""
    q = get("parties_on_date")
    for bad in ("20200101", "2020-W01-1", "2020-02-30", "x"):
        with pytest.raises(UnknownInput):
            bind(q, {"date": bad}, set(real_kb.actors), set(real_kb.inputs().mechanisms))
    reservations = get("reservations_to_article")
    for bad in ("x y>/art/29", "cets-185/art/x y>", "cets-185"):
        with pytest.raises(UnknownInput):
            bind(reservations, {"article": bad}, set(real_kb.actors), set(real_kb.inputs().mechanisms))
