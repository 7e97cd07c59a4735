"""Read the knowledge base into plain `kb.model` records, through the .rq queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from kb import iri
from kb.errors import KBLoadError, Problem
from kb.model import (
    ClosedList,
    DatedBy,
    DepositaryCount,
    Event,
    Grade,
    Link,
    Mechanism,
    NationalFact,
    Provenance,
    ScopeRule,
    Statement,
    Treaty,
    TreatyRecord,
)
from kb.rdf.store import select
from kb.vocab import EVENT_CLASS, STATEMENT_CLASS, Effect, term

_CLASS_KIND = {cls: kind for kind, cls in EVENT_CLASS.items()}  # one table: kb/vocab.py
# one table for kinds and effects (kb/vocab.py); PolicyStatement is a declaration in the answers
_STATEMENT_KIND = {cls: kind for kind, cls in STATEMENT_CLASS.items()} | {"PolicyStatement": "declaration"}
_EFFECT = {iri.local(term(e)): e.value for e in Effect}


@dataclass(frozen=True)
class ActorInfo:
    code: str
    kind: str  # state | former_state | reio | territory
    iri: str
    name_en: str
    name_fr: str
    responsible: str | None = None


def _known(table: dict[str, str], cls: str, subject: str, what: str) -> str:
    """The model's name for an RDF class, or a load error naming the subject (never a silent skip)."""
    found = table.get(iri.local(cls))
    if found is None:
        raise KBLoadError([Problem(f"treaty data ({what})", subject, f"unknown {what} class {cls}")])
    return found


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _code(actor_iri: str) -> str:
    return iri.local(actor_iri)


_GRADE = {
    "DepositaryGrade": Grade.DEPOSITARY,
    "OfficialGrade": Grade.OFFICIAL,
    "MirrorGrade": Grade.MIRROR,
    "SecondaryGrade": Grade.SECONDARY,
}
_DATED_BY = {"DatedBySource": DatedBy.SOURCE, "DatedByEvent": DatedBy.EVENT, "DatedByNone": DatedBy.NONE}


def _prov(row: dict[str, str]) -> Provenance:
    record = row.get("record")
    return Provenance(
        row["source"],
        _d(row.get("status")),
        row.get("verified", "#Verified").endswith("#Verified"),
        iri.local(record) if record else None,
        _GRADE[iri.local(row["grade"])],
        _DATED_BY[iri.local(row["datedBy"])],
    )


_ACTOR_KIND = {"State": "state", "FormerState": "former_state", "REIO": "reio", "Territory": "territory"}


def read_actors(store: ox.Store) -> dict[str, ActorInfo]:
    out: dict[str, ActorInfo] = {}
    for r in select(store, "actors"):
        kind = _ACTOR_KIND[iri.local(r["kind"])]
        code = r.get("code") or _code(r["actor"])
        out[code] = ActorInfo(
            code,
            kind,
            r["actor"],
            r["name_en"],
            r["name_fr"],
            _code(r["responsible"]) if r.get("responsible") else None,
        )
    return out


