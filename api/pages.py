"""Human pages and their JSON twins (contract section 3), English at /, French under /fr/."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from api import contexts as c
from api.render import render
from kb.errors import NotFound, UnknownInput
from kb.knowledge import KnowledgeBase, parse_date
from kb.library import library
from kb.rdf.executor import execute

Context = Callable[..., dict[str, Any]]


def list_context(kb: KnowledgeBase, kind: str, lang: str, on: date) -> dict[str, Any]:
    home = c.home_context(kb, lang, on)
    items: list[dict[str, str]]
    if kind == "states":
        items = [{"href": f"state/{s['code']}", "label": s["name"], "note": s["code"]} for s in home["states"]]
    elif kind == "treaties":
        items = [{"href": f"treaty/{x['slug']}", "label": x["name"], "note": x["title"]} for x in home["treaties"]]
    else:
        items = [
            {"href": f"mechanism/{m['notation']}", "label": m["label"], "note": m["notation"]}
            for m in home["mechanisms"]
        ]
    ctx = c.base(kb, lang, on, kind, {"states": "States", "treaties": "Treaties", "mechanisms": "Mechanisms"}[kind])
    ctx["items"] = items
    return ctx


def build_page_router(knowledge: Callable[[], KnowledgeBase]) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def respond(
        request: Request,
        template: str,
        make: Callable[[KnowledgeBase, str, date], dict[str, Any]],
        lang: str,
        twin: bool,
    ) -> Response:
        on = parse_date(request.query_params.get("date")) or date.today()
        ctx = make(knowledge(), lang, on)
        if twin:
            return JSONResponse(ctx)
        html = render(template, ctx)
        return HTMLResponse(
            html, headers={"Link": f'<{ctx["path"] or "index"}.json>; rel="alternate"; type="application/json"'}
        )

    def split(value: str) -> tuple[str, bool]:
        for ext in (".json", ".html"):
            if value.endswith(ext):
                return value[: -len(ext)], ext == ".json"
        return value, False

    for prefix, lang in (("", "en"), ("/fr", "fr")):
        _routes(router, prefix, lang, respond, knowledge, split)
    return router


Maker = Callable[[KnowledgeBase, str, date], dict[str, Any]]
Responder = Callable[[Request, str, Maker, str, bool], Response]


def _routes(
    router: APIRouter,
    prefix: str,
    lang: str,
    respond: Responder,
    knowledge: Callable[[], KnowledgeBase],
    split: Callable[[str], tuple[str, bool]],
) -> None:
    @router.get(prefix + "/" if prefix else "/")
    def home(request: Request) -> Response:
        return respond(request, "home.html", lambda kb, lg, on: c.home_context(kb, lg, on), lang, False)

    @router.get(prefix + "/index.{ext}")
    def home_twin(request: Request, ext: str) -> Response:
        return respond(request, "home.html", lambda kb, lg, on: c.home_context(kb, lg, on), lang, ext == "json")

    @router.get(prefix + "/queries/{name}")
    def query_page(request: Request, name: str) -> Response:
        name, twin = split(name)
        if name not in library():
            raise _not_found(name)
        values = dict(request.query_params)
        return respond(
            request,
            "query.html",
            lambda kb, lg, on: c.query_context(kb, name, lg, on, values, local_runner(kb)),
            lang,
            twin,
        )

    @router.get(prefix + "/search-index.js")
    def search_index_js(request: Request) -> Response:
        on = parse_date(request.query_params.get("date")) or date.today()
        body = "window.TreatyKBIndex = " + json.dumps(c.search_index(knowledge(), lang, on), ensure_ascii=False) + ";"
        return Response(body, media_type="text/javascript")

    @router.get(prefix + "/{kind}")
    def listing(request: Request, kind: str) -> Response:
        kind, twin = split(kind)
        if kind == "search":
            return respond(
                request, "search.html", lambda kb, lg, on: c.base(kb, lg, on, "search", "Search"), lang, twin
            )
        if kind == "queries":
            return respond(request, "queries.html", lambda kb, lg, on: c.queries_context(kb, lg, on), lang, twin)
        if kind == "gaps":
            m = request.query_params.get("mechanism")
            if m is not None:  # the old form of the link: /gaps?mechanism=M
                when = request.query_params.get("date")
                query = "?" + urlencode({"date": when}) if when else ""
                return RedirectResponse(f"{prefix}/gaps/{quote(m.strip().upper())}{query}", status_code=303)
            return respond(
                request, "gaps_overview.html", lambda kb, lg, on: c.gaps_overview_context(kb, lg, on), lang, twin
            )
        if kind not in ("states", "treaties", "mechanisms"):
            raise _not_found(kind)
        return respond(request, "list.html", lambda kb, lg, on: list_context(kb, kind, lg, on), lang, twin)

    @router.get(prefix + "/state/{code}")
    def state(request: Request, code: str) -> Response:
        code, twin = split(code)
        return respond(
            request, "state.html", lambda kb, lg, on: c.state_context(kb, _known(kb, code), lg, on), lang, twin
        )

    @router.get(prefix + "/treaty/{slug}")
    def treaty(request: Request, slug: str) -> Response:
        slug, twin = split(slug)
        return respond(
            request, "treaty.html", lambda kb, lg, on: c.treaty_context(kb, _treaty(kb, slug), lg, on), lang, twin
        )

    def changes_page(
        request: Request, page: str, make: Callable[[KnowledgeBase, date, date, str], dict[str, Any]]
    ) -> Response:
        """`…/changes` (and its .json twin) for the interval [from, until)."""
        page, twin = split(page)
        if page != "changes":
            raise _not_found(page)
        start = parse_date(request.query_params.get("from")) or date(2000, 1, 1)
        end = parse_date(request.query_params.get("until")) or date.today()
        if end <= start:
            raise UnknownInput("interval", f"{start}..{end}", "'from' must be before 'until' (YYYY-MM-DD)")
        return respond(request, "changes.html", lambda kb, lg, on: make(kb, start, end, lg), lang, twin)

    @router.get(prefix + "/treaty/{slug}/{page}")
    def changes(request: Request, slug: str, page: str) -> Response:
        return changes_page(
            request, page, lambda kb, start, end, lg: c.changes_context(kb, _treaty(kb, slug), start, end, lg)
        )

    @router.get(prefix + "/state/{code}/{page}")
    def state_changes(request: Request, code: str, page: str) -> Response:
        return changes_page(
            request, page, lambda kb, start, end, lg: c.state_changes_context(kb, _known(kb, code), start, end, lg)
        )

    @router.get(prefix + "/treaty/{slug}/art/{path:path}")
    def article(request: Request, slug: str, path: str) -> Response:
        path, twin = split(path)
        return respond(
            request,
            "article.html",
            lambda kb, lg, on: c.article_context(kb, _treaty(kb, slug), path, lg, on),
            lang,
            twin,
        )

    @router.get(prefix + "/mechanism/{notation}")
    def mechanism(request: Request, notation: str) -> Response:
        notation, twin = split(notation)
        return respond(
            request, "mechanism.html", lambda kb, lg, on: c.mechanism_context(kb, notation, lg, on), lang, twin
        )

    @router.get(prefix + "/compare/{a}/{b}")
    def compare(request: Request, a: str, b: str) -> Response:
        b, twin = split(b)
        return respond(
            request,
            "compare.html",
            lambda kb, lg, on: c.compare_context(kb, _known(kb, a), _known(kb, b), lg, on),
            lang,
            twin,
        )

    @router.get(prefix + "/compare")
    def compare_form(request: Request) -> Response:
        a = request.query_params.get("a", "DEU").upper()
        b = request.query_params.get("b", "RUS").upper()
        return RedirectResponse(f"{prefix}/compare/{a}/{b}", status_code=303)

    @router.get(prefix + "/simulate/{code}")
    def simulate(request: Request, code: str) -> Response:
        code, twin = split(code)
        joins = [j.strip() for j in request.query_params.getlist("join") if j.strip()]
        withdrawals = [w.strip() for w in request.query_params.getlist("withdraw") if w.strip()]
        return respond(
            request,
            "simulate.html",
            lambda kb, lg, on: c.simulate_context(kb, _known(kb, code), lg, on, joins, withdrawals),
            lang,
            twin,
        )

    @router.get(prefix + "/gaps/{mechanism}")
    def gaps(request: Request, mechanism: str) -> Response:
        if mechanism.endswith(".svg"):
            from api.worldmap import gap_map

            on = parse_date(request.query_params.get("date")) or date.today()
            return Response(gap_map(c.gaps_context(knowledge(), mechanism[:-4], lang, on)), media_type="image/svg+xml")
        if mechanism.endswith(".csv"):
            on = parse_date(request.query_params.get("date")) or date.today()
            ctx = c.gaps_context(knowledge(), mechanism[:-4], lang, on)
            return Response(
                c.gaps_csv(ctx),
                media_type="text/csv",
                headers={"Content-Disposition": f'attachment; filename="gaps-{mechanism}"'},
            )
        mechanism, twin = split(mechanism)
        if mechanism.upper() not in knowledge().inputs().mechanisms:
            raise _not_found(mechanism)  # a path segment: 404
        return respond(request, "gaps.html", lambda kb, lg, on: c.gaps_context(kb, mechanism, lg, on), lang, twin)


def local_runner(kb: KnowledgeBase) -> Callable[[str, dict[str, tuple[str, str]]], dict[str, Any]]:
    """Run a library query on the in-memory store (bounded by the library's own queries)."""

    def run(text: str, bindings: dict[str, tuple[str, str]]) -> dict[str, Any]:
        result = execute(kb.store, text, ["application/sparql-results+json"], 2000, bindings)
        doc: dict[str, Any] = json.loads(result.body)
        doc["truncated"] = result.truncated
        return doc

    return run


def _not_found(what: str) -> NotFound:
    return NotFound("page", what)


def _known(kb: KnowledgeBase, code: str) -> str:
    try:
        return kb.actor(code).code
    except UnknownInput as exc:
        raise NotFound.of(exc) from None


def _treaty(kb: KnowledgeBase, slug: str) -> str:
    try:
        return kb.record(slug).treaty.slug
    except UnknownInput as exc:
        raise NotFound.of(exc) from None
