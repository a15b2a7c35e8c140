"""One JSON error shape for every API error: ``{"error": {status, code, message, detail}}``.

Handlers cover HTTP errors raised by routes (404, 401, 403, 413), FastAPI's request validation
(422), the store's errors (503) and anything unexpected (500, without internals). Web pages
(paths outside ``/api/``) get the same information as an HTML page when a browser asks for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from ..errors import AmbiguousPerson, StoreError

log = logging.getLogger("communique.api")

CODES: dict[int, str] = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    406: "not_acceptable", 409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type",
    422: "validation_error", 429: "too_many_requests", 500: "internal_error", 503: "unavailable",
}

HtmlRenderer = Callable[[Request, int, str], Response]


class ApiError(StarletteHTTPException):
    """An HTTP error with a machine-readable code and optional detail."""

    def __init__(self, status: int, message: str, *, code: str | None = None, detail: Any = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code or CODES.get(status, "error")
        self.extra = detail


def error_body(status: int, message: str, code: str | None = None, detail: Any = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code or CODES.get(status, "error"), "message": message,
                      "detail": jsonable_encoder(detail)}}


def error_response(status: int, message: str, code: str | None = None, detail: Any = None,
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, code, detail), status_code=status,
                        headers=dict(headers) if headers else None)


def ambiguous_response(exc: AmbiguousPerson) -> JSONResponse:
    """409 for a person name that several stored people match equally well: the error, and the
    candidates (``S.PersonChoices``), each with the API URL of their page."""
    candidates = [{**c.to_json(), "href": f"/api/people/{quote(c.name, safe='')}"} for c in exc.candidates]
    body = {**error_body(409, str(exc), "ambiguous_person", {"query": exc.query}), "candidates": candidates}
    return JSONResponse(body, status_code=409)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route of the app accepts on this path (Starlette names only the first route's)."""
    def flat(routes: Iterable[Any]) -> Iterator[Any]:
        for r in routes:
            inner = getattr(r, "original_router", None)  # FastAPI wraps included routers
            yield from flat(inner.routes) if inner is not None else (r,)

    methods: set[str] = set()
    for route in flat(request.app.router.routes):
        match, _ = route.matches({**request.scope, "method": "GET"})
        wanted = getattr(route, "methods", None)
        if wanted and match != Match.NONE:
            methods.update(wanted)
            if "GET" in methods:
                methods.add("HEAD")
    return sorted(methods)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path in ("/openapi.json", "/docs", "/redoc"):
        return False
    return "text/html" in request.headers.get("accept", "")


def install_error_handlers(app: FastAPI, html: HtmlRenderer | None = None) -> None:
    """Register the handlers on ``app``; ``html`` renders errors of web pages for browsers."""

    def respond(request: Request, status: int, message: str, code: str | None = None, detail: Any = None,
                headers: Mapping[str, str] | None = None) -> Response:
        if html is not None and _wants_html(request):
            return html(request, status, message)
        return error_response(status, message, code, detail, headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        status = exc.status_code
        if isinstance(exc, ApiError):
            return respond(request, status, str(exc.detail), exc.code, exc.extra, exc.headers)
        message = exc.detail if isinstance(exc.detail, str) and exc.detail else HTTPStatus(status).phrase
        headers = exc.headers
        if status == 404 and message == "Not Found":
            message = f"no such path: {request.url.path}"
        if status == 405:
            allowed = allowed_methods(request)
            message = f"method {request.method} not allowed on {request.url.path}; allowed: {', '.join(allowed)}"
            headers = {**(headers or {}), "Allow": ", ".join(allowed)}
        return respond(request, status, message, None, None, headers)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(x) for x in first["loc"])
        return respond(request, 422, f"invalid request: {where}: {first['msg']}" if where else "invalid request",
                       "validation_error", errors)

    async def ambiguous_person(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AmbiguousPerson)
        if html is not None and _wants_html(request):
            return html(request, 409, str(exc))
        return ambiguous_response(exc)

    async def store_error(request: Request, exc: Exception) -> Response:
        log.error("store error on %s: %s", request.url.path, exc)
        return respond(request, 503, f"the store cannot answer: {exc}", "store_error")

    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return respond(request, 500, f"internal error ({type(exc).__name__}); see the server log", "internal_error")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(AmbiguousPerson, ambiguous_person)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(Exception, internal_error)
