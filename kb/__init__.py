"""TreatyKB's knowledge base: the public API the surfaces (api/) use.

`from kb import KnowledgeBase` loads the knowledge base and answers the contract's questions
(participation, treaty, availability) at a minimum evidence grade. The rest is internal: `kb.law` (pure
legal rules), `kb.rdf` (the one place that touches RDF stores), `kb.rdf.importers` (sources to data).
Names are resolved lazily, so importing a submodule (the pure `kb.law`) does not load the store.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_PUBLIC = {
    "KnowledgeBase": "kb.knowledge",
    "parse_date": "kb.knowledge",
    "parse_grade": "kb.knowledge",
    "UnknownInput": "kb.errors",
    "NotFound": "kb.errors",
    "KBError": "kb.errors",
    "Grade": "kb.model",
    "Participation": "kb.model",
    "AvailabilityStatus": "kb.vocab",
    "GapCode": "kb.vocab",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'kb' has no attribute {name!r}")
