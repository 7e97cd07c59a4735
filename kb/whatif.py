"""What would close a gap, and what if a state joined a treaty or withdrew a reservation.

Nothing here changes the knowledge base: a simulation builds hypothetical records as new plain data
(the state's extra events and withdrawals, with a provenance that says "hypothetical") and fresh
engine inputs with an empty memo, and compares their answers with the real ones.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from difflib import get_close_matches
from functools import partial
from typing import Any

from kb.errors import UnknownInput
from kb.knowledge import KnowledgeBase
from kb.law.availability import OPERATIVE, Inputs, Question, candidate_links, decide, related
from kb.law.availability import standing_on as engine_standing
from kb.matrix import gap_class, matrix_states
from kb.model import DatedBy, Event, Grade, Participation, Provenance, Statement, Treaty, TreatyRecord

ClassFn = Callable[[str, str, str], str]  # (requesting, requested, mechanism) -> gap class
HYPOTHETICAL = "hypothetical: TreatyKB what-if simulation (not a fact)"
RESERVATION_KINDS = ("reservation", "conditional_interpretative_declaration")


def operative(inputs: Inputs, slug: str, on: date, states: list[str]) -> frozenset[str]:
    """The states bound by a treaty on a date (party or denunciation pending), as the engine reads them."""
    record = inputs.records[slug]
    found: frozenset[str] = inputs.remember(
        ("operative", slug, on),
        lambda: frozenset(s for s in states if engine_standing(inputs, record, s, on).status in OPERATIVE),
    )
    return found


def specific_treaties(inputs: Inputs, mechanism: str) -> dict[str, list[str]]:
    """Treaties with a provision made for the mechanism: slug -> those provisions."""
    out: dict[str, list[str]] = {}
    for slug, links in candidate_links(inputs, mechanism).items():
        provisions = [link.provision for link in links if link.link_type == "specific"]
        if provisions:
            out[slug] = provisions
    return out


def reservations_in_effect(record: TreatyRecord, state: str, on: date) -> list[Statement]:
    """The state's reservations to the treaty in effect on the date and not withdrawn."""
    withdrawn = {
        w.withdraws
        for w in record.statements
        if w.kind == "reservation_withdrawal" and w.actor == state and (w.effective_from or w.made_on or on) <= on
    }
    return [
        s
        for s in record.statements
        if s.actor == state
        and s.kind in RESERVATION_KINDS
        and s.id not in withdrawn
        and (s.effective_from is None and s.made_on is None or s.in_effect(on))
    ]


_CLOSERS: dict[tuple[int, str, date, str | None], dict[str, list[dict[str, Any]]]] = {}


