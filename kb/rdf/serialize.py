"""RDF syntaxes for the HTTP surfaces: which media types we serve and the conversions between them."""

from __future__ import annotations

import pyoxigraph as ox

RDF_MEDIA_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def turtle_as(turtle: str, media: str) -> bytes:
    """The Turtle document in the RDF syntax of `media` (one of RDF_MEDIA_TYPES)."""
    if media == "text/turtle":
        return turtle.encode()
    triples = list(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))
    return ox.serialize(triples, format=RDF_MEDIA_TYPES[media]) or b""


def describe(store: ox.Store, subject: str, media: str) -> bytes | None:
    """The triples with `subject` as subject (each once, sorted), in the syntax of `media`; None
    when the store has none."""
    seen: dict[str, ox.Triple] = {}
    for q in store.quads_for_pattern(ox.NamedNode(subject), None, None):
        t = ox.Triple(q.subject, q.predicate, q.object)
        seen.setdefault(str(t), t)
    if not seen:
        return None
    return ox.serialize([seen[k] for k in sorted(seen)], format=RDF_MEDIA_TYPES[media]) or b""


def graph_names(store: ox.Store) -> list[str]:
    """The named graphs of the store, sorted."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
