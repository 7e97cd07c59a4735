"""The words of an availability answer, in the interface language (issue #18 item 2).

The engine (`kb.law.availability.decide`) answers with codes and parameters (`kb.law.result`); this
module writes them: gap reasons, trace details, notes, the explanation and "what would close it",
from the tables of `kb.present.templates`, and the JSON of contract section 2 (`availability_json`),
the one shape the CLI, the API, the pages and the static site give.

A `Lexicon` names things in a language: states, treaties, mechanisms and conditions. `english(inputs)`
is the contract's own (state codes, treaties' short names, the ontology's English labels); the pages
use `KnowledgeBase.lexicon(lang)`, with the names of the page's language. The rules' own reasons are
written here too: a standing's notes (`note_text`), a closed list (`closed_list_text`), a territory's
coverage (`coverage_text`) and a treaty relation (VCLT art. 30(4)).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kb.iri import article_label
from kb.law.availability import Inputs, decide, held_mechanisms, not_held
from kb.law.participation import Note, Standing, Why, cannot_join
from kb.law.relations import Outcome
from kb.law.result import Basis, Gap, Message, Question, Result, Say, TraceStep
from kb.law.territory import Cover, Coverage
from kb.model import ClosedList, Participation, Statement
from kb.present.templates import LANGUAGES
from kb.vocab import AvailabilityStatus, Condition, GapCode

__all__ = [
    "Lexicon",
    "answer",
    "availability_json",
    "basis_json",
    "closed_list_text",
    "closing",
    "closing_any",
    "coverage_text",
    "english",
    "explanation",
    "gap_json",
    "note_text",
    "reason",
    "say",
    "words",
]


@dataclass(frozen=True)
class Lexicon:
    """How things are named in one language."""

    lang: str
    inputs: Inputs
    state: Callable[[str], str]
    treaty: Callable[[str], str]  # a treaty's name by slug
    mechanism: Callable[[str], str]  # a mechanism's label, as it reads inside a sentence
    condition: Callable[[str], str]  # a condition's label
    words: dict[str, str] = field(init=False, repr=False, compare=False)  # the language's templates
    # messages already written (by id, with the message, which keeps its id from being reused): the
    # engine remembers a pair's relation to a treaty, so the same messages come back in many answers
    said: dict[int, tuple[Message, str]] = field(init=False, repr=False, compare=False)
    # sentences and labels already written, by what they say (the same bases recur in many answers)
    written: dict[tuple[Any, ...], Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", words(self.lang))
        object.__setattr__(self, "said", {})
        object.__setattr__(self, "written", {})

    def remember(self, key: tuple[Any, ...], write: Callable[[], Any]) -> Any:
        """A sentence (or labels) by what it says, written once (forgotten all at once when many)."""
        written = self.written
        found = written.get(key)
        if found is None:
            if len(written) >= SAID_LIMIT:
                written.clear()
            found = written[key] = write()
        return found

    def t(self, key: str, **values: Any) -> str:
        return self.words[key].format_map(values)


def words(lang: str) -> dict[str, str]:
    """The template table of a language (English for a language without one)."""
    return LANGUAGES.get(lang, LANGUAGES["en"])


def english(inputs: Inputs) -> Lexicon:
    """The contract's English: state codes, short names of treaties, lower-case mechanism labels."""

    def treaty(slug: str) -> str:
        record = inputs.records.get(slug)
        if record is None:
            return slug
        t = record.treaty
        return t.short_names[0] if t.short_names else t.title_en

    def mechanism(notation: str) -> str:
        m = inputs.mechanisms.get(notation)
        return m.label_en.lower() if m else notation

    labels = inputs.condition_labels
    return Lexicon("en", inputs, lambda code: code, treaty, mechanism, lambda code: labels.get(code, code))


def _status(lx: Lexicon, status: str) -> str:
    return lx.words[f"status_{status}"]


