"""Linked data: /id/... IRIs dereference with content negotiation; /def/coop; /download/ dumps."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse

from api.sparql import accepted
from kb import iri, paths
from kb.errors import NotFound
from kb.knowledge import KnowledgeBase
from kb.rdf.serialize import RDF_MEDIA_TYPES, describe


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


def build_linked_router(knowledge: Callable[[], KnowledgeBase]) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/id/{rest:path}")
    def identifier(request: Request, rest: str) -> Response:
        media = accepted(request, request.query_params.get("format"))
        wants_rdf = next((m for m in media if m in RDF_MEDIA_TYPES), None)
        html_first = not wants_rdf or ("text/html" in media and media.index("text/html") < media.index(wants_rdf))
        page = page_for(rest)
        if html_first and page:
            return RedirectResponse(page, status_code=303)
        fmt = wants_rdf or "text/turtle"
        body = describe(knowledge().store, f"{iri.BASE}/id/{rest}", fmt)
        if body is None:
            raise NotFound("identifier", f"/id/{rest}")
        return Response(body, media_type=fmt, headers={"Vary": "Accept"})

    @router.get("/def/coop")
    def ontology() -> Response:
        return FileResponse(paths.ONTOLOGY_DIR / "coop.ttl", media_type="text/turtle")

    @router.get("/download/")
    def downloads() -> JSONResponse:
        """The current release's dumps with their SHA-256, and the earlier releases this server kept."""
        release = current_release()
        sums = ensure_dumps(release, knowledge)
        return JSONResponse(
            {
                "release": release,
                "files": [f"/download/{release}/{n}" for n in DUMPS],
                "sha256": {f"/download/{release}/{n}": sums[n] for n in DUMPS},
                "checksums": f"/download/{release}/SHA256SUMS",
                "releases": [
                    {"release": r, "files": [f"/download/{r}/{n}" for n in DUMPS if (release_dir(r) / n).exists()]}
                    for r in retained_releases()
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
        if name not in (*DUMPS, "SHA256SUMS"):
            raise _missing(name)
        if release == current_release():
            ensure_dumps(release, knowledge)
        target = release_dir(release) / name
        if not RELEASE.match(release) or not target.exists():
            kept = ", ".join(retained_releases()) or current_release()
            raise _missing(f"{release}/{name} (releases kept on this server: {kept}; older ones: repository history)")
        media = {"ttl": "text/turtle", "nq": "application/n-quads", "jsonld": "application/ld+json"}
        kind = media.get(name.rsplit(".", 1)[-1], "text/plain")
        return FileResponse(target, media_type=kind, filename=name)

    return router


def current_release() -> str:
    from kb.rdf.persistent import current_release as release

    return release()


DUMPS = ("treatykb.ttl", "treatykb.nq", "treatykb.jsonld")
RELEASE = re.compile(r"^\d{4}\.\d{2}\.\d{2}$")


def release_dir(release: str) -> Path:
    return paths.CACHE_DIR / "download" / release


def existing_checksums(release: str) -> dict[str, str]:
    """SHA-256 of the release's dumps if they were written already (never builds them)."""
    sums = release_dir(release) / "SHA256SUMS"
    if not sums.exists():
        return {}
    return {line.split()[1]: line.split()[0] for line in sums.read_text(encoding="utf-8").splitlines() if line}


def retained_releases() -> list[str]:
    """Releases whose dumps this server still holds, newest first (a release is never rewritten
    once a newer one exists, so a cited permalink keeps its data)."""
    root = paths.CACHE_DIR / "download"
    found = [p.name for p in root.glob("*") if RELEASE.match(p.name) and (p / "SHA256SUMS").exists()]
    return sorted(found, reverse=True)


def ensure_dumps(release: str, knowledge: Callable[[], KnowledgeBase]) -> dict[str, str]:
    """Dumps of the current release, written when missing or when the data changed within the
    same release date (checked by fingerprint); returns their SHA-256 digests."""
    target = release_dir(release)
    with _DUMPS_LOCK:
        return _ensure(target, _data_stamp(), knowledge)


@lru_cache(maxsize=1)
def _data_stamp() -> str:
    """Fingerprint of the data this process serves (read once: the KB is loaded once per process)."""
    from kb.rdf.persistent import fingerprint, input_files

    return fingerprint(input_files(), "dumps")


_DUMPS_LOCK = threading.Lock()


def _ensure(target: Path, stamp: str, knowledge: Callable[[], KnowledgeBase]) -> dict[str, str]:
    from kb.rdf.export import export_dumps

    sums_file, stamp_file = target / "SHA256SUMS", target / "FINGERPRINT"
    fresh = stamp_file.exists() and stamp_file.read_text(encoding="utf-8") == stamp and sums_file.exists()
    if not fresh:
        export_dumps(target, ("turtle", "nquads", "jsonld"), knowledge().store)
        lines = [f"{hashlib.sha256((target / n).read_bytes()).hexdigest()}  {n}" for n in DUMPS]
        sums_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        stamp_file.write_text(stamp, encoding="utf-8")
    return {line.split()[1]: line.split()[0] for line in sums_file.read_text(encoding="utf-8").splitlines()}


def _missing(what: str) -> NotFound:
    return NotFound("download", what)


def build_docs_router() -> APIRouter:
    """/ontology/: the generated ontology documentation (built on first request, then cached)."""
    router = APIRouter(include_in_schema=False)

    @router.get("/ontology/")
    def ontology_docs() -> Response:
        from kb.rdf.docs import build_ontology_docs

        target = paths.CACHE_DIR / "ontology" / "index.html"
        if not target.exists() or target.stat().st_mtime < (paths.ONTOLOGY_DIR / "coop.ttl").stat().st_mtime:
            build_ontology_docs(target.parent)
        return FileResponse(target, media_type="text/html")

    return router
