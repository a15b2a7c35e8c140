"""``communique events`` and ``communique event ID``: merged events from the store."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import click

from ..errors import AmbiguousPerson
from ..events import FIELDS
from ..records import NO_PLACE, UNDATED
from ..store import Store
from ..store.people import resolve_person
from ..store.queries import EventFilter, event_ids
from .common import (
    EXIT_NOT_FOUND,
    EXIT_USAGE,
    command_errors,
    db_option,
    format_option,
    open_existing,
    terminal,
)

_FORMAT = format_option("text", "json", default="text", help="text: readable; json: the full records.")




LABELS = {"location": "place"}  # one word for a meeting's place in CLI output (the JSON key stays location)


def _mentions(data: dict[str, Any], person: str) -> bool:
    return person in (*data.get("participants", ()), *data.get("attendees", ()))


def _resolve(store: Store, person: str) -> str | None:
    """The stored person ``person`` names (the store's resolver, as the API and UI use); several
    equally good candidates: listed, exit code 2 (the argument needs to be more precise)."""
    try:
        found = resolve_person(store, person)
    except AmbiguousPerson as exc:
        click.echo(f"error: {exc}", err=True)
        for c in exc.candidates:
            click.echo(f"  {c.name}" + "".join(f" · {x}" for x in (c.role, c.country) if x), err=True)
        raise SystemExit(EXIT_USAGE) from None
    return found.name if found is not None else None


def _value(v: Any) -> str:
    if v is None or v == []:
        return "-"
    return ", ".join(v) if isinstance(v, list) else str(v)


def reports_label(d: dict[str, Any], short: bool = False) -> str:
    """``3 independent reports (2 copies)``, or ``3 (+2 copies)`` for a table cell."""
    docs = {s[0] for s in d.get("sources", ())}
    n = int(d.get("independent_reports", len(docs)))
    copies = int(d.get("copies", 0))
    if short:
        return f"{n}" + (f" (+{copies} {'copy' if copies == 1 else 'copies'})" if copies else "")
    text = f"{n} independent report{'s' if n != 1 else ''}"
    return text + (f" ({copies} {'copy' if copies == 1 else 'copies'})" if copies else "")


def format_events(events: dict[str, dict[str, Any]]) -> str:
    """One line per event: id, date, participants, place, sources, conflicting fields (marked !)."""
    rows = [("event", "date", "participants", "place", "reports", "conflicts")]
    for eid, d in events.items():
        conflicts = d.get("conflicts") or []
        rows.append((eid, d.get("date") or UNDATED, " + ".join(d.get("participants", ())), d.get("location") or NO_PLACE,
                     reports_label(d, short=True), ("! " + ", ".join(conflicts)) if conflicts else ""))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def format_event(d: dict[str, Any]) -> str:
    """Every field: the agreed value, how many sources gave it, conflict mark, then each source's value."""
    lines = [
        f"event: {d['event_id']}",
        f"participants: {' + '.join(d['participants'])}",
        f"date: {d.get('date') or UNDATED}" + (f" ({d['date_derivation']})" if d.get("date_derivation") else ""),
        f"place: {d.get('location') or NO_PLACE}",
        f"attendees: {', '.join(d.get('attendees') or ()) or '-'}",
        f"sources: {reports_label(d)}" + ("; DISPUTED: " + ", ".join(d["conflicts"]) if d.get("conflicts") else ""),
        *(f"    {r['doc_id']}" + (f" (copies: {', '.join(r['copies'])})" if r["copies"] else "") for r in d.get("reports", ())),
        "",
    ]
    fields = d.get("fields", {})
    for name in FIELDS:
        f = fields.get(name)
        if f is None:
            continue
        n = int(d.get("independent_reports", len(f["sources"])))
        copy_of = {c: r["doc_id"] for r in d.get("reports", ()) for c in r["copies"]}
        mark = "  ! CONFLICT" if f["conflict"] else ""
        shown = _value if name != "date" else lambda v: str(v or UNDATED)
        lines.append(f"{LABELS.get(name, name)}: {shown(f['value'])}  (agreed by {f['agreed_by']} of {n}){mark}")
        for doc, v in f["sources"].items():
            lines.append(f"    {doc}: {shown(v)}" + (f"  (copy of {copy_of[doc]}: not counted)" if doc in copy_of else ""))
    return "\n".join(lines)


_DAY = click.DateTime(formats=["%Y-%m-%d"])


@click.command(name="events")
@db_option
@click.option("--person", default=None, help="Only events with this person among participants or attendees: a name, alias, surname or other "
              "transliteration, titles allowed (as the API's ?person=); an ambiguous name lists the candidates (exit 2).")
@click.option("--from", "date_from", type=_DAY, default=None, help="Earliest event date (YYYY-MM-DD); undated events are left out.")
@click.option("--to", "date_to", type=_DAY, default=None, help="Latest event date (YYYY-MM-DD); undated events are left out.")
@click.option("--country", default=None, help="ISO-3 country of a participant (e.g. TUR).")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many events (default: all).")
@_FORMAT
def events_cmd(db: str | None, person: str | None, date_from: datetime | None, date_to: datetime | None,
               country: str | None, limit: int | None, fmt: str) -> None:
    """List merged events, newest first (undated last, then by id): id, date, participants, place,
    number of source reports, conflicts (!). The filters mean what the API's /api/events ones do."""
    f = EventFilter(country=country, date_from=date_from.date() if date_from else None,
                    date_to=date_to.date() if date_to else None)
    with command_errors(), open_existing(db) as store:
        events = store.load_events()
        order = event_ids(store, f)
        who = _resolve(store, person) if person else None
    events = {eid: events[eid] for eid in order if eid in events}
    if person:
        events = {k: v for k, v in events.items() if who is not None and _mentions(v, who)}
    if limit is not None:
        events = dict(list(events.items())[:limit])
    if fmt == "json":
        click.echo(json.dumps(list(events.values()), ensure_ascii=False, indent=2))
    elif events:
        click.echo(terminal(format_events(events)))
    else:
        click.echo("no events" + (f" with {who}" if who else f": no person in the store matches {person!r}" if person else ""))


@click.command(name="event")
@click.argument("event_id")
@db_option
@_FORMAT
def event_cmd(event_id: str, db: str | None, fmt: str) -> None:
    """Show one event: each field's agreed value, agreement count, conflicts and every source's value."""
    with command_errors(), open_existing(db) as store:
        events = store.load_events()
        data = events.get(event_id)
        targets = store.event_redirect(event_id) if data is None else None
        where = store.display_url
    if data is None and targets:
        click.echo(f"note: event {event_id} is now {', '.join(targets)} (its reports were merged or split)", err=True)
        data = events.get(targets[0])
    if data is None:
        gone = " (its reports are gone)" if targets == [] else ""
        click.echo(f"error: no event {event_id!r} in {where}{gone}", err=True)
        raise SystemExit(EXIT_NOT_FOUND)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if fmt == "json" else terminal(format_event(data)))
