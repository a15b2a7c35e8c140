"""People: find name, title and pronoun mentions, resolve them to canonical persons.

Names are matched against the knowledge base (aliases, transliterations, surnames) and, when
unknown, taken from spaCy's PERSON entities (fullest form in the text). Role descriptions
("the Iraqi president", "the Leader") resolve first to a person of the document who held that
office, then, when the document's date is known, to the office holder on that date.
Pronoun subjects ("he said") resolve to the current topic person (the last sentence subject).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..actors.kb import PERSONAL_HONORIFICS, KnowledgeBase, Office, PersonEntry, fold
from ..actors.resolve import MANY_HOLDERS
from ..records import Person
from .dates import MONTHS
from .lexicon import Lexicon

ROLE_WORDS = (
    r"Supreme Leader|Leader|Ruler|Grand Ayatollah|President|Taoiseach|Lyonchhen|Lyonchoen|Chief Executive|Chief Advis[eo]r(?!\s+to\b)|Governor[- ]General|Governor|Vice[- ]President|First Vice[- ]President|Prime Minister|Premier|"
    r"Foreign Minister|Minister of Foreign Affairs|Foreign Secretary|Secretary of State|Defen[cs]e Minister|"
    r"Minister|Speaker|Parliament Speaker|King|Emperor|Crown Prince|Heir Apparent|Emir|Amir|Sultan|Chancellor|Chairman|Chairwoman|Chairperson|Chair|Commander|"
    r"Secretary[- ]General|Chief of Staff|Head of (?:the )?State|Head|Monarch|Top Diplomat|Diplomat|Envoy|Ambassador|High Commissioner|Spokes(?:man|woman|person)"
)
_ROLE_RE = re.compile(
    r"(?:\b(?:[Tt]he|[Hh]is|[Hh]er)\s+)?(?:(?:[Ll]atest|[Nn]ew|[Ff]ormer|[Ll]ate|[Tt]hen|[Aa]cting|[Ii]nterim|[Cc]aretaker)\s+){0,2}"
    r"(?:(?P<adj>[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?|UK|US|UAE|EU|UN|DRC|PRC|ROK|DPRK|NATO|OIC|GCC|IAEA|ASEAN|OPEC|IMF|AU|OAS|OSCE|WTO|WHO)(?:’s|'s)?\s+)?"  # "the UK Prime Minister"
    r"(?:(?:new|former|late|then|outgoing|incoming|acting|interim|caretaker)\s+)?"
    r"(?P<role>(?<!-)\b(?:" + ROLE_WORDS + "|" + ROLE_WORDS.lower() + r"|(?<!\d)(?<!\d\s)PM)\b(?![-‑ ](?i:elect|designate)\b)"
    r"(?:\s+and\s+Yang\s+Di-Pertuan)?)"  # not "Vice-Minister", ("the Sultan and Yang Di-Pertuan of Brunei": one title)
    # nor "President-elect": not yet the office ("the president of the government of X": its head of government)
    r"(?:\s+of\s+the\s+[Gg]overnment(?=\s+of\b))?(?:\s+of\s+(?:the\s+)?(?P<of>(?:Islamic\s+(?:Revolution|Republic(?:\s+of\s+Iran)?|Ummah)(?:\s+and\s+Oppressed)?)|"
    # ("President of the Republic of the Marshall Islands": a state's form, then its name with an article)
    r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s+(?:of\s+(?:the\s+)?)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+){0,3}))?"
)
_REGION_HEADS = frozenset({"prime_minister", "president", "governor", "chief_executive"})
_ENVOY_WORD = re.compile(r"(?i:ambassador|envoy|high commissioner|representative)\b")
# an office's body or aide named by its holder's title: who speaks or serves there is not the holder
# (a body by its capitalised name: "the minister's office" is where he was)
_OFFICE_OF_THE_HOLDER = re.compile(r"(?:’s|'s)\s+(?:Office|Cabinet|Secretariat|Bureau|Administration|(?:[Pp]ress\s+|[Cc]hief\s+of\s+)?"
                                   r"(?i:staff|service|advis[eo]rs?|spokes(?:man|woman|person)|aides?|secretar(?:y|ies)))\b")
_HOLDER_S_OFFICE_BEFORE = re.compile(r"\b(?:Office|Cabinet|Secretariat|Bureau|Administration|Chancellery|[Pp]ress\s+[Ss]ervice|"
                                     r"[Pp]ress\s+[Oo]ffice)\s+of\s+(?:the\s+)?$")
# the foreign minister as translations from Spanish and Portuguese name them ("el jefe de la diplomacia rusa")
_HEAD_OF_DIPLOMACY = re.compile(r"\b(?:[Tt]he\s+)?(?:[Hh]ead|[Cc]hief)\s+of\s+(?:the\s+)?(?P<adj>[A-Z][a-z]+)\s+diplomacy\b")
_AND_BEFORE = re.compile(r"\b((?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+ ){1,2}and )$")  # the first half of a country named "X and Y"
_PERSONAL_HONORIFIC = re.compile(r"\b(?:" + "|".join(sorted(w.capitalize() for w in PERSONAL_HONORIFICS)) + r")\.?\s+$")
# the particles of European names, which are no English words ("Maria de Jesus", "Ursula von der Leyen")
_NAME_PARTICLE = r"(?:de|da|di|du|dos|das|do|del|della|van|von|der|le|la)"
_PARTICLE = r"(?:al|el|bin|ibn|bint|wa|de|da|di|du|dos|das|do|del|van|von|der|le|la|abu|ul|ud|ad|as|ar|an|at|az|á|í|av)"
# a name's word may hold a period ("Kh.Battulga", "H.E."), but not one that ends a sentence glued to the next
# ("Park Byung Suk.The delegation")
_WORD_GOES_ON = r"(?:[\w’'‘-]|\.(?!(?:The|In|He|She|It|This|They|On|At|An?|We|His|Her|Their|After|During|Both)\b))*"
_NAME_RUN = re.compile(
    # (two family names joined by "e" or "y": "Ulisses Correia e Silva", "Guillermo Zamora y Villa")
    r"(?:\b" + _PARTICLE + r"-)?[A-ZÀ-ÖØ-ÞĀ-ſ]" + _WORD_GOES_ON + r"(?:[ \t]+(?:(?:" + _PARTICLE + r"|[ey])(?:[- ]|(?=[A-Z])))*(?:"
    + _PARTICLE + r"-)?[A-ZÀ-ÖØ-ÞĀ-ſ]" + _WORD_GOES_ON + r")*"
)
_MONTH_LAST = re.compile(r"\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?$")
_LAST_WORD = re.compile(r"[\s,]+([A-Za-z]+)\.?$")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
PRONOUNS = frozenset({"he", "she", "him", "her", "his"})


@dataclass(slots=True)
class Mention:
    start: int  # cleaned-text offsets
    end: int
    text: str
    kind: str  # "name" | "role" | "pronoun"
    key: str | None = None  # canonical name (KB) or fullest surface name; None = unresolved
    entry: Any = None  # the KB PersonEntry, when known
    office: str | None = None  # office type from an attached title ("President", "the Leader")
    office_country: str | None = None
    confidence: float = 1.0
    office_org: str | None = None  # the organisation a title names ("the NATO Secretary General")
    region: str | None = None  # the region whose head a title names ("Premier of Nevis"): only whom the text titles so


class MentionList:
    """Mentions sorted by start, with range lookups by binary search."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]

    def starting(self, start: int, end: int) -> list[Mention]:
        """Mentions that start in [start, end)."""
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def __iter__(self) -> Iterator[Mention]:
        return iter(self.items)


@dataclass(slots=True)
class PeopleIndex:
    """All person mentions of one document, sorted, plus per-person facts."""

    mentions: list[Mention] = field(default_factory=list)
    entries: dict[str, Any] = field(default_factory=dict)  # key -> KB entry (None for unknown people)
    unknown_roles: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    window: tuple[date, date] | None = None  # undated document: when all its "Title Name" mentions held
    home: str | None = None  # ISO-3 of the dateline's city
    givens: dict[str, set[str]] = field(default_factory=dict)  # the page's given names before each name word
    refused: set[tuple[str, str]] = field(default_factory=set)  # (KB name, written name) the text told apart
    _sorted: MentionList | None = None
    _seen: int = -1
    _longest: int = 0

    def _index(self) -> MentionList:
        if self._sorted is None or self._seen != len(self.mentions):
            self._sorted = MentionList(self.mentions)
            self._seen = len(self.mentions)
            self._longest = max((m.end - m.start for m in self.mentions), default=0)
        return self._sorted

    def at(self, start: int, end: int) -> list[Mention]:
        """Mentions overlapping [start, end)."""
        ix = self._index()
        return [m for m in ix.starting(start - self._longest, end) if m.end > start]

    def between(self, start: int, end: int, *, kinds: tuple[str, ...] = ("name", "role", "pronoun")) -> list[Mention]:
        """Resolved mentions lying inside [start, end)."""
        return [m for m in self._index().starting(start, end) if m.end <= end and m.kind in kinds and m.key]

    def keys(self) -> set[str]:
        return {m.key for m in self.mentions if m.key}

    def reference_date(self, on: date | None) -> date | None:
        """``on``, else the middle of the window (for labelling roles only, never as an event date)."""
        if on is not None or self.window is None:
            return on
        lo, hi = self.window
        if lo == date.min or hi == date.max:
            return hi if lo == date.min and hi != date.max else (lo if lo != date.min else None)
        return lo + (hi - lo) / 2


# "of the Japan Micronesia ...": a country whose name takes no article, then more capitalised words, is the
# start of a body's name ("of the Philippines Ferdinand ..." and "of the Gambia Adama ..." are countries)
_BODY_NAMED_FOR_COUNTRY = re.compile(r".*\bof\s+the\s+(?!(?:Gambia|Congo|Sudan|Vatican)\b)[A-Z][a-z]+(?<!s)\s+[A-Z].*", re.S)


def _cue_cut_short(kb: KnowledgeBase, text: str, s: int, e: int, of: int) -> tuple[Any, int]:
    """The title at ``text[s:e]``, its place after "of" (from ``of``) cut a word at a time from the end
    until the knowledge base reads it ("President of Turkmenistan Serdar" -> "President of Turkmenistan")."""
    cue = kb.parse_role(text[s:e])
    while cue is None and " " in text[of:e].strip():
        e = of + text[of:e].rstrip().rindex(" ")
        cue = kb.parse_role(text[s:e])
    return cue, e


def _strip_possessive(text: str, start: int, end: int) -> tuple[int, int]:
    m = _POSSESSIVE.search(text[start:end])
    if m:
        end = start + m.start()
    while end > start and text[end - 1] in ".,’'":
        if text[end - 1] == "." and re.search(r"\b(?:Mr|Dr|Jr|Sr|Gen|St)\.$", text[start:end]):
            break
        end -= 1
    return start, end


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


