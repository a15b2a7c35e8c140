"""The FastAPI app: JSON API under ``/api/`` and the web UI, over one store.

    from communique.api import create_app
    app = create_app(Options.load(db="sqlite:///x.db"))     # uvicorn.run(app, host="127.0.0.1")

Reads are open; ``POST /api/documents`` needs ``Authorization: Bearer <opts.api_token>`` and is
disabled (403) when no token is configured. Every error has one JSON shape (``errors.py``).
"""

from __future__ import annotations

import hmac
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import package_version
from ..ingest import read_bytes
from ..options import SETTINGS, Options
from ..records import Failure, RawDocument
from ..store import Store
from ..store import queries as Q
from ..store.search import search as search_store
from . import schemas as S
from .cache import ResponseCache
from .errors import ApiError, error_body, error_response, install_error_handlers
from .http import SecurityHeaders
from .ingest import Ingestor, PipelineFactory, documents_to_jsonl
from .inline import get_route

ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": S.ErrorResponse, "description": "Invalid parameters"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": S.ErrorResponse, "description": "Not found"}, **ERRORS}
AMBIGUOUS: dict[int | str, dict[str, Any]] = {409: {"model": S.PersonChoices, "description": (
    "The person name matches several stored people equally well: the candidates.")}}
PERSON_HELP = ("A person: canonical name, alias, surname, other transliteration, with or without titles "
               "(any case, diacritics optional); 409 with the candidates when several people match equally.")
SECRET_SETTINGS = frozenset({"api_token"})

