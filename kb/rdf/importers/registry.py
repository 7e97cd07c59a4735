"""Source registry (kb/sources/registry/*.yaml) -> coop:Source records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from kb import iri, paths
from kb.model import DatedBy, Grade, Provenance
from kb.rdf.importers.common import ImportProblem, as_date, date_literal, opt_date, read_yaml, unknown_keys
from kb.rdf.prefixes import COOP, SCHEMA, new_graph

GRADES = ("depositary", "official", "mirror", "secondary")  # contract 5a, best first
BASES = ("shown", "newest-entry", "file-date", "publication", "none")


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    title: str
    publisher: str
    grade: str  # contract 5a evidence grade of everything read from this source
    status_date: date | None  # None: the page shows no date; no fact may cite it
    status_date_basis: str
    retrieved: date
    snapshot: str | None
    group: str

    def provenance(self, verified: bool = True, dated_by_event: bool = False) -> Provenance:
        """The provenance of a fact read here: graded as the source, dated by the source's status
        date, or (an undated page) by the event the fact's text names (contract 5a)."""
        if self.status_date is None:
            if not dated_by_event:
                raise ImportProblem(
                    f"registry/{self.group}.yaml",
                    self.id,
                    "a fact cites this undated source without saying which event dates it (dated_by: event)",
                )
            return Provenance(self.url, None, verified, self.id, Grade(self.grade), DatedBy.EVENT)
        return Provenance(self.url, self.status_date, verified, self.id, Grade(self.grade), DatedBy.SOURCE)

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


KEYS = frozenset(
    {"id", "url", "title", "publisher", "grade", "status_date", "status_date_basis", "retrieved", "snapshot", "note"}
)


def _source(entry: dict[str, object], path: Path, i: int) -> Source:
    where = f"entry {i} ({entry.get('id', '?')})"
    unknown = sorted(set(entry) - KEYS)
    if unknown:
        raise ImportProblem(path, where, unknown_keys(unknown, KEYS))
    for key in ("id", "url", "grade", "retrieved"):
        if not entry.get(key):
            raise ImportProblem(path, where, f"missing {key}")
    grade = str(entry["grade"])
    if grade not in GRADES:
        raise ImportProblem(path, where, f"grade must be one of {GRADES}, not {grade!r}")
    basis = str(entry.get("status_date_basis") or "shown")
    if basis not in BASES:
        raise ImportProblem(path, where, f"status_date_basis must be one of {BASES}")
    if (entry.get("status_date") is None) != (basis == "none"):
        raise ImportProblem(path, where, "status_date_basis is 'none' exactly when status_date is null")
    return Source(
        id=str(entry["id"]),
        url=str(entry["url"]).strip().replace(" ", "%20"),
        title=str(entry.get("title") or ""),
        publisher=str(entry.get("publisher") or ""),
        grade=grade,
        status_date=opt_date(entry.get("status_date"), path, where),
        status_date_basis=basis,
        retrieved=as_date(entry["retrieved"], path, where),
        snapshot=str(entry["snapshot"]) if entry.get("snapshot") else None,
        group=path.stem,
    )


GRADE_IRI = {
    Grade.DEPOSITARY: COOP.DepositaryGrade,
    Grade.OFFICIAL: COOP.OfficialGrade,
    Grade.MIRROR: COOP.MirrorGrade,
    Grade.SECONDARY: COOP.SecondaryGrade,
}
DATED_BY_IRI = {DatedBy.SOURCE: COOP.DatedBySource, DatedBy.EVENT: COOP.DatedByEvent, DatedBy.NONE: COOP.DatedByNone}


def source_graph(sources: list[Source]) -> Graph:
    g = new_graph()
    for s in sources:
        node = URIRef(iri.source(s.id))
        g.add((node, RDF.type, COOP.Source))
        g.add((node, SCHEMA.url, URIRef(s.url)))
        g.add((node, PROV.wasDerivedFrom, URIRef(s.url)))  # the record describes a saved copy of this page
        if s.title:
            g.add((node, DCTERMS.title, Literal(s.title)))
        if s.publisher:
            g.add((node, DCTERMS.publisher, Literal(s.publisher)))
        g.add((node, COOP.evidenceGrade, GRADE_IRI[Grade(s.grade)]))
        if s.status_date is not None:
            g.add((node, COOP.statusDate, date_literal(s.status_date)))
        g.add((node, COOP.statusDateBasis, Literal(s.status_date_basis)))
        g.add((node, COOP.retrieved, date_literal(s.retrieved)))
        if s.snapshot:
            g.add((node, DCTERMS.identifier, Literal(f"kb/sources/{s.snapshot}")))
    return g