def find_people(
    text: str, doc: Any, kb: KnowledgeBase, lex: Lexicon, on: date | None, is_place: Any = lambda s: False,
    home: str | None = None, guessed_date: bool = False, headline: str | None = None,
) -> PeopleIndex:
    """Detect and resolve person mentions in cleaned ``text`` (``doc`` is its spaCy Doc).

    ``is_place(word)`` tells a one-word place name ("Baghdad") from a surname; ``home`` is the
    country of the page's dateline, which tells namesakes in office on the same day apart;
    ``guessed_date``: ``on`` is the first date the story names, not the page's own; ``headline``:
    the page's title, where a person the body names only by title and surname may stand in full.
    """
    idx = PeopleIndex(home=home)
    taken = bytearray(len(text) + 1)
    roles: list[Mention] = []
    pos_at = _pos_by_start(doc)
    for m in _ROLE_RE.finditer(text):
        s, e = m.start(), m.end()
        cue = kb.parse_role(m.group(0))
        pair = _AND_BEFORE.search(text, max(0, s - 30), s) if m.group("adj") and s == m.start("adj") else None
        if pair and kb.country_code(pair.group(1) + text[s : m.end("adj")]):
            s = pair.start(1)  # "Serbia and Montenegro's foreign minister", "Trinidad and Tobago's prime minister"
            cue = kb.parse_role(text[s:e])
        if cue is None and m.group("of"):
            cue, e = _cue_cut_short(kb, text, s, e, m.start("of"))  # "President of Turkmenistan Serdar ..."
            if cue is not None and _BODY_NAMED_FOR_COUNTRY.fullmatch(text, s, m.end()) and not (
                    (rest := text[e : m.end()].split()) and kb.is_given_name(rest[0].strip(",.’'"))):
                continue  # "President of the Japan Micronesia Friendship League": a body's president, not Japan's
                # (but "President of the Republic of the Marshall Islands Hilda Heine": the holder's name follows)
        region = None
        if cue is None and m.group("of") and not m.group("adj") and not any(
                w in lex.nonperson_words or w.lower() in _TITLE_WORDS for w in m.group("of").split()):
            head = kb.parse_role(text[s : m.end("role")])  # "Premier of Nevis", "President of Puntland": a region's
            if head is not None and head.office in _REGION_HEADS:  # head, the office without the country
                cue, region = head, m.group("of")
        if cue is None and m.group("adj") and not kb.country_code(m.group("adj")):
            # "Extraordinary and Plenipotentiary Ambassador of India": from its office word; "on Wednesday
            # Egyptian Minister of ...": from its country
            last = m.group("adj").split()[-1] if " " in m.group("adj") else ""
            if last and kb.country_code(last):
                s = m.end("adj") - len(last)
            elif _ENVOY_WORD.match(m.group("role")):  # (not "National Leader": a word that makes another office)
                s = m.start("role")
            cue, e = _cue_cut_short(kb, text, s, m.end(), m.start("of") if m.group("of") else m.end())
        if cue is None or cue.former:
            continue  # "the former Dutch prime minister" is not whoever holds the office today
        if (cue.office == "president" and cue.country is None and cue.org is None and m.group("adj")
                and m.group("adj").split()[-1] in lex.nonperson_words):
            continue  # "the ECOWAS Commission President", "Senate President X": a body's president, not a country's
        before_adj = re.search(r"(?<![\w’'-])([A-Z][\w’'-]*)[ \t]+$", text[max(0, s - 30) : s]) if cue.org else None
        if before_adj and before_adj.group(1).lower() not in _FUNCTION_WORDS | {"a", "an", "his", "her", "its"} and (
                (longer := kb.parse_role(before_adj.group(1) + " " + text[s:e])) is None or longer.org != cue.org):
            continue  # "the ECOWAS Commission President": another body's "Commission" than the one the KB reads
        role_start = m.start("role")
        if role_start == s and _PERSONAL_HONORIFIC.search(text, max(0, s - 6), s):
            continue  # "Dr. Sultan bin Ahmed", "Mr. King": a given name after a personal honorific
        # a lowercase bare role ("president") counts only with an article or adjective before it
        if m.group("role")[0].islower() and not (m.group("adj") or text[s:role_start].strip()):
            continue
        if m.group("role") in ("premier", "leader", "head", "chief") and (word_after := _NEXT_WORD.match(text, e)) \
                and pos_at.get(word_after.start(1)) in ("ADJ", "NOUN"):
            continue  # "the premier regional organisation", "the leading ...": an adjective, not a title
        if re.search(r"(?<![\w’'-])(?:[Aa]n?|[Aa]ny|[Nn]o|[Ee]very)[ \t]+$", text[max(0, s - 6) : s]) \
                and not re.match(r",?[ \t]+[A-ZÀ-ÖØ-ÞĀ-ſ]", text[e : e + 3]):
            continue  # "the first time an Indian head of state has visited": anyone of the office, no one in particular
        if re.match(r"[ \t]+@\w", text[e : e + 3]):
            continue  # "President @anuradisanayake": the holder named by a handle, not whoever the title alone gives
        if _OFFICE_OF_THE_HOLDER.match(text, e):
            continue  # "Head of the President's Office", "the Prime Minister's spokesman": a body or an aide
        if _HOLDER_S_OFFICE_BEFORE.search(text, max(0, s - 40), s):
            continue  # "the Philippine Office of the President", "the Press Service of the President": a body
        roles.append(Mention(s, e, text[s:e], "role", office=cue.office, office_country=cue.country, office_org=cue.org,
                             region=region))
    for m in _HEAD_OF_DIPLOMACY.finditer(text):  # "the head of Russian diplomacy": its foreign minister
        code = kb.country_code(m.group("adj"))
        if code is not None:
            roles.append(Mention(m.start(), m.end(), m.group(0), "role", office="foreign_minister", office_country=code))
    # names (KB first), possibly right after a title ("Iraqi Prime Minister Mohammed ...")
    persons_at = _person_entity_map(doc, len(text))
    givens = idx.givens = _given_names(text, kb, is_place, pos_at)
    runs = [(m.start(), v.start("verb") if (v := _SPEECH_VERB_LAST.search(text, m.start(), m.end() + 1))
             and not kb.is_given_name(v.group("before")) else m.end())
            for m in _NAME_RUN.finditer(text)]  # ("The Minister Said.": no surname Said; "Khaled Said." is a name)
    memo: dict[str, list[Any]] = {}
    for one_word in (False, True):  # full names first: then "Prince Salman" may be the page's Salman bin Hamad
        for start, end in runs:
            _match_run(text, start, end, kb, on, idx, taken, is_place, persons_at, givens, lex.nonperson_words,
                       one_word=one_word, pos_at=pos_at, memo=memo)
    _partial_names(text, kb, idx, taken, is_place, givens)
    # unknown people: spaCy PERSON entities that the KB did not cover
    known_ends = {m.end for m in idx.mentions if m.entry is not None}  # (the entity pass adds no known name)
    for ent in getattr(doc, "ents", ()):
        styled = _STYLED_NAME_IN_A_BODY.search(ent.text) if ent.label_ == "ORG" else None
        if ent.label_ != "PERSON" and styled is None:
            continue
        s, e = _strip_possessive(text, ent.start_char + (styled.start("name") if styled else 0), ent.end_char)
        inner = re.search(r"(?:’s|'s)\s", text[s:e])
        if inner:  # "Boris Johnson’s Brexit": the person ends at the possessive
            e = s + inner.start()
        if any(taken[s:e]):
            continue
        s = _after_place_words(text, s, e, kb, is_place)  # "Buryatia Alexey Tsydenov", "Mongolia Kh"
        first = re.match(r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+ (?=[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+ [A-Z])", text[s:e])
        if first and _TITLED_BEFORE.search(text, max(0, s - 80), s) and re.search(r"\bof\s+$", text[max(0, s - 4) : s]) \
                and not kb.is_given_name(first.group(0).strip()):
            s += first.end()  # "Head of Republic of Buryatia Alexey Tsydenov": the title's place, then the name
        before = re.search(r"(?:^|[,;:()]\s*)([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+) $", text[max(0, s - 30) : s], re.M)
        if (before and (kb.is_given_name(before.group(1)) or pos_at.get(s - len(before.group(1)) - 1) == "PROPN")
                and not _not_a_given_name(before.group(1), kb, is_place) and not before.group(1).isupper()):
            s -= len(before.group(1)) + 1  # "…, Héctor Manuel Zelaya": the model's entity began a word late
        elif ((after_title := re.search(r"(?<![\w’'-])([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+) $", text[max(0, s - 30) : s]))
              and _TITLE_RIGHT_BEFORE.search(text, max(0, s - 80), s - len(after_title.group(1)) - 1)
              and (kb.is_given_name(after_title.group(1)) or pos_at.get(s - len(after_title.group(1)) - 1) == "PROPN"
                   or _HONORIFIC_RIGHT_BEFORE.search(text, max(0, s - 40), s - len(after_title.group(1)) - 1))
              and not after_title.group(1).isupper() and not kb.country_code(after_title.group(1))
              and after_title.group(1).lower() not in _TITLE_WORDS):
            s -= len(after_title.group(1)) + 1  # "Premier Alden McLaughlin": a given name the model took for a town
            # ("Hon. Dulcie Elaine Tei": after an honorific, whatever the tagger called it)
        elif ((given_before := re.search(r"(?<![\w’'-])([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+) $", text[max(0, s - 30) : s]))
              and kb.is_given_name(given_before.group(1)) and pos_at.get(s - len(given_before.group(1)) - 1) == "PROPN"
              and not _not_a_given_name(given_before.group(1), kb, is_place) and not given_before.group(1).isupper()
              and text[s:e].split()[0].lower() not in _TITLE_WORDS  # ("Iskandar [Sultan Ibrahim]": a father's name)
              and not _POSSESSIVE.search(given_before.group(1)) and not any(taken[s - len(given_before.group(1)) - 1 : s])
              and not _PLACE_WORD_BEFORE.search(text, max(0, s - 40), s - len(given_before.group(1)) - 1)):
            s -= len(given_before.group(1)) + 1  # "of Zanzibar Haroon Ali Sulaiman": a given name the model left out
        elif re.match(r"(?:bin|ibn|bint)\s", text[s:e]) and (given := re.search(r"([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+) $", text[max(0, s - 30) : s])):
            s -= len(given.group(1)) + 1  # "(Communications) Jassim bin Saif Al Sulaiti": no name opens with "bin"
        elif (father := re.search(r"(?<![\w’'-])([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+ (?:bin|ibn|bint) )$", text[max(0, s - 30) : s])) and \
                father.group(1).split()[0].lower() not in _TITLE_WORDS:
            s -= len(father.group(1))  # "Reem bint Ibrahim Al Hashimy": the model's entity began at her father's name
        opener = re.match(r"([A-Z][a-z]+ing) (?=[A-ZÀ-ÖØ-ÞĀ-ſ])", text[s:e])
        if opener and pos_at.get(s) == "VERB" and not kb.is_given_name(opener.group(1)):
            s += opener.end()  # "Welcoming Quintero and his delegates, ...": a participle opens the sentence
        while len(text[s:e].split()) > 2 and text[s:e].split()[1].lower() not in _BIN and (
                text[s:e].split()[0] in lex.nonperson_words
                                              or text[s:e].split()[0].lower() in _OFFICE_WORDS
                                              or text[s:e].split()[1].lower() in _PLURAL_TITLES
                                              # "Minister for Law Padam Giri": the portfolio, then the name
                                              or (text[s:e].split()[0].lower() in _TITLE_WORDS
                                                  and _PORTFOLIO_BEFORE.search(text, max(0, s - 40), s))):
            s += len(text[s:e].split()[0])  # "Secretariat Luong Cuong", "Spokesperson Randhir Jaiswal": the name
            while s < e and text[s].isspace():
                s += 1
        while len(text[s:e].split()) > 2 and _country_goes_on(text, s, kb):
            s += len(text[s:e].split()[0])  # "High Commissioner to Sierra Leone Henry John Omaku": the country's last word
            while s < e and text[s].isspace():
                s += 1
        if (glued := re.match(r"-([a-zà-ÿ][\w’']*)(?![\w’'-])", text[e : e + 30])) and not _english_word(glued.group(1)) \
                and glued.group(1) not in lex.nonperson_words:
            e += glued.end()  # "Surapong Suwana-adth": the model's entity ended inside a hyphenated name
        for _ in range(2):  # "Gaudencio Mahaba Messu", "S W Tapley Seaton": the model's entity ended a word or two early
            more = re.match(r" ([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)\b(?![’'])", text[e : e + 40])
            if not (more and pos_at.get(e + 1) == "PROPN" and not more.group(1).isupper() and not any(taken[e : e + more.end()])
                    and not _not_a_given_name(more.group(1), kb, is_place) and more.group(1) not in lex.nonperson_words):
                break
            e += more.end()
        while len(text[s:e].split()) > 2 and text[s:e].split()[0].lower() in _OFFICE_WORDS:
            s += len(text[s:e].split()[0])  # "Spokesperson Raveesh" + "Kumar": the office word, once the name is whole
            while s < e and text[s].isspace():
                s += 1
        if (y := re.match(r" [ye] ([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)\b(?![’'])", text[e : e + 40])) and len(text[s:e].split()) >= 2 \
                and not any(taken[e : e + y.end()]) and not _not_a_given_name(y.group(1), kb, is_place) \
                and y.group(1) not in lex.nonperson_words:
            e += y.end()  # "Guillermo Zamora y Villa", "Ulisses Correia e Silva": two family names joined by "y" or "e"
        while (post := _LAST_WORD.search(text, s, e)) and post.start() > s and (post.group(1) in lex.post_nominals or (
                post.group(1) in _SPEECH_VERBS and not kb.is_given_name(text[s:post.start()].split()[-1]))):
            e = post.start()  # "Hon. Pat Conroy MP", "Sir John Smith KCMG", "Matawalle Said": the name
        if (month := _MONTH_LAST.search(text, s, e)) and re.match(r"\.?\s*\d{1,2}\b", text[e : e + 6]):
            e = month.start()  # "hosted Premier Kuupik Kleist Aug. 7 to 9": the name, then the date
        if (verb := _TITLE_CASE_VERB.search(text, s, e)) is not None:
            e = verb.start()  # "Speaker Simina Meets Sector Commander ...", "Ambassador Malazogu Read More": a title-case
            # line's verb ends the name the model ran on
        name = kb.strip_honorifics(text[s:e]).strip(" ,.’'")
        if name in lex.landmarks or is_place(name) or _SAINT_ONLY.match(name):
            continue  # "Bodh Gaya", "Agua Caliente": towns; "President's House, St Ann’s": a parish, not a saint
        if re.search(r"\bthe\s+[“\"‘]?$", text[max(0, s - 6) : s]) or _VENUE_NOUN_AFTER.match(text, e) or (
                _VENUE_NOUN_BEFORE.search(text, max(0, s - 20), s)) or (  # ("at his official residence Mahlamba Ndlofu")
                len(name.split()) > 2 and _VENUE_NOUN_AFTER.fullmatch(" " + name.split()[-1])):  # ("at Sir X Y Botanical,")
            continue  # "a performance of the Ram Bhajan", "played the “Lupang Hinirang”", "the Vatroslav Lisinski
            # concert hall": a thing's name
        if re.search(r"(?<![\w’'-])(?:in|at)[ \t]+$", text[max(0, s - 4) : s]) and not _POSSESSIVE.match(text[e : e + 2]):
            continue  # "will meet Escobar at 6 p.m. in Villa Mir", "held discussions in Kurumba Maldives": a place
        if _goes_on_from_known(text, s, known_ends):
            continue  # "King Philippe Léopold Louis Marie of the Belgians": the further given names of a known name
        if not _could_be_a_name(name, lex, kb) or (not text[e:].strip() and len(name.split()[-1]) <= 2):
            continue  # (a name cut off where the page's stored text ends: "Dr. Nasser A")
        if _ends_in_a_country_name(text, s, e, kb):
            continue  # "Minister Browne Lead Antigua and Barbuda's ...": a title-case headline, not a name
        owners = _page_owners(name, idx, kb) if _is_patronymic(name) else _fuller_form_of(name, idx, kb)
        if len(owners) == 1:  # "bin Alawi added": the short form of the page's Yusuf bin Alawi bin Abdullah
            key = next(iter(owners))
            idx.mentions.append(Mention(s, e, text[s:e], "name", key=key, entry=idx.entries.get(key), confidence=0.8))
            taken[s:e] = b"\x01" * (e - s)
            continue
        idx.mentions.append(Mention(s, e, text[s:e], "name", key=name, confidence=0.7))
        taken[s:e] = b"\x01" * (e - s)
    _malay_styled_names(text, idx, taken)
    _people_by_context(text, kb, lex, idx, taken, is_place)
    _surnames_of_unknown_people(text, kb, idx, taken)
    if headline:
        _named_in_full_in_the_headline(text, headline, kb, idx, taken)
    _drop_credit_line_people(text, pos_at, idx)
    # attach titles that directly precede a name; keep the others as role mentions
    names = sorted(idx.mentions, key=lambda x: x.start)
    roles.sort(key=lambda x: x.start)
    for k, r in enumerate(roles):
        nxt = next((n for n in names if n.start >= r.start), None)
        then = roles[k + 1] if k + 1 < len(roles) else None
        if nxt is not None and then is not None and re.fullmatch(r"\s+and\s+", text[r.end : then.start]) and not re.match(
                r"(?:the|his|her|their|a|an)\s", then.text, re.I) and (
                then.end <= nxt.start <= then.end + 60 and not re.search(r"[.;,:!?\n]", text[then.end : nxt.start])) and (
                not any(taken[r.start : r.end])):
            # "Deputy Prime Minister and Minister for Finance X": both titles are X's ("the Sri Lankan President and
            # the Prime Minister of Rwanda X": two people, each with an article)
            r.key, r.entry, r.confidence = nxt.key, nxt.entry, 0.9
            idx.mentions.append(r)
            continue
        gap = text[r.end : nxt.start].strip() if nxt is not None else "-"
        if _AIDE_OF_BEFORE.search(text, max(0, r.start - 40), r.start):
            nxt = None  # "Chief Advisor to the Prime Minister Bishnu Rimal": the adviser's name, not the premier's
        if nxt is not None and (gap == "" or (nxt.start <= r.end + 12 and not kb.strip_honorifics(gap).strip())
                                or _TITLE_GOES_ON.fullmatch(text, r.end, nxt.start)):
            nxt.office, nxt.office_country = r.office, r.office_country
            of = _OF_COUNTRY_AFTER.match(text, nxt.end) if r.office_country is None else None
            if of:  # "Ambassador Alix Everard of France": the title's country follows the name
                nxt.office_country = next((c for n in range(of.group(1).count(" ") + 1, 0, -1)
                                           if (c := kb.country_code(" ".join(of.group(1).split()[:n])))), None)
            continue
        if any(taken[r.start:r.end]):
            continue
        word = re.match(r"[ \t]+([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)", text[r.end : r.end + 40])
        if word and not word.group(1).isupper() and not _not_a_given_name(word.group(1), kb, lambda w: False):
            continue  # "Minister Meza-Cuadra": the title of a name we could not place, nobody else's
        idx.mentions.append(r)
    idx.mentions.sort(key=lambda x: x.start)
    _resolve_unknown_surnames(idx)
    _names_in_another_order(idx, kb)
    if on is not None and guessed_date and (window := _date_window(idx)) is not None and not window[0] <= on <= window[1]:
        on = None  # a date the story names ("a gap of 10 years after the visit on 9 July 2015") that the titles
        # the page gives its people ("Prime Minister Samuel Matekane") rule out: the titles' period instead
    idx.window = _date_window(idx) if on is None else None
    _roles_beside_names(text, idx)
    _counterparts(text, kb, idx, taken)
    _couples_by_surname(text, idx, taken)
    _resolve_roles(idx, kb, on, idx.window, text)
    _titles_the_text_gives(text, kb, idx)
    _surname_of_a_titled_holder(idx, kb)
    for men in idx.mentions:
        if men.key and men.key not in idx.entries:
            idx.entries[men.key] = men.entry
    return idx


# words of titles and offices that may stand between a title and a name ("Minister of Foreign Affairs Sheikh ...")
# (the words of ROLE_WORDS, without the pieces its alternations split words into: "Chair(?:man|woman)")
_TITLE_WORDS = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", ROLE_WORDS)
                         if w.lower() not in ("of", "the", "man", "woman", "person", "spokes", "defen", "e")) | frozenset(
    ["chairperson", "chairwoman", "affairs", "foreign", "external", "home", "overseas", "relations", "kingdom", "development", "digitalisation",
     "digitalization", "tourism", "health", "education", "agriculture", "infrastructure", "transport", "culture",
     "defence", "defense", "interior", "finance", "economy", "oil", "energy", "trade", "justice", "deputy", "chief", "staff", "secretary", "general", "majesty", "majesties", "highness", "highnesses", "excellency", "excellencies", "eminence", "holiness", "sheikh", "sheikha", "prince", "princess", "sayyed", "sayyid", "seyyed", "he", "hh", "hrh", "dr", "pres", "mr", "mrs", "ms", "gen", "lt", "col", "brigadier", "major", "admiral", "cabinet", "council", "assembly", "parliament", "ambassador", "envoy", "governor", "mayor", "ministers", "amir", "emir", "imam", "ayatollah", "hojatoleslam", "grand", "crown", "custodian", "two", "holy", "mosques", "royal", "court", "state", "national", "security", "adviser", "advisor", "consultant", "counsellor", "counselor", "aide", "coordinator", "attaché", "attache", "spokesman", "spokeswoman", "spokesperson", "head", "chairman", "representative", "special", "republic", "islamic", "revolution", "guards", "corps", "force", "forces", "army", "commander",
     # an envoy's brief before a name: "Envoy for Somaliland Talks Abdikarim Hussein Guled"
     "talks", "negotiations", "dialogue", "peace", "reconciliation",
     # members of a congress and their party before them: "Democratic Congressmen Rubén Hinojosa"
     "congressman", "congressmen", "congresswoman", "congresswomen", "representatives", "senator", "senators",
     "democratic", "republican",
     # a portfolio's words after a comma in a minister's title: "Minister of Foreign Affairs, African Cooperation
     # and Moroccan Expatriates", "Foreign Affairs and Regional Integration"
     "cooperation", "expatriates", "abroad", "integration", "diaspora",
     # more portfolios: "Minister for Law Padam Giri", "Minister of Environment X"
     "law", "environment", "commerce", "industry", "youth", "sports", "fisheries",
     "housing", "planning", "immigration", "labour", "labor", "mines", "lands",
     "vp",  # ("Cuban First VP Jose Ramon Machado Ventura")
     "administrator", "commissioner", "director", "coordinator"]  # ("USAID Administrator Samantha Power")
)

# a speech verb the page capitalises after a name ("..., Matawalle Said."): no part of it
_SPEECH_VERBS = frozenset({"Said", "Says", "Added", "Adds", "Noted", "Stated", "Told", "Explained", "Stressed", "Remarked"})
_SPEECH_VERB_LAST = re.compile(r"\b(?P<before>[A-Z][\w’'-]*)(?P<verb>\s+(?:" + "|".join(sorted(_SPEECH_VERBS)) + r"))(?=[.,])")
_PORTFOLIO_BEFORE = re.compile(r"\b(?:[Mm]inist(?:er|ry)|[Ss]ecretary|[Dd]epartment)\s+(?:for|of)\s+(?:the\s+)?$")

_SURE = frozenset({"canonical", "alias", "surname", "initials"})
# office words a model's PERSON entity may open with ("Spokesperson Randhir Jaiswal"): never a given name
_PLURAL_TITLES = frozenset({"ministers", "mps", "senators", "deputies", "councillors", "representatives", "congressmen",
                            "congresswomen"})  # "Labour MPs X": a party first
_OFFICE_WORDS = frozenset({"spokesperson", "spokesman", "spokeswoman", "ambassador", "envoy", "adviser", "advisor",
                           "minister", "premier", "vp", "administrator", "coordinator", "secretary", "chairman", "chairwoman", "governor", "mayor", "commander",
                           # titles in the plural before a list's first name: "Ministers Ian Gorst, ...", "Labour MPs X"
                           "ministers", "mps", "senators", "ambassadors", "deputies", "councillors", "secretaries",
                           "governors", "mayors", "members",
                           "congressman", "congressmen", "congresswoman", "congresswomen", "representative",
                           "representatives", "senator"})


def _match_run(
    text: str, start: int, end: int, kb: KnowledgeBase, on: date | None, idx: PeopleIndex, taken: bytearray,
    is_place: Any, persons_at: list[int], givens: dict[str, set[str]], nonperson: frozenset[str] = frozenset(),
    *, one_word: bool = True, pos_at: dict[int, str] | None = None, memo: dict[str, list[Any]] | None = None,
) -> None:
    """Match the knowledge base's names in one run of capitalised words, longest first: names of
    several words only, or (``one_word``) the single-word names left."""
    toks = _tokens(text, start, end)
    memo = {} if memo is None else memo  # the knowledge base's candidates per surface, for both passes
    i = 0
    while i < len(toks):
        hit = None
        # an office title right before ("King Al Saud"): what follows names a holder of such an office
        title = text[toks[0][0] : toks[i][0]] if i > 0 and _office_title(text[toks[0][0] : toks[i - 1][1]], kb) else ""
        for j in range(len(toks), i, -1):
            s, e = _strip_possessive(text, toks[i][0], toks[j - 1][1])
            surface = text[s:e]
            if not surface or not surface[0].isalpha() or any(taken[s:e]):
                continue
            lookup = title + surface
            found = memo.get(lookup)
            if found is None:
                found = memo[lookup] = _candidates(kb, lookup, is_place, on)
            if found:
                hit = (j, s, e, found)
                break
        if hit is None:
            i += 1
            continue
        j, s, e, found = hit
        if i > 0 and text[toks[i - 1][0] : toks[i - 1][1]].lower() in _LESSER and (
                (cut := kb.split_role(text[s:e]))[0] is not None and len(cut[1].split()) == 1):
            i = j  # "Deputy Prime Minister Singh" is not the prime minister Singh: a deputy's title, cut
            continue  # (a full name after it is still the person: "Deputy Crown Prince Muqrin bin Abdulaziz")
        if i > 0 and text[toks[i - 1][0] : toks[i - 1][1]].lower() in _BIN:
            i = j  # "Mohammed bin Hamad bin Tahnoun Al Nahyan": a forefather, not Tahnoun himself
            continue
        if _fathers_name(text, toks[i][0], kb, is_place):
            i = j  # "Tunku Ismail Sultan Ibrahim": the son of Sultan Ibrahim, a Malay royal's father's name
            continue
        art = toks[i - 1][0] if j - i == 1 and i > 0 and text[toks[i - 1][0] : toks[i - 1][1]] in _ARTICLES else (
            s if j - i == 2 and text[toks[i][0] : toks[i][1]] in _ARTICLES else None)
        if art is not None and not any(f" {n.lower()}".endswith(f" {text[art:e].lower()}") for f in found for n in _names_of(f)):
            i = j  # "El Chapo", "La Pulga": a nickname with its article, not the known person of that surname
            continue
        if j - i == 1 and i > 0 and re.fullmatch(_PARTICLE, text[toks[i - 1][0] : toks[i - 1][1]]) and not any(
                f" {n.lower()}".endswith(f" {text[toks[i - 1][0] : e].lower()}") for f in found for n in _names_of(f)):
            i = j  # "the Casa de la Vall", "Juan de la Vall": the end of another name, not the known person's surname
            continue
        if j - i == 1 and i > 1 and re.fullmatch(_NAME_PARTICLE, text[toks[i - 1][0] : toks[i - 1][1]]) and (
                _name_word_before_particle(text, toks[i - 2], kb)) and not any(
                f" {n.lower()}".endswith(f" {text[toks[i - 2][0] : e].lower()}") for f in found for n in _names_of(f)):
            i = j  # "Sandro Renado Agostinho de Oliveira" is not "Paulo Sérgio Nogueira de Oliveira"
            continue
        if _other_name_beside(text, toks, i, j, kb, persons_at) and not _written_in_full(text[s:e], kb):
            i = j  # "Fawzi Hariri" is not "Rafic Hariri": leave it to the unknown-people pass
            continue
        cue, word = kb.split_role(text[s:e])
        word = word.strip()
        if (len(word.split()) == 1) != one_word:
            i = j if one_word else i + 1  # the other pass's
            continue
        if one_word and pos_at and word == text[s:e] and pos_at.get(s) in _NOT_NAME_OPENING and (
                s == 0 or re.search(r"[\n.!?”\"]\s*$", text[max(0, s - 3) : s])):
            i = j  # "Soon after, ...", "Note that, ...": an adverb or a verb at a sentence's start, not Song Min-soon or Kessai Note
            continue
        if one_word and (word.lower() in _TITLE_WORDS or (word.isupper() and len(word) > 2 and not any(
                n.isupper() for f in found for n in _names_of(f)) and not _capitals_in_prose(text, s, e, word))):
            i = j  # "the Stepanakert Mayor", "(MINA)": a title or an acronym, not the one whose second surname it is
            continue
        if one_word:
            owners = _page_owners(word, idx, kb)
            if owners and not owners & {f.name for f in found}:
                i = j  # "Prince Salman" beside "Salman bin Hamad Al Khalifa": the page's own (short forms)
                continue
            found = [f for f in found if not owners or f.name in owners]
            if len(owners) > 1:  # "Lee Hsien Loong ... Lee's wife ... Desmond Lee": the one named before it
                before = {m.key for m in idx.mentions if m.key in owners and m.end <= s}
                found = [f for f in found if f.name in before] if len(before) == 1 else found
        # (a title many hold with no country, "Minister Baird", fits too many to outweigh the page's own "Edison Baird")
        titled = cue is not None and (cue.country is not None or cue.office not in ("minister", *MANY_HOLDERS)) and all(
            _fits_cue(f, cue, on, idx) for f in found)
        if (len(word.split()) == 1 and cue is None and _names_a_thing(text, toks, i, word, nonperson, is_place)) or (
                _VENUE_NOUN_AFTER.match(text, e)):  # "at Sheikh Zayed Palace": a place named for him
            i = j  # "The Hague", "Parliament Hill", "the Ramadan fast": a place or a thing, not Hague or Hill
            continue
        if len(word.split()) == 1:
            if (cue is not None and cue.office == "envoy") or _ENVOY_TITLE_BEFORE.search(text, max(0, s - 30), s):
                # "High Commissioner Bhutto" is not the KB's Bhutto who was never an envoy (the page's Laraba Elsie-Bhutto)
                found = [f for f in found if any(o.office in ("envoy", "ambassador", "special_envoy") for o in f.offices)]
            if not titled:  # "Prime Minister Deuba" (on a date he was) is the prime minister, whoever else is
                lady = bool(_LADY_BEFORE.search(text, max(0, toks[i][0] - 12), toks[i][0])
                            or re.match(_LADY, text[toks[i][0] : toks[i][0] + 12]))
                found = [f for f in found if not _someone_else(word, f, givens, kb, lady)]
                if i > 0 and toks[i - 1][1] + 1 == toks[i][0] and (pos_at or {}).get(toks[i - 1][0]) == "PROPN" and (
                        given := text[toks[i - 1][0] : toks[i - 1][1]]) and re.fullmatch(r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+", given) \
                        and not given.isupper() and not _not_a_given_name(
                        given, kb, is_place) and given not in nonperson:
                    found = [f for f in found if kb.loose_key(given) in _name_words(f, kb)]  # "Madam Emily Lalabalavu"
            if not found or _name_goes_on(text, toks, j, kb, is_place):
                i = j  # "President Alexander Van der Bellen" is not "Alexander Lukashenko"
                continue
        else:
            found = [f for f in found if _same_lineage(text, toks, i, j, f, kb) and not _family_name_after(text, e, f, kb)
                     and not (_more_of_another_name(text, toks, j, f, kb, pos_at or {})
                              and (f.name not in _written_in_full(text[s:e], kb)
                                   or _another_name_word_before(text, toks, i, f, kb, pos_at or {})))]
            if not found or _given_name_before(text, toks, i, found, kb):
                i = j  # "Hamdan bin Mohamed bin Zayed Al Nahyan", "Héctor Manuel Zelaya": other people
                continue
        if _spouse(text, s):
            i = j  # "President and Mrs Pavlopoulos": his wife
            continue
        entry = _pick(found, on, idx)
        if entry is None:
            i = j  # namesakes the text does not tell apart: unresolved, never a guess
            continue
        if "(" in entry.name and _titled_otherwise(text, s, e, entry, kb, words=r"[\w’'.-]+"):
            i = j  # "former governor general David Johnston" is not "David Johnston (Australian politician)",
            continue  # a minister: a name the KB itself tells apart from namesakes, given another office
        written = kb.loose_key(kb.strip_honorifics(kb.split_role(text[s:e])[1]))
        if (entry.name, written) in idx.refused or (not _written_in_full(text[s:e], kb) and (
                other := _country_right_before(text, s, kb)) and not any(
                str(c).startswith(other) for c in {entry.country, *(o.country for o in entry.offices)} if c)):
            idx.refused.add((entry.name, written))  # (and so wherever the text writes that name again)
            i = j  # "Ambassador ... of the Islamic Republic of Iran Seyyed Abbas Mousavi": a name spelt like, but
            continue  # not written as, Hezbollah's Abbas al-Musawi, under another country's title
        idx.mentions.append(Mention(s, e, text[s:e], "name", key=entry.name, entry=entry))
        taken[s:e] = b"\x01" * (e - s)
        i = j


_GENERATION = frozenset({"Jr", "Sr", "II", "III", "IV", "Jnr", "Snr"})
_NOT_NAME_POS = frozenset({"ADV", "ADP", "SCONJ", "CCONJ", "DET", "PRON", "AUX", "PART"})
_NOT_NAME_OPENING = _NOT_NAME_POS | {"VERB"}
_ROYAL_FATHER = frozenset({"Sultan", "Raja", "Sheikh", "Shaikh"})


_AFTER_A_GIVEN_NAME = re.compile(r"([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)[ \t]+(?:(?:" + "|".join(_ROYAL_FATHER) + r")[ \t]+)?$")


def _capitals_in_prose(text: str, s: int, e: int, word: str) -> bool:
    """A surname of four letters or more set in capitals amid lower-case prose ("held talks with BIYA at the Unity
    Palace"), not an acronym among capitals (a headline, "(MINA)")."""
    before = re.search(r"(\S+)\s+$", text[max(0, s - 40) : s])
    after = re.match(r"[\s,;:.]+(\S+)", text[e : e + 40])
    return (len(word) >= 4 and word.isalpha() and before is not None and after is not None
            and not before.group(1).isupper() and not after.group(1).isupper()
            and before.group(1)[-1:] not in "(" and after.group(1)[:1] != ")")


def _fathers_name(text: str, start: int, kb: KnowledgeBase, is_place: Any) -> bool:
    """Whether the name at ``start`` is a father's after his son's given name: "Tunku Ismail Sultan Ibrahim"
    (at "Sultan" or at "Ibrahim"), a Malay royal's way of naming."""
    m = _AFTER_A_GIVEN_NAME.search(text, max(0, start - 40), start)
    if m is None or not _given_word(m.group(1), kb, is_place):
        return False
    royal_before = m.end(1) < start and text[m.end(1):start].strip() in _ROYAL_FATHER
    return royal_before or text[start:].split(" ", 1)[0] in _ROYAL_FATHER


def _given_word(word: str, kb: KnowledgeBase, is_place: Any) -> bool:
    """A capitalised word that may be a given name: not a title, honorific, place or country."""
    w = word.strip(",.’'")
    return bool(w) and w[0].isupper() and w.lower() not in _TITLE_WORDS and kb.strip_honorifics(w) != "" \
        and not is_place(w) and not kb.country_code(w) and not w.isupper()


def _page_owners(word: str, idx: PeopleIndex, kb: KnowledgeBase) -> set[str]:
    """The page's known people already named in full whose short forms or listed surnames include ``word``."""
    w = kb.loose_key(word)
    return {m.key for m in idx.mentions if m.entry is not None and m.key
            and any(kb.loose_key(f) == w for f in (*_short_forms(m.key), *m.entry.surnames))}


def _names_a_thing(text: str, toks: list[tuple[int, int]], i: int, word: str, nonperson: frozenset[str],
                   is_place: Any) -> bool:
    """A lone surname that is a word of places and things or follows one, or ends a city's name
    ("The Hague")."""
    if word.strip("’'") in nonperson:
        return True
    if i > 0 and text[toks[i - 1][0] : toks[i - 1][1]].strip(",.’'") in nonperson:
        return True
    if _VENUE_NOUN_AFTER.match(text, toks[i][1]):
        return True  # "the Suárez y Reyes residence", "Mandela Avenue": the name of a place, not the person
    if _ORG_NOUN_BEFORE.search(text, max(0, toks[i][0] - 30), toks[i][0]):
        return True  # "the mercenary group Wagner", "the newspaper Pravda": a body's name
    if re.search(_ORG_NOUNS + r"\s+" + re.escape(word) + r"\b|\b" + re.escape(word) + r"\s+[Gg]roup\b", text):
        return True  # "the group Wagner operates ... Wagner boss Yevgeny Prigozhin": a name the page gives a body
    if not re.search(r"\bthe\s+$", text[max(0, toks[i][0] - 5) : toks[i][0]], re.I):
        return False
    # "The Hague"; "the Rais (Head) of Tatarstan", "the Khan of Kalat": a place, or a title of office
    return bool(is_place("The " + word)) or bool(_TITLE_NOUN_AFTER.match(text, toks[i][1]))


_TITLE_NOUN_AFTER = re.compile(r"\s*(?:\([A-Z][\w\s-]{0,30}\)\s*)?of\s+(?:the\s+)?[A-Z]")


_ORG_NOUNS = (r"\b(?:group|company|firm|party|movement|militia|network|organi[sz]ation|agency|newspaper|"
              r"broadcaster|channel|daily|weekly|magazine|outlet|band|club|brand)")
_ORG_NOUN_BEFORE = re.compile(_ORG_NOUNS + r"\s+$")
_VENUE_NOUN_BEFORE = re.compile(r"\b(?:residence|palace|lodge|farm|estate|villa|mansion|retreat|ranch|dacha"
                                # ("a private hotel, Le Hintsy,"; "the frontier zone of Elías Piña": a place's name)
                                r"|(?:[Hh]otel|[Rr]esort|[Rr]estaurant),|(?:zone|region|province|area|town|village)\s+of)\s+$")
_VENUE_NOUN_AFTER = re.compile(
    r"[’']?s?\s+(?:(?:concert|convention|conference|exhibition|congress|sports|international|national|memorial)\s+)?"
    r"(?:residence|street|avenue|road|square|boulevard|stadium|airports?|bridge|park|hospital|school|"
    r"university|college|institute|museum|station|highway|dam|port|estate|palace|mosque|hall|hotel|cent(?:er|re)|"
    r"foundation|library|mausoleum|memorial|botanic(?:al)?|gardens?|cathedral|monument|tomb|shrine|prize|award|cup|trophy|scholarship|expressway|canal|"
    r"province|district|governorate|prefecture|county|region|territory)\b", re.I)


def _written_in_full(surface: str, kb: KnowledgeBase) -> set[str]:
    """The people whose canonical name or alias ``surface`` is, when it has two name words or
    more: more proper names after it are more of that name ("King Maha Vajiralongkorn Phra ...")."""
    if len(kb.split_role(surface)[1].split()) < 2:
        return set()
    return {m.person.name for m in kb.match(surface) if m.how in ("canonical", "alias")}


def _fits_cue(person: Any, cue: Any, on: date | None, idx: PeopleIndex) -> bool:
    """Whether the person held the office a title names: on the document's date, or (undated) at
    some time when the document also names the person in full."""
    if on is None and person.name not in idx.keys():  # noqa: SIM118 (a method, not a dict)
        return False
    return any(office_fits(o.office, cue.office) and (not cue.country or str(o.country).startswith(cue.country))
               and (on is None or holds(o, on)) for o in person.offices)


def _lineage(words: list[str], kb: KnowledgeBase) -> tuple[str, list[str], str | None]:
    """An Arabic name's given name, fathers ("bin X bin Y") and family ("Al Z", "al-Z"), folded."""
    given, fathers, family = "", [], None
    k = 0
    while k < len(words):
        w = words[k].lower()
        if w in _BIN and k + 1 < len(words):
            fathers.append(kb.loose_key(words[k + 1]))
            k += 2
            continue
        if w in ("al", "āl") and k + 1 < len(words):
            family = kb.loose_key(words[k + 1])
            k += 2
            continue
        if re.match(r"(?:al|el)-", w):
            family = kb.loose_key(w[3:])
        elif not given and not fathers:
            given = kb.loose_key(words[k])
        k += 1
    return given, fathers, family


def _same_lineage(text: str, toks: list[tuple[int, int]], i: int, j: int, person: Any, kb: KnowledgeBase) -> bool:
    """Whether a patronymic name matched at ``toks[i:j]``, read on with the fathers and family that
    follow it ("Hamdan bin Mohamed" + "bin Zayed Al Nahyan"), can still be ``person``: no father
    or family name that differs from one of the knowledge base's forms of the person."""
    k = j
    while k + 1 < len(toks) and text[toks[k][0] : toks[k][1]].lower() in (_BIN | {"al", "āl"}):
        k += 2
    if k == j:
        return True
    surface = kb.split_role(text[toks[i][0] : toks[k - 1][1]])[1]
    given, fathers, family = _lineage([w.strip(",.’'") for w in surface.split() if w.strip(",.’'")], kb)
    forms = [_lineage(form.split(), kb) for form in (person.name, *person.aliases)]
    families = {fam for _, _, fam in forms if fam}
    if family and families and family not in families:
        return False  # "... Al Nahyan" is not of the Al Maktoum
    return any(not (g2 and given and g2 != given) and all(a == b for a, b in zip(fathers, f2, strict=False))
               for g2, f2, _ in forms)


def _more_of_another_name(text: str, toks: list[tuple[int, int]], j: int, person: Any, kb: KnowledgeBase,
                          pos_at: dict[int, str]) -> bool:
    """A proper name going on after a partial full-name match with words the person's names lack:
    "Fiamē Mata'afa Faumuina Mulinu'u II" (the father) is not "Fiamē Naomi Mataʻafa"."""
    if j >= len(toks) or pos_at.get(toks[j][0]) != "PROPN":
        return False
    word = _POSSESSIVE.sub("", text[toks[j][0] : toks[j][1]]).strip(",.’'")
    if not word or word.isupper() or _not_a_given_name(word, kb, lambda w: False):
        return False
    own = {kb.loose_key(t) for form in (person.name, *person.aliases) for t in re.split(r"[\s-]+", form) if t}
    return kb.loose_key(word) not in own


def _another_name_word_before(text: str, toks: list[tuple[int, int]], i: int, person: Any, kb: KnowledgeBase,
                              pos_at: dict[int, str]) -> bool:
    """A proper name's word right before a match that a name goes on after, the person's names lacking it: "Ydael
    Jesús Pérez Brito" (Cuba's agriculture minister) is not "Jesús Pérez", though that alias is written in full."""
    if i == 0 or toks[i - 1][1] + 1 != toks[i][0] or pos_at.get(toks[i - 1][0]) != "PROPN":
        return False
    word = text[toks[i - 1][0] : toks[i - 1][1]]
    ws = toks[i - 1][0]
    if not (re.search(r"(?:^|[,;:(]|\n)[ \t]*$", text[max(0, ws - 3) : ws]) or _TITLE_RIGHT_BEFORE.search(text, max(0, ws - 40), ws)):
        return False  # (a name set apart, after a comma or a title: not "read A+A- Reset Philip J. Pierre Share")
    if not re.fullmatch(r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+", word) or word.isupper() or word.lower() in _TITLE_WORDS \
            or kb.parse_role(word) is not None or not kb.strip_honorifics(word).strip():
        return False
    own = {kb.loose_key(t) for form in (person.name, *person.aliases) for t in re.split(r"[\s-]+", form) if t}
    return kb.loose_key(word) not in own


def _family_name_after(text: str, e: int, person: Any, kb: KnowledgeBase) -> bool:
    """An article and a family name the person's names lack, right after a full-name match: "Abdullah bin Hussein
    Al Jaber" (Qatar's ambassador) is not "Abdullah bin Hussein" (an alias of Jordan's king), written in full or not."""
    article = r"(?:Al|El|al|el)"
    after = re.match(r"[ \t]+" + article + r"[ -]([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)", text[e : e + 40])
    if after is None and re.search(r"\s" + article + "$", text[max(0, e - 4) : e]):  # (the match took the article)
        after = re.match(r"[ \t]+([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)", text[e : e + 40])
    if after is None:
        return False
    own = {kb.loose_key(t) for form in (person.name, *person.aliases) for t in re.split(r"[\s-]+", form) if t}
    return kb.loose_key(after.group(1)) not in own


def _given_name_before(text: str, toks: list[tuple[int, int]], i: int, found: list[Any], kb: KnowledgeBase) -> bool:
    """A given name written right before a full-name match that none of the candidates has:
    "Héctor Manuel Zelaya" is not Manuel Zelaya."""
    if i == 0:
        return False
    raw = text[toks[i - 1][0] : toks[i - 1][1]]
    if raw.endswith(".") and len(raw) > 3:
        return False  # "Dar es Salaam. President Samia Suluhu Hassan": a sentence ended before the name
    word = raw.strip(",.’'")
    if word.isupper() or not kb.is_given_name(word) or _not_a_given_name(word, kb, lambda w: False):
        return False
    own = {kb.loose_key(t) for f in found for form in (f.name, *f.aliases) for t in re.split(r"[\s-]+", form) if t}
    return kb.loose_key(word) not in own


_SPOUSE = re.compile(r"\b(?:Mr|President|King|Prime Minister|Premier|Chancellor|Emperor|Governor)\.?\s+and\s+$")


def _spouse(text: str, s: int) -> bool:
    """ "Mrs X" right after "President and" / "Mr and": the wife of the office-holder, not him."""
    return bool(re.match(r"(?:Mrs|Mme|Madame|Madam)\.?\s", text[s : s + 8])) and bool(_SPOUSE.search(text, max(0, s - 40), s))


_NOT_GIVEN = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "queen", "senator",
    "vice", "former", "late", "then", "new", "acting", "interim", "outgoing", "incoming", "by", "and", "with", "on",
    "in", "at", "of", "for", "from", "to", "as", "after", "when", "while", "but", "or", "if", "said", "says",
    "government", "administration", "ministry", "office", "party", "doctrine", "era", "regime", "visit", "talks",
    "summit", "meeting", "delegation", "team", "camp", "family", "foundation", "palace", "house", "plan",
})


