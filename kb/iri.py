"""IRI patterns of the public contract (section 1). The only place IRIs are built."""

from __future__ import annotations

import re

BASE = "https://w3id.org/treatykb"
COOP_NS = f"{BASE}/def/coop#"
ONTOLOGY = f"{BASE}/def/coop"
MECHANISM_NS = f"{BASE}/id/mechanism/"
MECHANISM_SCHEME = f"{BASE}/id/scheme/coop-mechanism"

_ARTICLE_PATH = re.compile(r"^\d+[a-z]?(/para/\d+[a-z]?)?(/point/[a-z0-9]+)*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


def treaty(slug: str) -> str:
    return f"{BASE}/id/treaty/{slug}"


def provision(slug: str, path: str) -> str:
    """`path` is an article path such as ``29``, ``29/para/4`` or ``27/para/9/point/e``."""
    if not _ARTICLE_PATH.match(path):
        raise ValueError(f"malformed article path {path!r}")
    return f"{BASE}/id/treaty/{slug}/art/{path}"


def link(slug: str, path: str, mechanism_notation: str) -> str:
    return f"{provision(slug, path)}/mechanism/{mechanism_notation}"


def actor(code: str, kind: str = "state") -> str:
    if kind == "reio" or kind == "org":
        return f"{BASE}/id/org/{code}"
    if not _ISO3.match(code):
        raise ValueError(f"not an ISO 3166 alpha-3 code: {code!r}")
    if kind == "territory":
        return f"{BASE}/id/territory/{code}"
    return f"{BASE}/id/state/{code}"


def mechanism(notation: str) -> str:
    return f"{MECHANISM_NS}{notation}"


def statement(slug: str, author: str, seq: int) -> str:
    return f"{BASE}/id/statement/{slug}/{author}/{seq}"


def action(slug: str, author: str, kind: str, date: str, seq: int = 0) -> str:
    suffix = f"-{seq}" if seq else ""
    return f"{BASE}/id/action/{slug}/{author}/{kind}/{date}{suffix}"


def general_eif(slug: str) -> str:
    return f"{BASE}/id/treaty/{slug}/entry-into-force"


def source(source_id: str) -> str:
    return f"{BASE}/id/source/{source_id}"


def result(on: str, requesting: str | None = None, requested: str | None = None) -> str:
    """A matrix run (`on` alone) or one ordered pair's result node in it."""
    run = f"{BASE}/id/result/{on}"
    return run if requesting is None or requested is None else f"{run}/{requesting}/{requested}"


def graph(path_without_ttl: str) -> str:
    return f"{BASE}/graph/{path_without_ttl}"


def statement_id(iri: str) -> str:
    """Short statement id of the contract (``cets-185/AUT/1``) from its IRI."""
    return iri.split("/id/statement/", 1)[1]


def provision_id(iri: str) -> str:
    """Short provision id of the contract (``cets-185/art/29``) from its IRI."""
    return iri.split("/id/treaty/", 1)[1]


def local(iri: str) -> str:
    """Last segment of an IRI (after ``#`` or ``/``)."""
    return re.split(r"[#/]", iri)[-1]


def article_label(provision: str) -> str:
    """A provision's short id as lawyers cite it: cets-185/art/27/para/9/point/e -> 27(9)(e)."""
    if "/art/" not in provision:
        return provision
    parts = provision.split("/art/", 1)[1].split("/")
    out = parts[0]
    for i in range(1, len(parts) - 1, 2):
        out += f"({parts[i + 1]})"
    return out
