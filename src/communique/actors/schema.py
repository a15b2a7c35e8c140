"""Reading and validating the knowledge-base data files: every error names the file and the entry."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import KnowledgeBaseError

_CODE_RE = re.compile(r"^[A-Z]{3}(-[A-Z]{2,4})?$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")




def _parse_date(value: Any, file: str, entry: str, what: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise KnowledgeBaseError(file, entry, f"{what} must be an ISO date string or null, not {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise KnowledgeBaseError(file, entry, f"{what} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnowledgeBaseError(str(path), "file", f"cannot be read ({exc.strerror or exc})") from None
    except json.JSONDecodeError as exc:
        raise KnowledgeBaseError(str(path), f"line {exc.lineno}", f"invalid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("version"), str) or not data["version"]:
        raise KnowledgeBaseError(str(path), "top level", 'must be an object with a non-empty "version" string')
    return data


def _str_list(value: Any, file: str, entry: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeBaseError(file, entry, f"{what} must be a list of non-empty strings")
    return tuple(value)


def validate_countries(data: dict[str, Any], file: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    entries = data.get("countries")
    if not isinstance(entries, list):
        raise KnowledgeBaseError(file, "top level", '"countries" must be a list')
    for n, c in enumerate(entries):
        code = c.get("code") if isinstance(c, dict) else None
        entry = f"countries[{n}] ({code})"
        if not isinstance(code, str) or not _CODE_RE.match(code):
            raise KnowledgeBaseError(file, entry, "code must be ISO 3166-1 alpha-3 (or a region code like IRQ-KRD)")
        if code in out:
            raise KnowledgeBaseError(file, entry, "duplicate code")
        names = _str_list(c.get("names"), file, entry, "names")
        if not names:
            raise KnowledgeBaseError(file, entry, "names must not be empty")
        out[code] = {
            "code": code,
            "name": names[0],
            "label_name": c.get("label_name") or names[0],
            "names": list(names),
            "demonyms": list(_str_list(c.get("demonyms"), file, entry, "demonyms")),
            "capitals": list(_str_list(c.get("capitals"), file, entry, "capitals")),
            "metonyms": list(_str_list(c.get("metonyms"), file, entry, "metonyms")),
            "parent": c.get("parent"),
        }
    return out


def validate_titles(data: dict[str, Any], file: str, countries: dict[str, Any]) -> set[str]:
    for key in ("honorifics", "modifiers", "former_words", "role_phrases"):
        if not isinstance(data.get(key), list):
            raise KnowledgeBaseError(file, "top level", f'"{key}" must be a list')
    types = data.get("office_types")
    if not isinstance(types, dict):
        raise KnowledgeBaseError(file, "top level", '"office_types" must be an object')
    for k, v in types.items():
        if not isinstance(v, dict) or not isinstance(v.get("title"), str) or not isinstance(v.get("rank"), int):
            raise KnowledgeBaseError(file, f"office_types.{k}", 'needs "title" (string), "rank" (int), "single" (bool)')
    for n, r in enumerate(data["role_phrases"]):
        entry = f"role_phrases[{n}] ({r.get('phrase') if isinstance(r, dict) else r!r})"
        if not isinstance(r, dict) or not isinstance(r.get("phrase"), str) or not r["phrase"].strip():
            raise KnowledgeBaseError(file, entry, 'needs a non-empty "phrase"')
        if r.get("office") not in types:
            raise KnowledgeBaseError(file, entry, f"unknown office type {r.get('office')!r}")
        if r.get("country") is not None and r["country"] not in countries:
            raise KnowledgeBaseError(file, entry, f"unknown country {r['country']!r}")
    return set(types)


def validate_people(data: dict[str, Any], file: str, countries: dict[str, Any], office_types: Iterable[str]) -> list[dict[str, Any]]:
    types = set(office_types)
    entries = data.get("people")
    if not isinstance(entries, list):
        raise KnowledgeBaseError(file, "top level", '"people" must be a list')
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, p in enumerate(entries):
        if not isinstance(p, dict) or not isinstance(p.get("name"), str) or not p["name"].strip():
            raise KnowledgeBaseError(file, f"people[{n}]", 'needs a non-empty "name"')
        entry = f"people[{n}] ({p['name']})"
        if p["name"] in seen:
            raise KnowledgeBaseError(file, entry, "duplicate canonical name")
        seen.add(p["name"])
        qid = p.get("id")
        if qid is not None and (not isinstance(qid, str) or not _QID_RE.match(qid)):
            raise KnowledgeBaseError(file, entry, f"id {qid!r} is not a Wikidata QID")
        if p.get("country") not in countries:
            raise KnowledgeBaseError(file, entry, f"unknown country {p.get('country')!r}")
        offices = []
        for k, o in enumerate(p.get("offices") or []):
            where = f"{entry} offices[{k}]"
            if not isinstance(o, dict) or o.get("office") not in types:
                raise KnowledgeBaseError(file, where, f"unknown office type {o.get('office') if isinstance(o, dict) else o!r}")
            if o.get("country") is None and not o.get("org"):
                raise KnowledgeBaseError(file, where, "needs a country or an org")
            if o.get("country") is not None and o["country"] not in countries:
                raise KnowledgeBaseError(file, where, f"unknown country {o['country']!r}")
            if not isinstance(o.get("label"), str) or not o["label"].strip():
                raise KnowledgeBaseError(file, where, 'needs a "label"')
            start = _parse_date(o.get("start"), file, where, "start")
            end = _parse_date(o.get("end"), file, where, "end")
            if start and end and end < start:
                raise KnowledgeBaseError(file, where, f"end {end} is before start {start}")
            if not isinstance(o.get("acting", False), bool):
                raise KnowledgeBaseError(file, where, '"acting" must be true or false')
            offices.append({"office": o["office"], "country": o.get("country"), "label": o["label"],
                            "start": start, "end": end, "org": o.get("org"), "acting": o.get("acting", False)})
        out.append({
            "id": qid, "name": p["name"], "aliases": _str_list(p.get("aliases"), file, entry, "aliases"),
            "surnames": _str_list(p.get("surnames"), file, entry, "surnames"), "country": p["country"],
            "offices": offices,
        })
    return out


OFFICE_GROUPS = ("head_of_state", "head_of_government", "foreign_minister", "defense_minister")


def validate_no_office(data: dict[str, Any], file: str, countries: dict[str, Any]) -> list[dict[str, Any]]:
    """``no_office``: periods in which a country had no holder of an office group of its own
    (no prime minister in a presidential system, the president as his own defence minister, a
    realm's head of state abroad), so that the coverage report does not count them as gaps."""
    out: list[dict[str, Any]] = []
    for n, x in enumerate(data.get("no_office") or []):
        where = f"no_office[{n}]"
        if not isinstance(x, dict) or x.get("country") not in countries:
            raise KnowledgeBaseError(file, where, f"unknown country {x.get('country') if isinstance(x, dict) else x!r}")
        if x.get("group") not in OFFICE_GROUPS:
            raise KnowledgeBaseError(file, where, f"group must be one of {', '.join(OFFICE_GROUPS)}")
        if not isinstance(x.get("note"), str) or not x["note"].strip():
            raise KnowledgeBaseError(file, where, 'needs a "note" saying why')
        out.append({"country": x["country"], "group": x["group"], "note": x["note"],
                    "start": _parse_date(x.get("start"), file, where, "start"),
                    "end": _parse_date(x.get("end"), file, where, "end")})
    return out
