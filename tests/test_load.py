"""The strict loader: each rule stops the load with a message naming the file and the subject."""

from pathlib import Path

import pytest

from kb.errors import KBLoadError
from kb.rdf.load import load

HEAD = """@prefix coop: <https://w3id.org/treatykb/def/coop#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
SIG = "<https://w3id.org/treatykb/id/action/x/AAA/signature/2001-01-01>"


def load_one(tmp_path: Path, body: str) -> None:
    data = tmp_path / "data" / "treaties" / "x"
    data.mkdir(parents=True)
    (data / "participation.ttl").write_text(HEAD + body, encoding="utf-8")
    load(data_dir=tmp_path / "data")


def expect(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(KBLoadError) as err:
        load_one(tmp_path, body)
    text = str(err.value)
    assert "participation.ttl" in text
    assert message in text


def test_unknown_property(tmp_path: Path) -> None:
    expect(tmp_path, f"{SIG} coop:dateOfSigning '2001-01-01'^^xsd:date .", "unknown property")


def test_unknown_term_in_closed_namespace(tmp_path: Path) -> None:
    expect(tmp_path, f"{SIG} coop:effectType coop:Exlude .", "unknown term https://w3id.org/treatykb/def/coop#Exlude")


def test_malformed_date(tmp_path: Path) -> None:
    expect(tmp_path, f"{SIG} coop:date '2001-13-45'^^xsd:date .", "malformed date '2001-13-45'")


def test_date_as_plain_string(tmp_path: Path) -> None:
    expect(tmp_path, f"{SIG} coop:date '2001-01-01' .", "must be an xsd:date")


def test_fact_without_source(tmp_path: Path) -> None:
    expect(
        tmp_path,
        f"{SIG} a coop:Signature ; coop:date '2001-01-01'^^xsd:date .",
        f"{SIG[1:-1]}: status fact without a source",
    )


def test_broken_turtle_names_the_file(tmp_path: Path) -> None:
    expect(tmp_path, f"{SIG} coop:date ", "does not parse as Turtle")


def test_real_kb_loads() -> None:
    kb = load()
    assert len(kb.files) > 20
