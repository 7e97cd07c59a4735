"""The knowledge base as one object: loaded once, asked many questions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kb import paths
from kb.answers import participation_answer, treaty_answer
from kb.errors import UnknownInput
from kb.model import TreatyRecord
from kb.rdf.repository import ActorInfo, read_actors, read_records
from kb.rdf.store import open_store


@dataclass
class KnowledgeBase:
    store: ox.Store
    records: dict[str, TreatyRecord]
    actors: dict[str, ActorInfo]

    @classmethod
    def open(cls, data_dir: Path = paths.DATA_DIR, ontology_dir: Path = paths.ONTOLOGY_DIR) -> KnowledgeBase:
        store = open_store(data_dir, ontology_dir)
        return cls(store, read_records(store), read_actors(store))

    def record(self, slug: str) -> TreatyRecord:
        if slug not in self.records:
            raise UnknownInput("treaty", slug, "known: " + ", ".join(sorted(self.records)))
        return self.records[slug]

    def actor(self, code: str) -> ActorInfo:
        key = code.strip().upper()
        if key not in self.actors:
            raise UnknownInput("state", code, "use an ISO 3166-1 alpha-3 code such as AUT, or EU")
        return self.actors[key]

    def participation(self, state: str, treaty: str, on: date | None = None) -> dict[str, Any]:
        actor = self.actor(state)
        return participation_answer(self.record(treaty), actor.code, on)

    def treaty(self, slug: str, on: date | None = None) -> dict[str, Any]:
        return treaty_answer(self.record(slug), on)


def parse_date(value: str | None) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UnknownInput("date", value, "dates are YYYY-MM-DD") from None
