"""Can state A use mechanism M with state B on date D, on what legal basis, and where is the gap?

The algorithm of legal-model section 4.3, as pure functions over plain data. Every decision is
recorded as a trace step, and the answer is a `kb.law.result.Result`: codes and parameters, no prose
(`kb.present` writes the words and the JSON of contract section 2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from kb.law.closed_lists import Absence, absence
from kb.law.participation import Standing, standing
from kb.law.relations import Bound, Outcome, first_in_force, replacement
from kb.law.result import Basis, Gap, Message, Question, Result, Say, TraceStep
from kb.law.territory import partial_ratifiers, territory_covered
from kb.model import (
    OFFENCES,
    DatedBy,
    Event,
    Grade,
    Link,
    Mechanism,
    NationalFact,
    Participation,
    Provenance,
    ScopeRule,
    Statement,
    TreatyRecord,
    weakest,
)
from kb.vocab import RANK, AvailabilityStatus, Condition, GapCode

__all__ = ["Inputs", "Question", "Result", "decide"]

ENGINE_VERSION = "0.1.0"

AVAILABLE = AvailabilityStatus.AVAILABLE
WITH_CONDITIONS = AvailabilityStatus.AVAILABLE_WITH_CONDITIONS
UNKNOWN = AvailabilityStatus.UNKNOWN
NOT_AVAILABLE = AvailabilityStatus.NOT_AVAILABLE
OPERATIVE = (Participation.PARTY, Participation.DENUNCIATION_PENDING)
EXTRADITION = ("EXT", "EXT-PA", "EXT-ADJ")


MEMO_LIMIT = 2_000_000  # entries (about 1 GB): the full matrix of one date needs under 1 million


@dataclass(frozen=True)
class Inputs:
    """Everything the engine reads, as plain data."""

    records: dict[str, TreatyRecord]
    links: list[Link]
    mechanisms: dict[str, Mechanism]
    reservable: frozenset[str]
    territories: dict[str, str]  # territory code -> responsible state
    reios: frozenset[str]
    condition_labels: dict[str, str]
    # the treaties' scope rules (treaty data): (treaty, scope gate) -> offence category -> rule
    scope: dict[tuple[str, str], dict[str, ScopeRule]] = field(default_factory=dict)
    # sourced national-law facts by state (kb/sources/national, issue 15 item 4)
    national: dict[str, list[NationalFact]] = field(default_factory=dict)
    min_grade: Grade = Grade.SECONDARY  # contract 5a: facts below it reach no favourable conclusion
    # memo of derived values (standings, completeness, candidates); filled on use, never compared
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, compare=False, repr=False)

    def remember(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """The memoised value; the memo is emptied when full (a server asked about many dates must
        not grow without bound: everything in it can be computed again)."""
        memo = self.memo
        try:
            return memo[key]  # the hot path: a hit
        except KeyError:
            pass
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        value = memo[key] = compute()
        return value


@dataclass
class Evaluation:
    bases: list[Basis] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    trace: list[TraceStep] = field(default_factory=list)
    status_dates: list[date] = field(default_factory=list)
    grades: list[Grade] = field(default_factory=list)  # of every fact used (contract 5a `evidence`)
    notes: list[Message] = field(default_factory=list)
    quiet: bool = False  # no trace (bulk answers: the matrix, materialised statuses)

    def step(self, step: str, treaty: str | None, says: Message) -> None:
        if not self.quiet:
            self.trace.append(TraceStep(step, treaty, says))


def worse(a: AvailabilityStatus, b: AvailabilityStatus) -> AvailabilityStatus:
    return a if RANK[a] <= RANK[b] else b


def narrower_or_same(mechanisms: dict[str, Mechanism], notation: str) -> set[str]:
    """`notation` and every concept below it."""
    out = {notation}
    changed = True
    while changed:
        changed = False
        for m in mechanisms.values():
            if m.broader in out and m.notation not in out:
                out.add(m.notation)
                changed = True
    return out


def broader_chain(mechanisms: dict[str, Mechanism], notation: str) -> list[str]:
    out: list[str] = []
    cur = mechanisms[notation].broader if notation in mechanisms else None
    while cur:
        out.append(cur)
        cur = mechanisms[cur].broader if cur in mechanisms else None
    return out


def candidate_links(inputs: Inputs, mechanism: str) -> dict[str, list[Link]]:
    """Step 1: links providing M, a narrower concept, or M through general assistance."""
    narrow = narrower_or_same(inputs.mechanisms, mechanism)
    broad = set(broader_chain(inputs.mechanisms, mechanism))
    out: dict[str, list[Link]] = {}
    for link in inputs.links:
        if link.mechanism in narrow or (link.link_type == "fallback_general" and link.mechanism in broad):
            out.setdefault(link.treaty, []).append(link)
    # where a treaty provides M itself, its narrower concepts are parts of M, not further bases
    # (asked for extradition, prosecution in lieu of extradition is not an answer)
    for slug, links in out.items():
        if any(link.mechanism == mechanism for link in links):
            links = [link for link in links if link.mechanism == mechanism or link.mechanism in broad]
        out[slug] = sorted(links, key=lambda link: link.provision)
    return out


def related(statement_path: str, link_path: str) -> bool:
    """Same treaty and article, and one provision contains the other (29/para/4 and 29)."""
    a, b = statement_path, link_path
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def decide(inputs: Inputs, q: Question, explain_answer: bool = True) -> Result:
    """The answer of contract 2, as codes; without `explain_answer` (bulk use) no trace."""
    ev = Evaluation(quiet=not explain_answer)
    candidates: list[tuple[str, list[Link]]] = inputs.remember(
        ("links", q.mechanism), lambda: sorted(candidate_links(inputs, q.mechanism).items())
    )
    if explain_answer:
        ev.step(
            "question",
            None,
            Message(
                Say.QUESTION,
                state=q.requesting,
                partner=q.requested,
                mechanism=q.mechanism,
                on=q.on,
                offence=q.offence,
                territory=q.territory,
            ),
        )
        ev.step("candidates", None, Message(Say.CANDIDATES, items=tuple(s for s, _ in candidates)))
        for slug in _unread(inputs):  # held, but no cooperation article read yet: say so, with the pair's standing
            record = inputs.records[slug]
            statuses = tuple(_standing(inputs, record, a, q.on).status.value for a in (q.requesting, q.requested))
            ev.step(
                "unread_treaty",
                slug,
                Message(
                    Say.UNREAD_TREATY,
                    treaty=slug,
                    state=q.requesting,
                    partner=q.requested,
                    mechanism=q.mechanism,
                    items=statuses,
                ),
            )
        held = inputs.remember(("held",), lambda: held_mechanisms(inputs))
        pair = {q.requesting, q.requested}
        other = tuple(s for s, m in sorted(held.items()) if m and s not in dict(candidates)
                      and pair <= set(inputs.records[s].treaty.parties or pair))  # fmt: skip
        if other:  # held treaties whose read articles provide other mechanisms only: evaluated, not a basis
            ev.step("not_providing", None, Message(Say.NOT_PROVIDING, mechanism=q.mechanism, items=other))
    for slug, links in candidates:
        named = inputs.records[slug].treaty.parties
        if named and not {q.requesting, q.requested} <= set(named):
            continue  # a treaty between two other states: neither a basis nor a gap for this pair
        evaluate_treaty(inputs, q, inputs.records[slug], links, ev)
    return answer(inputs, q, ev, explain_answer)


@dataclass(frozen=True)
class PairRelation:
    """Treaty-level outcome for a pair on a date, the same for every mechanism (memoised)."""

    proceed: bool  # the treaty binds (or may bind) both: go on to its provisions
    unknown_party: bool
    part: Evaluation
    unverified_party: bool = False  # a party only by a rule-derived, unverified entry into force
    secondary_party: bool = False  # a participation known only from a secondary source (contract 5a)
    statements: tuple[Statement, ...] = ()  # the pair's statements in effect that can bear on a link
    sources: tuple[str, ...] = ()  # the sources of both states' events up to the date
    territory_unknown: bool = False  # the asked territory's coverage is not known (issue 15 item 2)


def evaluate_treaty(inputs: Inputs, q: Question, record: TreatyRecord, links: list[Link], ev: Evaluation) -> None:
    # bulk (quiet) answers remember relations built without trace strings, full answers their own
    key = ("pair", record.treaty.slug, q.requesting, q.requested, q.on, q.territory, ev.quiet)
    relation: PairRelation | None = inputs.memo.get(key)
    if relation is None:
        relation = inputs.remember(key, lambda: pair_relation(inputs, q, record, ev.quiet))
    if not ev.quiet:
        ev.trace += relation.part.trace
        ev.notes += relation.part.notes
    ev.gaps += relation.part.gaps
    ev.status_dates += relation.part.status_dates
    ev.grades += relation.part.grades
    if relation.proceed:
        for link in links:  # sorted by provision (candidate_links)
            evaluate_link(inputs, q, record, link, relation, ev)


def pair_relation(inputs: Inputs, q: Question, record: TreatyRecord, quiet: bool = False) -> PairRelation:
    ev = Evaluation(quiet=quiet)
    t = record.treaty
    slug = t.slug
    by_actor: dict[str, list[Any]] = _events_by_actor(inputs, record)
    pair_events = by_actor.get(q.requesting, []) + by_actor.get(q.requested, [])
    consulted = [e.provenance.status_as_of for e in pair_events if e.provenance.status_as_of is not None]
    if not consulted and record.events:  # the participant list that shows neither
        consulted = [inputs.remember(("newest", slug), lambda: _newest_status(record))]
    ev.status_dates += consulted
    if t.general_eif is None or q.on < t.general_eif:
        general = t.general_eif
        says = Message(Say.TREATY_NOT_IN_FORCE, treaty=slug, entry_into_force=general)
        ev.gaps.append(Gap(slug, GapCode.NOT_IN_FORCE, says))
        ev.step("treaty_in_force", slug, Message(Say.NOT_IN_FORCE_ON, treaty=slug, on=q.on, entry_into_force=general))
        return PairRelation(False, False, ev)
    for actor in (q.requesting, q.requested):
        if actor in inputs.reios:
            ev.gaps.append(Gap(slug, GapCode.OUTSIDE_SCOPE, Message(Say.REIO_OUTSIDE, treaty=slug, state=actor)))
            ev.step("participation", slug, Message(Say.REIO, state=actor))
            return PairRelation(False, False, ev)
    sa = _standing(inputs, record, q.requesting, q.on)
    sb = _standing(inputs, record, q.requested, q.on)
    unknown_party = unverified_party = secondary_party = False
    for st in (sa, sb):
        used = _used(st)
        ev.grades += [p.grade for p in used]
        if st.closed_list is not None:
            ev.grades.append(st.closed_list.provenance.grade)
        if not quiet:
            ev.step("participation", slug, Message(Say.STANDING, treaty=slug, state=st.actor, standing=st))
        if st.status in OPERATIVE:
            eif = st.entry_into_force
            unverified_party |= eif is not None and not eif.provenance.verified
            secondary_party |= any(p.grade is Grade.SECONDARY for p in used)
            continue
        if st.status is Participation.UNKNOWN:
            unknown_party = True
            if not quiet:
                ev.notes.append(
                    Message(
                        Say.PARTICIPATION_UNKNOWN,
                        treaty=slug,
                        state=st.actor,
                        on=q.on,
                        note=st.notes[0] if st.notes else None,
                    )
                )
            continue
        ev.gaps.append(_participation_gap(st))
        return PairRelation(False, False, ev)
    pair = (q.requesting, q.requested)
    later = {
        r.treaty.slug: (_bound(inputs, r, pair[0], q.on), _bound(inputs, r, pair[1], q.on))
        for r in _replacers(inputs, slug)
    }
    rel = replacement(slug, later, pair, q.on)
    if rel is not None:  # a later treaty replacing this one between common parties (Chisinau 2002 art. 120(3)-(4))
        says = Message(Say.TREATY_RELATION, treaty=slug, replacement=rel)
        ev.step("treaty_relation", slug, says)
        if rel.outcome is Outcome.REPLACED:
            ev.gaps.append(Gap(slug, GapCode.NOT_IN_FORCE, says))
            return PairRelation(False, False, ev)
        unknown_party |= rel.outcome is Outcome.UNKNOWN
        ev.notes += [says] if rel.outcome is Outcome.UNKNOWN and not quiet else []
    mine = inputs.remember(("statements", slug), lambda: _index(record.statements))
    if _objection_opposes(inputs, mine.get(q.requesting, []) + mine.get(q.requested, []), q, ev, slug):
        return PairRelation(False, False, ev)
    territory_unknown = False
    if q.territory:
        covered = _territory(inputs, record, q, ev)
        if covered is False:
            return PairRelation(False, False, ev)
        territory_unknown = covered is None
    statements = tuple(_pair_statements(inputs, record, q)) + tuple(_parent_statements(inputs, record, q))
    return PairRelation(
        True,
        unknown_party,
        ev,
        unverified_party=unverified_party,
        secondary_party=secondary_party,
        statements=statements,
        sources=_participation_sources(by_actor, q),
        territory_unknown=territory_unknown,
    )


def _replacers(inputs: Inputs, slug: str) -> list[TreatyRecord]:
    """The later treaties that replace `slug` between their common parties (treaty data), memoised."""
    found: list[TreatyRecord] = inputs.remember(
        ("replacers", slug), lambda: [r for r in inputs.records.values() if r.treaty.replaces_between_parties == slug]
    )
    return found


def _bound(inputs: Inputs, record: TreatyRecord, actor: str, on: date) -> Bound:
    """An actor's standing in a later treaty, with its first known entry into force (kb.law.relations)."""
    return Bound(
        _standing(inputs, record, actor, on).status,
        first_in_force(_events_by_actor(inputs, record).get(actor, []), actor),
    )


