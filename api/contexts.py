"""Page contexts: one plain dict per page, rendered as HTML and served as the page's JSON twin.

No HTTP here: the live routes and the static-site builder both call these functions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from kb.answers import cited, statement_json
from kb.coverage import coverage
from kb.errors import UnknownInput
from kb.knowledge import KnowledgeBase
from kb.law.availability import Question, Result, decide
from kb.matrix import GAP_CLASSES, compute, gap_class, matrix_states
from kb.model import Participation, Treaty
from kb.present import Lexicon, basis_json, closing, explanation, gap_json
from kb.rdf.importers.common import ImportProblem
from kb.rdf.importers.gaps import SearchedGap, read_gaps
from kb.rdf.persistent import current_release
from kb.statuses import CLASS_LETTER, StatusTable
from kb.vocab import RANK

StatusFn = Callable[[str, str, str], str]  # (requesting, requested, mechanism) -> status


_STATUS_CACHE: dict[tuple[int, str, str, str, date], tuple[str, str]] = {}  # -> (status, gap class)
_STATUS_CACHE_MAX = 500_000  # statuses only (small strings); cleared when full
_BULK_DONE: set[tuple[int, str, date]] = set()  # (knowledge base, mechanism, date) whose matrix is in the cache


_TABLES: dict[tuple[int, date], StatusTable] = {}


def use_table(kb: KnowledgeBase, table: StatusTable) -> None:
    """Serve the statuses of `table` (materialised for its date) instead of computing them."""
    _TABLES[(id(kb), table.on)] = table


def _cached(kb: KnowledgeBase, a: str, b: str, m: str, on: date) -> tuple[str, str]:
    key = (id(kb), a, b, m, on)
    found = _STATUS_CACHE.get(key)
    if found is None:
        if len(_STATUS_CACHE) >= _STATUS_CACHE_MAX:
            _STATUS_CACHE.clear()
            _BULK_DONE.clear()
        r = decide(kb.inputs(), Question(a, b, m, on), explain_answer=False)
        found = _STATUS_CACHE[key] = (r.status.value, gap_class(r.bases))
    return found


def live_status(kb: KnowledgeBase, on: date) -> StatusFn:
    """Statuses for the live pages: from a materialised table for its date (today, on the server),
    otherwise computed on demand and remembered per knowledge base and date."""
    return _live(kb, on, 0)


def live_class(kb: KnowledgeBase, on: date) -> StatusFn:
    """Gap classes (contract 2) for the live pages, as `live_status` gives statuses."""
    return _live(kb, on, 1)


def _live(kb: KnowledgeBase, on: date, which: int) -> StatusFn:
    """Status (0) or gap class (1): from the materialised table for the date, else computed and remembered."""
    table = _TABLES.get((id(kb), on))

    def lookup(a: str, b: str, m: str) -> str:
        if table is not None:
            found = (table.get if which == 0 else table.gap_class)(a, b, m)
            if found is not None:
                return found
        return _cached(kb, a, b, m, on)[which]

    return lookup


def remember_statuses(kb: KnowledgeBase, on: date, mechanism: str) -> None:
    """Compute one mechanism's whole matrix for a date in bulk (states of one profile share their
    cells) into the cache `live_status` reads, unless a materialised table covers the date."""
    if (id(kb), on) in _TABLES or (id(kb), mechanism, on) in _BULK_DONE:
        return
    if len(_STATUS_CACHE) >= _STATUS_CACHE_MAX:
        _STATUS_CACHE.clear()
        _BULK_DONE.clear()
    for cell in compute(kb, on, [mechanism]):
        _STATUS_CACHE[(id(kb), cell.requesting, cell.requested, mechanism, on)] = (cell.status, cell.gap_class)
    _BULK_DONE.add((id(kb), mechanism, on))


# the mechanisms shown on state, pair and gap pages (all 34 remain available through the API)
KEY_MECHANISMS = ("EXT", "MLA", "MLA-SDA", "MLA-RTT", "PRES", "PTD", "EMDISC", "DSP-SUB", "POC", "JIT", "CONF", "LEC")


def treaty_name(t: Treaty, lang: str) -> str:
    if t.short_names:
        return t.short_names[0]
    return t.title_fr if lang == "fr" else t.title_en


def actor_name(kb: KnowledgeBase, code: str, lang: str) -> str:
    a = kb.actors.get(code)
    if a is None:
        return code
    return a.name_fr if lang == "fr" else a.name_en


def base(kb: KnowledgeBase, lang: str, on: date, path: str, title: str) -> dict[str, Any]:
    """What every page carries: language, date, its own path (for the twin and the switch), title."""
    if lang not in ("en", "fr"):
        raise UnknownInput("language", lang, "en or fr")
    return {
        "lang": lang,
        "date": on.isoformat(),
        "path": path,
        "title": title,
        "notice": "analysis of treaty texts and depositary records, not legal advice",
    }


def home_context(kb: KnowledgeBase, lang: str, on: date) -> dict[str, Any]:
    ctx = base(kb, lang, on, "", "TreatyKB")
    ctx["treaties"] = [
        {
            "slug": s,
            "name": treaty_name(r.treaty, lang),
            "title": r.treaty.title_fr if lang == "fr" else r.treaty.title_en,
        }
        for s, r in sorted(kb.records.items())
    ]
    ctx["states"] = [{"code": c, "name": actor_name(kb, c, lang)} for c in participants(kb)]
    mechs = kb.inputs().mechanisms
    ctx["mechanisms"] = [
        {"notation": m.notation, "label": m.label_fr if lang == "fr" else m.label_en, "broader": m.broader}
        for m in sorted(mechs.values(), key=lambda m: m.notation)
    ]
    ctx["questions"] = [
        {"text": "Can Germany ask Russia to preserve stored data today?", "href": "compare/DEU/RUS"},
        {"text": "Who reserved art. 29(4) of the Budapest Convention?", "href": "treaty/cets-185/art/29"},
        {"text": "Which states lack expedited preservation with each other?", "href": "gaps/PRES"},
        {"text": "Where does the Netherlands stand in UNTOC, and for which territories?", "href": "state/NLD"},
    ]
    return ctx


def participants(kb: KnowledgeBase) -> list[str]:
    """States and REIOs with at least one treaty event (the pages' index)."""
    codes = {e.actor for r in kb.records.values() for e in r.events}
    return sorted(c for c in codes if c in kb.actors and kb.actors[c].kind in ("state", "reio"))


def state_context(
    kb: KnowledgeBase,
    code: str,
    lang: str,
    on: date,
    status: StatusFn | None = None,
    klass: StatusFn | None = None,
) -> dict[str, Any]:
    actor = kb.actor(code)
    ctx = base(kb, lang, on, f"state/{actor.code}", actor_name(kb, actor.code, lang))
    ctx["state"] = {"code": actor.code, "name": ctx["title"], "kind": actor.kind, "iri": actor.iri}
    rows: list[dict[str, Any]] = []
    for slug, record in sorted(kb.records.items()):
        answer = kb.participation(actor.code, slug, on, lang=lang)
        history = [_event(e) for e in record.events if e.actor == actor.code]
        everything = [statement_json(s) for s in record.statements if s.actor == actor.code]
        if answer["status"] == Participation.NOT_PARTICIPATING.value and not history:
            continue
        rows.append(
            {
                "treaty": slug,
                "name": treaty_name(record.treaty, lang),
                "participation": answer,
                "history": history,
                "statements": everything,
                "authorities": [s for s in everything if s.get("authority")],
            }
        )
    ctx["treaties"] = rows
    is_state = actor.kind == "state"
    class_of = klass or live_class(kb, on)
    ctx["cooperation"] = (
        cooperation_picture(kb, actor.code, status or live_status(kb, on), class_of) if is_state else []
    )
    ctx["class_labels"] = class_labels(lang)
    ctx["classes"] = list(GAP_CLASSES)
    ctx["closing"] = (
        [
            {"mechanism": m, **closing_actions(kb, m, on, class_of, lang, state=actor.code, top=3)}
            for m in KEY_MECHANISMS
        ]
        if is_state
        else []
    )
    ctx["closing"] = [r for r in ctx["closing"] if r["join"] or r["withdraw"]]
    ctx["simulation_form"] = (
        {
            "treaties": [
                {"slug": slug, "name": treaty_name(r.treaty, lang)}
                for slug, r in sorted(kb.records.items())
                if kb.standing(slug, actor.code, on).status.value not in ("party", "denunciation_pending")
            ],
            "reservations": [
                {"id": st["id"], "treaty": row["treaty"], "provisions": st["provisions"]}
                for row in rows
                for st in row["statements"]
                if st["kind"] in ("reservation", "conditional_interpretative_declaration")
            ],
        }
        if is_state
        else None
    )
    return ctx


def _event(e: Any) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "date": e.date.isoformat(),
        "derived": e.derived,
        "territory": e.territory,
        **cited(e.provenance),
    }


