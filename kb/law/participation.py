"""Where an actor stands in a treaty on a date (legal-model MR-2, MR-3, MR-12, MR-14).

Pure: takes the events of one treaty and returns a status with the events it rests on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from kb.law.dates import apply_rule, entry_into_force_for, latest_deposit_for
from kb.model import (
    CONSENT_KINDS,
    DepositaryCount,
    Event,
    Participation,
    Provenance,
    Statement,
    Treaty,
)


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
    notes: tuple[str, ...] = field(default=())


def newest(events: Iterable[Event]) -> Event | None:
    """The event whose source has the newest status date (then the latest date) wins."""
    best: Event | None = None
    for e in events:
        if best is None or (e.provenance.status_as_of, e.date) > (best.provenance.status_as_of, best.date):
            best = e
    return best


def events_by_kind(events: Iterable[Event], actor: str) -> dict[str, Event]:
    mine = [e for e in events if e.actor == actor and e.territory is None]
    out: dict[str, Event] = {}
    for kind in ("signature", "entry_into_force", "denunciation"):
        found = newest(e for e in mine if e.kind == kind)
        if found:
            out[kind] = found
    consent = newest(e for e in mine if e.kind in CONSENT_KINDS and not e.no_later_than) or newest(
        e for e in mine if e.kind in CONSENT_KINDS
    )  # a dated consent wins over "contracting by a date"
    if consent is not None and consent.kind == "consent" and not consent.no_later_than:
        # the newest source gives the date only: another source may name the instrument of that date
        named = newest(e for e in mine if e.kind in CONSENT_KINDS and e.kind != "consent" and e.date == consent.date)
        consent = named or consent
    if consent:
        out["consent"] = consent
    return out


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
    list_complete: bool = True,
) -> Standing:
    """Status of `actor` in `treaty` on `on` (None: the latest known position)."""
    ev = events_by_kind(events, actor)
    sig, consent, eif, den = (ev.get(k) for k in ("signature", "consent", "entry_into_force", "denunciation"))
    if consent and eif is None:
        eif = derive_entry_into_force(treaty, consent)

    def seen(e: Event | None) -> Event | None:
        return e if e is not None and (on is None or e.date <= on) else None

    notes: list[str] = []
    status = _status(treaty, on, seen(sig), seen(consent), eif, seen(den))
    if consent is not None and consent.no_later_than and consent.derived and seen(consent):
        notes.append(
            f"consented on {consent.date.isoformat()} at the latest: derived by the treaty's rule from its entry into "
            "force, which a source states; the date and kind of its instrument are not known"
        )
    elif consent is not None and consent.no_later_than and seen(consent):
        notes.append(
            f"a contracting state on {consent.date.isoformat()} by a source of that date that names it; the date and "
            "kind of its consent are not known, and entry into force is known only as a latest date"
        )
    if eif is not None and eif.no_later_than and consent is None:
        notes.append(
            f"in force for it on {eif.date.isoformat()} at the latest, exact date unknown: derived by rule "
            "from its participation in a treaty open only to parties of this one (not read in a depositary record)"
        )
    if status is Participation.NOT_PARTICIPATING and not list_complete:
        status = Participation.UNKNOWN
        notes.append("the participant list in the knowledge base is not complete for this date")
    if status in (Participation.SIGNATORY, Participation.CONSENTED_NOT_IN_FORCE):
        notes.append(
            "no cooperation obligation yet; only the duty not to defeat the treaty's object and purpose (VCLT art. 18)"
        )
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
    )


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
    for actor in actors:
        st = standing(treaty, events, actor, on)
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


def list_coverage(
    treaty: Treaty,
    events: list[Event],
    counts: list[DepositaryCount],
    on: date | None,
) -> tuple[int, DepositaryCount] | None:
    """The depositary's newest party count at or before `on`, with how many of those parties the
    knowledge base knows on its date; None without any such count."""
    usable = [c for c in counts if (on is None or c.status_date <= on) and c.parties is not None]
    if not usable:
        return None
    latest = max(usable, key=lambda c: c.status_date)
    actors = {e.actor for e in events}
    return counts_on(treaty, events, actors, latest.status_date)["parties"], latest


def list_complete(
    treaty: Treaty,
    events: list[Event],
    counts: list[DepositaryCount],
    on: date | None,
) -> bool:
    """True when the known participants match the depositary's newest count at or before `on`.

    Without any depositary count the list cannot be shown complete.
    """
    return covers(list_coverage(treaty, events, counts, on))


def covers(coverage: tuple[int, DepositaryCount] | None) -> bool:
    """Whether the known parties reach the depositary's count (see `list_coverage`)."""
    return coverage is not None and coverage[0] >= (coverage[1].parties or 0)


def incomplete_list_reason(coverage: tuple[int, DepositaryCount] | None) -> str:
    """Why an actor absent from the participant list is not known to be a non-participant."""
    if coverage is None:
        return "no depositary count of the parties is known for this date: the list of participants may be incomplete"
    known, count = coverage
    return (
        f"the knowledge base knows {known} of the {count.parties} parties the depositary counted on "
        f"{count.status_date.isoformat()}; the others are not yet sourced"
    )


__all__ = [
    "Standing",
    "consent_by_entry_into_force",
    "counts_on",
    "covers",
    "derive_entry_into_force",
    "denunciation_effective",
    "events_by_kind",
    "in_force_by_rule",
    "incomplete_list_reason",
    "list_complete",
    "list_coverage",
    "newest",
    "standing",
]
