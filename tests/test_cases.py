"""Worked cases (tests/cases/*.yaml), run against the real knowledge base on every test run."""

from pathlib import Path
from typing import Any

import pytest
import yaml

from kb.knowledge import KnowledgeBase, parse_date, parse_grade

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def test_there_are_at_least_25_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case(path: Path, real_kb: KnowledgeBase) -> None:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    r, e = case["request"], case["expect"]
    assert case["reasoning"] and case["sources"]
    a = real_kb.availability(
        r["from"],
        r["to"],
        r["mechanism"],
        parse_date(r.get("date")),
        r.get("offence"),
        r.get("territory"),
        parse_grade(r.get("evidence")),
    )
    bases = {b["provision"]: b for b in a["bases"]}
    gaps = {(g["treaty"], g["code"]): g for g in a["gaps"]}
    if "status" in e:
        assert a["status"] == e["status"], a["explanation"]
    if "status_in" in e:
        assert a["status"] in e["status_in"], a["explanation"]
    if "status_not" in e:
        assert a["status"] != e["status_not"], a["explanation"]
    for p in e.get("bases_include", []):
        assert p in bases, f"{p} missing: {a['explanation']}"
    for p in e.get("bases_exclude", []):
        assert p not in bases, a["explanation"]
    for g in e.get("gaps_include", []):
        assert (g["treaty"], g["code"]) in gaps, f"gap {g} missing: {a['explanation']}"
        found = gaps[(g["treaty"], g["code"])]
        for key in set(g) - {"treaty", "code"}:  # e.g. as_of, evidence (contract 5a)
            assert found.get(key) == g[key], f"gap {g}: {found}"
    for g in e.get("gaps_exclude", []):
        assert (g["treaty"], g["code"]) not in gaps, a["explanation"]
    if "best_basis" in e:
        assert a["best_basis"] == e["best_basis"], a["best_basis"]
    if "evidence" in e:
        assert a["evidence"] == e["evidence"], a["evidence"]
    for text in e.get("explanation_includes", []):
        assert text in a["explanation"], a["explanation"]
    for p, codes in e.get("conditions_include", {}).items():
        assert p in bases, f"{p} missing: {a['explanation']}"
        have = {c["code"] for c in bases[p]["conditions"]}
        assert set(codes) <= have, f"{p}: {have}"
    assert a["trace"] and a["explanation"] and a["data_as_of"]
