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
from datetime import date, datetime
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from kb import iri, paths
from kb.importers.common import ImportProblem, as_date, date_literal, normalise_ws, skip
from kb.importers.names import to_code
from kb.importers.registry import Source
from kb.law.participation import derive_entry_into_force
from kb.model import CONSENT_KINDS, Event, Provenance, Treaty
from kb.rdf.prefixes import COOP, new_graph

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
EVENT_CLASS = {
    "signature": COOP.Signature,
    "ratification": COOP.Ratification,
    "acceptance": COOP.Acceptance,
    "approval": COOP.Approval,
    "accession": COOP.Accession,
    "succession": COOP.Succession,
    "formal_confirmation": COOP.FormalConfirmation,
    "definitive_signature": COOP.DefinitiveSignature,
    "consent": COOP.ConsentToBeBound,
    "entry_into_force": COOP.EntryIntoForce,
    "denunciation": COOP.Denunciation,
    "territorial_extension": COOP.TerritorialExtension,
    "territorial_exclusion": COOP.TerritorialWithdrawal,
    "signature_withdrawn": COOP.SignatureWithdrawnIntent,
}
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
    effective: dict[str, date] = {}
    snapshots: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
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
            if not (row.get("date") or "").strip():
                # the source shows the fact without its date (e.g. a signatory list): it cannot
                # be dated, so it is not loaded; coverage reports it
                skip(path, f"{where} {state} {event}", f"no date in {src_id}")
                continue
            if src.status_date is None:
                skip(path, f"{where} {state} {event}", f"source {src_id} shows no status date")
                continue
            d = as_date(row.get("date"), path, where)
            if event == "denunciation_effective":
                effective[state] = d
                continue
            territory = (row.get("territory") or "").strip() or None
            if event == "contracting_by":  # a depositary list names it a contracting state on that date
                out.append(Event(state, slug, "consent", d, src.provenance(), no_later_than=True))
                continue
            out.append(Event(state, slug, event, d, src.provenance(), territory=territory))
    return [
        Event(e.actor, e.treaty, e.kind, e.date, e.provenance, effective=effective.get(e.actor))
        if e.kind == "denunciation"
        else e
        for e in out
    ]


def dedupe(events: Iterable[Event]) -> list[Event]:
    """One event per (actor, kind, date, territory): the source with the newest status date wins."""
    best: dict[tuple[str, str, date, str | None], Event] = {}
    for e in events:
        key = (e.actor, e.kind, e.date, e.territory)
        if key not in best or e.provenance.status_as_of > best[key].provenance.status_as_of:
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
        latest = max(dated, key=lambda e: (e.provenance.status_as_of, e.date))
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
    g.add((node, COOP.statusDate, date_literal(p.status_as_of)))
    g.add((node, COOP.verificationStatus, COOP.Verified if p.verified else COOP.Unverified))
    if p.source_id:
        g.add((node, DCTERMS.source, URIRef(iri.source(p.source_id))))
