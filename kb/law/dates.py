"""Treaty date rules (legal-model 1.5, MR-12): deposit or notice date -> date of effect."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta


def add_months(d: date, months: int) -> date:
    """Same day number `months` later, clamped to the end of a shorter month."""
    month0 = d.month - 1 + months
    year = d.year + month0 // 12
    month = month0 % 12 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def first_of_next_month(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def coe_3m_first(d: date) -> date:
    """First day of the month after three months from `d` (ETS 185 arts 36-38, 47)."""
    return first_of_next_month(add_months(d, 3))


def un_plus_days(d: date, days: int) -> date:
    """The `days`-th day after `d` (the deposit day is day 0)."""
    return d + timedelta(days=days)


def plus_one_year(d: date) -> date:
    return add_months(d, 12)


def plus_six_months(d: date) -> date:
    """Six months after `d` (ETS 024 art. 31, ETS 030 art. 29: denunciation)."""
    return add_months(d, 6)


def _plus_30(d: date) -> date:
    return un_plus_days(d, 30)


def _plus_90(d: date) -> date:
    return un_plus_days(d, 90)


def _on_receipt(d: date) -> date:
    return d


RULES: dict[str, Callable[[date], date]] = {
    "COE_3M_FIRST": coe_3m_first,
    "UN_PLUS_30_DAYS": _plus_30,
    "UN_PLUS_90_DAYS": _plus_90,
    "PLUS_1_YEAR": plus_one_year,
    "PLUS_6_MONTHS": plus_six_months,
    "ON_RECEIPT_OR_LATER": _on_receipt,
}


def apply_rule(rule: str, d: date) -> date:
    try:
        return RULES[rule](d)
    except KeyError:
        raise ValueError(f"unknown date rule {rule!r}") from None


def latest_deposit_for(rule: str, entry_into_force: date) -> date:
    """The latest deposit date that gives entry into force on `entry_into_force` or earlier.

    The inverse of a treaty's rule, as an upper bound: an actor in force on E deposited on this
    date at the latest (exactly on it under the UN "n-th day" rules; within the month under the
    Council of Europe's "first day of the month after three months" rule, so the last day of it).
    Before the treaty itself entered into force the deposit may be much earlier; the bound holds.
    """
    d = entry_into_force
    while apply_rule(rule, d) > entry_into_force:
        d -= timedelta(days=1)
    return d


def entry_into_force_for(rule: str, consent: date, general_eif: date | None) -> date | None:
    """Entry into force for an actor that consented on `consent`.

    Before the treaty itself is in force the actor's date is the general entry into force;
    `None` when the treaty is not (yet) in force, so the date cannot be known.
    """
    if general_eif is None:
        return None
    return max(apply_rule(rule, consent), general_eif)