def _country_goes_on(text: str, s: int, kb: KnowledgeBase) -> bool:
    """Whether the word at ``s`` ends a country's name begun by the words before it ("Sierra" + "Leone")."""
    first = re.match(r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*", text[s:])
    before = re.search(r"((?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*|and|of|the)[ \t]+){1,3}$", text[max(0, s - 40) : s])
    if first is None or before is None:
        return False
    words = before.group(0).split()
    return any(words[k][0].isupper() and kb.country_code(" ".join(words[k:]) + " " + first.group(0))
               for k in range(len(words)))


def _ends_in_a_country_name(text: str, s: int, e: int, kb: KnowledgeBase) -> bool:
    """Whether the entity's last word opens a country's name that goes on after it ("... Lead
    Antigua" before "and Barbuda's")."""
    last = text.rfind(" ", s, e) + 1
    if last <= s:
        return False
    more = re.match(r"(?:[ \t]+(?:and|of|the|[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*)){1,3}", text[e : e + 40])
    if more is None:
        return False
    words = more.group(0).split()
    return any(kb.country_code(_POSSESSIVE.sub("", text[last:e] + " " + " ".join(words[:n])))
               for n in range(1, len(words) + 1))


def _english_word(word: str) -> bool:
    """One of English's stop words ("although", "based"): no part of a hyphenated name."""
    from spacy.lang.en.stop_words import STOP_WORDS  # (spaCy is loaded by then: the entities come from it)

    return word.lower() in STOP_WORDS


def _not_a_given_name(word: str, kb: KnowledgeBase, is_place: Any) -> bool:
    """Titles, honorifics, particles, nationalities, weekdays and (with ``is_place``) places."""
    low = word.lower()
    return (not word[:1].isupper() or low in _TITLE_WORDS or low in _NOT_GIVEN or bool(re.fullmatch(_PARTICLE, low))
            or not kb.strip_honorifics(word).strip() or kb.parse_role(word) is not None
            or kb.country_code(word) is not None or bool(is_place(word)))


# a relative introduced as one ("his wife, Rachel Ruto", "his sister Karina Milei"): the surname alone goes on
# naming the one the story is about, as news style writes it; "Mrs Ruto", "Ms Milei" name the relative
_KIN_BEFORE = re.compile(r"\b(?:wife|husband|spouse|widow|widower|son|daughter|brother|sister|mother|father|"
                         r"First Lady(?:-elect)?|first lady(?:-elect)?)[,:]?\s+(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*\s+)?$")
# "accompanied by his spouse Suzanne Innes-Stubb", "and her husband, X": a spouse's name
# the verbs of a title-case headline or teaser ("Speaker X Meets Sector Commander Y", "... Read More »"): no name's words
_TITLE_CASE_VERBS = frozenset({"Meets", "Met", "Welcomes", "Receives", "Hosts", "Visits", "Holds", "Calls", "Signs", "Read",
                               "Reads", "Says", "Urges", "Discusses", "Thanks", "Congratulates", "Greets", "Bids", "Pays",
                               "Joins", "Attends", "Opens", "Launches", "Praises", "Hails"})
_TITLE_CASE_VERB = re.compile(r"[ \t]+(?:" + "|".join(sorted(_TITLE_CASE_VERBS)) + r")\b")
_SPOUSE_RIGHT_BEFORE = re.compile(r"\b(?:his|her)\s+(?:spouse|wife|husband),?\s+$")
# a person of the past ("the late President X Y", "past Kurdish leader X Y"): no one a bare surname now speaks as
_BYGONE_BEFORE = re.compile(r"\b(?:late|past|deceased|slain|assassinated)\s+(?:[\w’'-]+\s+){0,3}$", re.I)
_KIN_KEY = "kin:"  # the key prefix of given names of relatives in ``PeopleIndex.givens``
_LADY = r"(?:Mrs|Ms|Mme|Madame|Madam|Lady|First Lady)\b\.?\s+"  # a woman's honorific before a surname
_LADY_BEFORE = re.compile(r"\b" + _LADY + "$")


def _given_names(text: str, kb: KnowledgeBase, is_place: Any, pos_at: dict[int, str]) -> dict[str, set[str]]:
    """For each capitalised word of the page, the given names written right before it
    ("Xiomara" before "Castro"): a proper noun in the same sentence (not "West Wing. Trudeau",
    not "Could Trump ..."); titles, honorifics, nationalities, places and particles left out."""
    out: dict[str, set[str]] = {}
    for run in _NAME_RUN.finditer(text):
        toks = _tokens(text, run.start(), run.end())
        for k, ((ga, gb), (na, nb)) in enumerate(zip(toks, toks[1:], strict=False)):
            raw_given = text[ga:gb]
            if k > 0 and not kb.strip_honorifics(text[toks[k - 1][0] : gb]).strip():
                continue  # the end of a two-word honorific ("Datuk Seri Anwar")
            if raw_given.endswith(".") and len(raw_given.rstrip(".")) > 1:
                continue  # a sentence ends after it
            if pos_at.get(ga) not in ("PROPN", None, ""):  # "": a text without tags (a headline)
                continue
            g = k
            while g >= 2 and text[toks[g - 1][0] : toks[g - 1][1]].lower() in _BIN:
                g -= 2  # "Bandar bin Mohammed al-Attiyah": his given name is Bandar, not his father's
            if g != k:
                raw_given = text[toks[g][0] : toks[g][1]]
            given = _POSSESSIVE.sub("", raw_given).strip(",.’'")
            name = _POSSESSIVE.sub("", text[na:nb]).strip(",.’'")
            if _KIN_BEFORE.search(text, max(0, toks[g][0] - 30), toks[g][0]):
                # "his wife, Rachel Ruto": a bare "Ruto" is still the one the story is about, "Mrs Ruto" is not
                out.setdefault(_KIN_KEY + _family_key(name), set()).add(given)
                continue
            if _BYGONE_BEFORE.search(text, max(0, toks[g][0] - 40), toks[g][0]):
                continue  # "past Kurdish leader Mustafa Barzani": a bare "Barzani" is the living one of the story
            # a city may be a given name ("Vladimir Karapetyan"), so places are not ruled out here
            if given and name and not _not_a_given_name(given, kb, lambda w: False):
                out.setdefault(_family_key(name), set()).add(given)
    return out


def _someone_else(word: str, person: Any, givens: dict[str, set[str]], kb: KnowledgeBase, lady: bool = False) -> bool:
    """Whether the page writes ``word`` (a surname) with a given name the KB person does not have:
    then a bare "Castro" is the page's "Xiomara Castro", not the KB's "Fidel Castro". Spouses
    introduced as such ("his wife, Brigitte Macron") count only for ``lady`` ("Mrs Macron")."""
    own = {kb.loose_key(t) for t in re.split(r"[\s,-]+", person.name) if t}
    for alias in getattr(person, "aliases", ()) or ():
        own |= {kb.loose_key(t) for t in re.split(r"[\s,-]+", str(alias)) if t}
    return any(any(kb.loose_key(part) not in own for part in re.split(r"[\s-]+", g) if part)
               for g in givens.get(_family_key(word), set()) | (givens.get(_KIN_KEY + _family_key(word), set()) if lady else set()))


def _namesakes_only_later(text: str, s: int, word: str, person: Any, givens: dict[str, set[str]], kb: KnowledgeBase) -> bool:
    """Whether every other given name the page writes before ``word`` ("Ziad Mikati") first appears after ``s``."""
    own = {kb.loose_key(t) for n in _names_of(person) for t in re.split(r"[\s,-]+", n) if t}
    others = [g for g in givens.get(_family_key(word), set()) if kb.loose_key(g) not in own]
    return bool(others) and all(
        (first := re.search(r"(?<![\w’'-])" + re.escape(g) + r"\s+" + re.escape(word) + r"(?![\w-])", text)) is None
        or first.start() > s for g in others)


_BIN = frozenset({"bin", "ibn", "bint", "ben"})
_LESSER = frozenset({"deputy", "vice", "assistant", "under", "associate", "junior"})  # before a title: another office
_ARTICLES = frozenset({"El", "La", "Le", "Los", "Las", "Les", "Il", "Lo", "Al"})  # capitalised articles before a nickname or a family name ("Al Saud")


def _names_of(person: Any) -> list[str]:
    return [person.name, *(getattr(person, "aliases", ()) or ()), *(getattr(person, "surnames", ()) or ())]


def _name_words(person: Any, kb: KnowledgeBase) -> set[str]:
    """Every word of a person's names, loose keys ("Amir", "Khan", "Muttaqi")."""
    return {kb.loose_key(x) for n in _names_of(person) for x in re.split(r"[\s-]+", n)}


def _family_key(word: str) -> str:
    """A family name folded for comparison: "al-Attiyah", "Al-Attiyah’s" and "Attiyah" are one."""
    low = _POSSESSIVE.sub("", word.strip(",.’'")).lower()
    return re.sub(r"^(?:al|el|ad|ar|as|at|az|an)-", "", low)


def _name_goes_on(text: str, toks: list[tuple[int, int]], j: int, kb: KnowledgeBase, is_place: Any) -> bool:
    """Whether the capitalised word right after a one-word match continues the name ("Alexander
    Van der Bellen", "Salman Khurshid"): then the match was a given name, not the person."""
    if j >= len(toks):
        return False
    nxt = _POSSESSIVE.sub("", text[toks[j][0] : toks[j][1]]).strip(",.’'")
    if not nxt:
        return False
    if re.fullmatch(_PARTICLE, nxt.lower()) or re.match(_PARTICLE + r"-[A-ZÀ-ÖØ-ÞĀ-ſ]", nxt):
        return True  # ("Sharm el-Sheikh": a word with its article after it is more of a name, or a place's)
    return not _not_a_given_name(nxt, kb, is_place) and not nxt.isupper()


_REGNAL = re.compile(r"[IVXL]+")


def _partial_names(text: str, kb: KnowledgeBase, idx: PeopleIndex, taken: bytearray, is_place: Any,
                   givens: dict[str, set[str]]) -> None:
    """A short form the knowledge base does not list ("Prince Faisal") names the one person of the
    document whose full name contains it."""
    known: dict[str, set[str]] = {}
    for m in idx.mentions:
        if m.entry is not None and m.key:
            forms = _short_forms(m.key)
            if not _is_patronymic(m.key):  # "Tahnoun Al Nahyan" is no licence for a bare "Nahyan"
                forms |= _short_forms(kb.split_role(m.text)[1])
            for tok in forms:
                if tok.lower() in _TITLE_WORDS or kb.country_code(tok) or not kb.strip_honorifics(tok).strip() \
                        or _REGNAL.fullmatch(tok):
                    continue  # ("II" of "Abdullah II" is no short form: loosely it is the pronoun "I")
                known.setdefault(tok.lower(), set()).add(m.key)
                known.setdefault("~" + kb.loose_key(tok), set()).add(m.key)
    if not known:
        return
    entries = {m.key: m.entry for m in idx.mentions if m.entry is not None}
    for run in _NAME_RUN.finditer(text):
        for s, e in _tokens(text, run.start(), run.end()):
            if any(taken[s:e]):
                continue
            s, e = _strip_possessive(text, s, e)
            word = text[s:e]
            owners = known.get(word.lower().strip("’'")) or known.get("~" + kb.loose_key(word))
            namesakes: set[str] = set()  # other known people of the page with this surname
            if owners and len(owners) > 1:  # "Ilham Aliyev ... Aliyev ... the monument of Heydar Aliyev": the one
                before = {m.key for m in idx.mentions if m.key in owners and m.entry is not None and m.end <= s}
                namesakes = owners - before if len(before) == 1 else set()
                owners = before if len(before) == 1 else owners  # named before it, when only one was
            if not owners or len(owners) != 1 or kb.country_code(word) or (
                    is_place(word) and not _TITLE_RIGHT_BEFORE.search(text, max(0, s - 40), s)):
                continue  # a town's name ("Shahid") is a surname after a title: "Minister Shahid"
            if word.lower() in _HONORIFIC_WORDS:
                continue
            key = next(iter(owners))
            if _other_lineage_on_page(text, word, entries[key], kb):
                continue  # "Khalid" beside "Khalid bin Salman" and "Khalid bin Hilal": either
            kin = {w for n in namesakes for w in n.split()}  # (their given names are theirs, not someone else's)
            mine = {k: v - kin for k, v in givens.items()} if kin else givens
            if _someone_else(word, entries[key], mine, kb, bool(_LADY_BEFORE.search(text, max(0, s - 12), s))) and not (
                    _namesakes_only_later(text, s, word, entries[key], mine, kb) and not re.match(r"[’']s\b", text[e : e + 3])
                    and any(m.key == key and m.end <= s for m in idx.mentions)):  # (not "Trudeau's father, Pierre Trudeau")
                continue  # "Karina Milei" is on the page too: "Milei" alone may be either (unless only he was
                # named before it: "Premier Mikati met X. Mikati informed X ...", his adviser Ziad Mikati named later)
            nxt = re.match(r"\s+([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+|bin|ibn|bint)\b", text[e : e + 40])
            # a city may be a given name too ("Omar Hassan ...": Hassan is a town)
            if nxt and (nxt.group(1) in _BIN or (not _not_a_given_name(nxt.group(1), kb, lambda w: False)
                                                 and not nxt.group(1).isupper())):
                continue  # "Alberto Iribarne", "Khalid bin Hilal": a given name of someone else
            if (more := re.match(r"[ \t]+" + _NAME_PARTICLE + r"[ \t]+[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*", text[e : e + 40])) and not any(
                    f" {word} {more.group(0).strip()} ".lower() in f" {n} ".lower() for n in _names_of(entries[key])):
                continue  # "Maria de Jesus Mascarenhas" beside "José Maria Neves": her name, not his
            if re.search(r"\b(?:bin|ibn|bint)\s+$", text[max(0, s - 6) : s], re.IGNORECASE):
                continue  # "Theyab bin Mohamed": a father's name, not "Sheikh Mohamed" himself
            if _fathers_name(text, s, kb, is_place):
                continue  # "Tunku Ismail Sultan Ibrahim": the son's name, his father's after it
            prev = re.search(r"(?<![\w’'-])([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)[ \t]+$", text[max(0, s - 40) : s])
            if prev and not prev.group(1).isupper() and not _not_a_given_name(prev.group(1), kb, lambda w: False):
                continue  # "Ferdinand Marcos" (the father) is not a short form of "Ferdinand Marcos Jr."
            if _titled_otherwise(text, s, e, entries[key], kb):
                continue  # "Sultan Ibrahim" is not Anwar Ibrahim, a prime minister
            idx.mentions.append(Mention(s, e, word, "name", key=key, entry=entries[key], confidence=0.8))
            taken[s:e] = b"\x01" * (e - s)


_CAPITALISED = r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*\.?"


def _titled_otherwise(text: str, s: int, e: int, person: Any, kb: KnowledgeBase, words: str = _CAPITALISED) -> bool:
    """Whether the words right before a name are a title naming an office the person never held
    ("Sultan Ibrahim" beside Anwar Ibrahim, a prime minister): a title is part of how the text says
    who it means, so a name it does not fit is someone else's. ``words``: what a title word may be
    (capitalised by default; any word for "former governor general David Johnston")."""
    head = text[max(0, s - 60) : s]
    word = text[s:e]
    for k in range(1, 5):
        before = re.search(r"(?:" + words + r"[ \t]+){" + str(k) + "}$", head)
        if before is None:
            return False
        cue, rest = kb.split_role(head[before.start():] + word)
        if cue is not None and cue.office and rest.strip() == word:
            return not any(office_fits(o.office, cue.office) for o in person.offices)
    return False


_OF_A_COUNTRY_BEFORE = re.compile(r"\b(?:of|for)\s+(?:the\s+)?([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*){0,4})\s+$")


def _country_right_before(text: str, s: int, kb: KnowledgeBase) -> str | None:
    """The country a title right before a name is of ("Ambassador ... of the Islamic Republic of Iran
    Seyyed Abbas Mousavi": IRN), past honorifics; None when the title names none."""
    head = text[max(0, s - 80) : s]
    while (last := re.search(r"([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*)\s+$", head)) and not kb.strip_honorifics(last.group(1)).strip():
        head = head[: last.start()]
    m = _OF_A_COUNTRY_BEFORE.search(head)
    if m is None:
        return None
    words = m.group(1).split()
    return next((code for n in range(len(words)) if (code := kb.country_code(" ".join(words[n:])))), None)


def _other_lineage_on_page(text: str, word: str, person: Any, kb: KnowledgeBase) -> bool:
    """Whether the page writes ``word`` as the given name of another father's son ("Khalid bin
    Hilal" when the person is Khalid bin Salman)."""
    fathers = {f for form in (person.name, *person.aliases) for f in _lineage(form.split(), kb)[1][:1]}
    for m in re.finditer(r"(?<![\w’'-])" + re.escape(word) + r"\s+(?:bin|ibn|bint)\s+([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)", text):
        if kb.loose_key(m.group(1)) not in fathers:
            return True
    return False


def _is_patronymic(name: str) -> bool:
    return any(t.lower() in _BIN for t in name.split())


def _short_forms(name: str) -> set[str]:
    """Words a name may be shortened to: an Arabic patronymic name ("X bin Y bin Z Al W") by its
    given name only ("Sheikh Mohammed"); other names by any of their words ("Li", "Barrot")."""
    name = re.split(r"\s+of\s+", name)[0]  # "Salman of Saudi Arabia": "Arabia" is no short form of his
    toks = [t.strip("’'.,") for t in re.split(r"[\s,]+", name) if t.strip("’'.,")]
    if any(t.lower() in ("bin", "ibn", "bint", "ben") for t in toks):
        toks = toks[:1]
    out = set()
    for t in toks:
        for part in t.split("-"):
            if len(part) >= 2 and part[0].isupper() and not re.fullmatch(_PARTICLE, part.lower()):
                out.add(part)
    return out


_HONORIFIC_WORDS = frozenset({"president", "prime", "minister", "king", "prince", "emir", "sheikh", "leader", "the"})
# a title or honorific written right before a name ("Prime Minister Brown", "Mr. Black", "PM Brown")
_TITLE_RIGHT_BEFORE = re.compile(r"\b(?:" + ROLE_WORDS + r"|Mr|Mrs|Ms|Dr|Prof|PM|Governor|Senator|Sen|Hon|Honourable|Honorable|Justice|Judge)"
                                r"\.?[ \t]+$")


# a name styled "His Excellency" at the end of what the model took for a body's name: "the National Assembly of
# Kuwait H E Marzouq bin Ali Al Ghanim"
_STYLED_NAME_IN_A_BODY = re.compile(r"\s(?:H\.?\s?E\.?|His Excellency|Her Excellency)\s+(?P<name>[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+"
                                    r"(?:\s+(?:(?:bin|bint|ibn|Al|al|El|el|de|da|van|von)\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+){1,5})$")


def _office_title(words: str, kb: KnowledgeBase) -> bool:
    """Whether ``words`` are all a title naming an office ("King", "Afghan Foreign Minister")."""
    cue, rest = kb.split_role(words)
    return cue is not None and bool(cue.office) and not rest.strip()


def _person_entity_map(doc: Any, n: int) -> list[int]:
    """For each character, the index+1 of the spaCy entity covering it (0 = none); negative for
    entities not labelled PERSON (the small model often calls a person ORG or FAC)."""
    out = [0] * (n + 1)
    for k, ent in enumerate(getattr(doc, "ents", ())):
        if ent.label_ in ("PERSON", "ORG", "FAC", "GPE", "NORP", "WORK_OF_ART", "PRODUCT"):
            mark = k + 1 if ent.label_ == "PERSON" else -(k + 1)
            for c in range(ent.start_char, min(ent.end_char, n)):
                out[c] = mark
    return out


def _name_word_before_particle(text: str, tok: tuple[int, int], kb: KnowledgeBase) -> bool:
    """Whether the word before a name's particle ("Agostinho" in "Agostinho de Oliveira") is a
    name word: capitalised, and no title, office, honorific or country."""
    word = text[tok[0] : tok[1]].strip(",.’'")
    return (bool(word) and word[0].isupper() and not word.isupper() and word.lower() not in _TITLE_WORDS
            and not kb.parse_role(word) and not kb.split_role(word)[0] and not kb.country_code(word)
            and bool(kb.strip_honorifics(word).strip()) and text[tok[1] : tok[1] + 1] == " ")


def _other_name_beside(
    text: str, toks: list[tuple[int, int]], i: int, j: int, kb: KnowledgeBase, persons_at: list[int]
) -> bool:
    """A word right before or after the matched tokens, inside the same PERSON entity, that is not
    a title, honorific or nationality, is a given or family name the knowledge-base person does
    not have ("Fawzi Hariri" is not "Rafic Hariri"); an honorific between does not hide it
    ("Annuar Haji Musa" is not "Said Musa")."""
    ent = persons_at[toks[i][0]] or persons_at[toks[j - 1][0]]
    led = not kb.strip_honorifics(text[toks[i][0] : toks[i][1]]).strip()  # the match is "Haji Musa"
    if not led and (not ent or (ent < 0 and j - i > 1)):  # a one-word (surname) match trusts any entity span
        return False
    for k, step in ((i - 1, -1), (j, 1)):
        past = led and step < 0  # past an honorific, the name may go on outside spaCy's entity ("Annuar [Haji Musa]")
        while 0 <= k < len(toks) and (past or (ent and persons_at[toks[k][0]] == ent)):
            word = text[toks[k][0] : toks[k][1]].strip(",.’'")
            if len(word) == 1 and word.isupper() and text[toks[k][1] - 1] == ".":
                k += step  # an initial: the name goes on past it ("Dr. Simeon K. Ehui" is not a Siméon)
                continue
            if not word or not word[0].isupper() or word.isupper() or re.fullmatch(_PARTICLE, word.lower()):
                break
            if not kb.strip_honorifics(word).strip():
                k, past = k + step, True  # "Haji", "Sheikh": look past it
                continue
            if word.lower() in _TITLE_WORDS or kb.parse_role(word) or kb.split_role(word)[0] or kb.country_code(word):
                break
            if past and not (ent and persons_at[toks[k][0]] == ent) and (
                    word.lower() in _WEEKDAYS or word.lower() in _FUNCTION_WORDS or _month_word(word)
                    or re.search(r"(?:^|[.!?\n“\"]\s*)$", text[max(0, toks[k][0] - 3) : toks[k][0]])):
                break  # ("Later Sheikh Mohammed met ...", "On Tuesday Sheikh ...": no name of his)
            return True
    return False


def _month_word(word: str) -> bool:
    return word.lower().rstrip(".") in MONTHS


def _last_name_word(person: Any, word: str, kb: KnowledgeBase) -> bool:
    """Whether ``word`` ends one of the person's names or is a listed surname ("Deuba", not "Rana");
    a monarch's name ends before the realm and the regnal number ("Abdullah" of "Abdullah II of Jordan")."""
    w = kb.loose_key(word)
    return any(kb.loose_key(re.split(r"[\s-]+", _REALM.sub("", form.strip()))[-1]) == w
               for form in (person.name, *person.aliases)) or any(kb.loose_key(sn) == w for sn in person.surnames)


_REALM = re.compile(r"(?:\s+(?:[IVX]{1,4}))?(?:\s+of\s+.*)?$")


def _candidates(kb: KnowledgeBase, surface: str, is_place: Any, on: date | None = None) -> list[Any]:
    """KB people a surface may name; one bare word must match exactly and not be a place or
    nationality, unless a title names the office ("Crown Prince Hussein")."""
    bare = kb.strip_honorifics(surface)
    if kb.country_code(surface) or kb.country_code(bare):
        return []  # "Saudi Arabia" names a country, not "Salman of Saudi Arabia"
    cue, rest = kb.split_role(surface)
    matches = kb.match(surface)
    if len(bare.split()) <= 1 and len(rest.split()) <= 1:
        word = (rest or bare).strip("’'")
        if not word or kb.country_code(word) or is_place(word) or word.lower() in _FUNCTION_WORDS:
            return []  # ("said the King. The King ...": "The" is no word of "Willem-Alexander of the Netherlands")
        if cue is not None:
            # the title fits the office; a word inside the name ("Foreign Minister Rana" for Arzu Rana
            # Deuba) only when the office was held on the document's date
            titled = [
                p for p in kb.with_name_word(word)
                if any(office_fits(o.office, cue.office) and (not cue.country or str(o.country).startswith(cue.country))
                       and (_last_name_word(p, word, kb) or (on is not None and holds(o, on)))
                       for o in p.offices)
            ]
            if titled:
                return titled
        matches = [m for m in matches if m.how in _SURE]
    words = rest.split()
    if cue is not None and cue.office:
        # a title that names an office: only someone who held one like it, unless named in full
        # ("King Al Saud" is no foreign minister of Nepal surnamed Saud) or the title word is one of
        # their names ("Amir Khan Muttaqi")
        said = {kb.loose_key(w) for w in surface.split()} - {kb.loose_key(w) for w in words}
        matches = [m for m in matches if m.how in ("canonical", "alias")
                   or any(office_fits(o.office, cue.office) for o in m.person.offices)
                   or said & _name_words(m.person, kb)]
    if len(words) > 1:  # a surname match of several words: every word is one of the person's ("Al Saud" is not "N. P. Saud")
        matches = [m for m in matches if m.how != "surname" or all(
            kb.loose_key(w) in _name_words(m.person, kb) for w in words)]
    return [m.person for m in matches]


def _pick(found: list[Any], on: date | None, idx: PeopleIndex) -> Any:
    """Choose among KB candidates: the one already in the document, else the one in office on the
    date; None when that leaves more than one or none (two Kims on the page, or "Castro" undated)."""
    if len(found) == 1:
        return found[0]
    seen = idx.keys()
    in_doc = [f for f in found if f.name in seen]
    if in_doc:
        return in_doc[0] if len(in_doc) == 1 else None
    serving = found if on is None else [f for f in found if any(holds(o, on) for o in f.offices)]
    if len(serving) > 1 and idx.home:  # "King Abdullah" under an AMMAN dateline (dated or not)
        serving = [f for f in serving if any((on is None or holds(o, on)) and o.country == idx.home for o in f.offices)]
    return serving[0] if len(serving) == 1 else None


def holds(office: Any, on: date) -> bool:
    """Whether ``office`` (a knowledge-base term) was held on ``on``."""
    start = _as_date(office.start)
    end = _as_date(office.end)
    return (start is None or start <= on) and (end is None or on <= end)


def _as_date(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v))
    except ValueError:
        return None


