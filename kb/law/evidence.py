"""The minimum evidence grade (contract 5a): which facts an answer may rest on.

Facts below the minimum reach no favourable conclusion: a participation, a closed list or a count
below it is left out. A restrictive statement below it (a reservation, a limiting declaration, a
territorial exclusion, an objection) is kept, and the engine makes the basis it would restrict
`unknown` rather than letting the restriction vanish. So raising the minimum grade never gives a
better status or fewer conditions, except by turning something `unknown`.
"""

from __future__ import annotations

from dataclasses import replace

from kb.model import Grade, Statement, TreatyRecord

RESTRICTIVE_EFFECTS = ("exclude", "condition")


def restrictive(s: Statement) -> bool:
    """Whether a statement can only narrow what the treaty gives."""
    return (
        s.effect in RESTRICTIVE_EFFECTS
        or s.kind == "objection"
        or (s.kind == "territorial_declaration" and s.territorial_mode == "exclude")
        or s.will_use_as_legal_basis is False
    )


def at_minimum(record: TreatyRecord, minimum: Grade) -> TreatyRecord:
    """The record as an answer at `minimum` may use it (see the module docstring)."""
    if minimum is Grade.SECONDARY:
        return record

    def keep(grade: Grade) -> bool:
        return grade.at_least(minimum)

    return replace(
        record,
        # a territorial exclusion restricts: kept whatever its grade
        events=[e for e in record.events if keep(e.provenance.grade) or e.kind == "territorial_exclusion"],
        statements=[s for s in record.statements if keep(s.provenance.grade) or restrictive(s)],
        counts=[c for c in record.counts if keep(c.provenance.grade)],
        tables=[t for t in record.tables if keep(t.provenance.grade)],
    )
