"""Strict readers: what used to be skipped or misread is refused with the file and entry named
(issue #18 item 3; contract 5a for undated sources and closed lists). One regression test each."""

from datetime import date
from pathlib import Path

import pytest

from kb.model import Event
from kb.rdf.importers.closed_lists import read_tables
from kb.rdf.importers.common import ImportProblem
from kb.rdf.importers.participation import read_curated
from kb.rdf.importers.registry import load_registry
from kb.rdf.importers.statements import read_statements, statement_graph

SNAPSHOT = "Reservation: the Party reserves the right not to apply Article 29. Contracting States : Albania."


def sources(tmp_path: Path, registry: str, files: dict[str, str]) -> Path:
    (tmp_path / "registry").mkdir()
    (tmp_path / "snapshots").mkdir()
    (tmp_path / "snapshots" / "s.txt").write_text(SNAPSHOT, encoding="utf-8")
    (tmp_path / "registry" / "x.yaml").write_text(registry, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


DATED = """- id: src-dated
  url: https://example.org/dated
  grade: depositary
  status_date: 2011-06-01
  status_date_basis: shown
  retrieved: 2026-12-07
  snapshot: snapshots/s.txt
"""
UNDATED = DATED.replace("src-dated", "src-undated").replace("2011-06-01", "null").replace("shown", "none")
STATEMENT = """- state: ALB
  seq: 1
  kind: reservation
  provisions: ['29']
  effect: exclude
  {extra}
  text: {{lang: en, value: "the Party reserves the right not to apply Article 29"}}
  source: {source}
"""


def test_a_misspelt_statement_key_is_refused_by_name(tmp_path: Path) -> None:
    d = sources(
        tmp_path,
        DATED,
        {"t/statements.yaml": STATEMENT.format(extra="effective_fromm: 2012-01-01", source="src-dated")},
    )
    with pytest.raises(ImportProblem, match=r"item 0 \(ALB/1\).*'effective_fromm' \(did you mean 'effective_from'\?\)"):
        read_statements("t", load_registry(d), d)


def test_a_misspelt_registry_key_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match=r"x.yaml.*entry 0 \(src-dated\).*'gradde' \(did you mean 'grade'\?\)"):
        load_registry(sources(tmp_path, DATED.replace("grade:", "gradde:"), {}))


def test_a_source_without_a_grade_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="missing grade"):
        load_registry(sources(tmp_path, DATED.replace("  grade: depositary\n", ""), {}))


def test_a_statement_from_an_undated_source_must_say_it_is_dated_by_event(tmp_path: Path) -> None:
    d = sources(tmp_path, UNDATED, {"t/statements.yaml": STATEMENT.format(extra="note: x", source="src-undated")})
    with pytest.raises(ImportProblem, match="shows no status date: say how it is dated"):
        read_statements("t", load_registry(d), d)


def test_dated_by_event_with_no_event_to_date_it_by_is_refused(tmp_path: Path) -> None:
    d = sources(
        tmp_path, UNDATED, {"t/statements.yaml": STATEMENT.format(extra="dated_by: event", source="src-undated")}
    )
    with pytest.raises(ImportProblem, match="no consent of ALB is known to date it by"):
        read_statements("t", load_registry(d), d, consent={})
    found = read_statements("t", load_registry(d), d, consent={"ALB": date(2002, 6, 20)})
    assert found[0].made_on is not None and found[0].provenance.status_as_of is None


def test_a_territory_that_is_not_one_is_refused_not_dropped(tmp_path: Path) -> None:
    d = sources(tmp_path, DATED, {"t/statements.yaml": STATEMENT.format(extra="territory: XXX", source="src-dated")})
    statements = read_statements("t", load_registry(d), d)
    with pytest.raises(ImportProblem, match="unknown territory 'XXX'"):
        statement_graph(statements, {"ALB": "https://w3id.org/treatykb/id/state/ALB"})


def test_participation_columns_are_checked(tmp_path: Path) -> None:
    d = sources(tmp_path, DATED, {"t/participation.csv": "state,event,date,teritory,source,verbatim,note\n"})
    with pytest.raises(ImportProblem, match="line 1: columns must be state,event,date,territory"):
        read_curated("t", load_registry(d), d)


