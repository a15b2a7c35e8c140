"""Every API error has one JSON shape: {"error": {"status", "code", "message", "detail"}}."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from communique.api import create_app
from communique.errors import StoreError
from communique.options import Options
from communique.pipeline import Pipeline

TOKEN = "tok-123"


def no_pipeline(opts: Options) -> Pipeline:
    raise AssertionError("these requests must fail before the pipeline loads")


def make_client(tmp_path: Path, **settings: Any) -> TestClient:
    opts = Options(db=f"sqlite:///{tmp_path / 'e.db'}", **settings)
    return TestClient(create_app(opts, pipeline_factory=no_pipeline), raise_server_exceptions=False)


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path, api_token=TOKEN, max_upload_bytes=1000) as c:
        yield c


def check(r: Response, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "detail"}
    assert err["status"] == status and err["code"] == code
    assert isinstance(err["message"], str) and err["message"]
    return dict(err)


def test_404_unknown_event_document_person(client: TestClient) -> None:
    assert check(client.get("/api/events/evt-nope"), 404, "not_found")["message"] == "no event 'evt-nope'"
    assert check(client.get("/api/documents/d/with/slash"), 404, "not_found")["message"] == "no document 'd/with/slash'"
    assert check(client.get("/api/people/Nobody"), 404, "not_found")["message"] == "no person 'Nobody'"


def test_404_unknown_path(client: TestClient) -> None:
    err = check(client.get("/api/nothing-here"), 404, "not_found")
    assert err["message"] == "no such path: /api/nothing-here" and err["detail"] is None


def test_405_wrong_method_names_every_allowed_method(client: TestClient) -> None:
    r = client.delete("/api/documents")
    assert check(r, 405, "method_not_allowed")["message"] == (
        "method DELETE not allowed on /api/documents; allowed: GET, HEAD, POST")
    assert r.headers["allow"] == "GET, HEAD, POST"
    assert client.put("/api/events").headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize(("url", "where"), [
    ("/api/events?limit=201", "query.limit"),
    ("/api/events?limit=-1", "query.limit"),
    ("/api/events?offset=-5", "query.offset"),
    ("/api/events?from=yesterday", "query.from"),
    ("/api/events?to=0", "query.to"),  # not a timestamp
    ("/api/events?to=2024-02-30", "query.to"),
    ("/api/events?sort=name", "query.sort"),
    ("/api/documents?spun=maybe", "query.spun"),
])
def test_422_validation(client: TestClient, url: str, where: str) -> None:
    err = check(client.get(url), 422, "validation_error")
    assert err["message"].startswith(f"invalid request: {where}: ")
    assert err["detail"][0]["loc"] == where.split(".")
    assert {"loc", "msg", "type"} <= set(err["detail"][0])


def test_422_bad_ingest_body(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    err = check(client.post("/api/documents", json={"documents": []}, headers=auth), 422, "validation_error")
    assert err["detail"][0]["loc"] == ["body", "documents"]
    err = check(client.post("/api/documents", json={"docs": 1}, headers=auth), 422, "validation_error")
    assert err["message"].startswith("invalid request: body.")
    check(client.post("/api/documents", content=b"{not json", headers={**auth, "content-type": "application/json"}),
          422, "validation_error")


def test_401_missing_or_wrong_token(client: TestClient) -> None:
    body = {"documents": [{"text": "x"}]}
    r = client.post("/api/documents", json=body)
    assert check(r, 401, "unauthorized")["message"] == "missing bearer token: send 'Authorization: Bearer <token>'"
    assert r.headers["www-authenticate"] == "Bearer"
    r = client.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong"})
    assert check(r, 401, "unauthorized")["message"] == "wrong bearer token"
    check(client.post("/api/documents", json=body, headers={"Authorization": f"Basic {TOKEN}"}), 401, "unauthorized")


def test_403_when_no_token_is_configured(tmp_path: Path) -> None:
    with make_client(tmp_path) as c:
        r = c.post("/api/documents", json={"documents": [{"text": "x"}]}, headers={"Authorization": "Bearer anything"})
        assert check(r, 403, "forbidden")["message"] == (
            "writes are disabled: no API token is configured (set api_token, serve --token or COMMUNIQUE_API_TOKEN)")


def test_413_body_too_large(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"documents": [{"text": "word " * 400}]}
    err = check(client.post("/api/documents", json=big, headers=auth), 413, "payload_too_large")
    assert err["detail"] == {"limit": 1000} and "max_upload_bytes (1000)" in err["message"]
    files = {"file": ("a.txt", b"x" * 2000, "text/plain")}
    check(client.post("/api/documents", files=files, headers=auth), 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
        for _ in range(5):
            yield b"x" * 400

    r = client.post("/api/documents", content=chunks(), headers={**auth, "content-type": "application/json"})
    check(r, 413, "payload_too_large")


def test_415_unsupported_content_type(client: TestClient) -> None:
    r = client.post("/api/documents", content=b"hello", headers={"Authorization": f"Bearer {TOKEN}",
                                                                 "content-type": "text/plain"})
    check(r, 415, "unsupported_media_type")


def test_500_hides_internals(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.store import queries

    def boom(*a: Any, **k: Any) -> Any:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(queries, "list_events_json", boom)  # what GET /api/events calls
    err = check(client.get("/api/events"), 500, "internal_error")
    assert err["message"] == "internal error (RuntimeError); see the server log"
    assert "secret" not in str(err)


def test_503_store_error(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.store import queries

    def down(*a: Any, **k: Any) -> Any:
        raise StoreError("sqlite:///x.db: cannot list documents: disk I/O error")

    monkeypatch.setattr(queries, "list_documents", down)
    err = check(client.get("/api/documents"), 503, "store_error")
    assert err["message"] == "the store cannot answer: sqlite:///x.db: cannot list documents: disk I/O error"


def test_web_pages_answer_browsers_with_html(client: TestClient) -> None:
    r = client.get("/events/evt-nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "event &#39;evt-nope&#39; not found" in r.text
    check(client.get("/events/evt-nope", headers={"accept": "application/json"}), 404, "not_found")
    check(client.get("/api/events/evt-nope", headers={"accept": "text/html"}), 404, "not_found")