_SAID_BEFORE = re.compile(r"\b(?:said|says|told|added|according to|quoted)\s+$")
_ROLE_APPOSITION_AFTER = re.compile(r"^,\s+(?:a|an|the|[A-Z][\w-]+(?:’s|'s))\s+(?:[A-Za-z-]+\s+){0,3}?(?:[a-z]+man|[a-z]+woman|[a-z]+er|[a-z]+or|[a-z]+ist|analyst|official|diplomat|envoy|aide|chief|head|member|leader|minister|ambassador|adviser|advisor|expert|professor|researcher|spokesperson)\b", re.I)
_ROLE_BEFORE = re.compile(r"\b(?i:Ambassador|Minister|Speaker|Leader|Spokes(?:man|woman|person)|Advis[eo]r|Envoy|Director|Chief|Secretary|"
                          r"Under-?[Ss]ecretary|Governor|Mayor|Head|Chairman|Commander|Representative|Coordinator|Prefect|"
                          r"President|Premier|Chancellor|Senator)\b[^,.;\n]{0,80},\s+$")  # ("the prefect of Ariège, X")
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+$")
# the word before a given name that makes it a place's ("St. Maarten Chris Johnson", "San Marino")
_PLACE_WORD_BEFORE = re.compile(r"(?:\b\w+\.|\b(?:Saint|Sint|San|Santa|Port|Fort|Mount|Lake|Cape))[ \t]+$")
_SAINT_ONLY = re.compile(r"(?:St|Saint|Ste|Sainte)\.?\s+[A-Z][\w’'-]*$")  # a saint's name alone names a place
_HONORIFIC_RIGHT_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Hon|Honourable|Honorable|H\.E)\.?[ \t]+$")
# an office written in lower case right before the name ("ministry spokesperson Jane Roe tweeted") or in an
# apposition without an article ("Jane Roe, minister of agriculture for ...")
_OFFICE_NOUN = (r"(?:spokes(?:man|woman|person)|minister|ambassador|envoy|advis[eo]r|secretary|director|governor|mayor|"
                r"chairman|chairperson|commander|consul|senator|lawmaker)")
