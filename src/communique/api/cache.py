"""An in-memory cache of the API's GET responses, exact until the store changes.

Reads dominate an analyst's use of the API, and the same pages (the timeline, a country's
events, a popular person) are asked for again and again. ``ResponseCache`` is ASGI middleware
that keeps the bytes of successful ``GET /api/...`` responses, keyed by path and query string,
together with the store's ``change_token`` taken *before* the response was computed. A cached
response is served only while the token is unchanged, so a write by this server, another
server process or a CLI run on the same store is never hidden (a write during a computation
makes that entry stale at once). Stores that cannot give a token cheaply (PostgreSQL) are not
cached. The cache is bounded in bytes (``api_cache_mb``; 0 turns it off) and evicts the least
recently used entries; responses larger than a sixteenth of it are never kept.

Responses carry ``X-Cache: hit`` or ``miss`` so a client (or a test) can tell.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNCACHED_PATHS = frozenset({"/api/health"})  # live by design


@dataclass(frozen=True, slots=True)
class _Entry:
    token: Any
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """ASGI middleware caching ``GET /api/...`` 200 responses while ``token()`` is unchanged."""

    def __init__(self, app: ASGIApp, token: Callable[[], Any], max_bytes: int) -> None:
        self.app = app
        self.token = token
        self.max_bytes = max_bytes
        self.max_item = max(1, max_bytes // 16)
        self.entries: OrderedDict[bytes, _Entry] = OrderedDict()
        self.size = 0
        self.hits = self.misses = 0
        self.lock = threading.Lock()

    def _cacheable(self, scope: Scope) -> bool:
        return (self.max_bytes > 0 and scope["type"] == "http" and scope["method"] == "GET"
                and scope["path"].startswith("/api/") and scope["path"] not in UNCACHED_PATHS)

    def get(self, key: bytes, token: Any) -> _Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry.token != token:
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: bytes, entry: _Entry) -> None:
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old.body)
            self.entries[key] = entry
            self.size += len(entry.body)
            while self.size > self.max_bytes and self.entries:
                _key, evicted = self.entries.popitem(last=False)
                self.size -= len(evicted.body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        token = self.token()
        if token is None:
            await self.app(scope, receive, send)
            return
        key = scope["path"].encode("utf-8", "surrogateescape") + b"?" + scope.get("query_string", b"")
        entry = self.get(key, token)
        if entry is not None:
            self.hits += 1
            await send({"type": "http.response.start", "status": entry.status,
                        "headers": [*entry.headers, (b"x-cache", b"hit")]})
            await send({"type": "http.response.body", "body": entry.body})
            return
        self.misses += 1
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
                message = {**message, "headers": [*message.get("headers", ()), (b"x-cache", b"miss")]}
            elif message["type"] == "http.response.body" and start is not None and start["status"] == 200:
                body = message.get("body", b"")
                size += len(body)
                if size <= self.max_item:
                    chunks.append(body)
                if not message.get("more_body", False) and size <= self.max_item:
                    self.put(key, _Entry(token, 200, list(start.get("headers", ())), b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)
