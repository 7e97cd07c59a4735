"""The knowledge base as one object: loaded once, asked many questions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from kb import paths
from kb.answers import participation_answer, treaty_answer
from kb.errors import UnknownInput
from kb.law.availability import Inputs, Question, Result, decide, eligible
from kb.law.availability import standing_on as engine_standing
from kb.law.evidence import at_minimum
from kb.law.participation import Standing
from kb.model import OFFENCES, Grade, TreatyRecord
from kb.present import Lexicon, availability_json, english
from kb.rdf.repository import ActorInfo, read_actors, read_records
from kb.rdf.store import Store, open_store


@dataclass
class KnowledgeBase:
    store: Store  # kb.rdf's business: held here and handed back to kb.rdf
    records: dict[str, TreatyRecord]
    actors: dict[str, ActorInfo]
    _inputs: dict[Grade, Inputs] = field(default_factory=dict)
    _lexicons: dict[str, Lexicon] = field(default_factory=dict)

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
            raise UnknownInput("state", code, suggest(code, self.actors))
        return self.actors[key]

    def participation(
        self, state: str, treaty: str, on: date | None = None, evidence: Grade = Grade.SECONDARY, lang: str = "en"
    ) -> dict[str, Any]:
        """Contract 2b (its notes in `lang`: the contract's English by default)."""
        actor = self.actor(state)
        inputs = self.inputs(evidence)
        record = inputs.records[self.record(treaty).treaty.slug]
        could_join = eligible(inputs, record, actor.code, on or date.today())
        return participation_answer(record, actor.code, on, could_join, lang)

    def standing(self, slug: str, code: str, on: date, evidence: Grade = Grade.SECONDARY) -> Standing:
        """Where a state stands in a treaty on a date, as the engine reads it (with the closed lists)."""
        inputs = self.inputs(evidence)
        return engine_standing(inputs, inputs.records[self.record(slug).treaty.slug], code, on)

    def treaty(self, slug: str, on: date | None = None) -> dict[str, Any]:
        return treaty_answer(self.record(slug), on)

    def condition_labels(self) -> dict[str, tuple[str, str]]:
        """Each condition code's label in English and French (from the ontology), read once."""
        if not hasattr(self, "_labels"):
            from kb.rdf.repository import read_condition_labels

            self._labels = read_condition_labels(self.store)
        return self._labels

    def inputs(self, evidence: Grade = Grade.SECONDARY) -> Inputs:
        """The engine's inputs at a minimum evidence grade (contract 5a), built once per grade."""
        if evidence not in self._inputs:
            if evidence is Grade.SECONDARY:
                self._inputs[evidence] = engine_inputs(self)
            else:
                full = self.inputs()
                records = {slug: at_minimum(r, evidence) for slug, r in full.records.items()}
                self._inputs[evidence] = replace(full, records=records, min_grade=evidence, memo={})
        return self._inputs[evidence]

    def availability(
        self,
        requesting: str,
        requested: str,
        mechanism: str,
        on: date | None = None,
        offence: str | None = None,
        territory: str | None = None,
        evidence: Grade = Grade.SECONDARY,
    ) -> dict[str, Any]:
        """Contract 2: can `requesting` use `mechanism` with `requested` on `on`? (its JSON, in English)"""
        found = self.ask(requesting, requested, mechanism, on, offence, territory, evidence)
        return availability_json(found, self.lexicon("en"))

    def lexicon(self, lang: str) -> Lexicon:
        """How answers name things in `lang` (kb.present): in English the contract's words (state codes,
        as the API answers); in another language the names of states, treaties, mechanisms and
        conditions in that language. One per language, kept (it remembers the messages it wrote)."""
        found = self._lexicons.get(lang)
        if found is None:
            found = self._lexicons[lang] = self._new_lexicon(lang)
        return found

    def _new_lexicon(self, lang: str) -> Lexicon:
        base = english(self.inputs())
        if lang == "en":
            return base
        mechs = base.inputs.mechanisms
        labels = self.condition_labels()
        column = 1 if lang == "fr" else 0
        actors, records = self.actors, self.records

        def state(code: str) -> str:
            a = actors.get(code)
            return code if a is None else (a.name_fr if lang == "fr" else a.name_en)

        def treaty(slug: str) -> str:
            if slug not in records:
                return slug
            t = records[slug].treaty
            return t.short_names[0] if t.short_names else (t.title_fr if lang == "fr" else t.title_en)

        def mechanism(notation: str) -> str:
            if notation not in mechs:
                return notation
            label = mechs[notation].label_fr if lang == "fr" else mechs[notation].label_en
            return label[:1].lower() + label[1:]  # as it reads inside a sentence

        return Lexicon(lang, base.inputs, state, treaty, mechanism, lambda c: labels.get(c, (c, c))[column])

    def ask(
        self,
        requesting: str,
        requested: str,
        mechanism: str,
        on: date | None = None,
        offence: str | None = None,
        territory: str | None = None,
        evidence: Grade = Grade.SECONDARY,
    ) -> Result:
        """Contract 2, as the engine answers it (codes, no words); unknown input raises UnknownInput."""
        a, b = self.actor(requesting).code, self.actor(requested).code
        inputs = self.inputs(evidence)
        m = mechanism.strip().upper()
        if m not in inputs.mechanisms:
            raise UnknownInput("mechanism", mechanism, "known: " + ", ".join(sorted(inputs.mechanisms)))
        if offence is not None and offence not in OFFENCES:
            raise UnknownInput("offence", offence, "known: " + ", ".join(OFFENCES))
        if territory is not None:
            code = territory.strip().upper()
            if code not in inputs.territories:
                raise UnknownInput("territory", territory, "use the ISO 3166-1 alpha-3 code of a territory")
            if inputs.territories[code] != b:
                raise UnknownInput("territory", territory, f"{code} is not a territory of {b}")
            territory = code
        return decide(inputs, Question(a, b, m, on or date.today(), offence, territory))


def suggest(value: str, actors: dict[str, ActorInfo]) -> str:
    """A helpful hint for an unknown state: close codes or names, else the expected form."""
    from difflib import get_close_matches

    names = {a.name_en.lower(): c for c, a in actors.items()} | {a.name_fr.lower(): c for c, a in actors.items()}
    found = get_close_matches(value.strip().upper(), list(actors), n=3, cutoff=0.6)
    found += [names[n] for n in get_close_matches(value.strip().lower(), list(names), n=3, cutoff=0.6)]
    if found:
        return "did you mean " + ", ".join(f"{c} ({actors[c].name_en})" for c in dict.fromkeys(found)) + "?"
    return "use an ISO 3166-1 alpha-3 code such as AUT, or EU"


def parse_grade(value: str | None) -> Grade:
    """A minimum evidence grade as the surfaces take it (contract 5a; default: every fact)."""
    if value is None or value == "":
        return Grade.SECONDARY
    try:
        return Grade(value.strip().lower())
    except ValueError:
        raise UnknownInput("evidence grade", value, "use one of: " + ", ".join(g.value for g in Grade)) from None


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str | None) -> date | None:
    """A date as the contract writes it, YYYY-MM-DD only (not the other ISO 8601 forms Python reads)."""
    if value is None or value == "":
        return None
    try:
        if not _ISO_DATE.match(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise UnknownInput("date", value, "dates are YYYY-MM-DD") from None


def engine_inputs(kb: KnowledgeBase) -> Inputs:
    from kb.rdf.repository import (
        read_condition_labels,
        read_links,
        read_mechanisms,
        read_national,
        read_reservable,
        read_scope,
    )

    labels = read_condition_labels(kb.store)
    return Inputs(
        records=kb.records,
        links=read_links(kb.store),
        mechanisms=read_mechanisms(kb.store),
        reservable=read_reservable(kb.store),
        territories={a.code: a.responsible for a in kb.actors.values() if a.kind == "territory" and a.responsible},
        reios=frozenset(a.code for a in kb.actors.values() if a.kind == "reio"),
        condition_labels={k: v[0] for k, v in labels.items()},
        scope=read_scope(kb.store),
        national=read_national(kb.store),
    )