def test_a_closed_list_without_the_exact_date_of_its_source_closes_nothing(tmp_path: Path) -> None:
    table = (
        "- date: 2011-06-02\n  source: src-dated\n  contracting: [ALB]\n  verbatim: ['Contracting States : Albania.']\n"
    )
    d = sources(tmp_path, DATED, {"t/closed_lists.yaml": table})
    with pytest.raises(ImportProblem, match="needs the exact status date"):
        read_tables("t", load_registry(d), [], d)


def test_a_closed_list_that_leaves_out_a_dated_party_is_refused(tmp_path: Path) -> None:
    table = (
        "- date: 2011-06-01\n  source: src-dated\n  contracting: [ALB]\n  verbatim: ['Contracting States : Albania.']\n"
    )
    d = sources(tmp_path, DATED, {"t/closed_lists.yaml": table})
    registry = load_registry(d)
    armenia = Event("ARM", "t", "ratification", date(2006, 10, 12), registry["src-dated"].provenance())
    with pytest.raises(ImportProblem, match="ARM is not on the table of 2011-06-01"):
        read_tables("t", registry, [armenia], d)
    assert read_tables("t", registry, [], d)[0].listed == {"ALB"}


def test_a_participation_row_of_a_state_a_two_party_treaty_does_not_name_is_refused(tmp_path: Path) -> None:
    """Issue #16 bad input: the Russia-US MLA treaty binds Russia and the United States only."""
    import shutil

    from kb import paths
    from kb.rdf.importers.run import build_graphs

    src = tmp_path / "sources"
    shutil.copytree(paths.SOURCES_DIR, src)
    csv_path = src / "bilateral-rus-usa-mla-1999" / "participation.csv"
    first = csv_path.read_text(encoding="utf-8").splitlines()[1]
    csv_path.write_text(csv_path.read_text(encoding="utf-8") + "DEU" + first[3:] + "\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match="participation.csv: DEU .*not one of the parties"):
        build_graphs(src)


def test_a_two_party_treaty_whose_parties_do_not_match_its_slug_is_refused(tmp_path: Path) -> None:
    from kb.rdf.importers.structure import _named_parties

    data = {"slug": "bilateral-rus-usa-mla-1999", "parties": ["RUS", "CHN"]}
    with pytest.raises(ImportProblem, match=r"names the two states of its slug \('RUS', 'USA'\)"):
        _named_parties(data, tmp_path / "bilateral-rus-usa-mla-1999.yaml")
    assert _named_parties({**data, "parties": ["USA", "RUS"]}, tmp_path / "x.yaml") == ("USA", "RUS")


def test_a_misspelt_condition_is_refused_by_name_and_the_namespace_is_closed(tmp_path: Path) -> None:
    from kb.rdf.prefixes import COOP

    d = sources(
        tmp_path,
        DATED,
        {"t/statements.yaml": STATEMENT.format(extra="conditions: [DualCriminalty]", source="src-dated")},
    )
    with pytest.raises(ImportProblem, match=r"unknown condition code\(s\) \['DualCriminalty'\]"):
        read_statements("t", load_registry(d), d)
    with pytest.raises(AttributeError, match="Exlude"):
        _ = COOP.Exlude


def test_a_link_qualified_by_an_article_of_an_unrelated_treaty_is_refused(tmp_path: Path) -> None:
    """A protocol's link may name articles of the treaty it supplements (ETS 182 -> ETS 030), no other."""
    from kb.rdf.importers.structure import _qualifier

    where = tmp_path / "cets-182.yaml"
    assert _qualifier("cets-182", "cets-030/art/2", "cets-030", where, "1").endswith("/treaty/cets-030/art/2")
    assert _qualifier("cets-182", "5", "cets-030", where, "1").endswith("/treaty/cets-182/art/5")
    with pytest.raises(ImportProblem, match=r"only a provision of this treaty or of the one it supplements"):
        _qualifier("cets-182", "cets-024/art/2", "cets-030", where, "1")