def read_treaties(store: ox.Store) -> dict[str, Treaty]:
    out: dict[str, Treaty] = {}
    for r in select(store, "treaties"):
        slug = iri.local(r["treaty"])
        eif = _d(r.get("eif"))
        prov = (
            Provenance(
                r["eif_source"],
                date.fromisoformat(r["eif_status"]),
                r.get("eif_verified", "").endswith("#Verified"),
                grade=_GRADE[iri.local(r["eif_grade"])],
            )
            if eif
            else None
        )
        out[slug] = Treaty(
            slug=slug,
            title_en=r["title_en"],
            title_fr=r["title_fr"],
            short_names=tuple(sorted(s for s in r.get("shorts", "").split("|") if s)),
            identifiers=tuple(sorted(s for s in r.get("idents", "").split("|") if s)),
            adopted=_d(r.get("adopted")),
            general_eif=eif,
            general_eif_provenance=prov,
            eif_rule=r["eif_rule"],
            eif_rule_text=r.get("eif_rule_text", ""),
            denunciation_rule=r["den_rule"],
            reservation_regime="closed_list" if r["regime"].endswith("ClosedList") else "vclt_default",
            supplements=iri.local(r["supplements"]) if r.get("supplements") else None,
            mutatis_mutandis_of=iri.local(r["mutatis"]) if r.get("mutatis") else None,
            open_to_reio=r.get("reio") == "true",
            open_only_to_parties_of=iri.local(r["only"]) if r.get("only") else None,
            parties=tuple(sorted(_code(p) for p in r.get("parties", "").split())),
            procedure_for=tuple(sorted(iri.local(m) for m in r.get("procedures", "").split())),
            replaces_between_parties=iri.local(r["replaces"]) if r.get("replaces") else None,
        )
    return out


def read_events(store: ox.Store, slug: str) -> list[Event]:
    out: list[Event] = []
    for r in select(store, "events", treaty=iri.treaty(slug)):
        kind = _known(_CLASS_KIND, r["kind"], r["event"], "event")
        out.append(
            Event(
                actor=_code(r["actor"]),
                treaty=slug,
                kind=kind,
                date=date.fromisoformat(r["date"]),
                provenance=_prov(r),
                derived=r.get("derived") == "true",
                effective=_d(r.get("effective")),
                territory=_code(r["territory"]) if r.get("territory") else None,
                no_later_than=r.get("noLaterThan") == "true",
            )
        )
    return sorted(out, key=lambda e: (e.actor, e.date, e.kind))


def read_statements(store: ox.Store, slug: str) -> list[Statement]:
    out: list[Statement] = []
    for r in select(store, "statements", treaty=iri.treaty(slug)):
        kind = _known(_STATEMENT_KIND, r["kind"], r["st"], "statement")
        out.append(
            Statement(
                id=iri.statement_id(r["st"]),
                actor=_code(r["actor"]),
                treaty=slug,
                seq=int(r["seq"]),
                kind=kind,
                provisions=tuple(sorted(iri.provision_id(p) for p in r.get("provisions", "").split())),
                effect=_EFFECT[iri.local(r["effect"])],
                provenance=_prov(r),
                conditions=tuple(sorted(iri.local(c) for c in r.get("conditions", "").split())),
                offence_carve_out=r.get("offence"),
                reciprocal=r.get("reciprocal") == "true",
                applies_when_requested=r.get("requested") != "false",
                authority=r.get("authority"),
                territory=_code(r["territory"]) if r.get("territory") else None,
                territorial_mode=("include" if r["mode"].endswith("#Include") else "exclude")
                if r.get("mode")
                else None,
                will_use_as_legal_basis=None if "basis" not in r else r["basis"] == "true",
                objects_to=iri.statement_id(r["objects"]) if r.get("objects") else None,
                opposes_entry_into_force=None if "opposes" not in r else r["opposes"] == "true",
                withdraws=iri.statement_id(r["withdraws"]) if r.get("withdraws") else None,
                made_on=_d(r.get("made")),
                effective_from=_d(r.get("from")),
                effective_until=_d(r.get("until")),
                text=r.get("text"),
                text_lang=r.get("text@lang"),
                summary=r.get("summary"),
                label_used=r.get("label"),
                effective_from_derived=r.get("derived") == "true",
            )
        )
    return sorted(out, key=lambda s: (s.actor, s.seq))


def read_counts(store: ox.Store, slug: str) -> list[DepositaryCount]:
    return [
        DepositaryCount(
            treaty=slug,
            status_date=date.fromisoformat(r["date"]),
            signatories=int(r["signatories"]) if r.get("signatories") else None,
            parties=int(r["parties"]) if r.get("parties") else None,
            provenance=_prov(r),
        )
        for r in select(store, "counts", treaty=iri.treaty(slug))
    ]


