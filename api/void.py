"""VoID description of the dataset (the query editor page is in api/editor.py)."""

from __future__ import annotations

from kb import iri
from kb.knowledge import KnowledgeBase

DESCRIPTION = (
    "Treaties, participation of states, reservations, declarations and the availability of cooperation "
    "mechanisms between states. Analysis of treaty texts, not legal advice."
)


def void_description(base: str, kb: KnowledgeBase) -> str:
    graphs = sorted({str(q.graph_name.value) for q in kb.store if hasattr(q.graph_name, "value")})
    subsets = "\n".join(f"    void:subset [ a void:Dataset ; sd:name <{g}> ] ;" for g in graphs)
    return f"""@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
<{iri.BASE}/dataset> a void:Dataset ;
    dcterms:title "TreatyKB: international cooperation in criminal matters"@en ;
    dcterms:title "TreatyKB : coopération internationale en matière pénale"@fr ;
    dcterms:description "{DESCRIPTION}"@en ;
    dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;
    void:sparqlEndpoint <{base}/sparql> ;
    void:uriSpace "{iri.BASE}/id/" ;
    void:vocabulary <{iri.COOP_NS}> , <http://www.w3.org/2004/02/skos/core#> , <http://www.w3.org/ns/prov#> ,
        <http://data.europa.eu/eli/ontology#> ;
    void:triples {len(kb.store)} ;
{subsets}
    .
"""
