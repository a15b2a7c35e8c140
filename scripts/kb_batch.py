#!/usr/bin/env python3
"""Check one regional batch of the knowledge base (src/communique/actors/data/people/NAME.json):
it loads with the rest (schema, no duplicate canonical names), brings no integrity problem
(overlapping terms of one office, a full-name alias naming two people), and covers its countries.

    .venv/bin/python scripts/kb_batch.py src/communique/actors/data/people/africa_west.json
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from communique.actors.integrity import ambiguous_aliases, overlapping_terms
from communique.actors.kb import KnowledgeBase
from communique.errors import KnowledgeBaseError


def main(path: str) -> int:
    batch = json.loads(Path(path).read_text(encoding="utf-8"))
    names = {p["name"] for p in batch.get("people", [])}
    try:
        kb = KnowledgeBase.load()
    except KnowledgeBaseError as exc:
        print(f"error: {exc}")
        return 1
    bad = [line for line in overlapping_terms(kb) + ambiguous_aliases(kb) if any(n in line for n in names)]
    for line in bad:
        print("problem:", line)
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for p in batch["people"]:
        for o in p.get("offices", []):
            per[o.get("country") or o.get("org") or "?"][o["office"]] += 1
    for c in sorted(per):
        print(c, dict(per[c]))
    print(f"{len(names)} people in the batch; {len(kb.people())} in the knowledge base; {len(bad)} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
