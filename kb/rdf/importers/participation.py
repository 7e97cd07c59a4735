"""Participation events -> treaties/{slug}/participation.ttl.

Two inputs: the 2014 UNTC scrape (parsed here: a tested parser of a structured table) and the
curated `{slug}/participation.csv` rows, each carrying a verbatim fragment that must occur in
its saved snapshot. Entry into force that no source states is derived by the treaty's own rule
and marked derived.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from kb import iri, paths
from kb.law.participation import derive_entry_into_force
from kb.model import CONSENT_KINDS, DatedBy, Event, Provenance, Treaty
from kb.rdf.importers.common import ImportProblem, as_date, csv_rows, date_literal, normalise_ws, skip
from kb.rdf.importers.names import to_code
from kb.rdf.importers.registry import DATED_BY_IRI, GRADE_IRI, Source
from kb.rdf.prefixes import COOP, new_graph
from kb.vocab import EVENT_CLASS as VOCAB_EVENT_CLASS

UNTC_2014_FILES = {
    "mtdsg-xviii-12": ("18-12.csv", "untc-2014-xviii-12"),
    "mtdsg-xviii-12-a": ("18-12-a.csv", "untc-2014-xviii-12-a"),
    "mtdsg-xviii-12-b": ("18-12-b.csv", "untc-2014-xviii-12-b"),
    "mtdsg-xviii-12-c": ("18-12-c.csv", "untc-2014-xviii-12-c"),
    "mtdsg-xviii-14": ("18-14.csv", "untc-2014-xviii-14"),
    "mtdsg-vi-19": ("6-19.csv", "untc-2014-vi-19"),
}
SUFFIX_KIND = {
    "": "ratification",
    "a": "accession",
    "A": "acceptance",
    "AA": "approval",
    "d": "succession",
    "c": "formal_confirmation",
}
EVENT_CLASS = {kind: COOP[cls] for kind, cls in VOCAB_EVENT_CLASS.items()}  # one table: kb/vocab.py
COLUMNS = ("state", "event", "date", "territory", "source", "verbatim", "note")
EVENTS = tuple(EVENT_CLASS) + ("denunciation_effective", "contracting_by")
_UNTC_DATE = re.compile(r"^(\d{1,2} [A-Z][a-z]{2} \d{4})(?:\s+(a|A|AA|d|c))?$")


def parse_untc_date(text: str) -> tuple[date, str]:
    """'21 May 2004 AA' -> (2004-05-21, 'approval'); no suffix means ratification."""
    m = _UNTC_DATE.match(text.strip())
    if not m:
        raise ValueError(f"not a UNTC date cell: {text!r}")
    return datetime.strptime(m.group(1), "%d %b %Y").date(), SUFFIX_KIND[m.group(2) or ""]


def read_untc_2014(slug: str, source: Source, sources_dir: Path = paths.SOURCES_DIR) -> list[Event]:
    name, _ = UNTC_2014_FILES[slug]
    path = sources_dir / "snapshots" / "untc-2014" / "treaties" / name
    out: list[Event] = []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    for line, row in enumerate(rows[1:], start=2):
        participant, sig, consent = (row + ["", "", ""])[:3]
        code = to_code(participant)
        if code is None:
            raise ImportProblem(
                path, f"line {line}", f"unknown participant name {participant!r}: add it to reference/names.csv"
            )
        prov = source.provenance()
        try:
            if sig.strip():
                d, _ = parse_untc_date(sig)
                out.append(Event(code, slug, "signature", d, prov))
            if consent.strip():
                d, kind = parse_untc_date(consent)
                out.append(Event(code, slug, kind, d, prov))
        except ValueError as exc:
            raise ImportProblem(path, f"line {line}", str(exc)) from None
    return out


def read_curated(
    slug: str,
    registry: dict[str, Source],
    sources_dir: Path = paths.SOURCES_DIR,
) -> list[Event]:
    path = sources_dir / slug / "participation.csv"
    if not path.exists():
        return []
    out: list[Event] = []
    pending: list[Event] = []
    wheres: dict[tuple[str, str, str | None], str] = {}
    effective: dict[str, date] = {}
    snapshots: dict[str, str] = {}
    for line, row in csv_rows(path, COLUMNS):
        where = f"line {line}"
        state, event = (row.get("state") or "").strip(), (row.get("event") or "").strip()
        if event not in EVENTS:
            raise ImportProblem(path, where, f"unknown event {event!r}")
        src_id = (row.get("source") or "").strip()
        if src_id not in registry:
            raise ImportProblem(path, where, f"unknown source id {src_id!r}")
        src = registry[src_id]
        verbatim = normalise_ws(row.get("verbatim") or "")
        if not verbatim:
            raise ImportProblem(path, where, "a fact needs its verbatim fragment")
        if src_id not in snapshots:
            snapshots[src_id] = normalise_ws(src.snapshot_text(sources_dir))
        if verbatim not in snapshots[src_id]:
            raise ImportProblem(path, where, f"verbatim fragment not found in snapshot of {src_id}: {verbatim!r}")
        territory = (row.get("territory") or "").strip() or None
        if not (row.get("date") or "").strip():
            if event in ("territorial_extension", "territorial_exclusion"):
                # made with the instrument of consent, the page giving no date of its own:
                # dated by that event (contract 5a `dated_by: event`)
                prov = replace(src.provenance(dated_by_event=True), dated_by=DatedBy.EVENT)
                pending.append(Event(state, slug, event, date.min, prov, territory=territory))
                wheres[(state, event, territory)] = where
                continue
            if src.status_date is not None and event in ("signature", "contracting_by"):
                # a dated list names the state (a signatory list): the event happened by the
                # list's date at the latest (contract 5a rule 3)
                kind = "consent" if event == "contracting_by" else event
                out.append(Event(state, slug, kind, src.status_date, src.provenance(), no_later_than=True))
                continue
            skip(path, f"{where} {state} {event}", f"neither {src_id} nor the row dates it (dated_by none)")
            continue
        d = as_date(row.get("date"), path, where)
        prov = src.provenance(dated_by_event=True)  # an undated page: the date its text gives
        if event == "denunciation_effective":
            effective[state] = d
            continue
        if event == "contracting_by":  # a depositary list names it a contracting state on that date
            out.append(Event(state, slug, "consent", d, prov, no_later_than=True))
            continue
        out.append(Event(state, slug, event, d, prov, territory=territory))
    PENDING[slug] = [(e, path, wheres[(e.actor, e.kind, e.territory)]) for e in pending]
    return [
        Event(e.actor, e.treaty, e.kind, e.date, e.provenance, effective=effective.get(e.actor))
        if e.kind == "denunciation"
        else e
        for e in out
    ]


# undated territorial rows of each treaty, dated by the author's consent once every event is read
PENDING: dict[str, list[tuple[Event, Path, str]]] = {}


def dated_by_consent(slug: str, events: list[Event]) -> list[Event]:
    """The treaty's pending rows (see `read_curated`), each on its author's consent date (contract 5a
    `dated_by: event`: a statement made with the instrument of consent takes that instrument's date)."""
    out: list[Event] = []
    for e, path, where in PENDING.pop(slug, []):
        consent = first_consent(events, e.actor)
        if consent is None:
            raise ImportProblem(path, where, f"dated by event, but no consent of {e.actor} is known to date it by")
        out.append(
            Event(
                e.actor,
                e.treaty,
                e.kind,
                consent.date,
                e.provenance,
                territory=e.territory,
                no_later_than=consent.no_later_than,
            )
        )
    return out


def first_consent(events: Iterable[Event], actor: str) -> Event | None:
    """The actor's consent: a dated one (best grade, then newest source) before a no-later-than bound."""
    mine = [e for e in events if e.actor == actor and e.kind in CONSENT_KINDS and e.territory is None]
    if not mine:
        return None
    return max(mine, key=lambda e: (not e.no_later_than, e.provenance.grade.rank, e.provenance.as_of_key))


def dedupe(events: Iterable[Event]) -> list[Event]:
    """One event per (actor, kind, date, territory): the source with the newest status date wins."""
    best: dict[tuple[str, str, date, str | None], Event] = {}
    for e in events:
        key = (e.actor, e.kind, e.date, e.territory)
        if key not in best or (e.provenance.grade.rank, e.provenance.as_of_key) > (
            best[key].provenance.grade.rank,
            best[key].provenance.as_of_key,
        ):
            best[key] = e
    return sorted(best.values(), key=lambda e: (e.actor, e.date, e.kind, e.territory or ""))


def with_derived_entry_into_force(treaty: Treaty, events: list[Event]) -> list[Event]:
    stated = {e.actor for e in events if e.kind == "entry_into_force" and e.territory is None}
    out = list(events)
    for actor in sorted({e.actor for e in events} - stated):
        consents = [e for e in events if e.actor == actor and e.kind in CONSENT_KINDS]
        if not consents:
            continue
        dated = [e for e in consents if not e.no_later_than] or consents
        latest = max(dated, key=lambda e: (e.provenance.grade.rank, e.provenance.as_of_key, e.date))
        derived = derive_entry_into_force(treaty, latest)
        if derived is not None:
            out.append(derived)
    return out


def participation_graph(treaty: Treaty, events: list[Event], actor_iris: dict[str, str]) -> Graph:
    g = new_graph()
    t = URIRef(iri.treaty(treaty.slug))
    counter: dict[str, int] = {}
    for e in events:
        if e.actor not in actor_iris:
            raise ImportProblem(f"{treaty.slug}/participation", e.actor, "unknown actor code")
        base = iri.action(treaty.slug, e.actor, e.kind + (f"-{e.territory}" if e.territory else ""), e.date.isoformat())
        n = counter.get(base, 0)
        counter[base] = n + 1
        node = URIRef(base if n == 0 else f"{base}-{n}")
        g.add((node, RDF.type, EVENT_CLASS[e.kind]))
        g.add((node, COOP.actor, URIRef(actor_iris[e.actor])))
        g.add((node, COOP.treaty, t))
        g.add((node, COOP.date, date_literal(e.date)))
        add_provenance(g, node, e.provenance)
        if e.no_later_than:
            g.add((node, COOP.noLaterThan, Literal(True)))
        if e.kind == "consent" and e.derived:  # from a stated entry into force (law.participation)
            g.add((node, COOP.derived, Literal(True)))
            g.add((node, COOP.dateRule, COOP[treaty.eif_rule]))
        if e.kind == "entry_into_force":
            g.add((node, COOP.derived, Literal(e.derived)))
            by_other_treaty = e.no_later_than and not e.provenance.verified  # see law.participation.in_force_by_rule
            rule = COOP[treaty.eif_rule] if e.derived else COOP.STATED_BY_SOURCE
            g.add((node, COOP.dateRule, COOP.OPEN_ONLY_TO_PARTIES if by_other_treaty else rule))
        if e.kind == "denunciation" and e.effective:
            g.add((node, COOP.effectiveFrom, date_literal(e.effective)))
        if e.territory:
            g.add((node, COOP.territory, URIRef(iri.actor(e.territory, "territory"))))
    return g


def add_provenance(g: Graph, node: URIRef, p: Provenance) -> None:
    """Source URL, status date, verification status and source record of a status fact."""
    g.add((node, PROV.wasDerivedFrom, URIRef(p.source)))
    if p.status_as_of is not None:
        g.add((node, COOP.statusDate, date_literal(p.status_as_of)))
    g.add((node, COOP.evidenceGrade, GRADE_IRI[p.grade]))
    g.add((node, COOP.datedBy, DATED_BY_IRI[p.dated_by]))
    g.add((node, COOP.verificationStatus, COOP.Verified if p.verified else COOP.Unverified))
    if p.source_id:
        g.add((node, DCTERMS.source, URIRef(iri.source(p.source_id))))
