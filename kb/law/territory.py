"""Territorial scope (VCLT art. 29, legal-model MR-13, issue 15 item 2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kb.law.dates import apply_rule
from kb.model import TreatyRecord

# The Netherlands Antilles (ANT) ceased to exist on 2010-10-10; Curaçao and Sint Maarten became
# countries of the Kingdom and Bonaire, Sint Eustatius and Saba (BES) part of the Netherlands. The
# Kingdom notified the depositaries that treaties ratified for the Netherlands Antilles, with their
# reservations, continue to apply to Curaçao and Sint Maarten (notification of 8 October 2010, as the
# WIPO Lex mirror shows it; registry id nl-antilles-2010-wipo): records for ANT count for its parts.
ANT_PARTS = frozenset({"CUW", "SXM", "BES"})
ANT_DISSOLVED = date(2010, 10, 10)


def _codes(territory: str) -> frozenset[str]:
    return frozenset({territory, "ANT"}) if territory in ANT_PARTS else frozenset({territory})


def partial_ratifiers(records: dict[str, TreatyRecord]) -> frozenset[str]:
    """States the data shows ratifying or extending treaties for parts of their territory (a
    territorial statement, extension or exclusion naming one of their territories, or the state
    itself for its metropolitan part): for them VCLT art. 29 is no safe default."""
    found: set[str] = set()
    for r in records.values():
        for e in r.events:
            if e.territory and e.kind in ("territorial_extension", "territorial_exclusion", "entry_into_force"):
                found.add(e.actor)
        for s in r.statements:
            if s.kind == "territorial_declaration" and s.territory:
                found.add(s.actor)
    return frozenset(found)


class Cover(StrEnum):
    """Why a territory is covered or not (kb.present writes it in words)."""

    # the record that decides (`change` of a Coverage)
    IN_FORCE_FOR = "in_force_for"  # in force for `territory` from `on`
    EXTENDED = "extended"  # extended to `territory` by a declaration of `on`
    EXCLUDED_FROM = "excluded_from"  # `territory` excluded from `on`
    STATEMENT = "statement"  # a territorial declaration: `statement`, its summary or mode in `text`
    METROPOLITAN = "metropolitan"  # a declaration for the metropolitan part: `statement`, its summary in `text`
    # the outcome
    DECIDED = "decided"  # the latest record in effect decides (`change`)
    NOT_YET = "not_yet"  # not yet covered on `on`; would be from `since` (`change`)
    METROPOLITAN_ONLY = "metropolitan_only"  # ratified for the metropolitan part only (`change`), no extension
    PARTIAL_UNKNOWN = "partial_unknown"  # no record, and `state` ratifies treaties for parts of its territory
    ENTIRE = "entire"  # no record: the treaty binds `state` for its entire territory (VCLT 29)


@dataclass(frozen=True, slots=True)
class Coverage:
    code: Cover
    territory: str
    state: str | None = None
    on: date | None = None
    since: date | None = None
    statement: str | None = None
    text: str | None = None  # a statement's summary (or mode), from the data
    change: Coverage | None = None
    former: date | None = None  # the day the Netherlands Antilles, of which the territory was part, ended


def territory_covered(
    record: TreatyRecord, state: str, territory: str, on: date, partial: frozenset[str] = frozenset()
) -> tuple[bool | None, Coverage]:
    """Whether `state`'s participation covers `territory` on `on` (True, False, or None: unknown),
    with the reason.

    Records of inclusion and exclusion (extensions, exclusions, territorial declarations) are read in
    date order; the latest in effect decides. An inclusion recorded after consent means the territory
    was not covered before it. A state's inclusion of its metropolitan part only (its own code: the
    Kingdom in Europe) leaves its other territories uncovered until an extension. Without any record,
    a state the data shows ratifying for parts of its territory (`partial`) is unknown for it; any
    other state is bound for its entire territory (VCLT art. 29).
    """
    codes = _codes(territory)
    former = ANT_DISSOLVED if "ANT" in codes else None
    changes: list[tuple[date, bool, Coverage]] = []
    metropolitan: list[tuple[date, Coverage]] = []
    for e in record.events:
        if e.actor != state or e.territory not in codes:
            continue
        if e.kind == "entry_into_force":
            changes.append((e.date, True, Coverage(Cover.IN_FORCE_FOR, e.territory, on=e.date)))
        elif e.kind == "territorial_extension":
            start = apply_rule(record.treaty.eif_rule, e.date)
            changes.append((start, True, Coverage(Cover.EXTENDED, e.territory, on=e.date)))
        elif e.kind == "territorial_exclusion":
            changes.append((e.date, False, Coverage(Cover.EXCLUDED_FROM, e.territory, on=e.date)))
    for s in record.statements:
        if s.actor != state or s.kind != "territorial_declaration":
            continue
        begin = s.effective_from or s.made_on
        if s.territory == state and s.territorial_mode == "include":
            said = Coverage(Cover.METROPOLITAN, state, statement=s.id, text=s.summary)
            metropolitan.append((begin or date.min, said))
            continue
        if s.territory not in codes or begin is None:
            continue
        said = Coverage(Cover.STATEMENT, s.territory, statement=s.id, text=s.summary or s.territorial_mode)
        changes.append((begin, s.territorial_mode != "exclude", said))
    # date order; on one day a recorded event (entry into force, extension, exclusion) is the reason
    # given rather than a declaration announcing it (both say the same: only the reason differs)
    changes.sort(key=lambda c: (c[0], c[1], c[2].code is not Cover.STATEMENT))
    inclusions = [c for c in changes if c[1]]
    state_now: bool | None = None
    why: Coverage | None = None
    for when, include, said in changes:
        if when <= on:
            state_now, why = include, said
    if state_now is not None:
        return state_now, Coverage(Cover.DECIDED, territory, change=why, former=former)
    if inclusions and inclusions[0][0] > on:
        first = inclusions[0]
        return False, Coverage(Cover.NOT_YET, territory, on=on, since=first[0], change=first[2], former=former)
    if metropolitan and metropolitan[0][0] <= on:
        return False, Coverage(Cover.METROPOLITAN_ONLY, territory, change=metropolitan[0][1], former=former)
    if state in partial:
        return None, Coverage(Cover.PARTIAL_UNKNOWN, territory, state=state, former=former)
    return True, Coverage(Cover.ENTIRE, territory, state=state)
