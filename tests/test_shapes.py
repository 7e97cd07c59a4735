"""SHACL shapes: one invalid example per shape, each asserting its exact message."""

import shutil
from pathlib import Path

import pytest

from kb import paths
from kb.rdf.load import load
from kb.rdf.validate import validate

HEAD = """@prefix coop: <https://w3id.org/treatykb/def/coop#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
FACT = (
    "prov:wasDerivedFrom <https://example.org/p> ; coop:statusDate '2020-01-01'^^xsd:date ; "
    "coop:evidenceGrade coop:DepositaryGrade ; coop:datedBy coop:DatedBySource"
)
ST = "<https://w3id.org/treatykb/id/statement/cets-185/AUT/99>"
BASE = (
    f"coop:actor <https://w3id.org/treatykb/id/state/AUT> ; "
    f"coop:treaty <https://w3id.org/treatykb/id/treaty/cets-185> ; coop:sequence 99 ; "
    f"coop:effectType coop:Exclude ; {FACT}"
)


def small_data(tmp_path: Path) -> Path:
    """The actors and the Budapest Convention's structure only: what the fixtures refer to. Validating
    them against the whole knowledge base took a minute a case (issue #18: faster tests)."""
    data = tmp_path / "data"
    for rel in ("actors", "treaties/cets-185/treaty.ttl"):
        src = paths.DATA_DIR / rel
        if src.is_dir():
            shutil.copytree(src, data / rel)
        else:
            (data / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, data / rel)
    return data


def messages(tmp_path: Path, body: str) -> list[str]:
    extra = tmp_path / "extra.ttl"
    extra.write_text(HEAD + body, encoding="utf-8")
    kb = load(data_dir=small_data(tmp_path), extra_files=[("https://w3id.org/treatykb/graph/test/extra", extra)])
    return [
        f.message
        for f in validate(kb).violations
        if f.focus.startswith("https://w3id.org/treatykb/id/statement/cets-185/AUT/99") or "example" in f.focus
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            f"{ST} a coop:Objection ; {BASE} ; coop:verificationStatus coop:Verified .",
            "a verified objection must say explicitly whether it opposes entry into force",
        ),
        (
            f"{ST} a coop:Reservation , coop:Notification ; {BASE} ; coop:verificationStatus coop:Verified .",
            "a statement must have exactly one kind from the closed list",
        ),
        (
            f"{ST} a coop:Reservation ; {BASE} .",
            "status fact without a verification status (coop:Verified or coop:Unverified)",
        ),
        (
            f"{ST} a coop:Reservation ; {BASE} ; coop:verificationStatus coop:Verified ; "
            "coop:statementText 'no language' .",
            "verbatim statement text must be language-tagged",
        ),
        (
            f"{ST} a coop:ReservationWithdrawal ; {BASE} ; coop:verificationStatus coop:Verified .",
            "a withdrawal must name the statement it withdraws",
        ),
        (
            f"{ST} a coop:Reservation ; {BASE} ; coop:verificationStatus coop:Verified ; "
            "coop:effectiveFrom '2020-01-01'^^xsd:date ; coop:effectiveUntil '2019-01-01'^^xsd:date .",
            "effective interval is empty or reversed (effectiveFrom must be before effectiveUntil)",
        ),
        (
            "<https://w3id.org/treatykb/id/treaty/example> a coop:Treaty ; eli:title 'Only English'@en .",
            "a treaty needs its title in English and French, once each",
        ),
    ],
)
def test_each_shape_reports_its_violation(tmp_path: Path, body: str, message: str) -> None:
    assert message in messages(tmp_path, body)


def test_real_kb_has_no_violation() -> None:
    report = validate(load())
    assert report.violations == []
    assert report.per_treaty["mtdsg-xviii-12"]["statements"] > 0
