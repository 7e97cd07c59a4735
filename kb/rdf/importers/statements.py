"""Statements (kb/sources/{slug}/statements.yaml) -> treaties/{slug}/statements.ttl.

Each statement's verbatim text must occur in its source snapshot (whitespace-normalised), so a
typo or a paraphrase passed off as depositary text stops the import.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kb import iri, paths
from kb.model import STATEMENT_KINDS, Statement
from kb.rdf.importers.common import ImportProblem, date_literal, normalise_ws, opt_date, read_yaml, unknown_keys
from kb.rdf.importers.participation import add_provenance
from kb.rdf.importers.registry import Source
from kb.rdf.prefixes import COOP, new_graph
from kb.vocab import STATEMENT_CLASS, Condition, Effect, term

CONDITIONS = frozenset(c.value for c in Condition)

KIND_CLASS = {kind: COOP[cls] for kind, cls in STATEMENT_CLASS.items()}  # one table: kb/vocab.py
EFFECTS = {e.value: URIRef(term(e)) for e in Effect}
OFFENCES = {
    "ets185-art2-11": COOP.Ets185Art2to11Offences,
    "drug88-art3-1": COOP.Drug88Art3Offences,
    "untoc-scope": COOP.UntocScopeOffences,
    "other": COOP.OtherOffences,
}
assert set(KIND_CLASS) == set(STATEMENT_KINDS)
# every key a statement may have (kb/sources/README.md); anything else is a misspelling, refused by name
KEYS = frozenset(
    {
        "state", "seq", "kind", "label_used", "provisions", "authorised_by", "effect", "conditions",
        "offence_carve_out", "reciprocal", "applies_when_requested", "authority", "territory", "territorial_mode",
        "treaty_basis", "objects_to", "opposes_entry_into_force", "withdraws", "made_on", "effective_from",
        "effective_until", "text", "summary", "source", "dated_by", "verification", "note",
    }
)  # fmt: skip


def read_statements(
    slug: str,
    registry: dict[str, Source],
    sources_dir: Path = paths.SOURCES_DIR,
    entry_into_force: dict[str, date] | None = None,
    consent: dict[str, date] | None = None,
) -> list[Statement]:
    path = sources_dir / slug / "statements.yaml"
    if not path.exists():
        return []
    items = read_yaml(path) or []
    if not isinstance(items, list):
        raise ImportProblem(path, "(file)", "expected a list of statements")
    out: list[Statement] = []
    seen: set[tuple[str, int]] = set()
    snapshots: dict[str, str] = {}
    for i, item in enumerate(items):
        st = _statement(
            slug,
            item,
            path,
            f"item {i} ({item.get('state')}/{item.get('seq')})",
            registry,
            snapshots,
            sources_dir,
            entry_into_force or {},
            consent or {},
        )
        key = (st.actor, st.seq)
        if key in seen:
            raise ImportProblem(path, f"item {i}", f"sequence number {st.seq} used twice for {st.actor}")
        seen.add(key)
        out.append(st)
    return out


def _statement(
    slug: str,
    item: dict[str, Any],
    path: Path,
    where: str,
    registry: dict[str, Source],
    snapshots: dict[str, str],
    sources_dir: Path,
    eif: dict[str, date],
    consents: dict[str, date],
) -> Statement:
    unknown = sorted(set(item) - KEYS)
    if unknown:
        raise ImportProblem(path, where, unknown_keys(unknown, KEYS))
    kind = str(item.get("kind"))
    if kind not in KIND_CLASS:
        raise ImportProblem(path, where, f"unknown kind {kind!r}")
    effect = str(item.get("effect") or "none")
    if effect not in EFFECTS:
        raise ImportProblem(path, where, f"unknown effect {effect!r}")
    src_id = str(item.get("source"))
    if src_id not in registry:
        raise ImportProblem(path, where, f"unknown source id {src_id!r}")
    src = registry[src_id]
    text = item.get("text") or {}
    value = str(text.get("value") or "").strip() if isinstance(text, dict) else ""
    if value:
        if src_id not in snapshots:
            snapshots[src_id] = normalise_ws(src.snapshot_text(sources_dir))
        if normalise_ws(value) not in snapshots[src_id]:
            raise ImportProblem(path, where, f"verbatim text not found in snapshot of {src_id}")
    actor = str(item.get("state"))
    seq = int(item.get("seq", 0))
    made_on = opt_date(item.get("made_on"), path, where)
    dated_by = str(item.get("dated_by") or "source")
    if dated_by not in ("source", "event"):
        raise ImportProblem(path, where, f"dated_by must be 'source' or 'event', not {dated_by!r}")
    if dated_by == "event":
        # "made upon ratification/accession" on an undated page: the instrument's date dates it
        if actor not in consents:
            raise ImportProblem(path, where, f"dated_by: event, but no consent of {actor} is known to date it by")
        made_on = made_on or consents[actor]
    elif src.status_date is None:
        raise ImportProblem(path, where, f"source {src_id} shows no status date: say how it is dated (dated_by: event)")
    effective_from = opt_date(item.get("effective_from"), path, where)
    objects = item.get("objects_to")
    offence = item.get("offence_carve_out")
    if offence and offence not in OFFENCES:
        raise ImportProblem(path, where, f"unknown offence category {offence!r}")
    withdraws = item.get("withdraws")
    bad = sorted(str(c) for c in item.get("conditions") or [] if str(c) not in CONDITIONS)
    if bad:
        raise ImportProblem(path, where, f"unknown condition code(s) {bad}: see coop:ConditionType in the ontology")
    return Statement(
        id=f"{slug}/{actor}/{seq}",
        actor=actor,
        treaty=slug,
        seq=seq,
        kind=kind,
        provisions=tuple(f"{slug}/art/{p}" for p in item.get("provisions") or []),
        effect=effect,
        provenance=src.provenance(str(item.get("verification", "verified")) == "verified", dated_by == "event"),
        conditions=tuple(str(c) for c in item.get("conditions") or []),
        offence_carve_out=str(offence) if offence else None,
        reciprocal=bool(item.get("reciprocal", False)),
        applies_when_requested=bool(item.get("applies_when_requested", True)),
        authority=str(item["authority"]) if item.get("authority") else None,
        territory=str(item["territory"]) if item.get("territory") else None,
        territorial_mode=str(item["territorial_mode"]) if item.get("territorial_mode") else None,
        will_use_as_legal_basis=(None if not item.get("treaty_basis") else str(item["treaty_basis"]) == "will_use"),
        objects_to=(f"{slug}/{objects['state']}/{objects['seq']}" if isinstance(objects, dict) else None),
        opposes_entry_into_force=(
            bool(item["opposes_entry_into_force"]) if "opposes_entry_into_force" in item else None
        ),
        withdraws=f"{slug}/{actor}/{withdraws}" if withdraws else None,
        made_on=made_on,
        effective_from=effective_from or _default_start(made_on, eif.get(actor)),
        effective_until=opt_date(item.get("effective_until"), path, where),
        text=value or None,
        text_lang=str(text.get("lang")) if value else None,
        summary=str(item.get("summary") or "").strip() or None,
        label_used=str(item.get("label_used") or "").strip() or None,
        effective_from_derived=effective_from is None and _default_start(made_on, eif.get(actor)) is not None,
    )


def _default_start(made_on: date | None, eif: date | None) -> date | None:
    """MR-7: a statement made with consent takes effect when the treaty does for its author."""
    if eif is None:
        return made_on
    return max(eif, made_on) if made_on else eif


def statement_graph(statements: list[Statement], actor_iris: dict[str, str]) -> Graph:
    g = new_graph()
    for s in statements:
        node = URIRef(iri.statement(s.treaty, s.actor, s.seq))
        if s.actor not in actor_iris:
            raise ImportProblem(f"{s.treaty}/statements.yaml", s.id, f"unknown actor {s.actor!r}")
        g.add((node, RDF.type, KIND_CLASS[s.kind]))
        g.add((node, COOP.actor, URIRef(actor_iris[s.actor])))
        g.add((node, COOP.treaty, URIRef(iri.treaty(s.treaty))))
        g.add((node, COOP.sequence, Literal(s.seq)))
        g.add((node, COOP.effectType, EFFECTS[s.effect]))
        for p in s.provisions:
            g.add((node, COOP.concernsProvision, URIRef(iri.provision(s.treaty, p.split("/art/", 1)[1]))))
        for c in s.conditions:
            g.add((node, COOP.condition, COOP[c]))
        if s.offence_carve_out:
            g.add((node, COOP.offenceCarveOut, OFFENCES[s.offence_carve_out]))
        if s.kind == "reservation":
            g.add((node, COOP.reciprocal, Literal(s.reciprocal)))
        if not s.applies_when_requested:
            g.add((node, COOP.appliesWhenRequested, Literal(False)))
        if s.authority:
            g.add((node, COOP.authority, Literal(s.authority)))
        if s.territory:
            # a dependent territory, or a former one with its own code (ANT, the Netherlands Antilles)
            known = actor_iris.get(s.territory)
            if known is None or s.territory == s.actor or "/id/org/" in known:
                raise ImportProblem(f"{s.treaty}/statements.yaml", s.id, f"unknown territory {s.territory!r}")
            g.add((node, COOP.territory, URIRef(known)))
        if s.territorial_mode:
            g.add(
                (node, COOP.territorialMode, COOP.Include if s.territorial_mode == "include" else COOP.ExcludeTerritory)
            )
        if s.will_use_as_legal_basis is not None:
            g.add((node, COOP.willUseAsLegalBasis, Literal(s.will_use_as_legal_basis)))
        if s.objects_to:
            g.add((node, COOP.objectsTo, URIRef(iri.statement(*_split_id(s.objects_to)))))
        if s.opposes_entry_into_force is not None:
            g.add((node, COOP.opposesEntryIntoForce, Literal(s.opposes_entry_into_force)))
        if s.withdraws:
            g.add((node, COOP.withdraws, URIRef(iri.statement(*_split_id(s.withdraws)))))
        if s.made_on:
            g.add((node, COOP.madeOn, date_literal(s.made_on)))
        if s.effective_from:
            g.add((node, COOP.effectiveFrom, date_literal(s.effective_from)))
            if s.effective_from_derived:
                g.add((node, COOP.derived, Literal(True)))
        if s.effective_until:
            g.add((node, COOP.effectiveUntil, date_literal(s.effective_until)))
        if s.text and s.text_lang:
            g.add((node, COOP.statementText, Literal(s.text, lang=s.text_lang)))
        if s.summary:
            g.add((node, COOP.summary, Literal(s.summary, lang="en")))
        if s.label_used:
            g.add((node, COOP.labelUsedByAuthor, Literal(s.label_used)))
        add_provenance(g, node, s.provenance)
    return g


def _split_id(short: str) -> tuple[str, str, int]:
    slug, actor, seq = short.rsplit("/", 2)
    return slug, actor, int(seq)
