"""Rules between treaties, as pure functions over plain data (issue #16).

A later treaty may replace an earlier one between the states bound by both (VCLT art. 30(4)(a)): the
Chisinau Convention of 2002, art. 120(3), ends the Minsk Convention of 1993 between its own parties, and
120(4) keeps Minsk between a Chisinau party and a state bound by Minsk alone (VCLT art. 30(4)(b)). The
treaty data names the earlier treaty (`replaces_between_common_parties` in kb/sources/structure); this
module decides, from the two states' standing in each later treaty, whether the earlier one still
applies between them on a date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kb.model import Event, Participation

BOUND = frozenset({Participation.PARTY, Participation.DENUNCIATION_PENDING})


class Outcome(StrEnum):
    APPLIES = "applies"  # no later treaty binds both: the earlier one applies (VCLT 30(4)(b))
    REPLACED = "replaced"  # a later treaty binds both: the earlier one has ceased between them
    UNKNOWN = "unknown"  # whether a later treaty binds both is not known


@dataclass(frozen=True)
class Bound:
    """A state's standing in a later treaty on the date, and the first day it is known in force for it (an
    exact date, stated or derived by the treaty's rule; None when not known)."""

    status: Participation
    in_force_from: date | None = None

    def bound(self, on: date) -> bool | None:
        """Bound on `on` (True), not bound (False), or not known (None). A state whose standing is unknown
        (a signatory that may have ratified) is still not bound before its known entry into force."""
        if self.status in BOUND:
            return True
        if self.status is not Participation.UNKNOWN:
            return False
        return False if self.in_force_from is not None and on < self.in_force_from else None


def first_in_force(events: Iterable[Event], actor: str) -> date | None:
    """The earliest exact entry into force of `actor` among a treaty's events (no territorial or
    no-later-than ones)."""
    dates = [
        e.date
        for e in events
        if e.actor == actor and e.kind == "entry_into_force" and e.territory is None and not e.no_later_than
    ]
    return min(dates, default=None)


@dataclass(frozen=True, slots=True)
class Replacement:
    """Whether an earlier treaty still applies between a pair (codes, no words: kb.present writes them)."""

    outcome: Outcome
    later: str  # the later treaty the outcome rests on
    earlier: str
    pair: tuple[str, str]
    on: date
    states: tuple[str, ...] = ()  # APPLIES: the state not bound by `later`; UNKNOWN: those not known to be


def replacement(
    earlier: str,
    later: Mapping[str, tuple[Bound, Bound]],
    pair: tuple[str, str],
    on: date,
) -> Replacement | None:
    """Whether `earlier` still applies between `pair` on `on`, given their standing in each later treaty
    that replaces it between common parties (`later`: slug -> (standing of pair[0], standing of pair[1])).
    None when no later treaty replaces it. One later treaty binding both is enough to end it; it applies
    when every later treaty is known not to bind one of the two; otherwise the outcome is unknown."""
    if not later:
        return None
    unknown: list[tuple[str, tuple[str, ...]]] = []
    applies: list[tuple[str, tuple[str, ...]]] = []
    for slug in sorted(later):
        bound = {state: st.bound(on) for state, st in zip(pair, later[slug], strict=True)}
        if all(bound.values()):
            return Replacement(Outcome.REPLACED, slug, earlier, pair, on)
        out = [state for state, b in bound.items() if b is False]
        if out:
            applies.append((slug, (out[0],)))
        else:
            unknown.append((slug, tuple(state for state, b in bound.items() if b is None)))
    slug, states = unknown[0] if unknown else applies[0]
    return Replacement(Outcome.UNKNOWN if unknown else Outcome.APPLIES, slug, earlier, pair, on, states)
