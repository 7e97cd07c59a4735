"""Plain data of the legal model (legal-model 4.1). No RDF, no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Participation(StrEnum):
    """Contract 2b status values."""

    PARTY = "party"
    CONSENTED_NOT_IN_FORCE = "consented_not_in_force"
    DENUNCIATION_PENDING = "denunciation_pending"
    SIGNATORY = "signatory"
    DENOUNCED = "denounced"
    NOT_PARTICIPATING = "not_participating"
    UNKNOWN = "unknown"


CONSENT_KINDS = (
    "ratification",
    "acceptance",
    "approval",
    "accession",
    "succession",
    "formal_confirmation",
    "definitive_signature",
    "consent",  # consent whose instrument the source does not name (e.g. a chart column for all kinds)
)

STATEMENT_KINDS = (
    "reservation",
    "interpretative_declaration",
    "conditional_interpretative_declaration",
    "declaration",
    "optional_clause_declaration",
    "notification",
    "treaty_basis_declaration",
    "territorial_declaration",
    "objection",
    "acceptance",
    "reservation_withdrawal",
    "objection_withdrawal",
)


class Grade(StrEnum):
    """Contract 5a evidence grade: how a fact is known, best first (never how likely it is)."""

    DEPOSITARY = "depositary"
    OFFICIAL = "official"
    MIRROR = "mirror"
    SECONDARY = "secondary"

    @property
    def rank(self) -> int:
        """3 for depositary down to 0 for secondary: higher is better."""
        return _GRADE_RANK[self]

    def at_least(self, minimum: Grade) -> bool:
        return self.rank >= minimum.rank


_GRADE_RANK = {Grade.DEPOSITARY: 3, Grade.OFFICIAL: 2, Grade.MIRROR: 1, Grade.SECONDARY: 0}


def weakest(grades: Iterable[Grade]) -> Grade | None:
    """The weakest grade among `grades` (None when there is none)."""
    return min(grades, key=lambda g: g.rank, default=None)


class DatedBy(StrEnum):
    """Contract 5a: how a fact's status is dated."""

    SOURCE = "source"  # the page carries a status date (a news item: its publication date)
    EVENT = "event"  # undated page; the fact is dated by an event ("made upon ratification")
    NONE = "none"  # seen, no date at all: may identify a participant, never date it


@dataclass(frozen=True)
class Provenance:
    source: str  # URL of the page the fact was read from
    status_as_of: date | None  # None: the page shows no status date (dated_by event or none)
    verified: bool = True
    source_id: str | None = None  # registry id of the source record
    grade: Grade = Grade.DEPOSITARY
    dated_by: DatedBy = DatedBy.SOURCE

    @property
    def as_of_key(self) -> date:
        """The status date for ordering: an undated source sorts before every dated one."""
        return self.status_as_of or date.min


@dataclass(frozen=True)
class Contested:
    """A value another source gives for the same event or statement (contract 5a `contested_by`)."""

    value: str
    provenance: Provenance


@dataclass(frozen=True)
class Event:
    """A dated fact of an actor's participation: signature, consent, entry into force..."""

    actor: str
    treaty: str
    kind: str  # "signature", a CONSENT_KINDS value, "entry_into_force", "denunciation", ...
    date: dt.date
    provenance: Provenance
    derived: bool = False
    effective: dt.date | None = None  # denunciation: date it takes effect
    territory: str | None = None
    # the event happened on `date` or earlier, exact date unknown (derived from a rule such as
    # "open for signature only by the Parties to the Convention")
    no_later_than: bool = False
    contested_by: tuple[Contested, ...] = ()


@dataclass(frozen=True)
class Statement:
    id: str  # contract short id: cets-185/AUT/1
    actor: str
    treaty: str
    seq: int
    kind: str
    provisions: tuple[str, ...]  # short provision ids: cets-185/art/29/para/4
    effect: str  # exclude | condition | interpret | notify | territorial | none
    provenance: Provenance
    conditions: tuple[str, ...] = ()
    offence_carve_out: str | None = None
    reciprocal: bool = False
    applies_when_requested: bool = True
    authority: str | None = None
    territory: str | None = None
    territorial_mode: str | None = None
    will_use_as_legal_basis: bool | None = None
    objects_to: str | None = None
    opposes_entry_into_force: bool | None = None
    withdraws: str | None = None
    made_on: date | None = None
    effective_from: date | None = None
    effective_until: date | None = None
    text: str | None = None
    text_lang: str | None = None
    summary: str | None = None
    label_used: str | None = None
    effective_from_derived: bool = False  # start taken from the author's entry into force (MR-7)

    def in_effect(self, on: date) -> bool:
        start = self.effective_from or self.made_on
        if start is None or on < start:
            return False
        return self.effective_until is None or on < self.effective_until


