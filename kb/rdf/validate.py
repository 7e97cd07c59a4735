"""SHACL validation (pySHACL) of the union of all graphs, with a summary per treaty."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kb import paths
from kb.rdf.load import LoadedKB
from kb.rdf.prefixes import COOP


@dataclass(frozen=True)
class Finding:
    severity: str  # Violation | Warning | Info
    focus: str
    path: str
    message: str
    file: str


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    per_treaty: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Warning"]


def shapes_graph(shapes_dir: Path = paths.SHAPES_DIR) -> Graph:
    g = Graph()
    for f in sorted(shapes_dir.glob("*.ttl")):
        g.parse(f, format="turtle")
    return g


def validate(kb: LoadedKB, shapes_dir: Path = paths.SHAPES_DIR) -> Report:
    from pyshacl import validate as shacl_validate

    data = kb.union()
    _conforms, results, _text = shacl_validate(
        data,
        shacl_graph=shapes_graph(shapes_dir),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    report = Report(per_treaty=treaty_counts(data))
    where = _files_by_subject(kb)
    for r in results.subjects(RDF.type, SH.ValidationResult):
        sev = results.value(r, SH.resultSeverity)
        focus = results.value(r, SH.focusNode)
        report.findings.append(
            Finding(
                severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
                focus=str(focus),
                path=str(results.value(r, SH.resultPath) or ""),
                message=str(results.value(r, SH.resultMessage) or ""),
                file=where.get(str(focus), "?"),
            )
        )
    report.findings.sort(key=lambda f: (f.severity, f.file, f.focus, f.path))
    return report


def _files_by_subject(kb: LoadedKB) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, path in kb.files.items():
        for s in kb.graph(name).subjects():
            out.setdefault(str(s), _rel(path))
    return out


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


def treaty_counts(data: Graph) -> dict[str, Counter[str]]:
    """Per treaty slug: provisions, links, actions, entries into force, statements."""
    out: dict[str, Counter[str]] = {}
    kinds = {
        COOP.Provision: "provisions",
        COOP.ProvisionMechanismLink: "links",
        COOP.EntryIntoForce: "entries_into_force",
        COOP.Signature: "signatures",
    }
    statement_classes = {o for o in data.transitive_subjects(_SUBCLASS, COOP.UnilateralStatement)}
    consent_classes = {o for o in data.transitive_subjects(_SUBCLASS, COOP.ConsentToBeBound)}
    for t in data.subjects(RDF.type, COOP.Treaty):
        out[str(t).rsplit("/", 1)[-1]] = Counter()
    for s, t in data.subject_objects(COOP.treaty):
        slug = str(t).rsplit("/", 1)[-1]
        if slug not in out:
            continue
        for cls in data.objects(s, RDF.type):
            if isinstance(cls, URIRef) and cls in kinds:
                out[slug][kinds[cls]] += 1
            elif cls in statement_classes:
                out[slug]["statements"] += 1
            elif cls in consent_classes:
                out[slug]["consents"] += 1
    return out


_SUBCLASS = URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")

__all__ = ["Finding", "Report", "shapes_graph", "treaty_counts", "validate"]