def cooperation_picture(
    kb: KnowledgeBase, code: str, status_of: StatusFn, class_of: StatusFn | None = None
) -> list[dict[str, Any]]:
    """Per key mechanism: partners with which it is not available, unknown, available (as requester),
    and how many fall in each gap class (contract 2)."""
    partners = [c for c in matrix_states(kb) if c != code]
    out: list[dict[str, Any]] = []
    for m in KEY_MECHANISMS:
        counts: Counter[str] = Counter()
        classes: Counter[str] = Counter()
        lacking = []
        for p in partners:
            status = status_of(code, p, m)
            counts[status] += 1
            if class_of is not None:
                classes[class_of(code, p, m)] += 1
            if status == "not_available":
                lacking.append(p)
        out.append(
            {
                "mechanism": m,
                "counts": dict(counts),
                "classes": {k: classes.get(k, 0) for k in GAP_CLASSES},
                "lacking": lacking,
            }
        )
    out.sort(key=lambda r: (-r["counts"].get("not_available", 0), r["mechanism"]))
    return out


def treaty_context(kb: KnowledgeBase, slug: str, lang: str, on: date) -> dict[str, Any]:
    record = kb.record(slug)
    t = record.treaty
    ctx = base(kb, lang, on, f"treaty/{slug}", treaty_name(t, lang))
    ctx["treaty"] = kb.treaty(slug, on)
    ctx["treaty"]["name"] = ctx["title"]
    for p in ctx["treaty"]["participants"]:
        p["name"] = actor_name(kb, p["state"], lang)
        p["page"] = kb.actors[p["state"]].kind in ("state", "reio")  # former entities (SCG) have no page
    by_article: dict[str, list[dict[str, Any]]] = {}
    for s in record.statements:
        for prov in s.provisions or (f"{slug}/art/-",):
            article = "/".join(prov.split("/")[:3])
            by_article.setdefault(article, []).append({**statement_json(s), "name": actor_name(kb, s.actor, lang)})
    ctx["statements_by_article"] = [
        {"article": a, "statements": v} for a, v in sorted(by_article.items(), key=lambda kv: _art_key(kv[0]))
    ]
    links = [link for link in kb.inputs().links if link.treaty == slug]
    ctx["articles"] = [
        {
            "provision": link.provision,
            "mechanism": link.mechanism,
            "strength": link.strength,
            "link_type": link.link_type,
            "verified": link.verified,
        }
        for link in links
    ]
    ctx["coverage"] = coverage(record, gaps=_searched_gaps(record.treaty.slug))
    return ctx


