"""Who is who: the knowledge base of political people and resolution of name and role mentions.

    from communique.actors import KnowledgeBase, resolve_mention
    kb = KnowledgeBase.load()                      # once; pass it around
    r = resolve_mention(kb, "Chairman Raeisi", date(2023, 12, 21))
    r.name, r.role, r.country                      # "Ebrahim Raisi", "President of Iran", "IRN"

The knowledge is data (``data/*.json``, each with a ``version``): ``people.json`` holds one person
per line (canonical name, Wikidata id, aliases, surnames usable alone, offices with ISO dates; end
null = still in office); ``countries.json`` names, demonyms, capitals and metonyms per ISO-3 code;
``titles.json`` honorifics, role phrases (with the office type, default country and organisation
they imply), office types (label title, prominence rank, single holder or not) and given-name
spelling variants. Edit them, bump the version, and run ``tests/test_actors.py``: it checks the
schema, codes, dates, overlapping terms of single-holder offices and that every alias resolves back.
"""

from __future__ import annotations

from .kb import KnowledgeBase, NameMatch, Office, OfficeType, PersonEntry, RoleCue
from .resolve import Resolution, resolve_mention
from .schema import KnowledgeBaseError

__all__ = [
    "KnowledgeBase", "KnowledgeBaseError", "NameMatch", "Office", "OfficeType", "PersonEntry", "Resolution",
    "RoleCue", "resolve_mention",
]
