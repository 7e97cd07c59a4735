"""`treatykb`: the command line. Exit codes: 0 success/valid, 1 validation failed, 2 error."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from kb import paths
from kb.errors import KBError

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def friendly(fn: F) -> F:
    """Turn the errors a user can act on into a message and exit code 2, never a traceback."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from kb.rdf.importers.common import ImportProblem

        try:
            return fn(*args, **kwargs)
        except (KBError, ImportProblem) as exc:
            _fail(str(exc))
        except OSError as exc:
            _fail(f"{exc.strerror or exc}: {exc.filename or ''}")

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """TreatyKB: treaties on international cooperation in criminal matters, who is bound by
    them, with which reservations, and which cooperation mechanisms two states can use.

    Analysis of treaty texts and depositary records, not legal advice.
    """


@cli.command("import")
@friendly
def import_cmd() -> None:
    """Rebuild kb/data (canonical Turtle) from the saved sources in kb/sources."""
    from kb.rdf.importers.run import run_import

    report = run_import(progress=lambda m: click.echo(m, err=True))
    click.echo(
        f"{len(report.written)} file(s) written, {len(report.unchanged)} unchanged, {len(report.removed)} removed"
    )
    for slug, c in sorted(report.counts.items()):
        click.echo(f"  {slug}: {c['events']} events, {c['statements']} statements, {c['counts']} depositary counts")
    if report.skipped:
        click.echo(f"{len(report.skipped)} fact(s) seen in sources but not loaded (no date or no status date):")
        for file, where, why in report.skipped:
            click.echo(f"  {file}: {where}: {why}")


