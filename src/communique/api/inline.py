"""Where a read handler runs: on the event loop for SQLite, on FastAPI's thread pool otherwise.

FastAPI runs a plain ``def`` handler on a thread pool: right when a query waits on a database
server (PostgreSQL), but for SQLite, whose reads are CPU work in this process, the threads only
contend for the GIL, and a request's time stretches with every request in flight. Inline, each
server process answers its requests one after another (first come, first served), which keeps
the tail of the latency close to its median under load. The JSON API and the web pages both
register their GET handlers through ``get_route``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter

Handler = Callable[..., Any]


def get_route(router: APIRouter, inline: bool) -> Callable[..., Callable[[Handler], Handler]]:
    """``router.get``, running the (plain ``def``) handler on the event loop when ``inline``."""
    def route(path: str, **kwargs: Any) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            if inline:
                @functools.wraps(handler)
                async def on_loop(*args: Any, **kw: Any) -> Any:
                    return handler(*args, **kw)

                router.get(path, **kwargs)(on_loop)
            else:
                router.get(path, **kwargs)(handler)
            return handler
        return register
    return route