_OFFICE_RIGHT_BEFORE = re.compile(r"\b" + _OFFICE_NOUN + r"\s+$")
_OFFICE_APPOSITION_AFTER = re.compile(r"^,\s+(?:[a-z-]+\s+){0,2}?" + _OFFICE_NOUN + r"\s+(?:of|for|to|at)\s")
# the title capitalised, after a name that opens its sentence: "Maru Campos Galván, Governor of the State of X, received"
# (not a portfolio's last word before the name: "Minister of Communication and Multimedia Annuar Musa, Minister of")
_TITLE_APPOSITION_AFTER = re.compile(r"^,\s+(?:Vice[- ])?(?:President|Premier|Prime\s+Minister|Speaker|"
                                     + _OFFICE_NOUN.replace("(?:", "(?i:", 1) + r")\s+(?:of|for|to)\s+(?:the\s+)?[A-Z]")
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?]\s+|\n[ \t]*)$")


def _people_by_context(
    text: str, kb: KnowledgeBase, lex: Lexicon, idx: PeopleIndex, taken: bytearray, is_place: Any
) -> None:
    """People the knowledge base and the NER model both miss, found by the company they keep:
    "said Hana Rashed", "Hana Rashed, a researcher", "Ambassador to Lebanon, Herve Magro", "Dr Jane Roe"."""
    def not_a_name_word(w: str, places: bool = True) -> bool:
        w = _POSSESSIVE.sub("", w)
        return (w.lower() in _TITLE_WORDS or w in lex.nonperson_words or w.rstrip(".,") in _SPEECH_VERBS or w in _TITLE_CASE_VERBS
                or (places and (bool(kb.country_code(w)) or bool(is_place(w)))) or not w[:1].isupper()
                or kb.parse_role(w) is not None or "-of-" in w.lower())

    for run in _NAME_RUN.finditer(text):
        end = re.search(r"\w{2,}(?<!Dr)(?<!Mr)(?<!Ms)(?<!St)(?<!Hon)\.\s", run.group(0))  # "... Hamilton. Also": a sentence ends
        s, e = _strip_possessive(text, run.start(), run.start() + end.end() - 2 if end else run.end())
        if any(taken[s:e]):
            continue
        words = text[s:e].split()
        titled_run = words[0].lower() in _TITLE_WORDS or (  # ("Cuban First VP Jose Ramon Machado Ventura")
            len(words) > 2 and not _POSSESSIVE.search(words[0]) and kb.country_code(words[0]) is not None
            and (kb.parse_role(words[1]) is not None or kb.parse_role(" ".join(words[1:3])) is not None)) or (
            # an agency's acronym before its head's title: "USAID Administrator Samantha Power"
            len(words) > 3 and words[0].isupper() and len(words[0]) >= 2 and words[1].lower() in _OFFICE_WORDS)
        tail = (_name_after_title_words(words, kb, lex, is_place)
                if _OF_THE.search(text, max(0, s - 6), s) or titled_run else None)
        if tail and (_TITLED_BEFORE.search(text, max(0, s - 80), s) or _MEMBER_OF_BEFORE.search(text, max(0, s - 40), s)
                     or _office_then_name(words, tail, kb) or _honorifics_only(words[: len(words) - len(tail)], kb, tail)):
            s = e - len(" ".join(tail))  # "Minister for the Economy Simon Hamilton", "Ambassador to the Kingdom Oleg Ozerov"
            if not any(not_a_name_word(w, places=False) for w in tail) and not kb.country_code(" ".join(tail)) \
                    and not _ends_in_a_country_name(text, s, e, kb):
                # (a surname may be a town's: Hamilton (Bermuda); but "Ministry of Foreign Affairs Sri Lanka" ends in a country)
                idx.mentions.append(Mention(s, e, text[s:e], "name", key=text[s:e], confidence=0.6))
                taken[s:e] = b"\x01" * (e - s)
            continue
        if len(words) >= 3 and kb.is_given_name(words[1]) and not kb.is_given_name(words[0]):
            s += len(words[0]) + 1  # "(President of Russian) Railways Oleg Belozyorov"
            words = words[1:]
        # a particle inside a name is part of it ("Maria de Jesus Mascarenhas", "Ana da Silva")
        core = [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and re.fullmatch(_PARTICLE, w))]
        if not 2 <= len(core) <= 4:
            continue
        if any(not_a_name_word(w) for w in core) or kb.country_code(" ".join(words)) or is_place(" ".join(words)) \
                or _ends_in_a_country_name(text, s, e, kb):  # ("Minister Browne Lead Antigua and Barbuda's ...")
            continue  # "told Sri Lanka's foreign minister": a name of two words may be a country's
        if " ".join(words) in lex.landmarks or re.search(r"(?<![\w’'-])(?:the|in|at)\s+$", text[max(0, s - 5) : s]):
            continue  # "the presidential office, Cheong Wa Dae, the visiting ...", "at the Istana Nurul Iman": a seat
        if words[0].lower() in _FUNCTION_WORDS or any(w.lower().strip(",.") in _WEEKDAYS for w in words):
            continue  # "On Saturday, the Saudi minister ..."
        if _a_paper_s_name(words):
            continue
        before, after = text[max(0, s - 100) : s], text[e : e + 60]
        if not (_SAID_BEFORE.search(before) or _ROLE_APPOSITION_AFTER.match(after) or _SPOUSE_RIGHT_BEFORE.search(before)
                or _ROLE_BEFORE.search(before) or _TITLE_BEFORE.search(before)
                or _OFFICE_RIGHT_BEFORE.search(before) or _OFFICE_APPOSITION_AFTER.match(after)
                or (_TITLE_APPOSITION_AFTER.match(after) and _SENTENCE_OPENS.search(before))
                or (_LISTED_BEFORE.search(before) and (_of_a_country(after, kb) or _PAREN_AFTER.match(after)))
                or (_ACRONYM_RIGHT_BEFORE.search(before) and _TITLED_BEFORE.search(text, max(0, s - 160), s))):
            continue
        if not kb.strip_honorifics(text[s:e]).strip():
            continue  # "Sultan and Yang Di-Pertuan of Brunei": a style, no one's name
        idx.mentions.append(Mention(s, e, text[s:e], "name", key=text[s:e], confidence=0.6))
        taken[s:e] = b"\x01" * (e - s)


# a Malay styled name: styles, "Awang"/"Haji" right before the given name, "bin", the father's styles and name
# ("Yang Berhormat Pehin Udana Khatib Dato Paduka ... Haji Awang Badaruddin bin Pengarah Dato Paduka Haji Awang Othman")
_MALAY_STYLED = re.compile(r"\b(?:Awang|Dayang|Haji|Hj\.?|Pengiran|Ustaz)[ \t]+(?P<given>(?:[A-Z][\w’'-]*\.?[ \t]+){0,2}?[A-Z][\w’'-]*)"
                           r"[ \t]+(?:bin|binti|Bin|Binti)[ \t]+(?:[A-Z][\w’'-]*\.?[ \t]+){0,8}?(?:Haji|Hj\.?|Awang)[ \t]+"
                           r"(?:[A-Z][\w’'-]*\.?[ \t]+)?[A-Z][\w’'-]*")


def _malay_styled_names(text: str, idx: PeopleIndex, taken: bytearray) -> None:
    """One unknown person for a Malay styled name, from the given name to the father's (the parts the model made
    of its styles, "Udana Khatib", "Badaruddin bin Pengarah Dato Paduka", dropped); a known person's stays."""
    for m in _MALAY_STYLED.finditer(text):
        s, e = m.start("given"), m.end()
        while (style := re.match(r"(?:Awang|Dayang|Haji|Hj\.?|Pengiran|Ustaz)[ \t]+", text[s:e])):
            s += style.end()  # ("Ustaz Haji Awang Badaruddin": the given name after the last style)
        inside = [x for x in idx.mentions if x.start < e and s - 80 < x.end and x.kind == "name"
                  and m.start() - 80 <= x.start]
        if any(x.entry is not None for x in inside if x.start < e and x.end > s):
            continue  # (the knowledge base knows the person)
        idx.mentions[:] = [x for x in idx.mentions if x not in inside or not (x.start < e and x.end > m.start() - 80
                                                                               and _STYLED_RUN.fullmatch(text[x.end : s] or " "))]
        idx.mentions.append(Mention(s, e, text[s:e], "name", key=text[s:e], confidence=0.7))
        taken[s:e] = b"\x01" * (e - s)


_STYLED_RUN = re.compile(r"(?:[ \t]+|[ \t]*(?:[A-Z][\w’'-]*\.?[ \t]+)+)")  # only capitalised words between


# a list's next part ("include A of Chile, B of Peru and C of Cuba"): a name, then the country it is of
_LISTED_BEFORE = re.compile(r"(?:,|;|\band|\binclud(?:e|es|ed|ing)|\bwere|\bare)\s+$")
# a list's next part with where (or for whom) each stands in brackets ("include A (Lagos); B (Oyo), and C (Kebbi)")
_PAREN_AFTER = re.compile(r"\s+\([A-Z][a-z’'-]+\)\s*(?:,|;|\.|\band\b|$)")  # (not an acronym: "Monetary Community (CEMAC)")


def _of_a_country(after: str, kb: KnowledgeBase) -> bool:
    """Whether ``after`` opens with "of/from (the) <country>" and then ends a list's part."""
    m = re.match(r"\s+(?:of|from)\s+(?:the\s+)?((?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)(?:\s+(?:of\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+){0,3})", after)
    if m is None:
        return False
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        if kb.country_code(" ".join(words[:n])):
            return bool(re.match(r"\s*(?:,|\.|;|\band\b|$)", after[m.start(1) + len(" ".join(words[:n])) :]))
    return False


_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)")
_OF_COUNTRY_AFTER = re.compile(r"\s+of\s+(?:the\s+)?((?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)(?:\s+(?:and\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+){0,3})")
_OF_THE = re.compile(r"\b(?:of|for|to|the|and)\s+$")  # ("Commissioner for Budget and Administration Johannes Hahn")
# "member of the PLO Executive Committee Saeb Erekat": a body's name after a lowercase office, then the name
_MEMBER_OF_BEFORE = re.compile(r"\b(?:member|chief|head|chairman|chairperson|secretary|director|leader|deputy)\s+of\s+(?:the\s+)?$")
# "Secretary of the ... Organization (PLO) Yasser Abed Rabbo": a titled body's acronym, then the name
_ACRONYM_RIGHT_BEFORE = re.compile(r"\([A-Z][A-Za-z]*[A-Z]\)[ \t]+$")
_TITLED_BEFORE = re.compile(r"\b(?:Minister|Ambassador|Director|Advis[eo]r|Secretary|Chairman|Chairperson|President|"
                            r"Governor|Envoy|Chief|Head|Commander|Deputy|Speaker|Representative|Consul|Commissioner)\b[^.;:!?\n]*$")


def _name_after_title_words(words: list[str], kb: KnowledgeBase, lex: Lexicon, is_place: Any) -> list[str] | None:
    """The personal name ending a run of capitalised words that begins with the end of a title
    (an institution, a country, an honorific: "Economy Simon Hamilton", "El Salvador Alexandra
    Hill Tinoco", "His Majesty Manar Dabbas"); None when nothing is trimmed to two or three words."""
    k = 0
    while len(words) - k > 2:
        w, pair = _POSSESSIVE.sub("", words[k]), " ".join(words[k : k + 2])
        if (kb.country_code(pair) or (" " in pair and is_place(pair)) or not kb.strip_honorifics(pair).strip()
                or _POSSESSIVE.sub("", words[k + 1]).lower() in _TITLE_WORDS):
            k += 2  # (a word before a portfolio's word is the portfolio's too: "Somaliland Talks")
        elif (w.lower() in _TITLE_WORDS or w in lex.nonperson_words or kb.country_code(w)
              or not kb.strip_honorifics(w).strip() or (k == 0 and kb.is_given_name(words[1]))):
            k += 1  # the institution's one word before a given name: "(for the) Economy Simon Hamilton"
        else:
            break
    tail = words[k:]
    # a given name the KB knows, or two words of a portfolio before it ("External Affairs Pabitra Margherita"),
    # or an honorific ("the Honorable Hakubun Shimomura")
    # (four words when two given names open it: "Jose Ramon Machado Ventura")
    longest = 4 if len(tail) == 4 and kb.is_given_name(tail[0]) and kb.is_given_name(tail[1]) else 3
    return tail if k and 2 <= len(tail) <= longest and (kb.is_given_name(tail[0]) or k >= 2 or _honorifics_only(words[:k], kb, words[k:])
                                                       or (words[k - 1] in lex.nonperson_words  # ("Ministry of Finance A B")
                                                           and not any(w.lower() in _FUNCTION_WORDS | {"against"} for w in tail)
                                                           and len(kb.strip_honorifics(" ".join(tail)).split()) >= 2)) else None


def _honorifics_only(words: list[str], kb: KnowledgeBase, tail: list[str] | None = None) -> bool:
    """Whether ``words`` are honorifics only (and the ``tail`` after them holds no function word: "HRH The Gyalsey")."""
    return (bool(words) and all(not kb.strip_honorifics(w).strip() for w in words)
            and not any(w.lower() in _FUNCTION_WORDS for w in tail or ()))


def _office_then_name(words: list[str], tail: list[str], kb: KnowledgeBase | None = None) -> bool:
    """Whether a run of capitalised words is an office's words then a name: "Special Envoy
    Abdikarim Guled", "Premier Hon. Alden McLaughlin" (an honorific between them; not "Prime
    Minister’s Official Visit", "Foreign Secretary The Rt")."""
    head = words[: len(words) - len(tail)]
    if kb is not None and len(head) > 1:
        head = head[:1] + [w for w in head[1:] if kb.strip_honorifics(w).strip()]
        if kb.country_code(head[0]) or head[0].isupper():  # "Cuban First VP Jose Ramon Machado Ventura", "USAID
            head = head[1:]  # Administrator Samantha Power": a nationality or an agency's acronym, then the office
    return (all(w.lower() in _TITLE_WORDS for w in head) and any(w.lower() in _OFFICE_WORDS for w in head)
            and not any(w.lower() in _FUNCTION_WORDS for w in tail))


def _after_place_words(text: str, s: int, e: int, kb: KnowledgeBase, is_place: Any) -> int:
    """The start of a name entity past leading place names ("Buryatia Alexey Tsydenov")."""
    for m in re.finditer(r"\S+", text[s:e]):
        word = m.group(0).strip(",.’'")
        rest = text[s + m.end() : e].split()
        # a city may be a given name ("Vladimir Karapetyan"): only dropped before a full name, and never
        # before a particle ("Jassim bin Saif Al Sulaiti": Jassim is a Syrian town and his given name)
        # (a capital is a city: "Victoria Nuland" keeps her given name)
        # (a town that is the given name of somebody the knowledge base knows, "Douglas Craig Emhoff", stays)
        if not ((kb.country_code(word) and not is_place(word)) or (is_place(word) and len(rest) >= 2
                                                                   and not kb.is_given_name(word))) or not rest \
                or re.fullmatch(_PARTICLE, rest[0].lower()):
            break
        s2 = s + m.end()
        while s2 < e and text[s2].isspace():
            s2 += 1
        return _after_place_words(text, s2, e, kb, is_place)
    return s


_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_FUNCTION_WORDS = frozenset({"on", "in", "at", "by", "for", "from", "to", "with", "the", "and", "but", "as", "of", "after",
                             "before", "during", "while", "when", "if", "this", "that", "these", "those", "through",
                             "via", "amid", "despite", "among", "under", "over", "across", "since", "until", "upon",
                             "without", "within", "throughout", "following", "according"})


def _goes_on_from_known(text: str, s: int, ends: set[int], words: int = 3) -> bool:
    """Whether ``s`` follows a known person's name (``ends``: where the known names end) over a few
    more capitalised words and single spaces only ("King Philippe Léopold | Louis Marie")."""
    pos = s
    for n in range(words + 1):
        if pos - 1 in ends and text[pos - 1] == " ":
            return True
        prev = re.search(r"(?<!\S)[A-ZÀ-ÖØ-ÞĀ-ſ][^\s,.;:()]*[ ]$", text[max(0, pos - 30) : pos])  # (a letter may be decomposed)
        if prev is None:
            return False
        if n >= 1 and prev.group(0).strip() in _ROYAL_TITLES:
            return True  # (a monarch's regal name the knowledge base lists shorter: "King Philippe Léopold ...")
        pos -= len(prev.group(0))
    return False


_ROYAL_TITLES = frozenset({"King", "Queen", "Emperor", "Empress", "Sultan", "Emir", "Prince", "Princess"})