@cli.command()
@click.option("--no-owl", is_flag=True, help="Skip the OWL consistency check (HermiT, needs Java).")
@click.option("--show", default=20, show_default=True, help="How many findings to print.")
@friendly
def check(no_owl: bool, show: int) -> None:
    """Validate the KB: strict load, SHACL, canonical form, coverage and the OWL check.

    Exit 0 when valid, 1 when there are violations, 2 on error.
    """
    from kb.rdf.fmt import is_canonical
    from kb.rdf.load import data_files, load
    from kb.rdf.validate import validate

    click.echo("loading ...", err=True)
    kb = load()
    click.echo("SHACL validation ...", err=True)
    report = validate(kb)
    bad_fmt = [f for f in data_files() if not is_canonical(f)]
    click.echo(
        f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s), "
        f"{len(bad_fmt)} non-canonical file(s)"
    )
    click.echo("per treaty:")
    for slug, counts in sorted(report.per_treaty.items()):
        click.echo(f"  {slug}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for f in (report.violations + report.warnings)[:show]:
        click.echo(f"  [{f.severity}] {f.file}: {f.focus}: {f.message} {f.path}")
    for path in bad_fmt:
        click.echo(f"  [Violation] {path.relative_to(paths.ROOT)}: not canonical Turtle (run `treatykb import`)")
    from kb.coverage import coverage, coverage_text
    from kb.knowledge import KnowledgeBase
    from kb.rdf.importers.gaps import read_gaps
    from kb.rdf.importers.run import skipped_facts

    click.echo("coverage:")
    knowledge, skipped = KnowledgeBase.open(), skipped_facts()
    for slug in sorted(knowledge.records):
        click.echo(coverage_text(coverage(knowledge.records[slug], skipped, read_gaps(slug))))
    ok = not report.violations and not bad_fmt
    if not no_owl:
        from kb.rdf.reason import check_consistency

        click.echo("OWL consistency (HermiT) ...", err=True)
        result = check_consistency(kb)
        click.echo(f"OWL: {result.message} ({result.triples} triples)")
        ok = ok and result.consistent
    sys.exit(0 if ok else 1)


def _print(answer: dict[str, Any], fmt: str, text: Callable[[dict[str, Any]], str]) -> None:
    if fmt == "json":
        click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
    else:
        click.echo(text(answer))


@cli.command()
@click.argument("state")
@click.argument("treaty")
@click.option("--date", "on", help="YYYY-MM-DD (default: today).")
@click.option("--evidence", help="Minimum evidence grade: depositary|official|mirror|secondary (default: all).")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@friendly
def participation(state: str, treaty: str, on: str | None, evidence: str | None, fmt: str) -> None:
    """Where STATE stands in TREATY on a date, with its statements (contract 2b)."""
    from kb.knowledge import KnowledgeBase, parse_date, parse_grade

    grade = parse_grade(evidence)
    answer = KnowledgeBase.open().participation(state, treaty, parse_date(on), grade)
    _print(answer, fmt, _participation_text)


def _cited(fact: dict[str, Any]) -> str:
    """A fact's source with its evidence (contract 5a): 'URL, mirror, dated by event'."""
    ev = fact.get("evidence") or {}
    dated = f"status {fact['status_as_of']}" if fact.get("status_as_of") else f"dated by {ev.get('dated_by', 'none')}"
    return f"{fact['source']}, {ev.get('grade', '?')}, {dated}"


def _participation_text(a: dict[str, Any]) -> str:
    lines = [f"{a['state']} in {a['treaty']} on {a['date']}: {a['status']}"]
    for key in ("signature", "consent", "entry_into_force", "denunciation"):
        v = a.get(key)
        if v:
            if "kind" in v:
                extra = f" ({v['kind'] or 'kind of instrument not stated by the source'})"
            else:
                extra = " (derived by the treaty's rule)" if v.get("derived") else ""
            lines.append(f"  {key.replace('_', ' ')}: {v['date']}{extra}  [{_cited(v)}]")
            for c in v.get("contested_by", []):
                lines.append(f"    contested: {c['value']} [{_cited(c)}]")
    for s in a["statements"]:
        lines.append(f"  {s['id']} {s['kind']} {', '.join(s['provisions'])}: {s.get('summary') or ''}  [{_cited(s)}]")
    if a.get("closed_list"):
        lines.append(f"  closed list: {a['closed_list']['reason']}")
    for n in a.get("notes", []):
        lines.append(f"  note: {n}")
    return "\n".join(lines)


@cli.command()
@click.argument("requesting")
@click.argument("requested")
@click.argument("mechanism")
@click.option("--date", "on", help="YYYY-MM-DD (default: today).")
@click.option("--offence", help="ets185-art2-11 | drug88-art3-1 | untoc-scope | other (default: unknown).")
@click.option("--territory", help="ISO3 code of a territory of the requested state where the data or person is.")
@click.option("--evidence", help="Minimum evidence grade: depositary|official|mirror|secondary (default: all).")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@friendly
def availability(
    requesting: str,
    requested: str,
    mechanism: str,
    on: str | None,
    offence: str | None,
    territory: str | None,
    evidence: str | None,
    fmt: str,
) -> None:
    """Can REQUESTING use MECHANISM with REQUESTED on a date, on what basis, and where is the gap?"""
    from kb.knowledge import KnowledgeBase, parse_date, parse_grade

    grade = parse_grade(evidence)
    answer = KnowledgeBase.open().availability(
        requesting, requested, mechanism, parse_date(on), offence, territory, grade
    )
    _print(answer, fmt, _availability_text)


def _availability_text(a: dict[str, Any]) -> str:
    lines = [
        f"{a['status'].upper()}  (data as of {a['data_as_of']}; weakest evidence used: {a.get('evidence') or 'none'})",
        f"best basis: {a.get('best_basis') or 'none'}",
        "",
        a["explanation"],
        "",
    ]
    for b in a["bases"]:
        conds = "; ".join(c["label"] for c in b["conditions"])
        lines.append(
            f"  basis {b['provision']} [{b['mechanism']}, {b['link_type']}]: {b['status']}"
            + (f" - {conds}" if conds else "")
        )
    for g in a["gaps"]:
        as_of = f" [as of {g['as_of']}, {g.get('evidence')}]" if g.get("as_of") else ""
        lines.append(f"  gap   {g['treaty']}: {g['code']} - {g['reason']}{as_of}")
    lines.append("")
    lines.append(a["notice"])
    return "\n".join(lines)


@cli.command()
@click.argument("state")
@click.option("--join", "joins", multiple=True, metavar="SLUG", help="A treaty the state joins (repeatable).")
@click.option(
    "--withdraw", "withdrawals", multiple=True, metavar="STATEMENT_ID", help="A reservation it withdraws (repeatable)."
)
@click.option("--date", "on", help="YYYY-MM-DD (default: today).")
@click.option("--mechanism", "mechanisms", multiple=True, help="Only these mechanisms (repeatable; default: all).")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@friendly
def simulate(
    state: str,
    joins: tuple[str, ...],
    withdrawals: tuple[str, ...],
    on: str | None,
    mechanisms: tuple[str, ...],
    fmt: str,
) -> None:
    """What if STATE joined treaties or withdrew reservations on a date? Hypothetical: every mechanism and
    partner in both directions, the answers that change, before and after (the knowledge base is unchanged)."""
    from datetime import date as _date

    from kb.knowledge import KnowledgeBase, parse_date
    from kb.whatif import simulate as run

    if not joins and not withdrawals:
        _fail("give at least one --join SLUG or --withdraw STATEMENT_ID")
    kb = KnowledgeBase.open()
    known = kb.inputs().mechanisms
    for m in mechanisms:
        if m.upper() not in known:
            _fail(f"unknown mechanism: {m!r} (see treatykb query or /mechanisms)")
    day = parse_date(on) or _date.today()
    answer = run(kb, state, list(joins), list(withdrawals), day, [m.upper() for m in mechanisms] or None)
    _print(answer, fmt, _simulation_text)


def _simulation_text(a: dict[str, Any]) -> str:
    lines = [f"HYPOTHETICAL: {a['state']} on {a['date']}"]
    lines += [f"  assumption: {x}" for x in a["assumptions"]]
    for j in a["joined"]:
        lines.append(
            f"  join {j['treaty']} ({j['standing']}): {j['effect']}" + (f" - {j['note']}" if j.get("note") else "")
        )
    for w in a["withdrawn"]:
        lines.append(f"  withdraw {w['statement']}: {w['effect']}" + (f" - {w['note']}" if w.get("note") else ""))
    if a["nothing_changes"]:
        lines.append("nothing changes")
    for s in a["summary"]:
        gains = ", ".join(s["gains_specific"]) or "none"
        n = len(s["gains_specific"])
        lines.append(f"{s['mechanism']}: {s['changed']} answer(s) change; specific basis gained with {n}: {gains}")
    lines.append("")
    lines.append(a["notice"])
    return "\n".join(lines)


@cli.command()
@click.option("--date", "on", help="YYYY-MM-DD (default: today).")
@click.option("--mechanism", "mechanisms", multiple=True, help="Only these mechanisms (repeatable; default: all).")
@click.option("--state", "states", multiple=True, help="Only these states (repeatable; default: all participants).")
@click.option(
    "--out", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("dist/matrix"), show_default=True
)
@friendly
def matrix(on: str | None, mechanisms: tuple[str, ...], states: tuple[str, ...], outdir: Path) -> None:
    """Every ordered pair of states for every mechanism on a date: RDF (N-Quads) and a CSV dyad panel."""
    from datetime import date as _date

    from kb.knowledge import KnowledgeBase, parse_date
    from kb.matrix import write

    kb = KnowledgeBase.open()
    known = kb.inputs().mechanisms
    for m in mechanisms:
        if m.upper() not in known:
            _fail(f"unknown mechanism: {m!r}")
    codes = [kb.actor(s).code for s in states] or None

    def progress(done: int, total: int) -> None:
        click.echo(f"\r{done}/{total} cells ({100 * done // total}%)", err=True, nl=done == total)

    day = parse_date(on) or _date.today()
    for path in write(kb, day, outdir, [m.upper() for m in mechanisms] or None, codes, progress):
        click.echo(path)


@cli.command()
@click.argument("slug")
@click.option("--date", "on", help="YYYY-MM-DD (default: today).")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@friendly
def treaty(slug: str, on: str | None, fmt: str) -> None:
    """Summary of a treaty on a date: counts and participants (contract 2c)."""
    from kb.knowledge import KnowledgeBase, parse_date

    _print(KnowledgeBase.open().treaty(slug, parse_date(on)), fmt, _treaty_text)


def _treaty_text(a: dict[str, Any]) -> str:
    c = a["counts"]
    lines = [
        f"{a['treaty']}: {a['title']['en']} ({', '.join(a['short_names'])})",
        f"  on {a['date']}: {c['parties']} parties, {c['signatories']} signatories, {c['denounced']} denounced"
        f" (data as of {a['status_as_of']})",
    ]
    for d in a["depositary_counts"]:
        lines.append(f"  depositary on {d['status_date']}: {d['parties']} parties, {d['signatories']} signatories")
    for p in a["participants"]:
        lines.append(
            f"  {p['state']}: {p['status']}, signed {p['signature'] or '-'}, consent {p['consent'] or '-'}"
            f" {p['consent_kind'] or ''}, in force {p['entry_into_force'] or '-'}"
        )
    return "\n".join(lines)


@cli.command("coverage")
@click.argument("slug", required=False)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@friendly
def coverage_cmd(slug: str | None, fmt: str) -> None:
    """Per treaty: participants and statements known against the depositary's counts, what is not yet sourced."""
    from kb.coverage import coverage, coverage_text
    from kb.knowledge import KnowledgeBase
    from kb.rdf.importers.gaps import read_gaps
    from kb.rdf.importers.run import skipped_facts

    kb = KnowledgeBase.open()
    slugs = [kb.record(slug).treaty.slug] if slug else sorted(kb.records)
    skipped = skipped_facts()
    reports = [coverage(kb.records[s], skipped, read_gaps(s)) for s in slugs]
    if fmt == "json":
        click.echo(json.dumps(reports, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(coverage_text(r) for r in reports))


@cli.command()
@click.argument("query", required=False)
@click.option(
    "--file",
    "qfile",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the SPARQL query from a file.",
)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@friendly
def query(query: str | None, qfile: Path | None, fmt: str) -> None:
    """Run a read-only SPARQL SELECT or ASK over the KB (default graph = union of all graphs)."""
    from kb.rdf.readonly import QueryRefused, run_readonly

    text = qfile.read_text(encoding="utf-8") if qfile else query
    if not text:
        _fail("give a query as an argument or with --file")
        return
    from kb.rdf.store import open_store

    try:
        out = run_readonly(open_store(), text, fmt)
    except QueryRefused as exc:
        _fail(str(exc))
        return
    click.echo(out, nl=False)


@cli.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("dist"))
@click.option(
    "--format",
    "fmts",
    multiple=True,
    type=click.Choice(["turtle", "nquads", "jsonld"]),
    default=("turtle", "nquads", "jsonld"),
    show_default=True,
)
@friendly
def export(outdir: Path, fmts: tuple[str, ...]) -> None:
    """Write full dumps of the KB (every named graph) to OUTDIR."""
    from kb.rdf.export import export_dumps

    for path in export_dumps(outdir, fmts):
        click.echo(path)


@cli.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("site/_build/ontology"))
@friendly
def docs(outdir: Path) -> None:
    """Generate the ontology documentation (pyLODE) into OUTDIR."""
    from kb.rdf.docs import build_ontology_docs

    click.echo(build_ontology_docs(outdir))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int, help="SPARQL query worker processes.")
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Per-query time limit in seconds.")
@click.option("--cap", default=10000, show_default=True, type=int, help="Result cap (rows or triples).")
@click.option(
    "--mechanism",
    "mechanisms",
    multiple=True,
    help="Mechanisms of the availability graph (repeatable; default: the 12 key mechanisms).",
)
@click.option("--all-mechanisms", is_flag=True, help="Availability graph for all 34 mechanisms (first start ~3 min).")
@click.option(
    "--keep-alive",
    default=75,
    show_default=True,
    type=int,
    help="Seconds an idle HTTP connection stays open (longer than clients' pools keep them).",
)
@click.option(
    "--store",
    "store_url",
    metavar="URL",
    help="Answer SPARQL from this SPARQL 1.1 endpoint (loaded with the N-Quads dump, union default graph) "
    "instead of the embedded store.",
)
@friendly
def serve(
    host: str,
    port: int,
    workers: int,
    timeout: float,
    cap: int,
    mechanisms: tuple[str, ...],
    all_mechanisms: bool,
    keep_alive: int,
    store_url: str | None,
) -> None:
    """Serve the knowledge base over HTTP: pages, JSON API (/docs), SPARQL (/sparql)."""
    import uvicorn

    from api.app import create_app
    from api.contexts import KEY_MECHANISMS
    from kb.knowledge import KnowledgeBase
    from kb.matrix import availability_graph
    from kb.rdf.executor import QueryRunner, QueryTimeout, Runner, StoreUnavailable
    from kb.rdf.persistent import open_persistent
    from kb.rdf.remote import RemoteRunner

    click.echo("loading the knowledge base ...", err=True)
    runner: Runner
    if store_url:
        try:
            runner = RemoteRunner(store_url, timeout=timeout, cap=cap)
            runner.ping()
        except (ValueError, StoreUnavailable, QueryTimeout) as exc:
            raise click.UsageError(f"--store: {exc}") from None
        click.echo(f"SPARQL queries go to {store_url}", err=True)
    else:
        chosen = None if all_mechanisms else ([m.upper() for m in mechanisms] or list(KEY_MECHANISMS))
        store_path = open_persistent(
            mechanisms=chosen, progress=lambda m: click.echo(m, err=True), availability=availability_graph(chosen)
        )
        runner = QueryRunner(store_path, workers=workers, timeout=timeout, cap=cap)
    kb = KnowledgeBase.open()
    app = create_app(kb, runner)
    materialise_in_background(kb, date.today(), list(KEY_MECHANISMS))
    click.echo(f"TreatyKB on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=keep_alive)
    finally:
        runner.close()


def materialise_in_background(kb: Any, on: date, mechanisms: list[str]) -> threading.Thread:
    """Today's statuses for the pages: loaded from the cache, or computed while the server already
    answers (pages compute what they need until the table is ready)."""
    from api.contexts import use_table
    from kb.statuses import materialise

    def job() -> None:
        try:
            use_table(kb, materialise(kb, on, mechanisms, progress=lambda m: click.echo(m, err=True)))
        except Exception as exc:  # the pages still compute on demand; say why the table is missing
            click.echo(f"could not materialise the statuses ({type(exc).__name__}: {exc})", err=True)

    thread = threading.Thread(target=job, name="materialise-statuses", daemon=True)
    thread.start()
    return thread


@cli.command("build-site")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--date", "on", help="YYYY-MM-DD (default: today).")
@click.option("--base-url", default="", help="Where the site will be hosted (links stay relative).")
@friendly
def build_site_cmd(outdir: Path, on: str | None, base_url: str) -> None:
    """Write the whole knowledge base as a static site into OUTDIR (pages, JSON twins, data, dumps)."""
    from datetime import date as _date

    from api.freeze import build_site
    from kb.knowledge import parse_date

    build = build_site(outdir, parse_date(on) or _date.today(), progress=lambda m: click.echo(m, err=True))
    if base_url:
        (outdir / "BASE_URL").write_text(base_url + "\n", encoding="utf-8")
    click.echo(f"{outdir}: {build.written} file(s) written, {build.unchanged} unchanged")


@cli.command("check-site")
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@friendly
def check_site_cmd(outdir: Path) -> None:
    """Check a built site: internal links resolve and every JSON file parses (exit 1 on problems)."""
    from api.linkcheck import check_site

    problems = check_site(outdir)
    for p in problems[:50]:
        click.echo(p)
    click.echo(f"{len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
