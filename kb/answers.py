"""Contract answers (sections 2b and 2c) as JSON-ready dicts, from plain records."""

from __future__ import annotations

from datetime import date
from typing import Any

from kb.law.closed_lists import absence
from kb.law.participation import Standing, counts_on, standing
from kb.model import ClosedList, Event, Participation, Provenance, Statement, TreatyRecord
from kb.present import closed_list_text, note_text


def evidence_json(p: Provenance) -> dict[str, str]:
    """Contract 5a: how the fact is known."""
    return {"grade": p.grade.value, "dated_by": p.dated_by.value}


def cited(p: Provenance) -> dict[str, Any]:
    """A fact's source as every surface shows it: URL, status date (or null) and evidence."""
    return {"source": p.source, "status_as_of": _as_of(p), "evidence": evidence_json(p)}


def _fact(e: Event | None, with_kind: bool = False) -> dict[str, Any] | None:
    if e is None:
        return None
    out: dict[str, Any] = {"date": e.date.isoformat()}
    if with_kind:
        out["kind"] = e.kind
    out["source"] = e.provenance.source
    out["status_as_of"] = _as_of(e.provenance)
    out["evidence"] = evidence_json(e.provenance)
    if e.contested_by:
        out["contested_by"] = [
            {"source": c.provenance.source, "value": c.value, "evidence": evidence_json(c.provenance)}
            for c in e.contested_by
        ]
    return out


def _as_of(p: Provenance) -> str | None:
    return p.status_as_of.isoformat() if p.status_as_of else None


def closed_list_json(c: ClosedList | None, lang: str = "en") -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "date": c.date.isoformat(),
        "kind": c.kind,
        "source": c.provenance.source,
        "evidence": evidence_json(c.provenance),
        "reason": closed_list_text(c, lang),
    }


def statement_json(s: Statement) -> dict[str, Any]:
    out: dict[str, Any] = {"id": s.id, "kind": s.kind, "provisions": list(s.provisions)}
    if s.kind in ("objection", "acceptance"):
        out["objects_to"] = s.objects_to
    if s.kind == "objection":
        out["opposes_entry_into_force"] = s.opposes_entry_into_force
    if s.authority:
        out["authority"] = s.authority
    if s.territory:
        out["territory"] = s.territory
        out["territorial_mode"] = s.territorial_mode
    if s.will_use_as_legal_basis is not None:
        out["will_use_as_legal_basis"] = s.will_use_as_legal_basis
    if s.withdraws:
        out["withdraws"] = s.withdraws
    out["effect"] = s.effect
    if s.conditions:
        out["conditions"] = list(s.conditions)
    if s.offence_carve_out:
        out["offence_carve_out"] = s.offence_carve_out
    out["effective_from"] = s.effective_from.isoformat() if s.effective_from else None
    out["effective_from_derived"] = s.effective_from_derived
    out["effective_until"] = s.effective_until.isoformat() if s.effective_until else None
    out["text"] = {"lang": s.text_lang, "value": s.text} if s.text else None
    out["summary"] = s.summary
    out["verified"] = s.provenance.verified
    out["source"] = s.provenance.source
    out["status_as_of"] = _as_of(s.provenance)
    out["evidence"] = evidence_json(s.provenance)
    return out


