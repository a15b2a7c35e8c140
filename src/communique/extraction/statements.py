"""Statements: reported actions and positions coded to the 16 PLOVER event types.

Every verb of a sentence (outside quotes) is a candidate event: its lemma, its particle ("blew
up", "pull out"), or, for a light verb, its object's noun ("staged demonstrations", "imposed a
curfew", "mounted an invasion") gives the type. Reporting verbs ("said", "reported") carry no
event: the clause they report does. The manual's intent rule: a cooperative action announced or
offered ("will support", "is ready to contribute", "offered to negotiate") is AGREE, a
conflictual one ("would tighten the blockade", "is prepared to impose martial law") is THREATEN,
and a retreat announced is CONCEDE.

The actors are the clause subject's entities (a passive clause's agent; a pronoun subject is the
person of the topic, or the subject of the reporting clause: "Syria says it is willing ..."), the
recipients the entities of the verb's objects (not the scene: "during the meeting", "on Monday").
Entities are people, states, international organisations and groups (``entities``). A negated
or hypothetical event keeps its type and carries the PLOVER context ``negation`` or
``hypothetical``. Text inside quotes is not coded (the quote itself is the record of what was
said). Consultations are coded from the meeting records, here only where a sentence holds none.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..records import PLOVER_TYPES, plover_mode
from .entities import STATE_SECTORS, EntityCoder, EntityDraft, EntityLexicon
from .people import PRONOUNS
from .spans import Ranges, doc_text


def _typ(value: str, where: str) -> tuple[str, str | None]:
    typ, _, mode = value.partition("/")
    if typ not in PLOVER_TYPES:
        raise ValueError(f"plover_lexicon.json: {where}: unknown PLOVER type {typ!r}")
    return typ, mode or None


@dataclass(frozen=True, slots=True)
class PloverLexicon:
    verbs: dict[str, str]  # lemma -> type
    phrases: dict[str, str]  # "verb particle" (lemmas) -> type
    light_verbs: frozenset[str]
    nouns: dict[str, tuple[str, str | None]]  # noun lemma or phrase -> (type, mode)
    light_overrides: dict[str, dict[str, str]]  # light verb -> noun -> type
    reporting: frozenset[str]
    intent: frozenset[str]
    cooperative: frozenset[str]
    conflict: frozenset[str]
    modes: dict[str, tuple[tuple[str, frozenset[str]], ...]]  # type -> ((mode, cue lemmas), ...)
    contexts: tuple[tuple[str, frozenset[str]], ...]
    hypothetical: frozenset[str]
    negations: frozenset[str]
    requires_recipient: frozenset[str]  # the manual's types that need a recipient
    adjectives: dict[str, str]  # predicate adjective -> type ("is opposed to")
    demand_modals: frozenset[str]  # "X said Y must ...": X's demand of Y
    data: dict[str, Any]

    @classmethod
    def load(cls) -> PloverLexicon:
        data = json.loads(resources.files("communique").joinpath("data/plover_lexicon.json").read_text("utf-8"))
        verbs: dict[str, str] = {}
        for typ, lemmas in data["verbs"].items():
            _typ(typ, "verbs")
            for lemma in lemmas:
                verbs.setdefault(lemma, typ)
        phrases = {p: _typ(t, "phrases")[0] for t, ps in data["phrases"].items() for p in ps}
        nouns = {n: _typ(v, f"nouns.{n}") for n, v in data["nouns"].items()}
        overrides = {v: {n: _typ(t, f"light_overrides.{v}")[0] for n, t in m.items()}
                     for v, m in data["light_overrides"].items() if not v.startswith("_")}
        modes = {t: tuple((m, frozenset(cues)) for m, cues in ms.items()) for t, ms in data["modes"].items()}
        contexts = tuple((c, frozenset(cues)) for c, cues in data["contexts"].items())
        return cls(verbs, phrases, frozenset(data["light_verbs"]), nouns, overrides, frozenset(data["reporting_verbs"]),
                   frozenset(data["intent_words"]), frozenset(data["cooperative_types"]), frozenset(data["conflict_types"]),
                   modes, contexts, frozenset(data["hypothetical_markers"]), frozenset(data["negations"]),
                   frozenset(data["requires_recipient"]), {a: _typ(t, "adjectives")[0] for a, t in data["adjectives"].items()},
                   frozenset(data["demand_modals"]), data)

    def entity_lexicon(self, kb: Any) -> EntityLexicon:
        return EntityLexicon.from_data(self.data, kb)


@dataclass(frozen=True, slots=True)
class StatementDraft:
    type: str
    actors: tuple[EntityDraft, ...]
    recipients: tuple[EntityDraft, ...]
    start: int  # evidence: the clause, cleaned-text offsets
    end: int
    mode: str | None = None
    context: tuple[str, ...] = ()


_SCENE_PREPS = frozenset({"during", "in", "on", "at", "after", "before", "since", "while", "amid", "by", "throughout",
                          "following", "despite", "because", "as", "within", "until", "over", "near", "outside"})
_THING_PRONOUNS = frozenset({"it", "they", "we"})
_OWN = frozenset({"its", "their", "his", "her", "our", "my"})


def find_statements(doc: Any, coder: EntityCoder, lex: PloverLexicon, quoted: Ranges, topic_before: Any,
                    consulted: Sequence[tuple[int, int]]) -> list[StatementDraft]:
    """Statements of every sentence, the main clause's first; ``consulted``: sentences whose
    consultations the meeting records already code."""
    out: list[StatementDraft] = []
    for sent in doc.sents:
        seen: set[tuple[Any, ...]] = set()
        met = any(s < sent.end_char and e > sent.start_char for s, e in consulted)
        contexts: tuple[str, ...] | None = None  # the sentence's topics, read once it codes something
        for tok, coded in _events(sent, lex, quoted):
            draft = None
            if coded is None:  # "Russia said Sudan must return the helicopter": Russia's demand of Sudan
                draft = _demand(tok, coder, topic_before, sent)
                coded = None if draft is not None else _event_type(tok, lex)
            if draft is None and coded is not None and not (coded[0] == "CONSULT" and met):
                draft = _statement(tok, coded, coder, topic_before, sent, lex)
            if draft is None:
                continue
            key = (draft.type, tuple(sorted(str(_key(a)) for a in draft.actors)), tuple(sorted(str(_key(r)) for r in draft.recipients)))
            if key not in seen:
                seen.add(key)
                contexts = _contexts(sent, lex) if contexts is None else contexts
                out.append(dataclasses.replace(draft, context=draft.context + contexts))
    return out


def _events(sent: Any, lex: PloverLexicon, quoted: Ranges) -> list[tuple[Any, tuple[str, str | None] | None]]:
    """The sentence's event words with their (type, mode), main clause first; (word, None) for a
    demand ("... that Sudan must return ...")."""
    found: list[tuple[Any, tuple[str, str | None] | None]] = []
    for tok in sent:
        if not (tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or tok.lower_ in lex.adjectives) or tok.idx in quoted:
            continue
        if _demanded(tok, lex):
            found.append((tok, None))
            continue
        coded = _event_type(tok, lex)
        if coded is None and _offered(tok):
            coded = ("AGREE", None)  # "is willing to send material", "ready to contribute troops"
        if coded is None and tok.lower_ in lex.adjectives and tok.dep_ in ("acomp", "ROOT"):
            coded = (lex.adjectives[tok.lower_], None)  # "Israel is opposed to French mediation"
        if coded is not None:
            found.append((tok, coded))
    return sorted(found, key=lambda x: (_depth(x[0]), x[0].i))


def _statement(tok: Any, coded: tuple[str, str | None], coder: EntityCoder, topic_before: Any, sent: Any,
               lex: PloverLexicon) -> StatementDraft | None:
    """The statement of one event word, or None when it has no actor (or lacks a needed recipient)."""
    typ, mode = coded
    context: list[str] = []
    negated = _negated(tok, lex)
    if _hypothetical(tok, lex):
        context.append("hypothetical")
    if _intended(tok, lex):
        if negated and typ in lex.cooperative:
            typ, negated = "REJECT", False  # "would not meet their demands": a refusal
        else:
            typ = "CONCEDE" if typ == "RETREAT" else "AGREE" if typ in lex.cooperative else "THREATEN" if typ in lex.conflict else typ
        # a mode of the old type the new one does not have goes ("will pay a visit": AGREE has no
        # modes; "would fire rockets": THREATEN has no "firearms"); one both have stays ("restrict")
        mode = plover_mode(typ, mode)
    if negated:
        context.insert(0, "negation")
    actors, recipients = _sides(tok, typ, coder, topic_before)
    if not actors and typ in _VIOLENT and recipients:
        # victims and no named perpetrator ("were killed by a roadside bomb"): the manual's
        # unidentified armed force, with no country
        actors = (_unidentified(tok),)
    if not actors:
        return None
    if typ == "PROTEST" and all(a.sector in STATE_SECTORS or (a.sector is None and a.code) for a in actors):
        # a state does not take to the streets: it protests diplomatically, or blocks
        typ, mode = ("COERCE", "restrict") if tok.lemma_.lower() in ("block", "blockade") else ("ACCUSE", "disapprove")
    scene = coder.event_scene(tok)
    place = scene[0] if scene is not None else None
    if place:
        # an actor the text gives no country of its own is the country's where it acts ("gunmen
        # killed a journalist in Beirut", "demonstrators protesting in Monrovia"), and so is a victim
        actors, recipients = _placed(actors, place), _placed(recipients, place)
    actor_keys = {_key(a) for a in actors}
    actor_codes = {a.code for a in actors}
    # not the actor itself, nor its own state named as a thing ("reaffirmed Iraq's stance")
    recipients = tuple(r for r in recipients if _key(r) not in actor_keys
                       and not (r.person is None and r.sector is None and r.code in actor_codes))
    if typ in lex.requires_recipient and not recipients:
        return None
    if not recipients and scene is not None and typ != "CONSULT":
        # no one acted on: the state where it happened is its target (the manual: "demonstrated in
        # Serbia", "imposed a curfew in Abidjan", "bombs in Kabul")
        name = [t for t in scene[1].subtree if t.pos_ == "PROPN" or t.i == scene[1].i]  # ("the West Bank": its name)
        s0, e0 = min(t.idx for t in name), max(t.idx + len(t) for t in name)
        recipients = (EntityDraft(doc_text(sent.doc)[s0:e0], s0, e0, place, None),)
    mode = mode or _mode(tok, typ, lex)
    if typ == "CONSULT" and mode != "visit":
        actors, recipients = actors + recipients, ()  # reciprocal: all who consulted act (the manual)
    elif typ == "CONSULT" and not recipients:  # a visit's host: the state of the place visited ("arrived in Amman")
        recipients = tuple(e for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "to")
                           for p in c.children if p.dep_ == "pobj" for e in coder.code(p) if e.code not in {a.code for a in actors})
    end = max(t.idx + len(t) for t in tok.subtree)
    return StatementDraft(typ, actors, recipients, sent.start_char, min(end, sent.end_char), mode, tuple(context))


def _placed(entities: tuple[EntityDraft, ...], place: str) -> tuple[EntityDraft, ...]:
    """Groups with no country of their own take the place's; people and named organisations
    (their country is their own, or they have none: "Amnesty International") do not."""
    return tuple(dataclasses.replace(e, code=place) if e.code is None and e.person is None and e.org is None else e
                 for e in entities)


def _key(e: EntityDraft) -> Any:
    return e.person or e.org or (e.code, e.sector)


def _depth(tok: Any) -> int:
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok, n = tok.head, n + 1
    return n


def _event_type(tok: Any, lex: PloverLexicon) -> tuple[str, str | None] | None:
    lemma = tok.lemma_.lower()
    if lemma in lex.reporting and not any(c.dep_ == "dobj" and c.lemma_.lower() in lex.nouns for c in tok.children):
        return None
    if any(c.dep_ == "ccomp" and c.i < tok.i for c in tok.children):
        return None  # the attribution after what it reports: "X will close the border, the minister warned"
    for c in tok.children:
        if c.dep_ in ("prt", "prep") and (typ := lex.phrases.get(f"{lemma} {c.lower_}")):
            return typ, None
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")), None)
    typ = lex.verbs.get(lemma)
    if obj is not None and (lemma in lex.light_verbs or typ is None):
        # "staged demonstrations", "imposed a curfew", "gave ... dollars of aid", "speeded up the withdrawal"
        noun = _noun_key(obj, lex)
        if noun is not None:
            override = lex.light_overrides.get(lemma, {}).get(noun)
            typ, mode = lex.nouns[noun]
            return (override, None) if override else (typ, mode)
    if typ is None:
        # "arrived in Amman on a two-day visit", "flew to Paris for talks": the purpose's noun
        purpose = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "for")
                        for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
        noun = _noun_key(purpose, lex) if purpose is not None else None
        if noun is not None and lex.nouns[noun][0] == "CONSULT":
            return "CONSULT", "visit"
        return None
    if lemma in lex.light_overrides and obj is not None and (noun := _noun_key(obj, lex)) in lex.light_overrides[lemma]:
        return lex.light_overrides[lemma][noun], None
    return typ, None


def _noun_key(obj: Any, lex: PloverLexicon) -> str | None:
    """The event noun of an object phrase: "hunger strike", "state of emergency", "talks"."""
    words = [t for t in obj.children if t.dep_ in ("compound", "amod") and t.i < obj.i]
    for w in words:
        if (phrase := f"{w.lemma_.lower()} {obj.lemma_.lower()}") in lex.nouns:
            return phrase
    of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if pobj is not None and (phrase := f"{obj.lemma_.lower()} of {pobj.lemma_.lower()}") in lex.nouns:
        return phrase
    lemma = obj.lemma_.lower()
    if lemma in lex.nouns:
        return lemma
    if of is not None and pobj is not None and pobj.lemma_.lower() in lex.nouns:
        return str(pobj.lemma_.lower())  # "5 million dollars of aid", "a series of bombings"
    return None


def _negated(tok: Any, lex: PloverLexicon) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in lex.negations for c in tok.children):
        return True
    head = tok.head
    return head.i != tok.i and head.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in head.children) and tok.dep_ in ("xcomp", "ccomp")


def _hypothetical(tok: Any, lex: PloverLexicon) -> bool:
    anc = tok
    for _ in range(12):
        if any((c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether")) or (c.dep_ == "aux" and c.lower_ in lex.hypothetical)
               for c in anc.children):
            return True
        if anc.head.i == anc.i:
            return False
        anc = anc.head
    return False


def _intended(tok: Any, lex: PloverLexicon) -> bool:
    """Announced or offered, not done: "will support", "ready to contribute", "offered to talk"."""
    if any(c.dep_ == "aux" and c.lower_ in lex.intent for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ == "xcomp" and head.i != tok.i:
        return head.lemma_.lower() in lex.intent or (head.lemma_.lower() == "offer") or any(
            c.dep_ == "aux" and c.lower_ in lex.intent for c in head.children)
    return False


_STATIVE = frozenset({"opposed", "committed", "determined", "prepared", "inclined", "disposed"})
_VIOLENT = frozenset({"ASSAULT", "COERCE"})
_DONE_TO = frozenset({"ASSAULT", "COERCE", "SANCTION", "ACCUSE", "THREATEN", "REQUEST", "REJECT", "SUPPORT", "AID"})


def _unidentified(tok: Any) -> EntityDraft:
    """The manual's UAF actor, named by the agent's words when there are some, else the verb's."""
    agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    words = agent if agent is not None else subject
    if words is not None:
        toks = sorted(words.subtree, key=lambda t: t.i)
        return EntityDraft(doc_text(tok.doc)[toks[0].idx : toks[-1].idx + len(toks[-1])], toks[0].idx, toks[-1].idx + len(toks[-1]), None, "UAF")
    return EntityDraft(tok.text, tok.idx, tok.idx + len(tok), None, "UAF")