_SEARCHED: dict[str, tuple[float, list[SearchedGap]]] = {}


def _searched_gaps(slug: str) -> list[SearchedGap]:
    """The treaty's searched-and-not-found list; a malformed file (which `treatykb check` reports)
    leaves the page without it rather than without a page. Read again only when the file changes
    (parsing the YAML took a fifth of the treaty page)."""
    from kb import paths

    path = paths.SOURCES_DIR / slug / "gaps.yaml"
    stamp = path.stat().st_mtime if path.exists() else 0.0
    known = _SEARCHED.get(slug)
    if known is not None and known[0] == stamp:
        return known[1]
    try:
        found = read_gaps(slug)
    except ImportProblem:
        found = []
    _SEARCHED[slug] = (stamp, found)
    return found


def _art_key(article: str) -> tuple[int, str]:
    tail = article.rsplit("/", 1)[-1]
    digits = "".join(ch for ch in tail if ch.isdigit())
    return (int(digits) if digits else 10**6, tail)


def article_context(kb: KnowledgeBase, slug: str, path: str, lang: str, on: date) -> dict[str, Any]:
    record = kb.record(slug)
    provision = f"{slug}/art/{path}"
    ctx = base(kb, lang, on, f"treaty/{slug}/art/{path}", f"{treaty_name(record.treaty, lang)}, art. {path}")
    rows = []
    for s in record.statements:
        if any(p == provision or p.startswith(provision + "/") for p in s.provisions):
            rows.append({**statement_json(s), "name": actor_name(kb, s.actor, lang), "in_effect": s.in_effect(on)})
    ctx["article"] = {
        "treaty": slug,
        "path": path,
        "provision": provision,
        "mechanisms": [link.mechanism for link in kb.inputs().links if link.provision == provision],
    }
    ctx["statements"] = rows
    return ctx


