"""Where an actor stands in a treaty on a date (legal-model MR-2, MR-3, MR-12, MR-14).

Pure: takes the events of one treaty and returns a status with the events it rests on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from kb.law.closed_lists import Absence
from kb.law.dates import apply_rule, entry_into_force_for, latest_deposit_for
from kb.model import (
    CONSENT_KINDS,
    ClosedList,
    Contested,
    Event,
    Participation,
    Provenance,
    Statement,
    Treaty,
)


class Why(StrEnum):
    """What a standing's note says (kb.present writes it in words)."""

    CONSENT_DERIVED_BY_RULE = "consent_derived_by_rule"  # consented on `on` at the latest, from its entry into force
    NAMED_CONTRACTING = "named_contracting"  # named a contracting state on `on` by a source of that date
    IN_FORCE_BY_PARENT = "in_force_by_parent"  # in force on `on` at the latest, from a treaty open only to parties
    NAMED_LATER = "named_later"  # a source of `on` names it (`kind` by that date at the latest)
    CANNOT_JOIN = "cannot_join"  # open only to the parties of another treaty, which does not bind it
    UNIDENTIFIED = "unidentified"  # a later count exceeds the parties identified (`absence`)
    NO_LIST = "no_list"  # no complete participant list or count settles the date
    NO_OBLIGATION_YET = "no_obligation_yet"  # signatory or consented: only VCLT art. 18


@dataclass(frozen=True, slots=True)
class Note:
    """A note on a standing: a code and its parameters, no words."""

    code: Why
    on: date | None = None
    kind: str | None = None
    absence: Absence | None = None


@dataclass(frozen=True)
class Standing:
    actor: str
    treaty: str
    on: date | None
    status: Participation
    signature: Event | None
    consent: Event | None
    entry_into_force: Event | None
    denunciation: Event | None
    statements: tuple[Statement, ...] = ()
    notes: tuple[Note, ...] = field(default=())
    # the closed list the status rests on (contract 5a), and what the lists settle on the date
    closed_list: ClosedList | None = None
    absence: Absence | None = None


def newest(events: Iterable[Event]) -> Event | None:
    """The event the best source gives: the better grade wins, then the newer status date (contract
    5a), then the later date."""
    best: Event | None = None
    for e in events:
        if best is None or _belief(e) > _belief(best):
            best = e
    return best


def _belief(e: Event) -> tuple[int, date, date]:
    return (e.provenance.grade.rank, e.provenance.as_of_key, e.date)


def events_by_kind(events: Iterable[Event], actor: str) -> dict[str, Event]:
    mine = [e for e in events if e.actor == actor and e.territory is None]
    out: dict[str, Event] = {}
    for kind in ("signature", "entry_into_force", "denunciation"):
        of_kind = [e for e in mine if e.kind == kind]
        found = newest(e for e in of_kind if not e.no_later_than) or newest(of_kind)  # a dated one first
        if found:
            out[kind] = _contested(found, of_kind)
    consents = [e for e in mine if e.kind in CONSENT_KINDS]
    consent = newest(e for e in consents if not e.no_later_than) or newest(
        consents
    )  # a dated consent wins over "contracting by a date"
    if consent is not None and consent.kind == "consent" and not consent.no_later_than:
        # the best source gives the date only: another source may name the instrument of that date
        named = newest(e for e in consents if e.kind != "consent" and e.date == consent.date)
        consent = named or consent
    if consent:
        out["consent"] = _contested(consent, consents)
    return out


def _contested(chosen: Event, alternatives: Iterable[Event]) -> Event:
    """`chosen` with the other values sources give for the same event (contract 5a `contested_by`).

    A derived date is a computation, not a source's value; a no-later-than bound disagrees only when
    it falls before the chosen date.
    """
    others: dict[tuple[date, str], Contested] = {}
    for e in alternatives:
        if e.date == chosen.date or e.derived or chosen.derived or e.provenance.source == chosen.provenance.source:
            continue
        if e.no_later_than and e.date >= chosen.date:
            continue
        if chosen.no_later_than and chosen.date >= e.date:
            continue
        others[(e.date, e.provenance.source)] = Contested(e.date.isoformat(), e.provenance)
    if not others:
        return chosen
    return replace(chosen, contested_by=tuple(v for _, v in sorted(others.items())))


def derive_entry_into_force(treaty: Treaty, consent: Event) -> Event | None:
    """Entry into force for the actor by the treaty's own rule, marked derived."""
    when = entry_into_force_for(treaty.eif_rule, consent.date, treaty.general_eif)
    if when is None:
        return None
    return Event(
        actor=consent.actor,
        treaty=consent.treaty,
        kind="entry_into_force",
        date=when,
        provenance=consent.provenance,
        derived=True,
        no_later_than=consent.no_later_than,
    )