def _used(st: Standing) -> list[Provenance]:
    """The provenance of the events a standing rests on: a party by its stated entry into force (or,
    derived, by its consent), a signatory by its signature ... (a redundant weaker fact is not used)."""
    eif, consent = st.entry_into_force, st.consent
    if st.status in OPERATIVE:
        found = [eif if eif is not None and not eif.derived else consent or eif]
        if st.status is Participation.DENUNCIATION_PENDING:
            found.append(st.denunciation)
    elif st.status is Participation.CONSENTED_NOT_IN_FORCE:
        found = [consent]
    elif st.status is Participation.DENOUNCED:
        found = [st.denunciation]
    elif st.status is Participation.SIGNATORY:
        found = [st.signature]
    else:
        found = []
    return [e.provenance for e in found if e is not None]


def _newest_status(record: TreatyRecord) -> date:
    return max(e.provenance.as_of_key for e in record.events)


def profile(inputs: Inputs, actor: str, on: date, mechanism: str | None = None) -> tuple[Any, ...]:
    """What a bulk answer (`explain_answer=False`: status, bases with provisions and conditions, gap
    codes, data as of) reads about one state on a date, without its name.

    Two states with the same profile get the same bulk answers with every partner, so the matrix
    computes a cell once per pair of profiles. Per treaty: the state's standing, whether its entry
    into force is verified, whether a fact it rests on is secondary, and the oldest status date of
    its events. A state read by name (pair-specific effects) has a profile of its own: the author or
    target of an objection always; with `mechanism`, a state with a statement that bears on one of the
    mechanism's candidate links or a national-law fact on the mechanism (`read_by_name`); without it,
    a state with any statement. Sources and reasons, which name the states, are not part of bulk
    answers' use and are not covered.
    """
    if mechanism is None:
        named: frozenset[str] = inputs.remember(("named-in-statements",), lambda: _named_in_statements(inputs))
    else:
        named = inputs.remember(("read-by-name", mechanism), lambda: read_by_name(inputs, mechanism))
    if actor in named:
        return ("state", actor)
    slugs = sorted(inputs.records) if mechanism is None else _bearing_treaties(inputs, mechanism)
    shared: tuple[Any, ...] = inputs.remember(
        ("profile", actor, on, mechanism), lambda: _shared_profile(inputs, actor, on, slugs)
    )
    return shared