def mechanism_context(kb: KnowledgeBase, notation: str, lang: str, on: date) -> dict[str, Any]:
    mechs = kb.inputs().mechanisms
    m = mechs.get(notation.upper())
    if m is None:
        raise UnknownInput("mechanism", notation, "see /mechanisms")
    label = m.label_fr if lang == "fr" else m.label_en
    ctx = base(kb, lang, on, f"mechanism/{m.notation}", f"{label} ({m.notation})")
    ctx["mechanism"] = {
        "notation": m.notation,
        "label": label,
        "broader": m.broader,
        "gap_page": m.notation in KEY_MECHANISMS,
        "narrower": sorted(x.notation for x in mechs.values() if x.broader == m.notation),
    }
    provided = [
        {
            "treaty": link.treaty,
            "name": treaty_name(kb.records[link.treaty].treaty, lang),
            "provision": link.provision,
            "mechanism": link.mechanism,
            "strength": link.strength,
            "link_type": link.link_type,
        }
        for link in kb.inputs().links
        if link.mechanism == m.notation or mechs.get(link.mechanism, m).broader == m.notation
    ]
    ctx["provided_by"] = provided
    return ctx


def compare_context(kb: KnowledgeBase, a: str, b: str, lang: str, on: date) -> dict[str, Any]:
    sa, sb = kb.actor(a), kb.actor(b)
    if sa.code == sb.code:
        raise UnknownInput("pair", f"{a}/{b}", "choose two different states")
    title = f"{actor_name(kb, sa.code, lang)} – {actor_name(kb, sb.code, lang)}"
    ctx = base(kb, lang, on, f"compare/{sa.code}/{sb.code}", title)
    ctx["a"] = {"code": sa.code, "name": actor_name(kb, sa.code, lang)}
    ctx["b"] = {"code": sb.code, "name": actor_name(kb, sb.code, lang)}
    shared, side = [], []
    for slug, record in sorted(kb.records.items()):
        st_a = kb.standing(slug, sa.code, on)
        st_b = kb.standing(slug, sb.code, on)
        both = {st_a.status.value, st_b.status.value}
        if both <= {"party", "denunciation_pending"}:
            shared.append({"treaty": slug, "name": treaty_name(record.treaty, lang)})
        articles: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for s in record.statements:
            if s.actor in (sa.code, sb.code) and (s.in_effect(on) or s.effective_from is None):
                for prov in s.provisions or (f"{slug}/art/-",):
                    art = "/".join(prov.split("/")[:3])
                    articles.setdefault(art, {sa.code: [], sb.code: []})[s.actor].append(statement_json(s))
        if articles:
            side.append(
                {
                    "treaty": slug,
                    "name": treaty_name(record.treaty, lang),
                    "status_a": st_a.status.value,
                    "status_b": st_b.status.value,
                    "articles": [
                        {"article": k, "a": v[sa.code], "b": v[sb.code]}
                        for k, v in sorted(articles.items(), key=lambda kv: _art_key(kv[0]))
                    ],
                }
            )
    ctx["shared_treaties"] = shared
    ctx["side_by_side"] = side
    mechs = kb.inputs().mechanisms
    rows = []
    answers: dict[str, list[Result]] = {"a_to_b": [], "b_to_a": []}
    for m in KEY_MECHANISMS:
        ab = kb.ask(sa.code, sb.code, m, on)
        ba = kb.ask(sb.code, sa.code, m, on)
        answers["a_to_b"].append(ab)
        answers["b_to_a"].append(ba)
        row: dict[str, Any] = {
            "mechanism": m,
            "label": mechs[m].label_fr if lang == "fr" else mechs[m].label_en,
            "a_to_b": _brief(kb, ab, lang),
            "b_to_a": _brief(kb, ba, lang),
        }
        row["gap_class"] = min(
            (row["a_to_b"]["gap_class"], row["b_to_a"]["gap_class"]), key=lambda k: PAIR_CLASS_ORDER.index(k)
        )
        rows.append(row)
    rows.sort(key=lambda r: PAIR_CLASS_ORDER.index(r["gap_class"]))
    ctx["mechanisms"] = rows
    ctx["groups"] = [
        {"gap_class": k, "label": class_labels(lang)[k], "mechanisms": [r for r in rows if r["gap_class"] == k]}
        for k in PAIR_CLASS_ORDER
        if any(r["gap_class"] == k for r in rows)
    ]
    ctx["class_labels"] = class_labels(lang)
    ctx["summary"] = [
        _pair_sentence(kb, ctx["a"], ctx["b"], answers["a_to_b"], lang),
        _pair_sentence(kb, ctx["b"], ctx["a"], answers["b_to_a"], lang),
    ]
    return ctx


