"""OWL consistency with HermiT (needs Java, which .ci/run installs)."""

from pathlib import Path

from kb.rdf.load import load
from kb.rdf.reason import check_consistency


def test_real_kb_is_consistent() -> None:
    result = check_consistency(load())
    assert result.consistent, result.message


def test_state_that_is_also_a_territory_is_inconsistent(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix coop: <https://w3id.org/treatykb/def/coop#> .\n"
        "<https://w3id.org/treatykb/id/state/AUT> a coop:Territory .\n",
        encoding="utf-8",
    )
    kb = load(extra_files=[("https://w3id.org/treatykb/graph/test/bad", bad)])
    assert not check_consistency(kb).consistent
