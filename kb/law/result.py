"""What the availability engine answers, as frozen values: codes and the parameters a sentence needs,
never prose (issue #18 item 2).

`kb.law.availability.decide` returns a `Result`; `kb.present` writes its words (the contract 2 JSON,
explanations, gap reasons, trace details and "what would close it") in each interface language from
these codes. Everything here is plain data: ids of treaties, provisions, states and statements, dates,
enumerations of `kb.vocab`, and records of `kb.model` (a closed list, a statement, a standing).
Text taken from the data (a scope rule's `why`, a national law's name, a statement's summary) is
carried as `text`, quoted as the data gives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kb.law.participation import Note, Standing
from kb.law.relations import Replacement
from kb.law.territory import Coverage
from kb.model import ClosedList, Grade, Statement
from kb.vocab import AvailabilityStatus, GapCode


@dataclass(frozen=True)
class Question:
    requesting: str
    requested: str
    mechanism: str
    on: date
    offence: str | None = None
    territory: str | None = None


class Say(StrEnum):
    """What a trace step, a note, a gap reason or a statement's effect says (one template per code and
    language in `kb.present`)."""

    # trace steps
    QUESTION = "question"
    CANDIDATES = "candidates"
    NOT_PROVIDING = "not_providing"
    TREATY_RELATION = "treaty_relation"
    UNREAD_TREATY = "unread_treaty"
    NOT_IN_FORCE_ON = "not_in_force_on"
    REIO = "reio"
    STANDING = "standing"
    NO_TREATY_RELATION = "no_treaty_relation"
    NO_OPPOSING_OBJECTION = "no_opposing_objection"
    TERRITORY = "territory"
    OFFENCE_OUTSIDE_GATE = "offence_outside_gate"
    PROVIDES = "provides"
    NATIONAL_LAW = "national_law"
    AGGREGATE = "aggregate"
    # notes (of an answer or of a basis)
    PARTICIPATION_UNKNOWN = "participation_unknown"
    OBJECTION_BELOW_GRADE = "objection_below_grade"
    TERRITORY_UNKNOWN = "territory_unknown"
    PROCEDURE_GOVERNS = "procedure_governs"
    SCOPE_MAY = "scope_may"
    INTERPRETATIVE_NOTE = "interpretative_note"
    DESIGNATED_AUTHORITY = "designated_authority"
    CONDITIONAL_INTERPRETATIVE = "conditional_interpretative"
    OUTSIDE_CLOSED_LIST = "outside_closed_list"
    NATIONALS_NOT_EXTRADITED = "nationals_not_extradited"
    EXTRADITION_TREATY_REQUIRED = "extradition_treaty_required"
    # gap reasons
    TREATY_NOT_IN_FORCE = "treaty_not_in_force"
    REIO_OUTSIDE = "reio_outside"
    DENOUNCED = "denounced"
    CONSENTED_NOT_IN_FORCE = "consented_not_in_force"
    SIGNATORY_ONLY = "signatory_only"
    NOT_A_PARTY = "not_a_party"
    OBJECTION_OPPOSES = "objection_opposes"
    TERRITORY_EXCLUDED = "territory_excluded"
    OFFENCE_OUTSIDE_SCOPE = "offence_outside_scope"
    # what one statement does to one basis
    BELOW_MINIMUM_GRADE = "below_minimum_grade"
    NO_EFFECT_HERE = "no_effect_here"
    NOT_USED_AS_BASIS = "not_used_as_basis"
    NOT_USED_AS_BASIS_TREATY_BINDS = "not_used_as_basis_treaty_binds"
    USED_AS_BASIS = "used_as_basis"
    INTERPRETATIVE_ONLY = "interpretative_only"
    WITHOUT_EFFECT = "without_effect"
    REQUESTING_STATE_ONLY = "requesting_state_only"
    NOT_AS_REQUESTED = "not_as_requested"
    PRESUMPTIVELY_IMPERMISSIBLE = "presumptively_impermissible"
    CARVE_OUT_APPLIES = "carve_out_applies"
    CARVE_OUT_UNLESS = "carve_out_unless"
    EXCLUDES = "excludes"
    ADDS_CONDITIONS = "adds_conditions"


@dataclass(frozen=True, slots=True)
class Message:
    """A code and its parameters; the fields a code does not use stay None or empty."""

    code: Say
    treaty: str | None = None
    state: str | None = None
    partner: str | None = None
    mechanism: str | None = None
    provision: str | None = None
    statement: str | None = None
    kind: str | None = None  # a statement kind, a link's strength, a national-law rule
    link_type: str | None = None
    status: str | None = None
    offence: str | None = None
    territory: str | None = None
    on: date | None = None
    entry_into_force: date | None = None  # a treaty's general entry into force
    grade: Grade | None = None
    floor: Grade | None = None  # the minimum grade asked for
    items: tuple[str, ...] = ()  # treaty slugs, provisions, statuses, ... as the code says
    count: int | None = None
    other: int | None = None
    reciprocal: bool = False
    text: str | None = None  # words from the data (a scope rule's why, a law's name, a summary, an exception)
    detail: str | None = None  # a further text from the data (the exception a national law makes)
    closed_list: ClosedList | None = None
    standing: Standing | None = None
    note: Note | None = None  # a note on a standing (kb.law.participation)
    coverage: Coverage | None = None  # why a territory is covered or not (kb.law.territory)
    replacement: Replacement | None = None  # whether an earlier treaty still applies (kb.law.relations)


@dataclass(frozen=True, slots=True)
class TraceStep:
    step: str  # contract 2 step name: question, candidates, participation, provision, statement, ...
    treaty: str | None
    says: Message


@dataclass(frozen=True, slots=True)
class Basis:
    treaty: str
    provision: str
    mechanism: str  # the concept that matched
    status: AvailabilityStatus
    link_type: str  # LinkType value
    strength: str
    conditions: tuple[str, ...]  # Condition codes (kb.vocab.Condition values), in order, without repeats
    notes: tuple[Message, ...] = ()
    sources: tuple[str, ...] = ()
    statements: tuple[Statement, ...] = ()  # the statements that bear on it (full answers only)


@dataclass(frozen=True, slots=True)
class Gap:
    treaty: str
    code: GapCode
    why: Message
    provisions: tuple[str, ...] = ()
    state: str | None = None
    statement: str | None = None
    closed_list: ClosedList | None = None
    evidence: Grade | None = None

    @property
    def as_of(self) -> date | None:
        """The date of the closed list a `not_party` gap rests on (contract 5a)."""
        return self.closed_list.date if self.closed_list is not None else None


@dataclass(frozen=True, slots=True)
class Result:
    """The answer of contract 2, without words."""

    question: Question
    status: AvailabilityStatus
    bases: tuple[Basis, ...]
    gaps: tuple[Gap, ...]
    best_basis: str | None  # LinkType value
    trace: tuple[TraceStep, ...]
    notes: tuple[Message, ...]
    data_as_of: date | None
    evidence: Grade | None
    engine_version: str
    explained: bool  # a full answer (trace and explanation), not a bulk one