def read_tables(store: ox.Store, slug: str) -> list[ClosedList]:
    return sorted(
        (
            ClosedList(
                treaty=slug,
                date=date.fromisoformat(r["date"]),
                kind="table",
                provenance=_prov(r),
                listed=frozenset(_code(a) for a in r["listed"].split()),
            )
            for r in select(store, "closed_lists", treaty=iri.treaty(slug))
        ),
        key=lambda t: t.date,
    )


def read_records(store: ox.Store) -> dict[str, TreatyRecord]:
    return {
        slug: TreatyRecord(
            t,
            read_events(store, slug),
            read_statements(store, slug),
            read_counts(store, slug),
            read_tables(store, slug),
        )
        for slug, t in sorted(read_treaties(store).items())
    }


def read_links(store: ox.Store) -> list[Link]:
    out = [
        Link(
            treaty=iri.local(r["treaty"]),
            provision=iri.provision_id(r["provision"]),
            mechanism=iri.local(r["mechanism"]),
            link_type="fallback_general" if r["type"].endswith("FallbackGeneral") else "specific",
            strength=iri.local(r["strength"]).lower(),
            scope_gate=iri.local(r["gate"]) if r.get("gate") else None,
            conditions=tuple(sorted(iri.local(c) for c in r.get("conditions", "").split())),
            applies_only_absent_treaty=r.get("absent") == "true",
            qualified_by=tuple(sorted(iri.provision_id(p) for p in r.get("qualifiers", "").split())),
            verified=r["verified"].endswith("#Verified"),
        )
        for r in select(store, "links")
    ]
    return sorted(out, key=lambda link: (link.treaty, link.provision, link.mechanism))


def read_scope(store: ox.Store) -> dict[tuple[str, str], dict[str, ScopeRule]]:
    """The treaties' scope rules: (treaty, gate) -> offence category -> rule."""
    out: dict[tuple[str, str], dict[str, ScopeRule]] = {}
    for r in select(store, "scope_rules"):
        slug, gate = iri.local(r["treaty"]), iri.local(r["gate"])
        out.setdefault((slug, gate), {})[r["offence"]] = ScopeRule(
            treaty=slug,
            gate=gate,
            offence=r["offence"],
            effect={"InScope": "in", "MayBeInScope": "may", "OutOfScope": "out"}[iri.local(r["effect"])],
            condition=iri.local(r["condition"]) if r.get("condition") else None,
            why=r.get("why", ""),
            provision=iri.provision_id(r["provision"]) if r.get("provision") else None,
        )
    return out


def read_national(store: ox.Store) -> dict[str, list[NationalFact]]:
    """National-law facts by state (kb/sources/national)."""
    out: dict[str, list[NationalFact]] = {}
    for r in select(store, "national"):
        f = NationalFact(
            id=r["fact"].rsplit("/", 1)[1],
            state=_code(r["actor"]),
            rule=iri.local(r["rule"]),
            mechanisms=tuple(sorted(m.rsplit("/", 1)[1] for m in r["mechanisms"].split())),
            law=r["law"],
            provenance=_prov(r),
            except_for=r.get("except", ""),
        )
        out.setdefault(f.state, []).append(f)
    return {k: sorted(v, key=lambda f: f.id) for k, v in sorted(out.items())}


def read_mechanisms(store: ox.Store) -> dict[str, Mechanism]:
    return {
        r["notation"]: Mechanism(r["notation"], r["label_en"], r["label_fr"], r.get("broader"))
        for r in select(store, "mechanisms")
    }


def read_reservable(store: ox.Store) -> frozenset[str]:
    return frozenset(iri.provision_id(r["provision"]) for r in select(store, "reservable_provisions"))


def read_condition_labels(store: ox.Store) -> dict[str, tuple[str, str]]:
    return {iri.local(r["condition"]): (r["label_en"], r["label_fr"]) for r in select(store, "conditions")}
