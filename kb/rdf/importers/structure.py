"""Treaty structure (kb/sources/structure/{slug}.yaml) -> treaties/{slug}/treaty.ttl."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kb import iri, paths
from kb.model import OFFENCES, SCOPE_EFFECTS, Grade, Provenance, ScopeRule, Treaty
from kb.rdf.importers.common import (
    ImportProblem,
    akn_eid,
    article_label,
    article_path_parts,
    as_date,
    date_literal,
    opt_date,
    read_yaml,
)
from kb.rdf.importers.participation import add_provenance
from kb.rdf.importers.registry import GRADES
from kb.rdf.prefixes import COOP, ELI, ORG, new_graph
from kb.vocab import Condition

RULES = {"COE_3M_FIRST", "UN_PLUS_30_DAYS", "UN_PLUS_90_DAYS", "PLUS_1_YEAR", "PLUS_6_MONTHS", "ON_RECEIPT_OR_LATER"}
REGIMES = {"closed_list": COOP.ClosedList, "vclt_default": COOP.VcltDefault}
DEPOSITARIES = {"COE-SG", "UN-SG", "CIS-EC", "BLR-GOV", "PARTIES"}
STRENGTHS = {"mandatory", "qualified", "discretionary", "consider", "unilateral"}
LINK_TYPES = {"specific": COOP.Specific, "fallback_general": COOP.FallbackGeneral}
SCOPE_EFFECT_IRI = {"in": COOP.InScope, "may": COOP.MayBeInScope, "out": COOP.OutOfScope}
OFFENCE_IRI = {
    "ets185-art2-11": COOP.Ets185Art2to11Offences,
    "drug88-art3-1": COOP.Drug88Art3Offences,
    "untoc-scope": COOP.UntocScopeOffences,
    "uncac-ch3": COOP.UncacCh3Offences,
    "other": COOP.OtherOffences,
}
assert set(OFFENCE_IRI) == set(OFFENCES)


def structure_files(sources_dir: Path = paths.SOURCES_DIR) -> list[Path]:
    return sorted((sources_dir / "structure").glob("*.yaml"))


def read_structure(path: Path) -> dict[str, Any]:
    data = read_yaml(path)
    if not isinstance(data, dict) or data.get("slug") != path.stem:
        raise ImportProblem(path, "(file)", "expected a mapping whose slug equals the file name")
    return data


def treaty_from_structure(data: dict[str, Any], path: Path) -> Treaty:
    slug = data["slug"]
    eif = data.get("entry_into_force") or {}
    general_eif = opt_date(eif.get("date"), path, "entry_into_force.date")
    prov = None
    if general_eif is not None:
        grade = str(eif.get("grade") or "")
        if grade not in GRADES:
            raise ImportProblem(path, "entry_into_force.grade", f"the source's evidence grade, one of {GRADES}")
        prov = Provenance(
            str(eif.get("source") or ""),
            as_date(eif.get("status_date"), path, "entry_into_force.status_date"),
            bool(eif.get("verified", False)),
            grade=Grade(grade),
        )
    for key in ("eif_rule", "denunciation_rule"):
        if data.get(key) not in RULES:
            raise ImportProblem(path, key, f"unknown rule {data.get(key)!r}; expected one of {sorted(RULES)}")
    if data.get("reservation_regime") not in REGIMES:
        raise ImportProblem(path, "reservation_regime", f"expected one of {sorted(REGIMES)}")
    title = data.get("title") or {}
    shorts = data.get("short_names") or {}
    short_en = tuple(shorts.get("en") or []) if isinstance(shorts, dict) else tuple(shorts)
    return Treaty(
        slug=slug,
        title_en=str(title.get("en", "")),
        title_fr=str(title.get("fr", "")),
        short_names=short_en,
        identifiers=tuple(str(i) for i in data.get("identifiers") or []),
        adopted=opt_date(data.get("adopted"), path, "adopted"),
        general_eif=general_eif,
        general_eif_provenance=prov,
        eif_rule=data["eif_rule"],
        eif_rule_text=str(data.get("eif_rule_text") or ""),
        denunciation_rule=data["denunciation_rule"],
        reservation_regime=data["reservation_regime"],
        supplements=data.get("supplements") or None,
        mutatis_mutandis_of=data.get("mutatis_mutandis_of") or None,
        open_to_reio=bool(data.get("open_to_reio", False)),
        open_only_to_parties_of=(data.get("open_only_to_parties_of") or {}).get("treaty"),
        open_only_to_parties_note=str((data.get("open_only_to_parties_of") or {}).get("text") or ""),
        open_only_to_parties_act=str((data.get("open_only_to_parties_of") or {}).get("act") or "signature"),
        parties=_named_parties(data, path),
        procedure_for=tuple(str(m) for m in data.get("procedure_treaty_for") or []),
        replaces_between_parties=(data.get("replaces_between_common_parties") or {}).get("treaty"),
    )


def structure_graph(
    data: dict[str, Any],
    path: Path,
    extra_paths: Iterable[str] = (),
) -> Graph:
    """Treaty, provisions and provision-mechanism links as RDF."""
    treaty = treaty_from_structure(data, path)
    g = new_graph()
    t = URIRef(iri.treaty(treaty.slug))
    g.add((t, RDF.type, COOP.Treaty))
    g.add((t, ELI.title, Literal(treaty.title_en, lang="en")))
    g.add((t, ELI.title, Literal(treaty.title_fr, lang="fr")))
    shorts = data.get("short_names") or {}
    for lang in ("en", "fr"):
        for name in (shorts.get(lang) or []) if isinstance(shorts, dict) else []:
            g.add((t, SKOS.altLabel, Literal(name, lang=lang)))
    for ident in treaty.identifiers:
        g.add((t, DCTERMS.identifier, Literal(ident)))
    if treaty.identifiers:
        g.add((t, ELI.id_local, Literal(treaty.identifiers[0])))
    if treaty.adopted:
        g.add((t, ELI.date_document, date_literal(treaty.adopted)))
    g.add((t, COOP.depositary, ORG[_depositary(data, path)]))
    g.add((t, COOP.entryIntoForceRule, COOP[treaty.eif_rule]))
    g.add((t, COOP.denunciationRule, COOP[treaty.denunciation_rule]))
    g.add((t, COOP.reservationRegime, REGIMES[treaty.reservation_regime]))
    g.add((t, COOP.openToReio, Literal(treaty.open_to_reio)))
    for key, prop in (
        ("eif_rule_text", "entry into force: "),
        ("denunciation_rule_text", "denunciation: "),
        ("reservation_regime_text", "reservations: "),
    ):
        if data.get(key):
            g.add((t, COOP.ruleText, Literal(prop + str(data[key]).strip(), lang="en")))
    if treaty.supplements:
        g.add((t, COOP.supplements, URIRef(iri.treaty(treaty.supplements))))
    if treaty.open_only_to_parties_of:
        g.add((t, COOP.openOnlyToPartiesOf, URIRef(iri.treaty(treaty.open_only_to_parties_of))))
    if treaty.replaces_between_parties:
        g.add((t, COOP.replacesBetweenCommonParties, URIRef(iri.treaty(treaty.replaces_between_parties))))
        note = str((data.get("replaces_between_common_parties") or {}).get("text") or "").strip()
        if note:
            g.add((t, COOP.ruleText, Literal("relation to an earlier treaty: " + note, lang="en")))
    for code in treaty.parties:
        g.add((t, COOP.namedParty, URIRef(iri.actor(code, "state"))))
    for notation in treaty.procedure_for:
        g.add((t, COOP.procedureTreatyFor, URIRef(iri.mechanism(notation))))
    if treaty.mutatis_mutandis_of:
        g.add((t, COOP.appliesMutatisMutandis, URIRef(iri.treaty(treaty.mutatis_mutandis_of))))
    text_sources = [str(s["url"]) for s in data.get("text_sources") or [] if s.get("url")]
    if not text_sources:
        raise ImportProblem(path, "text_sources", "a treaty must cite at least one text source")
    for url in text_sources:
        g.add((t, PROV.wasDerivedFrom, URIRef(url.replace(" ", "%20"))))
    if treaty.general_eif and treaty.general_eif_provenance:
        _general_eif(g, t, treaty)
    _provisions(g, treaty.slug, data, path, text_sources[0], extra_paths)
    for rule in scope_rules(data, path):
        _scope_rule(g, rule)
    return g


def scope_rules(data: dict[str, Any], path: Path) -> list[ScopeRule]:
    """The treaty's `scope` section (kb/sources/README.md): per scope gate, what it says of every
    offence category. Every gate a link names must be defined, and every gate must rule on every
    category (contract 1), so that no answer falls back on an engine default."""
    slug = str(data["slug"])
    section = data.get("scope") or {}
    if not isinstance(section, dict):
        raise ImportProblem(path, "scope", "expected a mapping of scope gate -> rules")
    used = {
        str(m["scope_gate"])
        for prov in data.get("provisions") or []
        for m in prov.get("mechanisms") or []
        if m.get("scope_gate")
    }
    missing = sorted(used - set(section))
    if missing:
        raise ImportProblem(path, "scope", f"scope gate(s) used by links but not defined: {', '.join(missing)}")
    out: list[ScopeRule] = []
    for gate, spec in sorted(section.items()):
        where = f"scope.{gate}"
        if not isinstance(spec, dict) or not isinstance(spec.get("offences"), dict):
            raise ImportProblem(path, where, "expected `provision`, `text` and an `offences` mapping")
        offences: dict[str, Any] = spec["offences"]
        unknown = sorted(set(offences) - set(OFFENCES))
        if unknown:
            raise ImportProblem(path, where, f"unknown offence categories {unknown}; known: {', '.join(OFFENCES)}")
        absent = [c for c in OFFENCES if c not in offences]
        if absent:
            raise ImportProblem(path, where, f"no rule for offence categories {absent}")
        provision = str(spec["provision"]) if spec.get("provision") else None
        for code in OFFENCES:
            value = offences[code]
            rule = value if isinstance(value, dict) else {"effect": value}
            effect = str(rule.get("effect", ""))
            if effect not in SCOPE_EFFECTS:
                raise ImportProblem(path, f"{where}.{code}", f"effect must be one of {SCOPE_EFFECTS}")
            condition = rule.get("condition")
            if effect == "may" and not condition:
                condition = "OffenceScope"
            if effect != "may" and condition:
                raise ImportProblem(path, f"{where}.{code}", "only `may` takes a condition")
            out.append(ScopeRule(slug, gate, code, effect, condition, str(rule.get("why") or "").strip(), provision))
    return out


def _scope_rule(g: Graph, rule: ScopeRule) -> None:
    node = URIRef(f"{iri.treaty(rule.treaty)}/scope/{rule.gate}/{rule.offence}")
    g.add((node, RDF.type, COOP.ScopeRule))
    g.add((node, COOP.treaty, URIRef(iri.treaty(rule.treaty))))
    g.add((node, COOP.ruleForGate, COOP[rule.gate]))
    g.add((node, COOP.offenceCategory, OFFENCE_IRI[rule.offence]))
    g.add((node, COOP.scopeEffect, SCOPE_EFFECT_IRI[rule.effect]))
    if rule.condition:
        g.add((node, COOP.scopeCondition, COOP[rule.condition]))
    if rule.why:
        g.add((node, RDFS.comment, Literal(rule.why, lang="en")))
    if rule.provision:
        g.add((node, COOP.scopeProvision, URIRef(iri.provision(rule.treaty, rule.provision))))


def _named_parties(data: dict[str, Any], path: Path) -> tuple[str, ...]:
    """The parties a two-party treaty names; its slug must name the same two (contract 1)."""
    parties = tuple(str(p) for p in data.get("parties") or [])
    slug = str(data["slug"])
    if slug.startswith("bilateral-"):
        in_slug = tuple(code.upper() for code in slug.split("-")[1:3])
        if len(parties) != 2 or sorted(parties) != list(in_slug):
            why = f"a two-party treaty names the two states of its slug {in_slug}, not {parties}"
            raise ImportProblem(path, "parties", why)
    return parties


def _depositary(data: dict[str, Any], path: Path) -> str:
    dep = str(data.get("depositary"))
    if dep not in DEPOSITARIES:
        raise ImportProblem(path, "depositary", f"expected one of {sorted(DEPOSITARIES)}")
    return dep


def _general_eif(g: Graph, t: URIRef, treaty: Treaty) -> None:
    assert treaty.general_eif and treaty.general_eif_provenance
    p = treaty.general_eif_provenance
    node = URIRef(iri.general_eif(treaty.slug))
    g.add((t, ELI.first_date_entry_in_force, date_literal(treaty.general_eif)))
    g.add((t, COOP.generalEntryIntoForce, node))
    g.add((node, RDF.type, COOP.GeneralEntryIntoForce))
    g.add((node, COOP.treaty, t))
    g.add((node, COOP.date, date_literal(treaty.general_eif)))
    add_provenance(g, node, p)


def _provisions(
    g: Graph,
    slug: str,
    data: dict[str, Any],
    path: Path,
    text_source: str,
    extra_paths: Iterable[str],
) -> None:
    declared: dict[str, dict[str, Any]] = {}
    for i, prov in enumerate(data.get("provisions") or []):
        p = str(prov.get("path", "")).strip()
        if not p:
            raise ImportProblem(path, f"provisions[{i}]", "missing path")
        if p in declared:
            raise ImportProblem(path, f"provisions[{i}]", f"provision {p} declared twice")
        declared[p] = prov
    wanted = set(declared)
    for p in list(declared) + list(extra_paths):
        wanted.update(article_path_parts(p))
    t = URIRef(iri.treaty(slug))
    for p in sorted(wanted, key=_path_key):
        try:
            node = URIRef(iri.provision(slug, p))
        except ValueError as exc:
            raise ImportProblem(path, p, str(exc)) from None
        prov = declared.get(p, {})
        parents = article_path_parts(p)[:-1]
        g.add((node, RDF.type, COOP.Provision))
        g.add((node, COOP.treaty, t))
        g.add((node, ELI.is_part_of, URIRef(iri.provision(slug, parents[-1])) if parents else t))
        g.add((node, COOP.articlePath, Literal(p)))
        g.add((node, COOP.aknEId, Literal(akn_eid(p))))
        for lang in ("en", "fr"):
            g.add((node, RDFS.label, Literal(article_label(p, lang), lang=lang)))
        heading = prov.get("heading") or {}
        for lang in ("en", "fr"):
            if isinstance(heading, dict) and heading.get(lang):
                g.add((node, DCTERMS.title, Literal(str(heading[lang]), lang=lang)))
        verified = bool(prov.get("verified", False))
        g.add((node, COOP.verificationStatus, COOP.Verified if verified else COOP.Unverified))
        if prov:
            g.add((node, PROV.wasDerivedFrom, URIRef(text_source.replace(" ", "%20"))))
        if prov.get("authorises_reservation"):
            g.add((node, COOP.authorisesReservation, Literal(True)))
        for j, m in enumerate(prov.get("mechanisms") or []):
            absent = bool(prov.get("applies_only_absent_treaty"))
            _link(g, slug, p, m, path, f"{p} mechanisms[{j}]", verified, absent, data.get("supplements") or None)


def _link(
    g: Graph,
    slug: str,
    p: str,
    m: dict[str, Any],
    path: Path,
    where: str,
    verified: bool,
    absent_treaty: bool,
    parent: str | None = None,
) -> None:
    notation = str(m.get("mechanism", ""))
    node = URIRef(iri.link(slug, p, notation))
    strength = str(m.get("strength", ""))
    if strength not in STRENGTHS:
        raise ImportProblem(path, where, f"strength must be one of {sorted(STRENGTHS)}")
    lt = str(m.get("link_type", "specific"))
    if lt not in LINK_TYPES:
        raise ImportProblem(path, where, f"link_type must be one of {sorted(LINK_TYPES)}")
    g.add((node, RDF.type, COOP.ProvisionMechanismLink))
    g.add((node, COOP.provision, URIRef(iri.provision(slug, p))))
    g.add((node, COOP.treaty, URIRef(iri.treaty(slug))))
    g.add((node, COOP.mechanism, URIRef(iri.mechanism(notation))))
    g.add((node, COOP.linkType, LINK_TYPES[lt]))
    g.add((node, COOP.normativeStrength, COOP[strength.capitalize()]))
    if m.get("scope_gate"):
        g.add((node, COOP.scopeGate, COOP[str(m["scope_gate"])]))
    for c in m.get("conditions") or []:
        if str(c) not in {k.value for k in Condition}:
            raise ImportProblem(path, where, f"unknown condition code {c!r}: see coop:ConditionType in the ontology")
        g.add((node, COOP.intrinsicCondition, COOP[str(c)]))
    if absent_treaty or m.get("applies_only_absent_treaty"):
        g.add((node, COOP.appliesOnlyAbsentTreatyBetweenParties, Literal(True)))
    for q in m.get("qualified_by") or []:  # provisions whose reservations and declarations bear on this link
        g.add((node, COOP.qualifiedBy, URIRef(_qualifier(slug, str(q), parent, path, where))))
    if m.get("note"):
        g.add((node, COOP.note, Literal(str(m["note"]), lang="en")))
    g.add((node, COOP.verificationStatus, COOP.Verified if verified else COOP.Unverified))


def _qualifier(slug: str, q: str, parent: str | None, path: Path, where: str) -> str:
    """A provision of this treaty (`2`, `16/para/2`), or of the treaty it supplements (`cets-030/art/2`: a
    protocol read together with its convention, whose statements on that article bear on the link)."""
    if "/art/" not in q:
        return iri.provision(slug, q)
    other, article = q.split("/art/", 1)
    if other != parent:
        raise ImportProblem(
            path, where, f"qualified_by {q!r}: only a provision of this treaty or of the one it supplements ({parent})"
        )
    try:
        return iri.provision(other, article)
    except ValueError as exc:
        raise ImportProblem(path, where, str(exc)) from None


def _path_key(p: str) -> tuple[object, ...]:
    out: list[object] = []
    for part in p.split("/"):
        digits = "".join(ch for ch in part if ch.isdigit())
        out.append((int(digits) if digits else 0, part))
    return tuple(out)


__all__ = ["read_structure", "structure_files", "structure_graph", "treaty_from_structure"]
