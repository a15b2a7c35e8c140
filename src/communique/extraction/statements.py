"""Statements: reported positions coded to the 16 PLOVER event types, with source and target.

The source is the clause subject (a pronoun subject is the topic person); the target is a
person or a country (ISO-3) named in the verb's object phrase. Negated ("did not condemn") and
hypothetical ("if ... would") clauses are not coded as events. Text inside quotes is not coded
(the quote itself is the record of what was said).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..records import PLOVER_TYPES
from .people import PRONOUNS, PeopleIndex
from .spans import Ranges, char_span


@dataclass(frozen=True, slots=True)
class PloverLexicon:
    verbs: dict[str, str]  # lemma -> type
    phrases: tuple[tuple[str, str], ...]  # (phrase, type)
    hypothetical: frozenset[str]
    negations: frozenset[str]

    @classmethod
    def load(cls) -> PloverLexicon:
        data = json.loads(resources.files("communique").joinpath("data/plover_lexicon.json").read_text("utf-8"))
        verbs: dict[str, str] = {}
        for typ, lemmas in data["verbs"].items():
            if typ not in PLOVER_TYPES:
                raise ValueError(f"plover_lexicon.json: unknown PLOVER type {typ!r}")
            for lemma in lemmas:
                verbs.setdefault(lemma, typ)
        phrases = tuple((p, t) for t, ps in data["phrases"].items() for p in ps)
        return cls(verbs, phrases, frozenset(data["hypothetical_markers"]), frozenset(data["negations"]))


@dataclass(frozen=True, slots=True)
class StatementDraft:
    source: str
    type: str
    target: str
    start: int  # evidence: the clause, cleaned-text offsets
    end: int
    target_is_country: bool


def find_statements(
    doc: Any, idx: PeopleIndex, kb: Any, lex: PloverLexicon, quoted: Ranges, topic_before: Any
) -> list[StatementDraft]:
    out: list[StatementDraft] = []
    seen: set[tuple[str, str, str, int]] = set()
    for sent in doc.sents:
        for tok in sent:
            if tok.pos_ != "VERB" or _inside(tok.idx, quoted):
                continue
            typ = lex.verbs.get(tok.lemma_.lower())
            nxt = tok.nbor(1) if tok.i + 1 < len(doc) else None
            if nxt is not None:
                pair = f"{tok.lower_} {nxt.lower_}"
                typ = next((t for p, t in lex.phrases if p == pair), typ)
            if typ is None or typ == "CONSULT":  # meetings are coded from the meeting records
                continue
            if _negated(tok, lex) or _hypothetical(tok, sent, lex):
                continue
            source = _subject(tok, idx, topic_before)
            if source is None:
                continue
            target, is_country = _target(tok, idx, kb, source, quoted)
            if target is None:
                continue
            s, e = char_span(tok.subtree)
            s = min(s, sent.start_char)
            key = (source, typ, target, sent.start_char)
            if key in seen:
                continue
            seen.add(key)
            out.append(StatementDraft(source, typ, target, s, min(e, sent.end_char), is_country))
    return out


def _inside(pos: int, ranges: Ranges) -> bool:
    return pos in ranges


def _negated(tok: Any, lex: PloverLexicon) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in lex.negations for c in tok.children):
        return True
    head = tok.head
    return head.i != tok.i and head.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in head.children) and tok.dep_ in ("xcomp", "ccomp")


def _hypothetical(tok: Any, sent: Any, lex: PloverLexicon) -> bool:
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ in lex.hypothetical:
            return True
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
            return True
    anc = tok
    while anc.head.i != anc.i:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in anc.children):
            return True
        anc = anc.head
    return False


def _subject(tok: Any, idx: PeopleIndex, topic_before: Any) -> str | None:
    verb = tok
    for _ in range(4):
        subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subs:
            sub = subs[0]
            if sub.lower_ in PRONOUNS:
                return topic_before(sub.idx)
            s, e = char_span(sub.subtree)
            ms = [m for m in idx.at(s, e) if m.key and m.kind != "pronoun"]
            return ms[0].key if ms else None
        if verb.dep_ in ("xcomp", "advcl", "conj", "ccomp") and verb.head.i != verb.i:
            verb = verb.head
        else:
            return None
    return None


_SCENE_PREPS = frozenset({"during", "in", "on", "at", "after", "before", "since", "while", "amid", "by", "throughout"})


def _target(tok: Any, idx: PeopleIndex, kb: Any, source: str, quoted: Ranges) -> tuple[str | None, bool]:
    """A person or country in the verb's object phrases (to its right; not "during the meeting" scenes)."""
    for child in tok.children:
        if child.i < tok.i or child.dep_ not in ("dobj", "prep", "dative", "attr", "xcomp", "ccomp", "obj", "pobj"):
            continue
        if child.dep_ == "prep" and child.lower_ in _SCENE_PREPS:
            continue
        toks = sorted(child.subtree, key=lambda t: t.i)
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
        for m in idx.at(s, e):
            if m.key and m.key != source and m.kind != "pronoun" and not _inside(m.start, quoted):
                return m.key, False
        src = kb.person(source)
        for t in toks:
            if t.pos_ in ("PROPN", "ADJ", "NOUN") and t.text[:1].isupper():
                code = kb.country_code(t.text)
                if code is None and t.i + 1 < len(t.doc):
                    code = kb.country_code(f"{t.text} {t.nbor(1).text}")
                if code and not (src is not None and getattr(src, "country", None) == code):
                    return code, True
    return None, False
