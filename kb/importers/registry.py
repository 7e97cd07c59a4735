"""Source registry (kb/sources/registry/*.yaml) -> coop:Source records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from kb import iri, paths
from kb.importers.common import ImportProblem, as_date, date_literal, opt_date, read_yaml
from kb.model import Provenance
from kb.rdf.prefixes import COOP, SCHEMA, new_graph

TIERS = ("T1", "T2", "T3")
BASES = ("shown", "newest-entry", "file-date")


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    title: str
    publisher: str
    tier: str
    status_date: date | None  # None: the page shows no date; no fact may cite it
    status_date_basis: str
    retrieved: date
    snapshot: str | None
    group: str

    def provenance(self, verified: bool = True) -> Provenance:
        if self.status_date is None:
            raise ImportProblem(
                f"registry/{self.group}.yaml", self.id, "a fact cites this source, but the source has no status date"
            )
        return Provenance(self.url, self.status_date, verified, self.id)

    def snapshot_text(self, sources_dir: Path = paths.SOURCES_DIR) -> str:
        if not self.snapshot:
            raise ImportProblem(f"registry/{self.group}.yaml", self.id, "source has no snapshot")
        path = sources_dir / self.snapshot
        if not path.exists():
            raise ImportProblem(f"registry/{self.group}.yaml", self.id, f"snapshot {self.snapshot} missing")
        return path.read_text(encoding="utf-8", errors="replace")


def load_registry(sources_dir: Path = paths.SOURCES_DIR) -> dict[str, Source]:
    out: dict[str, Source] = {}
    for path in sorted((sources_dir / "registry").glob("*.yaml")):
        entries = read_yaml(path) or []
        if not isinstance(entries, list):
            raise ImportProblem(path, "(file)", "expected a list of sources")
        for i, entry in enumerate(entries):
            src = _source(entry, path, i)
            if src.id in out:
                raise ImportProblem(path, src.id, "source id used twice")
            out[src.id] = src
    return out


def _source(entry: dict[str, object], path: Path, i: int) -> Source:
    where = f"entry {i} ({entry.get('id', '?')})"
    for key in ("id", "url", "tier", "retrieved"):
        if not entry.get(key):
            raise ImportProblem(path, where, f"missing {key}")
    tier = str(entry["tier"])
    if tier not in TIERS:
        raise ImportProblem(path, where, f"tier must be one of {TIERS}, not {tier!r}")
    basis = str(entry.get("status_date_basis") or "shown")
    if basis not in BASES:
        raise ImportProblem(path, where, f"status_date_basis must be one of {BASES}")
    return Source(
        id=str(entry["id"]),
        url=str(entry["url"]).strip().replace(" ", "%20"),
        title=str(entry.get("title") or ""),
        publisher=str(entry.get("publisher") or ""),
        tier=tier,
        status_date=opt_date(entry.get("status_date"), path, where),
        status_date_basis=basis,
        retrieved=as_date(entry["retrieved"], path, where),
        snapshot=str(entry["snapshot"]) if entry.get("snapshot") else None,
        group=path.stem,
    )


def source_graph(sources: list[Source]) -> Graph:
    g = new_graph()
    for s in sources:
        if s.status_date is None:
            continue  # cannot be cited (see Source.provenance)
        node = URIRef(iri.source(s.id))
        g.add((node, RDF.type, COOP.Source))
        g.add((node, SCHEMA.url, URIRef(s.url)))
        g.add((node, PROV.wasDerivedFrom, URIRef(s.url)))  # the record describes a saved copy of this page
        if s.title:
            g.add((node, DCTERMS.title, Literal(s.title)))
        if s.publisher:
            g.add((node, DCTERMS.publisher, Literal(s.publisher)))
        g.add((node, COOP.sourceTier, Literal(s.tier)))
        g.add((node, COOP.statusDate, date_literal(s.status_date)))
        g.add((node, COOP.statusDateBasis, Literal(s.status_date_basis)))
        g.add((node, COOP.retrieved, date_literal(s.retrieved)))
        if s.snapshot:
            g.add((node, DCTERMS.identifier, Literal(f"kb/sources/{s.snapshot}")))
    return g
