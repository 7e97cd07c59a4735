"""Load the ontology and the data files into one dataset: one named graph per file.

Loading is strict and all-or-nothing: a file that does not parse, a term the ontology does not
define, a malformed date or a status fact without its source stops the load, and the error
names the file and the subject. The checks here are the fast structural ones; SHACL
(`kb.rdf.validate`) checks the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS, XSD

from kb import iri, paths
from kb.errors import KBLoadError, Problem
from kb.rdf.prefixes import COOP

ONTOLOGY_FILES = ("coop.ttl", "mechanisms.ttl", "alignments.ttl")
_BUILTIN = (str(RDF), str(RDFS), str(OWL), str(XSD), str(SKOS), str(SH))
_CLOSED = (iri.COOP_NS, iri.MECHANISM_NS)
_DATE_PROPERTIES = {
    COOP.date,
    COOP.effectiveFrom,
    COOP.effectiveUntil,
    COOP.madeOn,
    COOP.statusDate,
    COOP.retrieved,
    COOP.dissolved,
    COOP.onDate,
    COOP.dataAsOf,
    URIRef("http://data.europa.eu/eli/ontology#date_document"),
    URIRef("http://data.europa.eu/eli/ontology#first_date_entry_in_force"),
}


@dataclass
class LoadedKB:
    dataset: Dataset
    files: dict[str, Path]  # graph IRI -> file

    def graph(self, name: str) -> Graph:
        return self.dataset.graph(URIRef(name))

    def union(self) -> Graph:
        """All triples of all graphs in one graph (a copy)."""
        g = Graph()
        for s, p, o, _ in self.dataset.quads((None, None, None, None)):
            g.add((s, p, o))
        return g


def data_files(data_dir: Path = paths.DATA_DIR) -> list[Path]:
    return sorted(data_dir.rglob("*.ttl"))


def graph_name(path: Path, data_dir: Path) -> str:
    return iri.graph(path.relative_to(data_dir).with_suffix("").as_posix())


def ontology_graph_name(path: Path) -> str:
    return iri.graph("ontology/" + path.stem)


def load(
    data_dir: Path = paths.DATA_DIR,
    ontology_dir: Path = paths.ONTOLOGY_DIR,
    extra_files: Iterable[tuple[str, Path]] = (),
) -> LoadedKB:
    """Parse ontology and data into a fresh dataset, or raise `KBLoadError`."""
    ds = Dataset(default_union=True)
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    sources = [(ontology_graph_name(ontology_dir / f), ontology_dir / f) for f in ONTOLOGY_FILES]
    sources += [(graph_name(f, data_dir), f) for f in data_files(data_dir)]
    sources += list(extra_files)
    for name, path in sources:
        try:
            ds.graph(URIRef(name)).parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many kinds; all mean "this file is broken"
            problems.append(Problem(_rel(path), "(file)", f"does not parse as Turtle: {exc}"))
        files[name] = path
    if problems:
        raise KBLoadError(problems)
    ontology = [ds.graph(URIRef(ontology_graph_name(ontology_dir / f))) for f in ONTOLOGY_FILES]
    problems = check_strict(ds, files, ontology)
    if problems:
        raise KBLoadError(problems)
    return LoadedKB(ds, files)


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


def defined_terms(ontology: list[Graph]) -> set[URIRef]:
    kinds = {
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        OWL.NamedIndividual,
        SKOS.Concept,
        SKOS.ConceptScheme,
        OWL.Ontology,
    }
    out: set[URIRef] = set()
    for g in ontology:
        for s, o in g.subject_objects(RDF.type):
            if o in kinds and isinstance(s, URIRef):
                out.add(s)
    return out


def status_fact_classes(ontology: list[Graph]) -> set[URIRef]:
    """coop:StatusFact and every class below it."""
    found = {COOP.StatusFact}
    changed = True
    while changed:
        changed = False
        for g in ontology:
            for s, o in g.subject_objects(RDFS.subClassOf):
                if o in found and isinstance(s, URIRef) and s not in found:
                    found.add(s)
                    changed = True
    return found


def check_strict(ds: Dataset, files: dict[str, Path], ontology: list[Graph]) -> list[Problem]:
    known = defined_terms(ontology)
    facts = status_fact_classes(ontology)
    ontology_names = {str(g.identifier) for g in ontology}
    problems: list[Problem] = []
    for name, path in files.items():
        if name in ontology_names:
            continue
        g = ds.graph(URIRef(name))
        problems += _check_terms(g, known, _rel(path))
        problems += _check_dates(g, _rel(path))
        problems += _check_sources(g, facts, _rel(path))
    return problems


def _is_known(term: URIRef, known: set[URIRef]) -> bool:
    text = str(term)
    if text.startswith(_BUILTIN):
        return True
    return term in known


def _check_terms(g: Graph, known: set[URIRef], file: str) -> list[Problem]:
    out: list[Problem] = []
    for s, p, o in g:
        if isinstance(p, URIRef) and not _is_known(p, known):
            out.append(Problem(file, str(s), f"unknown property {p}"))
        if p == RDF.type and isinstance(o, URIRef) and not _is_known(o, known):
            out.append(Problem(file, str(s), f"unknown class {o}"))
        elif isinstance(o, URIRef) and str(o).startswith(_CLOSED) and o not in known:
            out.append(Problem(file, str(s), f"unknown term {o}"))
    return out


def _check_dates(g: Graph, file: str) -> list[Problem]:
    out: list[Problem] = []
    for s, p, o in g:
        if not isinstance(o, Literal):
            continue
        if o.datatype == XSD.date and (o.ill_typed or o.value is None):
            out.append(Problem(file, str(s), f"malformed date {str(o)!r} for {p}"))
        elif p in _DATE_PROPERTIES and o.datatype != XSD.date:
            out.append(Problem(file, str(s), f"{p} must be an xsd:date, not {o.n3()}"))
    return out


def _check_sources(g: Graph, facts: set[URIRef], file: str) -> list[Problem]:
    out: list[Problem] = []
    for s, cls in g.subject_objects(RDF.type):
        if cls not in facts:
            continue
        if g.value(s, PROV.wasDerivedFrom) is None:
            out.append(Problem(file, str(s), "status fact without a source (prov:wasDerivedFrom)"))
        grade, dated_by = g.value(s, COOP.evidenceGrade), g.value(s, COOP.datedBy)
        if grade is None:
            out.append(Problem(file, str(s), "status fact without an evidence grade (coop:evidenceGrade)"))
        if dated_by is None:
            out.append(Problem(file, str(s), "status fact without its dating (coop:datedBy)"))
        if dated_by == COOP.DatedBySource and g.value(s, COOP.statusDate) is None:
            out.append(Problem(file, str(s), "status fact dated by its source without a status date (coop:statusDate)"))
    return out
