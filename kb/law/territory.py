"""Territorial scope (VCLT art. 29, legal-model MR-13, issue 15 item 2)."""

from __future__ import annotations

from datetime import date

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


def territory_covered(
    record: TreatyRecord, state: str, territory: str, on: date, partial: frozenset[str] = frozenset()
) -> tuple[bool | None, str]:
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
    former = f" (part of the Netherlands Antilles until {ANT_DISSOLVED.isoformat()})" if "ANT" in codes else ""
    changes: list[tuple[date, bool, str]] = []
    metropolitan: list[tuple[date, str]] = []
    for e in record.events:
        if e.actor != state or e.territory not in codes:
            continue
        if e.kind == "entry_into_force":
            changes.append((e.date, True, f"in force for {e.territory} from {e.date.isoformat()}"))
        elif e.kind == "territorial_extension":
            start = apply_rule(record.treaty.eif_rule, e.date)
            changes.append((start, True, f"extended to {e.territory} (declaration of {e.date.isoformat()})"))
        elif e.kind == "territorial_exclusion":
            changes.append((e.date, False, f"{e.territory} excluded from {e.date.isoformat()}"))
    for s in record.statements:
        if s.actor != state or s.kind != "territorial_declaration":
            continue
        begin = s.effective_from or s.made_on
        if s.territory == state and s.territorial_mode == "include":
            metropolitan.append((begin or date.min, f"{s.id}: {s.summary or 'metropolitan part only'}"))
            continue
        if s.territory not in codes or begin is None:
            continue
        changes.append((begin, s.territorial_mode != "exclude", f"{s.id}: {s.summary or s.territorial_mode}"))
    changes.sort()
    inclusions = [c for c in changes if c[1]]
    state_now: bool | None = None
    why = ""
    for when, include, text in changes:
        if when <= on:
            state_now, why = include, text
    if state_now is not None:
        return state_now, why + former
    if inclusions and inclusions[0][0] > on:
        first = inclusions[0]
        return False, (
            f"{territory}{former} not yet covered on {on.isoformat()}; would be from {first[0].isoformat()}: {first[2]}"
        )
    if metropolitan and metropolitan[0][0] <= on:
        return False, f"{territory}{former} not covered: {metropolitan[0][1]}; no extension to it is recorded"
    if state in partial:
        return None, (
            f"no territorial record for {territory}{former} in this treaty, and {state} is known to ratify treaties "
            "for parts of its territory: whether the treaty applies there is unknown (no VCLT art. 29 default)"
        )
    return True, f"no territorial record for {territory}: the treaty binds {state} for its entire territory (VCLT 29)"
