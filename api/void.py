"""VoID description of the dataset and the plain query editor page."""

from __future__ import annotations

from html import escape

from fastapi import Request

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


def editor_page(request: Request) -> str:
    """A plain, keyboard-friendly query form; the full editor enhances it when present."""
    example = (
        "PREFIX coop: <https://w3id.org/treatykb/def/coop#>\n"
        "SELECT ?statement ?state WHERE {\n  ?statement a coop:Reservation ; coop:actor ?state .\n} LIMIT 20"
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TreatyKB SPARQL endpoint</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>
<h1>TreatyKB SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over the whole knowledge base (default graph: the union of all named graphs).
Queries stop after the time limit; results are capped and the cap is reported.</p>
<form method="get" action="/sparql">
<label for="query">Query</label><br>
<textarea id="query" name="query" rows="12" cols="90">{escape(example)}</textarea><br>
<label for="format">Result format</label>
<select id="format" name="format"><option value="json">SPARQL JSON</option><option value="xml">SPARQL XML</option>
<option value="csv">CSV</option><option value="tsv">TSV</option></select>
<button type="submit">Run query</button>
</form>
<p><a href="/.well-known/void">Dataset description (VoID)</a> · analysis of treaty texts, not legal advice</p>
</main></body></html>"""
