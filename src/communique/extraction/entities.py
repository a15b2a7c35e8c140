"""PLOVER entities: who acts and who receives, coded from a noun phrase of the parse.

An entity is a person the document names, a state (its name, demonym, capital or metonym: "Tehran",
"the White House"), an international organisation (code ``IGO``) or a group (troops, police,
rebels, students ...), each with the PLOVER country code (ISO-3, or ``IGO``) and sector (GOV, MIL,
COP, REB, CVL ...; the manual's sector table). Coordinated phrases give one entity per member
("Jordan and Britain"; "Hungarian and Romanian officials"). A code the phrase does not support is
``None``: a group named without its country ("rebels") keeps its sector and no country.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from .people import PeopleIndex
from .places import Gazetteer

_SKIP_DEPS = frozenset({"relcl", "acl", "advcl", "conj", "cc", "punct", "appos", "ccomp", "xcomp", "prep"})
_OWN_PREPS = frozenset({"of", "in", "from", "throughout", "across", "inside"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD"})  # the sectors of the state itself
_RESIDENCE = frozenset({"in", "throughout", "inside", "across"})
_DWELL = frozenset({"operate", "live", "base", "reside", "station", "stay", "hide"})
_NAMED = frozenset({"ORG", "NORP", "PERSON"})
_QUANTITIES = frozenset({"third", "half", "quarter", "part", "tens", "scores", "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions", "group",
                         "number", "some", "many", "most", "all", "one", "two", "three", "majority", "handful", "crowd"})
_LOCATIVE = frozenset({"in", "near", "outside", "at", "inside", "across", "throughout", "around"})
# not where the clause's event happened: its subject's words, an agent, another clause's
_OTHER_CLAUSES = frozenset({"relcl", "appos", "ccomp", "advcl", "parataxis", "conj", "acl"})
_NOT_THE_SCENE = _OTHER_CLAUSES - {"acl"} | {"nsubj", "nsubjpass", "csubj", "agent"}
# an embedded event's way up to the clause it is part of ("to assassinate" -> "attempt" -> "was thwarted")
_INSIDE_A_CLAUSE = frozenset({"xcomp", "acl", "nsubj", "nsubjpass", "dobj", "pobj", "prep"})
_FORMER = frozenset({"former", "ousted", "exiled", "deposed", "ex", "late"})


@dataclass(frozen=True, slots=True)
class EntityDraft:
    text: str
    start: int  # cleaned-text offsets of the words coded
    end: int
    code: str | None  # ISO-3, "IGO", or None when the text gives no country
    sector: str | None
    person: str | None = None  # canonical name, when the entity is a person
    org: str | None = None  # canonical name of an international organisation

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "code": self.code, "sector": self.sector, "person": self.person, "org": self.org}


@dataclass(frozen=True, slots=True)
class EntityLexicon:
    sectors: dict[str, str]  # lower-case noun (lemma or phrase) -> sector
    igos: dict[str, str]  # alias -> canonical name
    igo_re: re.Pattern[str]
    seats: frozenset[str]  # capitals and metonyms of states, lower case, without "the"
    org_nouns: frozenset[str]  # nouns that head an organisation's name ("the APEC forum")
    demonyms: frozenset[str]  # lower case: a people, not its state ("ethnic Albanians demonstrated")
    orgs: dict[str, tuple[str, str | None, str]]  # alias -> (canonical name, home country or None, sector)
    org_re: re.Pattern[str]
    place_nouns: frozenset[str] = frozenset()  # parts of a place: "the city of Basra", "a district of Beirut"

    @classmethod
    def from_data(cls, data: dict[str, Any], kb: Any) -> EntityLexicon:
        sectors = {noun.lower(): sector for sector, nouns in data["sectors"].items() for noun in nouns}
        igos = {alias: name for name, aliases in data["igos"].items() for alias in aliases}
        alt = "|".join(re.escape(a) for a in sorted(igos, key=len, reverse=True))
        seats = frozenset(s.lower().removeprefix("the ") for c in kb.countries().values()
                          for s in (*c.get("capitals", ()), *c.get("metonyms", ())))
        demonyms = frozenset(d.lower() for c in kb.countries().values() for d in c.get("demonyms", ()))
        orgs = {alias: (name, code, sector) for name, (code, sector, *aliases) in data["organisations"].items()
                if not name.startswith("_") for alias in aliases}
        org_alt = "|".join(re.escape(a) for a in sorted(orgs, key=len, reverse=True))
        return cls(sectors, igos, re.compile(rf"(?<![\w.])(?:{alt})(?![\w])"), seats, frozenset(data["org_nouns"]), demonyms,
                   orgs, re.compile(rf"(?<![\w.])(?:{org_alt})(?![\w])"), frozenset(data["place_nouns"]))


class EntityCoder:
    """Codes the noun phrase headed by a token into PLOVER entities; ``places`` (the city
    gazetteer) says which state a city lies in."""

    def __init__(self, lex: EntityLexicon, kb: Any, idx: PeopleIndex, text: str, places: Gazetteer | None = None) -> None:
        self.lex, self.kb, self.idx, self.text, self.places = lex, kb, idx, text, places

    def code(self, head: Any) -> list[EntityDraft]:
        """The entities of the phrase headed by ``head`` and of the phrases coordinated with it."""
        out: list[EntityDraft] = []
        for h in _coordinated(head):
            if h.lemma_.lower() in _QUANTITIES or h.pos_ == "NUM":  # "thousands of farmers", "a group of rebels"
                of = next((c for c in h.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                inner = next((p for p in of.children if p.dep_ == "pobj"), None) if of is not None else None
                if inner is not None:
                    out.extend(self.code(inner))
                    continue
            found = self._one(h)
            if out and h.i != head.i and len(found) == 1 and _shares_modifiers(found[0], out[0], h):
                # "Israeli helicopters and tanks": the first member's country is the bare member's too
                found = [replace(found[0], code=out[0].code)]
            out.extend(found)
        return out

    def owners(self, thing: Any) -> list[EntityDraft]:
        """The states a thing's modifiers name ("French mediation", "the Iraqi city of Basra"): whose it is."""
        mods = sorted((t for t in thing.children if t.dep_ in ("amod", "compound", "nmod") and t.i < thing.i), key=lambda t: t.i)
        return [EntityDraft(t.text, t.idx, t.idx + len(t), code, None) for t in mods if (code := self._country(t.text))]

    def place_code(self, tok: Any, depth: int = 0) -> str | None:
        """The state a place phrase lies in: a country, a capital or a city ("in Baku", "near
        Samarra"), or the place a part of a place belongs to ("the Iraqi city of Basra", "a district
        of eastern Beirut", "the town of Cizre in southeastern Turkey"); None for anything else."""
        if tok.pos_ == "PROPN":
            first = min((t for t in tok.children if t.dep_ == "compound" and t.i < tok.i), key=lambda t: t.i, default=tok)
            name = self.text[first.idx : tok.idx + len(tok)]
            code = self._country(name)
            if code is None and self.places is not None and (city := self.places.town(name)):
                code = self.places.country_of.get(city)
            return code
        if tok.lemma_.lower() not in self.lex.place_nouns or depth > 2:
            return None
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i and (code := self._country(c.text)):
                return code  # "the Iraqi city of", "Lebanese villages"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "in"):
                for p in c.children:
                    if p.dep_ == "pobj" and (code := self.place_code(p, depth + 1)):
                        return code
        return None

    def event_place(self, verb: Any) -> str | None:
        """:meth:`event_scene`'s state code."""
        scene = self.event_scene(verb)
        return scene[0] if scene is not None else None

    def event_scene(self, verb: Any) -> tuple[str, Any] | None:
        """The state where a clause's event happened: the first place its locative phrases name
        ("demonstrated in Monrovia", "killed in a car bomb explosion in Beirut", "agreed to postpone
        the rally in Baku"), nearest the verb first, not in another clause; else the place of the
        clause it is part of ("an attempt to kill X was foiled in Y"); else where its subject or
        agent was ("an explosion near the town killed ...", "killed by a bomb near Gao"). With the state,
        the word that names the place."""
        clause = verb
        for _ in range(4):
            if (found := self._scene(clause, _NOT_THE_SCENE)) is not None:
                return found
            up = clause
            while up.dep_ in _INSIDE_A_CLAUSE and up.head.i != up.i and up.head.pos_ not in ("VERB", "AUX"):
                up = up.head  # through the nouns: "an attempt to assassinate ..." -> "was thwarted"
            if up.dep_ not in _INSIDE_A_CLAUSE or up.head.i == up.i:
                break
            clause = up.head
        doers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        doers += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return next((found for c in doers if (found := self._scene(c, _OTHER_CLAUSES)) is not None), None)

    def _scene(self, top: Any, skip: frozenset[str]) -> tuple[str, Any] | None:
        queue, seen = [top], 0
        while seen < len(queue) and seen < 60:
            tok = queue[seen]
            seen += 1
            for c in sorted(tok.children, key=lambda t: t.i):
                if c.dep_ in skip:
                    continue
                if c.dep_ == "prep" and c.lower_ in _LOCATIVE:
                    # "in Baku"; "outside of Basra"
                    for p in (*c.children, *(g for x in c.children if x.dep_ == "prep" for g in x.children)):
                        if p.dep_ == "pobj" and (code := self.place_code(p)):
                            return code, p
                queue.append(c)
        return None

    def person_entity(self, key: str, start: int, end: int) -> EntityDraft:
        """A person the text names (a pronoun's referent, a meeting's participant), named by their
        mention inside [start, end), else their first mention: country from the knowledge base or the
        title the text gives, sector GOV for an office holder."""
        named = [m for m in self.idx.mentions if m.key == key and m.kind != "pronoun"]
        inside = [m for m in named if start <= m.start and m.end <= end]
        mention = (inside or named)[0] if (inside or named) else None
        if mention is not None:  # the words that name them: here, else where the text names them
            start, end = mention.start, mention.end
        else:
            end = start  # named nowhere in words of their own (a pronoun only): no words
        code = self._country_of(mention) if mention is not None else None
        office = mention is not None and (mention.office or mention.entry is not None)
        return EntityDraft(self.text[start:end], start, end, code, "GOV" if office else None, key)

    def _one(self, head: Any) -> list[EntityDraft]:
        toks = sorted(_own_tokens(head), key=lambda t: t.i)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        phrase = self.text[start:end]
        sector = self._sector(head)
        igo = self._igo(phrase)
        head_code = self._country(" ".join(t.text for t in _name_tokens(head))) or self._proper_country(head)
        person = self._person(start, end, head)
        named_org = (head.lemma_.lower() in self.lex.org_nouns and (
            igo is not None or any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in head.children))
        ) or (head.pos_ == "PROPN" and head.ent_type_ in _NAMED)  # "the UNITA wing", "Hamas", "Kenzo Oshima"
        if head.pos_ == "NOUN" and sector is None and person is None and head_code is None and not named_org:
            return []  # a thing, not an actor: "the murder of X in Baghdad", "Iraq's stance"
        if head.pos_ == "PROPN" and (person is not None or named_org or head_code is None) and igo is None:
            # a title in apposition says whose: "Kenzo Oshima, the United Nations relief coordinator"
            igo = next((i for a in head.children if a.dep_ == "appos"
                        if (i := self._igo(self.text[a.left_edge.idx : a.right_edge.idx + len(a.right_edge)]))), None)
        if sector is None and self._a_people(head):
            sector = "CVL"  # "ethnic Albanians", "Iraqi Kurds": people of a country, not its state
        where = self._scan(sorted((t for p in _residence_preps(head) for t in p.subtree), key=lambda t: t.i)
                           ) if sector not in STATE_SECTORS else []
        org = self.lex.org_re.search(phrase) if person is None else None
        if org is not None and (head.pos_ == "PROPN" or named_org or sector is not None):
            # a named organisation: "Hamas", "the pro-Iranian Hizbollah group", "Taliban fighters"
            name, code, own = self.lex.orgs[org.group(0)]
            return [EntityDraft(phrase, start, end, code or self._modifier_country(toks), sector or own, None, name)]
        if head_code is not None and person is None:
            if where and sector == "CVL":  # a people where it lives: "ethnic Hungarians in Romania"
                head_code = where[0]
            return [EntityDraft(phrase, start, end, head_code, "GOV" if self._is_seat(head) else sector)]
        if igo is not None and (person is None or self._country_of(person[1]) is None):
            return [EntityDraft(phrase, start, end, "IGO", sector, person[0] if person else None, igo)]
        if person is not None:
            key, mention = person
            former = any(t.lower_ in _FORMER for t in toks)
            return [EntityDraft(phrase, start, end, self._country_of(mention) or self._modifier_country(toks),
                                "ELI" if former else ("GOV" if (mention.office or mention.entry is not None) else sector), key)]
        codes = self._scan(toks)
        named = [c for c in codes if c not in where]
        # a people or group where it lives: "ethnic Albanian guerrillas in Macedonia", "parties in
        # Nepal"; but a state's people where they are stay of their state ("Cambodian refugees in
        # Thailand", "Albanian rebels in Macedonia")
        ethnic = any(t.lower_ == "ethnic" for t in toks)
        codes = named + where if named and not ethnic else where + named
        if not codes:  # "supporters of former President X": X's country
            codes = [c for m in self.idx.at(start, end) if m.key and m.kind != "pronoun" and (c := self._country_of(m))][:1]
        if not codes and sector is None and not named_org:
            return []
        if len(codes) > 1 and any(t.dep_ == "amod" and any(c.dep_ == "conj" for c in t.children) for t in head.children):
            return [EntityDraft(phrase, start, end, c, sector) for c in codes]  # "Hungarian and Romanian officials"
        return [EntityDraft(phrase, start, end, codes[0] if codes else None, sector)]

    # --- parts ------------------------------------------------------------------------------

    def _a_people(self, head: Any) -> bool:
        if head.tag_ not in ("NNS", "NNPS"):
            return False
        word = head.lower_
        return head.ent_type_ == "NORP" or word in self.lex.demonyms or word.removesuffix("s") in self.lex.demonyms

    def _person(self, start: int, end: int, head: Any) -> tuple[str, Any] | None:
        head_start, head_end = head.idx, head.idx + len(head)
        best = None
        for m in self.idx.at(start, end):
            if not m.key or m.kind == "pronoun":
                continue
            if m.start <= head_start < m.end or m.start < head_end <= m.end:
                best = best or (m.key, m)
        return best

    def _country_of(self, mention: Any) -> str | None:
        entry = mention.entry
        if entry is not None and getattr(entry, "country", None):
            return str(entry.country)
        if mention.office_country:
            return str(mention.office_country)
        role = self.idx.unknown_roles.get(mention.key or "")
        return role[1] if role and role[1] else None

    def _country(self, words: str) -> str | None:
        return self.kb.country_code(words) if words and words[:1].isupper() else None

    def _proper_country(self, head: Any) -> str | None:
        """A state the proper name at the head names, whatever modifies it ("NATO-member Norway",
        "oil-rich Kuwait"): the longest run of proper nouns ending at the head that is a state."""
        if head.pos_ != "PROPN":
            return None
        doc, i = head.doc, head.i
        while i > 0 and doc[i - 1].pos_ == "PROPN" and head.i - i < 5:
            i -= 1
        for k in range(i, head.i + 1):
            if code := self._country(self.text[doc[k].idx : head.idx + len(head)]):
                return code
        return None

    def _is_seat(self, head: Any) -> bool:
        """A capital or metonym standing for its government ("Tehran", "the White House")."""
        name = " ".join(t.text for t in _name_tokens(head)).lower().removeprefix("the ")
        return name in self.lex.seats

    def _igo(self, phrase: str) -> str | None:
        m = self.lex.igo_re.search(phrase)
        return self.lex.igos[m.group(0)] if m else None

    def _sector(self, head: Any) -> str | None:
        """The sector the head noun names ("riot police", "troops"), else its nearest compound's ("army officers")."""
        words = [t for t in head.children if t.dep_ == "compound" and t.i < head.i] + [head]
        phrase = " ".join(t.lower_ for t in words)
        cands = [phrase, f"{words[-2].lower_} {head.lower_}" if len(words) > 1 else None, head.lower_, head.lemma_.lower()]
        cands += [w for t in reversed(words[:-1]) for w in (t.lower_, t.lemma_.lower())]
        for cand in cands:
            if cand and cand in self.lex.sectors:
                return self.lex.sectors[cand]
        return None

    def _modifier_country(self, toks: list[Any]) -> str | None:
        codes = self._scan(toks)
        return codes[0] if codes else None

    def _scan(self, toks: list[Any]) -> list[str]:
        """Country codes named in the phrase, longest names first, in order."""
        out: list[str] = []
        i = 0
        while i < len(toks):
            for n in (7, 6, 5, 4, 3, 2, 1):  # "the Democratic People's Republic of Korea"
                run = toks[i : i + n]
                if len(run) < n or not run[0].text[:1].isupper() or any(t.i != run[0].i + k for k, t in enumerate(run)):
                    continue
                if _stance_prefix(run[0]):
                    continue  # "pro-Iranian", "anti-Syria": a stance, not a country of the actor
                words = self.text[run[0].idx : run[-1].idx + len(run[-1])]
                code = self.kb.country_code(words.removesuffix("'s").removesuffix("’s"))
                if code is not None:
                    if code not in out:
                        out.append(code)
                    i += n - 1
                    break
            i += 1
        return out