def _a_paper_s_name(words: list[str]) -> bool:
    """"had told La Nación", "an interview with Le Monde": two words, a Romance article first, name a paper."""
    return len(words) == 2 and words[0] in ("La", "Le", "Les", "Los", "Las", "Il", "Lo")


def _could_be_a_name(name: str, lex: Lexicon, kb: KnowledgeBase) -> bool:
    """A spaCy PERSON the KB lacks is a name only with two capitalised words or more, none of
    them a word of places, organisations and media (lexicon nonperson_words), not all in
    capitals ("LIANHE ZAOBAO", a credit), not ending in a title ("Diplomatic Adviser")."""
    words = name.split()
    if _a_paper_s_name(words):
        return False
    if len(words) < 2 or any((w.strip("’'") in lex.nonperson_words or w.strip("’'")[:-1] in lex.nonperson_words
                              and w.endswith("s")) and not (k + 1 < len(words) and words[k + 1].lower() in _BIN)
                             for k, w in enumerate(words)):
        return False  # ("Syedpur Airports": a plural of a word of places; but "Eid bin Mohammed": a given name)
    if words[0].lower() in _FUNCTION_WORDS or any(w.lower().strip(",.") in _WEEKDAYS for w in words):
        return False  # "On Saturday"
    if not all(w[0].isupper() or re.match(_PARTICLE + r"\b", w) or (w == "y" and 0 < k < len(words) - 1)
               for k, w in enumerate(words)) or not words[0][0].isupper():  # ("Zamora y Villa": two family names)
        return False  # (nor a particle first: "de Honor" of "Patio de Honor", "van Biza")
    if all(w.isupper() and len(w) > 2 for w in words) or (words[-1].lower() in _TITLE_WORDS and words[-2].lower() not in _BIN
                                                          and not (words[-1].lower() in _TITLE_SURNAMES
                                                                   and kb.is_given_name(words[0]) and len(words) == 2)):
        return False  # (but "Premier Dennis King": a given name before a title that is also a surname; "X bin Sultan": his father)
    if "-" in name and all(kb.country_code(part.strip()) for part in name.split("-") if part.strip()):
        return False  # "Maldives-Sri Lanka (ties)": two countries
    return not (kb.country_code(name) or kb.parse_role(name))


_TITLE_SURNAMES = frozenset({"king", "bishop", "pope", "prince", "knight", "dean", "marshal", "judge"})


# a line with such words is a credit, contact or byline line, whatever its verbs
_CREDIT_LINE = re.compile(r"\b(?:tel|phone|fax|e-?mail|inquiries|enquiries|contact|translator|editor)\b\.?|\w@\w|^\s*@"
                          r"|\+\d|^\s*by\b"  # (an address or a handle's own line: not a story's tweet that names "@FMBhutan")
                          r"|,\s*reporting\s*$"  # a broadcast transcript's byline: "Jane Doe, Reporting"
                          # a credit line of several names: "*Writing by A, B and C", "Additional reporting by A and B"
                          r"|^\W*(?:(?:additional\s+)?(?:writing|written|reporting|reported|edited|compiled))\s+by\b[^\n.]{0,80}(?:,|\band\b|&)\s*$"
                          r"|\bcredits?\s*:|\b(?:posted|written|writing|published|reported|compiled|edited|photo(?:graph)?s?|pictures?|"
                          r"images?)\b[^\n]{0,60}\bby\s*$", re.I | re.M)


def _pos_by_start(doc: Any) -> dict[int, str]:
    """Coarse part of speech by token start offset, read in one pass of the Doc's arrays."""
    from spacy.attrs import IDX, POS

    if len(doc) == 0:
        return {}
    arr = doc.to_array([IDX, POS])
    names = doc.vocab.strings
    pos_names: dict[int, str] = {}
    out: dict[int, str] = {}
    for start, pos in arr.tolist():
        name = pos_names.get(pos)
        if name is None:
            name = pos_names[pos] = names[pos]
        out[start] = name
    return out


_PHOTO_BY = re.compile(r"\bphoto(?:graph)?s?\s*:[^\n]{0,40}$", re.I)
_AGENCY_AFTER = re.compile(r"\s*/\s*[A-Z]{2,6}\b(?:\s+(?i:photo|photos|pic|file)(?:/(?i:graphic))?)?[ \t.]*$")
_NAME_GOES_ON = re.compile(r"(?:[ \t]+[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)*")
_AGENCY_BEFORE = re.compile(r"\b[A-Z]{2,10}\s*/\s*$")  # "... July 13, 2018. REUTERS/Carlos Jasso": a photographer
_REPORTER_AFTER = re.compile(r",?\s*(?:reporting|reporter|correspondent)[ \t]*$", re.I | re.M)


_CREDIT_CLOSE = re.compile(r"[ \t]*(?:[|/][^()\n]{0,40})?\)")
_STORY_WORD = re.compile(r"\b[a-z]{4,}\b")


def _in_dateline_credit(text: str, line_start: int, m: Mention) -> bool:
    """Whether a name fills the parenthesis of a story's dateline, the agency's credit: nothing
    but the dateline's place and date before it on its line ("Havana, Apr 21 (Prensa Latina)",
    "(Hatha al-Youm | Iraq News)- ERBIL")."""
    before = text[line_start : m.start]
    return (before.rstrip().endswith("(") and len(before) <= 40 and not _STORY_WORD.search(before)
            and bool(_CREDIT_CLOSE.match(text, m.end)))


def _drop_credit_line_people(text: str, pos_at: dict[int, str], idx: PeopleIndex) -> None:
    """People the KB lacks who are named only on lines with no verb (bylines, photo credits,
    contact blocks: "Joseph Haboush, Al Arabiya English", "Celerina Monte/DMS") or on credit and
    contact lines ("Inquiries: ..., tel. ..."): not actors of the story."""
    verbs = sorted(i for i, p in pos_at.items() if p in ("VERB", "AUX"))
    from bisect import bisect_left as _bl

    def story_line(m: Mention) -> bool:
        ls = text.rfind("\n", 0, m.start) + 1
        le = text.find("\n", m.end)
        le = len(text) if le < 0 else le
        if (_CREDIT_LINE.search(text, ls, m.start) or _CREDIT_LINE.search(text, m.end, min(le, m.end + 40))
                or "pic.twitter.com/" in text[ls:le]):  # (an embedded tweet's words)
            return False
        if re.search(r"\w/[A-Z]", m.text) or re.match(r"/[A-Z]", text[m.end : m.end + 2]):
            return False  # "(Jeremy Eaton/CBC)", "Jane Roe/Pool via REUTERS": a photographer's credit
        run = _NAME_GOES_ON.match(text, m.end, le)  # ("Casey" of "Casey Lessard/NNSL")
        run_end = run.end() if run else m.end
        if _PHOTO_BY.search(text, ls, m.start) or _AGENCY_AFTER.match(text, run_end, le) or (
                _AGENCY_BEFORE.search(text, max(ls, m.start - 12), m.start) and not text[m.end : le].strip(" .")):
            return False  # "Photo: RNZ Pacific/ Johnny Blades", "... to India. Celerina Monte/DMS", "AFP/Jean Roux"
        if _in_dateline_credit(text, ls, m):
            return False  # "Havana, Apr 21 (Prensa Latina) ...", "(Hatha al-Youm | Iraq News)- ERBIL": an agency
        i = _bl(verbs, ls)
        if any(not (m.start <= v < m.end) for v in verbs[i : _bl(verbs, le)]):
            return True
        # a sentence of the story whose verb the parse read as a noun ("The outgoing Ambassador, X, bid farewell to
        # President Y at State House in Freetown."): long, and ending as sentences do
        line = text[ls:le].strip()  # (not a caption under its label: "Above: Premier X and Dr Y, Director-General of ...")
        return len(line.split()) >= 12 and line.endswith((".", "!", "?")) and not re.match(r"[\w ]{1,20}:", line)

    unknown: dict[str, list[Mention]] = {}
    for m in idx.mentions:
        if m.kind == "name" and m.entry is None and m.key:
            unknown.setdefault(m.key, []).append(m)
    for key, ms in unknown.items():
        # (a reporter the page names on a byline is no actor where the story names them too:
        # "News Five's Isani Cayetano files a report ... Isani Cayetano, Reporting")
        if not any(story_line(m) for m in ms) or any(_REPORTER_AFTER.match(text, m.end) for m in ms):
            idx.mentions = [m for m in idx.mentions if m.key != key]


_COUNTERPART = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?P<adj>[A-Z][a-z]+)\s+counterparts?\b")


def of_country(entry: Any, titled: str | None, code: str) -> bool:
    """Whether a person is of country ``code``: the knowledge base's country or an office held there,
    else (a person it lacks) the country of the title the text gives them."""
    if entry is not None:
        return bool(entry.country == code or any(o.country == code for o in entry.offices))
    return titled == code


def _counterparts(text: str, kb: KnowledgeBase, idx: PeopleIndex, taken: bytearray) -> None:
    """"his Thai counterpart": the one person of the text from that country (by the knowledge
    base or the role the text gives), when there is exactly one."""
    for m in _COUNTERPART.finditer(text):
        code = kb.country_code(m.group("adj"))
        if code is None or any(taken[m.start() : m.end()]):
            continue
        if any(n.kind == "name" and n.key and m.end() <= n.start <= m.end() + 2 for n in idx.mentions):
            continue  # "his Nepal counterpart Sewa Lamsal": the one named beside it, whoever else is of that country
        from_there = {n.key for n in idx.mentions if n.kind == "name" and n.key and of_country(n.entry, n.office_country, code)}
        if len(from_there) == 1:
            idx.mentions.append(Mention(m.start(), m.end(), m.group(0), "role", key=next(iter(from_there)),
                                        confidence=0.8))
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())


_ENVOY_TITLE_BEFORE = re.compile(r"\b(?:High\s+Commissioner|Ambassador|Envoy|Charg[ée]\s+d[’']Affaires)\s+$")
_COUPLE = re.compile(r"\b[Tt]he\s+(?P<surname>[A-ZÀ-ÖØ-ÞĀ-ſ][a-zà-ÿā-ſ’'-]+)s\b")


def _couples_by_surname(text: str, idx: PeopleIndex, taken: bytearray) -> None:
    """"The Bidens then had dinner with X": the couple by their family name stands for the one of the page who bears
    it in office (named in full and titled), when exactly one such person bears it; the spouse, untitled, goes with him."""
    for m in _COUPLE.finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        surname = m.group("surname")
        titled = {n.key for n in idx.mentions if n.key and (n.office or (n.entry is not None and n.entry.offices))}
        bearers = {n.key for n in idx.mentions if n.kind == "name" and n.key and n.key.split()[-1] == surname and n.key in titled}
        if len(bearers) == 1:
            idx.mentions.append(Mention(m.start(), m.end(), m.group(0), "role", key=next(iter(bearers)), confidence=0.8))
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    idx.mentions.sort(key=lambda x: x.start)


def _surnames_of_unknown_people(text: str, kb: KnowledgeBase, idx: PeopleIndex, taken: bytearray) -> None:
    """A person the KB lacks, named in full once ("Vladimir Karapetyan"), is the bare surname
    later in the text ("Karapetyan noted ..."), when no other person of the text has that surname."""
    owners: dict[str, set[str]] = {}
    middles: dict[str, set[str]] = {}
    keys = {m.key for m in idx.mentions if m.kind == "name" and m.key}
    # "Kassi Brou" after "Jean-Claude Kassi Brou": one person, the longer name
    longest = {k: max((f for f in keys if f.endswith(" " + k)), key=len, default=k) for k in keys}
    spouses: set[str] = set()  # surnames a spouse shares: "his wife, Samira X" is no other bearer of "X"
    for m in idx.mentions:
        if (m.kind == "name" and m.key and m.entry is None  # (a spouse in office, "First Lady X", stays a bearer)
                and _SPOUSE_BEFORE.search(text, max(0, m.start - 30), m.start)):
            spouses.add(m.key.split()[-1].lower())
            continue
        if m.kind == "name" and m.key:
            words, key = m.key.split(), longest[m.key]
            while len(words) > 2 and words[-1].rstrip(".") in _GENERATION:
                words = words[:-1]  # "Albert Bryan Jr": "Bryan" said
            if len(words) >= 2 and not (len(words) >= 3 and words[-2] in _ROYAL_FATHER):  # ("... Sultan Ibrahim": his father)
                owners.setdefault(words[-1].lower(), set()).add(key)
                if _family_key(words[-1]) != words[-1].lower():  # "al-Attiyah" is also "Attiyah"
                    owners.setdefault(_family_key(words[-1]), set()).add(key)
                for w in words[1:-1]:  # "Foreign Minister Rana" is Arju Rana Deuba
                    if not re.fullmatch(_PARTICLE, w.lower()):
                        middles.setdefault(w.lower(), set()).add(key)
            for family in getattr(m.entry, "surnames", ()) or ():  # a family name written first: "Lee Hsien Loong"
                owners.setdefault(family.lower(), set()).add(key)
    unknown = {m.key for m in idx.mentions if m.kind == "name" and m.entry is None and m.key}

    def titled(s: int) -> bool:
        return bool(_TITLE_RIGHT_BEFORE.search(text, max(0, s - 40), s))

    for surname, keys in owners.items():
        if len(keys) != 1 or len(surname) < 3:
            continue
        key = next(iter(keys))
        if key not in unknown or middles.get(surname, keys) - keys:
            continue  # ("Manuel Laboy Rivera" and "Luis Rivera Marín": "Secretary Rivera" may be either)
        # a surname that is also a common word ("Brown", "Black") only after a title: "Prime Minister Brown";
        # one a spouse shares, never after "Mrs" ("Mrs Bawumia" is his wife)
        common = surname in kb.not_surnames
        shared = surname in spouses

        def where(s: int, common: bool = common, shared: bool = shared) -> bool:
            return (not common or titled(s)) and not (shared and _LADY_BEFORE.search(text, max(0, s - 12), s))

        _link_surname(text, surname, key, idx, taken, where)
    for word, keys in middles.items():
        key = next(iter(keys))
        if len(keys) != 1 or len(word) < 3 or word in owners or key not in unknown or word in kb.not_surnames:
            continue
        _link_surname(text, word, key, idx, taken, titled)
    # a family name written first ("Chief Executive Ho Iat Seng ... Ho said"): the name's first word, alone,
    # when it is no other person's word, no title or place, and nobody's given name (but a short family name
    # that is also a given name somewhere, in a name of three words or more: "Ho", "Lam", "Lee")
    firsts: dict[str, set[str]] = {}
    for m in idx.mentions:
        if m.kind == "name" and m.key and len(m.key.split()) >= 2:
            firsts.setdefault(m.key.split()[0], set()).add(m.key)
    for word, keys in firsts.items():
        key = next(iter(keys))
        low = word.lower()
        if (len(keys) != 1 or key not in unknown or low in owners or low in middles or low in kb.not_surnames
                or low in _TITLE_WORDS or (kb.is_given_name(word) and (len(key.split()) < 3 or len(word) > 3))
                or _not_a_given_name(word, kb, lambda w: False)
                or not word[:1].isupper() or not word.isalpha()):
            continue
        _link_surname(text, word, key, idx, taken, lambda s: True)


# a capitalised word written right before a surname, over name particles: another given or family name
_NAME_WORD_BEFORE = re.compile(r"(?<![\w’'-])([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)[ \t]+(?:" + _PARTICLE + r"[ \t]+)*$")
_OPENING_WORDS = frozenset({"but", "and", "when", "while", "as", "if", "then", "meanwhile", "later", "earlier", "also",
                            "so", "yet", "after", "before", "since", "because", "although", "though", "the", "for",
                            "with", "by", "to", "from", "on", "in", "at", "of", "said", "says", "told", "added"})


_SPOUSE_BEFORE = re.compile(r"\b(?:wife|husband|spouse|(?:first|second)\s+lady|first\s+gentleman)[,:]?\s+"
                            r"(?:(?:Mrs|Ms|Mr|Madam|Madame|Mme|Dr|Lady)\.?\s+)?$", re.I)  # ("his wife Mrs. X")
_TITLED_FULL_NAME = re.compile(r"\b(?:" + ROLE_WORDS + r"|Mr|Mrs|Ms|Dr|Prof|PM|Senator|Hon)\.?[ \t]+"
                               r"(?P<given>[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)[ \t]+(?P<surname>[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]{2,})(?![\w’'-]|[ \t]+[A-Z])")


def _fuller_form_of(name: str, idx: PeopleIndex, kb: KnowledgeBase) -> set[str]:
    """The known person of the page whose name, as the page writes it, this one is with more names in the middle
    ("Mohammed Al-Menfi" ... "Mohammed Yunis Ahmed Al-Menfi": his father's and grandfather's names between): the
    same first and last words, never a name that merely looks alike."""
    words = name.split()
    if len(words) < 3:
        return set()
    first, last = kb.loose_key(words[0]), kb.loose_key(words[-1])
    return {m.key for m in idx.mentions if m.kind == "name" and m.entry is not None and m.key
            and len(said := kb.strip_honorifics(m.text).split()) == 2
            and kb.loose_key(said[0]) == first and kb.loose_key(said[1]) == last}


def _named_in_full_in_the_headline(text: str, headline: str, kb: KnowledgeBase, idx: PeopleIndex,
                                   taken: bytearray) -> None:
    """A person the knowledge base lacks whom the headline titles and names in full ("Dr Mahamudu
    Bawumia and his wife ... visited Kenya") and the body only by title and surname ("hosted Dr
    Bawumia"): the headline's full name, when no one of the body has that surname."""
    body_surnames = {m.key.split()[-1].lower() for m in idx.mentions if m.kind == "name" and m.key
                     and not _SPOUSE_BEFORE.search(text, max(0, m.start - 30), m.start)}  # (his wife shares it)
    for m in _TITLED_FULL_NAME.finditer(headline):
        given, surname = m.group("given"), m.group("surname")
        full = f"{given} {surname}"
        if (surname.lower() in body_surnames or given.lower() in _TITLE_WORDS or kb.country_code(given)
                or kb.country_code(surname) or surname.lower() in _TITLE_WORDS or kb.person(full) is not None):
            continue
        if not any(_TITLE_RIGHT_BEFORE.search(text, max(0, h.start() - 40), h.start())
                   for h in re.finditer(r"(?<![\w’'-])" + re.escape(surname) + r"(?![\w-])", text)):
            continue  # (the body must title the surname as the headline does: not a place's or a word's)
        _link_surname(text, surname, full, idx, taken)


def _link_surname(text: str, surname: str, key: str, idx: PeopleIndex, taken: bytearray,
                  where: Any = lambda s: True) -> None:
    own = {w.lower() for w in key.split()}
    for hit in re.finditer(r"(?<![\w’'-])" + re.escape(surname) + r"(?![\w-])", text, re.I):
        s, e = hit.start(), hit.end()
        if any(taken[s:e]) or not text[s].isupper() or not where(s):
            continue
        given = _NAME_WORD_BEFORE.search(text, max(0, s - 60), s)
        if (given and given.group(1).lower() not in own | _TITLE_WORDS | _OPENING_WORDS
                and not re.search(r"[’']s$", given.group(1))  # ("the UN’s Wronecka": a possessor, no given name)
                and not _TITLE_RIGHT_BEFORE.search(text, max(0, s - 40), s)):  # ("the Honourable Evelyn": a title)
            continue  # "Grettel Escobar de Escalona" (his wife) is not "Pacífico Escalona"
        after = re.match(r"[ \t]+([A-ZÀ-ÖØ-ÞĀ-ſ][a-zà-ÿā-ſ’'-]+)\b", text[e : e + 40])
        if (after and after.group(1).lower() not in own and not _month_word(after.group(1))
                and after.group(1).lower() not in _WEEKDAYS | _TITLE_WORDS | _FUNCTION_WORDS):
            continue  # "H.E Rigathi Gachagua" is not "Dorcas Rigathi": a name goes on after the word
        idx.mentions.append(Mention(s, e, text[s:e], "name", key=key, confidence=0.7))
        taken[s:e] = b"\x01" * (e - s)


def _resolve_unknown_surnames(idx: PeopleIndex) -> None:
    """Unknown people: a later bare surname refers to the earlier full name with that surname."""
    full = [m for m in idx.mentions if m.kind == "name" and m.entry is None and m.key and " " in m.key]
    for m in idx.mentions:
        if m.kind == "name" and m.entry is None and m.key:
            words = m.key.split()
            longer = [f for f in full if f.key != m.key and f.key and ((
                f.key.endswith(" " + words[-1]) and {w.lower() for w in words[:-1]} <= {w.lower() for w in f.key.split()})
                or (len(words) >= 2 and f.key.startswith(m.key + " ")))]  # "John Lee" is "John Lee Ka-chiu"
            # ("Hamdan bin ... Al Nahyan" is not Theyab; "Van Huffelen" is "Alexandra van Huffelen")
            if longer and len(m.key.split()) < len(longer[0].key.split()):  # type: ignore[union-attr]
                m.key = longer[0].key


