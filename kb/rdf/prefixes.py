"""Prefixes used in every file TreatyKB writes, so that all Turtle looks the same."""

from __future__ import annotations

import re

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, ClosedNamespace

from kb import iri, paths


def _ontology_terms() -> list[str]:
    """Every local name the ontology defines (a subject line `coop:Name` of coop.ttl)."""
    text = (paths.ONTOLOGY_DIR / "coop.ttl").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"^coop:(\w+)\s*$", text, flags=re.M)))


# closed: a misspelt term (COOP.Exlude, COOP["DualCriminalty"]) fails where the code or data names it
COOP = ClosedNamespace(iri.COOP_NS, _ontology_terms())
MECH = Namespace(iri.MECHANISM_NS)
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = Namespace("https://schema.org/")
LKIF = Namespace("http://www.estrellaproject.org/lkif-core/norm.owl#")
VANN = Namespace("http://purl.org/vocab/vann/")
WD = Namespace("http://www.wikidata.org/entity/")
STATE = Namespace(f"{iri.BASE}/id/state/")
TERRITORY = Namespace(f"{iri.BASE}/id/territory/")
ORG = Namespace(f"{iri.BASE}/id/org/")
TREATY = Namespace(f"{iri.BASE}/id/treaty/")
STATEMENT = Namespace(f"{iri.BASE}/id/statement/")
ACTION = Namespace(f"{iri.BASE}/id/action/")
SOURCE = Namespace(f"{iri.BASE}/id/source/")

PREFIXES: dict[str, Namespace] = {
    "coop": COOP,
    "mech": MECH,
    "eli": ELI,
    "schema": SCHEMA,
    "lkif": LKIF,
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "sh": Namespace(str(SH)),
    "vann": VANN,
    "wd": WD,
    "state": STATE,
    "territory": TERRITORY,
    "org": ORG,
    "treaty": TREATY,
    "statement": STATEMENT,
    "action": ACTION,
    "source": SOURCE,
}


def new_graph() -> Graph:
    """An empty graph with exactly the house prefixes bound."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g
