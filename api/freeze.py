"""`treatykb build-site DIR`: the whole knowledge base as plain files, from the live templates.

Pages are the same contexts and templates as the live server, written as `.html` with their
`.json` twins. Pair comparison runs in the browser from per-state data files loaded as scripts,
so it works from file:// too. Only changed files are rewritten; stale ones are removed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from api import contexts as c
from api.render import render
from kb import paths
from kb.knowledge import KnowledgeBase
from kb.library import library
from kb.matrix import Cell, compute, every_tenth, gap_class
from kb.present import closing_any
from kb.vocab import LETTER

Progress = Callable[[str], None]


@dataclass
class Build:
    out: Path
    written: int = 0
    unchanged: int = 0
    changed: list[str] = field(default_factory=list)
    keep: set[Path] = field(default_factory=set)

    def write(self, rel: str, content: str | bytes) -> None:
        target = self.out / rel
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.keep.add(target)
        if target.exists() and target.read_bytes() == data:
            self.unchanged += 1
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.written += 1
        self.changed.append(rel)

    def page(self, template: str, ctx: dict[str, Any]) -> None:
        own = ("fr/" if ctx["lang"] == "fr" else "") + (ctx["path"] or "index")
        self.write(f"{own}.html", render(template, ctx, static=True))
        self.write(f"{own}.json", json.dumps(ctx, ensure_ascii=False, sort_keys=True))
        if template == "gaps.html":
            from api.worldmap import gap_map

            self.write(f"{own}.csv", c.gaps_csv(ctx))
            self.write(f"{own}.svg", gap_map(ctx))

    def remove_stale(self) -> list[Path]:
        stale = [p for p in self.out.rglob("*") if p.is_file() and p not in self.keep]
        for p in stale:
            p.unlink()
        return stale


def build_site(out: Path, on: date, progress: Progress = lambda _: None) -> Build:
    kb = KnowledgeBase.open()
    build = Build(out)
    progress(f"computing availability for {len(c.KEY_MECHANISMS)} mechanisms on {on.isoformat()} ...")
    cells = {
        (x.requesting, x.requested, x.mechanism): x
        for x in compute(kb, on, list(c.KEY_MECHANISMS), progress=every_tenth(progress, "availability"))
    }

    def status(a: str, b: str, m: str) -> str:
        cell = cells.get((a, b, m))
        return cell.status if cell else kb.ask(a, b, m, on).status.value

    def klass(a: str, b: str, m: str) -> str:
        cell = cells.get((a, b, m))
        return cell.gap_class if cell else gap_class(kb.ask(a, b, m, on).bases)

    for lang in ("en", "fr"):
        index = json.dumps(c.search_index(kb, lang, on), ensure_ascii=False, sort_keys=True)
        build.write(("fr/" if lang == "fr" else "") + "search-index.js", f"window.TreatyKBIndex = {index};\n")
        progress(f"pages ({lang}) ...")
        for template, ctx in pages(kb, lang, on, status, klass):
            build.page(template, ctx)
    progress("pair data ...")
    for code, data in pair_data(kb, on, cells):
        build.write(
            f"data/pairs/{code}.js", "TreatyKB.pair(" + json.dumps(data, ensure_ascii=False, sort_keys=True) + ");\n"
        )
    for f in sorted((paths.SITE_DIR / "static").glob("*")):
        build.write(f"static/{f.name}", f.read_bytes())
    oxigraph = paths.SITE_DIR / "vendor" / "node_modules" / "oxigraph"
    for name in ("web.js", "web_bg.wasm", "LICENSE-MIT", "package.json"):
        if (oxigraph / name).exists():
            build.write(f"static/oxigraph/{name}", (oxigraph / name).read_bytes())
    progress("dumps and ontology documentation ...")
    _dumps(build)
    _ontology_docs(build)
    _pagefind(build, progress)
    stale = build.remove_stale()
    progress(f"done: {build.written} written, {build.unchanged} unchanged, {len(stale)} stale removed")
    return build


def pages(
    kb: KnowledgeBase, lang: str, on: date, status: c.StatusFn, klass: c.StatusFn
) -> Iterator[tuple[str, dict[str, Any]]]:
    from api.pages import list_context, local_runner

    yield "home.html", c.home_context(kb, lang, on)
    for kind in ("states", "treaties", "mechanisms"):
        yield "list.html", list_context(kb, kind, lang, on)
    for code in c.participants(kb):
        yield "state.html", c.state_context(kb, code, lang, on, status, klass)
        yield "changes.html", c.state_changes_context(kb, code, date(2000, 1, 1), on, lang, cooperation=False)
    for slug in sorted(kb.records):
        yield "treaty.html", c.treaty_context(kb, slug, lang, on)
        yield "changes.html", c.changes_context(kb, slug, date(2000, 1, 1), on, lang)
        for path in _article_paths(kb, slug):
            yield "article.html", c.article_context(kb, slug, path, lang, on)
    for notation in sorted(kb.inputs().mechanisms):
        yield "mechanism.html", c.mechanism_context(kb, notation, lang, on)
    yield "gaps_overview.html", c.gaps_overview_context(kb, lang, on, klass)
    for m in c.KEY_MECHANISMS:
        yield "gaps.html", c.gaps_context(kb, m, lang, on, status, klass)
    yield "compare_static.html", compare_static_context(kb, lang, on)
    yield "queries.html", c.queries_context(kb, lang, on)
    yield "search.html", c.base(kb, lang, on, "search", "Search")
    yield "sparql_static.html", sparql_static_context(kb, lang, on)
    for name, q in library().items():
        yield "query.html", c.query_context(kb, name, lang, on, q.example_values(), local_runner(kb))


def _article_paths(kb: KnowledgeBase, slug: str) -> list[str]:
    """Articles the treaty page links to: those with a mechanism or a statement."""
    record = kb.record(slug)
    found = {link.provision for link in kb.inputs().links if link.treaty == slug}
    found |= {"/".join(p.split("/")[:3]) for s in record.statements for p in s.provisions}
    return sorted(p.split("/art/", 1)[1] for p in found if "/art/" in p)


def sparql_static_context(kb: KnowledgeBase, lang: str, on: date) -> dict[str, Any]:
    """The in-browser SPARQL page: the query library with its example values as SPARQL terms."""
    from kb.library import bind

    ctx = c.base(kb, lang, on, "sparql", "SPARQL")
    mechanisms = set(kb.inputs().mechanisms)
    ctx["library"] = []
    for q in library().values():
        b = bind(q, {}, set(kb.actors), mechanisms)
        terms = [
            {
                "name": p.name,
                "term": f"<{b[p.name][1]}>"
                if b[p.name][0] == "iri"
                else f'"{b[p.name][1]}"^^<http://www.w3.org/2001/XMLSchema#date>',
            }
            for p in q.params
        ]
        ctx["library"].append({"name": q.name, "title": q.title, "sparql": q.text, "parameters": terms})
    return ctx


def compare_static_context(kb: KnowledgeBase, lang: str, on: date) -> dict[str, Any]:
    ctx = c.base(kb, lang, on, "compare/index", "Compare two states")
    ctx["states"] = [{"code": code, "name": c.actor_name(kb, code, lang)} for code in c.participants(kb)]
    ctx["mechanisms"] = list(c.KEY_MECHANISMS)
    ctx["treaties"] = {slug: c.treaty_name(r.treaty, lang) for slug, r in kb.records.items()}
    ctx["closing"] = closing_any(lang)
    return ctx


def pair_data(kb: KnowledgeBase, on: date, cells: dict[tuple[str, str, str], Cell]) -> Iterator[tuple[str, Any]]:
    """Per state: its participation and statements, and its availability as requesting state."""
    for code in c.participants(kb):
        treaties: dict[str, Any] = {}
        for slug in kb.records:
            a = kb.participation(code, slug, on)
            if a["status"] != "not_participating":
                treaties[slug] = {
                    "status": a["status"],
                    "statements": [
                        {
                            k: s.get(k)
                            for k in (
                                "id",
                                "kind",
                                "provisions",
                                "summary",
                                "effective_from",
                                "effective_until",
                                "source",
                                "evidence",
                            )
                        }
                        for s in a["statements"]
                    ],
                }
        tables: dict[str, list[str]] = {"provisions": [], "conditions": [], "gaps": []}

        rows: dict[str, dict[str, list[Any]]] = {}
        for (requesting, requested, m), cell in cells.items():
            if requesting == code:
                rows.setdefault(requested, {})[m] = [
                    LETTER[cell.status],
                    _ids(tables, "provisions", cell.basis_provisions[:3]),
                    _ids(tables, "conditions", cell.conditions),
                    _ids(tables, "gaps", cell.gap_codes),
                ]
        yield (
            code,
            {
                "code": code,
                "name": {"en": kb.actors[code].name_en, "fr": kb.actors[code].name_fr},
                "date": on.isoformat(),
                "treaties": treaties,
                "to": rows,
                **tables,
            },
        )


def _ids(tables: dict[str, list[str]], kind: str, values: tuple[str, ...]) -> list[int]:
    """Dictionary-encode values: each data file carries its own tables of strings."""
    table = tables[kind]
    out = []
    for v in values:
        if v not in table:
            table.append(v)
        out.append(table.index(v))
    return out


def _pagefind(build: Build, progress: Progress) -> None:
    """Full-text index of the pages (Pagefind, from site/vendor); the script index covers file://."""
    tool = paths.SITE_DIR / "vendor" / "node_modules" / ".bin" / "pagefind"
    if not tool.exists():
        progress("pagefind is not installed (make setup): full-text search index skipped")
        return
    out = build.out / "pagefind"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [str(tool), "--site", str(build.out), "--output-subdir", "pagefind", "--quiet"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    build.keep.update(p for p in out.rglob("*") if p.is_file())
    progress("full-text index written (pagefind)")


def _ontology_docs(build: Build) -> None:
    from kb.rdf.docs import build_ontology_docs

    tmp = build.out / ".docs-tmp"
    page = build_ontology_docs(tmp)
    build.write("ontology/index.html", page.read_bytes())
    shutil.rmtree(tmp, ignore_errors=True)


def _dumps(build: Build) -> None:
    from kb.rdf.export import export_dumps

    tmp = build.out / ".dumps-tmp"
    for path in export_dumps(tmp, ("turtle", "nquads", "jsonld")):
        build.write(f"download/{path.name}", path.read_bytes())
    shutil.rmtree(tmp, ignore_errors=True)
    for name in ("coop.ttl", "mechanisms.ttl"):
        build.write(f"download/ontology/{name}", (paths.ONTOLOGY_DIR / name).read_bytes())
