"""How complete and how fresh the data of each treaty is: what is known, and what is not yet sourced."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from kb.law.closed_lists import closures
from kb.law.participation import counts_on
from kb.model import CONSENT_KINDS, DatedBy, Grade, TreatyRecord
from kb.rdf.importers.gaps import SearchedGap


def coverage(
    record: TreatyRecord,
    skipped: list[tuple[str, str, str]] | None = None,
    gaps: Sequence[SearchedGap] = (),
) -> dict[str, Any]:
    t = record.treaty
    actors = sorted({e.actor for e in record.events if e.territory is None})
    facts = [e.provenance for e in record.events if not e.derived] + [s.provenance for s in record.statements]
    dates = [p.status_as_of for p in facts if p.status_as_of is not None]
    newest_count = max(record.counts, key=lambda c: c.status_date, default=None)
    known_at_count: dict[str, int] | None = None
    if newest_count is not None:
        known_at_count = counts_on(t, record.events, actors, newest_count.status_date)
    # a consent derived from a stated entry into force (at the latest) does not make the consent known
    consent_actors = {e.actor for e in record.events if e.kind in CONSENT_KINDS and not e.derived}
    eif_only = sorted(
        {e.actor for e in record.events if e.kind == "entry_into_force" and not e.derived and e.territory is None}
        - consent_actors
    )
    out: dict[str, Any] = {
        "treaty": t.slug,
        "participants_known": len(actors),
        "known_now": counts_on(t, record.events, actors, date.today()),
        "depositary": None,
        "statements": len(record.statements),
        "states_with_statements": len({s.actor for s in record.statements}),
        "statements_without_text": sorted(s.id for s in record.statements if not s.text),
        "unverified_statements": sorted(s.id for s in record.statements if not s.provenance.verified),
        "derived_entries_into_force": sum(1 for e in record.events if e.kind == "entry_into_force" and e.derived),
        "consent_date_unknown": eif_only,
        "in_force_by_rule_only": sorted(
            {e.actor for e in record.events if e.no_later_than and e.kind == "entry_into_force" and e.territory is None}
            - consent_actors
        ),
        "facts_by_grade": {g.value: sum(1 for p in facts if p.grade is g) for g in Grade},
        "dated_by_event": sum(1 for p in facts if p.dated_by is DatedBy.EVENT),
        "closed_lists": [
            {"date": c.date.isoformat(), "kind": c.kind, "source": c.provenance.source, "listed": len(c.listed)}
            for c in closures(t, record.events, record.counts, record.tables)
        ],
        "oldest_status_date": min(dates).isoformat() if dates else None,
        "newest_status_date": max(dates).isoformat() if dates else None,
        "not_yet_sourced": [],
        "not_loaded": [f"{f}: {w}: {why}" for f, w, why in (skipped or []) if f"/{t.slug}/" in f"/{f}"],
        "searched_not_found": [
            {"item": g.item, "kind": g.kind, "state": g.state, "seen": g.seen, "tried": list(g.tried)} for g in gaps
        ],
    }
    if newest_count is not None and known_at_count is not None:
        out["depositary"] = {
            "status_date": newest_count.status_date.isoformat(),
            "parties": newest_count.parties,
            "signatories": newest_count.signatories,
            "source": newest_count.provenance.source,
            "known_parties_then": known_at_count["parties"],
            "known_signatories_then": known_at_count["signatories"],
        }
        if newest_count.parties is not None and known_at_count["parties"] < newest_count.parties:
            missing = newest_count.parties - known_at_count["parties"]
            out["not_yet_sourced"].append(
                f"{missing} of the {newest_count.parties} parties the depositary counted on "
                f"{newest_count.status_date.isoformat()} are not yet in the knowledge base"
            )
    else:
        if t.parties:  # a two-party treaty names its parties: the list is complete by its text
            out["closed_by_text"] = list(t.parties)
        elif out["closed_lists"]:
            newest = out["closed_lists"][-1]
            out["not_yet_sourced"].append(
                f"no depositary count found: the list is closed on {newest['date']} ({newest['kind']}) and taken as "
                "unchanged since (contract 5a rule 4)"
            )
        else:
            out["not_yet_sourced"].append("no depositary count found: completeness of the participant list is unknown")
    if eif_only:
        out["not_yet_sourced"].append(
            f"consent date and kind of {len(eif_only)} state(s) known only by entry into force"
        )
    if out["in_force_by_rule_only"]:
        out["not_yet_sourced"].append(
            f"dates of {len(out['in_force_by_rule_only'])} state(s) known as parties only by a rule (in force by "
            f"a date at the latest, unverified): {', '.join(out['in_force_by_rule_only'])}"
        )
    return out


def coverage_text(c: dict[str, Any]) -> str:
    lines = [
        f"{c['treaty']}: {c['participants_known']} participants known "
        f"({c['known_now']['parties']} parties, {c['known_now']['signatories']} signatories today)"
    ]
    d = c["depositary"]
    if d:
        lines.append(
            f"  depositary on {d['status_date']}: "
            f"{'unknown number of' if d['parties'] is None else d['parties']} parties, "
            f"{'unknown number of' if d['signatories'] is None else d['signatories']} signatories;"
            f" known for that date: {d['known_parties_then']} parties, {d['known_signatories_then']} signatories"
        )
    lines.append(
        f"  statements: {c['statements']} from {c['states_with_statements']} states; "
        f"{len(c['statements_without_text'])} without verbatim text; "
        f"{len(c['unverified_statements'])} unverified"
    )
    grades = ", ".join(f"{n} {g}" for g, n in c["facts_by_grade"].items())
    lines.append(f"  facts by evidence grade: {grades}; {c['dated_by_event']} dated by an event, not by their source")
    for cl in c["closed_lists"]:
        what = "complete table" if cl["kind"] == "table" else "count met by the identified parties"
        lines.append(f"  closed list {cl['date']}: {what}, {cl['listed']} participants ({cl['source']})")
    lines.append(
        f"  derived entries into force: {c['derived_entries_into_force']}; "
        f"status dates {c['oldest_status_date']} .. {c['newest_status_date']}"
    )
    if c.get("closed_by_text"):
        lines.append(f"  a two-party treaty: its text names its parties ({', '.join(c['closed_by_text'])})")
    for n in c["not_yet_sourced"]:
        lines.append(f"  not yet sourced: {n}")
    for g in c["searched_not_found"]:
        lines.append(f"  searched, not found: {g['item']}")
        if g["seen"]:
            lines.append(f"    seen only in unusable sources: {g['seen']}")
        lines.append(f"    tried: {'; '.join(g['tried'])}")
    if c["not_loaded"]:
        lines.append(f"  seen in sources but not loaded: {len(c['not_loaded'])}")
    return "\n".join(lines)
