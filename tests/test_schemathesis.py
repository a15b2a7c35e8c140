"""Property-based API tests: schemathesis drives every operation of the app's OpenAPI schema in-process.

The app runs over a store of the seed articles plus a few synthetic events (so the people,
countries and dates the generated requests ask about sometimes exist). Every response must not
be a server error, must use a documented status code and content type, and its body must match
the schema. Examples per operation are bounded so the file runs in well under a minute.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from communique.api import create_app
from communique.bench.synthetic import fill_store
from communique.options import Options
from communique.pipeline import Pipeline, run_into_store
from communique.store import Store

MAX_EXAMPLES = int(os.environ.get("COMMUNIQUE_SCHEMATHESIS_EXAMPLES", "12"))  # raise it for a deeper run
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def api_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, nlp: Any) -> Iterator[Store]:
    db = f"sqlite:///{tmp_path_factory.mktemp('schemathesis') / 'api.db'}"
    opts = Options(db=db, progress="never")
    _results, failures = run_into_store([seeds_dir], opts, pipeline=Pipeline(opts, nlp=nlp))
    assert failures == []
    store = Store.open(db)
    fill_store(store, 20, seed=7)
    yield store
    store.close()


@pytest.fixture(scope="module")
def api_schema(api_store: Store) -> Any:
    app = create_app(Options(db=api_store.display_url), store=api_store)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


# Every operation of the schema (a new one fails test_every_operation_is_tested until added here).
OPERATIONS = [
    ("GET", "/api/events"), ("GET", "/api/events/{event_id}"), ("GET", "/api/documents"),
    ("POST", "/api/documents"), ("GET", "/api/documents/{doc_id}"), ("GET", "/api/people"),
    ("GET", "/api/people/{name}"), ("GET", "/api/quotes"), ("GET", "/api/search"), ("GET", "/api/health"),
    ("GET", "/api/settings"),
]


def test_every_operation_is_tested(api_schema: Any) -> None:
    found = {(r.ok().method.upper(), r.ok().path) for r in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation_conforms_to_its_schema(api_schema: Any, method: str, path: str) -> None:
    """Generated requests (valid and edge-case parameters): no 5xx, documented status, type and body."""
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        case.call_and_validate(checks=CHECKS)

    check()
