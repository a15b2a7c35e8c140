"""Web routes: each page reads through ``store.queries`` and renders one template."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import export as X
from ..api.inline import get_route
from ..errors import AmbiguousPerson
from ..plover import geonames_place
from ..records import UNDATED
from ..store import Store, StoredDocument
from ..store import aggregates as A
from ..store import queries as Q
from ..store.indexing import outlet as outlet_of
from ..store.people import resolve_person
from ..store.search import mark, term_pattern
from ..store.search import search as search_store
from . import charts
from .highlight import Mark, highlight, raw_to_clean

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 50
FIELD_LABELS = {"date": "Date", "location": "Place", "attendees": "Attendees", "participants": "Participants"}
FACET_LABELS = {"country": "Country", "person": "Person", "type": "PLOVER type", "outlet": "Outlet", "place": "Place",
                "disputed": "Disputed", "report": "Spun or copied", "month": "Month"}
DOWNLOAD_LIMIT = 10_000  # rows in a download of a list (its first rows, in the list's order)
# the query parameters of an event list, shared by the list, its charts, facets and downloads
FILTER_PARAMS = ("q", "person", "with", "country", "with_country", "from", "to", "type", "place", "outlet",
                 "disputed", "report", "sort")


@dataclass(frozen=True)
class Filters:
    """An event list's filter as the URL gives it: the store's ``EventFilter``, the sort, and the
    parameters to build links from (a facet, a bar, a node or a download keeps the others)."""

    f: Q.EventFilter
    sort: str
    params: dict[str, str] = field(default_factory=dict)

    def href(self, path: str = "/", **changes: Any) -> str:
        """``path`` with these parameters changed (None drops one); the page number is not kept."""
        params = dict(self.params)
        for k, v in changes.items():
            k = {"from_": "from", "with_": "with"}.get(k, k)
            if v is None:
                params.pop(k, None)
            else:
                params[k] = str(v)
        return path + ("?" + urlencode(params) if params else "")

    @property
    def query(self) -> str:
        return urlencode(self.params)

    @property
    def active(self) -> list[tuple[str, str]]:
        """The filter's parameters but the sort, for the "remove" links."""
        return [(k, v) for k, v in self.params.items() if k != "sort"]


def event_filters(
    q: str | None = None, person: str | None = None,
    with_: Annotated[str | None, Query(alias="with")] = None,
    country: str | None = None, with_country: str | None = None,
    from_: Annotated[date | None, Query(alias="from")] = None, to: date | None = None,
    type: str | None = None, place: str | None = None, outlet: str | None = None,  # noqa: A002
    disputed: str | None = None, report: str | None = None, sort: str = "-date",
) -> Filters:
    """The filter of an event list from its query parameters (``FILTER_PARAMS``)."""
    sort = sort if sort in Q.EVENT_SORTS else "-date"
    report = report if report in ("spun", "copy") else None
    is_disputed = disputed in ("yes", "1", "true")
    f = Q.EventFilter(person=person or None, with_person=with_ or None, country=country or None,
                      with_country=with_country or None, date_from=from_, date_to=to, type=type or None,
                      place=place or None, q=q or None, outlet=outlet or None, disputed=is_disputed, report=report)
    values = {"q": q, "person": person, "with": with_, "country": country, "with_country": with_country,
              "from": from_, "to": to, "type": type, "place": place, "outlet": outlet,
              "disputed": "yes" if is_disputed else None, "report": report, "sort": sort if sort != "-date" else None}
    return Filters(f, sort, {k: str(v) for k, v in values.items() if v})


FilterDep = Annotated[Filters, Depends(event_filters)]