PAIR_CLASS_ORDER = ("none", "unknown", "fallback", "specific")  # weakest first: the pair page's groups


def _pair_sentence(
    kb: KnowledgeBase, a: dict[str, str], b: dict[str, str], answers: list[Result], lang: str
) -> dict[str, Any]:
    """One direction at a glance: how many key mechanisms, how many on a specific basis, and the
    treaty that would give most specific bases if both were bound by it."""
    from kb.whatif import specific_treaties

    inputs = kb.inputs()
    usable = [x for x in answers if x.status in ("available", "available_with_conditions")]
    specific = [x for x in answers if x.best_basis == "specific"]
    would: Counter[str] = Counter()
    for x in answers:
        if x.best_basis == "specific":
            continue
        providing = specific_treaties(inputs, x.question.mechanism)
        for slug in {g.treaty for g in x.gaps if g.code in ("not_party", "denounced")} & set(providing):
            would[slug] += 1
    best = would.most_common(1)
    n, total = len(usable), len(answers)
    k = len(specific)
    if lang == "fr":
        spec = "aucun sur une base spécifique" if k == 0 else f"dont {k} sur une base spécifique"
        text = f"{a['name']} peut demander à {b['name']} {n} des {total} mécanismes clés, {spec}"
    else:
        spec = "none on a specific basis" if k == 0 else f"{k} on a specific basis"
        text = f"{a['name']} can ask {b['name']} for {n} of the {total} key mechanisms, {spec}"
    treaty = None
    if best:
        slug, gained = best[0]
        treaty = {"treaty": slug, "name": treaty_name(kb.records[slug].treaty, lang), "mechanisms": gained}
        text += (
            f" ; « {treaty['name']} » en donnerait {gained}"
            if lang == "fr"
            else f"; the {treaty['name']} would give {gained}"
        )
    return {
        "from": a["code"],
        "to": b["code"],
        "available": n,
        "of": total,
        "specific": k,
        "would_give": treaty,
        "text": text + ".",
    }


def _brief(kb: KnowledgeBase, answer: Result, lang: str) -> dict[str, Any]:
    lx = lexicon(kb, lang)
    return {
        "status": answer.status.value,
        "best_basis": answer.best_basis,
        "gap_class": gap_class(answer.bases),
        "bases": [basis_json(x, lx) for x in answer.bases[:4]],
        "gaps": [gap_json(g, lx) for g in answer.gaps],
        "explanation": explanation(answer, lx),
        "data_as_of": answer.data_as_of.isoformat() if answer.data_as_of else None,
        "evidence": answer.evidence.value if answer.evidence is not None else None,
        "close": [closing(g, lx, answer.question.territory) for g in answer.gaps],
    }


def lexicon(kb: KnowledgeBase, lang: str) -> Lexicon:
    """How a page names things (see KnowledgeBase.lexicon)."""
    return kb.lexicon(lang)


def gaps_context(
    kb: KnowledgeBase,
    mechanism: str,
    lang: str,
    on: date,
    status: StatusFn | None = None,
    klass: StatusFn | None = None,
) -> dict[str, Any]:
    """The gap map and matrix of a mechanism on a date, by gap class (contract 2): per state, how
    many partners (as requesting state) fall in each class; the cells in the same classes."""
    mechs = kb.inputs().mechanisms
    m = mechanism.upper()
    if m not in mechs:
        raise UnknownInput("mechanism", mechanism, "see /mechanisms")
    label = mechs[m].label_fr if lang == "fr" else mechs[m].label_en
    ctx = base(kb, lang, on, f"gaps/{m}", f"{label} ({m})")
    states = matrix_states(kb)
    if klass is None:
        remember_statuses(kb, on, m)
    class_of = klass or live_class(kb, on)
    matrix: dict[str, dict[str, str]] = {a: {b: class_of(a, b, m) for b in states if b != a} for a in states}
    ctx["mechanism"] = {"notation": m, "label": label}
    ctx["classes"] = list(GAP_CLASSES)
    ctx["class_labels"] = class_labels(lang)
    ctx["most_label"] = _string("most_partners", lang)
    rows = []
    for code in states:
        counts = Counter(matrix[code].values())
        row: dict[str, Any] = {"code": code, "name": actor_name(kb, code, lang)}
        row.update({k: counts.get(k, 0) for k in GAP_CLASSES})
        row["class"] = max(GAP_CLASSES, key=lambda k: (counts.get(k, 0), -GAP_CLASSES.index(k)))
        rows.append(row)
    rows.sort(key=lambda r: (-r["none"], -r["fallback"], -r["unknown"], r["code"]))
    ctx["states"] = rows
    ctx["totals"] = {k: sum(r[k] for r in rows) for k in GAP_CLASSES}
    # compact: one letter per cell, requesting state in rows (S specific, F fallback, N none,
    # U unknown, - itself), in the order of `order`
    order = [r["code"] for r in rows]
    ctx["matrix"] = {
        "order": order,
        "legend": {v: k for k, v in CLASS_LETTER.items()},
        "rows": ["".join("-" if a == b else CLASS_LETTER[matrix[a][b]] for b in order) for a in order],
    }
    ctx["closing"] = closing_actions(kb, m, on, class_of, lang)
    return ctx


