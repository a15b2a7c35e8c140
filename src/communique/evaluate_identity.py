"""Person identity: is every mention of a gold person resolved to that person?

For each place where the article names a gold person (every occurrence of one of its gold
``variants`` in the raw text), the system's person whose mention covers that place is:

- ``right``: the same person (by the scorer's name matching);
- ``wrong``: somebody else (another gold person, or a known person the gold does not have:
  "Castro" given to Fidel Castro on a page about Xiomara Castro). A wrong identity puts words in
  the wrong mouth and must stay at zero;
- ``unresolved``: no system person covers it.

Offsets are those of the JSONL contract (raw text), so the metric needs the article texts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .evaluate import matches_person, name_key


@dataclass(slots=True)
class Identity:
    right: int = 0
    wrong: int = 0
    unresolved: int = 0
    wrong_cases: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, what was given to whom)

    @property
    def accuracy(self) -> float:
        n = self.right + self.wrong + self.unresolved
        return self.right / n if n else 1.0

    def to_json(self) -> dict[str, Any]:
        return {"right": self.right, "wrong": self.wrong, "unresolved": self.unresolved,
                "accuracy": self.accuracy, "wrong_cases": [f"{d}: {w}" for d, w in self.wrong_cases]}


def identity(outputs: Mapping[str, Mapping[str, Any]], golds: Mapping[str, Mapping[str, Any]],
             texts: Mapping[str, Path]) -> Identity:
    """Right, wrong and unresolved identities over every gold-person mention of the documents."""
    out = Identity()
    for doc_id, gold in golds.items():
        path = texts.get(doc_id)
        if path is None or not path.exists():
            continue
        raw = path.read_text(encoding="utf-8")
        system = outputs.get(doc_id) or {}
        covers = [(m["start"], m["end"], str(p.get("name"))) for p in system.get("people") or []
                  for m in p.get("mentions") or [] if "start" in m and "end" in m]
        places = [(start, end, gp) for gp in gold.get("people") or []
                  for start, end in _occurrences(raw, [str(gp.get("name") or ""), *(gp.get("variants") or [])])]
        # "Milei" inside "Karina Milei" is Karina's mention, not another of Javier's
        places = [(s, e, gp) for s, e, gp in places
                  if not any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2, _ in places)]
        # "Sulueti Rabuka" (his wife, not a gold person) holds no mention of Sitiveni Rabuka; "Turkish Defense
        # Minister Mevlut Cavusoglu" (the page's slip) names Cavusoglu, not the defence minister
        people = gold.get("people") or []
        places = [(s, e, gp) for s, e, gp in places
                  if not _full_name_of_another(raw, s, e, covers, people) and not _title_of_the_next(raw, s, e, gp, places)]
        for start, end, gp in places:
            names = {n for s, e, n in covers if s < end and start < e}
            if not names:
                out.unresolved += 1
            elif any(matches_person(n, gp) or _shortened(n, gp) for n in names):
                out.right += 1
            else:
                out.wrong += 1
                out.wrong_cases.append((doc_id, f"{raw[start:end]!r} is {gp['name']}, given to {sorted(names)}"))
    return out


# titles a gold variant may carry that the name-matching does not drop ("Senator Christopher Dodd", "Lord Ahmed Tariq")
_TITLE_WORDS = frozenset({"senator", "sen", "lord", "lady", "sir", "dame", "madam", "madame", "ambassador", "hon",
                          "honourable", "honorable", "rt", "excellency", "he", "baron", "baroness", "governor", "premier"})


def _full_name_of_another(raw: str, s: int, e: int, covers: list[tuple[int, int, str]],
                          people: list[Mapping[str, Any]]) -> bool:
    """A surname the system reads as the end of another person's full name, written so in the text,
    who is no gold person ("his spouse, Sulueti Rabuka" for the prime minister's "Rabuka")."""
    if " " in raw[s:e]:
        return False
    return any(cs < s and ce == e and re.fullmatch(r"[A-ZÀ-ÖØ-Þ][\w’'-]+ ", raw[cs:s]) and raw[cs:ce] == name
               and not any(matches_person(name, p) for p in people) for cs, ce, name in covers)


def _title_of_the_next(raw: str, s: int, e: int, person: Mapping[str, Any],
                       places: list[tuple[int, int, Mapping[str, Any]]]) -> bool:
    """A role variant ("Turkish Defense Minister") written right before another gold person's name:
    the page's title for that one ("Turkish Defense Minister Mevlut Cavusoglu", the page's slip)."""
    own = set(name_key(str(person["name"])).split())
    return not own & set(name_key(raw[s:e]).split()) and any(
        p2 is not person and s2 == e + 1 and raw[e] == " " for s2, _e2, p2 in places)


def _shortened(name: str, person: Mapping[str, Any]) -> bool:
    """A name written shorter or with initials: its words begin one of the person's forms, in
    order ("Gaudencio Mahaba" / "Gaudencio Mahaba Messu", "S. Jaishankar" / "Subrahmanyam
    Jaishankar"), or end one after a title the name-matching keeps ("Minister of Human Resources
    Saravanan Murugan"); a different given name before the same surname is another person. Titles the
    name-matching keeps ("Senator", "Lord") are dropped, and a name with more middle names than a
    form is that form when its first and last words are the form's ("Olivier Jean-Patrick
    Nduhungirehe" / "Olivier Nduhungirehe")."""
    a = name_key(name).split()
    for form in [person["name"], *(person.get("variants") or [])]:
        b = name_key(form).split()
        while b and b[0] in _TITLE_WORDS:
            b = b[1:]
        if len(a) < 2 or len(b) < 2:
            continue
        if len(b) > len(a) and b[-len(a):] == a:
            return True  # a variant that is this name after a title: "Minister of Human Resources Saravanan Murugan"
        if len(a) > len(b) and a[0] == b[0] and a[-1] == b[-1]:
            return True
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        if all(_same_word(x, y) for x, y in zip(short, long_, strict=False)) or (
                len(short) == len(long_) and all(_same_word(x, y) for x, y in zip(short, long_, strict=True))):
            return True
    return False


def _same_word(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _occurrences(raw: str, variants: list[str]) -> list[tuple[int, int]]:
    """Every place a name variant occurs as whole words, the longest winning an overlap (role
    phrases such as "the president" are left out: they are not names)."""
    found: list[tuple[int, int]] = []
    names = [v for v in variants if v[:1].isupper() and not re.match(r"(?:The|His|Her)\s", v)]
    for v in sorted(names, key=len, reverse=True):
        for m in re.finditer(r"(?<!\w)" + re.escape(v) + r"(?!\w)", raw):
            if not any(s < m.end() and m.start() < e for s, e in found):
                found.append((m.start(), m.end()))
    return sorted(found)
