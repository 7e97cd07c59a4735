"""Actor reference data (kb/sources/reference/actors.csv) -> actors/*.ttl."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from kb import iri, paths
from kb.rdf.importers.common import ImportProblem, date_literal, opt_date
from kb.rdf.importers.registry import Source
from kb.rdf.prefixes import COOP, ORG, WD, new_graph

KINDS = ("state", "territory", "reio", "former_state")
ACTOR_CLASS = {"state": COOP.State, "territory": COOP.Territory, "reio": COOP.REIO, "former_state": COOP.FormerState}
# depositaries are offices, not parties; they are named here once
DEPOSITARIES = {
    "COE-SG": ("Secretary General of the Council of Europe", "Secrétaire Général du Conseil de l'Europe"),
    "UN-SG": ("Secretary-General of the United Nations", "Secrétaire général de l'Organisation des Nations Unies"),
    "CIS-EC": (
        "Executive Committee of the Commonwealth of Independent States",
        "Comité exécutif de la Communauté des États indépendants",
    ),
    # Minsk Convention of 1993 art. 83(1): instruments are deposited with the Government of Belarus
    "BLR-GOV": ("Government of the Republic of Belarus", "Gouvernement de la République du Bélarus"),
    # a two-party treaty has no depositary: the Parties exchange instruments or notes
    "PARTIES": (
        "No depositary (the Parties to a bilateral treaty)",
        "Pas de dépositaire (les Parties à un traité bilatéral)",
    ),
}


@dataclass(frozen=True)
class Actor:
    code: str
    kind: str
    iso2: str
    name_en: str
    name_fr: str
    wikidata: str
    responsible_state: str
    un_member_since: str
    dissolved: str
    sources: tuple[str, ...]

    @property
    def iri(self) -> str:
        return iri.actor(
            self.code, "territory" if self.kind == "territory" else "reio" if self.kind == "reio" else "state"
        )


def read_actors(sources_dir: Path = paths.SOURCES_DIR) -> list[Actor]:
    path = sources_dir / "reference" / "actors.csv"
    out: list[Actor] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh), start=2):
            code = (row.get("code") or "").strip()
            kind = (row.get("kind") or "").strip()
            if kind not in KINDS:
                raise ImportProblem(path, f"line {i}", f"kind must be one of {KINDS}, not {kind!r}")
            if not code or code in seen:
                raise ImportProblem(path, f"line {i}", f"missing or repeated code {code!r}")
            if not row.get("name_en") or not row.get("name_fr"):
                raise ImportProblem(path, f"line {i}", "an actor needs its English and French names")
            seen.add(code)
            out.append(
                Actor(
                    code=code,
                    kind=kind,
                    iso2=(row.get("iso2") or "").strip(),
                    name_en=row["name_en"].strip(),
                    name_fr=row["name_fr"].strip(),
                    wikidata=(row.get("wikidata") or "").strip(),
                    responsible_state=(row.get("responsible_state") or "").strip(),
                    un_member_since=(row.get("un_member_since") or "").strip(),
                    dissolved=(row.get("dissolved") or "").strip(),
                    sources=tuple(s for s in (row.get("source") or "").split(";") if s),
                )
            )
    return out


def actor_graphs(actors: list[Actor], registry: dict[str, Source]) -> dict[str, Graph]:
    """{'actors/states': g, 'actors/territories': g, 'actors/orgs': g}"""
    graphs = {name: new_graph() for name in ("actors/states", "actors/territories", "actors/orgs")}
    by_code = {a.code: a for a in actors}
    for a in actors:
        g = graphs[
            "actors/territories" if a.kind == "territory" else "actors/orgs" if a.kind == "reio" else "actors/states"
        ]
        node = URIRef(a.iri)
        g.add((node, RDF.type, ACTOR_CLASS[a.kind]))
        g.add((node, RDFS.label, Literal(a.name_en, lang="en")))
        g.add((node, RDFS.label, Literal(a.name_fr, lang="fr")))
        if a.kind != "reio":
            g.add((node, COOP.iso3, Literal(a.code)))
        if a.iso2:
            g.add((node, COOP.iso2, Literal(a.iso2)))
        if a.wikidata:
            g.add((node, OWL.sameAs, WD[a.wikidata]))
        if a.un_member_since:
            g.add((node, COOP.unMemberSince, Literal(a.un_member_since, datatype=XSD.gYear)))
        dissolved = opt_date(a.dissolved, "reference/actors.csv", a.code)
        if dissolved:
            g.add((node, COOP.dissolved, date_literal(dissolved)))
        if a.kind == "territory":
            if a.responsible_state not in by_code:
                raise ImportProblem("reference/actors.csv", a.code, "territory without a known responsible state")
            g.add((node, COOP.internationalRelationsOf, URIRef(by_code[a.responsible_state].iri)))
        for sid in a.sources:
            if sid in registry:
                g.add((node, PROV.wasDerivedFrom, URIRef(registry[sid].url)))
    orgs = graphs["actors/orgs"]
    for code, (en, fr) in DEPOSITARIES.items():
        node = ORG[code]
        orgs.add((node, RDF.type, COOP.Depositary))
        orgs.add((node, RDFS.label, Literal(en, lang="en")))
        orgs.add((node, RDFS.label, Literal(fr, lang="fr")))
    return graphs
