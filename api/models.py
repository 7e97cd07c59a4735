"""Response models of the JSON API: the shapes of contract sections 2, 2b, 2c and 5a, so that
/openapi.json describes every answer and Schemathesis checks the shapes, not only the status codes.

Additive fields stay allowed (`extra="allow"`): the contract only ever adds fields.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kb.vocab import AvailabilityStatus, DatedBy, GapCode, Grade, LinkType, Participation

# the one vocabulary (kb/vocab.py): the schema lists the same codes the engine and the ontology use
Status = AvailabilityStatus
ParticipationStatus = Participation
GradeName = Grade


class Open(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Evidence(Open):
    grade: GradeName
    dated_by: DatedBy


class Condition(Open):
    code: str
    label: str


class Text(Open):
    lang: str | None
    value: str


class StatementRef(Open):
    id: str
    kind: str
    effect: str
    summary: str | None = None
    text: Text | None = None
    source: str
    status_as_of: str | None
    evidence: Evidence


class Basis(Open):
    treaty: str
    provision: str
    mechanism: str
    status: Status
    link_type: LinkType
    strength: str
    conditions: list[Condition]
    notes: list[str]
    sources: list[str]
    statements: list[StatementRef] = []


class ClosedListRef(Open):
    date: str
    kind: Literal["table", "count", "parties"]
    source: str


class Gap(Open):
    treaty: str
    code: GapCode
    reason: str
    provisions: list[str] = []
    as_of: str | None = None
    evidence: GradeName | None = None
    closed_list: ClosedListRef | None = None


class TraceStep(Open):
    step: str
    treaty: str | None
    detail: str


class Asked(Open):
    from_: str = Field(alias="from")
    to: str
    mechanism: str
    date: str
    offence: str | None
    territory: str | None


class AvailabilityAnswer(Open):
    """Contract 2 (with the additive fields of 2 and 5a)."""

    status: Status
    question: Asked
    bases: list[Basis]
    gaps: list[Gap]
    best_basis: LinkType | None = None
    explanation: str
    trace: list[TraceStep]
    data_as_of: str | None
    evidence: GradeName | None = None
    engine_version: str
    notice: str


class Contested(Open):
    source: str
    value: str
    evidence: Evidence


class Fact(Open):
    date: str
    source: str
    status_as_of: str | None
    evidence: Evidence
    contested_by: list[Contested] = []


class ConsentFact(Fact):
    kind: str | None


class EntryIntoForceFact(Fact):
    derived: bool


class DenunciationFact(Fact):
    effective: str


class StatementOut(Open):
    id: str
    kind: str
    provisions: list[str]
    effect: str
    effective_from: str | None
    effective_until: str | None
    source: str
    status_as_of: str | None
    evidence: Evidence


class ClosedListOut(Open):
    date: str
    kind: Literal["table", "count", "parties"]
    source: str
    evidence: Evidence
    reason: str


class ParticipationAnswer(Open):
    """Contract 2b (with `closed_list` of 5a)."""

    state: str
    treaty: str
    date: str
    status: ParticipationStatus
    signature: Fact | None
    consent: ConsentFact | None
    entry_into_force: EntryIntoForceFact | None
    denunciation: DenunciationFact | None
    statements: list[StatementOut]
    closed_list: ClosedListOut | None = None
    sources: list[str] = []
    notes: list[str] = []


class Titles(Open):
    en: str
    fr: str


class TreatyEntry(Open):
    date: str | None
    rule: str
    source: str | None


class Counts(Open):
    signatories: int
    parties: int
    denounced: int


class Participant(Open):
    state: str
    status: ParticipationStatus
    signature: str | None
    consent: str | None
    consent_kind: str | None
    entry_into_force: str | None


class TreatySummary(Open):
    """Contract 2c."""

    treaty: str
    title: Titles
    short_names: list[str]
    identifiers: list[str]
    adopted: str | None
    entry_into_force: TreatyEntry
    date: str
    counts: Counts
    status_as_of: str | None
    participants: list[Participant]


class QueryParam(Open):
    name: str


class QueryMeta(Open):
    name: str
    title: str


class TreatyListed(Open):
    treaty: str
    title: Titles
    short_names: list[str]
