"""The query library: named, parameterised SPARQL queries (kb/rdf/queries/library/*.rq).

Each file starts with comment lines `# title:`, `# description:` and `# param NAME: TYPE = EXAMPLE`;
parameters are bound to query variables of the same name, never formatted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kb import iri, paths
from kb.errors import UnknownInput
from kb.knowledge import parse_date
from kb.rdf.executor import Bindings

LIBRARY_DIR = paths.QUERIES_DIR / "library"
PARAM_TYPES = ("treaty", "state", "mechanism", "provision", "date")
_SLUG = re.compile(r"^[a-z]+(-[a-z0-9]+)+$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    example: str


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str

    def example_values(self) -> dict[str, str]:
        return {p.name: p.example for p in self.params}


def parse(path: Path) -> LibraryQuery:
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        m = re.match(r"#\s*param\s+(\w+):\s*(\w+)\s*=\s*(.+)$", line)
        if m:
            if m.group(2) not in PARAM_TYPES:
                raise ValueError(f"{path.name}: unknown parameter type {m.group(2)!r}")
            params.append(Param(m.group(1), m.group(2), m.group(3).strip()))
            continue
        m = re.match(r"#\s*(title|description):\s*(.+)$", line)
        if m:
            meta[m.group(1)] = m.group(2).strip()
    if "title" not in meta or "description" not in meta:
        raise ValueError(f"{path.name}: a library query needs a title and a description")
    return LibraryQuery(path.stem, meta["title"], meta["description"], tuple(params), path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def library() -> dict[str, LibraryQuery]:
    return {p.stem: parse(p) for p in sorted(LIBRARY_DIR.glob("*.rq"))}


def get(name: str) -> LibraryQuery:
    lib = library()
    if name not in lib:
        raise UnknownInput("query", name, "see /queries for the library")
    return lib[name]


def bind(query: LibraryQuery, values: dict[str, str], known_actors: set[str], known_mechanisms: set[str]) -> Bindings:
    """Check each parameter (example value when omitted) and turn it into a bound term."""
    out: Bindings = {}
    for p in query.params:
        raw = (values.get(p.name) or p.example).strip()
        if p.type == "date":
            try:
                day = parse_date(raw)
            except UnknownInput:
                raise UnknownInput("date", raw, f"parameter {p.name} is YYYY-MM-DD") from None
            if day is None:
                raise UnknownInput("date", raw, f"parameter {p.name} is YYYY-MM-DD")
            out[p.name] = ("date", day.isoformat())
        elif p.type == "state":
            code = raw.upper()
            if code not in known_actors:
                raise UnknownInput("state", raw, f"parameter {p.name}")
            out[p.name] = ("iri", iri.actor(code, "reio" if code == "EU" else "state"))
        elif p.type == "treaty":
            if not _SLUG.match(raw):
                raise UnknownInput("treaty", raw, f"parameter {p.name}")
            out[p.name] = ("iri", iri.treaty(raw))
        elif p.type == "mechanism":
            if raw.upper() not in known_mechanisms:
                raise UnknownInput("mechanism", raw, f"parameter {p.name}")
            out[p.name] = ("iri", iri.mechanism(raw.upper()))
        elif p.type == "provision":
            slug, _, path = raw.partition("/art/")
            try:
                if not _SLUG.match(slug):
                    raise ValueError(slug)
                out[p.name] = ("iri", iri.provision(slug, path))
            except ValueError:
                raise UnknownInput("provision", raw, "e.g. cets-185/art/29/para/4") from None
    return out