def _party_status(lx: Lexicon, status: str) -> str:
    return lx.words.get(f"party_status_{status}", status)


def closed_list(lx: Lexicon, c: ClosedList) -> str:
    """The closed list an absence rests on, in words (contract 5a)."""
    return closed_list_text(c, lx.lang)


def closed_list_text(c: ClosedList, lang: str = "en") -> str:
    """The closed list an absence rests on, in words (contract 5a), in `lang`."""
    table, source = words(lang), c.provenance.source
    if c.kind == "parties":
        return table["closed_list_parties"].format(listed=table["and"].join(sorted(c.listed)), source=source)
    if c.kind == "table":
        return table["closed_list_table"].format(date=c.date.isoformat(), source=source)
    return table["closed_list_count"].format(parties=c.parties, date=c.date.isoformat(), source=source)


def coverage_text(c: Coverage, lx: Lexicon) -> str:
    """Why a territory is covered or not, in words."""
    former = lx.t("former_antilles", date=c.former.isoformat()) if c.former else ""
    change = coverage_text(c.change, lx) if c.change is not None else ""
    when = c.on.isoformat() if c.on else ""
    text = c.text
    if c.code is Cover.METROPOLITAN and not text:
        text = lx.words["metropolitan_part_only"]
    return lx.t(
        f"cover_{c.code.value}", territory=c.territory, state=lx.state(c.state) if c.state else "", date=when,
        on=when, since=c.since.isoformat() if c.since else "", statement=c.statement or "", text=text or "",
        change=change, former=former,
    )  # fmt: skip


def note_text(n: Note, lang: str = "en") -> str:
    """A note on a standing (kb.law.participation), in words, in `lang`."""
    table = words(lang)
    when = n.on.isoformat() if n.on else ""
    if n.code is Why.CANNOT_JOIN:
        return table["cannot_join"]
    if n.code is Why.NAMED_LATER:
        return table["note_named_later"].format(date=when, kind=(n.kind or "").replace("_", " "))
    if n.code is Why.UNIDENTIFIED:
        a = n.absence
        assert a is not None and a.count is not None
        since = (
            table["unidentified_after"].format(date=a.open_after.isoformat())
            if a.open_after
            else table["unidentified_unsettled"]
        )
        return table["note_unidentified"].format(
            identified=a.identified,
            parties=a.count.parties,
            date=a.count.status_date.isoformat(),
            unidentified=a.unidentified,
            since=since,
        )
    return table[f"note_{n.code.value}"].format(date=when)


def _eif(lx: Lexicon, st: Standing) -> str:
    eif = st.entry_into_force
    if eif is None:
        return ""
    if eif.no_later_than and eif.provenance.verified:  # a consent by a date
        return lx.t("eif_no_later_than_bound", date=eif.date.isoformat())
    if eif.no_later_than:
        return lx.t("eif_no_later_than", date=eif.date.isoformat())
    return lx.t("eif_derived" if eif.derived else "eif_since", date=eif.date.isoformat())


def _when(lx: Lexicon, m: Message) -> str:
    if m.entry_into_force is None:
        return lx.words["never_in_force"]
    return lx.t("entered_into_force", date=m.entry_into_force.isoformat())


def _rests(lx: Lexicon, m: Message) -> str:
    """What an absence rests on: its closed list, or the treaty being open only to the parties of another."""
    if m.closed_list is not None:
        return lx.t("rests_on", why=closed_list(lx, m.closed_list))
    if m.standing is not None and cannot_join(m.standing):
        return lx.t("rests_on", why=lx.words["cannot_join"])
    return ""


def _exception(lx: Lexicon, m: Message) -> str:
    return lx.t("except", what=m.detail) if m.detail else ""


def _who(lx: Lexicon, m: Message) -> str:
    return lx.words["by_reciprocity" if m.reciprocal else "of_requested"]


def _date(m: Message) -> str:
    return m.on.isoformat() if m.on else ""


