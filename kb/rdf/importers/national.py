"""National-law facts (kb/sources/national/*.yaml) -> national/{file}.ttl (issue 15 item 4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from kb import iri, paths
from kb.model import NationalFact
from kb.rdf.importers.common import ImportProblem, read_yaml
from kb.rdf.importers.registry import DATED_BY_IRI, GRADE_IRI, Source
from kb.rdf.prefixes import COOP, new_graph

RULES = ("NationalsNotExtradited", "ExtraditionTreatyRequired")


def national_files(sources_dir: Path = paths.SOURCES_DIR) -> list[Path]:
    return sorted((sources_dir / "national").glob("*.yaml"))


def read_national(
    path: Path, registry: dict[str, Source], states: set[str], mechanisms: set[str] | None = None
) -> list[NationalFact]:
    """The facts of one file; a fact without a known source, or for a code that is not a state, is
    refused with the file and the entry named."""
    data = read_yaml(path)
    if not isinstance(data, list):
        raise ImportProblem(path, "(file)", "expected a list of national-law facts")
    out: list[NationalFact] = []
    seen: set[str] = set()
    for i, item in enumerate(data):
        where = f"[{i}] {item.get('id', '?')}" if isinstance(item, dict) else f"[{i}]"
        if not isinstance(item, dict):
            raise ImportProblem(path, where, "expected a mapping")
        fid, state, rule = str(item.get("id") or ""), str(item.get("state") or ""), str(item.get("rule") or "")
        if not fid or fid in seen:
            raise ImportProblem(path, where, "missing or repeated id")
        seen.add(fid)
        if state not in states:
            raise ImportProblem(path, where, f"unknown state {state!r} (not a state of reference/actors.csv)")
        if rule not in RULES:
            raise ImportProblem(path, where, f"rule must be one of {RULES}")
        source = str(item.get("source") or "")
        if not source:
            raise ImportProblem(path, where, "a national-law fact needs a source (an id of kb/sources/registry)")
        if source not in registry:
            raise ImportProblem(path, where, f"unknown source {source!r}")
        mechs = tuple(str(m) for m in item.get("mechanisms") or [])
        if not mechs or (mechanisms is not None and not set(mechs) <= mechanisms):
            raise ImportProblem(path, where, "mechanisms: a non-empty list of mechanism notations")
        text: dict[str, Any] = item.get("text") or {}
        if not text.get("value"):
            raise ImportProblem(path, where, "the verbatim text of the law (text.value) is required")
        out.append(
            NationalFact(
                id=fid,
                state=state,
                rule=rule,
                mechanisms=mechs,
                law=str(item.get("law") or ""),
                provenance=registry[source].provenance(dated_by_event=True),
                except_for=" ".join(str(item.get("except_for") or "").split()),
            )
        )
    return out


def national_graph(facts: list[NationalFact], actor_iris: dict[str, str]) -> Graph:
    g = new_graph()
    for f in facts:
        node = URIRef(f"{iri.BASE}/id/national/{f.id}")
        g.add((node, RDF.type, COOP.NationalLawFact))
        g.add((node, COOP.actor, URIRef(actor_iris[f.state])))
        g.add((node, COOP.nationalLawRule, COOP[f.rule]))
        for m in f.mechanisms:
            g.add((node, COOP.concernsMechanism, URIRef(iri.mechanism(m))))
        g.add((node, RDFS.label, Literal(f.law, lang="en")))
        if f.except_for:
            g.add((node, COOP.exceptFor, Literal(f.except_for, lang="en")))
        p = f.provenance
        g.add((node, PROV.wasDerivedFrom, URIRef(p.source)))
        g.add((node, COOP.evidenceGrade, GRADE_IRI[p.grade]))
        g.add((node, COOP.datedBy, DATED_BY_IRI[p.dated_by]))
        if p.status_as_of is not None:
            g.add((node, COOP.statusDate, Literal(p.status_as_of)))
    return g


__all__ = ["national_files", "national_graph", "read_national"]
