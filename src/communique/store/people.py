"""Finding stored people by what a user types: the one resolver behind the CLI's ``--person``,
the API's ``?person=`` / ``?speaker=``, the UI's ``/people/{name}`` and search.

``find_people(store, query)`` returns every stored person ``query`` may name, best first, each
a :class:`PersonMatch` with how it matched and its rank:

3. the name itself or an alias of the knowledge base (case, diacritics, apostrophes, hyphens and
   the Arabic article folded by ``actors.kb.name_key``), titles and honorifics first stripped
   ("Ayatollah Khamenei", "President Raisi", "Prime Minister al-Sudani"); a Wikidata id (Q57336);
2. a full name in another transliteration ("Ebrahim Raeesi"; two words or more only);
1. a surname the knowledge base lists ("sudani", "Raeisi"), a shortened full name, initials; for
   people not in the knowledge base (names as written), the last word of the stored name.

Only stored people are candidates: a surname shared with someone the store never saw names the
one stored person. There is no fuzzy matching: a surname one letter away is another person.
``resolve_person`` wants one answer: the best rank held by one person, else
:class:`~communique.errors.AmbiguousPerson` naming the candidates (a choice page, a 409, a CLI
message); nothing when no stored person matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ..actors.kb import KnowledgeBase, name_key
from ..errors import AmbiguousPerson
from .store import PEOPLE

if TYPE_CHECKING:
    from .store import Store

RANKS = {"canonical": 3, "alias": 3, "name": 3, "id": 3, "transliteration": 2}  # anything else: 1
MAX_QUERY = 255  # no stored name is longer
_QID = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True, slots=True)
class PersonMatch:
    """A stored person a query may name."""

    name: str  # the stored (canonical) name: the person's page is /people/{name}
    role: str | None
    country: str | None
    wikidata: str | None
    documents: int
    quotes: int
    how: str  # name | canonical | alias | id | transliteration | surname | partial | initials
    rank: int  # 3 the name, an alias or the id; 2 a transliteration; 1 a surname or part of a name

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class _Stored:
    """The stored people, indexed for lookups (rebuilt when the store changes)."""

    rows: dict[str, dict[str, Any]]  # name -> role, country, wikidata, documents, quotes
    by_key: dict[str, list[str]]  # name_key -> names
    by_last: dict[str, list[str]]  # last word of the name_key -> names
    by_qid: dict[str, str]


def _stored(store: Store) -> _Stored:
    with store._read("index people") as conn:
        rows = conn.execute(select(PEOPLE.c.name, PEOPLE.c.role, PEOPLE.c.country, PEOPLE.c.wikidata,
                                   PEOPLE.c.n_documents, PEOPLE.c.n_quotes)).all()
    out = _Stored({}, {}, {}, {})
    for name, role, country, qid, docs, quotes in rows:
        out.rows[name] = {"role": role, "country": country, "wikidata": qid, "documents": int(docs or 0),
                          "quotes": int(quotes or 0)}
        key = name_key(name)
        if key:
            out.by_key.setdefault(key, []).append(name)
            out.by_last.setdefault(key.split()[-1], []).append(name)
        if qid:
            out.by_qid[qid] = name
    return out


def find_people(store: Store, query: str) -> list[PersonMatch]:
    """Every stored person ``query`` may name, best first (rank, then documents naming them)."""
    query = " ".join(query.split())
    if not query or len(query) > MAX_QUERY:
        return []
    return list(store.memo(("find people", query), lambda: tuple(_find(store, store.kb, query))))


def _find(store: Store, kb: KnowledgeBase, query: str) -> list[PersonMatch]:
    stored = store.memo(("stored people",), lambda: _stored(store))
    found: dict[str, tuple[int, str]] = {}

    def note(name: str, how: str) -> None:
        rank = RANKS.get(how, 1)
        if name in stored.rows and rank > found.get(name, (0, ""))[0]:
            found[name] = (rank, how)

    if _QID.fullmatch(query.upper()) and query.upper() in stored.by_qid:
        note(stored.by_qid[query.upper()], "id")
    for m in kb.match(query):
        note(m.person.name, m.how)
    rest = kb.strip_honorifics(query)
    for key in dict.fromkeys((name_key(query), name_key(rest))):
        for name in stored.by_key.get(key, ()):
            note(name, "name")
    key = name_key(rest)
    if len(key) > 1 and " " not in key and key not in kb.not_surnames:  # names as written: their last word
        for name in stored.by_last.get(key, ()):
            note(name, "surname")
    matches = [PersonMatch(name, how=how, rank=rank, **stored.rows[name]) for name, (rank, how) in found.items()]
    return sorted(matches, key=lambda m: (-m.rank, -m.documents, m.name))


def best(matches: Sequence[PersonMatch]) -> list[PersonMatch]:
    """The matches of the best rank: one person, or the candidates of an ambiguous name."""
    return [m for m in matches if m.rank == matches[0].rank] if matches else []


def resolve_person(store: Store, query: str) -> PersonMatch | None:
    """The one stored person ``query`` names; None when nobody matches; AmbiguousPerson when
    several match equally well."""
    top = best(find_people(store, query))
    if len(top) > 1:
        raise AmbiguousPerson(" ".join(query.split()), top)
    return top[0] if top else None


def name_forms(kb: KnowledgeBase, name: str) -> list[str]:
    """How texts may write a stored person: the name, the knowledge base's aliases and surnames."""
    entry = kb.person(name)
    forms = [name] if entry is None else [name, *entry.aliases, *entry.surnames]
    return list(dict.fromkeys(f for f in forms if f.strip()))


__all__ = ["PersonMatch", "best", "find_people", "name_forms", "resolve_person"]
