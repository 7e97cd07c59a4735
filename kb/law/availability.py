"""Can state A use mechanism M with state B on date D, on what legal basis, and where is the gap?

The algorithm of legal-model section 4.3, as pure functions over plain data. Every decision is
recorded as a trace step, and the answer is the JSON of contract section 2.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kb.iri import article_label
from kb.law.closed_lists import Absence, absence
from kb.law.participation import CANNOT_JOIN, Standing, closed_list_reason, standing
from kb.law.relations import Bound, Outcome, first_in_force, replacement
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
    Treaty,
    TreatyRecord,
    weakest,
)
from kb.vocab import RANK, AvailabilityStatus

ENGINE_VERSION = "0.1.0"

AVAILABLE = AvailabilityStatus.AVAILABLE.value
WITH_CONDITIONS = AvailabilityStatus.AVAILABLE_WITH_CONDITIONS.value
UNKNOWN = AvailabilityStatus.UNKNOWN.value
NOT_AVAILABLE = AvailabilityStatus.NOT_AVAILABLE.value
OPERATIVE = (Participation.PARTY, Participation.DENUNCIATION_PENDING)
EXTRADITION = ("EXT", "EXT-PA", "EXT-ADJ")


@dataclass(frozen=True)
class Question:
    requesting: str
    requested: str
    mechanism: str
    on: date
    offence: str | None = None
    territory: str | None = None


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
    bases: list[dict[str, Any]] = field(default_factory=list)
    gaps: list[dict[str, Any]] = field(default_factory=list)
    trace: list[dict[str, Any]] = field(default_factory=list)
    status_dates: list[date] = field(default_factory=list)
    grades: list[Grade] = field(default_factory=list)  # of every fact used (contract 5a `evidence`)
    notes: list[str] = field(default_factory=list)
    quiet: bool = False  # no trace (bulk answers: the matrix, materialised statuses)

    def step(self, step: str, treaty: str | None, detail: str) -> None:
        if not self.quiet:
            self.trace.append({"step": step, "treaty": treaty, "detail": detail})


def worse(a: str, b: str) -> str:
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


def decide(inputs: Inputs, q: Question, explain_answer: bool = True) -> dict[str, Any]:
    """The answer of contract 2; without `explain_answer` (bulk use) no explanation and no trace."""
    ev = Evaluation(quiet=not explain_answer)
    candidates: list[tuple[str, list[Link]]] = inputs.remember(
        ("links", q.mechanism), lambda: sorted(candidate_links(inputs, q.mechanism).items())
    )
    if explain_answer:
        ev.step(
            "question",
            None,
            f"{q.requesting} asks {q.requested} for {q.mechanism} on {q.on.isoformat()}"
            + (f", offence {q.offence}" if q.offence else ", offence not given")
            + (f", territory {q.territory}" if q.territory else ""),
        )
        providing = ", ".join(s for s, _ in candidates) or "none"
        ev.step("candidates", None, f"treaties providing the mechanism: {providing}")
        for slug in _unread(inputs):  # held, but no cooperation article read yet: say so, with the pair's standing
            record = inputs.records[slug]
            standings = ", ".join(
                f"{a}: {_standing(inputs, record, a, q.on).status.value}" for a in (q.requesting, q.requested)
            )
            ev.step(
                "unread_treaty",
                slug,
                f"{short(record.treaty)}: its cooperation articles are not yet read into the knowledge base, so "
                f"whether it provides {q.mechanism} is not known ({standings}; see its gaps file)",
            )
        held = inputs.remember(
            ("held",), lambda: {s: sorted({k.mechanism for k in inputs.links if k.treaty == s}) for s in inputs.records}
        )
        pair = {q.requesting, q.requested}
        other = [f"{s} ({', '.join(m)})" for s, m in sorted(held.items()) if m and s not in dict(candidates)
                 and pair <= set(inputs.records[s].treaty.parties or pair)]  # fmt: skip
        if other:  # held treaties whose read articles provide other mechanisms only: evaluated, not a basis
            ev.step(
                "not_providing", None, f"treaties whose read articles do not provide {q.mechanism}: " + "; ".join(other)
            )
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
        when = f"entered into force on {t.general_eif.isoformat()}" if t.general_eif else "is not in force"
        ev.gaps.append({"treaty": slug, "code": "not_in_force", "reason": f"{short(t)} {when}"})
        ev.step("treaty_in_force", slug, f"not in force on {q.on.isoformat()}: {when}")
        return PairRelation(False, False, ev)
    for actor in (q.requesting, q.requested):
        if actor in inputs.reios:
            ev.gaps.append(
                {
                    "treaty": slug,
                    "code": "outside_scope",
                    "reason": f"{actor} is a regional economic integration organisation: its participation does not "
                    "make its member states parties, and state-to-state cooperation between EU members is "
                    "mostly governed by EU law, outside this knowledge base (MR-15)",
                }
            )
            ev.step("participation", slug, f"{actor} is a REIO")
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
            why = f" ({st.notes[0]})" if st.status is Participation.UNKNOWN and st.notes else ""
            rests = f"; {closed_list_reason(st.closed_list)}" if st.closed_list is not None else ""
            ev.step("participation", slug, f"{st.actor}: {st.status.value}" + _eif(st) + why + rests)
        if st.status in OPERATIVE:
            eif = st.entry_into_force
            unverified_party |= eif is not None and not eif.provenance.verified
            secondary_party |= any(p.grade is Grade.SECONDARY for p in used)
            continue
        if st.status is Participation.UNKNOWN:
            unknown_party = True
            if not quiet:
                why = st.notes[0] if st.notes else "its participation on this date is not known"
                ev.notes.append(
                    f"whether {st.actor} is bound by the {short(t)} on {q.on.isoformat()} is unknown: {why}"
                )
            continue
        ev.gaps.append(_participation_gap(st, short(t)))
        return PairRelation(False, False, ev)
    pair = (q.requesting, q.requested)
    later = {s: (Bound(_standing(inputs, r, pair[0], q.on).status, first_in_force(r.events, pair[0])),
                 Bound(_standing(inputs, r, pair[1], q.on).status, first_in_force(r.events, pair[1])))
             for s, r in inputs.records.items() if r.treaty.replaces_between_parties == slug}  # fmt: skip
    names = {s: short(inputs.records[s].treaty) for s in [*later, slug]}
    rel = replacement(slug, later, pair, q.on, names)
    if rel is not None:  # a later treaty replacing this one between common parties (Chisinau 2002 art. 120(3)-(4))
        ev.step("treaty_relation", slug, rel.detail)
        if rel.outcome is Outcome.REPLACED:
            ev.gaps.append({"treaty": slug, "code": "not_in_force", "reason": rel.detail})
            return PairRelation(False, False, ev)
        unknown_party |= rel.outcome is Outcome.UNKNOWN
        ev.notes += [rel.detail] if rel.outcome is Outcome.UNKNOWN and not quiet else []
    mine = inputs.remember(("statements", slug), lambda: _index(record.statements))
    if _objection_opposes(inputs, mine.get(q.requesting, []) + mine.get(q.requested, []), q, ev, slug):
        return PairRelation(False, False, ev)
    territory_unknown = False
    if q.territory:
        covered = _territory(inputs, record, q, ev)
        if covered is False:
            return PairRelation(False, False, ev)
        territory_unknown = covered is None
    statements = tuple(_pair_statements(inputs, record, q))
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
        candidates = {slug for slug, _ in sorted(candidate_links(inputs, mechanism).items())}
        governing = {slug for slug, r in inputs.records.items() if r.treaty.procedure_for}
        replacing = {slug for slug, r in inputs.records.items() if r.treaty.replaces_between_parties in candidates}
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
        bearing = [s for s in inputs.records[slug].statements if s.kind not in _NOT_ON_LINKS]
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


def short(t: Treaty) -> str:
    return t.short_names[0] if t.short_names else t.title_en


def _eif(st: Standing) -> str:
    if st.entry_into_force is None:
        return ""
    if st.entry_into_force.no_later_than and st.entry_into_force.provenance.verified:  # a consent by a date
        return (
            f" (in force for it on {st.entry_into_force.date.isoformat()} at the latest: derived by the treaty's rule "
            "from a source naming it bound by a date; exact date unknown)"
        )
    if st.entry_into_force.no_later_than:
        return (
            f" (in force for it on {st.entry_into_force.date.isoformat()} at the latest: derived from its signature "
            "of a treaty open only to the parties of this one; exact date unknown, unverified)"
        )
    derived = ", derived by the treaty's rule" if st.entry_into_force.derived else ""
    return f" (in force for it since {st.entry_into_force.date.isoformat()}{derived})"


def _participation_gap(st: Standing, name: str) -> dict[str, Any]:
    """The gap of a treaty that does not bind a state, with the evidence it rests on (contract 5a)."""
    code, reason = _participation_reason(st, name)
    gap: dict[str, Any] = {"treaty": st.treaty, "code": code, "reason": reason, "state": st.actor}
    grades = [p.grade for p in _used(st)]
    if st.closed_list is not None:
        gap["as_of"] = st.closed_list.date.isoformat()
        gap["closed_list"] = {
            "date": st.closed_list.date.isoformat(),
            "kind": st.closed_list.kind,
            "source": st.closed_list.provenance.source,
        }
        grades.append(st.closed_list.provenance.grade)
    found = weakest(grades)
    if found is not None:
        gap["evidence"] = found.value
    return gap


def _participation_reason(st: Standing, name: str) -> tuple[str, str]:
    rests = f" ({closed_list_reason(st.closed_list)})" if st.closed_list is not None else ""
    if not rests and CANNOT_JOIN in st.notes:
        rests = f" ({CANNOT_JOIN})"
    if st.status is Participation.DENOUNCED:
        return "denounced", f"{st.actor} denounced the {name}"
    if st.status is Participation.CONSENTED_NOT_IN_FORCE:
        return "not_in_force", (
            f"{st.actor} has consented to the {name} but it is not yet in force for it; "
            "only the duty not to defeat its object and purpose applies (VCLT art. 18)"
        )
    if st.status is Participation.SIGNATORY:
        return "not_party", (
            f"{st.actor} has only signed the {name}: no cooperation obligation, only the duty "
            f"not to defeat its object and purpose (VCLT art. 18){rests}"
        )
    return "not_party", f"{st.actor} is not a party to the {name}{rests}"


def _objection_opposes(inputs: Inputs, statements: list[Statement], q: Question, ev: Evaluation, slug: str) -> bool:
    for s in statements:
        if s.kind != "objection" or not s.objects_to or not _in_effect(s, q.on):
            continue
        target_actor = s.objects_to.split("/")[-2]
        pair = {s.actor, target_actor} == {q.requesting, q.requested}
        if pair and s.opposes_entry_into_force and not s.provenance.grade.at_least(inputs.min_grade):
            ev.notes.append(
                f"objection {s.id} opposes the treaty's entry into force between the two, but it is known "
                f"only from a {s.provenance.grade.value} source, below the minimum grade asked for"
            )
            continue
        if pair and s.opposes_entry_into_force:
            ev.gaps.append(
                {
                    "treaty": slug,
                    "code": "objection_opposes_entry_into_force",
                    "reason": f"{s.actor} objected to {s.objects_to} and opposed the treaty's entry into "
                    "force between the two (VCLT art. 20(4)(b))",
                }
            )
            ev.step("pair_relation", slug, f"no treaty relation: objection {s.id}")
            if s.provenance.status_as_of is not None:
                ev.status_dates.append(s.provenance.status_as_of)
            ev.grades.append(s.provenance.grade)
            return True
    if not ev.quiet:
        ev.step("pair_relation", slug, "no objection opposing entry into force between the two")
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
    ev.step("territory", record.treaty.slug, why)
    if covered is False:
        ev.gaps.append({"treaty": record.treaty.slug, "code": "territory_excluded", "reason": why})
    elif covered is None:
        ev.notes.append(f"{record.treaty.slug}: {why}")
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
        return Scope("may", ("OffenceScope",), f"no scope rule for {link.scope_gate}")
    if offence is None:
        if all(rules[c].effect == "in" for c in OFFENCES if c in rules):
            return Scope("in")
        conds = {r.condition for r in rules.values() if r.effect == "may" and r.condition}
        single = len(conds) == 1 and all(r.effect != "out" for r in rules.values())
        return Scope("may", (conds.pop(),) if single else ("OffenceScope",), "the offence is not given")
    rule = rules.get(offence)
    if rule is None:
        return Scope("may", ("OffenceScope",), f"no scope rule for {offence}")
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
        start = (*start, "SecondarySource")
    if relation.territory_unknown:
        status = worse(status, UNKNOWN)
        start = (*start, "TerritoryNotConfirmed")
    if "PendingTreatyMLATCheck" in start:
        governing = _procedure_treaties(inputs, q, link)
        if governing:  # UNTOC art. 18(7) and its twins: that treaty's procedure governs; this stays a basis
            start = tuple("TreatyProcedureGoverns" if c == "PendingTreatyMLATCheck" else c for c in start)
            if not ev.quiet:
                ev.notes.append(
                    f"{', '.join(short(inputs.records[g].treaty) for g in governing)} binds both states: its "
                    f"procedure governs the request in place of {link.provision}, which applies only absent such "
                    "a treaty"
                )
    conds: list[str] = list(start)
    notes: list[str] = []
    sources: set[str] = set()
    applied: list[dict[str, Any]] = []  # the statements that bear on this basis, with their evidence
    if scope.outcome == "out":
        why = f": {scope.why}" if scope.why else ""
        ev.gaps.append(
            {
                "treaty": slug,
                "code": "outside_scope",
                "provision": where,
                "reason": f"a '{q.offence}' offence is outside the scope of {where}{why}",
            }
        )
        ev.step("scope", slug, f"{where}: offence '{q.offence}' outside {link.scope_gate}{why}")
        return
    if scope.outcome == "may" and scope.why and q.offence is not None:
        ev.notes.append(f"{where}, scope for a '{q.offence}' offence: {scope.why}")
    if not ev.quiet:
        ev.step("provision", slug, f"{where} provides {link.mechanism} ({link.strength}, {link.link_type})")
    for s in _statements_for(relation.statements, link, q) if relation.statements else ():
        outcome = _apply_statement(inputs, q, record, link, s, conds, notes)
        sources.add(s.provenance.source)
        if s.provenance.status_as_of is not None:
            ev.status_dates.append(s.provenance.status_as_of)
        ev.grades.append(s.provenance.grade)
        if not ev.quiet:
            ev.step("statement", slug, f"{s.id} ({s.kind}): {outcome[1]}")
        if outcome[0] == NOT_AVAILABLE:
            ev.gaps.append(
                {
                    "treaty": slug,
                    "code": "reservation_excludes",
                    "provision": where,
                    "reason": f"{s.id}: {outcome[1]}",
                    "statement": s.id,
                }
            )
            return
        status = worse(status, outcome[0])
        if not s.provenance.verified:
            status = worse(status, WITH_CONDITIONS)
            conds.append("UnverifiedStatusData")
        if outcome[1] != _NO_EFFECT_HERE:
            if not ev.quiet:
                applied.append(_statement_ref(s))
            if s.provenance.grade is Grade.SECONDARY:
                status = worse(status, WITH_CONDITIONS)
                conds.append("SecondarySource")
            if s.provenance.dated_by is DatedBy.EVENT:
                status = worse(status, WITH_CONDITIONS)
                conds.append("StatusNotConfirmed")
    for fact in inputs.national.get(q.requested, ()):
        if link.mechanism not in fact.mechanisms:
            continue
        status = _national(inputs, q, record, link, relation, fact, status, conds, notes)
        sources.add(fact.provenance.source)
        ev.grades.append(fact.provenance.grade)
        if not ev.quiet:
            ev.step("national_law", slug, f"{fact.id} ({fact.law}): {fact.rule}")
    found = relation.sources
    ev.bases.append(
        {
            "treaty": slug,
            "provision": where,
            "mechanism": link.mechanism,
            "status": status,
            "link_type": link.link_type,
            "strength": link.strength,
            "conditions": [{"code": c, "label": inputs.condition_labels.get(c, c)} for c in dict.fromkeys(conds)],
            "notes": notes,
            "sources": sorted(sources.union(found)) if sources else list(found),
            "statements": applied,
        }
    )


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


def _statement_ref(s: Statement) -> dict[str, Any]:
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


def _link_start(
    inputs: Inputs, link: Link, unknown_party: bool, unverified_party: bool, offence: str | None
) -> tuple[str, tuple[str, ...], Scope]:
    """What a link gives before the pair's statements: (status, conditions, scope gate outcome)."""
    status = AVAILABLE if link.strength in ("mandatory", "unilateral") else WITH_CONDITIONS
    conds: list[str] = list(link.conditions)
    if unknown_party:
        status = worse(status, UNKNOWN)
        conds.append("ParticipationUnknown")
    if link.link_type == "fallback_general":
        status = worse(status, WITH_CONDITIONS)
        conds.append("FallbackGeneralAssistance")
    if link.applies_only_absent_treaty:
        conds.append("PendingTreatyMLATCheck")
    if not link.verified or unverified_party:
        status = worse(status, WITH_CONDITIONS)
        conds.append("UnverifiedStatusData")
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
    status: str,
    conds: list[str],
    notes: list[str],
) -> str:
    """A national-law fact of the requested state on an extradition basis (issue 15 item 4)."""
    t = record.treaty
    exception = f" (except {fact.except_for})" if fact.except_for else ""
    if fact.rule == "NationalsNotExtradited":
        adj = [x.provision for x in inputs.links if x.treaty == t.slug and x.mechanism == "EXT-ADJ"]
        instead = (
            f"{short(t)} art. " + ", ".join(article_label(p) for p in sorted(adj))
            if adj
            else "no prosecute-instead article of this treaty"
        )
        conds.append("NationalsNotExtradited")
        notes.append(
            f"{q.requested} does not extradite its own nationals ({fact.law}){exception}; if the person is one, "
            f"the obligation to submit the case for prosecution instead (EXT-ADJ) applies: {instead}"
        )
        return status  # the question gives no nationality: a condition, not a different status
    if fact.rule == "ExtraditionTreatyRequired":
        takes_as_basis = any(
            s.kind == "treaty_basis_declaration" and s.actor == q.requested and s.will_use_as_legal_basis
            for s in relation.statements
        )
        if takes_as_basis or _is_extradition_treaty(inputs, t.slug):
            return status
        conds.append("ExtraditionTreatyRequired")
        notes.append(
            f"{q.requested} extradites only under a treaty of extradition ({fact.law}){exception}; it has not "
            f"declared that it takes the {short(t)} as that basis, and the knowledge base holds no extradition "
            f"treaty between {q.requesting} and {q.requested}: whether one is in force is unknown"
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


_NO_EFFECT_HERE = "no effect on this request"
_NOT_ON_LINKS = ("objection", "acceptance", "reservation_withdrawal", "objection_withdrawal", "territorial_declaration")


def _pair_statements(inputs: Inputs, record: TreatyRecord, q: Question) -> list[Statement]:
    mine = inputs.remember(("statements", record.treaty.slug), lambda: _index(record.statements))
    return _in_effect_for_pair(mine.get(q.requesting, []) + mine.get(q.requested, []), q)


def _statements_for(statements: Iterable[Statement], link: Link, q: Question | None) -> list[Statement]:
    """Of the pair's statements in effect (see _in_effect_for_pair), those bearing on the link."""
    out: list[Statement] = []
    for s in statements:
        general = not s.provisions and s.kind in ("declaration", "treaty_basis_declaration")
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


def _apply_statement(
    inputs: Inputs, q: Question, record: TreatyRecord, link: Link, s: Statement, conds: list[str], notes: list[str]
) -> tuple[str, str]:
    """Effect of one statement on one link: (worst status it allows, what it did)."""
    by_requested = s.actor == q.requested
    if not s.provenance.grade.at_least(inputs.min_grade):  # kept only because it restricts (contract 5a)
        conds.append("BelowMinimumGrade")
        return UNKNOWN, (
            f"a restriction known only from a {s.provenance.grade.value} source, below the minimum grade "
            f"{inputs.min_grade.value}: whether it applies is not settled"
        )
    if s.kind == "treaty_basis_declaration":
        if not by_requested or link.mechanism not in EXTRADITION:
            return AVAILABLE, _NO_EFFECT_HERE
        if s.will_use_as_legal_basis is False:
            conds.append("BilateralTreatyNeeded")
            return UNKNOWN, f"{s.actor} will not use the treaty as legal basis for extradition"
        conds.append("TreatyBasisSatisfiedByTreaty")
        return AVAILABLE, f"{s.actor} uses the treaty as legal basis for extradition"
    if s.kind in ("interpretative_declaration",) or s.effect == "interpret":
        notes.append(f"{s.id}: {s.summary or 'interpretative declaration'}")
        return AVAILABLE, "interpretative declaration: a note, no effect on availability (MR-8)"
    if s.effect in ("notify", "none", "territorial"):
        if s.authority:
            notes.append(f"{s.id}: designated authority: {s.authority}")
        return AVAILABLE, "notification or statement without effect on availability"
    is_reservation = s.kind in ("reservation", "conditional_interpretative_declaration")
    if not by_requested:
        if not (is_reservation and s.reciprocal):
            return AVAILABLE, "statement of the requesting state: no effect on the requested state"
        conds.append("ReciprocalLimitation")
    elif not s.applies_when_requested:
        return AVAILABLE, "does not constrain its author as requested state"
    if s.kind == "conditional_interpretative_declaration":
        notes.append(f"{s.id}: conditional interpretative declaration, treated as a reservation (flagged for review)")
    if (
        is_reservation
        and record.treaty.reservation_regime == "closed_list"
        and not any(
            related(p, r) for p in s.provisions for r in inputs.reservable if r.split("/art/")[0] == record.treaty.slug
        )
    ):
        conds.append("ImpermissibleReservationReview")
        notes.append(
            f"{s.id}: outside the closed list of reservations; if invalid the provision applies in full "
            "(ILC Guide 4.5.3), if valid it applies as reserved (MR-11)"
        )
        return UNKNOWN, "presumptively impermissible reservation: both readings possible"
    if s.offence_carve_out:
        if q.offence == s.offence_carve_out:
            return AVAILABLE, f"does not apply to {s.offence_carve_out} offences"
        if q.offence is None:
            conds.extend(s.conditions or ("OffenceUnknown",))
            conds.append("OffenceUnknown")
            return WITH_CONDITIONS, f"applies unless the offence is a {s.offence_carve_out} offence"
    who = "by reciprocity (VCLT art. 21(1)(b))" if not by_requested else "of the requested state"
    if s.effect == "exclude":
        return NOT_AVAILABLE, f"reservation {who} excludes {', '.join(s.provisions)}"
    conds.extend(s.conditions or ("LimitedCooperationDeclaration",))
    return WITH_CONDITIONS, f"{s.kind.replace('_', ' ')} {who} adds conditions"


def merge_gaps(gaps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One gap per (treaty, code); the provisions concerned are listed together."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for g in gaps:
        key = (g["treaty"], g["code"])
        if key not in out:
            out[key] = {"treaty": g["treaty"], "code": g["code"], "reason": g["reason"], "provisions": []}
            out[key].update({k: g[k] for k in ("as_of", "evidence", "closed_list", "state", "statement") if k in g})
        if g.get("provision") and g["provision"] not in out[key]["provisions"]:
            out[key]["provisions"].append(g["provision"])
    return list(out.values())


def answer(inputs: Inputs, q: Question, ev: Evaluation, explain_answer: bool = True) -> dict[str, Any]:
    ev.gaps = merge_gaps(ev.gaps)
    best = max((b["status"] for b in ev.bases), key=lambda s: RANK[s], default=NOT_AVAILABLE)
    ev.bases.sort(key=lambda b: (-RANK[b["status"]], b["link_type"] != "specific", b["treaty"], b["provision"]))
    if not ev.quiet:
        ev.step("aggregate", None, f"overall {best} from {len(ev.bases)} basis/bases and {len(ev.gaps)} gap(s)")
    return {
        "status": best,
        "question": {
            "from": q.requesting,
            "to": q.requested,
            "mechanism": q.mechanism,
            "date": q.on.isoformat(),
            "offence": q.offence,
            "territory": q.territory,
        },
        "bases": ev.bases,
        "gaps": ev.gaps,
        "best_basis": best_basis(ev.bases),
        "explanation": explain(inputs, q, best, ev) if explain_answer else "",
        "trace": ev.trace,
        "data_as_of": min(ev.status_dates).isoformat() if ev.status_dates else None,
        "evidence": _evidence(ev),
        "engine_version": ENGINE_VERSION,
        "notice": "analysis of treaty texts and depositary records, not legal advice",
    }


def best_basis(bases: list[dict[str, Any]]) -> str | None:
    """Contract 2: `specific` when a specific basis is available (with or without conditions), else
    `fallback_general` when a fallback one is, else None."""
    usable = {b["link_type"] for b in bases if b["status"] in (AVAILABLE, WITH_CONDITIONS)}
    for kind in ("specific", "fallback_general"):
        if kind in usable:
            return kind
    return None


def _evidence(ev: Evaluation) -> str | None:
    found = weakest(ev.grades)
    return found.value if found is not None else None


def explain(inputs: Inputs, q: Question, status: str, ev: Evaluation) -> str:
    mech = inputs.mechanisms.get(q.mechanism)
    label = mech.label_en.lower() if mech else q.mechanism
    parts = [
        f"Can {q.requesting} ask {q.requested} for {label} ({q.mechanism}) on {q.on.isoformat()}? "
        f"{status.replace('_', ' ').capitalize()}."
    ]
    usable = [b for b in ev.bases if b["status"] in (AVAILABLE, WITH_CONDITIONS)]
    if usable and all(b["link_type"] == "fallback_general" for b in usable):
        # issue 15 item 6: a headline that does not overstate
        parts = [
            f"No treaty binding {q.requesting} and {q.requested} in the knowledge base provides {label} "
            f"({q.mechanism}) itself on {q.on.isoformat()}: an ordinary mutual legal assistance request under a "
            f"general assistance article is the way ({status.replace('_', ' ')})."
        ]
        missing = not_held(inputs, q.requesting, q.requested)
        if missing:
            parts.append(f"The knowledge base does not yet hold {'; '.join(missing)}.")
    for b in ev.bases:
        t = inputs.records[b["treaty"]].treaty
        conds = ", ".join(c["label"] for c in b["conditions"]) or "no listed condition"
        binds = (
            "may bind both states, but whether both are bound is unknown"
            if any(c["code"] == "ParticipationUnknown" for c in b["conditions"])
            else "binds both states"
        )
        parts.append(
            f"Under the {short(t)}, art. {article_label(b['provision'])} {binds}: "
            f"{b['status'].replace('_', ' ')} ({conds})."
        )
    for note in dict.fromkeys(ev.notes):
        parts.append(f"{note[0].upper()}{note[1:]}.")
    for g in ev.gaps:
        parts.append(f"Not through {g['treaty']}: {g['reason']}.")
    if not ev.bases and not ev.gaps:
        parts.append("No treaty in the knowledge base provides this mechanism.")
    return " ".join(parts)


# treaty families of contract 1 that can bind a pair, by slug prefix (a family is "held" once a treaty of it is)
FAMILIES = (
    ("cis-", "the CIS instruments (Minsk 1993, Chisinau 2002)"),
    ("sco-", "the SCO instruments"),
    ("las-", "the Arab Convention on Combating IT Offences"),
    ("au-", "the African Union Malabo Convention"),
)


def not_held(inputs: Inputs, a: str, b: str) -> list[str]:
    """The treaty families the knowledge base does not yet hold for the pair, computed from the data."""
    out: list[str] = []
    pair = "-".join(sorted((a.lower(), b.lower())))
    if not any(slug.startswith(f"bilateral-{pair}-") for slug in inputs.records):
        out.append(f"any bilateral treaty between {a} and {b} (mutual legal assistance, extradition)")
    out += [name for prefix, name in FAMILIES if not any(slug.startswith(prefix) for slug in inputs.records)]
    return out
