"""A SPARQL 1.1 server as the query store: the way to outgrow one machine (`treatykb serve --store URL`).

`RemoteRunner` has the interface of `QueryRunner`: the same read-only check before anything is sent,
the same result cap (reported, never silent) and a time limit after which the answer is a timeout.
Results are fetched as SPARQL JSON or N-Triples, truncated at the cap and written again in the
format the client asked for by pyoxigraph's own serialisers, so both stores answer byte-alike.

Parameters of library queries are bound with a `VALUES` block placed first in the outermost group
pattern, built from pyoxigraph terms (an IRI that is not an IRI is refused by the term's own
constructor), never by formatting request text into the query.
"""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from kb.rdf.executor import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    Bindings,
    QueryResult,
    QueryTimeout,
    StoreUnavailable,
    encode_solutions,
    pick_format,
    substitutions,
)
from kb.rdf.readonly import Dataset, QueryRefused, check_readonly

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_values(text: str, bindings: Bindings | None) -> str:
    """`text` with a VALUES block binding each parameter, first in the outermost WHERE group."""
    terms = substitutions(bindings)
    if not terms:
        return text
    match = _WHERE.search(text)
    if match is None:
        raise QueryRefused("a parameterised query needs a WHERE clause to bind its parameters")
    names = " ".join(str(v) for v in terms)
    row = " ".join(str(t) for t in terms.values())
    block = f" VALUES ({names}) {{ ({row}) }} "
    return text[: match.end()] + block + text[match.end() :]


def query_form(text: str) -> str:
    """SELECT (or ASK) or CONSTRUCT (or DESCRIBE), read by parsing the query on an empty store."""
    try:
        probe = ox.Store().query(text)
    except SyntaxError as exc:
        raise QueryRefused(f"malformed SPARQL: {exc}") from None
    return "graph" if isinstance(probe, ox.QueryTriples) else "solutions"


class RemoteRunner:
    """Runs read-only queries on any SPARQL 1.1 Protocol endpoint given by URL."""

    def __init__(self, endpoint: str, timeout: float = 10.0, cap: int = 10000) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) URL of a SPARQL endpoint: {endpoint!r}")
        self.endpoint = endpoint
        self.timeout = timeout
        self.cap = cap

    def _post(self, text: str, accept: str, dataset: Dataset | None = None) -> tuple[bytes, str]:
        fields = [("query", text)]
        if dataset is not None:  # the protocol's dataset, passed on as the protocol says
            fields += [("default-graph-uri", g) for g in dataset.default_graphs]
            fields += [("named-graph-uri", g) for g in dataset.named_graphs]
        body = urlencode(fields).encode()
        request = urllib.request.Request(
            self.endpoint,
            data=body,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - http(s) only
                return response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", errors="replace")[:500]
            if exc.code == 400:
                raise QueryRefused(f"the store refused the query: {detail}") from None
            raise StoreUnavailable(f"the store answered HTTP {exc.code}: {detail}") from None
        except TimeoutError:
            raise QueryTimeout(f"the query ran longer than {self.timeout:g} s (remote store)") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s (remote store)") from None
            raise StoreUnavailable(f"the store at {self.endpoint} did not answer: {exc.reason}") from None

    def ping(self) -> None:
        """Ask the store a trivial question; raises StoreUnavailable if it is not a SPARQL endpoint."""
        body, media = self._post("ASK {}", "application/sparql-results+json")
        try:
            ox.parse_query_results(io.BytesIO(body), format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError):
            raise StoreUnavailable(f"{self.endpoint} answered {media}, not SPARQL results") from None

    def run(
        self, text: str, accept: list[str], bindings: Bindings | None = None, dataset: Dataset | None = None
    ) -> QueryResult:
        check_readonly(text)
        form = query_form(text)  # a malformed query is refused here and never sent
        sent = bind_values(text, bindings)
        if form == "graph":
            return self._graph(sent, accept, dataset)
        body, _ = self._post(sent, "application/sparql-results+json", dataset)
        parsed = ox.parse_query_results(io.BytesIO(body), format=ox.QueryResultsFormat.JSON)
        media = pick_format(accept, RESULT_FORMATS, "application/sparql-results+json")
        if isinstance(parsed, ox.QueryBoolean):
            return QueryResult(parsed.serialize(format=RESULT_FORMATS[media]) or b"", media, False, 1)
        variables = list(parsed.variables)
        rows: list[ox.QuerySolution] = []
        truncated = False
        for solution in parsed:
            if len(rows) == self.cap:
                truncated = True
                break
            rows.append(solution)
        return QueryResult(encode_solutions(variables, rows, RESULT_FORMATS[media]), media, truncated, len(rows))

    def _graph(self, text: str, accept: list[str], dataset: Dataset | None = None) -> QueryResult:
        body, _ = self._post(text, "application/n-triples", dataset)
        media = pick_format(accept, GRAPH_FORMATS, "text/turtle")
        triples: list[ox.Triple] = []
        truncated = False
        for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
            if len(triples) == self.cap:
                truncated = True
                break
            triples.append(quad.triple)
        data = ox.serialize(triples, format=GRAPH_FORMATS[media]) or b""
        return QueryResult(data, media, truncated, len(triples))

    def close(self) -> None:
        """Nothing to release: each query is one HTTP request."""
