"""`treatykb import`: rebuild kb/data from kb/sources, deterministically and offline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import Graph

from kb import paths
from kb.law.participation import consent_by_entry_into_force, in_force_by_rule, newest
from kb.model import Event, Treaty
from kb.rdf.fmt import write_canonical
from kb.rdf.importers.actors import actor_graphs, read_actors
from kb.rdf.importers.closed_lists import add_tables, read_tables
from kb.rdf.importers.common import SKIPPED, ImportProblem
from kb.rdf.importers.counts import add_counts, read_counts
from kb.rdf.importers.national import national_files, national_graph, read_national
from kb.rdf.importers.participation import (
    UNTC_2014_FILES,
    dated_by_consent,
    dedupe,
    first_consent,
    participation_graph,
    read_curated,
    read_untc_2014,
    with_derived_entry_into_force,
)
from kb.rdf.importers.registry import load_registry, source_graph
from kb.rdf.importers.statements import read_statements, statement_graph
from kb.rdf.importers.structure import (
    read_structure,
    structure_files,
    structure_graph,
    treaty_from_structure,
)


@dataclass
class ImportReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)


def build_graphs(
    sources_dir: Path = paths.SOURCES_DIR, progress: Callable[[str], None] = lambda _: None
) -> tuple[dict[str, Graph], dict[str, dict[str, int]]]:
    """All data graphs, keyed by their path under kb/data without .ttl."""
    SKIPPED.clear()
    registry = load_registry(sources_dir)
    actors = read_actors(sources_dir)
    actor_iris = {a.code: a.iri for a in actors}
    graphs: dict[str, Graph] = dict(actor_graphs(actors, registry))
    groups = sorted({s.group for s in registry.values()})
    for group in groups:
        graphs[f"sources/{group}"] = source_graph([s for s in registry.values() if s.group == group])
    states = {a.code for a in actors if a.kind == "state"}
    for path in national_files(sources_dir):
        graphs[f"national/{path.stem}"] = national_graph(read_national(path, registry, states), actor_iris)
    stats: dict[str, dict[str, int]] = {}
    read: dict[str, tuple[dict[str, Any], Path, Treaty, list[Event]]] = {}
    for path in structure_files(sources_dir):
        data = read_structure(path)
        treaty = treaty_from_structure(data, path)
        progress(f"importing {treaty.slug}")
        events = read_curated(treaty.slug, registry, sources_dir)
        if treaty.slug in UNTC_2014_FILES:
            events += read_untc_2014(treaty.slug, registry[UNTC_2014_FILES[treaty.slug][1]], sources_dir)
        events += dated_by_consent(treaty.slug, events)
        strangers = [e for e in events if treaty.parties and e.actor not in treaty.parties]
        if strangers:
            e = strangers[0]
            raise ImportProblem(
                sources_dir / treaty.slug / "participation.csv",
                f"{e.actor} {e.kind} {e.date.isoformat()}",
                f"{e.actor} is not one of the parties this two-party treaty names ({', '.join(treaty.parties)})",
            )
        events = with_derived_entry_into_force(treaty, dedupe(events))
        read[treaty.slug] = (data, path, treaty, events + consent_by_entry_into_force(treaty, events))
    for _, _, treaty, events in list(read.values()):
        base = treaty.open_only_to_parties_of
        if base and base in read:
            data, path, base_treaty, base_events = read[base]
            read[base] = (data, path, base_treaty, base_events + in_force_by_rule(treaty, events, base_events))
    for slug, (data, path, treaty, events) in read.items():
        eif: dict[str, date] = {}
        for actor in {e.actor for e in events}:
            found = newest(
                e for e in events if e.actor == actor and e.kind == "entry_into_force" and e.territory is None
            )
            if found:
                eif[actor] = found.date
        consents = {a: c.date for a in {e.actor for e in events} if (c := first_consent(events, a)) is not None}
        statements = read_statements(slug, registry, sources_dir, eif, consents)
        counts = read_counts(slug, registry, sources_dir)
        extra = [p.split("/art/", 1)[1] for s in statements for p in s.provisions]
        graphs[f"treaties/{slug}/treaty"] = structure_graph(data, path, extra)
        pg = participation_graph(treaty, events, actor_iris)
        add_counts(pg, counts)
        tables = read_tables(slug, registry, events, sources_dir)
        add_tables(pg, tables, actor_iris)
        graphs[f"treaties/{slug}/participation"] = pg
        if statements:
            graphs[f"treaties/{slug}/statements"] = statement_graph(statements, actor_iris)
        stats[slug] = {
            "events": len(events),
            "statements": len(statements),
            "counts": len(counts),
            "closed lists": len(tables),
        }
    return graphs, stats


def skipped_facts(sources_dir: Path = paths.SOURCES_DIR) -> list[tuple[str, str, str]]:
    """Facts the sources show that the import does not load (no date, or a source without one)."""
    build_graphs(sources_dir)
    return list(SKIPPED)


def run_import(
    data_dir: Path = paths.DATA_DIR,
    sources_dir: Path = paths.SOURCES_DIR,
    progress: Callable[[str], None] = lambda _: None,
) -> ImportReport:
    """Write every graph as canonical Turtle; only changed files are rewritten, stale ones removed."""
    graphs, stats = build_graphs(sources_dir, progress)
    report = ImportReport(counts=stats, skipped=list(SKIPPED))
    wanted = {data_dir / f"{name}.ttl" for name in graphs}
    for name, g in sorted(graphs.items()):
        target = data_dir / f"{name}.ttl"
        (report.written if write_canonical(g, target) else report.unchanged).append(name)
    for old in sorted(data_dir.rglob("*.ttl")):
        if old not in wanted:
            old.unlink()
            report.removed.append(old.relative_to(data_dir).as_posix())
    return report