def _treaty(lx: Lexicon, m: Message) -> str:
    return lx.treaty(m.treaty) if m.treaty else ""


SAID_LIMIT = 50_000  # messages remembered per lexicon; forgotten all at once when full
# the messages the engine remembers across answers (a pair's relation to a treaty, a provision): their
# words are remembered too; the others are made for one answer
REMEMBERED = frozenset(
    {
        Say.NOT_IN_FORCE_ON,
        Say.TREATY_NOT_IN_FORCE,
        Say.REIO,
        Say.REIO_OUTSIDE,
        Say.STANDING,
        Say.PARTICIPATION_UNKNOWN,
        Say.DENOUNCED,
        Say.CONSENTED_NOT_IN_FORCE,
        Say.SIGNATORY_ONLY,
        Say.NOT_A_PARTY,
        Say.OBJECTION_BELOW_GRADE,
        Say.OBJECTION_OPPOSES,
        Say.NO_TREATY_RELATION,
        Say.NO_OPPOSING_OBJECTION,
        Say.TERRITORY,
        Say.TERRITORY_EXCLUDED,
        Say.TERRITORY_UNKNOWN,
        Say.PROVIDES,
        Say.TREATY_RELATION,
    }
)


def say(m: Message, lx: Lexicon) -> str:
    """One message in words."""
    if m.code not in REMEMBERED:
        return _SAY[m.code](lx, m)
    said = lx.said
    found = said.get(id(m))
    if found is not None and found[0] is m:
        return found[1]
    if len(said) >= SAID_LIMIT:
        said.clear()
    text = _SAY[m.code](lx, m)
    said[id(m)] = (m, text)
    return text


def _standing(lx: Lexicon, m: Message) -> str:
    st = m.standing
    assert st is not None
    unknown = st.status is Participation.UNKNOWN and st.notes
    why = lx.t("standing_why", why=note_text(st.notes[0], lx.lang)) if unknown else ""
    rests = lx.t("standing_rests", closed_list=closed_list(lx, st.closed_list)) if st.closed_list else ""
    return lx.t(
        "standing", state=lx.state(st.actor), status=_party_status(lx, st.status.value), eif=_eif(lx, st),
        why=why, rests=rests,
    )  # fmt: skip


def _question(lx: Lexicon, m: Message) -> str:
    assert m.state and m.partner and m.mechanism
    out = lx.t("question", state=lx.state(m.state), partner=lx.state(m.partner), mechanism=m.mechanism, on=_date(m))
    out += lx.t("question_offence", offence=m.offence) if m.offence else lx.words["question_no_offence"]
    return out + (lx.t("question_territory", territory=m.territory) if m.territory else "")


def _unread(lx: Lexicon, m: Message) -> str:
    assert m.state and m.partner
    sa, sb = (_party_status(lx, s) for s in m.items)
    return lx.t(
        "unread_treaty", treaty=_treaty(lx, m), mechanism=m.mechanism, state=lx.state(m.state), status=sa,
        partner=lx.state(m.partner), other=sb,
    )  # fmt: skip


def _not_providing(lx: Lexicon, m: Message) -> str:
    held: dict[str, list[str]] = lx.inputs.remember(("held",), lambda: held_mechanisms(lx.inputs))
    sep = lx.words["list_separator"]
    treaties = "; ".join(lx.t("treaty_mechanisms", slug=s, mechanisms=sep.join(held.get(s, []))) for s in m.items)
    return lx.t("not_providing", mechanism=m.mechanism, treaties=treaties)


