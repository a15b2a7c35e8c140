"""Web routes: each page reads through ``store.queries`` and renders one template."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..api.inline import get_route
from ..errors import AmbiguousPerson
from ..records import UNDATED
from ..store import Store, StoredDocument
from ..store import queries as Q
from ..store.people import resolve_person
from ..store.search import mark, term_pattern
from ..store.search import search as search_store
from .highlight import Mark, highlight, raw_to_clean

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 50
FIELD_LABELS = {"date": "Date", "location": "Place", "attendees": "Attendees", "participants": "Participants"}


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(enabled_extensions=("html",), default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["value"] = _value
    env.filters["day"] = lambda v: str(v) if v else UNDATED  # one rendering of a missing date
    env.filters["segment"] = segment
    env.filters["doc_href"] = lambda doc_id: _href("documents", "id", doc_id)
    env.filters["person_href"] = lambda name: _href("people", "name", name)
    env.filters["mark"] = mark
    env.globals["FIELD_LABELS"] = FIELD_LABELS
    return Jinja2Templates(env=env)


def segment(value: Any) -> str:
    """``value`` as one URL path segment: ``/`` and ``?`` included, percent-encoded."""
    return quote(str(value), safe="")


def _href(kind: str, param: str, value: Any) -> str:
    """The page of a document or person. Ids come from the input, so a ``/`` in one stays inside
    its segment; an id that is only dots (a browser resolves ``..`` even encoded) goes in the query."""
    text = str(value)
    if text.strip(".") == "":
        return f"/{kind}/?{urlencode({param: text})}"
    return f"/{kind}/{segment(text)}"


def _value(v: Any) -> str:
    if v is None or v == [] or v == "":
        return "—"
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    return str(v)


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _not_found(what: str) -> StarletteHTTPException:
    return StarletteHTTPException(404, f"{what} not found")


def document_marks(doc: StoredDocument, *, only_meeting: int | None = None) -> list[Mark]:
    """Every extracted fact of ``doc`` as a mark over its raw text (keys as the page lists them)."""
    a = doc.analysis
    marks: list[Mark] = [Mark(f"r-{i}", s.start, s.end, "removed", 0) for i, s in enumerate(doc.clean.removed)]
    for i, p in enumerate(a.people):
        marks.extend(Mark(f"p-{i}-{k}", s.start, s.end, "mention", 1, p.name) for k, s in enumerate(p.mentions))
    for i, m in enumerate(a.meetings):
        if only_meeting is not None and i != only_meeting:
            continue
        if m.evidence:
            marks.append(Mark(f"m-{i}", m.evidence.start, m.evidence.end, "meeting", 2,
                              "meeting: " + " and ".join(m.participants)))
        if m.location_text:
            marks.append(Mark(f"l-{i}", m.location_text.start, m.location_text.end, "place", 3, m.location))
    for i, s in enumerate(a.statements):
        marks.append(Mark(f"s-{i}", s.evidence.start, s.evidence.end, "statement", 3, s.type))
    for i, q in enumerate(a.quotes):
        marks.append(Mark(f"q-{i}", q.start, q.end, "quote", 4, f"quote: {q.speaker or 'unknown speaker'}"))
    return marks


def _clean_marks(doc: StoredDocument, marks: list[Mark]) -> list[Mark]:
    n = len(doc.clean_text)
    out = []
    for m in marks:
        cs, ce = raw_to_clean(doc.offsets, n, m.start, m.end)
        if ce > cs:
            out.append(Mark(m.key, cs, ce, m.kind, m.priority, m.title))
    return out


def web_router(templates: Jinja2Templates, inline_reads: bool = False) -> APIRouter:
    r = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
    get = get_route(r, inline_reads)

    def render(request: Request, name: str, status: int = 200, **ctx: Any) -> Response:
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    @get("/")
    def timeline(
        request: Request,
        q: str | None = None, person: str | None = None, country: str | None = None,
        from_: Annotated[date | None, Query(alias="from")] = None, to: date | None = None,
        type: str | None = None, place: str | None = None, sort: str = "-date",
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    ) -> Response:
        sort = sort if sort in Q.EVENT_SORTS else "-date"
        f = Q.EventFilter(person=person or None, country=country or None, date_from=from_, date_to=to,
                          type=type or None, place=place or None, q=q or None)
        params = {k: v for k, v in {"q": q, "person": person, "country": country, "from": from_, "to": to,
                                    "type": type, "place": place, "sort": sort}.items() if v}
        try:
            items, total = Q.list_events(_store(request), f, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, sort=sort)
        except AmbiguousPerson as exc:
            return choose(request, exc, lambda name: "/?" + urlencode({**params, "person": name}))
        pages = {"prev": urlencode({**params, "page": page - 1}) if page > 1 else None,
                 "next": urlencode({**params, "page": page + 1}) if page * PAGE_SIZE < total else None}
        return render(request, "index.html", events=items, total=total, floor=Q.total_is_floor(q, total), f=f, q=q or "", sort=sort, pages=pages,
                      page=page, sorts=Q.EVENT_SORTS)

    def moved(request: Request, event_id: str, suffix: str = "") -> Response:
        targets = _store(request).event_redirect(event_id)
        if targets:
            return RedirectResponse(f"/events/{segment(targets[0])}{suffix}", status_code=301)
        raise _not_found(f"event {event_id!r}")

    @get("/events/{event_id}")
    def event(request: Request, event_id: str) -> Response:
        e = Q.get_event(_store(request), event_id)
        if e is None:
            return moved(request, event_id)
        titles = {s["doc_id"]: s["title"] or s["doc_id"] for s in e["sources"]}
        return render(request, "event.html", e=e, titles=titles)

    @get("/events/{event_id}/compare")
    def compare(request: Request, event_id: str) -> Response:
        store = _store(request)
        e = Q.get_event(store, event_id)
        if e is None:
            return moved(request, event_id, "/compare")
        columns = []
        for col, src in enumerate(s for s in e["sources"] if s["copy_of"] is None):  # originals: copies repeat them
            doc = store.get_document(src["doc_id"])
            if doc is None:
                continue
            marks: list[Mark] = []
            for m in src["meetings"]:
                marks.extend(replace(x, key=f"c{col}-{x.key}") for x in document_marks(doc, only_meeting=m["idx"])
                             if x.kind in ("meeting", "place"))
            columns.append({"src": src, "html": highlight(doc.clean_text, _clean_marks(doc, marks))})
        return render(request, "compare.html", e=e, columns=columns)

    @get("/documents/")
    def document_by_query(request: Request, id: str = "") -> Response:  # noqa: A002  (the query's name)
        return document(request, id)

    @get("/people/")
    def person_by_query(request: Request, name: str = "") -> Response:
        return person(request, name)

    @get("/documents/{doc_id:path}")
    def document(request: Request, doc_id: str) -> Response:
        doc = _store(request).get_document(doc_id)
        if doc is None:
            raise _not_found(f"document {doc_id!r}")
        return render(request, "document.html", d=Q.document_json(doc),
                      html=highlight(doc.raw_text, document_marks(doc)))

    def choose(request: Request, exc: AmbiguousPerson, href: Callable[[str], str]) -> Response:
        """The page for a name several stored people match equally well: a link to each (HTTP 300)."""
        people = [{**c.to_json(), "href": href(c.name)} for c in exc.candidates]
        return render(request, "choose.html", status=300, query=exc.query, people=people)

    @get("/people/{name:path}")
    def person(request: Request, name: str) -> Response:
        """A person by any name the resolver knows: the canonical page, a redirect to it, or a choice."""
        store = _store(request)
        try:
            found = resolve_person(store, name)
        except AmbiguousPerson as exc:
            return choose(request, exc, lambda n: _href("people", "name", n))
        if found is None:
            raise _not_found(f"person {name!r}")
        if found.name != name:
            return RedirectResponse(_href("people", "name", found.name), status_code=302)
        return render(request, "person.html", p=Q.get_person(store, found.name))

    @get("/search")
    def search(request: Request, q: str = "") -> Response:
        r = search_store(_store(request), q)
        return render(request, "search.html", q=q, r=r, marks=term_pattern(r["terms"], r["q"]))

    return r


def mount_web(app: FastAPI, inline_reads: bool = False) -> Any:
    """Add the pages and ``/static`` to ``app``; returns the HTML error renderer for browsers.
    ``inline_reads``: the pages' handlers run on the event loop (SQLite, see ``api.inline``)."""
    templates = _templates()
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(web_router(templates, inline_reads))

    def html_error(request: Request, status: int, message: str) -> Response:
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                          status_code=status)

    return html_error