def _string(key: str, lang: str) -> str:
    from api.render import strings

    return strings()[key][lang]


def class_labels(lang: str) -> dict[str, str]:
    """The gap classes in words (contract 2)."""
    return {k: _string(f"class_{k}", lang) for k in GAP_CLASSES}


_OVERVIEW: dict[tuple[int, str, date], Counter[str]] = {}


def gaps_overview_context(kb: KnowledgeBase, lang: str, on: date, klass: StatusFn | None = None) -> dict[str, Any]:
    """`/gaps`: each key mechanism with its count of ordered pairs per gap class on the date."""
    ctx = base(kb, lang, on, "gaps", "Gaps" if lang == "en" else "Lacunes")
    states = matrix_states(kb)
    mechs = kb.inputs().mechanisms
    rows = []
    for m in KEY_MECHANISMS:
        key = (id(kb), m, on)
        counts = _OVERVIEW.get(key) if klass is None else None
        if counts is None:
            if klass is None:
                remember_statuses(kb, on, m)
            class_of = klass or live_class(kb, on)
            counts = Counter(class_of(a, b, m) for a in states for b in states if a != b)
            if klass is None:
                _OVERVIEW[key] = counts  # the answers of a date do not change while the server runs
        rows.append(
            {
                "mechanism": m,
                "label": mechs[m].label_fr if lang == "fr" else mechs[m].label_en,
                **{k: counts.get(k, 0) for k in GAP_CLASSES},
                "pairs": sum(counts.values()),
            }
        )
    ctx["classes"] = list(GAP_CLASSES)
    ctx["class_labels"] = class_labels(lang)
    ctx["mechanisms"] = rows
    ctx["states"] = len(states)
    return ctx


def closing_actions(
    kb: KnowledgeBase, mechanism: str, on: date, class_of: StatusFn, lang: str, state: str | None = None, top: int = 10
) -> dict[str, list[dict[str, Any]]]:
    """What would close most gaps for a mechanism (of one state, or of any): see kb.whatif.closers."""
    from kb.whatif import closers

    found = closers(kb, mechanism, on, class_of, state)
    for row in found["join"] + found["withdraw"]:
        row["treaty_name"] = treaty_name(kb.records[row["treaty"]].treaty, lang)
        row["state_name"] = actor_name(kb, row["state"], lang)
        if row.get("with_parent"):
            row["parent_name"] = treaty_name(kb.records[row["with_parent"]].treaty, lang)
    return {"join": found["join"][:top], "withdraw": found["withdraw"][:top]}


def simulate_context(
    kb: KnowledgeBase, code: str, lang: str, on: date, joins: list[str], withdrawals: list[str]
) -> dict[str, Any]:
    """`/simulate/{ISO3}`: what would change if the state joined treaties or withdrew reservations
    (hypothetical; kb.whatif)."""
    from kb.whatif import simulate

    result = simulate(kb, code, joins, withdrawals, on)
    name = actor_name(kb, code, lang)
    title = f"{_string('simulate', lang)}: {name} ({_string('hypothetical', lang).lower()})"
    ctx = base(kb, lang, on, f"simulate/{code}", title)
    ctx["simulation"] = result
    ctx["state"] = {"code": code, "name": name}
    ctx["class_labels"] = class_labels(lang)
    mechs = kb.inputs().mechanisms
    ctx["mechanism_labels"] = {
        m: mechs[m].label_fr if lang == "fr" else mechs[m].label_en for m in result["mechanisms"]
    }
    ctx["names"] = {p: actor_name(kb, p, lang) for p in {c["partner"] for c in result["changes"]}}
    ctx["treaty_names"] = {s: treaty_name(r.treaty, lang) for s, r in kb.records.items()}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for change in result["changes"]:
        grouped.setdefault(change["mechanism"], []).append(change)
    ctx["by_mechanism"] = [
        {**row, "label": ctx["mechanism_labels"][row["mechanism"]], "changes": grouped[row["mechanism"]]}
        for row in sorted(result["summary"], key=lambda r: (-len(r["gains_specific"]), -r["changed"], r["mechanism"]))
    ]
    ctx["query"] = urlencode([("join", j) for j in result["join"]] + [("withdraw", w) for w in result["withdraw"]])
    return ctx