def _relation(lx: Lexicon, m: Message) -> str:
    rel = m.replacement
    assert rel is not None
    a, b = (lx.state(x) for x in rel.pair)
    earlier, later = lx.treaty(rel.earlier), lx.treaty(rel.later)
    if rel.outcome is Outcome.REPLACED:
        return lx.t("relation_replaced", a=a, b=b, earlier=earlier, later=later)
    if rel.outcome is Outcome.UNKNOWN:
        who = lx.words["and"].join(lx.state(x) for x in rel.states)
        key = "relation_unknown_one" if len(rel.states) == 1 else "relation_unknown_both"
        return lx.t(key, a=a, b=b, earlier=earlier, later=later, who=who)
    return lx.t(
        "relation_applies", a=a, b=b, earlier=earlier, later=later, state=lx.state(rel.states[0]), on=rel.on.isoformat()
    )


def _scope_why(lx: Lexicon, m: Message) -> str:
    return lx.t("scope_why", why=m.text) if m.text else ""


def _nationals(lx: Lexicon, m: Message) -> str:
    assert m.state
    if m.items:
        articles = lx.words["list_separator"].join(article_label(p) for p in m.items)
        instead = lx.t("prosecute_instead", treaty=_treaty(lx, m), articles=articles)
    else:
        instead = lx.words["no_prosecute_instead"]
    return lx.t(
        "nationals_not_extradited", state=lx.state(m.state), law=m.text, exception=_exception(lx, m), instead=instead
    )


def _simple(key: str) -> Callable[[Lexicon, Message], str]:
    """A template whose placeholders are plain parameters of the message."""

    def render(lx: Lexicon, m: Message) -> str:
        return lx.t(
            key,
            state=lx.state(m.state) if m.state else "",
            partner=lx.state(m.partner) if m.partner else "",
            treaty=_treaty(lx, m),
            slug=m.treaty or "",
            statement=m.statement or "",
            provision=m.provision or "",
            offence=m.offence or "",
            on=_date(m),
            detail=m.detail or "",
            coverage=coverage_text(m.coverage, lx) if m.coverage else "",
            grade=lx.words[f"grade_{m.grade.value}"] if m.grade else "",
            floor=lx.words[f"grade_{m.floor.value}"] if m.floor else "",
        )

    return render


