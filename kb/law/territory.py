"""Territorial scope (VCLT art. 29, legal-model MR-13)."""

from __future__ import annotations

from datetime import date

from kb.law.dates import apply_rule
from kb.model import TreatyRecord


def territory_covered(record: TreatyRecord, state: str, territory: str, on: date) -> tuple[bool | None, str]:
    """Whether `state`'s participation covers `territory` on `on`, with the reason.

    Records of inclusion and exclusion (extensions, exclusions, territorial declarations) are
    read in date order; the latest in effect decides. An inclusion recorded after consent means
    the territory was not covered before it. Without any record the treaty binds the state for
    its entire territory (VCLT art. 29).
    """
    changes: list[tuple[date, bool, str]] = []
    for e in record.events:
        if e.actor != state or e.territory != territory:
            continue
        if e.kind == "entry_into_force":
            changes.append((e.date, True, f"in force for {territory} from {e.date.isoformat()}"))
        elif e.kind == "territorial_extension":
            start = apply_rule(record.treaty.eif_rule, e.date)
            changes.append((start, True, f"extended to {territory} (declaration of {e.date.isoformat()})"))
        elif e.kind == "territorial_exclusion":
            changes.append((e.date, False, f"{territory} excluded from {e.date.isoformat()}"))
    for s in record.statements:
        if s.actor != state or s.territory != territory or s.kind != "territorial_declaration":
            continue
        begin = s.effective_from or s.made_on
        if begin is None:
            continue
        changes.append((begin, s.territorial_mode != "exclude", f"{s.id}: {s.summary or s.territorial_mode}"))
    if not changes:
        return (
            None,
            f"no territorial record for {territory}: the treaty binds {state} for its entire territory (VCLT 29)",
        )
    changes.sort()
    inclusions = [c for c in changes if c[1]]
    state_now: bool | None = None
    why = ""
    for when, include, text in changes:
        if when <= on:
            state_now, why = include, text
    if state_now is None:
        if inclusions and inclusions[0][0] > on:
            return False, f"{territory} not yet covered on {on.isoformat()}: {inclusions[0][2]}"
        return None, f"{territory}: no record in effect on {on.isoformat()}"
    return state_now, why