def _shares_modifiers(e: EntityDraft, first: EntityDraft, tok: Any) -> bool:
    """A group member with no words of its own saying whose it is, after a group that has a country."""
    group = e.person is None and e.org is None and first.person is None and first.org is None
    bare = not any(c.dep_ in ("amod", "compound", "nmod", "poss") for c in tok.children)
    return group and bare and e.code is None and first.code is not None and e.sector is not None


def _residence_preps(head: Any) -> list[Any]:
    """"in X" phrases that say where a people or group lives: "parties in Nepal", "guerrillas
    operating in Macedonia", "a newspaper based in Beirut"."""
    out = [c for c in head.children if c.dep_ == "prep" and c.lower_ in _RESIDENCE]
    for verb in head.children:
        if verb.dep_ == "acl" and verb.lemma_.lower() in _DWELL:
            out += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in _RESIDENCE]
    return out


def _stance_prefix(tok: Any) -> bool:
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in ("pro", "anti"):
        return True
    return tok.i >= 1 and doc[tok.i - 1].lower_ in ("pro-", "anti-")


def _coordinated(head: Any) -> Iterator[Any]:
    yield head
    for c in head.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"):
            yield from _coordinated(c)


def _own_tokens(head: Any, top: bool = True) -> list[Any]:
    """The phrase's own words: its subtree without clauses, coordinated members and appositions,
    keeping "of / in / from" phrases that say whose it is ("the government of X", "parties in Nepal")
    and coordinated modifiers ("Hungarian and Slovak officials")."""
    out = [head]
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in _OWN_PREPS:
            out.extend(c.subtree)
        elif c.dep_ not in _SKIP_DEPS or (not top and c.dep_ in ("conj", "cc")):
            out.extend(_own_tokens(c, False))
    return out


def _name_tokens(head: Any) -> list[Any]:
    """The head with its compound and flat-name words ("Saudi Arabia", "the White House")."""
    toks = [t for t in head.children if t.dep_ in ("compound", "det") and t.i < head.i and (t.dep_ == "compound" or t.lower_ == "the")]
    return sorted([*toks, head], key=lambda t: t.i)