_SAY: dict[Say, Callable[[Lexicon, Message], str]] = {
    Say.QUESTION: _question,
    Say.CANDIDATES: lambda lx, m: lx.t(
        "candidates", items=lx.words["list_separator"].join(m.items) or lx.words["none_listed"]
    ),
    Say.UNREAD_TREATY: _unread,
    Say.NOT_PROVIDING: _not_providing,
    Say.TREATY_RELATION: _relation,
    Say.NOT_IN_FORCE_ON: lambda lx, m: lx.t("not_in_force_on", on=_date(m), when=_when(lx, m)),
    Say.REIO: _simple("reio"),
    Say.STANDING: _standing,
    Say.NO_TREATY_RELATION: _simple("no_treaty_relation"),
    Say.NO_OPPOSING_OBJECTION: _simple("no_opposing_objection"),
    Say.TERRITORY: _simple("territory"),
    Say.OFFENCE_OUTSIDE_GATE: lambda lx, m: lx.t(
        "offence_outside_gate", provision=m.provision, offence=m.offence, gate=m.kind, why=_scope_why(lx, m)
    ),
    Say.PROVIDES: lambda lx, m: lx.t(
        "provides", provision=m.provision, mechanism=m.mechanism, strength=m.kind, link_type=m.link_type
    ),
    Say.NATIONAL_LAW: lambda lx, m: lx.t("national_law", statement=m.statement, law=m.text, rule=m.kind),
    Say.AGGREGATE: lambda lx, m: lx.t("aggregate", status=lx.words[f"overall_{m.status}"], count=m.count, gaps=m.other),
    Say.PARTICIPATION_UNKNOWN: lambda lx, m: lx.t(
        "participation_unknown",
        state=lx.state(m.state or ""),
        treaty=_treaty(lx, m),
        on=_date(m),
        why=note_text(m.note, lx.lang) if m.note else lx.words["participation_not_known"],
    ),
    Say.OBJECTION_BELOW_GRADE: _simple("objection_below_grade"),
    Say.TERRITORY_UNKNOWN: _simple("territory_unknown"),
    Say.PROCEDURE_GOVERNS: lambda lx, m: lx.t(
        "procedure_governs",
        treaties=lx.words["list_separator"].join(lx.treaty(s) for s in m.items),
        provision=m.provision,
    ),
    Say.SCOPE_MAY: lambda lx, m: lx.t("scope_may", provision=m.provision, offence=m.offence, why=m.text),
    Say.INTERPRETATIVE_NOTE: lambda lx, m: lx.t(
        "interpretative_note", statement=m.statement, summary=m.text or lx.words["interpretative_declaration"]
    ),
    Say.DESIGNATED_AUTHORITY: lambda lx, m: lx.t("designated_authority", statement=m.statement, authority=m.text),
    Say.CONDITIONAL_INTERPRETATIVE: _simple("conditional_interpretative"),
    Say.OUTSIDE_CLOSED_LIST: _simple("outside_closed_list"),
    Say.NATIONALS_NOT_EXTRADITED: _nationals,
    Say.EXTRADITION_TREATY_REQUIRED: lambda lx, m: lx.t(
        "extradition_treaty_required",
        state=lx.state(m.state or ""),
        partner=lx.state(m.partner or ""),
        law=m.text,
        exception=_exception(lx, m),
        treaty=_treaty(lx, m),
    ),
    Say.TREATY_NOT_IN_FORCE: lambda lx, m: lx.t("treaty_not_in_force", treaty=_treaty(lx, m), when=_when(lx, m)),
    Say.REIO_OUTSIDE: _simple("reio_outside"),
    Say.DENOUNCED: _simple("denounced"),
    Say.CONSENTED_NOT_IN_FORCE: _simple("consented_not_in_force"),
    Say.SIGNATORY_ONLY: lambda lx, m: lx.t(
        "signatory_only", state=lx.state(m.state or ""), treaty=_treaty(lx, m), rests=_rests(lx, m)
    ),
    Say.NOT_A_PARTY: lambda lx, m: lx.t(
        "not_a_party", state=lx.state(m.state or ""), treaty=_treaty(lx, m), rests=_rests(lx, m)
    ),
    Say.OBJECTION_OPPOSES: _simple("objection_opposes"),
    Say.TERRITORY_EXCLUDED: _simple("territory_excluded"),
    Say.OFFENCE_OUTSIDE_SCOPE: lambda lx, m: lx.t(
        "offence_outside_scope", offence=m.offence, provision=m.provision, why=_scope_why(lx, m)
    ),
    Say.BELOW_MINIMUM_GRADE: _simple("below_minimum_grade"),
    Say.NO_EFFECT_HERE: _simple("no_effect_here"),
    Say.NOT_USED_AS_BASIS: _simple("not_used_as_basis"),
    Say.NOT_USED_AS_BASIS_TREATY_BINDS: lambda lx, m: lx.t(
        "not_used_as_basis_treaty_binds",
        state=lx.state(m.state) if m.state else "",
        treaties=lx.words["list_separator"].join(lx.treaty(s) for s in m.items),
    ),
    Say.USED_AS_BASIS: _simple("used_as_basis"),
    Say.INTERPRETATIVE_ONLY: _simple("interpretative_only"),
    Say.WITHOUT_EFFECT: _simple("without_effect"),
    Say.REQUESTING_STATE_ONLY: _simple("requesting_state_only"),
    Say.NOT_AS_REQUESTED: _simple("not_as_requested"),
    Say.PRESUMPTIVELY_IMPERMISSIBLE: _simple("presumptively_impermissible"),
    Say.CARVE_OUT_APPLIES: _simple("carve_out_applies"),
    Say.CARVE_OUT_UNLESS: _simple("carve_out_unless"),
    Say.EXCLUDES: lambda lx, m: lx.t("excludes", who=_who(lx, m), provisions=", ".join(m.items)),
    Say.ADDS_CONDITIONS: lambda lx, m: lx.t("adds_conditions", kind=(m.kind or "").replace("_", " "), who=_who(lx, m)),
}


