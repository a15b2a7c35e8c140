"""The API's response cache: repeated GETs are served from memory, and never once the store changed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from communique.api import create_app
from communique.events import merge_events
from communique.options import Options
from communique.store import Store
from pg import pg_server  # noqa: F401  (session fixture)
from test_api import COUNTRIES, HAND_CORPUS, _doc


def fill(store: Store) -> None:
    results = [_doc(i, t, a, b, d, p, k, COUNTRIES) for i, t, a, b, d, p, k in HAND_CORPUS]
    store.save_results(results)
    events = merge_events(results, (), Options())
    store.replace_events([(e.event_id, e.to_json()) for e in events],
                         [(e.event_id, d, i) for e in events for d, i in e.sources])


@pytest.fixture()
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cache.db'}"
    with Store.open(url) as store:
        fill(store)
    return url


def client_for(url: str, **opts: object) -> TestClient:
    return TestClient(create_app(Options(db=url, embeddings=False, **opts)))  # type: ignore[arg-type]


@pytest.fixture()
def client(url: str) -> Iterator[TestClient]:
    with client_for(url) as c:
        yield c


def test_repeated_get_is_a_hit_with_the_same_body(client: TestClient) -> None:
    first = client.get("/api/events?sort=date")
    second = client.get("/api/events?sort=date")
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
    assert second.content == first.content and second.headers["content-type"] == "application/json"
    assert client.get("/api/events?sort=-date").headers["x-cache"] == "miss"  # the query string is the key


def test_a_write_from_another_process_is_seen_at_once(client: TestClient, url: str) -> None:
    assert client.get("/api/events").json()["total"] == 3
    assert client.get("/api/events").headers["x-cache"] == "hit"
    code = f"from communique.store import Store\nwith Store.open({url!r}) as s:\n    s.replace_events([], [])\n"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
    after = client.get("/api/events")
    assert after.headers["x-cache"] == "miss" and after.json()["total"] == 0


def test_a_write_through_another_store_object_is_seen(client: TestClient, url: str) -> None:
    name = HAND_CORPUS[0][2]
    assert client.get("/api/documents").json()["total"] == 3
    client.get("/api/documents")
    with Store.open(url) as other:
        other.replace_events([], [])
        fill(other)  # same documents again: the content is equal but the store was written
    r = client.get("/api/documents")
    assert r.headers["x-cache"] == "miss" and r.json()["total"] == 3
    assert client.get(f"/api/people/{name}").status_code == 200


def test_errors_and_health_are_never_cached(client: TestClient) -> None:
    for _ in range(2):
        r = client.get("/api/events/no-such-event")
        assert r.status_code == 404 and r.headers["x-cache"] == "miss"
    for _ in range(2):
        assert "x-cache" not in client.get("/api/health").headers
    assert "x-cache" not in client.get("/").headers  # the UI is rendered each time


def test_cache_off_and_bounded(url: str) -> None:
    with client_for(url, api_cache_mb=0) as c:
        assert "x-cache" not in c.get("/api/events").headers
    with client_for(url) as c:
        cache = next(m for m in c.app.user_middleware if m.cls.__name__ == "ResponseCache")  # type: ignore[attr-defined]
        assert cache.kwargs["max_bytes"] == 64 * 1024 * 1024


def test_lru_evicts_beyond_its_size() -> None:
    from communique.api.cache import ResponseCache, _Entry

    cache = ResponseCache(app=None, token=lambda: 1, max_bytes=100)  # type: ignore[arg-type]
    for i in range(5):
        cache.put(f"k{i}".encode(), _Entry(1, 200, [], b"x" * 30))
    assert cache.size <= 100 and list(cache.entries) == [b"k2", b"k3", b"k4"]
    assert cache.get(b"k2", 1) is not None and cache.get(b"k2", 2) is None  # another token: stale


@pytest.mark.postgres
def test_postgresql_stores_are_not_cached(pg_server) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    url = pg_server.new_database()
    with Store.open(url) as store:
        fill(store)
    with client_for(url) as c:
        for _ in range(2):
            r = c.get("/api/events")
            assert r.status_code == 200 and "x-cache" not in r.headers
