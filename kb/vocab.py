"""One vocabulary for the engine, the data and the surfaces (issue #18 item 1).

Each enumeration's members carry the ontology term that defines them; `tests/test_vocabulary.py`
checks both ways against `ontology/coop.ttl` (a member without its term fails, and so does a term of
the enumerated scheme without its member). Tables that map codes to letters, ranks, RDF classes or
effects are written here once and read everywhere else.
"""

from __future__ import annotations

from enum import StrEnum

from kb.iri import COOP_NS
from kb.model import STATEMENT_KINDS, DatedBy, Grade, Participation

__all__ = [
    "AvailabilityStatus",
    "Condition",
    "DatedBy",
    "Effect",
    "GapCode",
    "Grade",
    "LinkType",
    "Participation",
    "EVENT_CLASS",
    "STATEMENT_CLASS",
    "SCHEMES",
    "term",
]


class AvailabilityStatus(StrEnum):
    """Contract 2 status of an answer or a basis, best first by `rank`."""

    AVAILABLE = "available"
    AVAILABLE_WITH_CONDITIONS = "available_with_conditions"
    UNKNOWN = "unknown"
    NOT_AVAILABLE = "not_available"

    @property
    def rank(self) -> int:
        """Contract 2 order: available > available_with_conditions > unknown > not_available."""
        return _STATUS_RANK[self]

    @property
    def letter(self) -> str:
        """One letter per cell in the materialised status tables and the static pair data."""
        return _STATUS_LETTER[self]

    @classmethod
    def from_letter(cls, letter: str) -> AvailabilityStatus:
        return _LETTER_STATUS[letter]


_STATUS_RANK = {
    AvailabilityStatus.NOT_AVAILABLE: 0,
    AvailabilityStatus.UNKNOWN: 1,
    AvailabilityStatus.AVAILABLE_WITH_CONDITIONS: 2,
    AvailabilityStatus.AVAILABLE: 3,
}
_STATUS_LETTER = {
    AvailabilityStatus.AVAILABLE: "A",
    AvailabilityStatus.AVAILABLE_WITH_CONDITIONS: "C",
    AvailabilityStatus.UNKNOWN: "U",
    AvailabilityStatus.NOT_AVAILABLE: "N",
}
_LETTER_STATUS = {v: k for k, v in _STATUS_LETTER.items()}
RANK: dict[str, int] = {s.value: s.rank for s in AvailabilityStatus}  # for answers held as plain JSON
LETTER: dict[str, str] = {s.value: s.letter for s in AvailabilityStatus}


class GapCode(StrEnum):
    """Contract 2 gap codes."""

    NOT_PARTY = "not_party"
    NOT_IN_FORCE = "not_in_force"
    RESERVATION_EXCLUDES = "reservation_excludes"
    TERRITORY_EXCLUDED = "territory_excluded"
    OBJECTION_OPPOSES_ENTRY_INTO_FORCE = "objection_opposes_entry_into_force"
    OUTSIDE_SCOPE = "outside_scope"
    DENOUNCED = "denounced"


class LinkType(StrEnum):
    SPECIFIC = "specific"
    FALLBACK_GENERAL = "fallback_general"


class Effect(StrEnum):
    """What a statement does to the provisions it concerns."""

    EXCLUDE = "exclude"
    CONDITION = "condition"
    INTERPRET = "interpret"
    NOTIFY = "notify"
    TERRITORIAL = "territorial"
    NONE = "none"


class Condition(StrEnum):
    """Basis conditions (contract 2): the value is the ontology term's local name, as answers give it."""

    BELOW_MINIMUM_GRADE = "BelowMinimumGrade"
    BILATERAL_TREATY_NEEDED = "BilateralTreatyNeeded"
    CASE_BY_CASE_AGREEMENT = "CaseByCaseAgreement"
    CENTRAL_AUTHORITY_CHANNEL = "CentralAuthorityChannel"
    CONSENT_OF_PERSON_REQUIRED = "ConsentOfPersonRequired"
    DATA_PROTECTION = "DataProtection"
    DOMESTIC_AVAILABILITY = "DomesticAvailability"
    DOMESTIC_LAW_LIMIT = "DomesticLawLimit"
    DUAL_CRIMINALITY = "DualCriminality"
    DUAL_CRIMINALITY_REFUSAL_OPTION = "DualCriminalityRefusalOption"
    ELECTRONIC_EVIDENCE_SCOPE = "ElectronicEvidenceScope"
    EXTRADITION_TREATY_REQUIRED = "ExtraditionTreatyRequired"
    FALLBACK_GENERAL_ASSISTANCE = "FallbackGeneralAssistance"
    FLAG_STATE_AUTHORISATION = "FlagStateAuthorisation"
    IMPERMISSIBLE_RESERVATION_REVIEW = "ImpermissibleReservationReview"
    INTERPRETATIVE_NOTE = "InterpretativeNote"
    LANGUAGE_REQUIREMENT = "LanguageRequirement"
    LAUNDERING_SCOPE = "LaunderingScope"
    LIMITED_COOPERATION_DECLARATION = "LimitedCooperationDeclaration"
    NATIONALS_NOT_EXTRADITED = "NationalsNotExtradited"
    OFFENCE_SCOPE = "OffenceScope"
    OFFENCE_UNKNOWN = "OffenceUnknown"
    PAIR_AGREEMENT_REQUIRED = "PairAgreementRequired"
    PARTICIPATION_UNKNOWN = "ParticipationUnknown"
    PENALTY_THRESHOLD = "PenaltyThreshold"
    PENDING_TREATY_MLAT_CHECK = "PendingTreatyMLATCheck"
    PROTOCOL_OFFENCE_SCOPE = "ProtocolOffenceScope"
    PROVIDING_STATE_DISCRETION = "ProvidingStateDiscretion"
    RECIPROCAL_LIMITATION = "ReciprocalLimitation"
    RECIPROCITY_REQUIRED = "ReciprocityRequired"
    REFUSAL_GROUNDS = "RefusalGrounds"
    SECONDARY_SOURCE = "SecondarySource"
    STATUS_NOT_CONFIRMED = "StatusNotConfirmed"
    TERRITORIAL_LIMIT = "TerritorialLimit"
    TERRITORY_NOT_CONFIRMED = "TerritoryNotConfirmed"
    TREATY_BASIS_REQUIRED = "TreatyBasisRequired"
    TREATY_BASIS_SATISFIED_BY_TREATY = "TreatyBasisSatisfiedByTreaty"
    TREATY_PROCEDURE_GOVERNS = "TreatyProcedureGoverns"
    UNTOC_SCOPE_CONDITION = "UntocScopeCondition"
    UNVERIFIED_STATUS_DATA = "UnverifiedStatusData"


