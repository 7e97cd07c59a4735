"""VoID description of the dataset (the query editor page is in api/editor.py)."""

from __future__ import annotations

from fastapi import Response

from kb import iri
from kb.knowledge import KnowledgeBase
from kb.rdf.serialize import graph_names, turtle_as

DESCRIPTION = (
    "Treaties, participation of states, reservations, declarations and the availability of cooperation "
    "mechanisms between states. Analysis of treaty texts, not legal advice."
)


MEDIA = {
    "treatykb.ttl": "text/turtle",
    "treatykb.nq": "application/n-quads",
    "treatykb.jsonld": "application/ld+json",
}


def void_description(base: str, kb: KnowledgeBase, release: str, checksums: dict[str, str] | None = None) -> str:
    """VoID and DCAT description of the dataset: its SPARQL endpoint, named graphs, and the
    release with its downloadable dumps (with SHA-256 checksums once the dumps exist)."""
    graphs = graph_names(kb.store)
    subsets = "\n".join(f"    void:subset [ a void:Dataset ; sd:name <{g}> ] ;" for g in graphs)
    issued = release.replace(".", "-")
    distributions = []
    for name, media in MEDIA.items():
        url = f"{base}/download/{release}/{name}"
        checksum = (
            f" ;\n        spdx:checksum [ a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha256 ; "
            f'spdx:checksumValue "{checksums[name]}"^^xsd:hexBinary ]'
            if checksums and name in checksums
            else ""
        )
        distributions.append(
            f"""    dcat:distribution [ a dcat:Distribution ;
        dcat:downloadURL <{url}> ;
        dcat:mediaType <https://www.iana.org/assignments/media-types/{media}> ;
        dcterms:license <https://creativecommons.org/licenses/by/4.0/>{checksum} ] ;"""
        )
    dist = "\n".join(distributions)
    return f"""@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix spdx: <http://spdx.org/rdf/terms#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
<{iri.BASE}/dataset> a void:Dataset , dcat:Dataset ;
    dcat:version "{release}" ;
    dcterms:issued "{issued}"^^xsd:date ;
    dcat:landingPage <{base}/> ;
    dcat:accessService [ a dcat:DataService ; dcat:endpointURL <{base}/sparql> ;
        dcterms:conformsTo <https://www.w3.org/TR/sparql11-protocol/> ] ;
{dist}
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


def describe(turtle: str, accept: list[str]) -> Response:
    """The description in the first RDF syntax the client accepts (Turtle by default)."""
    for media in ("application/ld+json", "application/n-triples", "text/turtle"):
        if media in accept:
            return Response(turtle_as(turtle, media), media_type=media, headers={"Vary": "Accept"})
    return Response(turtle, media_type="text/turtle", headers={"Vary": "Accept"})
