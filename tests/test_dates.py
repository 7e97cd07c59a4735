"""Date rules (legal-model MR-12), checked against depositary dates quoted in the legal model."""

from datetime import date

import pytest

from kb.law.dates import (
    apply_rule,
    coe_3m_first,
    entry_into_force_for,
    latest_deposit_for,
    plus_one_year,
    un_plus_days,
)


@pytest.mark.parametrize(
    ("deposit", "expected"),
    [
        (date(2009, 3, 9), date(2009, 7, 1)),  # Germany, ETS 185
        (date(2012, 6, 13), date(2012, 10, 1)),  # Austria
        (date(2006, 9, 29), date(2007, 1, 1)),  # United States (year boundary)
        (date(2013, 8, 22), date(2013, 12, 1)),  # Czech Republic
        (date(2005, 4, 7), date(2005, 8, 1)),  # Bulgaria
        (date(2024, 1, 18), date(2024, 5, 1)),  # Belarus' ETS 191 denunciation
        (date(2012, 3, 1), date(2012, 7, 1)),  # deposit on the 1st (legal-model edge case)
        (date(2011, 11, 30), date(2012, 3, 1)),  # clamped to end of February
    ],
)
def test_coe_three_months_then_first_of_month(deposit: date, expected: date) -> None:
    assert coe_3m_first(deposit) == expected


def test_un_thirtieth_day_after_deposit() -> None:
    assert un_plus_days(date(2006, 6, 14), 30) == date(2006, 7, 14)  # Germany, UNTOC
    assert un_plus_days(date(2004, 5, 26), 30) == date(2004, 6, 25)  # Netherlands, UNTOC


def test_one_year_on_leap_day_clamps() -> None:
    assert plus_one_year(date(2024, 2, 29)) == date(2025, 2, 28)


def test_consent_before_general_entry_into_force_waits_for_it() -> None:
    assert entry_into_force_for("UN_PLUS_30_DAYS", date(2001, 1, 1), date(2003, 9, 29)) == date(2003, 9, 29)
    assert entry_into_force_for("COE_3M_FIRST", date(2020, 1, 1), None) is None


def test_unknown_rule_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown date rule"):
        apply_rule("NO_SUCH_RULE", date(2020, 1, 1))


@pytest.mark.parametrize(
    ("rule", "entry_into_force", "latest"),
    [
        ("COE_3M_FIRST", date(2024, 8, 1), date(2024, 4, 30)),  # Grenada, ETS 185: deposit in April
        ("COE_3M_FIRST", date(2009, 7, 1), date(2009, 3, 31)),  # Germany deposited on 9 March
        ("COE_3M_FIRST", date(2012, 3, 1), date(2011, 11, 30)),  # across the year end, end of November
        ("UN_PLUS_30_DAYS", date(2004, 6, 25), date(2004, 5, 26)),  # exact under the n-th day rules
        ("UN_PLUS_90_DAYS", date(2000, 1, 1), date(1999, 10, 3)),
    ],
)
def test_latest_deposit_is_the_inverse_of_the_rule(rule: str, entry_into_force: date, latest: date) -> None:
    assert latest_deposit_for(rule, entry_into_force) == latest
    assert apply_rule(rule, latest) <= entry_into_force < apply_rule(rule, date.fromordinal(latest.toordinal() + 1))