def in_force_by_rule(treaty: Treaty, events: list[Event], base_events: list[Event]) -> list[Event]:
    """Entries into force of `treaty.open_only_to_parties_of` that follow from `treaty`'s own clause.

    A treaty open for signature only by the Parties to another (CETS 224 Art. 16(1): "the Parties
    to the Convention") shows that each of its signatories was bound by the other treaty on the
    day it signed, at the latest; a protocol only Parties to the Convention can become parties to
    (UNTOC art. 37(2)) shows it by the day the protocol entered into force for the actor. Only for
    actors with no consent or entry into force known there; marked derived, `no_later_than`, and
    unverified (the clause is a rule, not a depositary record).
    """
    known = {
        e.actor
        for e in base_events
        if e.territory is None and (e.kind == "entry_into_force" or e.kind in CONSENT_KINDS)
    }
    acts = (
        ("entry_into_force",)
        if treaty.open_only_to_parties_act == "entry_into_force"
        else ("signature", *CONSENT_KINDS)
    )
    first: dict[str, Event] = {}
    for e in events:
        if e.territory is None and e.kind in acts and e.actor not in known:
            if e.actor not in first or e.date < first[e.actor].date:
                first[e.actor] = e
    out = []
    for actor, e in sorted(first.items()):
        prov = Provenance(
            source=e.provenance.source,
            status_as_of=e.provenance.status_as_of,
            verified=False,
            source_id=e.provenance.source_id,
        )
        out.append(
            Event(
                actor=actor,
                treaty=treaty.open_only_to_parties_of or "",
                kind="entry_into_force",
                date=e.date,
                provenance=prov,
                derived=True,
                no_later_than=True,
            )
        )
    return out


def consent_by_entry_into_force(treaty: Treaty, events: list[Event]) -> list[Event]:
    """Consents at the latest, for actors whose entry into force a source states but whose consent no
    source gives: by the treaty's own rule the deposit was on `latest_deposit_for(...)` or earlier.

    Derived (the source states the entry into force, not the deposit), kind unknown (`consent`),
    `no_later_than`. Before that date the actor's standing stays unknown; from it until the entry
    into force it has consented (and counts as the depositary counts its parties).
    """
    consented = {e.actor for e in events if e.territory is None and e.kind in CONSENT_KINDS}
    out: list[Event] = []
    for actor in sorted({e.actor for e in events} - consented):
        stated = [
            e
            for e in events
            if e.actor == actor
            and e.kind == "entry_into_force"
            and e.territory is None
            and not e.derived
            and not e.no_later_than
        ]
        eif = newest(stated)
        if eif is None:
            continue
        out.append(
            Event(
                actor=actor,
                treaty=treaty.slug,
                kind="consent",
                date=latest_deposit_for(treaty.eif_rule, eif.date),
                provenance=eif.provenance,
                derived=True,
                no_later_than=True,
            )
        )
    return out


def denunciation_effective(treaty: Treaty, denunciation: Event) -> date:
    if denunciation.effective is not None:
        return denunciation.effective
    return apply_rule(treaty.denunciation_rule, denunciation.date)


def standing(
    treaty: Treaty,
    events: list[Event],
    actor: str,
    on: date | None,
    statements: Iterable[Statement] = (),
    absence: Absence | None = None,
    eligible: bool = True,
) -> Standing:
    """Status of `actor` in `treaty` on `on` (None: the latest known position).

    `absence` is what the closed lists settle on the date (kb.law.closed_lists; None: taken as
    settled without a list, for callers with no lists); `eligible` says whether the actor could have
    joined (a protocol open only to its parent's parties), for the later-count rule.
    """
    mine = [e for e in events if e.actor == actor]
    ev = events_by_kind(mine, actor)
    sig, consent, eif, den = (ev.get(k) for k in ("signature", "consent", "entry_into_force", "denunciation"))
    if consent and eif is None:
        eif = derive_entry_into_force(treaty, consent)

    def seen(e: Event | None) -> Event | None:
        return e if e is not None and (on is None or e.date <= on) else None

    notes: list[Note] = []
    status = _status(treaty, on, seen(sig), seen(consent), eif, seen(den))
    if consent is not None and consent.no_later_than and consent.derived and seen(consent):
        notes.append(Note(Why.CONSENT_DERIVED_BY_RULE, consent.date))
    elif consent is not None and consent.no_later_than and seen(consent):
        notes.append(Note(Why.NAMED_CONTRACTING, consent.date))
    if eif is not None and eif.no_later_than and consent is None:
        notes.append(Note(Why.IN_FORCE_BY_PARENT, eif.date))
    closed: ClosedList | None = None
    if treaty.parties and actor not in treaty.parties:
        status = Participation.NOT_PARTICIPATING  # a treaty that names its parties binds no one else
    if on is not None and status in (Participation.NOT_PARTICIPATING, Participation.SIGNATORY):
        status, closed, note = _settle(status, mine, on, absence, eligible)
        notes += [note] if note is not None else []
    if status in (Participation.SIGNATORY, Participation.CONSENTED_NOT_IN_FORCE):
        notes.append(Note(Why.NO_OBLIGATION_YET))
    chosen = tuple(s for s in statements if s.actor == actor and (on is None or s.in_effect(on)))
    return Standing(
        actor=actor,
        treaty=treaty.slug,
        on=on,
        status=status,
        signature=seen(sig),
        consent=seen(consent),
        entry_into_force=eif
        if eif and (seen(consent) or ((not eif.derived or eif.no_later_than) and seen(eif)))
        else None,
        denunciation=seen(den),
        statements=chosen,
        notes=tuple(notes),
        closed_list=closed,
        absence=absence,
    )


