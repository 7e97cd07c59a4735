"""A fictional treaty for the rule tests: one definition instead of a copy per test file."""

from dataclasses import replace
from datetime import date
from typing import Any

from kb.model import Provenance, Treaty

DEPOSITARY = Provenance("https://example.org/depositary", date(2010, 1, 1))
_BASE = Treaty(
    slug="fict-1",
    title_en="Fictional Convention",
    title_fr="Convention fictive",
    short_names=("Fiction",),
    identifiers=(),
    adopted=date(2000, 1, 1),
    general_eif=date(2001, 1, 1),
    general_eif_provenance=DEPOSITARY,
    eif_rule="UN_PLUS_30_DAYS",
    eif_rule_text="",
    denunciation_rule="PLUS_1_YEAR",
    reservation_regime="vclt_default",
)


def treaty(slug: str, short: str, **changes: Any) -> Treaty:
    """A fictional treaty in force from 2001-01-01 (30 days after deposit; denunciation after a year)."""
    fields: dict[str, Any] = {"slug": slug, "short_names": (short,), "title_en": f"{short} Convention"}
    return replace(_BASE, **(fields | changes))