def _demanded(tok: Any, lex: PloverLexicon) -> bool:
    """A clause that says what someone must do, told by another ("said that Sudan must return ...")."""
    if tok.dep_ != "ccomp" or tok.head.i == tok.i or not any(c.dep_ == "aux" and c.lower_ in lex.demand_modals for c in tok.children):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and any(c.dep_ == "nsubj" for c in tok.head.children)


def _demand(tok: Any, coder: EntityCoder, topic_before: Any, sent: Any) -> StatementDraft | None:
    """The teller's REQUEST of the one who must act; None when the teller is no actor."""
    outer = next(c for c in tok.head.children if c.dep_ == "nsubj")
    inner = next(c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass"))
    actors = tuple(_entities(outer, coder, topic_before))
    if not actors:
        return None
    recipients = tuple(_entities(inner, coder, topic_before))
    end = max(t.idx + len(t) for t in tok.head.subtree)
    return StatementDraft("REQUEST", actors, recipients, sent.start_char, min(end, sent.end_char))


_OFFERING = frozenset({"willing", "ready", "prepared", "offer", "promise", "pledge", "volunteer"})


def _offered(tok: Any) -> bool:
    return tok.dep_ == "xcomp" and tok.head.i != tok.i and tok.head.lemma_.lower() in _OFFERING and tok.pos_ == "VERB"


def _sides(tok: Any, typ: str, coder: EntityCoder, topic_before: Any) -> tuple[tuple[EntityDraft, ...], tuple[EntityDraft, ...]]:
    passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if passive is not None:
        if agent is None and (typ not in _DONE_TO or tok.lower_ in _STATIVE):
            # "the guerrillas have been demobilized", "Israel is opposed to ...": the subject did it
            return tuple(_entities(passive, coder, topic_before)), tuple(_recipients(tok, coder, topic_before, typ))
        actors = tuple(coder.code(agent)) if agent is not None else ()
        return actors, tuple(_entities(passive, coder, topic_before))
    subject = _subject(tok)
    actors = tuple(_entities(subject, coder, topic_before)) if subject is not None else ()
    return actors, tuple(_recipients(tok, coder, topic_before, typ))


def _subject(tok: Any) -> Any:
    verb = tok
    for _ in range(5):
        sub = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
        if sub is not None:
            if sub.lower_ in _THING_PRONOUNS and verb.dep_ == "ccomp" and verb.head.i != verb.i:
                outer = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
                return outer or sub  # "Syria says it is willing ...": it is Syria
            return sub
        if verb.dep_ in ("xcomp", "advcl", "conj", "acl", "relcl", "acomp") and verb.head.i != verb.i:
            if verb.dep_ in ("acl", "relcl"):
                return verb.head  # "the troops deployed ...", "rebels who attacked ..."
            verb = verb.head
        else:
            return None
    return None


def _entities(phrase: Any, coder: EntityCoder, topic_before: Any, depth: int = 0, whose: bool = False) -> list[EntityDraft]:
    """The entities a phrase names; with ``whose``, for a thing, whose it is ("the presence of US
    forces", "Haiti's efforts"): a recipient, never an actor (the murder of X did nothing)."""
    if phrase.lower_ in PRONOUNS:
        key = topic_before(phrase.idx)
        return [coder.person_entity(key, phrase.idx, phrase.idx + len(phrase))] if key else []
    found = coder.code(phrase)
    if found or depth > 1 or not whose:
        return found
    for c in phrase.children:
        if c.dep_ == "poss" and c.lower_ not in _OWN:
            return _entities(c, coder, topic_before, depth + 1, whose)
        if c.dep_ == "prep" and c.lower_ == "of":
            found = [e for p in c.children if p.dep_ == "pobj" for e in _entities(p, coder, topic_before, depth + 1, whose)]
            if found:
                return found
    return coder.owners(phrase)


def _recipients(tok: Any, coder: EntityCoder, topic_before: Any, typ: str = "") -> list[EntityDraft]:
    """Entities of the verb's objects, to its right, nearest first (an infinitive's objects too; for a
    demand, the one its clause says must act: "demanded that North Korea forsake ...")."""
    for child in sorted(tok.children, key=lambda t: t.i):
        if child.i < tok.i:
            continue
        if child.dep_ == "dative" and child.pos_ == "ADP":  # "providing photographs to Macedonia"
            found = [e for p in child.children if p.dep_ == "pobj" for e in _entities(p, coder, topic_before, whose=True)]
            if found:
                return found
        elif child.dep_ in ("dobj", "dative", "obj", "attr", "oprd"):
            if any(c.dep_ == "poss" and c.lower_ in _OWN for c in child.children):
                continue  # "withdraw its troops from Lebanon": the actor's own, not the recipient
            found = _entities(child, coder, topic_before, whose=True)
            if not found:
                found = [e for c in child.children if c.dep_ == "prep" and c.lower_ not in _SCENE_PREPS
                         for p in c.children if p.dep_ == "pobj" for e in _entities(p, coder, topic_before, whose=True)]
            if found:
                return found
        elif child.dep_ == "prep" and child.lower_ not in _SCENE_PREPS:
            found = [e for p in child.children if p.dep_ == "pobj" for e in _entities(p, coder, topic_before, whose=True)]
            if found:
                return found
        elif child.dep_ == "xcomp":
            found = _recipients(child, coder, topic_before, typ)
            if found:
                return found
        elif child.dep_ == "ccomp" and typ == "REQUEST":
            found = [e for c in child.children if c.dep_ in ("nsubj", "nsubjpass") for e in _entities(c, coder, topic_before)]
            if found:
                return found
    return []


def _mode(tok: Any, typ: str, lex: PloverLexicon) -> str | None:
    lemmas = {t.lemma_.lower() for t in tok.subtree} | {t.lower_ for t in tok.subtree}
    for mode, cues in lex.modes.get(typ, ()):
        if lemmas & cues:
            return mode
    return None


def _contexts(sent: Any, lex: PloverLexicon) -> tuple[str, ...]:
    lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    low = sent.text.lower()
    return tuple(c for c, cues in lex.contexts if lemmas & cues or any(" " in q and q in low for q in cues))