def gaps_csv(ctx: dict[str, Any]) -> str:
    """The gap matrix of a gaps context as CSV: one row per ordered pair, with its gap class."""
    order = ctx["matrix"]["order"]
    legend = ctx["matrix"]["legend"]
    lines = ["date,mechanism,from,to,gap_class"]
    m = ctx["mechanism"]["notation"]
    for a, row in zip(order, ctx["matrix"]["rows"], strict=True):
        for b, letter in zip(order, row, strict=True):
            if letter != "-":
                lines.append(f"{ctx['date']},{m},{a},{b},{legend[letter]}")
    return "\n".join(lines) + "\n"


CHANGES_TITLE = {"en": "what changed", "fr": "ce qui a changé"}


def changes_context(kb: KnowledgeBase, slug: str, start: date, end: date, lang: str) -> dict[str, Any]:
    """What changed in a treaty in [start, end): events, statements, and who stands differently."""
    record = kb.record(slug)
    ctx = base(kb, lang, end, f"treaty/{slug}/changes", f"{treaty_name(record.treaty, lang)}: {CHANGES_TITLE[lang]}")
    ctx["subject"] = {"kind": "treaty", "code": slug, "name": treaty_name(record.treaty, lang)}
    actors = sorted({e.actor for e in record.events})
    _fill_changes(kb, ctx, [record], actors, start, end, lang)
    return ctx


def state_changes_context(
    kb: KnowledgeBase, code: str, start: date, end: date, lang: str, cooperation: bool = True
) -> dict[str, Any]:
    """What changed for a state in [start, end): its treaty events and statements, where it stands
    in each treaty, and (unless `cooperation` is off, as in the static site) with which partners a
    key mechanism's availability changed."""
    actor = kb.actor(code)
    name = actor_name(kb, actor.code, lang)
    ctx = base(kb, lang, end, f"state/{actor.code}/changes", f"{name}: {CHANGES_TITLE[lang]}")
    ctx["subject"] = {"kind": "state", "code": actor.code, "name": name}
    _fill_changes(kb, ctx, [kb.records[s] for s in sorted(kb.records)], [actor.code], start, end, lang)
    moves: list[dict[str, Any]] | None = [] if cooperation else None
    if moves is not None and actor.kind == "state":
        inputs = kb.inputs()

        def outcome(req: str, res: str, m: str, on: date) -> tuple[str, tuple[tuple[str, str], ...]]:
            """The status and, per treaty, the best status of its bases (a basis can change alone)."""
            r = decide(inputs, Question(req, res, m, on), explain_answer=False)
            best: dict[str, str] = {}
            for b in r.bases:
                if RANK[b.status] > RANK.get(best.get(b.treaty, ""), -1):
                    best[b.treaty] = b.status.value
            return r.status.value, tuple(sorted(best.items()))

        for m in KEY_MECHANISMS:
            for p in matrix_states(kb):
                if p == actor.code:
                    continue
                for req, res in ((actor.code, p), (p, actor.code)):
                    was, now = outcome(req, res, m, start), outcome(req, res, m, end)
                    if was != now:
                        moves.append(
                            {
                                "mechanism": m,
                                "requesting": req,
                                "requested": res,
                                "partner": p,
                                "partner_name": actor_name(kb, p, lang),
                                "before": was[0],
                                "after": now[0],
                                "bases_before": [{"treaty": t, "status": st} for t, st in was[1]],
                                "bases_after": [{"treaty": t, "status": st} for t, st in now[1]],
                            }
                        )
    ctx["availability_changes"] = moves
    return ctx


