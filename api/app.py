"""The web service: FastAPI over the knowledge base, loaded once at start-up.

Errors are JSON `{"error": ..., "detail": ...}`: 404 for an unknown path segment, 400 for a bad
query parameter (never 422), 500 without a stack trace.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.editor import build_editor_router, editor_page
from api.linked import build_docs_router, build_linked_router, existing_checksums
from api.models import AvailabilityAnswer, ParticipationAnswer, QueryMeta, TreatyListed, TreatySummary
from api.pages import build_page_router
from api.render import render, strings
from api.sparql import accepted, build_router
from api.void import describe, void_description
from kb import paths
from kb.errors import NotFound, UnknownInput
from kb.knowledge import KnowledgeBase, parse_date, parse_grade
from kb.library import LibraryQuery, bind, library
from kb.library import get as library_get
from kb.rdf.executor import QueryTimeout, Runner, StoreUnavailable, execute
from kb.rdf.persistent import current_release

log = logging.getLogger("treatykb")


class ApiError(BaseModel):
    """Every error answer of the JSON API."""

    error: str
    detail: str


# Documented in /openapi.json for every operation; a "4XX" entry also keeps FastAPI from
# advertising its 422 validation error, which this API never sends (bad parameters are 400).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": ApiError, "description": "Bad parameter (400) or unknown path segment (404)"},
    "5XX": {"model": ApiError, "description": "Internal error (500), store unavailable (502) or timeout (503)"},
}


def query_meta(q: LibraryQuery) -> dict[str, Any]:
    return {
        "name": q.name,
        "title": q.title,
        "description": q.description,
        "parameters": [{"name": p.name, "type": p.type, "example": p.example} for p in q.params],
        "sparql": q.text,
        "api": f"/api/queries/{q.name}",
    }


def get_query(name: str, in_path: bool = False) -> LibraryQuery:
    try:
        return library_get(name)
    except UnknownInput as exc:
        if in_path:
            raise NotFound.of(exc) from None
        raise


def wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api", "/sparql")) or path.endswith(".json"):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_page(request: Request, title: str, detail: str) -> str:
    lang = "fr" if request.url.path.startswith("/fr/") else "en"
    path = request.url.path.lstrip("/").removeprefix("fr/")
    shown = strings().get(title, {}).get(lang, title)
    ctx = {
        "lang": lang,
        "date": date.today().isoformat(),
        "path": path,
        "title": shown[:1].upper() + shown[1:],
        "error": title,
        "detail": detail,
        "notice": "",
    }
    return render("error.html", ctx)


def create_app(kb: KnowledgeBase | None = None, runner: Runner | None = None) -> FastAPI:
    app = FastAPI(
        title="TreatyKB",
        description="Treaties on international cooperation in criminal matters: participation, "
        "reservations and declarations. Analysis of treaty texts, not legal advice.",
        version="0.1.0",
        responses=ERROR_RESPONSES,
    )
    state: dict[str, KnowledgeBase] = {}
    if kb is not None:
        state["kb"] = kb
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["X-TreatyKB-Truncated", "X-TreatyKB-Result-Cap"],
    )
    if runner is not None:
        app.include_router(build_router(runner, editor_page))

    @app.get("/.well-known/void", include_in_schema=False)
    @app.get("/dataset", include_in_schema=False)
    def void(request: Request) -> Response:
        """VoID + DCAT description of the dataset and its current release (Turtle, or JSON-LD/N-Triples)."""
        base = str(request.base_url).rstrip("/")
        release = current_release()
        text = void_description(base, knowledge(), release, existing_checksums(release))
        return describe(text, accepted(request, None))

    def knowledge() -> KnowledgeBase:
        if "kb" not in state:
            state["kb"] = KnowledgeBase.open()
        return state["kb"]

    @app.exception_handler(UnknownInput)
    async def unknown(request: Request, exc: UnknownInput) -> Response:
        status = 404 if isinstance(exc, NotFound) else 400
        if wants_html(request):
            return HTMLResponse(error_page(request, f"unknown {exc.what}", str(exc)), status_code=status)
        return JSONResponse({"error": f"unknown {exc.what}", "detail": str(exc)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        missing = [".".join(str(p) for p in e.get("loc", ())[1:]) for e in exc.errors()]
        return JSONResponse(
            {"error": "bad request", "detail": f"missing or invalid: {', '.join(missing)}"}, status_code=400
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and wants_html(request):
            return HTMLResponse(error_page(request, "not found", str(exc.detail)), status_code=404)
        return JSONResponse(
            {"error": "not found" if exc.status_code == 404 else "error", "detail": str(exc.detail)},
            status_code=exc.status_code,
        )

    @app.exception_handler(StoreUnavailable)
    async def store_down(_: Request, exc: StoreUnavailable) -> JSONResponse:
        return JSONResponse({"error": "store unavailable", "detail": str(exc)}, status_code=502)

    @app.exception_handler(QueryTimeout)
    async def too_slow(_: Request, exc: QueryTimeout) -> JSONResponse:
        return JSONResponse({"error": "timeout", "detail": str(exc)}, status_code=503)

    @app.exception_handler(Exception)
    async def crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return JSONResponse(
            {"error": "internal error", "detail": "the server could not answer; it has been logged"}, status_code=500
        )

    @app.get("/api/participation", response_model=ParticipationAnswer, response_model_exclude_unset=True)
    def participation(state: str, treaty: str, date: str | None = None, evidence: str | None = None) -> dict[str, Any]:
        """Where a state stands in a treaty on a date (contract 2b), from facts at or above a minimum
        evidence grade (contract 5a: depositary, official, mirror, secondary; default all)."""
        return knowledge().participation(state, treaty, parse_date(date), parse_grade(evidence))

    @app.get("/api/availability", response_model=AvailabilityAnswer, response_model_exclude_unset=True)
    def availability(
        from_: str = Query(alias="from"),
        to: str = Query(),
        mechanism: str = Query(),
        date: str | None = None,
        offence: str | None = None,
        territory: str | None = None,
        evidence: str | None = None,
    ) -> dict[str, Any]:
        """Can `from` use `mechanism` with `to` on `date`, on what legal basis? (contract 2), from facts
        at or above a minimum evidence grade (contract 5a; default all)."""
        grade = parse_grade(evidence)
        return knowledge().availability(from_, to, mechanism, parse_date(date), offence, territory, grade)

    @app.get("/api/treaty/{slug}", response_model=TreatySummary, response_model_exclude_unset=True)
    def treaty(slug: str, date: str | None = None) -> dict[str, Any]:
        """Treaty summary on a date (contract 2c)."""
        kb = knowledge()
        if slug not in kb.records:
            raise NotFound("treaty", slug, "known: " + ", ".join(sorted(kb.records)))
        return kb.treaty(slug, parse_date(date))

    @app.get("/api/queries", response_model=list[QueryMeta], response_model_exclude_unset=True)
    def queries() -> list[dict[str, Any]]:
        """The query library: named, parameterised SPARQL queries."""
        return [query_meta(q) for q in library().values()]

    @app.get("/api/queries/{name}")
    def run_query(name: str, request: Request) -> Response:
        """Run a library query; its parameters are query-string values (examples when omitted)."""
        q = get_query(name, in_path=True)
        kb = knowledge()
        bindings = bind(q, dict(request.query_params), set(kb.actors), set(kb.inputs().mechanisms))
        if runner is not None:
            result = runner.run(q.text, ["application/sparql-results+json"], bindings)
        else:
            result = execute(kb.store, q.text, ["application/sparql-results+json"], 10000, bindings)
        head = {
            "query": query_meta(q),
            "release": current_release(),
            "parameters": {k: v[1] for k, v in bindings.items()},
            "truncated": result.truncated,
        }
        # the SPARQL JSON from the store goes in as it is (parsing and writing it again cost more than the query)
        body = json.dumps(head).encode()[:-1] + b', "results": ' + (result.body or b"null") + b"}"
        return Response(body, media_type="application/json")

    @app.get("/api/treaties", response_model=list[TreatyListed], response_model_exclude_unset=True)
    def treaties() -> list[dict[str, Any]]:
        """Every treaty in the knowledge base."""
        return [
            {
                "treaty": s,
                "title": {"en": r.treaty.title_en, "fr": r.treaty.title_fr},
                "short_names": list(r.treaty.short_names),
            }
            for s, r in knowledge().records.items()
        ]

    app.mount("/static", StaticFiles(directory=str(paths.SITE_DIR / "static")), name="static")
    app.include_router(build_editor_router(knowledge))  # before the pages: /fr/sparql, /sparql.json
    app.include_router(build_linked_router(knowledge))
    app.include_router(build_docs_router())
    app.include_router(build_page_router(knowledge))

    return app
