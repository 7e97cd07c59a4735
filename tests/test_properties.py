"""Property-based tests: date rules, half-open intervals, and the engine on the real knowledge base."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.knowledge import KnowledgeBase
from kb.law.availability import RANK, Question
from kb.law.dates import add_months, coe_3m_first, entry_into_force_for, un_plus_days
from kb.model import OFFENCES, Provenance, Statement
from kb.present import answer
from kb.vocab import GapCode

DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


@given(DATES)
def test_coe_rule_is_a_first_of_month_after_three_months(d: date) -> None:
    eif = coe_3m_first(d)
    assert eif.day == 1
    assert add_months(d, 3) < eif <= add_months(d, 4) + timedelta(days=1)


@given(DATES, DATES)
def test_rules_are_monotonic(a: date, b: date) -> None:
    lo, hi = min(a, b), max(a, b)
    assert coe_3m_first(lo) <= coe_3m_first(hi)
    assert un_plus_days(lo, 30) <= un_plus_days(hi, 30)


@given(DATES, DATES)
def test_entry_into_force_never_precedes_the_treaty(consent: date, general: date) -> None:
    eif = entry_into_force_for("UN_PLUS_30_DAYS", consent, general)
    assert eif is not None and eif >= general and eif >= consent


@given(DATES, st.integers(min_value=1, max_value=3000))
def test_intervals_are_half_open(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    s = Statement(
        "t/AAA/1",
        "AAA",
        "t",
        1,
        "reservation",
        (),
        "exclude",
        Provenance("https://x", start),
        effective_from=start,
        effective_until=end,
    )
    assert s.in_effect(start) and not s.in_effect(end) and not s.in_effect(start - timedelta(days=1))
    assert s.in_effect(end - timedelta(days=1))


KB = KnowledgeBase.open()
STATES = sorted(
    c
    for c, a in KB.actors.items()
    if a.kind == "state" and any(e.actor == c for r in KB.records.values() for e in r.events)
)
MECHS = sorted(KB.inputs().mechanisms)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(STATES),
    st.sampled_from(STATES),
    st.sampled_from(MECHS),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2026, 12, 31)),
)
def test_an_omitted_offence_is_never_a_refusal_where_some_offence_is_not(a: str, b: str, m: str, on: date) -> None:
    """Contract 1: what depends on the offence becomes a condition, never a 'no'."""
    if a == b:
        return
    inputs = KB.inputs()
    unknown = answer(inputs, Question(a, b, m, on), explain_answer=False)["status"]
    given_ = [answer(inputs, Question(a, b, m, on, c), explain_answer=False)["status"] for c in OFFENCES]
    assert RANK[unknown] >= min(RANK[s] for s in given_)
    if any(s != "not_available" for s in given_):
        assert unknown != "not_available"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(STATES), st.sampled_from(STATES), st.sampled_from(MECHS))
def test_overall_status_is_the_best_basis(a: str, b: str, m: str) -> None:
    r = answer(KB.inputs(), Question(a, b, m, date(2025, 1, 1)))
    best = max((RANK[x["status"]] for x in r["bases"]), default=RANK["not_available"])
    assert RANK[r["status"]] == best
    assert all(g["code"] in {c.value for c in GapCode} for g in r["gaps"])  # contract 2's codes
