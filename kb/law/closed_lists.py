"""What closed lists settle about a state the knowledge base does not show (contract 5a rules 1-4).

Pure: takes a treaty's events, depositary counts and complete tables and returns, for a date, the
list an absence rests on, or why nothing settles it.

- Rule 1: a complete table with an exact status date closes the list at that date; listing every
  state that ever signed or consented, it also settles the time before it.
- Rule 2: a depositary count of parties closes the parties at its date when it equals the number of
  states whose consent a fact places on or before that date.
- Rule 3: a state absent from a closed list is not participating on its date.
- Rule 4: after the newest closed list the data is taken as unchanged, unless a later count exceeds
  the parties identified for its date: the unidentified joined after the newest closure before that
  count, so from the day after it every state that could have joined, and whose later standing is
  not known, is unknown.

A choice a treaty lawyer would accept, written down (docs/evidence.md): absent from the parties of a
later count that the identified parties meet, a state was not a party before it either (a consent
is not undone without a denunciation, itself an event the tables show); so a count that exceeds the
identified parties leaves unknown only the time after the newest closure, and only while no later
closure names the late joiners.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from kb.law.dates import apply_rule
from kb.model import CONSENT_KINDS, ClosedList, DepositaryCount, Event, Treaty


@dataclass(frozen=True)
class Absence:
    """What the closed lists settle on a date about a state no fact places in the treaty.

    `closed` is the list the absence rests on (None: no list settles it). When `count` is set, a
    later count exceeds the parties identified and an eligible state is unknown, not absent.
    """

    closed: ClosedList | None
    count: DepositaryCount | None = None  # the depositary count that exceeds the identified parties
    identified: int = 0  # parties identified on that count's date
    open_after: date | None = None  # the newest closure before that count: unknown from the next day

    @property
    def settled(self) -> bool:
        return self.closed is not None and self.count is None

    @property
    def unidentified(self) -> int:
        return (self.count.parties or 0) - self.identified if self.count else 0


PLACING = (*CONSENT_KINDS, "entry_into_force")


def parties_on(treaty: Treaty, events: Iterable[Event], on: date) -> frozenset[str]:
    """The parties as the depositary counts them on `on`: states whose consent (or entry into force) a
    fact places on or before it, dated, dated by event or no later than, less denunciations in effect."""
    events = list(events)
    consented = {e.actor for e in events if e.territory is None and e.kind in PLACING and e.date <= on}
    denounced = {
        e.actor
        for e in events
        if e.territory is None
        and e.kind == "denunciation"
        and (e.effective or apply_rule(treaty.denunciation_rule, e.date)) <= on
    }
    return frozenset(consented - denounced)


def closures(
    treaty: Treaty,
    events: list[Event],
    counts: Iterable[DepositaryCount],
    tables: Iterable[ClosedList],
) -> list[ClosedList]:
    """Every closed list: the complete tables (rule 1) and the counts the identified parties meet (rule 2)."""
    out = list(tables)
    for c in counts:
        if c.parties is None:
            continue
        known = parties_on(treaty, events, c.status_date)
        if len(known) >= c.parties:
            out.append(ClosedList(c.treaty, c.status_date, "count", c.provenance, known, c.parties))
    return sorted(out, key=lambda x: (x.date, x.kind != "table"))  # a table says more than a count


def absence(
    treaty: Treaty, events: list[Event], counts: Iterable[DepositaryCount], tables: Iterable[ClosedList], on: date
) -> Absence:
    """What settles, on `on`, the standing of a state no fact places in the treaty (rules 1-4)."""
    if treaty.parties and treaty.general_eif_provenance is not None:
        # a two-party treaty names its parties in its text: no other state can be bound by it
        named = ClosedList(treaty.slug, treaty.adopted or date.min, "parties", treaty.general_eif_provenance)
        return Absence(replace(named, listed=frozenset(treaty.parties)))
    counts = list(counts)
    closed = closures(treaty, events, counts, tables)
    later = [c for c in closed if c.date >= on]
    if later:
        # rule 3: absent from a table, it had never signed nor consented; absent from the parties of a
        # later count met by the identified parties, it was not a party then, so not before either
        return Absence(later[0])
    if not closed:
        short = [c for c in counts if c.parties is not None]
        if not short:
            return Absence(None)
        c = max(short, key=lambda c: c.status_date)
        return Absence(None, c, len(parties_on(treaty, events, c.status_date)))
    newest = closed[-1]
    for c in sorted(counts, key=lambda c: c.status_date):
        if c.parties is None or c.status_date <= newest.date:
            continue
        known = len(parties_on(treaty, events, c.status_date))
        if known < c.parties:  # rule 4: some joined after the newest closure, by this count
            return Absence(newest, c, known, newest.date)
    return Absence(newest)


__all__ = ["Absence", "absence", "closures", "parties_on"]