def _settle(
    status: Participation, mine: list[Event], on: date, absence: Absence | None, eligible: bool
) -> tuple[Participation, ClosedList | None, Note | None]:
    """Whether the closed lists settle a status the known events leave at `not_participating` or
    `signatory` on `on` (contract 5a rules 3 and 4): (status, the list it rests on, a note)."""
    later = [
        e
        for e in mine
        if e.no_later_than
        and e.territory is None
        and e.date > on
        and (e.kind in (*CONSENT_KINDS, "entry_into_force") or status is Participation.NOT_PARTICIPATING)
    ]
    if later:  # a list names it later without the date of its act: that act may precede `on`
        first = min(later, key=lambda e: e.date)
        return Participation.UNKNOWN, None, Note(Why.NAMED_LATER, first.date, first.kind)
    if absence is None:
        return status, None, None
    if not eligible:  # only the parties of another treaty can join this one, and it is not one of them
        return status, absence.closed, Note(Why.CANNOT_JOIN)
    if absence.closed is None:
        if status is Participation.SIGNATORY:
            return status, None, None
        if absence.count is not None:
            return Participation.UNKNOWN, None, Note(Why.UNIDENTIFIED, absence=absence)
        return Participation.UNKNOWN, None, Note(Why.NO_LIST)
    if absence.count is not None and eligible:
        return Participation.UNKNOWN, None, Note(Why.UNIDENTIFIED, absence=absence)
    return status, absence.closed, None


def cannot_join(st: Standing) -> bool:
    """Whether the treaty is open only to the parties of another, which does not bind the actor."""
    return any(n.code is Why.CANNOT_JOIN for n in st.notes)


def _status(
    treaty: Treaty,
    on: date | None,
    sig: Event | None,
    consent: Event | None,
    eif: Event | None,
    den: Event | None,
) -> Participation:
    if den is not None:
        effective = denunciation_effective(treaty, den)
        if on is None or effective <= on:
            return Participation.DENOUNCED
        return Participation.DENUNCIATION_PENDING
    if consent is not None:
        if eif is not None and (on is None or eif.date <= on):
            return Participation.PARTY
        if consent.no_later_than and eif is not None and eif.no_later_than:
            return Participation.UNKNOWN  # consented by then, perhaps already in force: not knowable
        return Participation.CONSENTED_NOT_IN_FORCE
    if eif is not None and (not eif.derived or eif.no_later_than):
        # a source states entry into force (or a rule shows it in force by a date) but no source
        # gives the consent: the actor consented at some unknown date before it
        return Participation.PARTY if on is None or eif.date <= on else Participation.UNKNOWN
    if sig is not None:
        return Participation.SIGNATORY
    return Participation.NOT_PARTICIPATING


def counts_on(
    treaty: Treaty,
    events: list[Event],
    actors: Iterable[str],
    on: date | None,
) -> dict[str, int]:
    """Counted as the depositary counts (contract 2c)."""
    parties = signatories = denounced = 0
    by_actor: dict[str, list[Event]] = {}
    for e in events:  # each standing reads its own events only (not every event once per actor)
        by_actor.setdefault(e.actor, []).append(e)
    for actor in actors:
        st = standing(treaty, by_actor.get(actor, []), actor, on)
        if st.signature is not None:
            signatories += 1
        if st.status in (
            Participation.PARTY,
            Participation.CONSENTED_NOT_IN_FORCE,
            Participation.DENUNCIATION_PENDING,
        ) or (st.status is Participation.UNKNOWN and st.consent is not None):
            parties += 1
        if st.status is Participation.DENOUNCED:
            denounced += 1
    return {"signatories": signatories, "parties": parties, "denounced": denounced}


__all__ = [
    "Standing",
    "consent_by_entry_into_force",
    "counts_on",
    "derive_entry_into_force",
    "denunciation_effective",
    "events_by_kind",
    "in_force_by_rule",
    "Note",
    "Why",
    "cannot_join",
    "newest",
    "standing",
]