def _fill_changes(
    kb: KnowledgeBase, ctx: dict[str, Any], records: list[Any], actors: list[str], start: date, end: date, lang: str
) -> None:
    ctx["from"], ctx["until"] = start.isoformat(), end.isoformat()
    wanted = set(actors)
    ctx["events"] = sorted(
        (
            {
                **_event(e),
                "treaty": r.treaty.slug,
                "actor": e.actor,
                "name": actor_name(kb, e.actor, lang),
                "page": kb.actors[e.actor].kind in ("state", "reio"),  # former entities have no page
            }
            for r in records
            for e in r.events
            if e.actor in wanted and start <= e.date < end
        ),
        key=lambda e: (e["date"], e["actor"], e["treaty"]),
    )
    ctx["statements"] = [
        {**statement_json(st), "treaty": r.treaty.slug, "change": change}
        for r in records
        for st in r.statements
        if st.actor in wanted
        for change, when in (("takes effect", st.effective_from), ("ends", st.effective_until))
        if when and start <= when < end
    ]
    standing_changes = []
    for r in records:
        for a in actors:
            was = kb.participation(a, r.treaty.slug, start)["status"]
            now = kb.participation(a, r.treaty.slug, end)["status"]
            if was != now:
                standing_changes.append(
                    {
                        "treaty": r.treaty.slug,
                        "treaty_name": treaty_name(r.treaty, lang),
                        "actor": a,
                        "page": kb.actors[a].kind in ("state", "reio"),
                        "name": actor_name(kb, a, lang),
                        "before": was,
                        "after": now,
                    }
                )
    ctx["participation_changes"] = standing_changes


def queries_context(kb: KnowledgeBase, lang: str, on: date) -> dict[str, Any]:
    from kb.library import library

    ctx = base(kb, lang, on, "queries", "Query library")
    ctx["queries"] = [{"name": q.name, "title": q.title, "description": q.description} for q in library().values()]
    return ctx


def query_context(
    kb: KnowledgeBase,
    name: str,
    lang: str,
    on: date,
    values: dict[str, str],
    run: Callable[[str, dict[str, tuple[str, str]]], dict[str, Any]],
) -> dict[str, Any]:
    """A library query with its parameters and results (`run` executes it: live or at build time)."""
    from kb.library import bind, get

    q = get(name)
    bindings = bind(q, values, set(kb.actors), set(kb.inputs().mechanisms))
    ctx = base(kb, lang, on, f"queries/{name}", q.title)
    ctx["query"] = {
        "name": q.name,
        "title": q.title,
        "description": q.description,
        "sparql": q.text,
        "parameters": [
            {
                "name": p.name,
                "type": p.type,
                "value": bindings[p.name][1] if p.type == "date" else (values.get(p.name) or p.example),
            }
            for p in q.params
        ],
    }
    result = run(q.text, bindings)
    ctx["results"] = result
    release = current_release()
    ctx["release"] = release
    ctx["permalink"] = f"queries/{name}?" + urlencode(
        [("release", release)] + [(p["name"], p["value"]) for p in ctx["query"]["parameters"]]
    )
    cited = values.get("release")
    if cited and cited != release:
        ctx["cited_release"] = {
            "release": cited,
            "current": release,
            "dump": f"download/{cited}/treatykb.nq",
            "note": f"this permalink was made on data release {cited}; the results above are from release "
            f"{release}. To re-run the query on the cited data, load the dump of {cited} (if this server "
            "still keeps it) or check out that release of the repository.",
        }
    return ctx


def search_index(kb: KnowledgeBase, lang: str, on: date) -> list[dict[str, str]]:
    """Everything a reader can search for: states, treaties, articles, mechanisms, statement texts.

    URLs are page targets (as for `href`), resolved by the search page.
    """
    home = home_context(kb, lang, on)
    out = [{"k": "state", "t": s["name"], "c": s["code"], "u": f"state/{s['code']}"} for s in home["states"]]
    out += [{"k": "treaty", "t": t["name"], "c": t["title"], "u": f"treaty/{t['slug']}"} for t in home["treaties"]]
    out += [
        {"k": "mechanism", "t": m["label"], "c": m["notation"], "u": f"mechanism/{m['notation']}"}
        for m in home["mechanisms"]
    ]
    for slug, record in sorted(kb.records.items()):
        name = treaty_name(record.treaty, lang)
        for s in record.statements:
            text = " ".join(x for x in (s.summary, (s.text or "")[:300]) if x)
            articles = ", ".join(f"art. {p.split('/art/', 1)[1]}" for p in s.provisions)
            out.append(
                {
                    "k": "statement",
                    "t": f"{actor_name(kb, s.actor, lang)} · {name} {articles}",
                    "c": text,
                    "u": f"state/{s.actor}#{slug}-{s.actor}-{s.seq}",
                }
            )
    return out
