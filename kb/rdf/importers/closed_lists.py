"""Complete participant tables (kb/sources/{slug}/closed_lists.yaml) -> coop:CompleteParticipantList.

Contract 5a rule 1: a complete table of a treaty's participants with an exact status date closes
the list at that date (and, listing every state that ever signed or consented, the time before
it). Each entry names its source, the date (which must be the source's own status date, read on
the page or the scrape file's date: an approximate date closes nothing) and who it lists:

```yaml
- date: 2011-06-01
  source: coe-185-jj7249c-2011
  contracting: [ALB, ARM, ...]     # named as contracting states (consent deposited)
  signatories: [AUT, BEL, ...]     # named as signatories only
  verbatim: ["Contracting States : Albania, ...", "Signatory States : ..."]
- date: 2014-01-27
  source: untc-2014-xviii-12
  listed: from_source             # every participant of the source's own rows (a full scrape)
```

The import refuses a table that contradicts the facts: a state whose consent or signature a dated
fact places on or before the table's date must be on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kb import iri, paths
from kb.model import CONSENT_KINDS, ClosedList, Event
from kb.rdf.importers.common import ImportProblem, as_date, date_literal, normalise_ws, read_yaml
from kb.rdf.importers.participation import add_provenance
from kb.rdf.importers.registry import Source
from kb.rdf.prefixes import COOP

KEYS = {"date", "source", "contracting", "signatories", "listed", "verbatim", "note"}
EXACT_BASES = ("shown", "file-date")


def read_tables(
    slug: str, registry: dict[str, Source], events: list[Event], sources_dir: Path = paths.SOURCES_DIR
) -> list[ClosedList]:
    path = sources_dir / slug / "closed_lists.yaml"
    if not path.exists():
        return []
    items = read_yaml(path) or []
    if not isinstance(items, list):
        raise ImportProblem(path, "(file)", "expected a list of closed lists")
    return [
        _table(slug, item, path, f"entry {i} ({item.get('date')})", registry, events, sources_dir)
        for i, item in enumerate(items)
    ]


def _table(
    slug: str,
    item: dict[str, Any],
    path: Path,
    where: str,
    registry: dict[str, Source],
    events: list[Event],
    sources_dir: Path,
) -> ClosedList:
    unknown = set(item) - KEYS
    if unknown:
        raise ImportProblem(path, where, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(KEYS)}")
    src_id = str(item.get("source"))
    if src_id not in registry:
        raise ImportProblem(path, where, f"unknown source id {src_id!r}")
    src = registry[src_id]
    on = as_date(item.get("date"), path, where)
    if src.status_date != on or src.status_date_basis not in EXACT_BASES:
        raise ImportProblem(
            path,
            where,
            f"a closed list needs the exact status date its source shows ({src_id}: {src.status_date}, "
            f"{src.status_date_basis}); an approximate date closes nothing",
        )
    if item.get("listed") == "from_source":
        listed = {e.actor for e in events if e.provenance.source_id == src_id and e.territory is None}
    else:
        text = normalise_ws(src.snapshot_text(sources_dir))
        for fragment in item.get("verbatim") or []:
            if normalise_ws(str(fragment)) not in text:
                raise ImportProblem(path, where, f"verbatim fragment not found in snapshot of {src_id}: {fragment!r}")
        if not item.get("verbatim"):
            raise ImportProblem(path, where, "a listed table needs the verbatim fragments that list the states")
        listed = {str(a) for a in (item.get("contracting") or []) + (item.get("signatories") or [])}
    if not listed:
        raise ImportProblem(path, where, "the table names no participant")
    for e in events:
        placed = e.kind == "signature" or e.kind in CONSENT_KINDS
        if placed and e.territory is None and not e.no_later_than and e.date <= on and e.actor not in listed:
            raise ImportProblem(
                path,
                where,
                f"{e.actor} is not on the table of {on.isoformat()}, but {e.provenance.source_id} places "
                f"its {e.kind} on {e.date.isoformat()}",
            )
    return ClosedList(slug, on, "table", src.provenance(), frozenset(listed))


def add_tables(g: Graph, tables: list[ClosedList], actor_iris: dict[str, str]) -> None:
    for t in tables:
        node = URIRef(f"{iri.treaty(t.treaty)}/closed-list/{t.date.isoformat()}")
        g.add((node, RDF.type, COOP.CompleteParticipantList))
        g.add((node, COOP.treaty, URIRef(iri.treaty(t.treaty))))
        g.add((node, COOP.date, date_literal(t.date)))
        for actor in sorted(t.listed):
            if actor not in actor_iris:
                raise ImportProblem(f"{t.treaty}/closed_lists.yaml", t.date.isoformat(), f"unknown actor {actor!r}")
            g.add((node, COOP.listsParticipant, URIRef(actor_iris[actor])))
        add_provenance(g, node, t.provenance)