def closers(
    kb: KnowledgeBase, mechanism: str, on: date, class_of: ClassFn, state: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The treaty actions that would give a specific basis for the mechanism with most partners, of
    one state or of every state, ranked by partners gained (either direction).

    `join`: a state not bound by a treaty in force with a provision made for the mechanism; its
    partners gained are that treaty's parties with which the pair's gap class is not `specific`.
    `withdraw`: a reservation of a bound state to such a provision; its partners are the parties
    with which the class is not `specific`. Both are upper bounds (another party's reservation may
    still stand in the way); a simulation gives the exact answer.
    """
    key = (id(kb), mechanism, on, state)
    if key in _CLOSERS:
        return _CLOSERS[key]
    inputs = kb.inputs()
    states = matrix_states(kb)
    joins: list[dict[str, Any]] = []
    withdrawals: list[dict[str, Any]] = []
    for slug, provisions in sorted(specific_treaties(inputs, mechanism).items()):
        record = inputs.records[slug]
        t = record.treaty
        if t.general_eif is None or on < t.general_eif:
            continue
        parties = operative(inputs, slug, on, states)
        parent = parent_of(t)
        for x in [state] if state else states:
            if x not in parties:
                gained = [p for p in sorted(parties) if p != x and _not_specific(class_of, x, p, mechanism)]
                if gained:
                    row: dict[str, Any] = {"state": x, "treaty": slug, "partners": len(gained), "partner_codes": gained}
                    if parent and parent in inputs.records and x not in operative(inputs, parent, on, states):
                        row["with_parent"] = parent
                    joins.append(row)
                continue
            for s in reservations_in_effect(record, x, on):
                if not any(related(p, q) for p in s.provisions for q in provisions):
                    continue
                gained = [p for p in sorted(parties) if p != x and _not_specific(class_of, x, p, mechanism)]
                if gained:
                    withdrawals.append(
                        {
                            "state": x,
                            "treaty": slug,
                            "statement": s.id,
                            "provisions": list(s.provisions),
                            "partners": len(gained),
                            "partner_codes": gained,
                        }
                    )
    joins.sort(key=lambda r: (-r["partners"], r["state"], r["treaty"]))
    withdrawals.sort(key=lambda r: (-r["partners"], r["statement"]))
    if len(_CLOSERS) > 2000:
        _CLOSERS.clear()
    found = _CLOSERS[key] = {"join": joins, "withdraw": withdrawals}
    return found


def parent_of(t: Treaty) -> str | None:
    """The treaty a state must be bound by to join this one (a protocol's parent convention)."""
    return t.open_only_to_parties_of or t.supplements


def _not_specific(class_of: ClassFn, a: str, b: str, m: str) -> bool:
    return class_of(a, b, m) != "specific" or class_of(b, a, m) != "specific"


# --- what if ---------------------------------------------------------------------------------------


@dataclass
class Scenario:
    """The hypothetical records of a simulation, and what it says about each requested change."""

    records: dict[str, TreatyRecord]
    joined: list[dict[str, Any]] = field(default_factory=list)
    withdrawn: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _provenance(on: date) -> Provenance:
    return Provenance(HYPOTHETICAL, on, verified=True, grade=Grade.DEPOSITARY, dated_by=DatedBy.SOURCE)


def check_inputs(kb: KnowledgeBase, state: str, joins: list[str], withdrawals: list[str]) -> str:
    """The state's code; unknown treaties or statements and non-reservations are UnknownInput."""
    code = kb.actor(state).code
    if kb.actors[code].kind != "state":
        raise UnknownInput("state", state, "a simulation is for a state, not an organisation")
    if not joins and not withdrawals:
        raise UnknownInput("simulation", "", "give at least one treaty to join or one reservation to withdraw")
    for slug in joins:
        if slug not in kb.records:
            close = get_close_matches(slug.lower(), list(kb.records), n=3, cutoff=0.5)
            hint = f"did you mean {', '.join(close)}?" if close else "known: " + ", ".join(sorted(kb.records))
            raise UnknownInput("treaty", slug, hint)
    own = sorted(
        s.id for r in kb.records.values() for s in r.statements if s.actor == code and s.kind in RESERVATION_KINDS
    )
    for sid in withdrawals:
        found = _statement(kb, sid)
        if found is None:
            close = get_close_matches(sid, own, n=3, cutoff=0.5)
            hint = "did you mean " + ", ".join(close) + "?" if close else _own_hint(code, own)
            raise UnknownInput("statement", sid, hint)
        if found.actor != code or found.kind not in RESERVATION_KINDS:
            raise UnknownInput(
                "reservation",
                sid,
                f"{sid} is a {found.kind.replace('_', ' ')} of {found.actor}, not a reservation of {code}; "
                + _own_hint(code, own),
            )
    return code


def _own_hint(code: str, own: list[str]) -> str:
    return f"reservations of {code}: {', '.join(own)}" if own else f"{code} has no reservation in the knowledge base"


def _statement(kb: KnowledgeBase, sid: str) -> Statement | None:
    slug = sid.split("/", 1)[0]
    record = kb.records.get(slug)
    if record is None:
        return None
    return next((s for s in record.statements if s.id == sid), None)


def scenario(kb: KnowledgeBase, code: str, joins: list[str], withdrawals: list[str], on: date) -> Scenario:
    """Hypothetical records: on `on` the state consented to each joined treaty, in force for it that
    day, without reservations, and withdrew the named reservations. New objects only."""
    inputs = kb.inputs()
    states = matrix_states(kb)
    records = dict(inputs.records)
    out = Scenario(records)
    hyp = _provenance(on)
    for slug in dict.fromkeys(joins):
        record = records[slug]
        t = record.treaty
        st = engine_standing(inputs, inputs.records[slug], code, on)
        entry: dict[str, Any] = {"treaty": slug, "standing": st.status.value, "effect": "joins"}
        if st.status in OPERATIVE:
            entry["effect"] = "already_bound"
            entry["note"] = f"{code} is already bound by {slug} on {on.isoformat()}: nothing changes"
            out.joined.append(entry)
            continue
        parent = parent_of(t)
        if parent and parent in records and code not in operative(inputs, parent, on, states) and parent not in joins:
            entry["effect"] = "needs_parent"
            entry["parent"] = parent
            entry["note"] = (
                f"{slug} is open only to parties of {parent}, which {code} has not joined: join {parent} too "
                "(repeat join)"
            )
            out.joined.append(entry)
            continue
        if t.general_eif is None or on < t.general_eif:
            entry["in_force"] = False
            consented = sorted(
                {
                    e.actor
                    for e in record.events
                    if e.kind in ("ratification", "accession", "acceptance", "approval", "succession", "consent")
                }
            )
            entry["note"] = (
                f"{slug} is not in force on {on.isoformat()} and stays not in force in this simulation: joining "
                "changes no answer until it enters into force; once it does, "
                f"{code} would be bound with the states that have consented to it by then ({len(consented)} so far)"
            )
            entry["consented"] = consented
        consent_kind = "ratification" if st.status is Participation.SIGNATORY else "accession"
        events = [
            *record.events,
            Event(code, slug, consent_kind, on, hyp),
            Event(code, slug, "entry_into_force", on, hyp),
        ]
        dropped = [
            Statement(
                id=f"{s.id}/hypothetical-withdrawal",
                actor=code,
                treaty=slug,
                seq=0,
                kind="reservation_withdrawal",
                provisions=s.provisions,
                effect="none",
                provenance=hyp,
                withdraws=s.id,
                made_on=on,
                effective_from=on,
            )
            for s in reservations_in_effect(record, code, on)
        ]
        if dropped:
            entry["reservations_left_out"] = [s.withdraws for s in dropped]
        records[slug] = replace(record, events=events, statements=[*record.statements, *dropped])
        out.joined.append(entry)
    for sid in dict.fromkeys(withdrawals):
        s = _statement(kb, sid)
        assert s is not None  # check_inputs
        record = records[s.treaty]
        w = Statement(
            id=f"{sid}/hypothetical-withdrawal",
            actor=code,
            treaty=s.treaty,
            seq=0,
            kind="reservation_withdrawal",
            provisions=s.provisions,
            effect="none",
            provenance=hyp,
            withdraws=sid,
            made_on=on,
            effective_from=on,
        )
        in_effect = s in reservations_in_effect(record, code, on)
        out.withdrawn.append(
            {
                "statement": sid,
                "treaty": s.treaty,
                "effect": "withdraws" if in_effect else "not_in_effect",
                **({} if in_effect else {"note": f"{sid} is not in effect on {on.isoformat()}: nothing changes"}),
            }
        )
        records[s.treaty] = replace(record, statements=[*record.statements, w])
    return out


def simulate(
    kb: KnowledgeBase,
    state: str,
    joins: list[str],
    withdrawals: list[str],
    on: date,
    mechanisms: list[str] | None = None,
) -> dict[str, Any]:
    """The state's row, every mechanism and partner, in both directions, before and after."""
    started = time.perf_counter()
    code = check_inputs(kb, state, joins, withdrawals)
    real = kb.inputs()
    sc = scenario(kb, code, joins, withdrawals, on)
    hypo = replace(real, records=sc.records, memo={})  # fresh inputs: the shared ones are not touched
    mechs = sorted(mechanisms or real.mechanisms)
    touched = {r["treaty"] for r in sc.joined + sc.withdrawn if r["effect"] in ("joins", "withdraws")}
    partners = [p for p in matrix_states(kb) if p != code]
    changes: list[dict[str, Any]] = []
    summary: list[dict[str, Any]] = []
    for m in mechs:
        # an answer reads only the treaties that provide the mechanism: the others cannot change it
        providing: frozenset[str] = real.remember(("providing-treaties", m), partial(_providing, real, m))
        if not touched & providing:
            continue
        gains: set[str] = set()
        changed = 0
        for p in partners:
            for a, b in ((code, p), (p, code)):
                was = _side(real, a, b, m, on)
                now = _side(hypo, a, b, m, on)
                if was == now:
                    continue
                changed += 1
                if now["gap_class"] == "specific" and was["gap_class"] != "specific":
                    gains.add(p)
                changes.append(
                    {
                        "mechanism": m,
                        "from": a,
                        "to": b,
                        "partner": p,
                        "direction": "requesting" if a == code else "requested",
                        "before": was,
                        "after": now,
                    }
                )
        if changed:
            summary.append({"mechanism": m, "changed": changed, "gains_specific": sorted(gains)})
    return {
        "hypothetical": True,
        "state": code,
        "date": on.isoformat(),
        "join": list(dict.fromkeys(joins)),
        "withdraw": list(dict.fromkeys(withdrawals)),
        "joined": sc.joined,
        "withdrawn": sc.withdrawn,
        "assumptions": [
            f"as if on {on.isoformat()} {code} had consented to each joined treaty, in force for it that day, "
            "without reservations (its reservations to it left out)",
            "as if the named reservations had been withdrawn with effect that day",
            "every other state's participation, reservations and the treaties' own entry into force as recorded",
            "hypothetical: the knowledge base, the matrix graph and the cached answers are unchanged",
        ],
        "mechanisms": mechs,
        "summary": summary,
        "changes": changes,
        "nothing_changes": not changes,
        "seconds": round(time.perf_counter() - started, 3),
        "notice": "hypothetical analysis of treaty texts and depositary records, not legal advice",
    }


def _providing(inputs: Inputs, mechanism: str) -> frozenset[str]:
    return frozenset(candidate_links(inputs, mechanism))


def _side(inputs: Inputs, a: str, b: str, m: str, on: date) -> dict[str, Any]:
    r = decide(inputs, Question(a, b, m, on), explain_answer=False)
    return {
        "status": r.status.value,
        "gap_class": gap_class(r.bases),
        "best_basis": r.best_basis,
        "bases": [
            {"treaty": x.treaty, "provision": x.provision, "link_type": x.link_type, "status": x.status.value}
            for x in r.bases
        ],
    }
