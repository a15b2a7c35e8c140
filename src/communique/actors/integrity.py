"""Integrity checks of the knowledge base: the problems a data batch must not bring in.

- two terms of one single-holder office (``single`` in titles.json: a country's president, prime
  minister, foreign or defence minister, monarch ...) overlap, neither of them acting;
- one full-name alias names two people (a surname shared by two people is normal and is resolved
  by title and date; a full name is not);
- a person's name or alias is another person's canonical name.

Each problem is a line naming the people and the dates, for the test and for
``python3 -m communique.actors.integrity``.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from .kb import KnowledgeBase, name_key


def overlapping_terms(kb: KnowledgeBase) -> list[str]:
    terms: dict[tuple[str, str | None, str | None], list[tuple[object, object, str, bool]]] = defaultdict(list)
    for p in kb.people():
        for o in p.offices:
            if not kb.office_types[o.office].single or o.start is None:
                continue
            terms[(o.office, o.country, o.org)].append((o.start, o.end, p.name, o.acting))
    out = []
    for (office, country, org), items in sorted(terms.items(), key=lambda kv: str(kv[0])):
        items = sorted((t for t in items if not t[3]), key=lambda t: str(t[0]))  # acting terms may overlap
        for a, b in zip(items, items[1:], strict=False):
            a_end = a[1]
            if a[2] == b[2]:
                continue
            if a_end is None or str(b[0]) < str(a_end):
                out.append(f"{office} of {country or org}: {a[2]} ({a[0]} to {a_end or 'now'}) "
                           f"overlaps {b[2]} (from {b[0]})")
    return out


def ambiguous_aliases(kb: KnowledgeBase) -> list[str]:
    owners: dict[str, set[str]] = defaultdict(set)
    for p in kb.people():
        for form in (p.name, *p.aliases):
            if len(form.split()) >= 2:
                owners[name_key(form)].add(p.name)
    return [f"{key!r} names {', '.join(sorted(names))}" for key, names in sorted(owners.items()) if len(names) > 1]


def problems(kb: KnowledgeBase) -> list[str]:
    return overlapping_terms(kb) + ambiguous_aliases(kb)


def main() -> int:
    found = problems(KnowledgeBase.load())
    for line in found:
        print(line)
    print(f"{len(found)} problem(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