def reason(g: Gap, lx: Lexicon) -> str:
    """Why a treaty gives no basis (the `reason` of a contract 2 gap)."""
    if g.code is GapCode.RESERVATION_EXCLUDES:
        return lx.t("reservation_excludes", statement=g.statement or "", what=say(g.why, lx))
    return say(g.why, lx)


def trace_detail(s: TraceStep, lx: Lexicon) -> str:
    if s.step == "statement":
        m = s.says
        return lx.t("statement_step", statement=m.statement, kind=m.kind, what=say(m, lx))
    return say(s.says, lx)


def _capital(text: str) -> str:
    return f"{text[0].upper()}{text[1:]}" if text else text


def explanation(r: Result, lx: Lexicon) -> str:
    """The answer in plain words with article citations: the question, each basis with its
    conditions, the notes, each gap with its reason."""
    q = r.question
    a, b, on = lx.state(q.requesting), lx.state(q.requested), q.on.isoformat()
    label = lx.mechanism(q.mechanism)
    parts = [
        lx.t(
            "explain_question", a=a, b=b, mechanism=label, notation=q.mechanism, on=on,
            status=_capital(_status(lx, r.status)),
        )
    ]  # fmt: skip
    usable = [x for x in r.bases if x.status in _USABLE]
    if usable and all(x.link_type == "fallback_general" for x in usable):
        # issue 15 item 6: a headline that does not overstate
        parts = [
            lx.t(
                "explain_fallback", a=a, b=b, mechanism=label, notation=q.mechanism, on=on,
                status=_status(lx, r.status),
            )
        ]  # fmt: skip
        missing = not_held(lx.inputs, q.requesting, q.requested)
        if missing:
            families = "; ".join(lx.t(f"family_{f}", a=a, b=b) for f in missing)
            parts.append(lx.t("explain_not_held", families=families))
    for x in r.bases:
        parts.append(_basis_sentence(x, lx))
    for note in dict.fromkeys(say(n, lx) for n in r.notes):
        parts.append(f"{_capital(note)}.")
    for g in r.gaps:
        parts.append(lx.t("explain_gap", slug=g.treaty, treaty=lx.treaty(g.treaty), why=reason(g, lx)))
    if not r.bases and not r.gaps:
        parts.append(lx.words["explain_none"])
    return " ".join(parts)


_USABLE = (AvailabilityStatus.AVAILABLE, AvailabilityStatus.AVAILABLE_WITH_CONDITIONS)


def _basis_sentence(x: Basis, lx: Lexicon) -> str:
    key = ("basis", x.treaty, x.provision, x.status, x.conditions)
    found: str = lx.remember(key, lambda: _write_basis_sentence(x, lx))
    return found


def _write_basis_sentence(x: Basis, lx: Lexicon) -> str:
    conds = lx.words["list_separator"].join(lx.condition(c) for c in x.conditions) or lx.words["no_condition"]
    unknown = Condition.PARTICIPATION_UNKNOWN in x.conditions
    return lx.t(
        "explain_basis", treaty=lx.treaty(x.treaty), article=article_label(x.provision),
        binds=lx.words["may_bind_both" if unknown else "binds_both"], status=_status(lx, x.status), conditions=conds,
    )  # fmt: skip


def _labels(conditions: tuple[str, ...], lx: Lexicon) -> tuple[tuple[str, str], ...]:
    found: tuple[tuple[str, str], ...] = lx.remember(
        ("labels", conditions), lambda: tuple((c, lx.condition(c)) for c in conditions)
    )
    return found


def closing(g: Gap, lx: Lexicon, territory: str | None = None) -> str:
    """What would close one gap, in words."""
    key = f"close_{g.code.value}"
    if key not in lx.words:
        return "—"
    return lx.t(
        key, treaty=lx.treaty(g.treaty), statement=g.statement or "", territory=territory or lx.words["the_territory"]
    )


