"""SPARQL 1.1 Protocol endpoint (contract section 3): read-only, bounded, self-describing."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs

import anyio
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from api.void import describe
from kb import iri
from kb.rdf.executor import GRAPH_FORMATS, RESULT_FORMATS, QueryResult, QueryTimeout, Runner, StoreUnavailable
from kb.rdf.readonly import Dataset, QueryRefused

FORMAT_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
KNOWN = set(RESULT_FORMATS) | set(GRAPH_FORMATS)
# /sparql without a query (contract section 3): the editor to a client that accepts HTML, the service
# description to one that asks for RDF, 400 to any other (a missing query is a protocol error).
HTML_TYPES = ("text/html", "application/xhtml+xml")
DESCRIPTION_TYPES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")
NO_QUERY = (
    "no query: send it as the query parameter (GET or a URL-encoded POST) or as an application/sparql-query "
    "body; Accept: text/html gets the query editor, Accept: text/turtle the service description"
)
# Relative IRIs in a query resolve against the service's base IRI (SPARQL 1.1 Protocol: "which MAY
# be the service endpoint"); a BASE in the query itself still wins, as it comes later.
QUERY_BASE = f"{iri.BASE}/sparql"
# Queries wait for a worker in threads of their own, never on the event loop or in the threads
# that serve the pages and the JSON API.
QUERY_THREADS = 16


class NotUtf8(Exception):
    pass


def form(text: str) -> dict[str, list[str]]:
    """Decode URL-encoded parameters; percent-escapes must be UTF-8 (SPARQL 1.1 Protocol 2.1)."""
    try:
        return parse_qs(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise NotUtf8("the request parameters are not UTF-8") from None


def error(status: int, title: str, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": title, "detail": detail}, status_code=status, headers=headers)


def accepted(request: Request, fmt: str | None) -> list[str]:
    """Media types the client accepts, best first (a `format` parameter wins); q=0 means "not this one"."""
    if fmt:
        return [FORMAT_ALIASES.get(fmt, fmt)]
    items: list[tuple[float, int, str]] = []
    for i, part in enumerate(request.headers.get("accept", "").split(",")):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if bits[0] and q > 0:
            items.append((-q, i, bits[0]))
    out = [m for _, _, m in sorted(items)]
    if "application/json" in out:
        out.insert(out.index("application/json"), "application/sparql-results+json")
    return out


def build_router(runner: Runner, editor: Any) -> APIRouter:
    router = APIRouter()
    limiter: list[anyio.CapacityLimiter] = []

    async def run(text: str, accept: list[str], dataset: Dataset) -> QueryResult:
        """runner.run blocks until a worker answers: wait in a thread, never on the event loop."""
        if not limiter:
            limiter.append(anyio.CapacityLimiter(QUERY_THREADS))
        return await anyio.to_thread.run_sync(runner.run, text, accept, None, dataset, limiter=limiter[0])

    async def answer(request: Request, params: dict[str, list[str]], body_query: str | None) -> Response:
        if "update" in params:
            return error(400, "refused", "the endpoint is read-only: SPARQL Update is not accepted")
        try:  # the protocol's dataset replaces the query's FROM / FROM NAMED (SPARQL 1.1 Protocol 2.1.4)
            dataset = Dataset(tuple(params.get("default-graph-uri", [])), tuple(params.get("named-graph-uri", [])))
        except QueryRefused as exc:
            return error(400, "bad request", str(exc))
        queries = params.get("query", [])
        if body_query is not None:
            queries = [*queries, body_query]
        if len(queries) > 1:
            return error(400, "bad request", "exactly one query is allowed; it was given more than once")
        fmt = params.get("format", [None])[0]
        text = queries[0] if queries else ""
        if not text.strip():  # no query, or an empty one (an empty form field, an empty body)
            return without_query(request, accepted(request, fmt))
        try:
            result = await run(f"BASE <{QUERY_BASE}>\n{text}", accepted(request, fmt), dataset)
        except QueryTimeout as exc:
            return error(503, "timeout", str(exc))
        except QueryRefused as exc:
            # positions in the message count from the user's first line, not from the BASE line
            detail = re.sub(r"error at (\d+):", lambda m: f"error at {int(m.group(1)) - 1}:", str(exc), count=1)
            return error(400, "bad query", detail)
        except StoreUnavailable as exc:
            return error(502, "store unavailable", str(exc))
        headers = {"X-TreatyKB-Result-Cap": str(runner.cap), "X-TreatyKB-Rows": str(result.rows)}
        body = result.body
        if result.truncated:
            message = (
                f"result truncated to the first {runner.cap} rows (the cap of this endpoint); "
                "add ORDER BY and LIMIT/OFFSET, or download the dump"
            )
            headers["X-TreatyKB-Truncated"] = "true"
            headers["Warning"] = f'199 treatykb "{message}"'
            if result.media_type == "application/sparql-results+json":
                import json

                doc = json.loads(body)
                doc["treatykb"] = {"truncated": True, "cap": runner.cap, "message": message}
                body = json.dumps(doc).encode()
        return Response(body, media_type=result.media_type, headers=headers)

    def without_query(request: Request, media: list[str]) -> Response:
        """The editor, the service description or a 400, by the client's first acceptable type."""
        vary = {"Vary": "Accept"}
        for m in media:
            if m in HTML_TYPES:
                return HTMLResponse(editor(request), headers=vary)
            if m in DESCRIPTION_TYPES:  # Turtle for RDF/XML, which describe() does not write
                return describe(service_description(str(request.url).split("?")[0]), [m])
        return error(400, "bad request", NO_QUERY, vary)

    @router.get("/sparql", include_in_schema=False)
    async def sparql_get(request: Request) -> Response:
        try:
            params = form(request.url.query)
        except NotUtf8 as exc:
            return error(400, "bad request", str(exc))
        return await answer(request, params, None)

    @router.post("/sparql", include_in_schema=False)
    async def sparql_post(request: Request) -> Response:
        ctype, *options = [b.strip().lower() for b in request.headers.get("content-type", "").split(";")]
        charset = next((o.split("=", 1)[1].strip('"') for o in options if o.startswith("charset=")), "utf-8")
        try:
            if charset not in ("utf-8", "utf8"):
                raise NotUtf8(f"the request body is {charset}; the SPARQL protocol requires UTF-8")
            try:
                raw = (await request.body()).decode("utf-8")
            except UnicodeDecodeError:
                raise NotUtf8("the request body is not UTF-8") from None
            params = form(request.url.query)
            body = form(raw) if ctype == "application/x-www-form-urlencoded" else {}
        except NotUtf8 as exc:
            return error(400, "bad request", str(exc))
        if ctype == "application/x-www-form-urlencoded":
            for k, v in body.items():
                params.setdefault(k, []).extend(v)
            return await answer(request, params, None)
        if ctype == "application/sparql-query":
            return await answer(request, params, raw)
        if ctype == "application/sparql-update":
            return error(400, "refused", "the endpoint is read-only: SPARQL Update is not accepted")
        return error(
            400,
            "bad request",
            f"unsupported content type {ctype or '(none)'}: use "
            "application/sparql-query or application/x-www-form-urlencoded",
        )

    return router


def service_description(endpoint: str) -> str:
    results = " ".join(
        f"<http://www.w3.org/ns/formats/{n}>"
        for n in (
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "RDF_XML",
            "JSON-LD",
        )
    )
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat {results.replace(" ", " , ")} ;
    sd:feature sd:UnionDefaultGraph ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] ;
    void:inDataset <{iri.BASE}/dataset> .
"""