def _camel(value: str) -> str:
    return "".join(part.capitalize() for part in value.split("_"))


# the ontology term of each member (local names under coop:), keyed by (enumeration, value): members
# of different enumerations share values ("unknown", "none", "denounced") and StrEnum members compare as str
_TERMS: dict[tuple[type[StrEnum], str], str] = {
    **{(AvailabilityStatus, s.value): _camel(s.value) for s in AvailabilityStatus},
    **{(GapCode, g.value): _camel(g.value) + "Gap" for g in GapCode},
    (LinkType, "specific"): "Specific",
    (LinkType, "fallback_general"): "FallbackGeneral",
    (Effect, "exclude"): "Exclude",
    (Effect, "condition"): "ModifyCondition",
    (Effect, "interpret"): "Interpret",
    (Effect, "notify"): "Notify",
    (Effect, "territorial"): "TerritorialEffect",
    (Effect, "none"): "NoEffect",
    **{(Grade, g.value): _camel(g.value) + "Grade" for g in Grade},
    **{(DatedBy, d.value): "DatedBy" + _camel(d.value) for d in DatedBy},
    **{(Participation, p.value): _camel(p.value) + "Status" for p in Participation if p is not Participation.UNKNOWN},
    (Participation, "unknown"): "UnknownParticipationStatus",
    **{(Condition, c.value): c.value for c in Condition},
}

# statement kind -> its ontology class (the importer writes it, the repository reads it back)
STATEMENT_CLASS: dict[str, str] = {
    "reservation": "Reservation",
    "interpretative_declaration": "InterpretativeDeclaration",
    "conditional_interpretative_declaration": "ConditionalInterpretativeDeclaration",
    "declaration": "Declaration",
    "optional_clause_declaration": "OptionalClauseDeclaration",
    "notification": "Notification",
    "treaty_basis_declaration": "TreatyBasisDeclaration",
    "territorial_declaration": "TerritorialDeclaration",
    "objection": "Objection",
    "acceptance": "ExpressAcceptance",
    "reservation_withdrawal": "ReservationWithdrawal",
    "objection_withdrawal": "ObjectionWithdrawal",
}
assert set(STATEMENT_CLASS) == set(STATEMENT_KINDS)

# participation event kind -> its ontology class
EVENT_CLASS: dict[str, str] = {
    "signature": "Signature",
    "ratification": "Ratification",
    "acceptance": "Acceptance",
    "approval": "Approval",
    "accession": "Accession",
    "succession": "Succession",
    "formal_confirmation": "FormalConfirmation",
    "definitive_signature": "DefinitiveSignature",
    "consent": "ConsentToBeBound",
    "entry_into_force": "EntryIntoForce",
    "denunciation": "Denunciation",
    "territorial_extension": "TerritorialExtension",
    "territorial_exclusion": "TerritorialWithdrawal",
    "signature_withdrawn": "SignatureWithdrawnIntent",
}

# enumeration -> the ontology class whose individuals it enumerates (checked both ways by a test)
SCHEMES: dict[type[StrEnum], str] = {
    AvailabilityStatus: "AvailabilityStatus",
    GapCode: "GapCode",
    LinkType: "LinkType",
    Effect: "EffectType",
    Grade: "EvidenceGrade",
    DatedBy: "DatingBasis",
    Participation: "ParticipationStatus",
    Condition: "ConditionType",
}


def term(member: StrEnum) -> str:
    """The full IRI of a member's ontology term."""
    return COOP_NS + _TERMS[(type(member), member.value)]
