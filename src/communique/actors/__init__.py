"""Who is who: the knowledge base of political people and resolution of name and role mentions.

    from communique.actors import KnowledgeBase, resolve_mention
    kb = KnowledgeBase.load()                      # once; pass it around
    r = resolve_mention(kb, "Chairman Raeisi", date(2023, 12, 21))
    r.name, r.role, r.country                      # "Ebrahim Raisi", "President of Iran", "IRN"
"""

from __future__ import annotations

from .kb import KnowledgeBase, NameMatch, Office, OfficeType, PersonEntry, RoleCue
from .resolve import Resolution, resolve_mention
from .schema import KnowledgeBaseError

__all__ = [
    "KnowledgeBase", "KnowledgeBaseError", "NameMatch", "Office", "OfficeType", "PersonEntry", "Resolution",
    "RoleCue", "resolve_mention",
]
