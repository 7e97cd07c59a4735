"""Contract 5a evidence: grades, dating by event, contested values, the minimum grade and its property."""

from dataclasses import replace
from datetime import date

from fictional import treaty
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.knowledge import KnowledgeBase, parse_grade
from kb.law.availability import RANK, Inputs, Question
from kb.law.evidence import at_minimum, restrictive
from kb.law.participation import standing
from kb.model import DatedBy, Event, Grade, Link, Mechanism, Provenance, Statement, TreatyRecord, weakest
from kb.present import answer

DEP = Provenance("https://example.org/depositary", date(2020, 1, 1))
NEWS = Provenance("https://example.org/news", date(2021, 1, 1), grade=Grade.SECONDARY)
UNDATED = Provenance("https://example.org/mirror", None, grade=Grade.MIRROR, dated_by=DatedBy.EVENT)
T = treaty("ev-1", "Evidence", general_eif_provenance=DEP)
MECH = {"PRES": Mechanism("PRES", "preservation", "conservation")}
LINKS = [Link("ev-1", "ev-1/art/5", "PRES", "specific", "mandatory")]


def test_grades_are_ordered_best_first() -> None:
    assert [g.rank for g in Grade] == [3, 2, 1, 0]
    assert Grade.OFFICIAL.at_least(Grade.MIRROR) and not Grade.SECONDARY.at_least(Grade.MIRROR)
    assert weakest([Grade.DEPOSITARY, Grade.MIRROR, Grade.OFFICIAL]) is Grade.MIRROR
    assert weakest([]) is None


def test_two_dates_for_one_consent_the_better_grade_wins_and_the_other_is_contested() -> None:
    events = [
        Event("AAA", "ev-1", "ratification", date(2005, 3, 1), DEP),
        Event("AAA", "ev-1", "ratification", date(2005, 3, 8), NEWS),  # newer, but secondary
    ]
    st_ = standing(T, events, "AAA", date(2010, 1, 1))
    assert st_.consent is not None and st_.consent.date == date(2005, 3, 1)
    assert [(c.value, c.provenance.grade) for c in st_.consent.contested_by] == [("2005-03-08", Grade.SECONDARY)]


def test_a_later_event_is_not_a_disagreement() -> None:
    bound = Event("AAA", "ev-1", "consent", date(2011, 6, 1), DEP, no_later_than=True)
    dated = Event("AAA", "ev-1", "ratification", date(2005, 3, 1), NEWS)
    st_ = standing(T, [bound, dated], "AAA", date(2012, 1, 1))
    assert st_.consent == dated and not st_.consent.contested_by  # consented by 2011: no contradiction


def ask(events: list[Event], statements: list[Statement], minimum: Grade = Grade.SECONDARY) -> dict[str, object]:
    record = at_minimum(TreatyRecord(T, events, statements, []), minimum)
    inputs = Inputs({"ev-1": record}, LINKS, MECH, frozenset(), {}, frozenset(), {}, min_grade=minimum)
    return answer(inputs, Question("AAA", "BBB", "PRES", date(2010, 1, 1)))


PARTIES = [
    Event("AAA", "ev-1", "ratification", date(2002, 1, 1), DEP),
    Event("BBB", "ev-1", "accession", date(2003, 1, 1), NEWS),
]
RESERVATION = Statement(
    "ev-1/BBB/1",
    "BBB",
    "ev-1",
    1,
    "reservation",
    ("ev-1/art/5",),
    "condition",
    UNDATED,
    conditions=("DualCriminalityRefusalOption",),
    made_on=date(2003, 1, 1),
    effective_from=date(2003, 2, 2),
)


def codes(answer: dict[str, object]) -> set[str]:
    bases = answer["bases"]
    assert isinstance(bases, list)
    return {c["code"] for b in bases for c in b["conditions"]}


def test_a_secondary_participation_caps_the_basis_and_names_its_grade() -> None:
    a = ask(PARTIES, [])
    assert a["status"] == "available_with_conditions" and "SecondarySource" in codes(a)
    assert a["evidence"] == "secondary"


def test_a_statement_dated_by_event_is_applied_and_marked_not_confirmed() -> None:
    a = ask(PARTIES, [RESERVATION])
    assert {"StatusNotConfirmed", "DualCriminalityRefusalOption"} <= codes(a)


def test_above_the_minimum_a_party_known_only_from_news_is_unknown_not_absent() -> None:
    a = ask(PARTIES, [], Grade.MIRROR)
    assert a["status"] == "unknown" and "ParticipationUnknown" in codes(a)
    assert a["evidence"] == "depositary"


def test_a_restriction_below_the_minimum_makes_its_basis_unknown_it_does_not_vanish() -> None:
    both = [PARTIES[0], replace(PARTIES[1], provenance=DEP)]
    low = replace(RESERVATION, provenance=replace(NEWS, dated_by=DatedBy.SOURCE))
    assert restrictive(low)
    a = ask(both, [low], Grade.OFFICIAL)
    assert a["status"] == "unknown" and "BelowMinimumGrade" in codes(a)
    assert ask(both, [low])["status"] == "available_with_conditions"


def test_a_bad_grade_is_refused_with_the_allowed_values() -> None:
    import pytest

    from kb.errors import UnknownInput

    assert parse_grade(None) is Grade.SECONDARY and parse_grade("Official") is Grade.OFFICIAL
    with pytest.raises(UnknownInput, match="depositary, official, mirror, secondary"):
        parse_grade("best")


KB = KnowledgeBase.open()
STATES = ["RUS", "DEU", "TUN", "ISR", "FRA", "USA", "CMR", "ARG", "KOR", "CHN", "BRA", "UKR", "NZL", "SDN", "PRY"]
MECHS = ["PRES", "MLA", "EXT", "POC", "PTD", "LEC", "TBA-CONS"]
ORDER = [Grade.SECONDARY, Grade.MIRROR, Grade.OFFICIAL, Grade.DEPOSITARY]


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(STATES),
    st.sampled_from(STATES),
    st.sampled_from(MECHS),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 12, 31)),
    st.integers(min_value=0, max_value=2),
)
def test_raising_the_minimum_grade_never_gives_a_better_answer_except_unknown(
    a: str, b: str, m: str, on: date, i: int
) -> None:
    """Contract 5a: never a better status or fewer conditions, except by turning something unknown."""
    if a == b:
        return
    low, high = (answer(KB.inputs(g), Question(a, b, m, on), explain_answer=False) for g in (ORDER[i], ORDER[i + 1]))
    if high["status"] == "unknown":
        return
    assert RANK[high["status"]] <= RANK[low["status"]]
    before = {(x["provision"]): x for x in low["bases"]}
    for basis in high["bases"]:
        if basis["status"] == "unknown" or basis["provision"] not in before:
            continue
        lost = {c["code"] for c in before[basis["provision"]]["conditions"]} - {c["code"] for c in basis["conditions"]}
        assert (
            lost <= {"SecondarySource", "StatusNotConfirmed"}
            or RANK[basis["status"]] <= RANK[before[basis["provision"]]["status"]]
        ), (basis, before[basis["provision"]])
