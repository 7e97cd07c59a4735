"""Bounded SPARQL execution: read-only, a time limit that really stops the query, a reported cap.

Each query runs in a worker process holding a read-only store; a query that runs past its time
limit is stopped by ending its worker, which is then replaced. pyoxigraph's query call takes no
timeout, so a process boundary is the only way to stop it.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from kb.rdf.readonly import Dataset, QueryRefused, check_readonly, dataset_options

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


class QueryTimeout(Exception):
    pass


class StoreUnavailable(Exception):
    """The query store did not answer (a remote server down, a wrong URL, not a SPARQL endpoint)."""


@dataclass(frozen=True)
class QueryResult:
    body: bytes
    media_type: str
    truncated: bool
    rows: int


Bindings = dict[str, tuple[str, str]]  # variable -> ("iri" | "date", value)


def substitutions(bindings: Bindings | None) -> dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]:
    out: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {}
    for name, (kind, value) in (bindings or {}).items():
        term = (
            ox.NamedNode(value)
            if kind == "iri"
            else ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
        )
        out[ox.Variable(name)] = term
    return out


def execute(
    store: ox.Store,
    text: str,
    accept: list[str],
    cap: int,
    bindings: Bindings | None = None,
    dataset: Dataset | None = None,
) -> QueryResult:
    """Run one query on `store` (in the calling process); values are bound, never formatted in."""
    check_readonly(text)
    try:
        result = store.query(text, substitutions=substitutions(bindings), **dataset_options(text, dataset))
    except SyntaxError as exc:
        raise QueryRefused(f"malformed SPARQL: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        media = pick_format(accept, RESULT_FORMATS, "application/sparql-results+json")
        return QueryResult(_b(result.serialize(format=RESULT_FORMATS[media])), media, False, 1)
    if isinstance(result, ox.QueryTriples):
        media = pick_format(accept, GRAPH_FORMATS, "text/turtle")
        triples: list[ox.Triple] = []
        for t in result:
            if len(triples) == cap:
                return QueryResult(_b(ox.serialize(triples, format=GRAPH_FORMATS[media])), media, True, cap)
            triples.append(t)
        return QueryResult(_b(ox.serialize(triples, format=GRAPH_FORMATS[media])), media, False, len(triples))
    media = pick_format(accept, RESULT_FORMATS, "application/sparql-results+json")
    variables = list(result.variables)
    rows: list[ox.QuerySolution] = []
    truncated = False
    for sol in result:
        if len(rows) == cap:
            truncated = True
            break
        rows.append(sol)
    return QueryResult(encode_solutions(variables, rows, RESULT_FORMATS[media]), media, truncated, len(rows))


def _b(data: bytes | None) -> bytes:
    return data or b""


def pick_format(accept: list[str], formats: dict[str, Any], default: str) -> str:
    """The first accepted media type that `formats` can write, else `default`."""
    for a in accept:
        if a in formats:
            return a
    return default


def encode_solutions(variables: list[ox.Variable], rows: list[ox.QuerySolution], fmt: ox.QueryResultsFormat) -> bytes:
    """Serialise a (possibly truncated) list of solutions with pyoxigraph's own writers."""
    store = _SolutionsStore(variables, rows)
    return store.serialize(fmt)


class _SolutionsStore:
    """Re-run the kept rows through a VALUES query so pyoxigraph writes every format itself."""

    def __init__(self, variables: list[ox.Variable], rows: list[ox.QuerySolution]) -> None:
        self.variables = variables
        self.rows = rows

    def serialize(self, fmt: ox.QueryResultsFormat) -> bytes:
        if not self.variables:
            text = "SELECT * WHERE {} LIMIT 0" if not self.rows else "SELECT * WHERE {}"
            result = ox.Store().query(text)
            assert isinstance(result, ox.QuerySolutions)
            return _b(result.serialize(format=fmt))
        names = " ".join(str(v) for v in self.variables)
        values = " ".join("(" + " ".join(_term(sol[v]) for v in self.variables) + ")" for sol in self.rows)
        result = ox.Store().query(f"SELECT {names} WHERE {{ VALUES ({names}) {{ {values} }} }}")
        assert isinstance(result, ox.QuerySolutions)
        return _b(result.serialize(format=fmt))


def _term(term: Any) -> str:
    if term is None:
        return "UNDEF"
    if isinstance(term, ox.BlankNode):
        return f"<urn:x-blank:{term.value}>"  # blank nodes cannot appear in VALUES
    return str(term)


# --- worker processes ---------------------------------------------------------------------


def _worker(store_path: str, conn: Connection) -> None:
    store = ox.Store.read_only(store_path)
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        text, accept, cap, bindings, dataset = msg
        try:
            res = execute(store, text, accept, cap, bindings, dataset)
            conn.send(("ok", res))
        except QueryRefused as exc:
            conn.send(("refused", str(exc)))
        except Exception as exc:  # an engine error is the query's problem, not the server's
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx: Any, store_path: str) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(store_path, child), daemon=True)
        self.proc.start()

    def stop(self) -> None:
        self.proc.kill()
        self.proc.join(5)


class Runner(Protocol):
    """What the endpoint needs of a query store: the embedded pool below or a remote SPARQL server."""

    cap: int

    def run(
        self, text: str, accept: list[str], bindings: Bindings | None = None, dataset: Dataset | None = None
    ) -> QueryResult: ...

    def close(self) -> None: ...


class QueryRunner:
    """A small pool of query worker processes over a read-only store."""

    def __init__(self, store_path: Path, workers: int = 2, timeout: float = 10.0, cap: int = 10000) -> None:
        self.store_path = str(store_path)
        self.timeout = timeout
        self.cap = cap
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        for _ in range(workers):
            self._idle.put(_Worker(self._ctx, self.store_path))

    def run(
        self, text: str, accept: list[str], bindings: Bindings | None = None, dataset: Dataset | None = None
    ) -> QueryResult:
        worker = self._idle.get()
        try:
            worker.conn.send((text, accept, self.cap, bindings, dataset))
            if not worker.conn.poll(self.timeout):
                worker.stop()
                worker = _Worker(self._ctx, self.store_path)
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
            status, payload = worker.conn.recv()
        except (EOFError, OSError):  # the worker died: pipe closed, broken or reset
            worker.stop()
            worker = _Worker(self._ctx, self.store_path)
            raise QueryRefused("the query stopped its worker (too much memory?); try a narrower query") from None
        finally:
            self._idle.put(worker)
        if status == "ok":
            assert isinstance(payload, QueryResult)
            return payload
        raise QueryRefused(str(payload))

    def close(self) -> None:
        while not self._idle.empty():
            self._idle.get().stop()
