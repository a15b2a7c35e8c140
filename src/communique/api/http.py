"""HTTP edges: security headers on every response, and uvicorn's own 400 in the error shape.

``SecurityHeaders`` is the outermost middleware: every answer (pages, API, errors, cached
responses, static files) carries a Content-Security-Policy the UI satisfies (no inline script
or style; the Swagger page at ``/docs`` is the one exception, it needs its inline start-up
script), ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` and a
``Referrer-Policy``. A request uvicorn cannot parse (bad Content-Length, NUL in a header, an
oversized request line) never reaches the app: ``PROTOCOL`` answers it with the same JSON error
shape and headers instead of uvicorn's plain-text ``Invalid HTTP request received.``.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_body

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    csp = DOCS_CSP if path == "/docs" else CSP
    return [(b"content-security-policy", csp.encode()), *HEADERS]


class SecurityHeaders:
    """ASGI middleware adding ``security_headers`` to each HTTP response that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", ())}
                message = {**message, "headers": [*message.get("headers", ()), *(h for h in extra if h[0] not in have)]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def bad_request_bytes(msg: str) -> bytes:
    """A whole HTTP/1.1 400 response in the error shape, for requests uvicorn cannot parse."""
    body = json.dumps(error_body(400, f"malformed HTTP request: {msg}", "bad_request")).encode()
    head = [b"HTTP/1.1 400 Bad Request", b"content-type: application/json", b"content-length: " + str(len(body)).encode(),
            b"connection: close", *(k + b": " + v for k, v in security_headers(""))]
    return b"\r\n".join(head) + b"\r\n\r\n" + body


try:  # uvicorn's HTTP protocol: httptools when installed (uvicorn's own choice), else h11
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _Base
except ImportError:  # pragma: no cover - httptools is a dependency
    from uvicorn.protocols.http.h11_impl import H11Protocol as _Base  # type: ignore[assignment]


class ShapedErrorsProtocol(_Base):
    """uvicorn's protocol answering requests it cannot parse with ``bad_request_bytes``."""

    def send_400_response(self, msg: str) -> None:
        self.transport.write(bad_request_bytes(msg))
        self.transport.close()


PROTOCOL = ShapedErrorsProtocol
