"""Every Turtle file round-trips through canonical Turtle unchanged, and the import is reproducible."""

from pathlib import Path

import pytest

from kb import paths
from kb.rdf.fmt import is_canonical
from kb.rdf.importers.participation import parse_untc_date
from kb.rdf.importers.run import run_import

FILES = sorted(paths.DATA_DIR.rglob("*.ttl")) + sorted(paths.ONTOLOGY_DIR.glob("*.ttl"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(paths.ROOT).as_posix())
def test_file_is_canonical(path: Path) -> None:
    assert is_canonical(path)


def test_import_reproduces_committed_data(tmp_path: Path) -> None:
    report = run_import(data_dir=tmp_path)
    for name in report.written:
        committed = paths.DATA_DIR / f"{name}.ttl"
        assert committed.exists(), f"{name} is not committed"
        assert (tmp_path / f"{name}.ttl").read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")
    assert {p.relative_to(paths.DATA_DIR) for p in paths.DATA_DIR.rglob("*.ttl")} == {
        p.relative_to(tmp_path) for p in tmp_path.rglob("*.ttl")
    }


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("24 Sep 2003", "ratification"),
        ("21 May 2004 AA", "approval"),
        ("3 Jan 2001 a", "accession"),
        ("1 Jan 2000 d", "succession"),
        ("9 Feb 2010 A", "acceptance"),
        ("1 Jan 1990 c", "formal_confirmation"),
    ],
)
def test_untc_consent_suffixes(cell: str, expected: str) -> None:
    assert parse_untc_date(cell)[1] == expected


def test_untc_date_rejects_garbage() -> None:
    with pytest.raises(ValueError):
        parse_untc_date("sometime in 2003")
