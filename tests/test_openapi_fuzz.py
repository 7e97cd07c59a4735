"""Schemathesis against the app's own OpenAPI description (/openapi.json), on the real knowledge base.

Every operation of the JSON API is called with generated parameters, valid and not: no answer may be
a server error, a 2xx answer must match its response schema, and every error must be JSON with an
`error` and a `detail` message and no stack trace. Examples are bounded and derandomised (the same
cases on every run), so the test is reproducible and stays well under two minutes on two cores.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from kb.knowledge import KnowledgeBase
from kb.library import library

# The operations of /openapi.json, listed so that a new one is noticed (test_every_operation_is_fuzzed).
# (schemathesis' own pytest plugin is not used: its lazy loader breaks on pytest 9.2's nodes.)
OPERATIONS = [
    ("GET", "/api/participation"),
    ("GET", "/api/availability"),
    ("GET", "/api/treaty/{slug}"),
    ("GET", "/api/queries"),
    ("GET", "/api/queries/{name}"),
    ("GET", "/api/treaties"),
]
# Invalid requests can only be made of operations with a required or constrained parameter.
NEGATIVE = [("GET", "/api/participation"), ("GET", "/api/availability")]
EXAMPLES = int(os.environ.get("TREATYKB_FUZZ_EXAMPLES", "25"))  # per operation and generation mode


@pytest.fixture(scope="module")
def api_schema(real_kb: KnowledgeBase) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(real_kb))


def errors_are_json_messages(ctx: Any, response: Any, case: Case) -> bool | None:
    """Every error is JSON {"error": ..., "detail": ...}, both non-empty strings, with no stack trace."""
    if response.status_code < 400:
        return None
    assert "Traceback" not in response.text, "a stack trace in the answer"
    doc = response.json()
    assert isinstance(doc, dict), doc
    assert isinstance(doc.get("error"), str) and doc["error"], doc
    assert isinstance(doc.get("detail"), str) and doc["detail"], doc
    return None


SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    schemathesis.check(errors_are_json_messages),
]


def test_every_operation_is_fuzzed(api_schema: Any) -> None:
    found = sorted((op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations())
    assert found == sorted(OPERATIONS)


CASES = [(m, p, GenerationMode.POSITIVE) for m, p in OPERATIONS] + [
    (m, p, GenerationMode.NEGATIVE) for m, p in NEGATIVE
]


@pytest.mark.parametrize(("method", "path", "mode"), CASES, ids=[f"{m} {p} {g.value}" for m, p, g in CASES])
def test_operation(api_schema: Any, method: str, path: str, mode: GenerationMode) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @SETTINGS
    def fuzz(case: Case) -> None:
        case.call_and_validate(checks=CHECKS)

    fuzz()


def known_values(kb: KnowledgeBase) -> dict[str, st.SearchStrategy[Any]]:
    """Parameters drawn from the knowledge base, so that answers are not all "unknown state"."""
    days = st.dates(min_value=date(1950, 1, 1), max_value=date(2035, 12, 31)).map(date.isoformat)
    return {
        "state": st.sampled_from(sorted(kb.actors)),
        "treaty": st.sampled_from(sorted(kb.records)),
        "mechanism": st.sampled_from(sorted(kb.inputs().mechanisms)),
        "date": st.one_of(st.just(""), days),
        "provision": st.sampled_from(["cets-185/art/29/para/4", "cets-185/art/25", "untoc/art/18/para/13"]),
    }


def library_query(values: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[tuple[str, dict[str, str]]]:
    """A library query's name and values for some of its parameters (the others take their examples)."""

    def params(name: str) -> st.SearchStrategy[tuple[str, dict[str, str]]]:
        ps = library()[name].params
        return st.fixed_dictionaries({}, optional={p.name: values[p.type] for p in ps}).map(lambda d: (name, d))

    return st.sampled_from(sorted(library())).flatmap(params)


@pytest.mark.parametrize(
    "path", ["/api/participation", "/api/availability", "/api/treaty/{slug}", "/api/queries/{name}"]
)
def test_operation_with_known_values(api_schema: Any, real_kb: KnowledgeBase, path: str) -> None:
    """The same checks with states, treaties, mechanisms, queries and dates that exist: the answers
    that are reached are mostly 2xx, deeper than generated strings get."""
    operation = api_schema[path]["GET"]
    v = known_values(real_kb)
    cases: st.SearchStrategy[Any]
    if path == "/api/participation":
        cases = st.fixed_dictionaries({"state": v["state"], "treaty": v["treaty"], "date": v["date"]})
        cases = cases.map(lambda q: operation.Case(query=q))
    elif path == "/api/availability":
        query = {"from": v["state"], "to": v["state"], "mechanism": v["mechanism"], "date": v["date"]}
        cases = st.fixed_dictionaries(query).map(lambda q: operation.Case(query=q))
    elif path == "/api/treaty/{slug}":
        cases = st.tuples(v["treaty"], v["date"]).map(
            lambda t: operation.Case(path_parameters={"slug": t[0]}, query={"date": t[1]})
        )
    else:
        cases = library_query(v).map(lambda t: operation.Case(path_parameters={"name": t[0]}, query=t[1]))

    @given(case=cases)
    @SETTINGS
    def fuzz(case: Case) -> None:
        case.call_and_validate(checks=CHECKS)

    fuzz()


def test_openapi_describes_every_answer_not_a_bare_object(real_kb: KnowledgeBase) -> None:
    """Issue #18 item 6: each /api route declares its response model, so the fuzzing checks shapes."""
    from fastapi.testclient import TestClient

    doc = TestClient(create_app(real_kb)).get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    for path, model in [
        ("/api/availability", "AvailabilityAnswer"),
        ("/api/participation", "ParticipationAnswer"),
        ("/api/treaty/{slug}", "TreatySummary"),
    ]:
        ok = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok == {"$ref": f"#/components/schemas/{model}"}, (path, ok)
    assert {"status", "bases", "gaps", "best_basis", "evidence"} <= set(schemas["AvailabilityAnswer"]["properties"])
    assert "closed_list" in schemas["ParticipationAnswer"]["properties"]
    assert schemas["Gap"]["properties"]["code"] == {"$ref": "#/components/schemas/GapCode"}
    assert schemas["GapCode"]["enum"][0] == "not_party"  # the vocabulary's codes (kb/vocab.py)
