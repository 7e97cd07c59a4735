"""Read-only SPARQL for users: SELECT, ASK, CONSTRUCT and DESCRIBE; nothing else."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kb.errors import KBError
from kb.rdf.sparql_syntax import readings

_STRINGS = re.compile(r"'''.*?'''|\"\"\".*?\"\"\"|'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\"|<[^<>\s]*>|#[^\n]*", re.S)
# Nothing is refused without one of these words, so a text that has none (nearly every query) is
# not parsed here: pyoxigraph parses it anyway and says what is wrong with it. "service" is looked
# for anywhere, even inside a longer word, so that no SERVICE can pass unparsed; a \u escape could
# spell any word, so a text with one is parsed too.
_MAY_CALL_OUT = re.compile("service", re.I)
_SUSPECT = re.compile(r"service|\\[uU]|\b(?:LOAD|INSERT|DELETE|CLEAR|DROP|CREATE|COPY|MOVE|ADD)\b", re.I)

_FROM = re.compile(r"(?<![\w?$:-])FROM(?![\w:-])", re.I)  # FROM and FROM NAMED, outside strings and IRIs


class QueryRefused(KBError):
    """The query is malformed or asks for something a read-only endpoint does not do."""


@dataclass(frozen=True)
class Dataset:
    """An RDF dataset named by the SPARQL protocol (`default-graph-uri`, `named-graph-uri`)."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for iri in self.default_graphs + self.named_graphs:
            try:
                ox.NamedNode(iri)
            except ValueError as exc:
                raise QueryRefused(f"graph {iri!r} is not an absolute IRI: {exc}") from None


def dataset_options(text: str, dataset: Dataset | None = None) -> dict[str, Any]:
    """How the store builds the query's dataset (SPARQL 1.1 Protocol 2.1.4, Query 13.2).

    The protocol's graphs, if any, replace the query's own FROM / FROM NAMED; else the query's
    clauses make the dataset; else (the usual case) the default graph is the union of all graphs.
    """
    if dataset is not None and (dataset.default_graphs or dataset.named_graphs):
        return {
            "default_graph": [ox.NamedNode(g) for g in dataset.default_graphs],
            "named_graphs": [ox.NamedNode(g) for g in dataset.named_graphs],
        }
    if _FROM.search(_STRINGS.sub(" ", text)):
        return {}
    return {"use_default_graph_as_union": True}


def check_readonly(text: str) -> None:
    """Refuse an update, a SERVICE (a federated query) anywhere in a query, or a query the guard cannot read.

    The decision comes from the parsed query (kb/rdf/sparql_syntax.py), not from its words: a variable
    ?add, a string "LOAD" or a comment about SERVICE are fine. A syntax error is left to pyoxigraph's
    parser, which reports it in its own words, unless the text mentions "service": a query that the
    guard's parser cannot read is then refused, as the guard cannot tell whether it calls out.
    """
    if _SUSPECT.search(text) is None:
        return
    found = readings(text)
    for reading in found:
        if reading.update:
            raise QueryRefused(f"{reading.update} is not allowed: the endpoint is read-only (no SPARQL Update)")
    for reading in found:
        if reading.service:
            raise QueryRefused("SERVICE is not allowed: the endpoint is read-only and makes no outside calls")
    for reading in found:
        if reading.error and _MAY_CALL_OUT.search(reading.text):
            if reading.gave_up:
                raise QueryRefused(f"the read-only check cannot read this query that mentions SERVICE: {reading.error}")
            raise QueryRefused(f"malformed SPARQL: {reading.error}")


def run_readonly(store: ox.Store, text: str, fmt: str = "table") -> str:
    check_readonly(text)
    try:
        result = store.query(text, **dataset_options(text))
    except SyntaxError as exc:
        raise QueryRefused(f"malformed SPARQL: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.TURTLE).decode("utf-8")  # type: ignore[union-attr]
    if fmt == "csv":
        return result.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")  # type: ignore[union-attr]
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")  # type: ignore[union-attr]
    names = [v.value for v in result.variables]
    rows = [[(sol[n].value if sol[n] is not None else "") for n in names] for sol in result]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append(f"({len(rows)} row(s))")
    return "\n".join(lines) + "\n"