def _names_in_another_order(idx: PeopleIndex, kb: KnowledgeBase) -> None:
    """Unknown people: one name written in two orders ("Ambassador Nibigira Ezekiel" and later
    "Ezekiel Nibigira", a family name first then last) is one person, under the order whose first
    word is a given name. The same words only: never a name that merely looks alike."""
    orders: dict[tuple[str, ...], set[str]] = {}
    for m in idx.mentions:
        if m.kind == "name" and m.entry is None and m.key and len(m.key.split()) >= 2:
            orders.setdefault(tuple(sorted(w.casefold() for w in m.key.split())), set()).add(m.key)
    for keys in orders.values():
        if len(keys) < 2:
            continue
        best = min(keys, key=lambda k: (not kb.is_given_name(k.split()[0]), k))
        for m in idx.mentions:
            if m.key in keys:
                m.key = best


def _date_window(idx: PeopleIndex) -> tuple[date, date] | None:
    """When the document has no date: the period in which every "Title Name" it uses was true."""
    lo, hi = date.min, date.max
    found = False
    for m in idx.mentions:
        if m.kind != "name" or m.entry is None or not m.office:
            continue
        spans = [
            (_as_date(o.start) or date.min, _as_date(o.end) or date.max)
            for o in m.entry.offices
            if office_fits(o.office, m.office) and (not m.office_country or str(o.country).startswith(m.office_country))
        ]
        if not spans:
            continue
        s = min(a for a, _ in spans)
        e = max(b for _, b in spans)
        if max(lo, s) <= min(hi, e):
            lo, hi, found = max(lo, s), min(hi, e), True
    return (lo, hi) if found else None


AS_A_TITLE = re.compile(r"\b[Aa]s\s+(?:the\s+)?$")
_HEADS = ("president", "prime_minister", "king", "emir", "sultan", "head_of_state", "supreme_leader", "chancellor")


def _surname_of_a_titled_holder(idx: PeopleIndex, kb: KnowledgeBase) -> None:
    """A bare surname the knowledge base gave to someone the page never names in full is the holder the page
    names by title only, when that holder alone has that surname ("Antigua and Barbuda's Prime Minister ...
    Xi was happy to see Browne": Gaston Browne, not the Trinidad minister Amery Browne)."""
    titled = {m.key: m.entry for m in idx.mentions if m.kind == "role" and m.key and m.entry is not None}
    if not titled:
        return
    in_full = {m.key for m in idx.mentions if m.kind == "name" and m.key and len(kb.strip_honorifics(m.text).split()) >= 2}
    for m in idx.mentions:
        words = kb.strip_honorifics(m.text).split()
        if m.kind != "name" or m.entry is None or len(words) != 1 or m.key in in_full or m.key in titled:
            continue
        word = words[0].casefold()
        same = [(k, e) for k, e in titled.items()
                if word in {n.casefold() for n in (*e.surnames, e.name.split()[-1])}]
        if len(same) == 1:
            m.key, m.entry = same[0]


def _resolve_roles(idx: PeopleIndex, kb: KnowledgeBase, on: date | None, window: tuple[date, date] | None,
                   text: str = "") -> None:
    named = [m for m in idx.mentions if m.kind == "name" and m.entry is not None]
    people = {m.key: m.entry for m in named}
    titled = {m.key for m in named if m.office}
    titled_so = {(m.key, m.office) for m in named if m.office}
    named_starts = [n.start for n in named]
    named_countries: set[str] | None = None  # the countries the text names (read once, when a crown needs them)
    for m in idx.mentions:
        if m.kind != "role" or m.office is None or m.key:
            continue  # resolved already: an apposition to a name
        if m.region:
            continue  # "the premier of Quebec": a region's head, whom only an apposition names
        if m.office_country is None and text and AS_A_TITLE.search(text, max(0, m.start - 8), m.start):
            continue  # "my first trip as Prime Minister", "as president he ...": a description, not a reference
        cands = [e for e in people.values() if _held(e, m.office, m.office_country, on, window, m.office_org)]
        if text and not re.match(r"(?:the|his|her|their)\s", m.text, re.I) and (
                both := _COMPOUND_TITLE_BEFORE.search(text, max(0, m.start - 40), m.start)) and (
                (other := kb.parse_role(both.group(1))) is not None and other.office != m.office):
            # "Mr. President and Foreign Minister": the one who holds both offices ("the Prime Minister and the
            # President" are two)
            holding_both = [e for e in cands if _held(e, other.office, other.country, on, window)
                            and (on is not None or _held_together(e, m.office, other.office))]
            if len(holding_both) == 1:
                m.key, m.entry, m.confidence = holding_both[0].name, holding_both[0], 0.85
                continue
        if text and (then := _COMPOUND_TITLE_AFTER.match(text, m.end)) and (
                (other := kb.parse_role(then.group(1))) is not None and other.office != m.office):
            # "HRH the Crown Prince and Prime Minister highlighted ...": the one who holds both offices at once
            holding_both = [e for e in cands if _held(e, other.office, other.country, on, window)
                            and (on is not None or _held_together(e, m.office, other.office))]
            if len(holding_both) == 1:
                m.key, m.entry, m.confidence = holding_both[0].name, holding_both[0], 0.85
                continue
        if m.office_country is None and text:
            # "The Prime Minister welcomed the Prime Minister of Greece Kyriakos Mitsotakis": a bare
            # title beside another holder of the office, named in the same sentence, is not that holder
            s, e = _sentence_around(text, m.start)
            beside = {n.key for n in named if s <= n.start < e and n.office == m.office}
            cands = [c for c in cands if c.name not in beside]
            holder = _text_holder(idx, m, bare=True, text=text) if not cands and beside else None
            if holder is not None and _titled_with(m.text, [n for n in idx.mentions if n.key == holder], text):
                # "Premier and Minister of Tourism X met British Prime Minister Y ... Premier X said": the
                # one the text titles so, though the KB lacks him, before the KB's holder where the page is
                m.key, m.confidence = holder, 0.8
                continue
            if not cands and beside and idx.home and on is not None:
                holders = kb.holders(m.office, idx.home, on)  # the page's own country's holder
                if len(holders) == 1:
                    m.key, m.entry, m.confidence = holders[0].name, holders[0], 0.75
                    people[holders[0].name] = holders[0]
                    continue
        if m.office == "minister":  # "the Minister of State" is no sitting president who also keeps defence
            cands = [e for e in cands if not any(_held(e, head, None, on, window) for head in _HEADS)]
        if not cands and on is None and window is None:
            cands = [e for e in people.values() if _held(e, m.office, m.office_country, None, org=m.office_org)]
        if m.office_org is None and cands:
            # "The Secretary-General met Moussa Faki, Chairperson of the AU Commission": an organisation's
            # office (the KB files that chair as a secretary-general) is only for whom the text gives it
            given = {x.key for x in idx.mentions if x.key and x.office == m.office and x is not m}
            cands = [e for e in cands if e.name in given or not _only_in_an_organisation(e, m.office, on, window)]
        if m.office == "leader" and m.office_country is None and (leaders := [
                r for r in idx.mentions if r.kind == "role" and r.key and r.office == "leader" and r.office_country
                and r.end <= m.start and m.start - r.end < 600]):
            # "... as the Tuvalu leader continues a trip. The leader of the island nation has met X": the leader the
            # text just named by his country, not another head it names
            m.key, m.entry, m.confidence = leaders[-1].key, leaders[-1].entry, 0.8
            continue
        if len(cands) > 1 and m.office == "leader":
            # "the Leader" of a country with a supreme leader is the supreme leader
            supreme = [e for e in cands if _held(e, "supreme_leader", m.office_country, on, window)]
            cands = supreme or cands
        if len(cands) > 1 and m.office in ("minister", *MANY_HOLDERS):
            # a title many hold: one named before it ("The minister noted ... talks with Foreign Minister Zarif":
            # the minister told before, not one named only later); then one introduced with this title; else the
            # nearest preceding (a title one person holds is whom the text gives it, wherever: "he visited the
            # President" after a headline "President Buhari met ...")
            told = {n.key for n in named if n.start < m.start}
            cands = [e for e in cands if e.name in told] or cands
        if len(cands) > 1 and on is None and window is None:
            # an undated page's bare title: not one who held the office before another candidate and has since
            # moved to another office ("the prime minister" beside a president who was prime minister years before)
            cands = [e for e in cands if not _moved_on(e, m.office, cands)] or cands
        if len(cands) > 1:  # one the text gives this title, else one it gives a title
            with_title = [e for e in cands if (e.name, m.office) in titled_so] or [e for e in cands if e.name in titled]
            cands = with_title or cands
        if len(cands) > 1 and m.office_country is None:
            # a bare title is the one the text titles bare ("Prime Minister Marape ... said the Prime Minister"),
            # not a foreign holder it gives a nationality ("the Australian Prime Minister Anthony Albanese")
            bare = {n.key for n in named if n.office == m.office and n.office_country is None}
            cands = [e for e in cands if e.name in bare] if len(bare & {e.name for e in cands}) == 1 else cands
        if cands and m.office_country is None and m.office not in MANY_HOLDERS and m.office != "minister" and text \
                and not re.match(r"[ \t]+[A-ZÀ-ÖØ-ÞĀ-ſ]", text[m.end : m.end + 2]) and len(
                told_so := {n.key for n in named if n.office == m.office and n.office_country is None and n.start < m.start}) == 1 \
                and (only := next(iter(told_so))) not in {e.name for e in cands} and not {e.name for e in cands} & {
                    n.key for n in idx.mentions if n.key and n.office == m.office and n is not m}:
            # "Prime Minister X and Chair Y met at the Prime Minister's residence": the one the text titles so,
            # though the KB dates another of the page's people, whom the text never titles so, in that office
            m.key, m.entry, m.confidence = only, people[only], 0.8
            continue
        if len(cands) > 1 and _the_visiting(text, m):
            # "A and B called on the visiting Sri Lankan leader": the visitor the story opens with, not the
            # country's other head named in passing since
            first = next((n for n in named if n.entry in cands), None)
            cands = [first.entry] if first is not None else cands
        if len(cands) > 1:
            prior = _last_before(named, named_starts, m.start, cands)
            cands = [prior.entry] if prior is not None else cands[:1]
        titles_given = [n for n in named if cands and n.key == cands[0].name and n.office]
        if cands and not titles_given and text:  # ("UK Prime Minister, Sir Keir Starmer": the title a role of its own)
            titles_given = [r for r in idx.mentions if r.kind == "role" and r.office == m.office and r.office_country
                            and any(n.key == cands[0].name and 0 <= n.start - r.end <= 3 and not text[r.end : n.start].strip(" ,")
                                    for n in named)]
        if titles_given and m.office_country is None and all(n.office_country for n in titles_given) and (
                m.text[:4].lower() == "the " or not _titled_with(m.text, titles_given, text)):
            # "Premier Alden McLaughlin ... Jamaican Prime Minister Andrew Holness ... the Premier": a bare
            # title is the holder the text titles bare, though the KB lacks him, not the one it gives a nationality
            # (and "Premier" without "the", a word the text never titles the foreign holder with)
            holder = _text_holder(idx, m, bare=True, text=text)
            if holder is not None:
                m.key, m.confidence = holder, 0.8
                continue
        if cands and m.office_country is None and _titled_only_abroad(idx, m, cands[0].name, text):
            continue  # "Britain's prime minister ... The Premier attended": someone the text does not name so
        if cands and text and _PORTFOLIO.match(text, m.start, m.end + 60):
            # "The Minister for External Relations said": the one the text titles with that portfolio, though
            # the KB knows a (former) minister on the page
            holder = _text_holder(idx, m, text=text)
            if holder is not None:
                m.key, m.confidence = holder, 0.8
                continue
        if cands and m.office_country is None and cands[0].name in (
                bare_holders := {n.key for n in idx.mentions if n.kind == "name" and n.key and n.office == m.office
                                 and n.office_country is None}) and bare_holders - {
                    n for n, e in people.items() if _held(e, m.office, None, on, window, m.office_org)}:
            continue  # "Foreign Minister Wang Yi" and "President and Foreign Minister Taneti Maamau": "the Foreign
            # Minister" may be either, though the KB knows only one of them in that office: unresolved
        if cands:
            m.key, m.entry, m.confidence = cands[0].name, cands[0], 0.85
            continue
        holder = _text_holder(idx, m, text=text)
        if holder is not None:  # a person the KB lacks, whom the text gives this office
            m.key, m.confidence = holder, 0.8
            continue
        titled_here = {n.key for n in named if n.office and office_fits(n.office, m.office) and (
            not m.office_country or n.office_country == m.office_country or (
                # ("Kiribati President" and "President Anote Tong": a holder of that country's office, some time)
                n.office_country is None and n.entry is not None
                and any(o.country == m.office_country and office_fits(o.office, m.office) for o in n.entry.offices)))}
        if len(titled_here) == 1 and m.office_org is None:
            # "Marshall Islands President Hilda Heine ... The President": the one the text titles so, though the KB
            # dates her term before the page's date (a page edited later), not the dateline country's holder
            only = next(iter(titled_here))
            m.key, m.entry, m.confidence = only, people[only], 0.7
            continue
        if on is not None and (m.office_country or m.office_org) and m.office not in MANY_HOLDERS:
            # "the UK Prime Minister", "the NATO Secretary General": the holder on the day (not "the Russian
            # Ambassador": one of many, whom the KB may not list)
            holders = kb.holders(m.office, m.office_country, on, org=m.office_org)
            if len(holders) == 1:
                m.key, m.entry, m.confidence = holders[0].name, holders[0], 0.75
                people[holders[0].name] = holders[0]
        elif on is not None and idx.home and m.office in _HOME_OFFICES:
            # "ISLAMABAD (APP) - The UN Secretary-General called on the Prime Minister": with no holder
            # named, a bare title of a head under the page's dateline is its own country's
            holders = kb.holders(m.office, idx.home, on)
            if len(holders) == 1:
                m.key, m.entry, m.confidence = holders[0].name, holders[0], 0.7
                people[holders[0].name] = holders[0]
        elif on is not None and not idx.home and m.office in _CROWNS and text:
            # "The Minister of India, in Bhutan for an official visit, received an audience with His Majesty
            # The King": a crown's bare title is the monarch of the only monarchy the text names
            if named_countries is None:
                named_countries = _countries_named(text, kb)
            holders = list({h.name: h for c in named_countries for h in kb.holders(m.office, c, on)}.values())
            if len(holders) == 1:
                m.key, m.entry, m.confidence = holders[0].name, holders[0], 0.7
                people[holders[0].name] = holders[0]


_VISITING_BEFORE = re.compile(r"\b[Vv]isiting\s+$")


def _the_visiting(text: str, role: Mention) -> bool:
    """Whether a role is the visitor's ("the visiting Sri Lankan leader")."""
    return bool(text) and (bool(_VISITING_BEFORE.search(text, max(0, role.start - 12), role.start)) or "visiting " in role.text)
_TITLE_BEFORE_NAME = re.compile(r"(?<![\w’'.-])((?:[A-Z][a-z]+\.?[ \t]+){0,2}[A-Z][a-z]+\.?)[ \t]+$")


def _titles_the_text_gives(text: str, kb: KnowledgeBase, idx: PeopleIndex) -> None:
    """A title the knowledge base does not know, written before one person's name only ("Senior
    General Min Aung Hlaing"), is that person where the text uses it bare: "the Senior General met
    ...". A title the knowledge base knows is left to the role resolution (which weighs offices
    and dates); a title written before two people's names names neither."""
    owners: dict[str, set[str]] = {}
    for m in idx.mentions:
        if m.kind != "name" or not m.key:
            continue
        own = {w.lower() for w in re.findall(r"[\w’'-]+", m.key)}
        words = m.text.split()
        k = 0
        while k < len(words) and words[k].lower().strip(".") not in own:
            k += 1
        if 0 < k < len(words):
            title = words[:k]
        elif k == 0 and (before := _TITLE_BEFORE_NAME.search(text, max(0, m.start - 40), m.start)) and not re.search(
                r"(?<![\w’'-])[a-z][\w’'-]*[ \t]+$", text[max(0, before.start(1) - 20) : before.start(1)]):
            title = before.group(1).split()  # (not "... of the National Assembly X": a body's name)
        else:
            continue
        for n in range(2, min(3, len(title)) + 1):  # "Prime Minister Senior General X": "the Senior General"
            if n < len(title) and not title[-n - 1][:1].isupper():
                break  # ("Speaker of the National Assembly X": a body's name, no title of its own)
            owners.setdefault(" ".join(title[-n:]), set()).add(m.key)
    spans = [(m.start, m.end) for m in idx.mentions]
    for prefix, keys in owners.items():
        if len(keys) != 1 or not re.fullmatch(r"(?:[A-Z][a-z]+\.? ){1,2}[A-Z][a-z]+\.?", prefix) or kb.parse_role(prefix) \
                or kb.split_role(prefix)[0] or kb.country_code(prefix) or any(kb.country_code(w) for w in prefix.split()):
            continue  # (one word, "Gen.", is a rank many share; the KB's titles go by office and date)
        key = next(iter(keys))
        for hit in re.finditer(r"\b[Tt]he[ \t]+" + re.escape(prefix) + r"(?![\w’'-])(?![ \t]+[A-Z])", text):
            if any(a < hit.end() and hit.start() < b for a, b in spans):
                continue
            idx.mentions.append(Mention(hit.start(), hit.end(), hit.group(0), "role", key=key, confidence=0.75))
    idx.mentions.sort(key=lambda x: x.start)


_COMPOUND_TITLE_BEFORE = re.compile(r"(?<![\w’'-])((?:[A-Z][\w-]+\s+){0,2}[A-Z][\w-]+)\s+and\s+$")
_COMPOUND_TITLE_AFTER = re.compile(r"\s+and\s+((?:[A-Z][\w-]+\s+){0,2}[A-Z][\w-]+)(?![\w’'-])(?!\s+[A-Z])")  # (no name after it)


def _moved_on(entry: Any, office: str, cands: list[Any]) -> bool:
    """Whether ``entry``'s terms in ``office`` all ended before another candidate's began, and a later office of
    his own began after them."""
    own = [o for o in entry.offices if office_fits(o.office, office)]
    if not own or any(o.end is None for o in own):
        return False
    ended = max(o.end for o in own if o.end is not None)
    later = any(o.start is not None and o.start >= ended and not office_fits(o.office, office) for o in entry.offices)
    newer = any(o.start is not None and o.start > ended for c in cands if c is not entry
                for o in c.offices if office_fits(o.office, office))
    return later and newer


def _titled_only_abroad(idx: PeopleIndex, m: Mention, name: str, text: str) -> bool:
    """Whether the text titles ``name`` only with a nationality ("Britain's prime minister") and
    never with the word of the bare title ``m`` ("the Premier"): a head of government the text
    calls by another word is not who it calls the Premier, whom the KB may lack."""
    titles = [n for n in idx.mentions if n.key == name and n.office and n is not m]
    word = re.sub(r"^(?:the|his|her|their)\s+|\s+(?:of|for|to)\s.*$", "", m.text, flags=re.IGNORECASE)
    return bool(titles) and all(n.office_country for n in titles) and not _titled_with(word, titles, text)


_HOME_OFFICES = frozenset({"president", "prime_minister", "king", "emir", "sultan", "chancellor"})
_CROWNS = frozenset({"king", "emir", "sultan"})
_CAPITALISED_WORDS = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'-]+(?:\s+(?:of\s+)?[A-ZÀ-ÖØ-Þ][\w’'-]+)*")