def _download(rows: Iterable[Mapping[str, Any]], table: str, fmt: str, name: str) -> Response:
    """``rows`` of export table ``table`` as CSV (the export's columns and cells) or JSON (a list of
    objects with the same keys), sent as a file called ``name``."""
    schema = X.SCHEMAS[table]
    if fmt == "csv":
        out = io.StringIO()
        X.write_csv(rows, out, schema, flat=X.CSV_FLAT.get(table, ()))
        body, media = out.getvalue(), "text/csv; charset=utf-8"
    else:
        items = [{c: r.get(c) for c in schema.names} for r in rows]
        body = json.dumps(items, ensure_ascii=False, default=X._json_default)
        media = "application/json"
    return Response(body, media_type=media,
                    headers={"content-disposition": f'attachment; filename="{name}.{fmt}"'})


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
    env.filters["outlet_href"] = lambda name: _href("outlets", "name", name)
    env.filters["outlet"] = outlet_of
    env.globals["FIELD_LABELS"] = FIELD_LABELS
    env.globals["FACET_LABELS"] = FACET_LABELS
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

    def event_list(request: Request, flt: Filters, page: int, heading: str, path: str = "/") -> Response:
        """An event list under ``heading`` with its timeline, facets and downloads (the home page,
        a country's page)."""
        store = _store(request)
        f = flt.f
        try:
            items, total = Q.list_events(store, f, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, sort=flt.sort)
            tl = A.timeline(store, f)
            facets = A.facets(store, f)
        except AmbiguousPerson as exc:
            return choose(request, exc, lambda name: flt.href(path, person=name))
        pages = {"prev": flt.href(path, page=page - 1) if page > 1 else None,
                 "next": flt.href(path, page=page + 1) if page * PAGE_SIZE < total else None}
        chart = charts.bars(tl["bins"], lambda b: flt.href(path, from_=b["start"], to=b["end"]),
                            f"Events per {tl['unit']}")
        return render(request, "index.html", events=items, total=total, floor=Q.total_is_floor(f.q, total), f=f,
                      q=f.q or "", sort=flt.sort, pages=pages, page=page, sorts=Q.EVENT_SORTS, flt=flt,
                      heading=heading, path=path, tl=tl, chart=chart, facets=facets)

    @get("/")
    def timeline(request: Request, flt: FilterDep,
                 page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
        return event_list(request, flt, page, "Meetings")

    @get("/countries/{code}")
    def country(request: Request, code: str, flt: FilterDep,
                page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
        code = code.strip().upper()
        flt = Filters(replace(flt.f, country=code), flt.sort, {**flt.params, "country": code})
        return event_list(request, flt, page, f"Meetings of {code}", path=f"/countries/{segment(code)}")

    @get("/events.csv")
    def events_csv(request: Request, flt: FilterDep) -> Response:
        return events_download(request, flt, "csv")

    @get("/events.json")
    def events_json(request: Request, flt: FilterDep) -> Response:
        return events_download(request, flt, "json")

    def events_download(request: Request, flt: Filters, fmt: str) -> Response:
        """The events the list shows (every page, its order; the first ``DOWNLOAD_LIMIT``) as the
        export's events table."""
        try:
            records = Q.event_records(_store(request), flt.f, sort=flt.sort, limit=DOWNLOAD_LIMIT)
        except AmbiguousPerson as exc:
            return choose(request, exc, lambda name: flt.href(f"/events.{fmt}", person=name))
        return _download((X.event_row(r) for r in records), "events", fmt, "events")

    @get("/network")
    def network_page(request: Request, flt: FilterDep, by: str = "person") -> Response:
        by = by if by in ("person", "country") else "person"
        store = _store(request)
        try:
            net = A.network(store, flt.f, by=by)
        except AmbiguousPerson as exc:
            return choose(request, exc, lambda name: flt.href("/network", person=name))
        key, other = ("person", "with") if by == "person" else ("country", "with_country")
        svg = store.memo(("network svg", flt.query, by), lambda: charts.network(  # the layout: ~20 ms for 30 nodes
            net, lambda n: flt.href("/", **{key: n, other: None}), lambda a, b: flt.href("/", **{key: a, other: b}),
            f"Who met whom: {'people' if by == 'person' else 'countries'}, edge width = meetings"))
        return render(request, "network.html", net=net, svg=svg, flt=flt, by=by, key=key, other=other)

    @get("/map")
    def map_page(request: Request, flt: FilterDep) -> Response:
        store = _store(request)
        try:
            found = A.places(store, flt.f, geonames_place)
        except AmbiguousPerson as exc:
            return choose(request, exc, lambda name: flt.href("/map", person=name))
        svg = store.memo(("map svg", flt.query), lambda: charts.world_map(
            request.app.state.world_outline, found["points"], lambda pt: flt.href("/", place=pt["place"]),
            "Meeting places (dot area = events)"))
        return render(request, "map.html", found=found, svg=svg, flt=flt)

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
        store = _store(request)
        titles = {s["doc_id"]: s["title"] or s["doc_id"] for s in e["sources"]}
        copies = {s["doc_id"] for s in e["sources"] if s["copy_of"]}
        copy_quotes = Q.quotes_of(store, sorted(copies)) if copies else []
        return render(request, "event.html", e=e, titles=titles, positions=A.event_positions(store, e),
                      copy_quotes=copy_quotes)

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

    @get("/people/{name}/statements.{fmt}")
    def person_statements(request: Request, name: str, fmt: str) -> Response:
        """A person's positions as the page lists them, as the export's statements table."""
        store = _store(request)
        found = resolve_person(store, name) if fmt in ("csv", "json") else None
        if found is None:
            raise _not_found(f"statements of {name!r} as {fmt!r} (csv or json)")
        wanted = [(s["doc_id"], s["idx"]) for s in A.positions(store, found.name)]
        docs = {d: store.get_document(d) for d in dict.fromkeys(d for d, _ in wanted)}
        by_key = {(d, row["idx"]): row for d, doc in docs.items() if doc is not None
                  for row in X.document_rows(doc, "statements", with_copies=True)}  # the page shows copies' too
        return _download([by_key[k] for k in wanted if k in by_key], "statements", fmt, "statements")

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
        flt = event_filters(person=found.name, sort="date")  # the meetings as the page lists them
        tl = A.timeline(store, flt.f)
        chart = charts.bars(tl["bins"], lambda b: flt.href("/", from_=b["start"], to=b["end"]),
                            f"Meetings of {found.name} per {tl['unit']}")
        return render(request, "person.html", p=Q.get_person(store, found.name), flt=flt, tl=tl, chart=chart,
                      counterparts=A.counterparts(store, found.name), positions=A.positions(store, found.name))

    @get("/outlets/")
    def outlet_by_query(request: Request, name: str = "", page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
        return outlet_page(request, name, page)

    @get("/outlets/{name}/documents.{fmt}")
    def outlet_download(request: Request, name: str, fmt: str) -> Response:
        if fmt not in ("csv", "json"):
            raise _not_found(f"format {fmt!r} (csv or json)")
        store = _store(request)
        found = A.outlet_reports(store, name, limit=DOWNLOAD_LIMIT)
        rows = (row for d in found["items"] for doc in (store.get_document(d["doc_id"]),) if doc is not None
                for row in X.document_rows(doc, "documents"))
        return _download(rows, "documents", fmt, f"documents-{found['outlet']}")

    @get("/outlets/{name}")
    def outlet_page(request: Request, name: str, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
        """An outlet's reports, newest first, with how many are copies of another report or spun."""
        found = A.outlet_reports(_store(request), name, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        if not found["total"]:
            raise _not_found(f"outlet {name!r}")
        pages = {"prev": f"?page={page - 1}" if page > 1 else None,
                 "next": f"?page={page + 1}" if page * PAGE_SIZE < found["total"] else None}
        return render(request, "outlet.html", o=found, pages=pages,
                      events_href=event_filters(outlet=found["outlet"]).href("/"))

    @get("/search/{what}.{fmt}")
    def search_download(request: Request, what: str, fmt: str, q: str = "") -> Response:
        """One group of the search page (events, quotes or documents) as the export's table."""
        if what not in ("events", "quotes", "documents") or fmt not in ("csv", "json"):
            raise _not_found(f"download {what}.{fmt} (events, quotes or documents; csv or json)")
        store = _store(request)
        r = search_store(store, q)
        rows: list[dict[str, Any]] = []
        if what == "events":
            rows = [X.event_row(e) for e in Q.events_by_id(store, [e["event_id"] for e in r["events"]])]
        else:
            wanted = [(x["doc_id"], x.get("idx")) for x in r[what]]
            docs = {d: store.get_document(d) for d in dict.fromkeys(d for d, _ in wanted)}
            by_key = {(d, row.get("idx") if what == "quotes" else None): row for d, doc in docs.items() if doc is not None
                      for row in X.document_rows(doc, what, with_copies=True)}  # as listed, copies included
            rows = [by_key[(d, i if what == "quotes" else None)] for d, i in wanted
                    if (d, i if what == "quotes" else None) in by_key]
        return _download(rows, what, fmt, f"search-{what}")

    @get("/search")
    def search(request: Request, q: str = "") -> Response:
        r = search_store(_store(request), q)
        return render(request, "search.html", q=q, r=r, marks=term_pattern(r["terms"], r["q"]))

    return r


def mount_web(app: FastAPI, inline_reads: bool = False) -> Any:
    """Add the pages and ``/static`` to ``app``; returns the HTML error renderer for browsers.
    ``inline_reads``: the pages' handlers run on the event loop (SQLite, see ``api.inline``)."""
    templates = _templates()
    app.state.world_outline = (files("communique") / "data" / "world-land-110m.path").read_text("utf-8").strip()
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(web_router(templates, inline_reads))

    def html_error(request: Request, status: int, message: str) -> Response:
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                          status_code=status)

    return html_error