def _bearing_treaties(inputs: Inputs, mechanism: str) -> list[str]:
    """The treaties an answer on `mechanism` reads: those with a candidate link, those whose procedure
    may govern one (`procedure_for`) and those replacing one between their parties (VCLT art. 30(4))."""

    def compute() -> list[str]:
        candidates = set(candidate_links(inputs, mechanism))
        governing = {slug for slug, r in inputs.records.items() if r.treaty.procedure_for}
        replacing = {r.treaty.slug for c in candidates for r in _replacers(inputs, c)}
        return sorted(candidates | governing | replacing)

    found: list[str] = inputs.remember(("bearing-treaties", mechanism), compute)
    return found


def read_by_name(inputs: Inputs, mechanism: str) -> frozenset[str]:
    """The states whose answers on `mechanism` depend on who they are, not only on their standing:
    authors and targets of objections, authors of a statement that bears on a candidate link of the
    mechanism (a general declaration bears on every link of its treaty), and states with a national-law
    fact on the mechanism."""
    candidates: list[tuple[str, list[Link]]] = inputs.remember(
        ("links", mechanism), lambda: sorted(candidate_links(inputs, mechanism).items())
    )
    out = {s.actor for r in inputs.records.values() for s in r.statements if s.kind == "objection"}
    out |= {s.objects_to.split("/")[-2] for r in inputs.records.values() for s in r.statements if s.objects_to}
    for slug, links in candidates:
        parent = inputs.records[slug].treaty.supplements
        held = inputs.records[slug].statements + (inputs.records[parent].statements if parent in inputs.records else [])
        bearing = [s for s in held if s.kind not in _NOT_ON_LINKS]
        out |= {s.actor for link in links for s in _statements_for(bearing, link, None)}
    provided = {link.mechanism for _, links in candidates for link in links}
    out |= {a for a, facts in inputs.national.items() if any(provided & set(f.mechanisms) for f in facts)}
    return frozenset(out)


