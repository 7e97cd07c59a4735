"""Linked data: /id/... IRIs dereference with content negotiation; /def/coop; /download/ dumps."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse

from api.sparql import accepted
from kb import iri, paths
from kb.errors import UnknownInput
from kb.knowledge import KnowledgeBase

RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def page_for(rest: str) -> str | None:
    """The human page of an identifier, or None when it has none."""
    parts = rest.split("/")
    if parts[0] in ("state", "org") and len(parts) == 2:
        return f"/state/{parts[1]}"
    if parts[0] == "treaty" and len(parts) == 2:
        return f"/treaty/{parts[1]}"
    if parts[0] == "treaty" and len(parts) > 3 and parts[2] == "art":
        return "/treaty/" + "/".join(parts[1:])
    if parts[0] == "mechanism" and len(parts) == 2:
        return f"/mechanism/{parts[1]}"
    if parts[0] == "statement" and len(parts) == 4:
        return f"/state/{parts[2]}#{parts[1]}-{parts[2]}-{parts[3]}"
    return None


def describe(store: ox.Store, subject: str) -> list[ox.Triple]:
    node = ox.NamedNode(subject)
    seen: set[str] = set()
    out: list[ox.Triple] = []
    for q in store.quads_for_pattern(node, None, None):
        t = ox.Triple(q.subject, q.predicate, q.object)
        if str(t) not in seen:
            seen.add(str(t))
            out.append(t)
    return sorted(out, key=str)


def build_linked_router(knowledge: Callable[[], KnowledgeBase]) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/id/{rest:path}")
    def identifier(request: Request, rest: str) -> Response:
        media = accepted(request, request.query_params.get("format"))
        wants_rdf = next((m for m in media if m in RDF_TYPES), None)
        html_first = not wants_rdf or ("text/html" in media and media.index("text/html") < media.index(wants_rdf))
        page = page_for(rest)
        if html_first and page:
            return RedirectResponse(page, status_code=303)
        triples = describe(knowledge().store, f"{iri.BASE}/id/{rest}")
        if not triples:
            exc = UnknownInput("identifier", f"/id/{rest}")
            exc.in_path = True  # type: ignore[attr-defined]
            raise exc
        fmt = wants_rdf or "text/turtle"
        body = ox.serialize(triples, format=RDF_TYPES[fmt]) or b""
        return Response(body, media_type=fmt, headers={"Vary": "Accept"})

    @router.get("/def/coop")
    def ontology() -> Response:
        return FileResponse(paths.ONTOLOGY_DIR / "coop.ttl", media_type="text/turtle")

    @router.get("/download/")
    def downloads() -> JSONResponse:
        release = current_release()
        files = sorted(p.name for p in release_dir(release).glob("*")) if release_dir(release).exists() else []
        return JSONResponse(
            {
                "release": release,
                "files": [
                    f"/download/{release}/{n}" for n in files or ["treatykb.ttl", "treatykb.nq", "treatykb.jsonld"]
                ],
                "ontology": ["/download/ontology/coop.ttl", "/download/ontology/mechanisms.ttl"],
            }
        )

    @router.get("/download/ontology/{name}")
    def ontology_file(name: str) -> Response:
        if name not in ("coop.ttl", "mechanisms.ttl"):
            raise _missing(name)
        return FileResponse(paths.ONTOLOGY_DIR / name, media_type="text/turtle")

    @router.get("/download/{release}/{name}")
    def dump(release: str, name: str) -> Response:
        if release != current_release():
            raise _missing(
                f"{release} (only the current release {current_release()} is kept on this server; "
                "older releases are in the repository history)"
            )
        target = release_dir(release) / name
        if name not in ("treatykb.ttl", "treatykb.nq", "treatykb.jsonld"):
            raise _missing(name)
        if not target.exists():
            from kb.export import export_dumps

            export_dumps(release_dir(release), ("turtle", "nquads", "jsonld"), knowledge().store)
        media = {"ttl": "text/turtle", "nq": "application/n-quads", "jsonld": "application/ld+json"}
        return FileResponse(target, media_type=media[name.rsplit(".", 1)[1]], filename=name)

    return router


@lru_cache(maxsize=1)
def current_release() -> str:
    from kb.rdf.persistent import data_release, input_files

    return data_release(input_files()).strftime("%Y.%m.%d")


def release_dir(release: str) -> Path:
    return paths.CACHE_DIR / "download" / release


def _missing(what: str) -> UnknownInput:
    exc = UnknownInput("download", what)
    exc.in_path = True  # type: ignore[attr-defined]
    return exc


def build_docs_router() -> APIRouter:
    """/ontology/: the generated ontology documentation (built on first request, then cached)."""
    router = APIRouter(include_in_schema=False)

    @router.get("/ontology/")
    def ontology_docs() -> Response:
        from kb.docs import build_ontology_docs

        target = paths.CACHE_DIR / "ontology" / "index.html"
        if not target.exists() or target.stat().st_mtime < (paths.ONTOLOGY_DIR / "coop.ttl").stat().st_mtime:
            build_ontology_docs(target.parent)
        return FileResponse(target, media_type="text/html")

    return router