Limit = Annotated[int, Query(ge=0, le=Q.MAX_LIMIT, description=f"Items per page (at most {Q.MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def api_router(inline_reads: bool = False) -> APIRouter:
    """The ``/api`` routes; ``inline_reads`` runs the GET handlers on the event loop (SQLite)."""
    r = APIRouter(prefix="/api")
    get = get_route(r, inline_reads)

    @get("/events", response_model=S.EventPage, responses={**ERRORS, **AMBIGUOUS}, tags=["events"])
    def list_events(
        request: Request,
        person: Annotated[str | None, Query(description="A participant or attendee. " + PERSON_HELP)] = None,
        country: Annotated[str | None, Query(description="ISO-3 country of a participant.", max_length=3)] = None,
        from_: Annotated[S.IsoDate | None, Query(alias="from", description="Earliest event date (YYYY-MM-DD).")] = None,
        to: Annotated[S.IsoDate | None, Query(description="Latest event date (YYYY-MM-DD).")] = None,
        type: Annotated[str | None, Query(description="PLOVER type of a statement in a source.")] = None,
        place: Annotated[str | None, Query(description="Meeting place (any case).")] = None,
        q: Annotated[str | None, Query(description="Free text over titles, evidence, quotes and participants "
                                             "(from a word start; total capped, see total_is_estimate).")] = None,
        sort: Literal["date", "-date", "sources", "-sources"] = "-date",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response:
        f = Q.EventFilter(person=person, country=country, date_from=from_, date_to=to,
                          type=type, place=place, q=q)
        items, total = Q.list_events_json(_store(request), f, limit=limit, offset=offset, sort=sort)
        return _page_json(items, total=total, limit=limit, offset=offset,
                          total_is_estimate=Q.total_is_floor(q, total))

    @get("/events/{event_id}", response_model=S.EventDetail, tags=["events"],
         responses={**NOT_FOUND, 301: {"model": S.EventMoved, "description": "The id no longer names an event: "
                                       "where its reports went (Location: the event holding its first report)."}})
    def get_event(request: Request, event_id: Annotated[str, Path(max_length=64)]) -> Response:
        store = _store(request)
        data = Q.get_event(store, event_id)
        if data is None:
            targets = store.event_redirect(event_id)
            if targets:
                body = {**error_body(301, f"event {event_id!r} is now {', '.join(targets)}", "moved"), "event_ids": targets}
                return Response(json.dumps(body), status_code=301, media_type="application/json",
                                headers={"Location": f"/api/events/{targets[0]}"})
            raise ApiError(404, f"no event {event_id!r}" + (" (its reports are gone)" if targets == [] else ""))
        return _json(S.EventDetail, data)

    @get("/documents", response_model=S.DocumentPage, responses=ERRORS, tags=["documents"])
    def list_documents(
        request: Request,
        spun: Annotated[bool | None, Query(description="Only spun (true) or not spun (false) documents.")] = None,
        language: Annotated[str | None, Query(max_length=16)] = None,
        q: Annotated[str | None, Query(description="Free text over titles and texts.")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response:
        items, total = Q.list_documents(_store(request), spun=spun, language=language, q=q, limit=limit, offset=offset)
        return _json(S.DocumentPage, {"items": items, "total": total, "limit": limit, "offset": offset})

    @get("/documents/{doc_id:path}", response_model=S.DocumentDetail, responses=NOT_FOUND, tags=["documents"])
    def get_document(request: Request, doc_id: Annotated[str, Path(max_length=255)]) -> Response:
        data = Q.get_document(_store(request), doc_id)
        if data is None:
            raise ApiError(404, f"no document {doc_id!r}")
        return _json(S.DocumentDetail, data)

    @r.post(
        "/documents", response_model=S.IngestOut, status_code=201, tags=["documents"],
        responses={
            400: {"model": S.ErrorResponse, "description": "Unreadable body"},
            401: {"model": S.ErrorResponse, "description": "Missing or wrong bearer token"},
            403: {"model": S.ErrorResponse, "description": "Writes are disabled (no token configured)"},
            413: {"model": S.ErrorResponse, "description": "Body larger than max_upload_bytes"},
            415: {"model": S.ErrorResponse, "description": "Neither JSON nor multipart"},
            **ERRORS,
        },
        openapi_extra={"security": [{"bearerAuth": []}], "requestBody": {"required": True, "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/IngestIn"}},
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "file": {"type": "array", "items": {"type": "string", "format": "binary"}}}}},
        }}},
    )
    async def post_documents(request: Request) -> Response:
        """Ingest documents (JSON ``{documents: [...]}`` or multipart files): extract, store, re-merge events."""
        opts: Options = request.app.state.opts
        _authorise(request, opts)
        body = await _read_limited(request, opts.max_upload_bytes)
        items = await _parse_ingest(request, body, opts)
        ingestor: Ingestor = request.app.state.ingestor
        from starlette.concurrency import run_in_threadpool

        out = await run_in_threadpool(ingestor.ingest, _store(request), items)
        return _json(S.IngestOut, out, 201)

    @get("/people", response_model=S.PeoplePage, responses=ERRORS, tags=["people"])
    def list_people(
        request: Request,
        q: Annotated[str | None, Query(description="Part of a name (any case).")] = None,
        country: Annotated[str | None, Query(max_length=3)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response:
        items, total = Q.list_people(_store(request), q=q, country=country, limit=limit, offset=offset)
        return _json(S.PeoplePage, {"items": items, "total": total, "limit": limit, "offset": offset})

    @get("/people/{name:path}", response_model=S.PersonDetail, responses={**NOT_FOUND, **AMBIGUOUS}, tags=["people"])
    def get_person(
        request: Request,
        name: Annotated[str, Path(max_length=255)],
        limit: Annotated[int, Query(ge=0, le=Q.MAX_LIMIT, description="Meetings and quotes to include, each "
                                    f"(at most {Q.MAX_LIMIT}; the totals say how many there are).")] = Q.PERSON_LIMIT,
    ) -> Response:
        data = Q.get_person(_store(request), name, limit=limit)
        if data is None:
            raise ApiError(404, f"no person {name!r}")
        return _json(S.PersonDetail, data)

    @get("/quotes", response_model=S.QuotePage, responses={**ERRORS, **AMBIGUOUS}, tags=["quotes"])
    def list_quotes(
        request: Request,
        q: Annotated[str | None, Query(description="Words in the quote (any case).")] = None,
        speaker: Annotated[str | None, Query(description="The speaker. " + PERSON_HELP)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response:
        items, total = Q.search_quotes(_store(request), q=q, speaker=speaker, limit=limit, offset=offset)
        return _json(S.QuotePage, {"items": items, "total": total, "limit": limit, "offset": offset,
                                           "total_is_estimate": Q.total_is_floor(q, total)})

    @get("/search", response_model=S.SearchResult, responses=ERRORS, tags=["search"])
    def search(
        request: Request,
        q: Annotated[str, Query(max_length=255, description="A name (aliases, surnames, transliterations, titles) "
                                                            "or words of events, quotes and documents.")],
        limit: Annotated[int, Query(ge=0, le=Q.MAX_LIMIT, description="Items per group.")] = 20,
    ) -> Response:
        """People, events, quotes (with speakers) and documents matching ``q``, with highlighted snippets."""
        return _json(S.SearchResult, search_store(_store(request), q, limit=limit))

    @get("/health", response_model=S.Health, tags=["meta"])
    def health(request: Request) -> Response:
        return _json(S.Health, Q.health(_store(request)))

    @get("/settings", response_model=S.SettingsOut, tags=["meta"])
    def settings(request: Request) -> Response:
        return _json(S.SettingsOut, {"settings": settings_table(request.app.state.opts, _store(request))})

    return r


def _json(model: type[BaseModel], data: Any, status_code: int = 200) -> Response:
    """``data`` validated against ``model`` once and serialised by pydantic-core (the route's
    ``response_model`` documents the shape; FastAPI does not validate a returned Response again)."""
    return Response(model.model_validate(data).model_dump_json(by_alias=True), status_code=status_code,
                    media_type="application/json")


def _page_json(items: list[str], **fields: Any) -> Response:
    """A page whose items are JSON texts the store keeps (``Q.list_events_json``): spliced in, not
    decoded and validated again (``test_event_pages_spliced_from_stored_json_match_the_model``)."""
    rest = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return Response(f'{{"items":[{",".join(items)}],{rest[1:]}', media_type="application/json")


def settings_table(opts: Options, store: Store) -> list[dict[str, Any]]:
    """The SETTINGS table with current values; secrets are never shown (only whether they are set)."""
    out = []
    for s in SETTINGS:
        value: Any = getattr(opts, s.name)
        secret = s.name in SECRET_SETTINGS
        if secret:
            value = "(set)" if value else None
        elif s.name == "db":
            value = store.display_url
        out.append({"name": s.name, "value": list(value) if isinstance(value, tuple) else value,
                    "default": list(s.default) if isinstance(s.default, tuple) else s.default, "help": s.help,
                    "choices": list(s.choices) if s.choices is not None else None, "minimum": s.minimum,
                    "maximum": s.maximum, "secret": secret})
    return out


def _authorise(request: Request, opts: Options) -> None:
    if not opts.api_token:
        raise ApiError(403, "writes are disabled: no API token is configured "
                            "(set api_token, serve --token or COMMUNIQUE_API_TOKEN)")
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "missing bearer token: send 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(token.strip().encode(), opts.api_token.encode()):
        raise ApiError(401, "wrong bearer token", headers={"WWW-Authenticate": "Bearer"})


async def _read_limited(request: Request, limit: int) -> bytes:
    """The request body, or 413 as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"request body of {int(declared)} bytes exceeds max_upload_bytes ({limit})",
                       detail={"limit": limit})
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body exceeds max_upload_bytes ({limit})", detail={"limit": limit})
        chunks.append(chunk)
    return b"".join(chunks)


async def _parse_ingest(request: Request, body: bytes, opts: Options) -> list[RawDocument | Failure]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json" or ctype.endswith("+json"):
        try:
            payload = S.IngestIn.model_validate_json(body)
        except ValidationError as exc:
            errors = [{"loc": ["body", *e["loc"]], "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
            where = ".".join(str(x) for x in errors[0]["loc"]) if errors else "body"
            raise ApiError(422, f"invalid request: {where}: {errors[0]['msg'] if errors else 'invalid'}",
                           detail=errors) from None
        bad = [i for i, d in enumerate(payload.documents) if not ((d.text or "").strip() or (d.html or "").strip())]
        if bad:
            raise ApiError(422, f"invalid request: body.documents.{bad[0]}: needs 'text' or 'html'",
                           detail=[{"loc": ["body", "documents", i], "msg": "needs 'text' or 'html'",
                                    "type": "missing"} for i in bad])
        return list(read_bytes(documents_to_jsonl(payload.documents), "request.jsonl", opts))
    if ctype == "multipart/form-data":
        async def replay() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        try:
            form = await Request(request.scope, replay).form(max_part_size=opts.max_upload_bytes)
        except Exception as exc:  # malformed multipart of any kind
            raise ApiError(400, f"cannot read multipart body: {exc}") from None
        items: list[RawDocument | Failure] = []
        for _key, value in form.multi_items():
            if isinstance(value, str):
                continue
            data = await value.read()
            items.extend(read_bytes(data, value.filename or "upload.txt", opts))
        if not items:
            raise ApiError(422, "invalid request: no file in the multipart body", code="validation_error")
        return items
    raise ApiError(415, f"unsupported content type {ctype or '(none)'!r}: send application/json or multipart/form-data")


class BodyLimit:
    """ASGI middleware: 413 in the one error shape when Content-Length exceeds ``limit``."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for key, value in scope.get("headers", ()):
                if key == b"content-length" and value.isdigit() and int(value) > self.limit:
                    response = error_response(413, f"request body of {int(value)} bytes exceeds max_upload_bytes "
                                                   f"({self.limit})", detail={"limit": self.limit})
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)


def create_app(opts: Options, store: Store | None = None, *, pipeline_factory: PipelineFactory | None = None) -> FastAPI:
    """The app over ``store`` (opened from ``opts.db`` and closed with the app when None)."""
    from ..web import mount_web

    owned = store is None
    the_store = store if store is not None else Store.open(opts.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            the_store.close()

    app = FastAPI(title="communique", version=package_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Who met whom, when, where, and who said what, with evidence from every source.")
    _mount_offline_docs(app)
    app.state.opts = opts
    app.state.store = the_store
    app.state.ingestor = Ingestor(opts, pipeline_factory)
    app.add_middleware(ResponseCache, token=the_store.change_token, max_bytes=opts.api_cache_mb * 1024 * 1024)
    app.add_middleware(BodyLimit, limit=opts.max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    inline = the_store.dialect == "sqlite"  # see inline.py
    app.include_router(api_router(inline_reads=inline))
    html_error = mount_web(app, inline_reads=inline)
    install_error_handlers(app, html_error)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def app_from_environment() -> FastAPI:
    """The app for one of ``serve --workers N``'s processes: settings from the environment."""
    import os

    return create_app(Options.load(api_token=os.environ.get("COMMUNIQUE_API_TOKEN")))


def _mount_offline_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from assets shipped in a PyPI package (fastapi-offline), not a CDN."""
    from pathlib import Path

    import fastapi_offline
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles

    static = Path(fastapi_offline.__file__).parent / "static"
    app.mount("/docs-static", StaticFiles(directory=static), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="communique API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js", swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon.png",
        )


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema plus what the hand-parsed POST body refers to and the bearer scheme."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = spec.setdefault("components", {})
        schemas = components.setdefault("schemas", {})
        body = S.IngestIn.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(body.pop("$defs", {}))
        schemas["IngestIn"] = body
        components["securitySchemes"] = {"bearerAuth": {"type": "http", "scheme": "bearer",
                                                        "description": "The server's api_token (serve --token)."}}
        app.openapi_schema = spec
    return app.openapi_schema