def _shared_profile(inputs: Inputs, actor: str, on: date, slugs: list[str]) -> tuple[Any, ...]:
    parts: list[Any] = [actor in inputs.reios]
    for slug in slugs:
        record = inputs.records[slug]
        st = _standing(inputs, record, actor, on)
        by_actor: dict[str, list[Any]] = _events_by_actor(inputs, record)
        eif = st.entry_into_force
        oldest = min(
            (e.provenance.status_as_of for e in by_actor.get(actor, []) if e.provenance.status_as_of is not None),
            default=None,
        )
        secondary = any(p.grade is Grade.SECONDARY for p in _used(st))
        parts.append((st.status, eif.provenance.verified if eif else None, secondary, oldest))
    return tuple(parts)


def _events_by_actor(inputs: Inputs, record: TreatyRecord) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = inputs.remember(("events", record.treaty.slug), lambda: _index(record.events))
    return found


def _absence(inputs: Inputs, record: TreatyRecord, on: date) -> Absence:
    """What the treaty's closed lists settle on the date (memoised)."""
    t = record.treaty
    found: Absence = inputs.remember(
        ("absence", t.slug, on), lambda: absence(t, record.events, record.counts, record.tables, on)
    )
    return found


def eligible(inputs: Inputs, record: TreatyRecord, actor: str, on: date) -> bool:
    """Whether the actor could have joined by `on` (contract 5a rule 4): a treaty open only to the
    parties of another is open to it only if it is (or may be) bound by that other."""
    base = record.treaty.open_only_to_parties_of
    if not base or base not in inputs.records:
        return True
    parent = _standing(inputs, inputs.records[base], actor, on)
    return parent.status not in (Participation.NOT_PARTICIPATING, Participation.SIGNATORY, Participation.DENOUNCED)


def _named_in_statements(inputs: Inputs) -> frozenset[str]:
    authors = {s.actor for r in inputs.records.values() for s in r.statements}
    targets = {s.objects_to.split("/")[-2] for r in inputs.records.values() for s in r.statements if s.objects_to}
    return frozenset(authors | targets)


def _standing(inputs: Inputs, record: TreatyRecord, actor: str, on: date) -> Standing:
    by_actor: dict[str, list[Any]] = _events_by_actor(inputs, record)

    def compute() -> Standing:
        lists = _absence(inputs, record, on)
        could_join = eligible(inputs, record, actor, on)
        return standing(record.treaty, by_actor.get(actor, []), actor, on, (), lists, could_join)

    result: Standing = inputs.remember(("standing", record.treaty.slug, actor, on), compute)
    return result


def standing_on(inputs: Inputs, record: TreatyRecord, actor: str, on: date) -> Standing:
    """An actor's standing as the engine reads it: with the closed lists and the later-count rule."""
    return _standing(inputs, record, actor, on)