def participation_answer(
    record: TreatyRecord, actor: str, on: date | None, eligible: bool = True, lang: str = "en"
) -> dict[str, Any]:
    """Contract 2b; `eligible`: whether the actor could have joined (see kb.law.closed_lists); the notes
    and the closed list's reason in `lang` (the contract's English by default)."""
    t = record.treaty
    when = on or date.today()
    lists = absence(t, record.events, record.counts, record.tables, when)
    st: Standing = standing(t, record.events, actor, when, record.statements, lists, eligible)
    chosen = st.statements if on else tuple(s for s in record.statements if s.actor == actor)
    eif = _fact(st.entry_into_force)
    if eif is not None and st.entry_into_force is not None:
        eif = {
            "date": eif["date"],
            "derived": st.entry_into_force.derived,
            **({"no_later_than": True} if st.entry_into_force.no_later_than else {}),
            **({"verified": False} if not st.entry_into_force.provenance.verified else {}),
            "source": eif["source"],
            "status_as_of": eif["status_as_of"],
            "evidence": eif["evidence"],
        }
    den = _fact(st.denunciation)
    if den is not None and st.denunciation is not None:
        from kb.law.participation import denunciation_effective

        den["effective"] = denunciation_effective(t, st.denunciation).isoformat()
    out: dict[str, Any] = {
        "state": actor,
        "treaty": t.slug,
        "date": when.isoformat(),
        "status": st.status.value,
        "signature": _fact(st.signature),
        "consent": _fact(st.consent, with_kind=True),
        "entry_into_force": eif,
        "denunciation": den,
        "statements": [statement_json(s) for s in chosen],
        "closed_list": closed_list_json(st.closed_list, lang),
    }
    if st.consent is not None and out["consent"] is not None:
        c = out["consent"]
        out["consent"] = {
            "date": c["date"],
            "kind": None if c["kind"] == "consent" else c["kind"],
            "source": c["source"],
            "status_as_of": c["status_as_of"],
            "evidence": c["evidence"],
            **({"contested_by": c["contested_by"]} if "contested_by" in c else {}),
        }
        if c["kind"] == "consent":
            out["consent"]["kind_note"] = "the source gives the date of consent but not the kind of instrument"
        if st.consent.no_later_than:
            out["consent"]["no_later_than"] = True
            out["consent"]["kind_note"] = (
                "derived from the stated entry into force by the treaty's rule: consented on this date at the "
                "latest; date and kind unknown"
                if st.consent.derived
                else "named a contracting state on this date by a dated source; date and kind unknown"
            )
            if st.consent.derived:
                out["consent"]["derived"] = True
    if st.status in (Participation.NOT_PARTICIPATING, Participation.UNKNOWN):
        out["sources"] = participant_list_sources(record)
    notes = [note_text(n, lang) for n in st.notes]
    if notes:
        out["notes"] = notes
    return out


def participant_list_sources(record: TreatyRecord) -> list[str]:
    """The newest sources that list the treaty's participants."""
    by_source: dict[str, date] = {}
    for e in record.events:
        if e.kind == "signature" or e.kind in ("ratification", "accession"):
            prev = by_source.get(e.provenance.source)
            if prev is None or e.provenance.as_of_key > prev:
                by_source[e.provenance.source] = e.provenance.as_of_key
    return [s for s, _ in sorted(by_source.items(), key=lambda kv: kv[1], reverse=True)[:3]]


def treaty_answer(record: TreatyRecord, on: date | None) -> dict[str, Any]:
    t = record.treaty
    on = on or date.today()
    actors = sorted({e.actor for e in record.events if e.territory is None})
    participants = []
    by_actor: dict[str, list[Event]] = {}
    for e in record.events:  # each standing reads its own events only
        by_actor.setdefault(e.actor, []).append(e)
    for a in actors:
        st = standing(t, by_actor.get(a, []), a, on)
        if st.status is Participation.NOT_PARTICIPATING:
            continue
        participants.append(
            {
                "state": a,
                "status": st.status.value,
                "signature": st.signature.date.isoformat() if st.signature else None,
                "consent": st.consent.date.isoformat() if st.consent else None,
                "consent_kind": st.consent.kind if st.consent and st.consent.kind != "consent" else None,
                "entry_into_force": st.entry_into_force.date.isoformat() if st.entry_into_force else None,
                "entry_into_force_derived": st.entry_into_force.derived if st.entry_into_force else None,
                "denunciation": st.denunciation.date.isoformat() if st.denunciation else None,
            }
        )
    statuses = [e.provenance.status_as_of for e in record.events if e.provenance.status_as_of is not None]
    return {
        "treaty": t.slug,
        "title": {"en": t.title_en, "fr": t.title_fr},
        "short_names": list(t.short_names),
        "identifiers": list(t.identifiers),
        "adopted": t.adopted.isoformat() if t.adopted else None,
        "entry_into_force": {
            "date": t.general_eif.isoformat() if t.general_eif else None,
            "rule": t.eif_rule_text,
            "source": t.general_eif_provenance.source if t.general_eif_provenance else None,
        },
        "date": on.isoformat(),
        "counts": counts_on(t, record.events, actors, on),
        "depositary_counts": [
            {
                "status_date": c.status_date.isoformat(),
                "signatories": c.signatories,
                "parties": c.parties,
                "source": c.provenance.source,
            }
            for c in sorted(record.counts, key=lambda c: c.status_date)
        ],
        "status_as_of": max(statuses).isoformat() if statuses else None,
        "participants": participants,
    }