def closing_any(lang: str) -> dict[str, str]:
    """What would close each kind of gap, for any treaty (the static pair comparison, which names no treaty)."""
    table = words(lang)
    return {g.value: table[f"close_any_{g.value}"] for g in GapCode}


def statement_ref(s: Statement) -> dict[str, Any]:
    """A statement bearing on a basis, as the answer cites it (contract 5a: with its evidence)."""
    out: dict[str, Any] = {"id": s.id, "kind": s.kind, "effect": s.effect}
    if s.summary:
        out["summary"] = s.summary
    if s.text:
        out["text"] = {"lang": s.text_lang, "value": s.text}
    out["source"] = s.provenance.source
    out["status_as_of"] = s.provenance.status_as_of.isoformat() if s.provenance.status_as_of else None
    out["evidence"] = {"grade": s.provenance.grade.value, "dated_by": s.provenance.dated_by.value}
    return out


def basis_json(x: Basis, lx: Lexicon) -> dict[str, Any]:
    return {
        "treaty": x.treaty,
        "provision": x.provision,
        "mechanism": x.mechanism,
        "status": x.status.value,
        "link_type": x.link_type,
        "strength": x.strength,
        "conditions": [{"code": c, "label": label} for c, label in _labels(x.conditions, lx)],
        "notes": [say(n, lx) for n in x.notes],
        "sources": list(x.sources),
        "statements": [statement_ref(s) for s in x.statements],
    }


def gap_json(g: Gap, lx: Lexicon) -> dict[str, Any]:
    out: dict[str, Any] = {"treaty": g.treaty, "code": g.code.value, "reason": reason(g, lx)}
    out["provisions"] = list(g.provisions)
    c = g.closed_list
    if c is not None:
        out["as_of"] = c.date.isoformat()
    if g.evidence is not None:
        out["evidence"] = g.evidence.value
    if c is not None:
        out["closed_list"] = {"date": c.date.isoformat(), "kind": c.kind, "source": c.provenance.source}
    if g.state is not None:
        out["state"] = g.state
    if g.statement is not None:
        out["statement"] = g.statement
    return out


def _trace(r: Result, lx: Lexicon) -> list[dict[str, Any]]:
    said = lx.said
    out = []
    for s in r.trace:
        m = s.says
        found = said.get(id(m))  # most steps are remembered ones (a pair's standings): written already
        detail = found[1] if found is not None and found[0] is m and s.step != "statement" else trace_detail(s, lx)
        out.append({"step": s.step, "treaty": s.treaty, "detail": detail})
    return out


def availability_json(r: Result, lx: Lexicon) -> dict[str, Any]:
    """The answer of contract 2 (with the additive fields of 2 and 5a), in the lexicon's language."""
    q = r.question
    return {
        "status": r.status.value,
        "question": {
            "from": q.requesting,
            "to": q.requested,
            "mechanism": q.mechanism,
            "date": q.on.isoformat(),
            "offence": q.offence,
            "territory": q.territory,
        },
        "bases": [basis_json(x, lx) for x in r.bases],
        "gaps": [gap_json(g, lx) for g in r.gaps],
        "best_basis": r.best_basis,
        "explanation": explanation(r, lx) if r.explained else "",
        "trace": _trace(r, lx),
        "data_as_of": r.data_as_of.isoformat() if r.data_as_of else None,
        "evidence": r.evidence.value if r.evidence is not None else None,
        "engine_version": r.engine_version,
        "notice": lx.words["notice"],
    }


def answer(inputs: Inputs, q: Question, explain_answer: bool = True) -> dict[str, Any]:
    """The contract 2 JSON, in English, of one question (`decide`, then `availability_json`)."""
    return availability_json(decide(inputs, q, explain_answer), english(inputs))