def _index(events: list[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for e in events:
        out.setdefault(e.actor, []).append(e)
    return out


def _participation_gap(st: Standing) -> Gap:
    """The gap of a treaty that does not bind a state, with the evidence it rests on (contract 5a)."""
    grades = [p.grade for p in _used(st)]
    if st.closed_list is not None:
        grades.append(st.closed_list.provenance.grade)
    code, says = _participation_reason(st)
    return Gap(
        st.treaty,
        code,
        Message(says, treaty=st.treaty, state=st.actor, closed_list=st.closed_list, standing=st),
        state=st.actor,
        closed_list=st.closed_list,
        evidence=weakest(grades),
    )


def _participation_reason(st: Standing) -> tuple[GapCode, Say]:
    if st.status is Participation.DENOUNCED:
        return GapCode.DENOUNCED, Say.DENOUNCED
    if st.status is Participation.CONSENTED_NOT_IN_FORCE:
        return GapCode.NOT_IN_FORCE, Say.CONSENTED_NOT_IN_FORCE
    if st.status is Participation.SIGNATORY:
        return GapCode.NOT_PARTY, Say.SIGNATORY_ONLY
    return GapCode.NOT_PARTY, Say.NOT_A_PARTY


def _objection_opposes(inputs: Inputs, statements: list[Statement], q: Question, ev: Evaluation, slug: str) -> bool:
    for s in statements:
        if s.kind != "objection" or not s.objects_to or not _in_effect(s, q.on):
            continue
        target_actor = s.objects_to.split("/")[-2]
        pair = {s.actor, target_actor} == {q.requesting, q.requested}
        if pair and s.opposes_entry_into_force and not s.provenance.grade.at_least(inputs.min_grade):
            ev.notes.append(Message(Say.OBJECTION_BELOW_GRADE, treaty=slug, statement=s.id, grade=s.provenance.grade))
            continue
        if pair and s.opposes_entry_into_force:
            ev.gaps.append(
                Gap(
                    slug,
                    GapCode.OBJECTION_OPPOSES_ENTRY_INTO_FORCE,
                    Message(Say.OBJECTION_OPPOSES, treaty=slug, state=s.actor, statement=s.objects_to),
                )
            )
            ev.step("pair_relation", slug, Message(Say.NO_TREATY_RELATION, treaty=slug, statement=s.id))
            if s.provenance.status_as_of is not None:
                ev.status_dates.append(s.provenance.status_as_of)
            ev.grades.append(s.provenance.grade)
            return True
    if not ev.quiet:
        ev.step("pair_relation", slug, Message(Say.NO_OPPOSING_OBJECTION, treaty=slug))
    return False


def _in_effect(s: Statement, on: date) -> bool:
    if s.effective_from is None and s.made_on is None:
        return True  # no date known: it has been made by now (the source shows it)
    return s.in_effect(on)


def _territory(inputs: Inputs, record: TreatyRecord, q: Question, ev: Evaluation) -> bool | None:
    """Whether the requested state's participation covers the asked territory (None: unknown)."""
    assert q.territory
    partial: frozenset[str] = inputs.remember(("partial-ratifiers",), lambda: partial_ratifiers(inputs.records))
    covered, why = territory_covered(record, q.requested, q.territory, q.on, partial)
    slug = record.treaty.slug
    ev.step("territory", slug, Message(Say.TERRITORY, treaty=slug, territory=q.territory, coverage=why))
    if covered is False:
        says = Message(Say.TERRITORY_EXCLUDED, treaty=slug, territory=q.territory, coverage=why)
        ev.gaps.append(Gap(slug, GapCode.TERRITORY_EXCLUDED, says))
    elif covered is None:
        ev.notes.append(Message(Say.TERRITORY_UNKNOWN, treaty=slug, territory=q.territory, coverage=why))
    return covered


@dataclass(frozen=True)
class Scope:
    """A link's scope gate applied to the question's offence: 'in', 'may' (with the conditions it
    needs) or 'out', and why (from the treaty's scope rules)."""

    outcome: str
    conditions: tuple[str, ...] = ()
    why: str = ""


def gate(scope: dict[tuple[str, str], dict[str, ScopeRule]], link: Link, offence: str | None) -> Scope:
    """The treaty's own scope rule for the link's gate and the offence (contract 1). A link with no
    gate has no offence limit; an omitted offence is within the gate only if every category is, and
    otherwise gives the conditions of the categories it may or may not include, never a 'no'."""
    if link.scope_gate is None:
        return Scope("in")
    rules = scope.get((link.treaty, link.scope_gate))
    if not rules:  # the importer refuses this; kept as the cautious reading
        return Scope("may", (Condition.OFFENCE_SCOPE,), f"no scope rule for {link.scope_gate}")
    if offence is None:
        if all(rules[c].effect == "in" for c in OFFENCES if c in rules):
            return Scope("in")
        conds = {r.condition for r in rules.values() if r.effect == "may" and r.condition}
        single = len(conds) == 1 and all(r.effect != "out" for r in rules.values())
        return Scope("may", (conds.pop(),) if single else (Condition.OFFENCE_SCOPE,), "the offence is not given")
    rule = rules.get(offence)
    if rule is None:
        return Scope("may", (Condition.OFFENCE_SCOPE,), f"no scope rule for {offence}")
    return Scope(rule.effect, (rule.condition,) if rule.condition else (), rule.why)


def evaluate_link(
    inputs: Inputs,
    q: Question,
    record: TreatyRecord,
    link: Link,
    relation: PairRelation,
    ev: Evaluation,
) -> None:
    """One provision of a treaty that binds (or may bind) both states: a basis, or a gap."""
    slug = record.treaty.slug
    where = link.provision
    unknown_party, unverified_party = relation.unknown_party, relation.unverified_party
    status, start, scope = inputs.remember(
        ("link-start", id(link), unknown_party, unverified_party, q.offence),
        lambda: _link_start(inputs, link, unknown_party, unverified_party, q.offence),
    )
    if relation.secondary_party:
        status = worse(status, WITH_CONDITIONS)
        start = (*start, Condition.SECONDARY_SOURCE)
    if relation.territory_unknown:
        status = worse(status, UNKNOWN)
        start = (*start, Condition.TERRITORY_NOT_CONFIRMED)
    if Condition.PENDING_TREATY_MLAT_CHECK in start:
        governing = _procedure_treaties(inputs, q, link)
        if governing:  # UNTOC art. 18(7) and its twins: that treaty's procedure governs; this stays a basis
            start = tuple(
                Condition.TREATY_PROCEDURE_GOVERNS if c == Condition.PENDING_TREATY_MLAT_CHECK else c for c in start
            )
            if not ev.quiet:
                ev.notes.append(Message(Say.PROCEDURE_GOVERNS, provision=link.provision, items=governing))
    conds: list[str] = list(start)
    notes: list[Message] = []
    sources: set[str] = set()
    applied: list[Statement] = []  # the statements that bear on this basis (cited with their evidence)
    if scope.outcome == "out":
        says = Message(
            Say.OFFENCE_OUTSIDE_SCOPE,
            treaty=slug,
            provision=where,
            offence=q.offence,
            kind=link.scope_gate,
            text=scope.why or None,
        )
        ev.gaps.append(Gap(slug, GapCode.OUTSIDE_SCOPE, says, provisions=(where,)))
        ev.step("scope", slug, replace(says, code=Say.OFFENCE_OUTSIDE_GATE))
        return
    if scope.outcome == "may" and scope.why and q.offence is not None:
        ev.notes.append(Message(Say.SCOPE_MAY, treaty=slug, provision=where, offence=q.offence, text=scope.why))
    if not ev.quiet:
        ev.step("provision", slug, inputs.remember(("provides", id(link)), lambda: _provides(link)))
    for s in _statements_for(relation.statements, link, q) if relation.statements else ():
        allows, code, more = _apply_statement(inputs, q, record, link, s, conds, notes)
        sources.add(s.provenance.source)
        if s.provenance.status_as_of is not None:
            ev.status_dates.append(s.provenance.status_as_of)
        ev.grades.append(s.provenance.grade)
        if not ev.quiet:
            ev.step("statement", slug, said(slug, s, code, more))
        if allows == NOT_AVAILABLE:
            ev.gaps.append(
                Gap(slug, GapCode.RESERVATION_EXCLUDES, said(slug, s, code, more), provisions=(where,), statement=s.id)
            )
            return
        status = worse(status, allows)
        if not s.provenance.verified:
            status = worse(status, WITH_CONDITIONS)
            conds.append(Condition.UNVERIFIED_STATUS_DATA)
        if code is not Say.NO_EFFECT_HERE:
            if not ev.quiet:
                applied.append(s)
            if s.provenance.grade is Grade.SECONDARY:
                status = worse(status, WITH_CONDITIONS)
                conds.append(Condition.SECONDARY_SOURCE)
            if s.provenance.dated_by is DatedBy.EVENT:
                status = worse(status, WITH_CONDITIONS)
                conds.append(Condition.STATUS_NOT_CONFIRMED)
    for fact in inputs.national.get(q.requested, ()):
        if link.mechanism not in fact.mechanisms:
            continue
        status = _national(inputs, q, record, link, relation, fact, status, conds, notes)
        sources.add(fact.provenance.source)
        ev.grades.append(fact.provenance.grade)
        if not ev.quiet:
            ev.step("national_law", slug, Message(Say.NATIONAL_LAW, statement=fact.id, text=fact.law, kind=fact.rule))
    found = relation.sources
    ev.bases.append(
        Basis(
            slug,
            where,
            link.mechanism,
            status,
            link.link_type,
            link.strength,
            tuple(dict.fromkeys(conds)),
            tuple(notes),
            tuple(sorted(sources.union(found))) if sources else found,
            tuple(applied),
        )
    )


def _provides(link: Link) -> Message:
    return Message(
        Say.PROVIDES,
        treaty=link.treaty,
        provision=link.provision,
        mechanism=link.mechanism,
        kind=link.strength,
        link_type=link.link_type,
    )


def held_mechanisms(inputs: Inputs) -> dict[str, list[str]]:
    """Each held treaty's mechanisms, from its read articles (none: not read yet)."""
    return {s: sorted({k.mechanism for k in inputs.links if k.treaty == s}) for s in inputs.records}


def _unread(inputs: Inputs) -> list[str]:
    """Treaties held in the knowledge base with no provision-mechanism link read yet (a protocol that only
    amends its parent, such as ETS 086, has none by design and is not listed)."""

    def compute() -> list[str]:
        linked = {link.treaty for link in inputs.links}
        return sorted(s for s, r in inputs.records.items() if s not in linked and r.treaty.supplements is None)

    found: list[str] = inputs.remember(("unread",), compute)
    return found


def _procedure_treaties(inputs: Inputs, q: Question, link: Link) -> tuple[str, ...]:
    """The treaties of mutual legal assistance (or extradition) for the link's mechanism that bind the pair
    on the date (treaty data: `procedure_treaty_for`), memoised per pair, date and mechanism."""

    def compute() -> tuple[str, ...]:
        found = []
        for slug, record in sorted(inputs.records.items()):
            covered = set().union(*(narrower_or_same(inputs.mechanisms, m) for m in record.treaty.procedure_for))
            if slug == link.treaty or link.mechanism not in covered:
                continue
            if record.treaty.parties and not {q.requesting, q.requested} <= set(record.treaty.parties):
                continue
            if all(_standing(inputs, record, a, q.on).status in OPERATIVE for a in (q.requesting, q.requested)):
                found.append(slug)
        return tuple(found)

    key = ("procedure", q.requesting, q.requested, q.on, link.mechanism)
    result: tuple[str, ...] = inputs.remember(key, compute)
    return result


def _link_start(
    inputs: Inputs, link: Link, unknown_party: bool, unverified_party: bool, offence: str | None
) -> tuple[AvailabilityStatus, tuple[str, ...], Scope]:
    """What a link gives before the pair's statements: (status, conditions, scope gate outcome)."""
    status = AVAILABLE if link.strength in ("mandatory", "unilateral") else WITH_CONDITIONS
    conds: list[str] = list(link.conditions)
    if unknown_party:
        status = worse(status, UNKNOWN)
        conds.append(Condition.PARTICIPATION_UNKNOWN)
    if link.link_type == "fallback_general":
        status = worse(status, WITH_CONDITIONS)
        conds.append(Condition.FALLBACK_GENERAL_ASSISTANCE)
    if link.applies_only_absent_treaty:
        conds.append(Condition.PENDING_TREATY_MLAT_CHECK)
    if not link.verified or unverified_party:
        status = worse(status, WITH_CONDITIONS)
        conds.append(Condition.UNVERIFIED_STATUS_DATA)
    scope = gate(inputs.scope, link, offence)
    if scope.outcome == "may":
        status = worse(status, WITH_CONDITIONS)
        conds.extend(scope.conditions)
    return status, tuple(conds), scope


def _national(
    inputs: Inputs,
    q: Question,
    record: TreatyRecord,
    link: Link,
    relation: PairRelation,
    fact: NationalFact,
    status: AvailabilityStatus,
    conds: list[str],
    notes: list[Message],
) -> AvailabilityStatus:
    """A national-law fact of the requested state on an extradition basis (issue 15 item 4)."""
    t = record.treaty
    if fact.rule == "NationalsNotExtradited":
        adj = [x.provision for x in inputs.links if x.treaty == t.slug and x.mechanism == "EXT-ADJ"]
        conds.append(Condition.NATIONALS_NOT_EXTRADITED)
        notes.append(
            Message(
                Say.NATIONALS_NOT_EXTRADITED,
                treaty=t.slug,
                state=q.requested,
                statement=fact.id,
                text=fact.law,
                detail=fact.except_for,
                items=tuple(sorted(adj)),
            )
        )
        return status  # the question gives no nationality: a condition, not a different status
    if fact.rule == "ExtraditionTreatyRequired":
        takes_as_basis = any(
            s.kind == "treaty_basis_declaration" and s.actor == q.requested and s.will_use_as_legal_basis
            for s in relation.statements
        )
        if takes_as_basis or _is_extradition_treaty(inputs, t.slug):
            return status
        governing = _procedure_treaties(inputs, q, link)
        if governing:  # the treaty its law requires binds the pair: extradition proceeds under it
            conds.append(Condition.TREATY_PROCEDURE_GOVERNS)
            notes.append(Message(Say.PROCEDURE_GOVERNS, items=governing, provision=link.provision))
            return worse(status, WITH_CONDITIONS)
        conds.append(Condition.EXTRADITION_TREATY_REQUIRED)
        notes.append(
            Message(
                Say.EXTRADITION_TREATY_REQUIRED,
                treaty=t.slug,
                state=q.requested,
                partner=q.requesting,
                statement=fact.id,
                text=fact.law,
                detail=fact.except_for,
            )
        )
        return worse(status, UNKNOWN)
    return status


def _is_extradition_treaty(inputs: Inputs, slug: str) -> bool:
    """A treaty made for extradition (it provides extradition and no mutual assistance)."""
    mechs = {x.mechanism for x in inputs.links if x.treaty == slug}
    return "EXT" in mechs and not any(m.startswith("MLA") for m in mechs)


def _participation_sources(by_actor: dict[str, list[Event]], q: Question) -> tuple[str, ...]:
    """The sources of both states' events up to the date, sorted."""
    pair = (q.requesting, q.requested)
    return tuple(sorted({e.provenance.source for a in pair for e in by_actor.get(a, []) if e.date <= q.on}))


def _withdrawn(statements: Iterable[Statement], s: Statement, on: date) -> bool:
    for w in statements:
        if w.kind == "reservation_withdrawal" and w.withdraws == s.id and _in_effect(w, on):
            return True
    return False


_NOT_ON_LINKS = ("objection", "acceptance", "reservation_withdrawal", "objection_withdrawal", "territorial_declaration")


def _pair_statements(inputs: Inputs, record: TreatyRecord, q: Question) -> list[Statement]:
    mine = inputs.remember(("statements", record.treaty.slug), lambda: _index(record.statements))
    return _in_effect_for_pair(mine.get(q.requesting, []) + mine.get(q.requested, []), q)


def _parent_statements(inputs: Inputs, record: TreatyRecord, q: Question) -> list[Statement]:
    """For a protocol read together with the treaty it supplements (ETS 182 art. 33(1): the Convention's
    reservations apply to the Protocol), the pair's statements on that treaty's articles: they bear only
    on the protocol's links that name those articles (`qualified_by`), never as general declarations."""
    parent = record.treaty.supplements
    if parent is None or parent not in inputs.records:
        return []
    return [s for s in _pair_statements(inputs, inputs.records[parent], q) if s.provisions]


def _statements_for(statements: Iterable[Statement], link: Link, q: Question | None) -> list[Statement]:
    """Of the pair's statements in effect (see _in_effect_for_pair), those bearing on the link (a general
    declaration bears on every link of its own treaty)."""
    out: list[Statement] = []
    for s in statements:
        general = not s.provisions and s.kind in ("declaration", "treaty_basis_declaration") and s.treaty == link.treaty
        targets = (link.provision, *link.qualified_by)
        if general or any(related(p, t) for p in s.provisions for t in targets):
            out.append(s)
    return out


def _in_effect_for_pair(statements: list[Statement], q: Question) -> list[Statement]:
    """The pair's statements in effect on the date that can bear on a link (not withdrawn)."""
    return [
        s
        for s in statements
        if s.actor in (q.requesting, q.requested)
        and s.kind not in _NOT_ON_LINKS
        and _in_effect(s, q.on)
        and not _withdrawn(statements, s, q.on)
    ]


def said(slug: str, s: Statement, code: Say, more: dict[str, Any]) -> Message:
    """What a statement did, as a message (made only where one is needed: bulk answers need the code)."""
    return Message(code, treaty=slug, state=s.actor, statement=s.id, kind=s.kind, **more)


def _apply_statement(
    inputs: Inputs,
    q: Question,
    record: TreatyRecord,
    link: Link,
    s: Statement,
    conds: list[str],
    notes: list[Message],
) -> tuple[AvailabilityStatus, Say, dict[str, Any]]:
    """Effect of one statement on one link: (worst status it allows, what it did, the further parameters
    of what it did: see `said`, which makes the message only where one is needed)."""
    by_requested = s.actor == q.requested
    slug = record.treaty.slug

    def did(code: Say, **more: Any) -> Message:
        return said(slug, s, code, more)

    if not s.provenance.grade.at_least(inputs.min_grade):  # kept only because it restricts (contract 5a)
        conds.append(Condition.BELOW_MINIMUM_GRADE)
        return UNKNOWN, Say.BELOW_MINIMUM_GRADE, {"grade": s.provenance.grade, "floor": inputs.min_grade}
    if s.kind == "treaty_basis_declaration":
        if not by_requested or link.mechanism not in EXTRADITION:
            return AVAILABLE, Say.NO_EFFECT_HERE, {}
        if s.will_use_as_legal_basis is False:
            governing = _procedure_treaties(inputs, q, link)
            if governing:  # UNTOC 16(3)-(5), 1988 art. 6(2)-(3): the extradition treaty binding the pair governs
                conds.append(Condition.TREATY_PROCEDURE_GOVERNS)
                return WITH_CONDITIONS, Say.NOT_USED_AS_BASIS_TREATY_BINDS, {"items": governing}
            conds.append(Condition.BILATERAL_TREATY_NEEDED)
            return UNKNOWN, Say.NOT_USED_AS_BASIS, {}
        conds.append(Condition.TREATY_BASIS_SATISFIED_BY_TREATY)
        return AVAILABLE, Say.USED_AS_BASIS, {}
    if s.kind in ("interpretative_declaration",) or s.effect == "interpret":
        notes.append(did(Say.INTERPRETATIVE_NOTE, text=s.summary))
        return AVAILABLE, Say.INTERPRETATIVE_ONLY, {}
    if s.effect in ("notify", "none", "territorial"):
        if s.authority:
            notes.append(did(Say.DESIGNATED_AUTHORITY, text=s.authority))
        return AVAILABLE, Say.WITHOUT_EFFECT, {}
    is_reservation = s.kind in ("reservation", "conditional_interpretative_declaration")
    if not by_requested:
        if not (is_reservation and s.reciprocal):
            return AVAILABLE, Say.REQUESTING_STATE_ONLY, {}
        conds.append(Condition.RECIPROCAL_LIMITATION)
    elif not s.applies_when_requested:
        return AVAILABLE, Say.NOT_AS_REQUESTED, {}
    if s.kind == "conditional_interpretative_declaration":
        notes.append(did(Say.CONDITIONAL_INTERPRETATIVE))
    if (
        is_reservation
        and (inputs.records.get(s.treaty) or record).treaty.reservation_regime == "closed_list"  # its own treaty's
        and not any(
            related(p, r)
            for p in s.provisions
            for r in inputs.reservable
            if r.split("/art/")[0] == (s.treaty if s.treaty in inputs.records else record.treaty.slug)
        )
    ):
        conds.append(Condition.IMPERMISSIBLE_RESERVATION_REVIEW)
        notes.append(did(Say.OUTSIDE_CLOSED_LIST))
        return UNKNOWN, Say.PRESUMPTIVELY_IMPERMISSIBLE, {}
    if s.offence_carve_out:
        if q.offence == s.offence_carve_out:
            return AVAILABLE, Say.CARVE_OUT_APPLIES, {"offence": s.offence_carve_out}
        if q.offence is None:
            conds.extend(s.conditions or (Condition.OFFENCE_UNKNOWN,))
            conds.append(Condition.OFFENCE_UNKNOWN)
            return WITH_CONDITIONS, Say.CARVE_OUT_UNLESS, {"offence": s.offence_carve_out}
    if s.effect == "exclude":
        return NOT_AVAILABLE, Say.EXCLUDES, {"reciprocal": not by_requested, "items": tuple(s.provisions)}
    conds.extend(s.conditions or (Condition.LIMITED_COOPERATION_DECLARATION,))
    return WITH_CONDITIONS, Say.ADDS_CONDITIONS, {"reciprocal": not by_requested}


def merge_gaps(gaps: list[Gap]) -> list[Gap]:
    """One gap per (treaty, code), the first one's reason; the provisions concerned are listed together."""
    out: dict[tuple[str, str], Gap] = {}
    for g in gaps:
        key = (g.treaty, g.code)
        first = out.get(key)
        if first is None:
            out[key] = g
        elif g.provisions and not set(g.provisions) <= set(first.provisions):
            more = tuple(p for p in g.provisions if p not in first.provisions)
            out[key] = replace(first, provisions=first.provisions + more)
    return list(out.values())


def answer(inputs: Inputs, q: Question, ev: Evaluation, explain_answer: bool = True) -> Result:
    gaps = merge_gaps(ev.gaps)
    best = max((b.status for b in ev.bases), key=RANK.__getitem__, default=NOT_AVAILABLE)
    bases = sorted(ev.bases, key=lambda b: (-RANK[b.status], b.link_type != "specific", b.treaty, b.provision))
    if not ev.quiet:
        ev.step("aggregate", None, Message(Say.AGGREGATE, status=best, count=len(bases), other=len(gaps)))
    return Result(
        q,
        best,
        tuple(bases),
        tuple(gaps),
        best_basis(bases),
        tuple(ev.trace),
        tuple(ev.notes),
        min(ev.status_dates) if ev.status_dates else None,
        weakest(ev.grades),
        ENGINE_VERSION,
        explain_answer,
    )


def best_basis(bases: Iterable[Basis]) -> str | None:
    """Contract 2: `specific` when a specific basis is available (with or without conditions), else
    `fallback_general` when a fallback one is, else None."""
    usable = {b.link_type for b in bases if b.status in (AVAILABLE, WITH_CONDITIONS)}
    for kind in ("specific", "fallback_general"):
        if kind in usable:
            return kind
    return None


# treaty families of contract 1 that can bind a pair, by slug prefix (a family is "held" once a treaty of it is)
FAMILIES = ("cis-", "sco-", "las-", "au-")


def not_held(inputs: Inputs, a: str, b: str) -> list[str]:
    """The treaty families the knowledge base does not yet hold for the pair, computed from the data:
    `bilateral` (no bilateral treaty of the pair), then the prefixes of FAMILIES no treaty has."""
    out: list[str] = []
    pair = "-".join(sorted((a.lower(), b.lower())))
    if not any(slug.startswith(f"bilateral-{pair}-") for slug in inputs.records):
        out.append("bilateral")
    out += [prefix for prefix in FAMILIES if not any(slug.startswith(prefix) for slug in inputs.records)]
    return out
