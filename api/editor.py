"""The query editor at /sparql: a plain form, enhanced by YASGUI when it is installed.

YASGUI comes from the npm registry (`@zazuko/yasgui`, pinned in site/vendor/package.json, installed
by `make setup`) and is served by the app itself under /vendor/yasgui/: no CDN, no other host. Its
autocompleters read TreatyKB's own terms from /sparql/completions.json (generated from the knowledge
base on the first request) instead of the remote vocabulary services, and two result views of our
own (site/static/yasr-chart.js, yasr-map.js) draw a bar chart and a world map. Without JavaScript,
or without site/vendor/node_modules, the page is the plain form, which works on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from api.render import render
from kb import iri, paths
from kb.knowledge import KnowledgeBase
from kb.rdf.prefixes import PREFIXES
from kb.rdf.store import select

VENDOR = paths.SITE_DIR / "vendor" / "node_modules" / "@zazuko" / "yasgui" / "build"
ENTRY = ("yasgui.min.js", "yasgui.min.css")
MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".map": "application/json",
    ".json": "application/json",
}
EXAMPLE = (
    "PREFIX coop: <https://w3id.org/treatykb/def/coop#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "# reservations per state: a table, a chart (label + number) and a map (state IRIs)\n"
    "SELECT ?state ?name (COUNT(?statement) AS ?reservations) WHERE {\n"
    "  ?statement a coop:Reservation ; coop:actor ?state .\n"
    '  OPTIONAL { ?state rdfs:label ?name FILTER(LANG(?name) = "en") }\n'
    "} GROUP BY ?state ?name ORDER BY DESC(?reservations) LIMIT 20"
)


def editor_installed(vendor: Path = VENDOR) -> bool:
    """YASGUI's build is present (site/vendor/node_modules, from `npm install`)."""
    return all((vendor / name).is_file() for name in ENTRY)


def editor_context(lang: str, installed: bool) -> dict[str, Any]:
    return {
        "lang": lang,
        "date": date.today().isoformat(),
        "path": "sparql",
        "title": "SPARQL endpoint" if lang == "en" else "Point d'accès SPARQL",
        "notice": "analysis of treaty texts, not legal advice",
        "example": EXAMPLE,
        "editor": installed,
    }


def editor_page(request: Request) -> str:
    """The page for GET /sparql without a query (the router in api/sparql.py calls this)."""
    lang = "fr" if request.url.path.startswith("/fr/") else "en"
    return render("sparql.html", editor_context(lang, editor_installed()))


OWL = "http://www.w3.org/2002/07/owl#"
PROPERTY_TYPES = ("ObjectProperty", "DatatypeProperty", "AnnotationProperty")


def _rows(kb: KnowledgeBase, query: str, **bindings: str) -> list[dict[str, str]]:
    """Rows of one of the editor's queries (kb/rdf/queries/editor_*.rq), without language tags."""
    return [{k: v for k, v in row.items() if "@" not in k} for row in select(kb.store, query, **bindings)]


def _terms(kb: KnowledgeBase, types: tuple[str, ...]) -> list[dict[str, str]]:
    """Terms defined in the ontology graphs with one of the OWL `types`, with English and French labels."""
    found: dict[str, dict[str, str]] = {}
    for t in types:
        for row in _rows(kb, "editor_terms", t=OWL + t):
            row["type"] = row.pop("t")
            found.setdefault(row["iri"], row)
    return [found[k] for k in sorted(found)]


def completions(kb: KnowledgeBase) -> dict[str, Any]:
    """What the editor completes: prefixes, ontology classes and properties, states, treaties, mechanisms."""
    classes = _terms(kb, ("Class",))
    properties = _terms(kb, PROPERTY_TYPES)
    for p in properties:
        p["type"] = p["type"].rsplit("#", 1)[-1]
    for c in classes:
        c.pop("type", None)
    mechanisms = _rows(kb, "editor_mechanisms")
    states = [
        {"iri": a.iri, "code": a.code, "kind": a.kind, "label": a.name_en, "label_fr": a.name_fr}
        for a in sorted(kb.actors.values(), key=lambda a: a.code)
    ]
    treaties = [
        {
            "iri": iri.treaty(slug),
            "slug": slug,
            "label": r.treaty.short_names[0] if r.treaty.short_names else r.treaty.title_en,
            "title": r.treaty.title_en,
            "title_fr": r.treaty.title_fr,
        }
        for slug, r in sorted(kb.records.items())
    ]
    return {
        "prefixes": {p: str(ns) for p, ns in PREFIXES.items()},
        "classes": classes,
        "properties": properties,
        "states": states,
        "treaties": treaties,
        "mechanisms": mechanisms,
    }


def not_found(detail: str) -> JSONResponse:
    return JSONResponse({"error": "not found", "detail": detail}, status_code=404)


def build_editor_router(knowledge: Callable[[], KnowledgeBase], vendor: Path = VENDOR) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    cache: dict[int, dict[str, Any]] = {}

    def completions_for(kb: KnowledgeBase) -> dict[str, Any]:
        if id(kb) not in cache:
            cache.clear()
            cache[id(kb)] = completions(kb)
        return cache[id(kb)]

    @router.get("/sparql/completions.json")
    @router.get("/sparql.json")  # the editor page's JSON twin (the base template links it)
    def completions_json() -> JSONResponse:
        return JSONResponse(completions_for(knowledge()), headers={"Cache-Control": "public, max-age=3600"})

    @router.get("/sparql/shapes.json")
    def shapes_json() -> Response:
        from api.worldmap import HEIGHT, WIDTH, shapes

        if not shapes():
            return not_found("world boundaries are not installed (npm install in site/vendor)")
        doc = {"width": WIDTH, "height": HEIGHT, "shapes": shapes()}
        return JSONResponse(doc, headers={"Cache-Control": "public, max-age=86400"})

    @router.get("/fr/sparql")
    def editor_fr(request: Request) -> HTMLResponse:
        return HTMLResponse(editor_page(request))

    @router.get("/vendor/yasgui/{name:path}")
    def vendored(name: str) -> Response:
        root = vendor.resolve()
        target = (root / name).resolve()
        if not target.is_relative_to(root) or not target.is_file():
            return not_found(f"no vendored file {name!r}" + ("" if root.is_dir() else ": YASGUI is not installed"))
        media = MEDIA_TYPES.get(target.suffix, "application/octet-stream")
        return FileResponse(target, media_type=media, headers={"Cache-Control": "public, max-age=86400"})

    return router