def _countries_named(text: str, kb: KnowledgeBase) -> set[str]:
    """ISO-3 codes of the countries the text names or gives a nationality of ("Bhutan", "Bhutanese")."""
    out: set[str] = set()
    for m in _CAPITALISED_WORDS.finditer(text):
        words = m.group(0).split()
        for i in range(len(words)):
            for j in range(min(len(words), i + 4), i, -1):
                code = kb.country_code(" ".join(words[i:j]))
                if code:
                    out.add(code)
                    break
    return out
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _sentence_around(text: str, pos: int) -> tuple[int, int]:
    """Rough bounds of the sentence around ``pos`` (terminators and line breaks)."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, pos)), default=0)
    end = next((m.start() for m in _SENTENCE_END.finditer(text, pos)), len(text))
    return start, end


# (a personal title may stand between: "the Minister for External Relations, Senator Ian Gorst")
_BETWEEN_ROLE_AND_NAME = re.compile(r",?\s*(?:(?:Senator|Sen\.|Deputy|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Hon\.?|Dame|Sir)\s+)?")
# honorifics between a title and its holder's name: "the Crown Prince of Kuwait, His Highness Sheikh X"
_HONORIFICS_BETWEEN = re.compile(r",\s*(?:(?:His|Her|Royal|Highness|Majesty|Excellency|H\.\s?E\.|Sheikh|Sheikha|Shaikh|Dr\.?)\s+){1,4}")
# what may stand between a title and its holder's name: "Ambassador of Russia (to Mongolia) Iskander Azizov"
_TITLE_GOES_ON = re.compile(r"\s*(?:(?:to|in|at)\s+(?:the\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)?\s+)?")


_POSTED_TO = re.compile(r"(?:\s+(?:to|in|at)\s+(?:the\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)?,\s*"
                        r"|\s+to\s+(?:the\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)?\s+"  # "Ambassador of India to the Russian Federation X"
                        r"|\s+for\s+(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s+(?:and\s+)?|(?=,))){1,4},?\s*)"  # "Minister of State for Defence Affairs X"
                        r"(?:(?:Senator|Sen\.|Deputy|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Hon\.?|Dame|Sir)\s+)?")  # "..., Senator X"
_SAYS_AFTER = re.compile(r"\s+(?:said|says|told|added|stressed|noted|stated|underlined|emphasi[sz]ed)\b")


_AIDE_OF_BEFORE = re.compile(r"\b(?:spokes(?:man|woman|person)|advis[eo]r|aide|assistant|secretary|representative|envoy)s?"
                             r"\s+(?:for|of|to)\s+$", re.I)


def _roles_beside_names(text: str, idx: PeopleIndex) -> None:
    """A role written beside a name the KB does not know gives that person the office:
    "The president of Chile, Gabriel Boric" and "Gabriel Boric, the president of Chile"."""
    ms = sorted(idx.mentions, key=lambda x: x.start)
    for n, (a, b) in enumerate(zip(ms, ms[1:], strict=False)):
        gap = text[a.end : b.start]
        honorifics = a.kind == "role" and len(gap) <= 40 and bool(_HONORIFICS_BETWEEN.fullmatch(gap))
        if (len(gap) > 12 or not _BETWEEN_ROLE_AND_NAME.fullmatch(gap)) and not (
                a.kind == "role" and len(gap) <= 40 and _POSTED_TO.fullmatch(gap)) and not honorifics:
            continue  # (but "Argentina's Ambassador to Uruguay, Alberto Iribarne": the title goes on to its post)
        role, name = (a, b) if a.kind == "role" else (b, a)
        if role.kind != "role" or name.kind != "name" or not role.office:
            continue
        if role is b and "," not in gap:
            continue  # "Gabriel Boric President ..." is not an apposition
        if role is a and _AIDE_OF_BEFORE.search(text, max(0, role.start - 40), role.start):
            continue  # "A spokesman for the Armenian PM, Vladimir Karapetyan, ...": the spokesman's name
        if role is b and re.match(r"[’']s?\b", text[role.end : role.end + 3]):
            continue  # "Roger Carstens, the American President's Special Envoy": whose envoy, not his title
        after = ms[n + 2] if n + 2 < len(ms) else None
        if role is b and after is not None and after.kind == "name" and _TITLE_GOES_ON.fullmatch(text, b.end, after.start):
            continue  # "A, Ambassador of Russia B": a list, the title is B's
        if name.entry is not None:
            after_name = role is b and not re.match(r"(?:the|his|her)\s", role.text, re.I) and not _SAYS_AFTER.match(
                text, role.end)  # "Sayyid Shihab bin Tarik Al Said, Deputy Prime Minister ...": his
            running_on = role is a and _POSTED_TO.fullmatch(gap)  # "Minister of State for Defence Affairs X": his
            elsewhere = role.office_country is not None and name.entry.country != role.office_country and not any(
                str(o.country).startswith(role.office_country) for o in name.entry.offices)
            never_held = role is b and bool(name.entry.offices) and not any(
                office_fits(o.office, role.office) for o in name.entry.offices)  # "Jacinda Ardern, Minister of Foreign Affairs and ...": a list
            # "the Prime Minister, Mariano Rajoy, in 2015": a title set before the name it belongs to
            before_name = role is a and "," in gap and any(office_fits(o.office, role.office) for o in name.entry.offices)
            if name.key and (after_name or running_on or before_name) and not elsewhere and not never_held:
                # (not "... Prime Minister Sheikh Hasina, Sri Lankan President, Bhutan PM": a list, not her title)
                role.key, role.entry, role.confidence = name.key, name.entry, 0.9
            continue
        if role is b and _SAYS_AFTER.match(text, role.end):
            continue  # "During the meeting with Governor X, the President of Belarus noted": the next clause's subject
        untitled = name.office is None
        if name.office is None:
            name.office, name.office_country = role.office, role.office_country
        if not role.key and ((role is a and _POSTED_TO.fullmatch(gap)) or role is b or (
                role is a and untitled and "," in gap and role.text[:4].lower() == "the ")):
            # ("the Crown Prince of Kuwait, His Highness Sheikh X": X, though the KB knows an earlier holder)
            # "Minister of State for External Affairs X", "X, the Minister for the Overseas Territories": X, whom the KB lacks
            role.key, role.confidence = name.key, 0.9


_PORTFOLIO = re.compile(r"(?:[Tt]he\s+)?Minist(?:er|ry)\s+(?:of|for)\s+(?:the\s+)?(?P<what>[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*)*)")


def _text_holder(idx: PeopleIndex, role: Mention, *, bare: bool = False, text: str = "") -> str | None:
    """The unknown person whom the text gives the office of ``role`` (the last one named before
    it, else the first after it); None when the text names nobody with that office. ``bare``:
    only a person the text titles without a country ("Premier Alden McLaughlin"). A role naming a
    portfolio ("the Minister for Pacific Peoples") is only for one the text titles with it."""
    countries: dict[str, set[str]] = {}  # a person's country from any mention ("Nepal's Foreign Minister ...")
    for m in idx.mentions:
        if m.kind == "name" and m.key and m.office_country:
            countries.setdefault(m.key, set()).add(m.office_country)
    portfolio = _PORTFOLIO.match(text, role.start, role.end + 60) if text else None  # "Minister for Pacific Peoples"
    words = {w.lower() for w in re.findall(r"[A-Z][\w’'-]+", portfolio.group("what"))} if portfolio else set()

    def titled_so(key: str) -> bool:
        return not words or any(m.key == key and m.kind == "name" and words & {  # the title before or after the name
            w.lower() for w in re.findall(r"[A-Za-z][\w’'-]+", text[max(0, m.start - 80) : m.end + 80])} for m in idx.mentions)

    fits = [m for m in idx.mentions if m.kind == "name" and m.entry is None and m.key and m.office
            and office_fits(m.office, role.office or "")
            and (not role.office_country or role.office_country in countries.get(m.key, ()))
            and not (bare and (m.office != role.office or m.office_country or countries.get(m.key)))
            and m is not role and (not text or titled_so(m.key))]
    if not fits or role.office is None:
        return None
    if not role.office_country and len({m.key for m in fits}) > 1:
        # "Foreign Secretary A ... Foreign Secretary of Bhutan B ... the Foreign Secretary's visit": the one the
        # text titles bare, not the one it gives a country (as for holders the KB knows)
        fits = [m for m in fits if not countries.get(m.key or "")] or fits
    before = [m for m in fits if m.end <= role.start]
    if _the_visiting(text, role):
        return fits[0].key  # "called on the visiting Chilean leader": the visitor the story opens with
    return (before[-1] if before else fits[0]).key


def _titled_with(title: str, named: list[Mention], text: str) -> bool:
    """Whether the text writes ``title`` ("Premier") right before or in one of the ``named`` mentions."""
    return any(title.lower() in text[max(0, n.start - 40) : n.end].lower() for n in named)


def office_fits(held: str, said: str) -> bool:
    """Does an office held fit the office the text names? Vague words ("the minister", "the
    diplomat") fit any office of their kind."""
    if held == said:
        return True
    if said == "minister":
        return held.endswith("minister") and held != "prime_minister"
    if said == "diplomat":
        return held in ("foreign_minister", "deputy_foreign_minister", "ambassador", "envoy", "special_envoy")
    if said == "head_of_state":
        return held in ("supreme_leader", "president", "king", "emir", "sultan", "head_of_state")
    if said == "leader":  # "the Ghanaian leader": a head of state or of government
        return held in ("supreme_leader", "president", "king", "emir", "sultan", "head_of_state", "prime_minister",
                        "chancellor", "leader")
    return False


def _last_before(named: list[Mention], starts: list[int], pos: int, cands: list[Any]) -> Mention | None:
    """The last named mention ending before ``pos`` whose person is among ``cands``."""
    i = bisect_left(starts, pos) - 1
    while i >= 0:
        n = named[i]
        if n.end <= pos and n.entry in cands:
            return n
        i -= 1
    return None


def _only_in_an_organisation(entry: Any, office: str, on: date | None, window: tuple[date, date] | None) -> bool:
    """Whether every office of ``entry`` that fits ``office`` (on the day) is an organisation's."""
    fitting = [o for o in entry.offices if office_fits(o.office, office)
               and (on is None or holds(o, on))
               and (window is None or ((_as_date(o.start) or date.min) <= window[1]
                                       and window[0] <= (_as_date(o.end) or date.max)))]
    return bool(fitting) and all(o.org for o in fitting)


def _held(
    entry: Any, office: str, country: str | None, on: date | None, window: tuple[date, date] | None = None,
    org: str | None = None,
) -> bool:
    for o in entry.offices:
        if not office_fits(o.office, office) or (org is not None and o.org != org):
            continue  # (an organisation's office is only its own: "the Commission President" is no head of state)
        if country and o.country != country and not str(o.country).startswith(country):
            continue
        if on is not None:
            if holds(o, on):
                return True
        elif window is not None:
            if (_as_date(o.start) or date.min) <= window[1] and window[0] <= (_as_date(o.end) or date.max):
                return True
        else:
            return True
    return False


def _held_together(entry: Any, first: str, second: str) -> bool:
    """Whether the person held two offices at one time (on an undated page: "the Crown Prince and Prime Minister"
    is who is both, not one who was prime minister years before becoming crown prince)."""
    terms = [(_as_date(o.start) or date.min, _as_date(o.end) or date.max, o.office) for o in entry.offices]
    return any(a0 <= b1 and b0 <= a1 for a0, a1, x in terms if office_fits(x, first)
               for b0, b1, y in terms if office_fits(y, second))


_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+(?P<role>[^,.;()“”\"]{3,80}?)(?=[,.;]|\s+(?:said|told|who|and)\b|$)")
# "Abdul Qahar Balkhi, spokesman of the foreign ministry, said": a role word opens it, no article
_BARE_APPOSITION = re.compile(
    r",\s+(?P<role>(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*\s+){0,2}(?:spokes(?:man|woman|person)|adviser|advisor|ambassador|envoy|director|"
    r"chief|head|commander|governor|secretary|deputy|chairman|chairwoman|chairperson)\b[^,.;()“”\"]{0,70}?)"
    r"(?=[,.;]|\s+(?:said|told|who|and)\b|$)")
_ROLE_THEN_NAME = re.compile(r"(?P<role>(?:[A-Z][a-z]+(?:’s|'s)?\s+){0,3}(?:[a-z]+\s+){0,2}(?:spokes(?:man|woman|person)|analyst|researcher|official|adviser|advisor|ambassador|envoy|minister|director|chief|head|commander|governor|mayor|lawmaker|MP|senator))\s*,?\s*$")


_FINITE_VERB = re.compile(r"\b(?:is|was|are|were|has|have|had|will|would)\b")


def _text_role(text: str, ms: list[Mention], kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """For a person the knowledge base does not know: the role and country the text gives
    ("Ahmed al-Hassan, a spokesman for the Saudi embassy" -> "spokesman for the Saudi embassy", SAU)."""
    for m in ms:
        app = _APPOSITION.match(text, m.end) or _BARE_APPOSITION.match(text, m.end)
        before = _ROLE_THEN_NAME.search(text, max(0, m.start - 80), m.start)
        role = app.group("role").strip() if app else (before.group("role").strip() if before else None)
        if role and (_FINITE_VERB.search(role) or _SAYS_AFTER.search(" " + role)):
            continue  # "signed by X, the trip is a response to ...", "with X, the President noted": a clause goes on
        if role:
            country = next((c for w in re.findall(r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w-]+", role) if (c := kb.country_code(w))), None)
            return role, country
    return None, None


def _office_named_beside(text: str, ms: list[Mention], entry: PersonEntry) -> Office | None:
    """On an undated page, the office of the person's that the text writes beside a mention, in
    apposition or as the title before the name ("Moussa Faki Mahamat, Chairperson of the African
    Union Commission" is that office, not his earlier ones)."""
    for m in ms:
        after = fold(text[m.end : m.end + 120].split(".")[0].split(";")[0])
        after = re.sub(r"^(?:the|a|an) ", "", after)
        before = fold(text[max(0, m.start - 100) : m.start])
        for o in entry.offices:
            label = fold(o.label)
            if after.startswith(label) or before.endswith(label):
                return o
    return None


def _headline_mentions(title: str, kb: KnowledgeBase, lex: Lexicon, on: date | None, is_place: Any,
                       givens: dict[str, set[str]]) -> list[Mention]:
    """The knowledge base's names and the bare titles in a headline (no parse: it is short), read
    with the body's given names."""
    head = PeopleIndex()
    taken = bytearray(len(title) + 1)
    runs = [(m.start(), m.end()) for m in _NAME_RUN.finditer(title)]
    memo: dict[str, list[Any]] = {}
    no_entities = [0] * (len(title) + 1)
    for one_word in (False, True):
        for start, end in runs:
            _match_run(title, start, end, kb, on, head, taken, is_place, no_entities, givens,
                       lex.nonperson_words, one_word=one_word, memo=memo)
    for m in _ROLE_RE.finditer(title):
        parts = [(m.start(), m.end())]
        if kb.parse_role(m.group(0)) is None and m.group("adj") and m.group("adj").split()[-1].lower() in _TITLE_WORDS | _LESSER:
            continue  # "Chief Minister Meets Foreign Secretary": a title the KB does not know, not "Minister"
        if kb.parse_role(m.group(0)) is None and m.group("adj"):
            # a headline in title case: "Premier Meets Prime Minister" is two titles, not one with an adjective
            first = re.match(r"\S+", m.group("adj"))
            parts = [(m.start("adj"), m.end("adj")), (m.start("role"), m.end())] + (
                [(m.start("adj"), m.start("adj") + first.end())] if first and first.end() < len(m.group("adj")) else [])
        for s, e in parts:
            cue = kb.parse_role(title[s:e])
            if cue is not None and not cue.former and not any(taken[s:e]):
                head.mentions.append(Mention(s, e, title[s:e], "role", office=cue.office,
                                             office_country=cue.country, office_org=cue.org))
    return head.mentions


def with_headline(idx: PeopleIndex, title: str, kb: KnowledgeBase, lex: Lexicon, on: date | None,
                  is_place: Any, offset: int, body: str = "") -> PeopleIndex:
    """The body's people plus the mentions in the headline (a text of its own, left out of the
    analysed body), placed at ``offset`` + their place in ``title``. A headline name the
    knowledge base knows is that person; one it does not know counts only when it is a body
    person's name or surname ("Mutaqi" for the body's "Amir Khan Mutaqi")."""
    head = _headline_mentions(title, kb, lex, on, is_place, idx.givens)
    body_keys = {m.key for m in idx.mentions if m.key}
    by_surname: dict[str, set[str]] = {}
    for k in body_keys:
        by_surname.setdefault(kb.loose_key(k.split()[-1]), set()).add(k)
    out = PeopleIndex(mentions=list(idx.mentions), entries=dict(idx.entries), home=idx.home)
    body_people = {m.key: m.entry for m in idx.mentions if m.kind == "name" and m.key and m.entry is not None}
    for m in head:
        if m.kind == "role" and m.office:
            # a bare title in a headline is the one body person who held that office then ("Japan's new premier")
            given = {x.key for x in idx.mentions if x.key and x.office == m.office}  # the text gives them that title
            holders = [k for k, e in body_people.items() if _held(e, m.office, m.office_country, on, idx.window)
                       and (m.office_org is not None or k in given
                            or not _only_in_an_organisation(e, m.office, on, idx.window))]
            if m.office_country is None and body and len(holders) == 1 and _titled_only_abroad(idx, m, holders[0], body):
                holders = []  # "Premier completes ..." over "Britain's prime minister": someone else
            m.key, m.entry = (holders[0], body_people[holders[0]]) if len(holders) == 1 else (None, None)
            bare = {x.key for x in idx.mentions if x.kind == "name" and x.key and x.entry is None
                    and x.office == m.office and x.office_country is None and _titled_with(m.text, [x], body)}
            if m.office_country is None and len(bare) == 1:
                # "Premier & OT Leaders Meet With Prime Minister" over "Premier David Burt ... British Prime
                # Minister Theresa May": the one the body titles bare, though the KB lacks him
                m.key, m.entry = next(iter(bare)), None
        if not m.key or m.kind == "pronoun":
            continue
        key, entry = m.key, m.entry
        if entry is None:
            owners = {key} & body_keys or by_surname.get(kb.loose_key(key.split()[-1]), set())
            if len(owners) != 1:
                continue
            key = next(iter(owners))
            entry = idx.entries.get(key)
        out.mentions.append(Mention(offset + m.start, offset + m.end, m.text, m.kind, key, entry, m.office,
                                    m.office_country, m.confidence))
        out.entries.setdefault(key, entry)
    # a word of one body person's name, written alone in the headline ("... meets Mutaqi")
    forms: dict[str, set[str]] = {}
    for key, written in {(m.key, m.text) for m in idx.mentions if m.kind == "name" and m.key}:
        for f in _short_forms(key) | _short_forms(kb.strip_honorifics(written)):
            if f.lower() not in _TITLE_WORDS and not kb.country_code(f) and kb.strip_honorifics(f).strip():
                forms.setdefault(kb.loose_key(f), set()).add(key)
    covered = [(m.start, m.end) for m in head if m.key]
    for w in re.finditer(r"(?<![\w’'-])[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+", title):
        s, e = _strip_possessive(title, w.start(), w.end())
        owners = forms.get(kb.loose_key(title[s:e]), set())
        if len(owners) == 1 and not any(a < e and s < b for a, b in covered) and not is_place(title[s:e]):
            key = next(iter(owners))
            out.mentions.append(Mention(offset + s, offset + e, title[s:e], "name", key, idx.entries.get(key),
                                        confidence=0.7))
    return out


def persons(
    idx: PeopleIndex, kb: KnowledgeBase, on: date | None, spans: Any, text: str = ""
) -> tuple[Person, ...]:
    """One Person record per resolved person, with role at the document's date and all mentions.

    ``spans(start, end)`` maps cleaned offsets to a raw-text Span.
    """
    out: list[Person] = []
    on = idx.reference_date(on)
    by_key: dict[str, list[Mention]] = {}
    for m in idx.mentions:
        if m.key and m.kind != "pronoun":
            by_key.setdefault(m.key, []).append(m)
    for key, ms in by_key.items():
        entry = idx.entries.get(key)
        hints = Counter(m.office for m in ms if m.office)
        hint = hints.most_common(1)[0][0] if hints else None
        role = country = wikidata = None
        if entry is not None:
            named = _office_named_beside(text, ms, entry) if on is None and hint is None and text else None
            office = named or kb.role_at(entry, on, hint)
            role = office.label if office else None
            if office is not None and on is not None and not office.held_on(on):
                role = f"{office.label} (former)"
            elif office is None and on is not None:
                past = kb.former_role(entry, on)
                role = f"{past.label} (former)" if past else None
            country = office.country if office else entry.country
            if country and "-" in country:
                country = country.split("-")[0]
            wikidata = entry.id
        else:
            cues = [(m.office, m.office_country) for m in ms if m.office]
            if cues:
                role = cues[0][0].replace("_", " ").title() if cues[0][0] else None
                country = cues[0][1]
            elif text:
                role, country = _text_role(text, ms, kb)
        out.append(Person(key, role, country, wikidata,
                          tuple(sorted((spans(m.start, m.end) for m in ms), key=lambda sp: sp.start))))
    return tuple(out)