@dataclass(frozen=True)
class Link:
    """A provision provides a mechanism (legal-model 4.1 ProvisionMechanismLink)."""

    treaty: str
    provision: str
    mechanism: str
    link_type: str  # specific | fallback_general
    strength: str  # mandatory | qualified | discretionary | consider | unilateral
    scope_gate: str | None = None
    conditions: tuple[str, ...] = ()
    applies_only_absent_treaty: bool = False
    verified: bool = True
    # other provisions qualifying the obligation (refusal grounds, channels): their statements bear on it
    qualified_by: tuple[str, ...] = ()


# Offence categories a question can name (contract 1); more may be added, never renamed
OFFENCES = ("ets185-art2-11", "drug88-art3-1", "untoc-scope", "uncac-ch3", "other")
SCOPE_EFFECTS = ("in", "may", "out")


@dataclass(frozen=True)
class ScopeRule:
    """What a treaty's scope (one of its scope gates) says of one offence category (treaty data,
    kb/sources/structure/{slug}.yaml `scope`): `in` (within it for certain), `may` (within it only if
    a further condition holds: `condition` names it) or `out` (a category the scope cannot include)."""

    treaty: str
    gate: str
    offence: str
    effect: str  # in | may | out
    condition: str | None = None
    why: str = ""
    provision: str | None = None  # the article that sets the scope


@dataclass(frozen=True)
class NationalFact:
    """A sourced fact of a state's national law that shapes cooperation (kb/sources/national)."""

    id: str
    state: str
    rule: str  # a condition term: NationalsNotExtradited | ExtraditionTreatyRequired
    mechanisms: tuple[str, ...]
    law: str
    provenance: Provenance
    except_for: str = ""


@dataclass(frozen=True)
class Mechanism:
    notation: str
    label_en: str
    label_fr: str
    broader: str | None = None


@dataclass(frozen=True)
class Treaty:
    slug: str
    title_en: str
    title_fr: str
    short_names: tuple[str, ...]
    identifiers: tuple[str, ...]
    adopted: date | None
    general_eif: date | None
    general_eif_provenance: Provenance | None
    eif_rule: str
    eif_rule_text: str
    denunciation_rule: str
    reservation_regime: str
    supplements: str | None = None
    mutatis_mutandis_of: str | None = None
    open_to_reio: bool = False
    # signature (and consent) open only to the actors for which this other treaty is in force
    open_only_to_parties_of: str | None = None
    open_only_to_parties_note: str = ""
    # which act of this treaty shows the actor bound by the other: "signature" (open for signature
    # only by its parties: signature or consent) or "entry_into_force" (only its parties can become parties)
    open_only_to_parties_act: str = "signature"
    # a two-party (or otherwise closed) treaty names its parties: no other actor can be bound by it
    parties: tuple[str, ...] = ()
    # mechanisms for which this is a treaty of mutual legal assistance (or extradition): where it binds a pair,
    # its procedure governs in place of a general convention's fallback articles (UNTOC art. 18(7) ...)
    procedure_for: tuple[str, ...] = ()
    # the earlier treaty this one replaces between the states bound by both (VCLT art. 30(4); Chisinau 2002
    # art. 120(3)-(4)): between two of its parties the earlier one ceases, with any other state it still applies
    replaces_between_parties: str | None = None


@dataclass(frozen=True)
class DepositaryCount:
    treaty: str
    status_date: date
    signatories: int | None
    parties: int | None
    provenance: Provenance


@dataclass(frozen=True)
class ClosedList:
    """A complete table of a treaty's participants at an exact date (contract 5a rule 1), or a
    depositary count that every identified party meets (rule 2): absence from it settles that a
    state is not a party on its date (a table also settles the time before it and its signatories)."""

    treaty: str
    date: dt.date
    kind: str  # "table" (rule 1) | "count" (rule 2) | "parties" (a two-party treaty's own text)
    provenance: Provenance
    listed: frozenset[str] = frozenset()  # a table: every actor it names; a count: the parties identified
    parties: int | None = None  # a count: the depositary's number


@dataclass
class TreatyRecord:
    """Everything known about one treaty: the input of the participation rules."""

    treaty: Treaty
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    counts: list[DepositaryCount] = field(default_factory=list)
    tables: list[ClosedList] = field(default_factory=list)  # rule-1 closed lists (kind "table")
