"""The one vocabulary (kb/vocab.py) against the ontology: both ways, for every enumerated scheme."""

from enum import StrEnum

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kb import paths
from kb.iri import COOP_NS
from kb.vocab import EVENT_CLASS, SCHEMES, STATEMENT_CLASS, AvailabilityStatus, term

ONTOLOGY = Graph().parse(paths.ONTOLOGY_DIR / "coop.ttl")


@pytest.mark.parametrize("enum", list(SCHEMES), ids=lambda e: e.__name__)
def test_every_member_has_its_term_and_every_term_its_member(enum: type[StrEnum]) -> None:
    scheme = URIRef(COOP_NS + SCHEMES[enum])
    individuals = {str(s) for s in ONTOLOGY.subjects(RDF.type, scheme)}
    members = {term(m) for m in enum}
    assert members - individuals == set(), f"members without an ontology term in coop:{SCHEMES[enum]}"
    assert individuals - members == set(), f"terms of coop:{SCHEMES[enum]} without a member of {enum.__name__}"


def test_every_statement_kind_is_an_ontology_class() -> None:
    classes = set(ONTOLOGY.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")))
    assert {URIRef(COOP_NS + c) for c in STATEMENT_CLASS.values()} <= classes
    assert {URIRef(COOP_NS + c) for c in EVENT_CLASS.values()} <= classes


def test_status_order_and_letters_are_one_table() -> None:
    ordered = sorted(AvailabilityStatus, key=lambda s: s.rank, reverse=True)
    assert [s.value for s in ordered] == ["available", "available_with_conditions", "unknown", "not_available"]
    assert all(AvailabilityStatus.from_letter(s.letter) is s for s in AvailabilityStatus)
