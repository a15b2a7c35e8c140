"""Meetings: who met whom (principals vs others present), when and where, with evidence.

A trigger sentence (met, received, hosted, held talks, in a meeting with, during his visit...)
names the principals: its subject (a pronoun subject is the topic person) and the people it
mentions outside quotes and outside attendance clauses. Triggers naming the same principals (or
only one principal of a known meeting) are one meeting; different principals are another.
Attendance clauses ("also attended by X", "X was also present", "accompanied by X") give the
others present.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .attribution import Topics, pronoun_person
from .dates import MONTHS, DateFound, find_date
from .lexicon import Lexicon
from .people import PeopleIndex, holds, of_country, office_fits
from .places import Gazetteer, PlaceFound, dateline, dateline_span, find_place
from .sentences import sentences
from .spans import Ranges, char_span, doc_text

# an earlier meeting told in passing ("their last meeting, in Minsk", "had met in Colonia in 2020")
_EARLIER = re.compile(
    r"\b(?:last|previously|earlier|had|already)\s+(?:\w+\s+)?(?:met|called on|visited|held talks|hosted|received)\b"
    # ("they first met in 2010", not "The King first received the credentials of A": the first of the day's)
    r"|\bfirst\s+(?:\w+\s+)?(?:met|called on|visited|held talks|hosted|received)\b(?=[^.;\n]*\b(?:19|20)\d\d\b)"
    # "... relations improved after Kim's recent summit with Xi": one before the one the story tells
    r"|\b(?:after|following|since)\s+(?:[\w-]+(?:’s|'s)\s+|(?:his|her|their|the)\s+)recent\s+(?:meeting|visit|talks|summit)\b"
    # "This visit followed discussions between A and B during the summit in July": talks before this visit
    r"|\bfollow(?:ed|s)\s+(?:the\s+|their\s+)?(?:discussions|talks|consultations|a\s+meeting|meetings)\s+(?:between|with)\b"
    r"|(?<!\bis the )(?<!\bis his )(?<!\bis her )(?<!\bhosts his )(?<!\bhosts her )(?<!\bmarks the )(?<!\bmarks his )"
    r"\b(?:last|previous|earlier|since\s+(?:their|his|her)\s+first)\s+(?:face-to-face\s+|in-person\s+|official\s+|bilateral\s+)?"
    r"(?:meeting|visit|talks|encounter|summit)\b"  # (not "This is the last official visit of his term": the final one)
    r"|\bmet\s+since\s+(?=\d|[A-Z])"  # (but "for their first bilateral meeting" is this one)
    r"|\bthe\s+last\s+time\s+(?:[\w-]+\s+){0,8}?met\b"  # "The last time the leaders of A and B met was in Vienna"
    r"|\b(?:their|his|her)\s+(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(?:meeting|visit|talks|summit)\b"  # "during their September meeting in Sofia"
    # "during a meeting with PM X in November last year", "a visit two years ago"
    r"|\b(?:meeting|visit|talks|summit)\b[^.;]{0,60}?\b(?:in\s+(?:(?-i:[A-Z][a-z]+)\s+)?last\s+year|(?:a|one|two|three|four|"
    r"five|several|\d+)\s+years?\s+ago)\b", re.I)
_PRESENT_PERFECT = re.compile(r"\b(?:has|have)\s+(?:just\s+)?(?:met|held|received|hosted|welcomed)\b")
# a sentence that opens in a past year tells an earlier meeting: "In 2017 and 2020, he held meetings with ..."
_OPENS_WITH_A_YEAR = re.compile(r"\s*(?:In|Back in|During|Since)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b")


def _in_a_past_year(text: str, s: int, published: date | None) -> bool:
    m = _OPENS_WITH_A_YEAR.match(text, s)
    return published is not None and m is not None and int(m.group(1)) < published.year


# one subject meeting several others, each on their own
_SEPARATE = re.compile(r"\b(?:separate(?:ly)?|respectively\s+with|(?<=met |ved |ted |med )respectively|bilateral\s+(?:meetings|talks)|one-on-one\s+meetings|(?:meetings|audiences)\s+with|"
                       r"(?:paid|pays|paying)\s+(?:courtesy\s+)?calls\s+on|(?:paid|pays|paying)\s+courtesy\s+visits\s+to)\b",
                       re.I)  # "paid courtesy calls on A and B": one each
# credentials are presented one envoy at a time: "received letters of credence from A, B and C"
# "Mr Rabuka held several bilateral meetings on the margins of the forum. He met A, B and C": the list
# that follows tells the meetings one by one
_SEPARATE_AHEAD = re.compile(r"\b(?:bilateral|separate|one-on-one|one-to-one)\s+(?:meetings|talks)\b|"
                             r"\bseries\s+of\s+(?:bilateral\s+)?(?:meetings|talks)\b"
                             r"|\bletters?\s+of\s+credence\b|\bcredentials\b", re.I)  # (envoys present one at a time)
_CREDENTIALS_PRESENTED = re.compile(r"\bpresent(?:ed|s|ing)\s+(?:his|her|their)\s+(?:letters?\s+of\s+credence|credentials)\b"
                                    r"(?![^.;]*\bto\b)")  # (not "presented their credentials to President X": named)
_CREDENTIALS = re.compile(r"\b(?:letters?\s+of\s+credence|credentials)\b", re.I)
_ENVOYS_LISTED = re.compile(r"\s*(?:They|Others|Those|The\s+(?:new\s+|other\s+)?(?:envoys|ambassadors|diplomats|heads\s+of\s+mission))"
                            r"\s+(?:were|are|include[sd]?|included)\b(?![^.;]{0,40}\bcommitted\b)")
_CREDENCE_FROM = re.compile(r"\b(?:received|receives|receiving|accepted|accepts|accepting)\s+(?:the\s+)?(?:letters?\s+of\s+credence|credentials)\s+"
                            r"(?:of|from)\b", re.I)
# a list's separators; a full stop after an initial or a title's abbreviation ("H.H. Sheikh",
# "Dr. Anwar", "Lt. Gen.") or inside a token ("Inc.com") separates nothing
_CLAUSE_END = re.compile(
    r"[,;!?:]|(?<![A-Z])(?<!\b(?:Dr|Mr|Ms|St|Lt|Jr|Sr|Hr|No))(?<!\b(?:Mrs|Gen|Col|Maj|Sgt|Rev|Hon|Sen|Rep|Gov|Amb))"
    r"(?<!\b(?:Prof|Capt|Engr))\.(?!\w)|\s(?:and|but|while)\s(?=[a-z])"
)
# a title in apposition: capitalised words and "of/the/and/for" only ("Member of the Executive Council")
_APPOSITIVE = re.compile(r"\s*(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*|of|the|and|for|to|in|on|at|&)(?:\s+(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*|of|the|and|for|to|in|on|at|&|"
                         r"former|acting|interim|outgoing|deputy|then)){0,11}\s*$")
# a title in lower case between two names of a list: "A, and the designated foreign minister, B"
# (and what it is of: "A, and the coordinator of the Communication and Citizenship Council from Nicaragua, B"; not
# whose it is: "the head of His Majesty's Household" may be anyone's, and its holder is left to the list's reader)
_A_TITLE = re.compile(r"\s*(?:and\s+)?(?:(?:the|his|her|their)\s+(?:[a-z][\w'’-]*\s+){0,4}[a-z][\w'’-]*"
                      # (or a bare office: "A, deputy defence minister, B, Saudi ambassador to the United States")
                      r"|(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]*\s+)?(?:[a-z][\w'’-]*\s+){0,3}(?:minister|ambassador|envoy|adviser|advisor|"
                      r"secretary|director|governor|spokes(?:man|woman|person)|chief|commander|president|chair(?:man|woman)?))"
                      r"(?:\s+(?:of|for|from|in|on|to|at|and|the|[A-ZÀ-ÖØ-ÞĀ-ſ][\w.-]*)){0,10}\s*$")
_THE_TWO = re.compile(r"\b(?:[Tt]he\s+(?:two|2)|[Bb]oth)\s+(?i:leaders|sides|presidents|prime\s+ministers|(?:foreign\s+)?ministers|"
                      r"heads\s+of\s+state|men|women|counterparts|chancellors|premiers|statesmen)\b|\b[Tt]he\s+(?:pair|duo)\b"
                      r"|\b[Tt]he\s+leaders\b(?!\s+of\b)|\b[Tt]he\s+leaders\s+of\s+both\b")  # ("the leaders of both territories")
_THEIR_TALKS = re.compile(r"\b(?:following|after|during|at|in)\s+their\s+(?:talks|meeting|discussions|consultations)\b", re.I)
# a time before the meeting just told: the pair's other, earlier encounter ("The day before, the two leaders met
# informally", "his meeting with Xi last night")
_DAY_BEFORE = re.compile(r"\b(?:the\s+(?:day|night|evening)\s+before|the\s+previous\s+(?:day|night|evening)|a\s+day\s+(?:earlier|before)"
                         r"|last\s+night|the\s+night\s+before)\b(?!\s+(?:the|his|her|their|a|an)\b)", re.I)
# a time of its own that names no day: the meeting takes no other sentence's date
_VAGUE_TIME = re.compile(r"\b(?:earlier|later)\s+this\s+(?:week|month|year)\b|\b(?:last|past|previous)\s+(?:week|month|year)\b"
                         r"|\brecently\b|\bin\s+recent\s+(?:days|weeks)\b", re.I)
# a possessive before a noun that is no meeting, visit or party to one: "Trump's interest", "Putin's war"
_POSSESSIVE_THEN = re.compile(r"(?:’s|'s|’|')\s+((?:[\w-]+\s+){0,2}[\w-]+)")
_PARTY_NOUNS = frozenset({"visit", "visits", "trip", "tour", "talks", "meeting", "meetings", "summit", "delegation", "arrival",
                          "invitation", "counterpart", "counterparts", "host", "hosts", "guest", "guests", "envoy", "audience",
                          "side", "team", "entourage", "office", "residence", "palace", "home", "house", "seat",
                          "headquarters", "request", "behalf"})  # (the one whose office, palace or invitation it is)


_BODY_AFTER = re.compile(r"(?:[A-Z][\w-]*\s+){0,3}(?:Armed\s+Forces|Forces|Army|Navy|Guard|Party|party|Government|"
                         r"government|Ministry|Cabinet|Administration|administration)\b")


def _possessor_only(text: str, end: int) -> bool:
    """Whether a name ending at ``end`` is only the owner of a thing ("Trump's interest in ...")."""
    m = _POSSESSIVE_THEN.match(text, end)
    if m is not None and _BODY_AFTER.match(text, m.start(1)):
        return True  # "the Sultan's Armed Forces", "Putin's United Russia party": a body of theirs
    if m is None or m.group(1)[:1].isupper():
        return False  # ("Xi's Australian counterpart", "Trump's Secretary of State")
    words = m.group(1).split()
    lower = words[: next((i for i, w in enumerate(words) if w[:1].isupper()), len(words))]
    return not any(w.lower() in _PARTY_NOUNS for w in lower)


_THE_MEETING = re.compile(r"\s*The\s+(?:meeting|talks|visit|audience)\b(?!\s+(?:with|between|of)\b)"
                          # "According to the sources, in the meeting held in Islamabad, ...": the meeting told last
                          r"|(?P<told>\s*(?:[^,.;]{1,40},\s*)?(?:[Ii]n|[Aa]t|[Dd]uring)\s+the\s+(?:meeting|talks|reception|audience),?\s+"
                          r"(?:held|(?:that|which)\s+took\s+place|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b)")
_THIS_MEETING = re.compile(r"\s*(?:(?:This|That|The)\s+(?:[\w-]+\s+){0,3}?|(?:This|That|It)\s+(?:is|was)\s+(?:the|a|an)\s+"
                           r"(?:[\w-]+\s+){0,6}?)(?:meeting|talks|audience)\b")
_PLURAL_MEETINGS = re.compile(r"\b(?:meetings|talks|audiences)\b", re.I)
# the day of the meeting told before ("Later, ...", "Earlier in the day, X called on Y": the same day)
_LATER = re.compile(r"\b(?:[Ll]ater(?:\s+(?:in|on|that)\s+the\s+(?:day|evening|afternoon))?|[Ll]ater\s+on|[Ll]ater\s+that\s+day|[Aa]fterwards|[Tt]he same day"
                    r"|[Ee]arlier\s+(?:in|on)\s+the\s+day|[Ee]arlier\s+that\s+day)\b")


# "The Georgian delegation includes A and B" opening its sentence (not "That delegation included ...": the one told)
_PARTY_OF_THE_VISIT = re.compile(r"\s*The\s+(?:[A-Z][\w’'-]*\s+){0,3}delegation\s+(?:includes|included|comprises|comprised|"
                                r"consists\s+of|consisted\s+of|is\s+composed\s+of|was\s+composed\s+of)\b")
_DISCUSSED = re.compile(r"\b(?:discussed|reviewed)\b")
_HELD_NEXT = re.compile(r"\s*(?:The|This)\s+(?:meeting|talks|discussions?)\s+(?:was\s+held|were\s+held|took\s+place|comes?\s+(?:after|as|amid|days?|weeks?|a\s+day)|came\s+(?:after|as|amid))\b")


@dataclass(slots=True)
class MeetingDraft:
    participants: list[str]
    evidence: tuple[int, int]
    sentences: list[tuple[int, int]] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)
    date: DateFound | None = None
    place: PlaceFound | None = None
    host: str | None = None
    visitor: str | None = None
    earlier: bool = False  # an earlier meeting mentioned in passing: its own entry, never merged into
    clause: tuple[int, int] | None = None  # the part of its evidence sentence that tells it, when the sentence tells two


def _inside(pos: int, ranges: Ranges) -> bool:
    return pos in ranges


def attendance_spans(
    text: str, sent: Any, lex: Lexicon, idx: PeopleIndex
) -> list[tuple[int, int]]:
    """Character ranges of a sentence that name people present but not principal.

    "attended by / in the presence of / accompanied by X": X's clause (through an appositive
    comma when the clause so far holds only a title: "the Ambassador ..., Abdullah ..."); "X also
    attended / was present": the attending verb's subject phrase.
    """
    s, e = sent.start_char, sent.end_char
    seg = text[s:e]
    low = seg.lower()
    if not lex.attendance_any.search(low):
        return []
    out: list[tuple[int, int]] = []
    for phrase in lex.attendance_after:
        for m in phrase.finditer(low):
            end = s + _list_end(seg, m.end(), s, idx)
            if bullets := _BULLET_LIST.match(text, s + m.end()):
                end = max(end, bullets.end())  # "The attendants of the call included:" and a list, an item a line
            last_comma = text.rfind(",", s, sent.root.idx)
            subject = [c.left_edge.idx for c in sent.root.children if c.dep_ == "nsubj" and c.i < sent.root.i
                       and s + m.end() < c.left_edge.idx < end and c.left_edge.idx > last_comma]  # (the clause's own)
            if subject:
                # "In the presence of Ambassador X, President Y welcomed Z": the list ends where the subject of the
                # sentence's verb begins
                end = text.rfind(",", s + m.end(), subject[0]) if "," in text[s + m.end() : subject[0]] else subject[0]
            host = _HOST_BEFORE_ASIDE.search(seg, 0, m.start())
            if host is not None and not idx.between(s + host.end(), s + m.start(), kinds=("name", "role")):
                # "X received at Sakhir Palace, in the presence of A, B, who ...": an aside between the verb and
                # the one received, who is named after the aside's first person
                first = idx.between(s + m.end(), end, kinds=("name", "role"))
                if first and (comma := text.find(",", first[0].end, end)) >= 0:
                    end = comma
            out.append((s + m.start(), end))
    for phrase in lex.attendance_before:
        for m in phrase.finditer(low):
            span = _subject_span(sent, s + m.start(), s + m.end())
            if span is None:
                start = max((c.end() for c in re.finditer(r"[,;:]", seg[: m.start()])), default=0)
                span = (s + start, s + m.end())
            out.append(span)
    holes = [(s + m.start(), s + m.end()) for rule in (_WHOSE_RULE, _WHOSE_PEOPLE) for m in rule.finditer(seg)]
    return [part for a, b in out for part in _without(a, b, holes)]


_BULLET_LIST = re.compile(r"[ \t]*:[ \t]*(?:\n[ \t]*)+(?:[•·▪◦‣*–-][ \t]+[^\n]+(?:\n[ \t]*)*)+")
_HOST_BEFORE_ASIDE = re.compile(r"\b(?:received|receives|hosted|hosts|welcomed|welcomes)\b(?=[^,;]*,\s*$)")
_ATTENDANCE_TO_COME = re.compile(r"\b(?:will|shall|is\s+to|are\s+to|is\s+expected\s+to|are\s+expected\s+to)\s+(?:also\s+)?"
                                 r"(?:be\s+(?:also\s+)?(?:attended|attending|joined|present|accompanied)|attend|join)\b")


# "two former ministers under the government of X": whose government they served, not who was there
_WHOSE_RULE = re.compile(r"\b(?:under|during|in)\s+the\s+(?:government|rule|presidency|administration|regime|reign|"
                         r"premiership)\s+of\s+[^,.;]*", re.I)
# "attended by the delegation accompanying the Representative of His Highness the Amir": whose delegation or
# representative, not one present ("The delegation accompanying President X includes A": A is)
_WHOSE_PEOPLE = re.compile(r"\b(?:delegations?|entourage|team)\s+accompanying\s+[^,.;]*?(?=\s+(?:includes?|included|comprises?|"
                           r"comprised|consists?|consisted|was|were|is|are)\b|[,.;]|$)"
                           r"|\b(?:envoy|emissary|representative)s?\s+of\s+(?:(?:His|Her)\s+(?:Royal\s+)?(?:Highness|Majesty|Excellency)\s+)?"
                           r"(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:president|king|amir|emir|sultan|monarch|leader|prime\s+minister)\b",
                           re.I)


def _without(a: int, b: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[a, b) with the holes cut out."""
    parts = [(a, b)]
    for h0, h1 in holes:  # each part keeps what lies before the hole and what lies after it
        parts = [p for x, y in parts for p in ((x, min(y, h0)), (max(x, h1), y)) if p[1] > p[0]]
    return parts


# a part of a list that opens with a verb is the sentence going on, not one more person
_VERB_FIRST = re.compile(r"\s*(?:(?:later|also|then|subsequently|first|earlier|separately|afterwards|previously)\s+)?"
                         r"(?:met|meets|held|holds|said|says|told|took|gave|made|was|were|is|are|has|have|had|"
                         r"discussed|received|visited)\b")


# a list's verb, right after its last name: the list ended (a copula, "were", may open the list instead)
_ACTION_FIRST = re.compile(r"\s*(?:(?:later|also|then|subsequently|jointly|together)\s+)?"
                           r"(?:met|meets|held|holds|received|receives|welcomed|welcomes|hosted|hosts|visited|visits|"
                           r"discussed|discusses|said|says|told|signed|signs)\b")


_SAID_PART = re.compile(r"\s*(?:and\s+)?(?:[a-z]+\s+){0,2}(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]+\s+){1,3}(?:said|says|told|added|noted)\b")


_MEETING_VERB_INSIDE = re.compile(r"\b(?:met|meets|received|receives|held|holds|hosted|hosts|called\s+on|visited)\b")


def _list_end(seg: str, pos: int, s: int, idx: PeopleIndex) -> int:
    """Where the people named after an attendance phrase end: a list runs on over commas,
    semicolons and "and" while each part names someone ("accompanied by Minister A, Minister B
    and Ambassador C, while ..."); a part that names no one, "but"/"while" or the sentence end
    close it. A part with only a title before its name ("the Ambassador ..., Abdullah") runs on."""
    start = pos
    named_any = False
    bounds = list(_CLAUSE_END.finditer(seg, pos))
    for n, b in enumerate(bounds):
        if (named_any or start > pos) and (_VERB_FIRST.match(seg, start, b.start()) or _SAID_PART.match(seg, start, b.start())):
            # ("accompanied by A and B, Diko said": who said it is no one of the list)
            # "and with him a member, Othman Mujalli, met with President Xi", "together with leaders of
            # other territories, held a meeting with X": the list ended, the sentence goes on
            return start
        piece = idx.between(s + start, s + b.start(), kinds=("name", "role"))
        word = b.group(0).strip()
        if named_any and (verb := _MEETING_VERB_INSIDE.search(seg, start, b.start())) and (
                not piece or piece[0].start - s > verb.start()):
            # "together with A, Minister of Defence, and B, Director of the Intelligence Organization met with C, ...":
            # the list ended at the sentence's verb
            return verb.start()
        if named_any and not seg[start : b.start()].strip() and word in ("and", ","):
            start = b.end()  # "A, and the designated foreign minister, B": nothing between the comma and "and"
            continue
        if piece and _ACTION_FIRST.match(seg, piece[-1].end - s, b.start()):
            return piece[-1].end - s  # "together with members A, B and C received today the envoy": the list's verb
            # (not "together with the Senior General were A, B ...": the list is after the copula)
        if piece:
            named_any = True
        elif named_any and (_APPOSITIVE.match(seg, start, b.start()) or _A_TITLE.match(seg, start, b.start())) \
                and word in (",", ";") and _names_after_titles(seg, s, bounds, n, idx):
            start = b.end()  # "A, Member of the Executive Council; B, ...": a title between two names
            continue  # ("A, Minister of Economy, Trade and Industry; B, ...": a title with commas of its own)
        elif named_any:
            return start if start > pos else b.start()
        if word in (".", "!", "?", "but", "while") or (word == ":" and named_any):
            return b.start()
        if not piece and not named_any and re.match(r",\s+(?:who|which|whose|where)\b", seg[b.start():]):
            return b.start()
        start = b.end()
    if named_any and not idx.between(s + start, s + len(seg), kinds=("name", "role")):
        return start
    return len(seg)


def _antecedent_in_sentence(verb: Any, idx: PeopleIndex) -> str | None:
    """The person a relative clause's pronoun subject stands for: the named subject of the clause it
    hangs on ("He said that Fernández arrived at the ranch, where he shared a lunch with X": Fernández)."""
    if verb.dep_ != "relcl":
        return None
    up = verb.head
    for _ in range(4):
        if up.pos_ in ("VERB", "AUX"):
            subj = [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")]
            named = [m.key for c in subj for m in idx.between(*char_span(c.subtree), kinds=("name", "role")) if m.key]
            return named[0] if named else None
        if up.head.i == up.i:
            return None
        up = up.head
    return None


_WITH = re.compile(r"\bwith\b")


_CREDENTIALS_TO = re.compile(r"\b(?:credentials|letters?\s+of\s+credence)\s+to\b")
_AGENTLESS_MEETING = re.compile(r"\s*(?:At|During|In)\s+(?:the|a)\s+(?:[\w-]+\s+)?(?:meeting|talks|audience)\s+with\b")
_CALLED_ON = re.compile(r"\bcall(?:s|ed)?\s+on\b(?=\s*$)")


def _one_met_by_all(text: str, s: int, trigger_end: int, e: int, principals: list[str], idx: PeopleIndex,
                    quoted: Ranges) -> str | None:
    """The one person "separate meetings ... with X" names after the trigger when the others are the
    sentence's subjects ("A and his deputies, B and C, held separate meetings on Sunday with X"); else None."""
    # (or the one envoys present their credentials to: "A, as well as B, presented their credentials to X")
    # (or the one they "called on": "A and B separately called on the visiting leader")
    with_at = _WITH.search(text, trigger_end, e) or _CREDENTIALS_TO.search(text, s, e) or _CALLED_ON.search(text, s, trigger_end)
    if with_at is None or re.search(r"\b(?:and|as well as)\b", text[with_at.end() : e].split(",", 1)[0]):
        return None
    after = [m.key for m in idx.between(with_at.end(), e, kinds=("name", "role")) if m.key and not _inside(m.start, quoted)]
    first_after = after[0] if after else None
    before = {m.key for m in idx.between(s, with_at.start(), kinds=("name", "role")) if m.key} & set(principals)
    return first_after if first_after in principals and first_after != principals[0] and len(before) >= 2 else None


def _names_after_titles(seg: str, s: int, bounds: list[Any], n: int, idx: PeopleIndex) -> bool:
    """Whether one of the next three parts of a list names someone, over parts that are titles only."""
    for k in range(n + 1, min(n + 5, len(bounds))):
        a, b = bounds[k - 1].end(), bounds[k].start()
        if not seg[a:b].strip():
            continue  # (", and the ambassador, B": nothing between the comma and "and")
        if idx.between(s + a, s + b, kinds=("name", "role")):
            return True
        if not (_APPOSITIVE.match(seg, a, b) or _A_TITLE.match(seg, a, b)):
            return False
    return False


def _subject_span(sent: Any, start: int, end: int) -> tuple[int, int] | None:
    """The subject phrase of the verb inside ``start:end`` ("Wang Yi, a member of ..., attended")."""
    for tok in sent:
        if start <= tok.idx < end and tok.pos_ in ("VERB", "AUX"):
            head = tok
            for _ in range(3):
                subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj and subj[0].lower_ in ("who", "that", "which") and head.dep_ == "relcl":
                    # "Fuad Hussein, who attended the talks": the clause's antecedent
                    ante = [t for t in head.head.subtree if t.i < subj[0].i]
                    if ante:
                        return char_span(ante)
                if subj:
                    return char_span(subj[0].subtree)
                if head.head.i == head.i:
                    break
                head = head.head
    return None


# the titles a sender is named after ("his counterpart, X"), and a name of up to six words set after one
_SENDER_TITLES = r"counterpart|president|leader|king|emir|monarch|sultan|prime minister|head of state|head of government"
_NAME_AFTER = r"(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*\s+){0,4}[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*(?=[,.;]|$)"
# clauses that name people who are not principals: relative clauses and message senders
_NOT_PRINCIPAL = re.compile(
    r",\s+whose\s+[a-z]+(?:\s+[a-z]+)?,\s+[^,.;]*"
    # (with the name set beside a title it ends on: "X, who delivered a message from the Congolese Head of State,
    # Denis Sassou Nguesso": the sender)
    r"|,\s+(?:who|whose)\b(?:[^,.;]*?(?:" + _SENDER_TITLES + r"),\s+" + _NAME_AFTER + r"|[^,.;]*)"
    # "visiting the mausoleum of the first President, X": the one a place is of (the dead, the honoured)
    r"|\b(?:mausoleum|tomb|grave|memorial|monument|statue|shrine|museum|birthplace|bust|cemetery)\s+of\s+[^,.;]*"
    r"(?:,\s+" + _NAME_AFTER + r")?"
    # "met with members of the Trump administration": a name that only says whose government
    r"|\b[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?=\s+(?:administration|government|cabinet|camp|era)\b)"
    # "the message of his counterpart and brother, Pierre Nkurunziza": the sender, named after his title
    r"|\b(?:message|letter|greetings|congratulations|condolences)s?\s+(?:from|of)\s+[^,.;]*?(?:brother|"
    + _SENDER_TITLES + r"),\s+" + _NAME_AFTER
    + r"|\b(?:message|letter|greetings|invitation|congratulations|condolences)s?(?!\s+of\s+credence)\s+"
    r"(?:from|of|to)\s+[^,.;]*"
    # ("an invitation to his Indian counterpart, Narendra Modi, for an official visit": the one invited, named after)
    r"(?:(?<=counterpart),\s+" + _NAME_AFTER + r")?|\bon behalf of\s+[^,.;]*|\bsent by\s+[^,.;]*"
    # "his visit was under the instructions of General Secretary X": the one who sent him, away
    r"|\b(?:under|on|upon|at)\s+the\s+(?:instructions?|directions?|directives?|orders?|guidance|behest|mandate)\s+of\s+[^,.;]*"
    # "Representing His Highness the Amir X, the Prime Minister Y received Z": the one represented is away
    # (an aside before its comma: not "a delegation representing the Shura Council headed by X")
    r"|(?<!delegation\s)\b(?:representing|deputi[sz]ing\s+for|standing\s+in\s+for)\s+[^,.;]*(?=,)"
    # "According to spokesperson X, A met with B": who tells of the meeting
    r"|\baccording\s+to\s+[^,.;]*"
    # "X's visit comes after reports that President Y had criticised the plan": whom a report tells of
    r"|\b(?:media\s+|press\s+|news\s+)?reports?\s+(?:that|stating|saying|claiming)\b[^.;]*"
    # "Five envoys presented their credentials to X, with Minister Y saying the move strengthens ties": who comments
    r"|,\s+with\s+(?:[\w’'.-]+\s+){1,8}?(?:saying|noting|adding|stressing|telling|describing|calling)\b[^.;]*"
    # "Johnson's visit followed trips to Kyiv by A and B on Friday and the visit of C": other visitors, before him
    r"|\b(?:followed|follows|preceded|precedes)\s+(?:(?:the|a|an|recent|earlier)\s+)*(?:trips?|visits?)\s+(?:to|by|of)\b[^.;]*"
    # "received a special envoy from his Senegalese counterpart, President Macky Sall": the sender (with the
    # name set beside a person word), not the envoy ("an envoy from Russia, Mikhail Bogdanov" is the envoy)
    r"|\b(?:envoy|emissary|delegation)s?\s+from\s+[^,.;]*?(?:counterpart|president|leader|king|emir|monarch|"
    r"sultan|prime minister)(?:,\s+" + _NAME_AFTER + r")?"
    # "Cheikh Kanté, Minister of State, special envoy of the Senegalese President, Macky Sall": an envoy
    # named before (an apposition) of a leader named after
    r"|,\s+(?:[\w-]+\s+){0,2}(?:envoy|emissary)\s+of\s+[^,.;]*?(?:counterpart|president|leader|king|emir|monarch|"
    r"sultan|prime minister)(?:,\s+" + _NAME_AFTER + r")?"
    # "welcomed envoy of Syrian President Bashar al-Assad, Minister X": the sender, named right after his title
    # ("Abbas Jrari, advisor of King Muhammad VI of Morocco, who conveyed ...": whose adviser)
    r"|\b(?:envoy|emissary|advis[eo]r|aide)s?\s+(?:of|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:counterpart|president|leader|king|emir|monarch|"
    r"sultan|prime minister)\s+(?-i:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*(?:\s+(?:(?:al|el|bin|ibn|de|da|van|von|der)[\s-])?"
    r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*)*)(?:\s+of\s+[A-ZÀ-ÖØ-ÞĀ-ſ][^,.;]*)?"
    # "and the Special Envoy of Japanese Prime Minister, Shinzo Abe": the sender, a nationality's title set beside
    # his name (not "envoy of the President, Foreign Minister X": the envoy, titled)
    r"|\b(?:envoy|emissary)s?\s+of\s+(?:the\s+)?(?-i:[A-ZÀ-ÖØ-ÞĀ-ſ][\w-]+)\s+(?:president|leader|king|emir|monarch|sultan|"
    r"prime minister),\s+(?!(?:Minister|Foreign|Ambassador|Special|Senator|General|Dr|Mr|Mrs|Ms|Hon|His|Her)\b)"
    r"(?-i:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*){0,3})(?=[,.;]|$)"
    # "met members of the delegation of the special envoy of the south Korean president who arrived": the sender,
    # by title alone
    r"|\b(?:envoy|emissary)s?\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:president|leader|king|emir|monarch|sultan|"
    r"prime minister)\b(?!\s*,)"
    # "Roger Carstens, the American President's Special Envoy": whose envoy
    r"|\b(?:the\s+)?(?:[\w-]+\s+){0,2}(?:president|leader|king|emir|monarch|sultan|prime minister)[’']s\s+"
    r"(?:[\w-]+\s+){0,3}?(?:envoy|emissary|representative|advis[eo]r|aide)s?\b"
    r"|\b(?:his|her)\s+(?:wife|husband|spouse)\s*,?\s+(?:(?:Dr|Mrs|Mr|Ms)\.?\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*){0,3}"
    r"|,\s+the\s+(?:son|daughter|brother|sister|nephew|niece|grandson|father|mother|cousin|widow)\s+of\s+[^,.;]*,",  # "X, the son of the Saudi monarch,"
    re.I,
)


def find_meetings(
    text: str,
    doc: Any,
    idx: PeopleIndex,
    tops: Topics,
    lex: Lexicon,
    quoted: Ranges,
    published: date | None,
    gaz: Gazetteer,
    kb: Any,
    spun: bool = False,
) -> list[MeetingDraft]:
    trigger_re = lex.spun_meeting_re if spun else lex.meeting_re
    drafts: list[MeetingDraft] = []
    pending_attendees: list[tuple[int, list[str]]] = []
    before: list[tuple[int, int]] = []  # the spans of the sentences read so far
    greeted = False  # the sentence before told a greeting on arrival, no meeting
    told_last: MeetingDraft | None = None  # the meeting the last sentence with a trigger told
    credence: tuple[str, tuple[int, int], int] | None = None  # who received credentials "from N envoys", where, when
    for sent in sentences(doc):
        s, e = sent.start_char, sent.end_char
        before.append((s, e))
        named: list[tuple[int, int]] = []
        if in_caption(text, s, e):
            continue
        if credence is not None and len(before) - credence[2] <= 3 and _ENVOYS_LISTED.match(text, s, e):
            # "X received credentials from 11 envoys ... They were A of Korea, B of Burundi ...": one meeting each
            receiver, where, _ = credence
            for key in dict.fromkeys(m.key for m in idx.between(s, e, kinds=("name",)) if m.key and m.key != receiver
                                     and not _inside(m.start, quoted)):
                drafts.append(MeetingDraft([receiver, key], (s, e), sentences=[where]))
            continue
        if (told_from := _CREDENCE_FROM.search(text, s, e)) and (
                given := [m.key for m in idx.between(s, told_from.start(), kinds=("name", "role")) if m.key]):
            credence = (given[-1], (s, e), len(before))
        # quoted speech is left out of the sentence's reading, but for a quoted statement that tells "a
        # meeting between A and B", naming both (a press service's message)
        matches = list(trigger_re.finditer(text, s, e))
        told = any(_inside(m.start(), quoted) and _between_both(sent, m.start(), idx) for m in matches)
        sq = _NO_QUOTES if told else quoted
        if not told and _inside(s, quoted) and _inside(e - 1, quoted):
            continue
        att = attendance_spans(text, sent, lex, idx)
        aside = [(s + m.start(), s + m.end()) for m in _NOT_PRINCIPAL.finditer(text[s:e])]
        reach = max([e, *(b for _, b in att)])  # (a list of items, a line each, may run past the sentence)
        present = [m.key for m in idx.between(s, reach, kinds=("name", "role")) if any(a <= m.start < b for a, b in att)]
        if _ATTENDANCE_TO_COME.search(text, s, e):
            present = []  # "The meeting will also be attended by A and B": who is to come was not there
        trig = [m for m in matches if not _inside(m.start(), sq)]
        # "the visiting US delegation ... will hold talks": an adjective, no trigger; the sentence's verb tells
        # ("Visiting UN Secretary-General X on Friday had a meeting with Y": the parse may take it for a verb)
        trig = [m for m in trig if not ((t := _token_at(sent, m.start())) is not None and t.lower_ == "visiting"
                                        and (t.dep_ in ("amod", "compound") or (
                                            t.i == sent.start and t.i + 1 < sent.end and t.nbor(1).pos_ == "PROPN"
                                            and any(c.dep_ in ("nsubj", "csubj") and c.i == t.i for c in t.head.children))))]
        call = lex.phone_re.search(text, s, e)
        if call is not None:
            # a call is not a meeting (coded as a CONSULT statement by telephone); a meeting told before a
            # call mentioned in another clause stays ("concluded a meeting with X, building on a phone call ...")
            trig = [m for m in trig if m.end() <= call.start() and "," in text[m.end() : call.start()]
                    and call.start() - m.end() > 40]
        if not trig and (talked := _DISCUSSED.search(text, s, e)) and _HELD_NEXT.match(text, e) \
                and not _inside(talked.start(), sq):
            trig = [talked]  # "A and B discussed X. The meeting was held in Yerevan": the next sentence says they met
        if not trig and not present:
            greeted = False
            continue
        names = [
            m.key for m in idx.between(s, e, kinds=("name", "role"))
            if not _inside(m.start, sq) and not any(a <= m.start < b for a, b in att)
            and not any(a <= m.start < b for a, b in aside)
        ]
        subj, _ = tops.at(s)
        principals: list[str] = []
        readings: list[list[str] | None] = []
        was_greeted, greeted = greeted, False
        extra: list[tuple[list[str], int]] = []  # "X met A on Tuesday, hours after holding talks with B": X and B met too
        if trig:
            def read(t: re.Match[str], sent: Any = sent, sq: Ranges = sq, present: list[str | None] = present,
                     att: list[tuple[int, int]] = att, aside: list[tuple[int, int]] = aside) -> list[str] | None:
                own_aside = [a for a in aside if not a[0] <= t.start() < a[1]]  # (not the aside the trigger is in: "X, who last met Y ...")
                return _principals_of_trigger(sent, t.start(), idx, tops, sq, present, att + own_aside)

            for n, t in enumerate(trig):
                argued = read(t)
                readings.append(argued)
                if argued is None:
                    # a clause the parse does not show ("since X terminated accession talks with the EU"), then
                    # one that names two: "..., where he met with A today and B yesterday"
                    ahead: list[list[str] | None] = []
                    for nxt in trig[n + 1 :]:
                        ahead.append(read(nxt))
                        if ahead[-1] is None or len(ahead[-1] or []) >= 2:
                            break
                    if ahead and ahead[-1] is not None and len(ahead[-1]) >= 2:
                        readings += ahead
                if argued is None or len(argued) >= 2:
                    break
            greeted = all(r is _NO_MEETING for r in readings) and any(_greeting_on_arrival(sent, t.start()) for t in trig)
            if readings[-1] is not None and len(readings[-1]) >= 2:
                principals = readings[-1]
                extra = _another_clause(sent, trig[len(readings) :], trig[len(readings) - 1].end(), principals, idx,
                                        tops, sq, present, att + aside)
                moved = {k for pair, _ in extra if pair[0] != principals[0] for k in pair[1:]}
                if moved and len([p for p in principals if p not in moved]) >= 2:
                    principals = [p for p in principals if p not in moved]  # (they met the one of the relative clause)
            elif any(r is _NO_MEETING for r in readings) and all(
                    r is _NO_MEETING or r is None or (r == [] and (
                        _in_relative_clause(sent, t.start()) or _inside_planned(sent, t.start(), trig, readings)))
                    for t, r in zip(trig, readings, strict=False)):
                # planned, negated, greeted on arrival ... and the sentence's other triggers show no clause of their
                # own ("expected bilateral talks with X on the sidelines of the Asia-Europe Meeting") or one that
                # names no one ("will also meet X, who started a two-day visit on Tuesday")
                pass  # planned, negated, greeted on arrival, "during the meeting": no meeting of its own here
            elif drafts and _THE_TWO.search(text, s, e) and not any(readings):
                pass  # "Peskov said the talks between the two presidents were constructive": the pair told before
            elif (len({r[0] for r in readings if r and len(r) == 1}) >= 2 and all(len(r) <= 1 for r in readings if r)
                  and all(any(m.key == r[0] and m.start > t.start() for m in idx.between(t.start(), e, kinds=("name", "role")))
                          for t, r in zip(trig, readings, strict=False) if r)):
                # "A delegation from ECOWAS met X and held talks with Y": each clause's one person met the
                # (unnamed) subject, not each other
                pass
            else:
                # the trigger whose clause names someone, else the last read
                main_at = next((t.start() for t, r in zip(trig, readings, strict=False) if r and r is not _NO_MEETING),
                               trig[len(readings) - 1].start())
                # no one of a clause of time the trigger is not in ("the first leader to visit Laos since PM X took office")
                away = _absent(sent)
                when = _time_clauses(sent, main_at) + _events_followed(sent, main_at) + away + _trailing_source(text, s, e)
                # nor of an aside the trigger is not in ("met an emissary of American President X": the sender)
                when += [a for a in aside if not a[0] <= main_at < a[1]]
                # nor of a visit or meeting to come that the sentence also names ("his talks with his French
                # counterpart focused on ... the upcoming visit of French President Emmanuel Macron")
                when += [char_span(tok.subtree) for t, r in zip(trig, readings, strict=False) if r is _NO_MEETING
                         and (tok := _token_at(sent, t.start())) is not None and tok.pos_ == "NOUN"
                         and any(c.dep_ == "amod" and c.lower_ in _TO_BE_ADJ for c in tok.children)]
                # nor of a clause telling a meeting to come ("X is visiting Ottawa today to meet with Y")
                when += [char_span(tok.subtree) for t, r in zip(trig, readings, strict=False) if r is _NO_MEETING
                         and (tok := _token_at(sent, t.start())) is not None and tok.pos_ == "VERB"
                         and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)]
                # nor of a clause of its own in the future ("arrived on a State visit during which he will meet X")
                when += [char_span(t.subtree) for t in sent if t.pos_ in ("VERB", "AUX") and t.dep_ != "ROOT"
                         and any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in t.children)]
                if readings[-1]:  # the clause names one: no one of a relative clause ("artists who performed X")
                    when += _relative_clauses(sent, trig[len(readings) - 1].start())
                # (not the one who says it: "He also said that the recent visit paid by X to Morocco touched on ...")
                reported = _reported(sent, main_at)
                said = _said_apart(sent, main_at) if reported is None else []
                when += said  # nor of what someone says outside the trigger's clause ("Welcoming his guest, A said
                # that ties grew at B's meeting with C")
                names = _fallback_names(names, idx.between(s, e, kinds=("name", "role")), text, when, reported)
                if _root_to_come(sent, main_at):
                    names = []  # "X, who is on a state visit to Y, will also discuss ... with Z": a meeting to come
                subj_told = [m for m in idx.between(s, e, kinds=("name", "role")) if m.key == subj]
                if subj_told and all(any(a <= m.start < b for a, b in away + said) for m in subj_told):
                    subj = None  # ("..., as are Princess Leonor and Infanta Sofía": the subject of an aside; "X
                    # intimated that President Y ensured the trip": the subject of what is said)
                for k in ([subj] if subj and reported is None else []) + names:
                    if k and k not in principals and k not in present:
                        principals.append(k)
        if trig and len(principals) == 1 and readings and readings[-1] is not _NO_MEETING and readings[-1] in ([], principals):
            leaders = _delegation_heads(sent, trig[len(readings) - 1].start(), kb, drafts, idx)
            if leaders and not set(leaders) & set(principals):
                principals = [*leaders, *principals]  # the delegation's leaders met the one named
        if (trig and len(principals) == 1 and readings and readings[-1] in ([], principals) and readings[-1] is not _NO_MEETING
                and _AGENTLESS_MEETING.match(text, s) and drafts
                and not drafts[-1].earlier and principals[0] not in drafts[-1].participants):
            # "On July 2 he received A ... At the meeting with the Malaysian Ambassador B it was concluded ...": the
            # series' host, who received the one before, met B (the clause names no one who met him)
            principals = [drafts[-1].participants[0], *principals]
        if (trig and len(principals) == 1 and readings and readings[-1] == principals
                and _A_DELEGATION.search(text, trig[0].start(), e)):
            # "X has met a delegation of IGAD ... The IGAD delegation was led by Y": X met Y ("received a
            # delegation for a meeting": from the sentence's first trigger)
            leader = _delegation_leader_after(text, trig[0].start(), e, idx, sq)
            if leader and leader not in principals:
                principals = [*principals, leader]
        if (trig and len(principals) == 1 and readings and readings[-1] == principals
                and _AN_ENVOY.search(text, trig[0].start(), e)):
            # "X received a special envoy from his counterpart Y. Foreign Minister Z delivered a message to X":
            # X met the envoy the next sentences name
            envoy = _envoy_named_after(text, s, e, idx, sq)
            if envoy and envoy not in principals:
                principals = [*principals, envoy]
        if (trig and len(principals) < 2 and not drafts and (_THE_TWO.search(text, s, e) or _THEIR_TALKS.search(text, s, e))
                and not all(r is _NO_MEETING for r in readings)):
            # "Modi arrived ... to meet Lula. The two leaders held a meeting": the two people just named
            # ("A and B on Thursday discussed ... At a briefing after their talks in Rabat, A said": the same)
            pair, spans = _pair_before(before[-3:-1], idx, sq), before[-3:-1]
            if (pair is None and not principals and _THE_TWO.search(text, s, e) and not any(r is _NO_MEETING for r in readings)
                    and not any(lex.phone_re.search(text, a, b) for a, b in before[-5:-1])):
                # "Farmajo ... received the visiting president at the airport. During his visit, President Guelleh
                # ... The two leaders are holding talks": the two heads of the sentences before, a deputy aside
                pair, spans = _pair_before(before[-5:-1], idx, sq, heads=lambda k: _is_head(kb, k, None, acting=False)), before[-5:-1]
            if pair and (not principals or principals[0] in pair):
                principals = pair
                named = spans  # where they were named tells the meeting's date and place too
        if trig and not principals and not all(r is _NO_MEETING for r in readings):
            # "The prime ministers of Latvia and Estonia met in Riga": the holders the text names elsewhere
            principals = _holders_of_plural_title(text, s, e, idx, kb) or principals
        if trig and not principals and not all(r is _NO_MEETING for r in readings) and (
                count := _THE_N_LEADERS.search(text, s, e)):
            # "The three Baltic presidents spoke ... at their annual meeting. A, B and C each stressed ...":
            # the three the next sentence (else the one before) names
            principals = _n_named_beside(text, e, before[-2:-1], _NUMBERS[count.group(1).lower()], idx, sq)
        if (trig and len(principals) == 2 and readings and readings[-1] == principals
                and _HIS_COUNTERPARTS.search(text, trig[len(readings) - 1].end(), e)
                and _unnamed_subject(sent, trig[len(readings) - 1].start(), principals, idx)):
            # "The president held bilateral talks with his counterparts in A, X, and B, Y": each met the
            # president, whom the sentence does not name; not each other
            principals = []
        target: MeetingDraft | None = None
        if (trig and len(principals) >= 3 and not _SEPARATE.search(text, s, e) and subj and subj not in present
                and principals[0] != subj and _one_by_one([subj, *principals], text, s, e, kb, idx)):
            principals = [subj, *[p for p in principals if p != subj]]  # "He conferred with A, B, C and D"
        presented = bool(trig) and bool(principals) and bool(_CREDENTIALS_PRESENTED.search(text, s, e))
        if presented and (host := tops.before(s)) and host not in principals and host not in present:
            # "X received credentials from six ambassadors. The ambassadors who presented their credentials
            # include A, B and C": each presented to the one who received them, told just before
            principals = [host, *principals]
        else:
            presented = False
        if (trig and len(principals) >= 2 and not presented and _CREDENTIALS.search(text, s, e)
                and all(_an_envoy(p, idx) for p in principals)):
            principals = []  # "Presenting their letters of credence was A, Ambassador of X, and B, High Commissioner of
            # Y": envoys presenting credentials to a host the sentence leaves unnamed, not meeting each other
        if trig and len(principals) >= 3 and (presented or _SEPARATE.search(text, s, e) or _separate_before(text, before, s, e)
                                              or _separately_next(text, e)
                                              or _days_apart(text, trig[len(readings) - 1].end(), e)
                                              or (principals[0] == subj and (_CREDENCE_FROM.search(text, s, e)
                                                                             or _one_by_one(principals, text, s, e, kb, idx))
                                                  and not _named_before(principals[1:], idx, s, trig[len(readings) - 1].start()))):
            # "held bilateral meetings with A, B and C" / "met A and B separately": one meeting each; "A and his
            # deputies, B and C, held separate meetings with D": each of them with D
            hub = _one_met_by_all(text, s, trig[len(readings) - 1].end(), e, principals, idx, sq)
            for other in [p for p in principals if p != hub] if hub else principals[1:]:
                pair = [hub or principals[0], other]
                draft = next((d for d in drafts if set(d.participants) == set(pair)), None)
                if draft is None:
                    draft = MeetingDraft(pair, (s, e))
                    drafts.append(draft)
                    if _days_apart(text, trig[len(readings) - 1].end(), e):
                        draft.place = _place_of_part(text, s, e, other, principals, idx, gaz, kb, lex, sq)
                draft.sentences.append((s, e))
                for p in present:
                    if p and p not in draft.participants and p not in draft.attendees:
                        draft.attendees.append(p)
            continue
        if trig and len(principals) == 1 and not all(r is _NO_MEETING for r in readings):
            # "held bilateral meetings with his counterparts from France, Turkey and Austria": one
            # meeting with each country's one person of the text, named here or later
            for other in _counterparts_from(text, s, e, idx, kb, principals[0]):
                pair = [principals[0], other]
                draft = next((d for d in drafts if set(d.participants) == set(pair)), None)
                if draft is None:
                    drafts.append(MeetingDraft(pair, (s, e)))
                else:
                    draft.sentences.append((s, e))
        if len(principals) >= 2 and (
                joined := _besides_meeting(text, s, e, principals, drafts, idx)) is not None and subj not in joined.participants:
            # "Besides President X, A, B and C welcomed Y to the castle": X's meeting with Y, the others at it
            for p in principals:
                if p not in joined.participants and p not in joined.attendees:
                    joined.attendees.append(p)
            joined.sentences.append((s, e))
            continue
        if len(principals) >= 2:
            told_before = bool(_EARLIER.search(text, s, e)) or _in_a_past_year(text, s, published)
            target = None if told_before else next(
                (d for d in drafts if set(d.participants) == set(principals) and not d.earlier), None)
            if target is None and not told_before and _THIS_MEETING.match(text, s):
                # "This is the first public meeting held between the king and the Prime Minister": the meeting
                # told before, of which they were two
                target = next((d for d in reversed(drafts) if not d.earlier and set(principals) < set(d.participants)), None)
            if target is None:
                target = MeetingDraft(principals, (s, e), earlier=told_before)
                drafts.append(target)
                target.sentences.extend(named)
        elif principals:
            target = next((d for d in reversed(drafts) if principals[0] in d.participants and not d.earlier), None)
            if target is not None and trig and _MET_SEPARATELY.search(text, s, e):
                # "the leader met separately with the foreign dignitaries on Tuesday": each meeting of the list
                # told before (one sentence, one at a time) is told again here, its day and place too
                for d in drafts:
                    if d is not target and not d.earlier and d.evidence == target.evidence and principals[0] in d.participants:
                        d.sentences.append((s, e))
        elif present and drafts and not (was_greeted and not trig):
            target = told_last or drafts[-1]  # "X also took part in the meeting": the meeting the text just told
            if not trig and _PARTY_OF_THE_VISIT.match(text, s):
                # "The Georgian delegation includes A, B and C": the visiting party, at the visit's first meeting
                target = next((d for d in drafts if not d.earlier), target)
        elif (trig and _THE_TWO.match(text, s, e) and not all(r is _NO_MEETING for r in readings)
              and (pair := _two_just_named(before, idx, sq)) is not None
              and not any(set(d.participants) == set(pair) for d in drafts)):
            # "X attended Y's swearing-in ceremony on Sunday. The two leaders then held talks": the two the
            # sentence before named, whom no meeting told yet (the sentence's subject: not "the meeting is to ease
            # tensions between the two presidents", the pair of the story)
            target = MeetingDraft(pair, (s, e))
            drafts.append(target)
        elif trig and drafts and _THE_TWO.search(text, s, e) and not all(r is _NO_MEETING for r in readings):
            # "The two leaders met on Thursday over lunch": the pair of the meeting told last
            target = next((d for d in reversed(drafts) if not d.earlier and len(d.participants) == 2), None)
        elif trig and drafts and (the := _THE_MEETING.match(text, s)) and (
                the.group("told") or not all(r is _NO_MEETING for r in readings)):
            # "The meeting, which was held on Thursday in Washington, ...": the meeting told last (and "in the
            # meeting held in X", which the parse reads as no new meeting: the one told)
            target = next((d for d in reversed(drafts) if not d.earlier), None)
        if target is None:
            if present and not (was_greeted and not trig) and not (names and _CREDENTIALS.search(text, s, e)):
                # ("... were present on the occasion" of a greeting; "X was presented with the credentials of seven
                # ambassadors in the presence of Y": a ceremony of its own, its envoys unnamed)
                pending_attendees.append((s, [p for p in present if p]))  # attendance before the trigger
            continue
        # another day's meeting of the pair only when the clause names whom it met ("his meeting with Xi last
        # night", "the two leaders"), not "his delegation's visit to Queenstown the previous day" (a place)
        at = trig[len(readings) - 1].start() if readings else s
        both = (not readings or len(readings[-1] or []) >= 2 or bool(_THE_TWO.search(text, s, e))
                or any(m.key in (readings[-1] or []) for m in idx.between(at, e, kinds=("name", "role"))))
        if trig and not target.earlier and target.evidence != (s, e) and ((both and (
                _another_day(text, s, e, target, sq, published, idx) or _another_city(sent, at, target, principals, gaz, kb, lex, sq))) or (
                # (not the meeting this very sentence told: "had a meeting with X last night")
                len(principals) < 2 and _EARLIER.search(text, s, e))):  # "the first time the two leaders met since 10 December"
            target = MeetingDraft(list(target.participants), (s, e), earlier=True)
            drafts.append(target)
        if trig:
            target.sentences.append((s, e))
            _roles_from_verbs(sent, idx, target, tops)
            told_last = target
        together = [target]
        if not principals and (_PLURAL_MEETINGS.search(text, s, e) or not trig):
            # "The meetings were attended by ...", "Accompanying Premier X was ..." (after "X met separately
            # with A and B"): every meeting of the sentence that told them apart
            together = [d for d in drafts if d.evidence == target.evidence]
        if not trig and subj and _ON_THE_VISIT.search(text, s, e):
            # "He is accompanied by his daughter A and Minister B": his party on this visit, at each of his meetings
            together += [d for d in drafts if not d.earlier and subj in d.participants and d not in together]
        for d in together:
            for p in present:
                if p and p not in d.participants and p not in d.attendees:
                    d.attendees.append(p)
        if extra and target.place is None:
            target.place = _own_place(text, s, e, trig[len(readings) - 1].start(), gaz, kb, lex, quoted)
        for pair, at in extra:
            if not any(set(d.participants) == set(pair) and not d.earlier for d in drafts):
                # ("X met A at Sakhir Palace on Tuesday, hours after holding talks with B": not at the palace)
                sep = max((m.start() for m in _THEN.finditer(text, trig[len(readings) - 1].end(), at)), default=at)
                drafts.append(MeetingDraft(pair, (s, e), place=_own_place(text, s, e, at, gaz, kb, lex, quoted),
                                           clause=(sep, e)))
    drafts = [d for d in _told_pair_by_pair(drafts, text)
              if not _one_royal_household(d.participants, kb) and not _one_couple(d.participants, text, idx)]
    for _, people in pending_attendees:
        if drafts:
            for p in people:
                if p not in drafts[0].participants and p not in drafts[0].attendees:
                    drafts[0].attendees.append(p)
    titled: dict[str, set[str]] = {}  # the offices the text's own titles give ("Ambassador Hugo de Zela")
    for m in idx.mentions:
        if m.kind == "name" and m.key and m.office:
            titled.setdefault(m.key, set()).add(m.office)
    line = dateline(text, gaz)
    head = dateline_span(text)
    filed = published
    if head is not None:  # "Riyadh, Aug 18, 2023, SPA --": the report's own date, though a copy is published later
        found = find_date(text, head[0], head[1], published)  # ("Belize City. January 31, 2020. This morning ...")
        if found is not None and found.date is not None and (published is None or re.search(r"\b\d{4}\b", found.text)):
            filed = found.date
        elif published is None:
            filed = None
    any_scene = _SCENE.search(text) is not None  # (most texts set no scene: no sentence scan per meeting)
    for n, d in enumerate(drafts):
        for s, e in [d.evidence] + d.sentences:
            if head is not None and s < head[1] and e > head[0]:
                s = max(s, head[1])  # the dateline's date is the filing date, not the meeting's
            if d.date is None and e > s:
                # a later clause's meeting by its own date first: "called on A on October 24 and also called on B
                # on October 25"
                own = find_date(text, max(s, d.clause[0]), e, filed) if d.clause is not None and e == d.evidence[1] else None
                d.date = own if own is not None and own.date is not None else find_date(text, s, e, filed)
                if d.date is not None and _a_post_s_date(text, s, e, d.date.start):
                    d.date = None  # "He shared the details of the meeting in a post on X on Thursday": the post's day
                if d.date is not None and d.date.date is not None and filed is not published and d.date.derivation:
                    d.date = DateFound(d.date.date, d.date.text, d.date.start, d.date.end,
                                       d.date.derivation.replace("publication date", "dateline date"))
            if d.place is None and line is not None and e == d.evidence[1] and any(
                    not _inside(h.start(), quoted) for h in _HERE.finditer(text, s, e)):
                d.place = line  # "KUALA LUMPUR: ... paid a courtesy call to the Sultan here on Saturday": the dateline's city
            if d.place is None:
                ps, pe = (max(s, d.clause[0]), e) if d.clause is not None and e == d.evidence[1] else (s, e)
                d.place = find_place(text, ps, pe, gaz, kb, lex.landmarks, prefer_after=_trigger_at(text, ps, pe, lex),
                                     quoted=quoted)
        earlier = [x for x in drafts[:n] if set(x.participants) & set(d.participants)]
        ev_s, ev_e = d.evidence
        later = _LATER.search(text, ev_s, ev_e)
        if earlier and later and earlier[-1].date is not None:
            prev = earlier[-1].date
            if d.date is None or (d.date.date is None and prev.date is not None):
                d.date = DateFound(prev.date, text[later.start() : later.end()], later.start(), later.end(),
                                   "later the same day as the meeting before it in the text")
        if d.date is None and not d.earlier and not _VAGUE_TIME.search(text, ev_s, ev_e):
            d.date = _date_of_lead(text, doc, ev_s, d, tops, lex, filed, quoted)  # (not "earlier this week": its own time)
        scene = _scene_before(text, doc, idx, ev_s, quoted, d.participants) if not d.earlier and any_scene else None
        if scene is not None and d.place is None:  # ("Barzani highlighted his meetings in Tehran with Iranian leaders")
            d.place = find_place(text, *scene, gaz, kb, lex.landmarks, quoted=quoted) or _seat_witnessed(text, *scene, lex)
        if d.place is None and not d.earlier:  # "The Grand Serail on Tuesday witnessed meetings with X, who met Y"
            d.place = _seat_witnessed(text, ev_s, ev_e, lex)
        if d.date is None and scene is not None and not _VAGUE_TIME.search(text, ev_s, ev_e):
            after_head = max(scene[0], head[1]) if head is not None and scene[0] <= head[0] < scene[1] else scene[0]
            found = find_date(text, after_head, scene[1], filed)  # "Baabda Palace witnessed on Tuesday an array of meetings. ..."
            # (not the dateline's day that opens it: "Male, Jun 9 (ANI): Modi ... held a flurry of meetings")
            d.date = found if found is not None and found.date is not None else None
        if (d.date is None or d.place is None) and not d.earlier and (
                held := _gathering_held_before(text, doc, idx, ev_s, quoted)) is not None:
            # "On November 18, in New Delhi, the 10th round of consultations was held ... The consultations were
            # co-chaired by A and B": the day and place of the gathering the meeting's sentence refers back to
            if d.place is None:
                d.place = find_place(text, *held, gaz, kb, lex.landmarks, quoted=quoted)
            if d.date is None and (found := find_date(text, *held, filed)) is not None and found.date is not None:
                d.date = found
        if (d.date is None and not d.earlier and head is not None and text[head[1]:ev_s].strip() == ""
                and _PRESENT_PERFECT.search(text, ev_s, ev_e)):
            # "MOSCOW, March 5. /TASS/. Putin has met ...": a wire's lede in the present perfect tells the day it is dated
            on = find_date(text, head[0], head[1], published)
            if on is not None and on.date is not None:
                d.date = DateFound(on.date, on.text, on.start, on.end, "dateline date of a present-perfect lede")
        if d.earlier:  # a meeting told in passing has only the place its own words give
            if d.place is None:  # "X had visited Baghdad in June, when he met Y": the city visited
                d.place = _city_visited(text, ev_s, ev_e, gaz)
            _host_and_visitor(d, kb)
            continue
        if d.place is None:
            d.place = _arrival_place(text, doc, idx, d, gaz, kb, lex, quoted,
                                     {x for o in drafts if o is not d for x in (o.evidence, *o.sentences)})
        if d.place is None:
            d.place = _lead_place(text, doc, idx, d, gaz, kb, lex, quoted, {o.evidence for o in drafts if o is not d and o.earlier})
        if d.place is None:
            d.place = _seat_of_head(text, doc, idx, d, kb, gaz, quoted,
                                    {x for o in drafts if o is not d for x in (o.evidence, *o.sentences)})
        if d.place is None and earlier and earlier[-1].place is not None and d.clause is None and _on_the_trip(
                earlier[-1].place.name, text, d, lex, kb, gaz):
            # the same trip: a principal of the earlier meeting, no new place (but not the place of the other
            # clause of its own sentence: "met A at the palace, hours after holding talks with B")
            d.place = earlier[-1].place
        if d.place is None and line is not None and not _visit_elsewhere(text, line.name, kb, gaz, quoted,
                                                                         [d.evidence] + d.sentences):
            d.place = line
        _aides_attend(d, kb, d.date.date if d.date is not None and d.date.date else published)
        _spouses_attend(d, text, idx)
        _envoys_attend(d, kb, d.date.date if d.date is not None and d.date.date else published, titled)
        _host_and_visitor(d, kb)
    drafts = _told_again(_still_to_come(text, _twins_merged(drafts)))
    return drafts + _on_other_dates(text, drafts, filed)


_ON_THE_VISIT = re.compile(r"\b(?:is|are)\s+(?:being\s+)?accompanied\s+by\b")


def _two_just_named(before: list[tuple[int, int]], idx: PeopleIndex, quoted: Ranges) -> list[str] | None:
    """The two people the sentence before this one names by name (outside quotes), when it names two."""
    if len(before) < 2:
        return None
    ps, pe = before[-2]
    keys = list(dict.fromkeys(m.key for m in idx.between(ps, pe, kinds=("name",)) if m.key and not _inside(m.start, quoted)))
    return keys if len(keys) == 2 else None


def _twins_merged(drafts: list[MeetingDraft]) -> list[MeetingDraft]:
    """One meeting for two drafts of the same people that agree on date and place: "X was welcomed by A and
    minister B ... A and X met privately" (B, an aide, became an attendee once the first was read)."""
    out: list[MeetingDraft] = []
    for d in drafts:
        twin = next((o for o in out if not o.earlier and not d.earlier and set(o.participants) == set(d.participants)
                     and (o.date is None or d.date is None or o.date.date == d.date.date)
                     and (o.place is None or d.place is None or o.place.name == d.place.name)), None)
        if twin is None:
            out.append(d)
            continue
        twin.sentences.extend(x for x in [d.evidence, *d.sentences] if x not in twin.sentences)
        twin.attendees.extend(a for a in d.attendees if a not in twin.attendees and a not in twin.participants)
        twin.date = twin.date or d.date
        twin.place = twin.place or d.place
    return out


_UNDER_WAY = re.compile(r"\b(?:is|are)\s+(?:now\s+)?meeting\s+with\b")
_SCHEDULED = re.compile(r"\b[Tt]he\s+(?:meeting|talks)\s+(?:is|are)\s+(?:scheduled|set|due|expected|slated)\b")


def _still_to_come(text: str, drafts: list[MeetingDraft]) -> list[MeetingDraft]:
    """Without a meeting told in the present ("X is meeting with Y in Ottawa today") when the text
    then gives it as still scheduled ("The meeting is scheduled for 1:30 p.m."): a release before it."""
    if not _SCHEDULED.search(text):
        return drafts
    return [d for d in drafts if not _UNDER_WAY.search(text, *d.evidence)]


def _told_again(drafts: list[MeetingDraft]) -> list[MeetingDraft]:
    """Without a meeting told as earlier that another draft of the text already holds: the same
    people at the same place on a date that agrees ("A and B met in Skopje on Friday ... A explained
    that he had already met B in Skopje"): one meeting, told twice."""
    def same(d: MeetingDraft, o: MeetingDraft) -> bool:
        return (o is not d and not o.earlier and set(o.participants) == set(d.participants)
                and d.place is not None and o.place is not None and d.place.name == o.place.name
                and (d.date is None or o.date is None or d.date.date == o.date.date))
    return [d for d in drafts if not (d.earlier and any(same(d, o) for o in drafts))]


_AND_ON = re.compile(r"\s*,?\s+and\s+(?:on\s+|again\s+on\s+)?")


def _another_city(sent: Any, at: int, told: MeetingDraft, principals: list[str], gaz: Gazetteer, kb: Any, lex: Lexicon,
                  quoted: Ranges) -> bool:
    """Whether the sentence ``sent`` tells the pair of ``told`` (and no one else) meeting in a city other
    than the one the sentence that told it names ("... met with Zelensky in Kyiv." then "days after Orban
    and Zelensky met at the EU summit in Brussels"): a meeting of its own. The city must hang on the
    meeting word itself, no other verb between ("the meeting ... comes ahead of a summit to be held in
    Baghdad": the summit's place)."""
    if set(principals) != set(told.participants):
        return False
    text = doc_text(sent.doc)
    here = find_place(text, at, sent.end_char, gaz, kb, lex.landmarks, quoted=quoted)
    ts, te = told.evidence
    there = find_place(text, ts, te, gaz, kb, lex.landmarks, prefer_after=_trigger_at(text, ts, te, lex), quoted=quoted)
    if (here is None or there is None or here.name == there.name or gaz.city(here.name) is None
            or gaz.city(there.name) is None):
        return False
    trigger, place = _token_at(sent, at), _token_at(sent, here.start)
    if trigger is None or place is None:
        return False
    path: list[Any] = []
    for anc in place.ancestors:
        if anc.i == trigger.i:
            return not any(t.pos_ in ("VERB", "AUX") for t in path)
        path.append(anc)
    return False


def _on_other_dates(text: str, drafts: list[MeetingDraft], filed: date | None) -> list[MeetingDraft]:
    """The same principals meeting again on a second date the sentence gives ("met in Brussels on
    December 14, 2021 and April 6, 2022"): one meeting per date."""
    out: list[MeetingDraft] = []
    for d in drafts:
        if d.date is None or d.date.date is None or d.date.derivation != "explicit date":
            continue
        more = _AND_ON.match(text, d.date.end)
        again = find_date(text, more.end(), min(more.end() + 40, d.evidence[1]), filed) if more else None
        if (again is None or again.start != more.end() or again.date is None  # type: ignore[union-attr]
                or again.derivation != "explicit date" or again.date == d.date.date):
            continue
        if not any(set(x.participants) == set(d.participants) and x.date is not None and x.date.date == again.date
                   for x in drafts + out):
            out.append(replace(d, date=again, sentences=list(d.sentences), attendees=list(d.attendees)))
    return out


def _another_day(text: str, s: int, e: int, told: MeetingDraft, quoted: Ranges, published: date | None,
                 idx: PeopleIndex) -> bool:
    """Whether the sentence ``s:e`` tells the pair of ``told`` meeting on another day ("The day before, the two
    leaders met informally": its own encounter, unless both dates are known and the same; "The two presidents
    met ... on March 25", days away from the day told)."""
    cue = next((m for m in _DAY_BEFORE.finditer(text, s, e) if not _inside(m.start(), quoted)
                and not _ARRIVED_BEFORE.search(text, max(s, m.start() - 40), m.start())), None)
    mine = find_date(text, s, e, published)
    theirs = find_date(text, *told.evidence, published)
    if cue is None and any(not _inside(m.start(), quoted) for m in _MET_AGAIN.finditer(text, s, e)):
        return True  # "The two presidents met again on August 14 at the border": another encounter
    if cue is None:
        # (near a name of the pair, not another clause's time: "... with whom he held discussions ... last month")
        near = [x.start for x in idx.between(s, e, kinds=("name", "role")) if x.key in told.participants]
        past = next((m for m in _PAST_TIME.finditer(text, s, e) if not _inside(m.start(), quoted)
                     and not _SINCE_AGO.search(text, max(s, m.start() - 80), m.start())
                     and any(abs(n - m.start()) <= 80 for n in near)
                     and (not m.group("month") or (theirs is not None and theirs.date is not None
                                                   and MONTHS[m.group("month").lower()] != theirs.date.month))), None)
        if past is not None:
            return True  # "visited the hospitalised Zeman at the same time last year", "in May, when she met Zeman"
            # ("in July last year": the year's words, whatever the month)
        # a day and month of its own ("The two presidents met ... on March 25") days away from the day told
        return bool(mine and theirs and mine.date and theirs.date and mine.derivation in _WRITTEN_DATES
                    and not _inside(mine.start, quoted) and abs((mine.date - theirs.date).days) > 2)
    return not (mine and theirs and mine.date is not None and mine.date == theirs.date)


_MET_AGAIN = re.compile(r"\bmet\s+(?:once\s+)?again\b|\bagain\s+met\b", re.I)
_SINCE_AGO = re.compile(r"\b(?:since|office)\b")  # ("since taking office two years ago": not the meeting's time)
# a time before the day told that names no day of it: "last year", "two months ago", "in May" (another month)
_PAST_TIME = re.compile(r"\b(?:last|previous)\s+(?:year|month)\b|\b(?:a|one|two|three|four|five|\d+)\s+(?:years?|months?)\s+ago\b"
                        r"|\bin\s+(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
                        r"December)\b(?!\s+\d)")
_ARRIVED_BEFORE = re.compile(r"\barriv(?:ed|es|ing)\s+(?:[\w’'-]+\s+){0,4}$")  # "who arrived last night": the journey's time


_WRITTEN_DATES = ("explicit date", "day and month, year of publication")


# between two clauses of one sentence that tell meetings of their own: "hours after", "and later", "; the
# summit in Tokyo, where he also had a bilateral with B"
_THEN = re.compile(r"\b(?:after|before|following|followed\s+by|then|later|also|subsequently|afterwards)\b|;|,\s+and\b|"
                   r"\band\s+(?:he|she)\b", re.I)


def _another_clause(sent: Any, rest: list[re.Match[str]], after: int, principals: list[str], idx: PeopleIndex,
                    tops: Topics, quoted: Ranges, present: list[str | None], aside: list[tuple[int, int]],
                    ) -> list[tuple[list[str], int]]:
    """Meetings of the sentence's subject told by a later clause of its own ("X met A on Tuesday, hours
    after holding talks with B"; "... and later held talks with B"; "...; where he also had a bilateral
    with B"): the subject and the people that clause meets who are not among the first meeting's, each
    with where its trigger stands."""
    out: list[tuple[list[str], int]] = []
    text = doc_text(sent.doc)
    relcls = _relative_clauses(sent, after - 1)
    for t in rest:
        rel = next(((a, b) for a, b in relcls if a <= t.start() < b), None)
        if rel is not None and (pair := _relative_clause_meeting(sent, t.start(), rel, principals, idx, tops, quoted,
                                                                  present, aside)):
            out.append((pair, t.start()))  # "received the President, X, who subsequently met with A and B"
            after = t.end()
            continue
        if not _THEN.search(text, after, t.start()) and not _conjoined_verb(sent, t.start(), after):
            continue
        if _own_subject(sent, t.start(), principals[0], idx):
            after = t.end()
            continue  # "X was welcomed by A, one day after B visited the kingdom": B's visit, not X's meeting
        argued = _principals_of_trigger(sent, t.start(), idx, tops, quoted, present, aside)
        new = [k for k in (argued or []) if k not in principals]
        if argued and new and len(new) == len(set(argued) - {principals[0]}):
            clause = text[max(0, t.start() - 12) : t.end() + 40]
            if len(new) >= 2 and _SEPARATE.search(clause):  # "..., and paid courtesy visits to A and B": one each
                out.extend(([principals[0], other], t.start()) for other in new)
            else:
                out.append(([principals[0], *new], t.start()))
        after = t.end()
    return out


def _conjoined_verb(sent: Any, at: int, after: int) -> bool:
    """Whether the trigger at ``at`` is a verb conjoined to the verb of the trigger that ends at ``after`` ("called on
    A and met B": a clause of its own)."""
    tok = _token_at(sent, at)
    return (tok is not None and tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.head.pos_ == "VERB"
            and tok.head.idx < after <= tok.idx)


def _relative_clause_meeting(sent: Any, at: int, rel: tuple[int, int], principals: list[str], idx: PeopleIndex,
                             tops: Topics, quoted: Ranges, present: list[str | None], aside: list[tuple[int, int]],
                             ) -> list[str] | None:
    """The meeting a relative clause tells of its antecedent ("received the President, X, who subsequently met with
    A and B": X with A and B): the one principal named before the clause (not the sentence's subject) and the
    people the clause names; None when the clause does not tell one."""
    first: dict[str, int] = {}  # where the sentence first names each person
    for m in idx.between(sent.start_char, sent.end_char, kinds=("name", "role")):
        if m.key:
            first.setdefault(m.key, m.start)
    argued = _principals_of_trigger(sent, at, idx, tops, quoted, present, aside) or []
    ante = [k for k in argued if k in principals and k != principals[0] and first.get(k, rel[0]) < rel[0]]
    inside = [m.key for m in idx.between(*rel, kinds=("name", "role")) if m.key]  # (the parse may miss its object)
    met = [k for k in dict.fromkeys([*argued, *inside]) if first.get(k, -1) >= rel[0] and k not in ante]
    return [ante[0], *met] if len(ante) == 1 and met else None


def _own_subject(sent: Any, at: int, subject: str, idx: PeopleIndex) -> bool:
    """Whether the verb at ``at`` has a subject of its own that names people, none of them ``subject``."""
    tok = _token_at(sent, at)
    if tok is None:
        return False
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            keys = {m.key for m in idx.between(*char_span(child.subtree), kinds=("name", "role"))}
            return bool(keys) and subject not in keys
    return False


def _own_place(text: str, s: int, e: int, at: int, gaz: Gazetteer, kb: Any, lex: Lexicon,
               quoted: Ranges) -> PlaceFound | None:
    """The place of the clause around ``at`` in a sentence that lists meetings between semicolons
    ("a Brisbane bilateral with A; the funeral in Tokyo, where he also had a bilateral with B"),
    or None when the sentence has no semicolon (its place is the sentence's)."""
    if ";" not in text[s:e]:
        return None
    cs = text.rfind(";", s, at) + 1 or s
    ce = text.find(";", at, e)
    return find_place(text, cs, ce if ce >= 0 else e, gaz, kb, lex.landmarks, prefer_after=at, quoted=quoted)


def _relative_clauses(sent: Any, at: int) -> list[tuple[int, int]]:
    """The spans of the sentence's relative clauses that do not hold the trigger at ``at``."""
    out = []
    for tok in sent:
        if tok.dep_ == "relcl":
            a, b = char_span(tok.subtree)
            if not a <= at < b:
                out.append((a, b))
    return out


_PLURAL_TITLE = re.compile(r"\b(?:[Tt]he\s+)?(?P<title>(?i:prime\s+ministers|presidents|foreign\s+ministers|premiers|"
                           r"heads\s+of\s+state|leaders))\s+of\s+(?:the\s+)?(?P<a>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\s+and\s+"
                           r"(?:the\s+)?(?P<b>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)")


_ADJ_PLURAL_TITLE = re.compile(r"\b[Tt]he\s+(?P<a>[A-Z][\w-]+)\s+and\s+(?P<b>[A-Z][\w-]+)\s+(?P<title>(?i:prime\s+ministers|"
                               r"presidents|foreign\s+ministers|premiers|leaders))\b")
_TITLE_OFFICE = {"prime ministers": "prime_minister", "premiers": "prime_minister", "presidents": "president",
                 "foreign ministers": "foreign_minister", "heads of state": "head_of_state", "leaders": "leader"}


_NUMBERS = {"three": 3, "four": 4, "five": 5}  # ("the two leaders": the pair told before, _THE_TWO)
_THE_N_LEADERS = re.compile(r"\b[Tt]he\s+(three|four|five)\s+(?:[A-Z][\w-]+\s+)?(?:leaders|presidents|prime\s+ministers|"
                            r"premiers|heads\s+of\s+(?:state|government)|foreign\s+ministers|ministers|monarchs)\b")


def _n_named_beside(text: str, end: int, prev: list[tuple[int, int]], n: int, idx: PeopleIndex, quoted: Ranges) -> list[str]:
    """The ``n`` people named in the sentence after ``end`` (else in the sentence ``prev``), when it names exactly ``n``."""
    start = end + len(text[end:]) - len(text[end:].lstrip())
    nxt = re.search(r"[.!?](?=\s)|\n\n|$", text[start:])
    spans = [(start, start + nxt.end() if nxt else len(text)), *prev]
    for a, b in spans:
        keys = _named_in(a, b, idx, quoted, ("name",))
        if len(keys) == n:
            return keys
    return []


def _named_in(a: int, b: int, idx: PeopleIndex, quoted: Ranges, kinds: tuple[str, ...],
              accept: Callable[[str], bool] | None = None) -> list[str]:
    """The people named in text[a:b], outside quotes, each once in order (those ``accept`` takes, if given)."""
    keys: list[str] = []
    for m in idx.between(a, b, kinds=kinds):
        if m.key and not _inside(m.start, quoted) and m.key not in keys and (accept is None or accept(m.key)):
            keys.append(m.key)
    return keys


def _holders_of_plural_title(text: str, s: int, e: int, idx: PeopleIndex, kb: Any) -> list[str]:
    """The two people "the prime ministers of A and B" ("the Moroccan and French foreign ministers")
    are: for each country, the one person of the text from there (by the knowledge base or the title
    the text gives them), among several the one who held such an office; none unless both are found."""
    m = _PLURAL_TITLE.search(text, s, e) or _ADJ_PLURAL_TITLE.search(text, s, e)
    if m is None:
        return []
    office = _TITLE_OFFICE.get(" ".join(m.group("title").lower().split()))
    out = []
    for name in (m.group("a"), m.group("b")):
        code = kb.country_code(name)
        there = {p.key for p in idx.mentions if p.kind == "name" and p.key and code
                 and _country(kb, p.key, idx) == code}
        if len(there) > 1 and office:
            entries = {k: kb.person(k) for k in there}
            there = {k for k, en in entries.items() if en is not None and any(office_fits(o.office, office) for o in en.offices)}
        if len(there) != 1:
            return []
        out.append(next(iter(there)))
    return out if len(set(out)) == 2 else []


def _fallback_names(names: list[str | None], mentions: list[Any], text: str, when: list[tuple[int, int]],
                    reported: tuple[int, int] | None) -> list[str | None]:
    """The sentence's people who may have met when its trigger's clause does not say: none named in a
    clause of time, a relative clause or a visit to come (``when``), none only as an owner ("in
    defiance of Donald Trump's interest in ..."), and, in what someone says, only those it names."""
    by_key: dict[str | None, list[Any]] = {}
    for m in mentions:
        by_key.setdefault(m.key, []).append(m)
    out = []
    for k in names:
        ms = by_key.get(k, [])
        if any(a <= m.start < b for m in ms for a, b in when):
            continue
        if ms and all(_possessor_only(text, m.end) for m in ms):
            continue  # ("Trump's interest": whose interest, not who met)
        if reported is not None and not any(reported[0] <= m.start < reported[1] for m in ms):
            continue
        out.append(k)
    return out


_SAY_LEMMAS = frozenset({"say", "tell", "add", "note", "explain", "state", "stress", "announce", "recall", "emphasise",
                         "emphasize", "point", "confirm", "reveal", "disclose", "intimate", "assert", "affirm",
                         "reiterate", "underline", "underscore", "observe", "remark", "insist", "indicate", "argue"})


def _reported(sent: Any, at: int) -> tuple[int, int] | None:
    """The span of what someone says when the trigger lies in it ("He said that the visit paid by X ...")."""
    tok = first = _token_at(sent, at)
    while tok is not None and first is not None and tok.head.i != tok.i:
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in _SAY_LEMMAS and tok.head.i < first.i:
            return char_span(tok.subtree)  # (the saying told first: "He said that ...", not "A met B, and C said ...")
        tok = tok.head
    return None


def _root_to_come(sent: Any, at: int) -> bool:
    """Whether the sentence's main verb is one to come ("will", "is expected to") while the trigger
    sits in another clause of it."""
    root = sent.root
    tok = _token_at(sent, at)
    if tok is None or tok.i == root.i or tok.head.i == root.i and tok.dep_ in ("dobj", "nsubj", "prep"):
        return False
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in root.children)


def _clauses_apart(sent: Any, at: int, is_clause: Any) -> list[tuple[int, int]]:
    """The spans of the sentence's clauses that ``is_clause(token)`` picks and that do not hold the trigger."""
    out = []
    for tok in sent:
        if is_clause(tok):
            a, b = char_span(tok.subtree)
            if not a <= at < b:
                out.append((a, b))
    return out


def _said_apart(sent: Any, at: int) -> list[tuple[int, int]]:
    """What the sentence's people say ("A said that ...") apart from the trigger's clause."""
    return _clauses_apart(sent, at, lambda t: t.dep_ == "ccomp" and t.head.lemma_.lower() in _SAY_LEMMAS and t.head.i < t.i)


_TIME_MARKS = frozenset({"since", "until", "till", "before", "after", "when", "once"})


def _time_clauses(sent: Any, at: int) -> list[tuple[int, int]]:
    """The sentence's clauses of time ("since X took office") apart from the trigger's clause."""
    return _clauses_apart(sent, at, lambda t: t.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in t.children))


# ", Kumar tweeted.": who tells it, at the sentence's end, is no party to what is told
_TRAILING_SOURCE = re.compile(r",\s*(?:the\s+)?(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*\s+){1,4}(?:said|says|tweeted|wrote|posted|added|noted|"
                              r"stated|reported|told\s+\w+)\b[^.!?]{0,60}[.!?]?\s*$")


def _trailing_source(text: str, s: int, e: int) -> list[tuple[int, int]]:
    m = _TRAILING_SOURCE.search(text, s, e)
    return [(m.start(), m.end())] if m else []


def _absent(sent: Any) -> list[tuple[int, int]]:
    """Who the sentence says was not there: "the king, who traveled without Queen Letizia, who is on vacation,
    as are Princess Leonor and Infanta Sofía, ...", "in the absence of X"."""
    out = [char_span(t.subtree) for t in sent if t.lower_ == "without" and t.dep_ == "prep"]
    out += [char_span(t.head.subtree) for t in sent if t.lower_ == "absence" and t.head.lower_ == "in"]
    out += [char_span(t.subtree) for t in sent if t.dep_ == "advcl" and t.lemma_ == "be"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children)]  # ("as are X": X likewise)
    return out


def _events_followed(sent: Any, at: int) -> list[tuple[int, int]]:
    """What the trigger's event follows or precedes, another event ("This marks the first visit to Denmark by
    Nielsen and follows Frederiksen's trip to the Arctic territory"): its people are not the trigger's."""
    out = []
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in ("follow", "precede"):
            for c in tok.children:
                if c.dep_ in ("dobj", "obj"):
                    a, b = char_span(c.subtree)
                    if not a <= at < b:
                        out.append((a, b))
    return out


def _pair_before(spans: list[tuple[int, int]], idx: PeopleIndex, quoted: Ranges,
                 heads: Callable[[str], bool] | None = None) -> list[str] | None:
    """The two people named in the sentences just before ("the two leaders" of a meeting told with
    no names of its own), when those sentences name exactly two (of whom ``heads`` accepts, if given)."""
    if not spans:
        return None
    keys = _named_in(spans[0][0], spans[-1][1], idx, quoted, ("name", "role"), heads)
    return keys if len(keys) == 2 else None


# a meeting's sentence that says the act the sentence before told happened at it
_BACK_REFERENCE = re.compile(
    r"\s*(?:The|This|That|These)\s+(?:announcement|agreement|accord|deal|statement|declaration|decision|pledge|"
    r"partnership|remarks?|documents?)s?\s+(?:was|were)\s+(?:made|announced|signed|reached|issued|agreed|inked)\s+"
    r"(?:when|during|as|at|after|on the sidelines of)\b")


# a sentence that sets the scene of the meetings told after it, naming no one ("Baabda Palace witnessed on
# Tuesday an array of ministerial and diplomatic meetings", "The President held a series of meetings today")
_SCENE = re.compile(r"\b(?:array|series|round|number|string|flurry)\s+of\s+(?:\w+\s+){0,4}?(?:meetings|talks|audiences)\b"
                    r"|\b(?:several|many|multiple|numerous)\s+(?:\w+\s+){0,2}?(?:meetings|audiences)\b"
                    r"|\b(?:his|her|their)\s+(?:\w+\s+)?meetings\s+in\s+(?-i:[A-Z])", re.I)  # "his meetings in Tehran with ..."


def _scene_before(text: str, doc: Any, idx: PeopleIndex, start: int, quoted: Ranges,
                  own: Sequence[str] = ()) -> tuple[int, int] | None:
    """The sentence among the twelve before ``start`` that announces several meetings and names no one
    but the meeting's ``own`` people (its date and place are the meetings' told after it, one by one: "X on
    Monday held a series of meetings ... X also met A ... X then met B"); None when there is none."""
    before = [sent for sent in sentences(doc) if sent.end_char <= start][-12:]
    for sent in reversed(before):
        s, e = sent.start_char, sent.end_char
        if any(not _inside(m.start(), quoted) for m in _SCENE.finditer(text, s, e)) and all(
                m.key in own for m in idx.between(s, e, kinds=("name",))):
            return s, e
    return None


_GATHERING_NOUNS = r"(?:consultations|talks|meeting|session|round|negotiations|dialogue|summit|conference)"
_HELD = re.compile(r"\b" + _GATHERING_NOUNS + r"\b[^.;]{0,120}?\b(?:was|were)\s+held\b", re.I)
_THE_GATHERING = re.compile(r"\s*The\s+(?:[\w-]+\s+)?" + _GATHERING_NOUNS + r"\b")


def _gathering_held_before(text: str, doc: Any, idx: PeopleIndex, start: int, quoted: Ranges) -> tuple[int, int] | None:
    """The sentence right before a meeting's own that tells a gathering held and names no one, when the meeting's
    sentence opens by referring back to it ("The consultations were co-chaired by A and B")."""
    if not _THE_GATHERING.match(text, start):
        return None
    prev = _sentence_before(doc, start)
    if prev is None or idx.between(prev.start_char, prev.end_char, kinds=("name",)):
        return None
    held = _HELD.search(text, prev.start_char, prev.end_char)
    return (prev.start_char, prev.end_char) if held is not None and not _inside(held.start(), quoted) else None


def _seat_witnessed(text: str, s: int, e: int, lex: Lexicon) -> PlaceFound | None:
    """A well-known seat opening the sentence as its subject ("Baabda Palace witnessed on Tuesday ..."): its city."""
    lead = re.match(r"\s*(?:[Tt]he\s+)?", text[s:e])
    at = s + (lead.end() if lead else 0)
    for name, city in lex.landmarks.items():
        if re.match(re.escape(name) + r"\s+(?:(?:on\s+)?[A-Z][a-z]+day\s+|today\s+|yesterday\s+)?"
                    r"(?:witnessed|hosted|saw|was\s+the\s+(?:venue|scene))\b", text[at:e]):
            return PlaceFound(city, at, at + len(name))
    return None


def _sentence_before(doc: Any, start: int) -> Any:
    """The last sentence that ends at or before ``start`` (None at the text's start)."""
    prev = None
    for sent in sentences(doc):
        if sent.end_char > start:
            break
        prev = sent
    return prev


def _date_of_lead(text: str, doc: Any, start: int, d: MeetingDraft, tops: Topics, lex: Lexicon,
                  filed: date | None, quoted: Ranges) -> DateFound | None:
    """The date of the sentence just before a meeting's own, when that sentence announces talks of
    the same leader ("X today held talks with presidents of several countries. He conferred with A,
    B and C"): the meeting spelled out next is those talks."""
    prev = _sentence_before(doc, start)
    if prev is None or tops.at(prev.start_char)[0] not in d.participants:
        return None
    if not any(not _inside(m.start(), quoted) for m in lex.meeting_re.finditer(text, prev.start_char, prev.end_char)) \
            and not _BACK_REFERENCE.match(text, start):
        return None  # (but "X and Y announced a partnership on Friday. The announcement was made when X held talks with Y")
    found = find_date(text, prev.start_char, prev.end_char, filed)
    return found if found is not None and found.date is not None else None


_HEAD_OFFICES = frozenset({"president", "king", "emir", "sultan", "head_of_state", "supreme_leader",
                           "prime_minister", "chancellor"})


def _is_head(kb: Any, name: str, on: date | None, acting: bool = True) -> bool:
    """Whether the KB person heads a state or government (on the date; ``acting``: an acting term counts)."""
    entry = kb.person(name)
    if entry is None:
        return False
    offices = entry.offices_on(on) if on is not None else entry.offices
    return any(o.office in _HEAD_OFFICES and not o.org and (acting or not o.acting) for o in offices)


_GOVERNMENT_OFFICES = frozenset({"foreign_minister", "defense_minister", "minister", "vice_president", "first_vice_president",
                                 "deputy_prime_minister", "secretary_general"})


def _of_the_government(kb: Any, name: str, on: date | None) -> bool:
    """Whether ``name`` is a minister of a government (or one the KB lacks, titled so by the text): not the
    leader of a movement, a party or an armed group."""
    entry = kb.person(name)
    return entry is None or any(o.office in _GOVERNMENT_OFFICES and o.org is None and (on is None or holds(o, on))
                                for o in entry.offices)


def _aides_attend(d: MeetingDraft, kb: Any, on: date | None) -> None:
    """Two leaders of two countries and, among the participants, others of those same countries
    who lead neither (ministers, aides): the two leaders met, the others attended."""
    if len(d.participants) < 3:
        return
    heads = [p for p in d.participants if _is_head(kb, p, on)]
    countries = {_country(kb, p) for p in heads}
    if len(heads) == 1 and None not in countries:
        # one leader, his own country's ministers, and the head of an international body they called on
        # together ("Prime Minister X and his Foreign Minister Y paid a courtesy call on the UN Secretary-General")
        bodies = [p for p in d.participants if p not in heads and (entry := kb.person(p)) is not None
                  and any(o.org and o.country is None and (on is None or holds(o, on)) for o in entry.offices)]
        aides = [p for p in d.participants if p not in heads and p not in bodies]
        # (the leader's own ministers: not a rival's leader of the same country, "the Houthi leader")
        if len(bodies) == 1 and aides and all(_country(kb, p) in countries and _of_the_government(kb, p, on) for p in aides):
            d.participants = [*heads, *bodies]
            d.attendees = [*aides, *(a for a in d.attendees if a not in aides)]
        return
    if len(heads) != 2 or len(countries) != 2 or None in countries:
        return
    aides = [p for p in d.participants if p not in heads]
    if all(_country(kb, p) in countries for p in aides):
        d.participants = heads
        d.attendees = [*aides, *(a for a in d.attendees if a not in aides)]


_SPOUSE_TITLE = re.compile(r"\b(?:First\s+Lady|First\s+Gentleman|(?:his|her)\s+(?:wife|husband|spouse))\b[^.;]{0,40}$", re.I)
_FIRST_SPOUSE = re.compile(r"First\s+(?:Lady|Gentleman)\b", re.I)  # the title, in a mention or right before it


_SPOUSE_BESIDE = re.compile(r"[A-Za-z.’']+,\s+(?:his|her)\s+(?:wife|husband|spouse),?\s+(?:(?:Dr|Mrs|Mr|Ms)\.?\s+)?$")


def _spouses_attend(d: MeetingDraft, text: str, idx: PeopleIndex) -> None:
    """A leader's spouse named among the principals ("the President of Suriname, X, First Lady of
    Suriname, Mrs Y"), or beside a principal in the sentence that tells the meeting ("President X, his
    wife Y, King H and Queen S visited ..."): the leaders met, the spouse attended."""
    if len(d.participants) >= 2:
        s, e = d.evidence
        for m in idx.between(s, e, kinds=("name",)):
            if (m.key and m.key not in d.participants and m.key not in d.attendees
                    and _SPOUSE_BESIDE.search(text, max(s, m.start - 40), m.start)):
                d.attendees.append(m.key)
    if len(d.participants) < 3:
        return
    spouses = [p for p in d.participants
               if any(m.key == p and (((t := _SPOUSE_TITLE.search(text, max(0, m.start - 50), m.start))
                                       and not idx.between(t.start(), m.start, kinds=("name",)))
                                      or _FIRST_SPOUSE.search(text, max(0, m.start - 6), m.start + 16)) for m in idx.mentions)]
    # one with no office who bears the family name of one with an office: "The Bidens had dinner with Trudeau and
    # Sophie Gregoire Trudeau"
    spouses += [p for p in d.participants if p not in spouses and not _titled(p, idx) and (
        kin := [q for q in d.participants if q != p and q.split()[-1] == p.split()[-1]]) and all(_titled(q, idx) for q in kin)]
    # (not one named after the spouse: "A and his spouse B greeted the President": the President is nobody's spouse)
    if spouses and len(d.participants) - len(spouses) >= 2:
        d.participants = [p for p in d.participants if p not in spouses]
        d.attendees = [*spouses, *(a for a in d.attendees if a not in spouses)]


def _titled(key: str, idx: PeopleIndex) -> bool:
    """Whether the text or the knowledge base gives ``key`` an office."""
    entry = idx.entries.get(key)
    return any(m.key == key and m.office for m in idx.mentions) or bool(entry is not None and entry.offices)


_ENVOY_OFFICES = frozenset({"envoy", "diplomat", "ambassador", "special_envoy"})


def _envoys_attend(d: MeetingDraft, kb: Any, on: date | None, titled: dict[str, set[str]]) -> None:
    """A country's ambassador or envoy named beside a minister or leader of that same country
    ("Foreign Minister A and Ambassador B met with C") accompanies them: B attended. The offices
    are those the text's titles give, else the KB's on the day."""
    if len(d.participants) < 3:
        return
    offices: dict[str, set[str]] = {}
    for p in d.participants:
        entry = kb.person(p)
        if entry is None:
            return  # what the KB does not know, the rule does not guess
        held = entry.offices_on(on) if on is not None else entry.offices
        offices[p] = titled.get(p) or {o.office for o in held if o.country == entry.country}
    envoys = [p for p in d.participants if offices[p] and offices[p] <= _ENVOY_OFFICES
              and any(q != p and _country(kb, q) == _country(kb, p) and offices[q] - _ENVOY_OFFICES
                      for q in d.participants)]
    if envoys and len(d.participants) - len(envoys) >= 2:
        d.participants = [p for p in d.participants if p not in envoys]
        d.attendees = [*envoys, *(a for a in d.attendees if a not in envoys)]


_SINCE_WORDS = frozenset({"following", "after", "since", "before"})
_TIME_MARKS = frozenset({"since", "after", "before", "until", "till", "when", "while", "as"})
_TELL_OF = frozenset({"detail", "describe", "explain", "outline", "recount", "summarise", "summarize", "review"})
_DEPICTION_NOUNS = frozenset({"photo", "photograph", "picture", "image", "video", "footage", "clip", "snapshot"})
_LIST_GOES_ON = re.compile(r"(?:\s*\([^()]{1,40}\))?,\s+(?:and\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ]")  # (a title may end in brackets: "Parliament (Riigikogu), B")
_ENDS_IN_TITLE = re.compile(r"\b(?:Minister|President|Secretary|Premier|Chancellor|Governor|Speaker|Ambassador|Envoy|"
                            r"Chairman|Chairperson|Commissioner|Director|Mayor)$")
_MEALS = frozenset({"dinner", "lunch", "luncheon", "breakfast", "banquet", "reception"})  # held for a guest
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "agent", "dative", "obj"})
_ARGUMENT_PREPS = frozenset({"with", "between", "by", "to", "on"})
_MEETING_NOUNS = frozenset({"meeting", "talk", "talks", "audience", "discussion", "consultation", "visit", "call"})
_PURPOSE_LEMMAS = frozenset({"discuss", "confer", "consult", "talk"})  # a visit's purpose with someone
_JOURNEY_LEMMAS = frozenset({"travel", "arrive", "go", "come", "fly", "head", "stop", "return", "land"})
_RESPONSE_LEMMAS = frozenset({"respond", "react", "reply", "retort", "object", "refer", "allude"})
# verbs of making a visit, its object the visit itself ("completed their state visit to Kosrae")
_VISIT_MADE = frozenset({"complete", "conclude", "end", "finish", "begin", "start", "commence", "undertake", "make",
                         "pay", "continue", "wrap"})
# a place visited, then what the pair did there: "visited Asunción, during which both leaders issued ..."
_DURING_WHICH_THE_TWO = re.compile(r",?\s+(?:during\s+which|where|when|at\s+which)\s+(?:the\s+two|both)\s+[a-z]+")
_PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "i", "we"})
_HONORIFIC_SUBJECTS = frozenset({"majesty", "highness"})


def _in_honour_of_someone(prep: Any, idx: PeopleIndex) -> bool:
    """Whether "in honour of ..." names a person right after "of" ("in honour of the Swazi ruler"), not a thing of
    theirs ("in honour of the Official Visit of the President": his party, spouse and ministers all honoured)."""
    return any(g.lemma_.lower() in ("honour", "honor") and any(
        o.dep_ == "prep" and o.lower_ == "of" and any(
            p.dep_ == "pobj" and idx.between(o.idx + 2, p.idx + len(p.text), kinds=("name", "role")) for p in o.children)
        for o in g.children) for g in prep.children)


def _up_to_comma(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` cut at its first comma (the parse may hang the sentence's subject on an argument as an apposition)."""
    comma = text.find(",", span[0], span[1])
    return (span[0], span[1] if comma < 0 else comma)


def _principals_of_trigger(
    sent: Any, at: int, idx: PeopleIndex, tops: Topics, quoted: Ranges, present: list[str | None],
    not_principal: list[tuple[int, int]],
) -> list[str] | None:
    """The principals as the trigger's own clause names them: its verb's subject and objects and
    the people it meets "with" ("Sisi received Israeli Prime Minister Naftali Bennett"), not every
    person of the sentence ("Lapid's visit comes three months after ..."). None when the parse
    does not show the clause (the caller falls back to the people of the sentence)."""
    text = doc_text(sent.doc)
    tok = _token_at(sent, at)
    if tok is None:
        return None
    if _not_a_new_meeting(sent, at, greeting_counts=_leader_greets_leader(sent, at, idx)):
        return _NO_MEETING
    if (tok.lemma_.lower() in ("visit", "trip") and tok.pos_ == "NOUN" and tok.dep_ in ("pobj", "dobj")
            and tok.head.lower_ in _SINCE_WORDS and not any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
            and not (any(c.dep_ in ("prep", "agent") and c.lower_ == "by" for c in tok.children)  # ("a visit by X to the
                     and any(c.dep_ == "prep" and c.lower_ == "to" and idx.between(*char_span(c.subtree), kinds=("name", "role"))
                             for c in tok.children))):  # continent": no one met; "by X to President Y": they met)
        return _NO_MEETING  # "relations grew following the visit of X to Vilnius in 2020": a visitor, no one met
    if (tok.lemma_.lower() == "visit" and tok.pos_ == "VERB" and (obj := [c for c in tok.children if c.dep_ == "dobj"])
            and obj[0].ent_type_ in ("GPE", "LOC") and not idx.between(*char_span(obj[0].subtree), kinds=("name", "role"))
            and not _DURING_WHICH_THE_TWO.match(text, obj[0].idx + len(obj[0].text))
            and not any((c.dep_ == "prep" and c.lower_ in ("with", "to")) or (c.dep_ in ("advcl", "xcomp", "conj", "ccomp")
                                                                             and c.pos_ in ("VERB", "AUX")) for c in tok.children)):
        return _NO_MEETING  # "A, B and C are the first leaders to visit Ukraine since ...": a country visited, no one met
        # (but "visited Luxembourg to discuss ... with D": they met D)
    subject_only: Any = None
    host_of_meal: Any = None
    accompanied: tuple[int, int] | None = None
    if any(c.dep_ == "prep" and c.lower_ == "between" for c in tok.children):
        heads = [tok]  # "the meeting between A and B": its own two, whoever tells of it
    else:
        verb = _clause_verb(tok)
        if verb is None:
            return None
        if (tok.i != verb.i and tok.pos_ == "NOUN" and tok.lemma_.lower() in ("visit", "trip", "tour")
                and tok.head.lemma_.lower() in _TELL_OF  # ("Detailing the visit to Angola, X said": telling of it)
                and not any(c.dep_ == "prep" and c.lower_ in ("with", "by", "between") for c in tok.children)
                and not any(idx.between(*char_span(c.subtree), kinds=("name", "role")) for c in tok.children if c.dep_ != "poss")):
            return _NO_MEETING  # "Detailing the president's visit to Angola, spokesman X said": a visit to a place, no one met
        if (tok.i != verb.i and tok.pos_ == "NOUN" and tok.lemma_.lower() in ("visit", "trip", "tour")
                and tok.head.dep_ == "prep" and tok.head.lower_ == "to" and (
                    (tok.head.head.pos_ == "NOUN" and tok.head.head.i != verb.i) or tok.head.head.lemma_.lower() in _RESPONSE_LEMMAS)
                and not any(c.dep_ == "prep" and c.lower_ in ("with", "by", "between") for c in tok.children)):
            return _NO_MEETING  # "X responded with another threat to the visit of A and B to Ukraine": a noun's, no one met
        if (tok.i != verb.i and tok.pos_ == "NOUN" and tok.lemma_.lower() in ("visit", "trip", "tour")
                and verb.lemma_ == "be" and tok.head.lower_ == "on"
                and not any(c.dep_ == "prep" and c.lower_ in ("with", "by", "between") for c in tok.children)):
            return _NO_MEETING  # "Senators A and B are on an official visit to Nepal": travelling together, no meeting
        if (tok.i != verb.i and tok.pos_ == "NOUN" and tok.lemma_.lower() in ("visit", "trip", "tour")
                and tok.dep_ == "dobj" and tok.head.i == verb.i and verb.lemma_.lower() in _VISIT_MADE
                and not any(c.dep_ == "prep" and c.lower_ in ("with", "by", "between") for c in tok.children)
                and not any(idx.between(*char_span(c.subtree), kinds=("name", "role")) for c in tok.children if c.dep_ != "poss")
                and len({m.key for c in verb.children if c.dep_ == "nsubj"
                         for m in idx.between(*char_span(c.subtree), kinds=("name", "role")) if m.key}) >= 2):
            return _NO_MEETING  # "A and B have completed their state visit to Kosrae": travelling together, no meeting
        if any(t.lemma_.lower() in _DEPICTION_NOUNS and t.pos_ == "NOUN" for t in tok.ancestors):
            return _NO_MEETING  # "X posted a photo of the delegation meeting Y": who posted it is no party to it
        if tok.i != verb.i and tok.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
            heads, subject_only = [tok], verb  # "in his meetings with X": the verb's subject and X only
            owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ not in _PRONOUN_SUBJECTS
                          and c.lower_ not in ("his", "her", "their", "its")), None)
            if owner is not None and idx.between(*char_span(owner.subtree), kinds=("name", "role")):
                subject_only = owner  # "Marcos said he welcomes Duterte's meeting with Xi": Duterte and Xi
            elif (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i == verb.i and verb.dep_ == "ccomp"
                  and any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in tok.children)
                  and any(c.dep_ == "nsubj" for c in verb.head.children)):
                subject_only = verb.head  # "X said on Tuesday his meeting with Y ... focused on ...": X, who tells it
            elif verb.lemma_.lower() == "accompany" and tok.head.dep_ == "prep" and tok.head.head.i == verb.i and (
                    led := [c for c in verb.children if c.dep_ in ("dobj", "npadvmod") and c.i < tok.i
                            and idx.between(*char_span(c.subtree), kinds=("name", "role"))]):
                # "the Foreign Minister accompanied (today) the President in a meeting with X": the President
                # and X met (the subject attended: an attendance phrase)
                subject_only, accompanied = None, char_span(led[0].subtree)
        else:
            heads = [verb] + ([tok] if tok.i != verb.i else [])
            if tok.dep_ in ("amod", "compound") and tok.head.i != verb.i:
                heads.append(tok.head)  # "engaged in bilateral talks with X": the talks' "with"
            if verb.lemma_.lower() in ("visit", "arrive", "travel", "come") and verb.tag_ in ("VBD", "VBZ", "VBN"):
                # "A, B and C visited Luxembourg today to discuss European affairs with X": the purpose's "with" (the
                # visit made)
                heads += [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in _PURPOSE_LEMMAS
                          and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        if (verb.lemma_.lower() in _OBJECT_LEMMAS and tok.i == verb.i and verb.tag_ == "VBN"
                and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)
                and (agent := [c for c in verb.children if c.dep_ == "agent"])
                and not idx.between(*char_span(agent[0].subtree), kinds=("name", "role"))):
            return _NO_MEETING  # "on the Climate Change Conference, hosted recently by the United Kingdom": an event's host
        if verb.lemma_.lower() in _OBJECT_LEMMAS and tok.i == verb.i:
            # (not a time the parse took for the object: "received this Tuesday, April 18, Cheikh Kanté")
            obj = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.ent_type_ not in ("DATE", "TIME")]
            a, b = _own_span(obj[0]) if obj else (0, 0)
            if obj and (named := _COMMA_NAME.match(text, b)) and _TITLE_IN_OBJECT.search(text, a, b) \
                    and not re.match(r"\s+(?:said|says|told|added|stated)\b", text[named.end() :]):
                b = named.end()  # the parse may hang the object's name apart: "hosted the new State Secretary
                # of Kingdom Relations, Ms. Alexandra van Huffelen, in her first meetings"
            # (of a verb in a second clause, the subject the clauses share: "laid wreaths at the monument of
            # A and visited ...": A is not among the visitors)
            before_verb = ([char_span(c.subtree) for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                           if verb.dep_ == "conj" else [(sent.start_char, verb.idx)])
            together = verb.lemma_.lower() == "visit" and len({m.key for a0, b0 in before_verb
                                                              for m in idx.between(a0, b0, kinds=("name", "role"))}) >= 2
            if (obj and not idx.between(a, b, kinds=("name", "role")) and obj[0].lemma_.lower() not in _PERSON_NOUNS
                    and not together and obj[0].lemma_.lower() not in _MEALS
                    and not _credentials_from_someone(obj[0], verb)  # ("received credentials from the new ambassador")
                    # ("visited Asunción, during which both leaders issued a declaration": the pair met there)
                    and not _DURING_WHICH_THE_TWO.match(text, obj[0].idx + len(obj[0].text))):
                # ("Kagame and his guest Museveni visited a model village": together; "hosted a dinner in honour
                # of X": a guest)
                return _NO_MEETING  # "welcomed the decision", "received a message", "hosting the summit": no one met
            if obj and obj[0].lemma_.lower() in _MEALS:
                heads.append(obj[0])  # "hosted a dinner banquet for X": the guest the meal is for
                host_of_meal = verb  # "hosted a reception in Hanoi on May 3 for X": the parse may hang "for" on the verb
            passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
            agent = [c for c in verb.children if c.dep_ == "agent"]
            if (passive and agent and passive[0].lower_ not in _PRONOUN_SUBJECTS | _HONORIFIC_SUBJECTS
                    and not idx.between(*char_span(passive[0].subtree), kinds=("name", "role"))
                    and len({m.key for m in idx.between(*char_span(agent[0].subtree), kinds=("name", "role")) if m.key}) >= 2):
                return _NO_MEETING  # "The delegation was received by A and B": the hosts, one side, did not meet each other
            subject = [c for c in verb.children if c.dep_ == "nsubj"]
            if (subject and obj and subject[0].lower_ not in _PRONOUN_SUBJECTS | _HONORIFIC_SUBJECTS
                    and subject[0].tag_ not in ("WP", "WDT")
                    and not idx.between(*char_span(subject[0].subtree), kinds=("name", "role", "pronoun"))
                    and len({m.key for m in idx.between(a, b, kinds=("name", "role")) if m.key}) >= 2):
                return _NO_MEETING  # "The First Couple welcomed A and his wife B": the guests, one side, with a host
                # the text does not name: they did not meet each other
    spans: list[tuple[int, int]] = [accompanied] if accompanied else []
    inner: list[tuple[int, int]] = []  # relative clauses inside an argument: "Egypt, whose president, X, was to join"
    pronoun_subject = False
    plural_subject: list[str] = []
    honorific: str | None = None
    protagonist: str | None = None
    for h in heads + ([subject_only] if subject_only is not None else []):
        for child in h.children:
            if child.dep_ == "csubj" and child.lemma_.lower() == "visit" and child.i < h.i:
                spans.append((char_span(child.subtree)[0], h.idx))  # "Visiting Maldives President X had talks with A"
                continue  # (the parse makes the visitor the participle's object)
            if h is subject_only and child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if child.dep_ in _ARGUMENT_DEPS or (child.dep_ == "prep" and child.lower_ in _ARGUMENT_PREPS) or (
                    # "hosted a dinner in honour of X", "a luncheon for X": the guest
                    child.dep_ == "prep" and ((child.lower_ == "in" and _in_honour_of_someone(child, idx))
                                              or (child.lower_ == "for" and (h.lemma_.lower() in _MEALS or h is host_of_meal)))) or (
                    # "met with A today and President B yesterday": the parse may join B's title to the verb
                    child.dep_ == "conj" and child.pos_ == "PROPN" and h.i == tok.i and h.pos_ == "VERB"):
                if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ == "they" and h.i == tok.i and (
                        group := _plural_subject_before(sent, idx, quoted)):
                    plural_subject = group  # "A, B and C arrived in Kyiv ... They met with D": the three
                    continue
                if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in _PRONOUN_SUBJECTS:
                    pronoun_subject = True
                    continue
                if (child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("who", "that") and h.dep_ == "relcl"
                        and h.lemma_.lower() == "meet" and h.i == tok.i):
                    spans.append(_own_span(h.head))  # "Lukashenko, who last met with Putin in December": Lukashenko
                    continue
                if (child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in _HONORIFIC_SUBJECTS
                        and not idx.between(*char_span(child.subtree), kinds=("name", "role"))):
                    honorific = pronoun_person(f"his {child.lower_}", child.idx, tops, idx)
                    continue  # "Earlier this week, His Majesty received President X": the king of the story
                a, b = char_span(child.subtree)
                if child.dep_ in ("nsubj", "nsubjpass") and child.i < h.i:
                    b = min(b, h.idx)  # a subject before its verb ends there: the parse may hang a clause
                    # at the sentence's end on it ("X arrived ... to meet A, the two commitments of B")
                if child.dep_ not in ("nsubj", "nsubjpass") and re.match(r"\s*;", text[b:sent.end_char]):
                    # "met with A of Zambia; B, President of Ghana; and C": the parse stops at the
                    # first semicolon, the list runs on while each part names someone
                    seg = text[sent.start_char:sent.end_char]
                    b = sent.start_char + _list_end(seg, b - sent.start_char, sent.start_char, idx)
                elif child.dep_ not in ("nsubj", "nsubjpass") and _LIST_GOES_ON.match(
                        text, b := b - (text[b - 1 : b] == ","), sent.end_char):
                    # "from Ambassador A of France, Ambassador B of Rwanda, and Ambassador C": the parse
                    # hangs the list's later names on the verb; the list runs on while its parts name people
                    # (from the comma that may close the argument's subtree)
                    seg = text[sent.start_char:sent.end_char]
                    end = sent.start_char + _list_end(seg, b - sent.start_char, sent.start_char, idx)
                    if not any(t.pos_ in ("VERB", "AUX") for t in sent if b <= t.idx < end):
                        b = max(b, end)
                if child.dep_ not in ("nsubj", "nsubjpass") and _ENDS_IN_TITLE.search(text, a, b):
                    # "with First Minister A and Deputy First Minister B": the parse may hang B's name
                    # elsewhere, the argument ending at B's title; the name right after it is the argument's
                    b = max([b] + [m.end for m in idx.between(b, min(b + 80, sent.end_char), kinds=("name",))
                                   if not text[b : m.start].strip()])
                spans.append((a, b))
                inner += [char_span(r.subtree) for r in child.subtree if r.i != child.i and (r.dep_ == "relcl" or (
                    r.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in r.children)) or (
                    # "met with A, followed by a meeting with B and C": a meeting of its own, told next
                    r.dep_ in ("acl", "advcl") and r.lemma_.lower() in ("follow", "precede") and any(
                        t.lemma_.lower() in _MEETING_NOUNS for t in r.subtree)))]
                # (nor a clause of time inside it: "a visit to Libya, the first since X took office")
    if (tok.pos_ == "NOUN" and tok.i != heads[0].i) or subject_only is not None:
        clause = subject_only if subject_only is not None else heads[0]
        named_subject = any(c.dep_ in ("nsubj", "nsubjpass") and idx.between(*char_span(c.subtree), kinds=("name", "role"))
                            for c in clause.children)
        # "The message was delivered by X during his meeting with Y": a passive clause's agent is whose meeting
        by_agent = next((char_span(c.subtree) for c in clause.children if c.dep_ == "agent" and not named_subject
                         and idx.between(*char_span(c.subtree), kinds=("name", "role"))), None)
        for c in tok.children:  # "It followed his meeting with X", "Brown's meeting with X": whose meeting it was
            if c.dep_ == "poss" and c.lower_ in ("his", "her") and by_agent is not None:
                spans.append(by_agent)
            elif c.dep_ == "poss" and c.lower_ in ("his", "her"):
                pronoun_subject = pronoun_subject or not named_subject  # (else "his" is the named subject's)
            elif c.dep_ == "poss" and c.lower_ != "their":
                spans.append(char_span(c.subtree))
        if (not named_subject and tok.dep_ == "pobj" and tok.head.lower_ in ("during", "in")
                and not any(c.dep_ in ("poss", "det") and c.lower_ not in ("the",) for c in tok.children)
                and any(c.dep_ == "prep" and c.lower_ == "with" and any(
                    o.dep_ == "pobj" and idx.between(*_up_to_comma(text, char_span(o.subtree)), kinds=("name", "role"))
                    for o in c.children)
                    for c in tok.children)):  # (someone named: not "with the highest officials of Estonia")
            # "During the talks with X, the sides discussed ...": the one the story is about, named first, met X
            protagonist = next((m.key for m in idx.mentions if m.kind == "name" and m.key), None)
    v = subject_only if subject_only is not None else heads[0]
    # "Lee will see Xi hours after meeting Xia": through the preposition to the verb it hangs on
    gov = v.head.head if v.dep_ == "pcomp" and v.tag_ == "VBG" and v.head.dep_ == "prep" else v.head
    purpose = (v.dep_ == "advcl" and gov.lemma_.lower() in _JOURNEY_LEMMAS  # "X traveled to Mexico to hold talks with A"
               and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children))
    if ((v.dep_ in ("conj", "pcomp") or (v.dep_ in ("advcl", "xcomp") and v.tag_ == "VBG") or purpose) and v.pos_ in ("VERB", "AUX")
            and gov.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)):
        # "X arrived in Caracas and previously held meetings with A and B", "X was in Tallinn on Wednesday,
        # meeting both A and B": the governing verb's subject
        for c in gov.children:
            if c.dep_ == "nsubj" and c.lower_ in _PRONOUN_SUBJECTS:
                pronoun_subject = True
            elif c.dep_ == "nsubj":
                a, b = char_span(c.subtree)
                spans.append((a, min(b, gov.idx) if c.i < gov.i else b))
    if not spans and not plural_subject:
        return None
    out: list[str] = list(plural_subject)
    if pronoun_subject and not out:
        topic = _antecedent_in_sentence(v, idx) or tops.before(sent.start_char)
        if topic:
            out.append(topic)
    if honorific:
        out.append(honorific)
    if protagonist and protagonist not in out:
        out.append(protagonist)
    for m in idx.between(sent.start_char, sent.end_char, kinds=("name", "role")):
        if (m.key and not _inside(m.start, quoted) and any(a <= m.start < b for a, b in spans)
                and not any(a <= m.start < b for a, b in not_principal) and not any(a <= m.start < b for a, b in inner)
                and m.key not in out and m.key not in present
                and not _possessor_only(text, m.end)):  # "paid by Jared Kushner, Trump's son-in-law": not Trump
            out.append(m.key)
    return out


_COUNTERPARTS_FROM = re.compile(
    r"\bcounterparts\s+(?:from|of)\s+(?P<list>(?:the\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*)*"
    r"(?:(?:,\s+|,?\s+and\s+)(?:the\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*)*)+)")


_SUBJECT_ASIDE = re.compile(r",?\s+(?:accompanied|joined|flanked|together\s+with|along\s+with|alongside|with|who|which)\b")


def _an_envoy(key: str, idx: PeopleIndex) -> bool:
    """Whether the text or the knowledge base makes ``key`` an ambassador, a high commissioner or another envoy."""
    entry = idx.entries.get(key)
    return any(m.key == key and m.office in _ENVOY_OFFICES for m in idx.mentions) or (
        entry is not None and any(o.office in _ENVOY_OFFICES for o in entry.offices))


def _plural_subject_before(sent: Any, idx: PeopleIndex, quoted: Ranges, back: int = 3) -> list[str]:
    """What "they" opening a clause stands for: the people joined as the subject of one of the ``back`` sentences
    before ("Poland's A, Slovenia's B and the Czech Republic's C, accompanied by D, are the first leaders to visit
    ..."), none when a sentence between has a plural subject of its own that names no one."""
    doc = sent.doc
    k = sent.start - 1
    while back > 0 and k >= 0:
        prev = doc[k].sent
        k = prev.start - 1
        if _inside(prev.root.idx, quoted):
            continue  # (the sentences of a quote are not the story's)
        back -= 1
        root = prev.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        if subj.lemma_.lower() == "delegation":
            return _led_by_before(doc_text(doc), prev.start_char, idx)  # "The delegation ... They were welcomed by X"
        if subj.lower_ in ("they", "we") or subj.tag_ in ("NNS", "NNPS"):
            return []  # "The talks ...", "They ...": a plural subject nearer, no named group
        text = doc_text(doc)
        a, b = char_span(subj.subtree)
        b = min(b, root.idx)
        if (aside := _SUBJECT_ASIDE.search(text, a, b)) is not None:
            b = aside.start()  # (not who accompanied them)
        keys = list(dict.fromkeys(m.key for m in idx.between(a, b, kinds=("name",)) if m.key and not _inside(m.start, quoted)))
        if len(keys) >= 2 and re.search(r"\sand\s", text[a:b]):
            return keys
    return []


def _counterparts_from(text: str, s: int, e: int, idx: PeopleIndex, kb: Any, who: str) -> list[str]:
    """The people "his counterparts from A, B and C" names: for each country listed, the one person
    of the text from there (by the knowledge base or the title the text gives), in the list's order."""
    m = _COUNTERPARTS_FROM.search(text, s, e)
    if m is None:
        return []
    out: list[str] = []
    for part in re.split(r",\s+(?:and\s+)?|\s+and\s+", m.group("list")):
        code = kb.country_code(re.sub(r"^the\s+", "", part).strip())
        if code is None:
            continue
        there = {n.key for n in idx.mentions if n.kind in ("name", "role") and n.key and n.key != who
                 and of_country(n.entry, n.office_country, code)}
        if len(there) == 1:
            out.append(next(iter(there)))
    return out


_NO_QUOTES = Ranges(())


def _told_pair_by_pair(drafts: list[MeetingDraft], text: str) -> list[MeetingDraft]:
    """Leave out a meeting of three or more when the text tells one of them meeting each of the
    others on their own ("meeting with both his counterpart A, and Prime Minister B", then "He also
    met B"), unless its sentence says they sat together (a trilateral, a joint session)."""
    pairs = {frozenset(d.participants) for d in drafts if len(d.participants) == 2 and not d.earlier}
    out = []
    for d in drafts:
        ps = d.participants
        if (len(ps) >= 3 and not d.earlier and not _TOGETHER.search(text, *d.evidence)
                and any(all(frozenset((a, p)) in pairs for p in ps if p != a) for a in ps)):
            continue
        out.append(d)
    return out


def _between_both(sent: Any, at: int, idx: PeopleIndex) -> bool:
    """The trigger at ``at`` tells "a meeting between A and B", naming both (read even inside quotation
    marks: "“After the ceremony, a tete-a-tete meeting between A and B began,” the message says")."""
    tok = _token_at(sent, at)
    if tok is None or not any(c.dep_ == "prep" and c.lower_ == "between" for c in tok.children):
        return False
    a, b = char_span(tok.subtree)
    return len({x.key for x in idx.between(a, b, kinds=("name",)) if x.key}) >= 2


_A_DELEGATION = re.compile(r"\b(?:met|received|hosted|welcomed|meets|receives)\s+(?:with\s+)?(?:a|the)\s+(?:[\w-]+\s+){0,3}?"
                           r"delegation\b")
# "met with a British delegation that included A, B and C": with no leader named, its first member heads it
_DELEGATION_INCLUDED = re.compile(r"\bdelegation,?\s+(?:(?:that|which)\s+)?(?:also\s+)?includ(?:ed|es|ing)\b")
_LED_BY = re.compile(r"\bdelegation,?\s+(?:was\s+|is\s+)?(?:led|headed)\s+by\s+")


_HIS_COUNTERPARTS = re.compile(r"\b(?:his|her)\s+(?:[A-Z][\w-]+\s+)?counterparts\b")


def _unnamed_subject(sent: Any, at: int, principals: list[str], idx: PeopleIndex) -> bool:
    """Whether the trigger's clause has a subject that names none of ``principals``."""
    tok = _token_at(sent, at)
    verb = _clause_verb(tok) if tok is not None else None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) if verb is not None else None
    if subj is None:
        return False
    a, b = char_span(subj.subtree)
    return not any(m.key in principals for m in idx.between(a, b, kinds=("name", "role")))


_AN_ENVOY = re.compile(r"\b(?:met|received|hosted|welcomed|meets|receives|hosts|welcomes)\s+(?:with\s+)?(?:(?:letters\s+of\s+)?"
                       r"(?:credentials?|credence)\s+from\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
                       r"(?:envoy|emissary|ambassador|high\s+commissioner)\b", re.I)
_MESSAGE_DELIVERED = re.compile(r"\b(?:delivered|conveyed|handed(?:\s+over)?|brought|carried|transmitted|presented)\s+"
                                r"(?:a|an|the|his|her)\s+(?:[\w-]+\s+){0,3}?(?:message|letter|credentials?|letters\s+of\s+credence)\b")


def _envoy_named_after(text: str, s: int, e: int, idx: PeopleIndex, quoted: Ranges) -> str | None:
    """The one person a following sentence (within two) names as delivering a message, a letter or credentials
    ("Foreign Minister Z delivered a special message to X", "Ambassador Z handed over his credentials to the
    president"), when the sentence ``s:e`` that received an unnamed envoy names him nowhere."""
    told = {m.key for m in idx.between(s, e, kinds=("name",))}
    m = _MESSAGE_DELIVERED.search(text, e, min(len(text), e + 500))
    if m is None or _inside(m.start(), quoted):
        return None
    ends = [e + x.end() for x in re.finditer(r"[.!?](?:\s|$)", text[e : m.start()])]
    if len(ends) > 1:
        return None
    start = ends[-1] if ends else e
    named = {x.key for x in idx.between(start, m.start(), kinds=("name", "role")) if x.key and not _inside(x.start, quoted)}
    return named.pop() if len(named) == 1 and not named & told else None


def _delegation_leader_after(text: str, s: int, e: int, idx: PeopleIndex, quoted: Ranges) -> str | None:
    """The person named right after "the delegation was led by" in the text that follows ``e`` (within
    about two sentences), else the first member of "a delegation that included A, B and C" in ``s:e``."""
    listed = _DELEGATION_INCLUDED.search(text, s, e)
    if listed is not None and not _LED_BY.search(text, s, e) and not _inside(listed.start(), quoted):
        first = [x for x in idx.between(listed.end(), e, kinds=("name",)) if x.key]
        return first[0].key if first else None
    m = _LED_BY.search(text, e, min(len(text), e + 1000))  # ("During the visit of the delegation, led by Y": paragraphs on)
    if m is None or _inside(m.start(), quoted):
        return None
    # right after it, past a title at most ("led by Mahanta Thakur and held talks, Kumar tweeted": not Kumar)
    after = [x for x in idx.between(m.end(), min(len(text), m.end() + 60), kinds=("name",)) if x.key
             and not re.search(r"[.;]|\band\b", text[m.end() : x.start])]
    return after[0].key if after else None


def _delegation_heads(sent: Any, at: int, kb: Any, drafts: list[MeetingDraft], idx: PeopleIndex) -> list[str]:
    """When a delegation is the subject that meets: the person of its country who led it in a meeting told before
    ("The North Macedonian delegation ... has also met with X": its principal), else the ones an earlier sentence
    says led it ("The delegation was led by A and B. ... The delegation held meetings with X")."""
    tok = _token_at(sent, at)
    verb = _clause_verb(tok) if tok is not None else None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) if verb is not None else None
    if subj is None or subj.lemma_.lower() not in ("delegation", "delegations"):
        return []
    words = [t.text for t in subj.subtree if t.i != subj.i and t.text[:1].isupper() and t.i < subj.i + 4]
    spans = [" ".join(words[i:j]) for i in range(len(words)) for j in range(len(words), i, -1)]
    country = next((c for w in spans if (c := kb.country_code(w.removesuffix("’s").removesuffix("'s")))), None)
    if country is not None:
        return next(([p] for d in drafts for p in d.participants
                     if idx.entries.get(p) is not None and of_country(idx.entries[p], None, country)), [])
    return _led_by_before(doc_text(sent.doc), sent.start_char, idx)


def _led_by_before(text: str, at: int, idx: PeopleIndex) -> list[str]:
    """The people the last "the delegation was led by A and B" before ``at`` names."""
    led = list(_LED_BY.finditer(text, max(0, at - 1500), at))
    if not led:
        return []
    end = _SENTENCE_END.search(text, led[-1].end(), at)
    return list(dict.fromkeys(m.key for m in idx.between(led[-1].end(), end.start() if end else at, kinds=("name",))
                              if m.key))


_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z])|\n")



def _token_at(sent: Any, at: int) -> Any:
    return next((t for t in sent if t.idx <= at < t.idx + len(t)), None)


def _clause_verb(tok: Any) -> Any:
    verb = tok
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


# verbs that make a meeting planned, wished or proposed ("expected to meet", "invited him to visit")
_PLAN_LEMMAS = frozenset({"expect", "plan", "schedule", "hope", "want", "intend", "propose", "invite", "seek", "suppose",
                          "prepare", "set", "due", "agree", "wish", "aim", "likely", "arrange", "look", "try", "attempt"})
_PLAN_NOUNS = frozenset({"invitation", "plan", "plans", "proposal", "request", "offer", "possibility", "prospect",
                         "opportunity", "preparation", "preparations", "agreement", "readiness", "intention",
                         "interest", "desire", "willingness", "wish", "hope", "attempt", "attempts", "effort", "efforts",
                         "bid", "arrangements", "purpose", "aim", "objective", "goal",
                         # ("informed him about the cancellation of the visit of X": a meeting not held)
                         "cancellation", "postponement", "suspension", "deferral"})
# a meeting noun's adjectives that make it one not (yet) held
_TO_BE_ADJ = frozenset({"possible", "potential", "proposed", "planned", "upcoming", "future", "prospective", "next",
                        "forthcoming", "hypothetical", "mooted", "envisaged", "eventual", "rescheduled", "postponed",
                        "scheduled", "anticipated", "awaited"})
_HABITUAL = frozenset({"always", "usually", "often", "regularly", "traditionally", "routinely", "normally", "generally"})
_FESTIVAL = re.compile(r"\b(?:on the occasion of|for)\s+(?:the\s+)?(?:Eid|Christmas|New Year|Nowruz|Norouz|Diwali|Ramadan|"
                       r"Easter|Hanukkah|Lunar New Year|Vesak|Holi|Independence Day|National Day)", re.I)
_NO_MEETING: list[str] = []  # the trigger states no meeting (compared by identity; never mutated)
_GREETING_LEMMAS = frozenset({"welcome", "receive", "greet", "hail", "host"})  # ("hosted X at the airport")
# an object that is someone even when the parse hangs their names elsewhere ("received his counterparts from the
# United States and Canada, Joe Biden and Justin Trudeau")
_TITLE_IN_OBJECT = re.compile(r"\b(?:Secretary|Minister|President|Ambassador|Envoy|Governor|Commissioner|Chair(?:man|woman|person)?)\b")
_COMMA_NAME = re.compile(r",\s+(?:(?:Mr|Mrs|Ms|Dr|H\.?E)\.?\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s+(?:van|von|de|der|da|al|el|bin)?\s*[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+){1,3}")
def _credentials_from_someone(obj: Any, verb: Any) -> bool:
    """Whether ``obj`` is credentials received "from" a person's noun ("received credentials from the new ambassador")."""
    return obj.lemma_.lower() in ("credential", "credentials", "credence") and any(
        c.dep_ == "prep" and c.lower_ == "from" and any(p.dep_ == "pobj" and p.lemma_.lower() in _PERSON_NOUNS for p in c.children)
        for c in (*obj.children, *verb.children))


_PERSON_NOUNS = frozenset({"counterpart", "guest", "leader", "delegation", "visitor", "president", "premier", "minister",
                           "ambassador", "envoy", "king", "queen", "prince", "emir", "chancellor", "head", "delegate",
                           # "received new Ambassador Extraordinary and Plenipotentiary of X to Y Name": the parse's head
                           "extraordinary", "plenipotentiary"})
# meet someone only when their object names someone ("visited the Urban Sustainability Hub": a place)
_OBJECT_LEMMAS = _GREETING_LEMMAS | {"host", "visit"}
# a greeting on arrival: hosts' officials at the airport or station are not a meeting
_ARRIVAL_SCENE = re.compile(r"\b(?:airport|air base|airbase|railway station|train station|on (?:his|her|their) arrival|"
                            r"upon (?:his|her|their)? ?arrival|on arrival|arriving|landed|red carpet)\b", re.I)
_FUTURE = frozenset({"will", "shall", "'ll", "wo", "would", "could", "might", "may", "should"})
_MEET_LEMMAS = frozenset({"meet", "convene", "gather"})
_DURING = frozenset({"during", "at", "after", "following", "throughout"})  # a time the meeting gives to what is done
_AT_A_MEETING = frozenset({"during", "at", "after", "before", "following", "in", "on", "ahead", "throughout", "for"})


_CAPTION = re.compile(r"\((?:left|right|centre|center|L|R|C)\)|\bPhoto:", re.I)
# a line ending with a photo credit: "... during his visit to Iraq yesterday. – Amiri Diwan",
# "... in Ankara. (Photo: AA)", "[Photo: PC]", "Photo: AFP", "(AP Photo/Evan Vucci)"
_CREDIT_END = re.compile(
    r"(?:[.!?”\"’)]\s*[–—-]\s*(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w&.’'/-]*\s?){1,4}"
    r"|[(\[](?:AP |Reuters |AFP )?(?:Photo|Picture|Image|Pic|File photo)\b[^)\]\n]{0,60}[)\]]"
    r"|\bPhoto(?: credit)?:\s*[^\n]{1,60}|(?<=[.!?] )File\s+(?:photo|picture|image)\.?"
    r"|(?<=[.!?] )[A-Z]{2,10}/[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+){0,3})\s*$")  # "... 2018. REUTERS/Jane Roe"


_IMAGE_FILE = re.compile(r"\.(?i:jpe?g|png|gif|webp)[ \t]*\n?$")


def in_caption(text: str, s: int, e: int) -> bool:
    """Whether text[s:e] lies on a line that ends with a photo credit: a caption, whose people
    pose for a picture and whose account is no evidence of the meeting. A line ending with a dash
    and a source is a caption only when it tells nothing in the past ("... shares a light moment
    with X. – Amiri Diwan"); a story line may end with its agency ("... paid a farewell call on
    the Prime Minister on Sunday. -PID")."""
    lo = text.rfind("\n", 0, s) + 1
    hi = text.find("\n", max(s, e - 1))
    line = text[lo : hi if hi >= 0 else len(text)]
    if _IMAGE_FILE.search(text, max(0, lo - 120), max(0, lo - 1)):
        return True  # the line under an image's file name ("LEADERS.JPG"): its caption
    credit = _CREDIT_END.search(line)
    if credit is None:
        return False
    return credit.group(0).lstrip(".!?”\"’) ")[:1] not in "–—-" or not _PAST.search(line)


_PAST = re.compile(r"\b(?:[a-z]{2,}ed|met|held|paid|said|told|gave|made|took|came|went|spoke|saw|led|began|was|were)\b")


def _leader_greets_leader(sent: Any, at: int, idx: PeopleIndex) -> bool:
    """A head of state or government who receives another at the airport ("Modi received his Japanese
    counterpart Shinzo Abe at the airport and then took him on a roadshow"): not hosts' officials."""
    tok = _token_at(sent, at)
    verb = _clause_verb(tok) if tok is not None else None
    if verb is None or _CAPTION.search(sent.text):
        return False  # (a photo caption's greeting is no account of a meeting)
    sides = [[c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")], [c for c in verb.children if c.dep_ in ("dobj", "agent")]]
    def leads(kids: list[Any]) -> bool:  # (by the title the text gives, else by any office the KB knows)
        return any(m.office in _HEAD_OFFICES | {"leader"} if m.office else (
                       m.entry is not None and any(o.office in _HEAD_OFFICES and not o.org for o in m.entry.offices))
                   for k in kids for m in idx.between(*char_span(k.subtree), kinds=("name", "role")))

    def counterpart_of(kids: list[Any], other: list[Any]) -> bool:  # "He was welcomed by his Slovak counterpart X"
        return (any(k.lower_ in ("he", "she") for k in kids) and leads(other)
                and any(t.lower_ in ("counterpart", "counterparts") for k in other for t in k.subtree))

    def named_counterpart(kids: list[Any], other: list[Any]) -> bool:  # "X was received by his counterpart, Y": peers
        return (any(t.lower_ in ("counterpart", "counterparts") for k in kids for t in k.subtree)
                and len({m.key for k in kids for m in idx.between(*char_span(k.subtree), kinds=("name",))}) == 1
                and any(idx.between(*char_span(k.subtree), kinds=("name",)) for k in other))  # (not a welcoming party)
    return all(leads(side) or counterpart_of(side, sides[1 - n]) for n, side in enumerate(sides)) or any(
        named_counterpart(side, sides[1 - n]) for n, side in enumerate(sides))


def _own_span(tok: Any) -> tuple[int, int]:
    """The characters of ``tok``'s phrase up to a relative clause of its own ("the weekly briefing,
    during which he previewed the meeting with X": the briefing, not who the clause names)."""
    a, b = char_span(tok.subtree)
    rel = [c for c in tok.children if c.dep_ == "relcl"]
    if rel:
        b = min(b, min(t.idx for t in rel[0].subtree))
    return a, b


def _not_a_new_meeting(sent: Any, at: int, *, greeting_counts: bool = False) -> bool:
    """The trigger states no meeting of its own: planned, wished or negated ("will meet",
    "expected to hold talks", "an invitation to visit", "did not meet", "no meeting"), or a
    meeting already told ("said during the meeting", "at the talks"). A greeting on arrival is
    no meeting unless ``greeting_counts`` (one leader receiving another)."""
    tok = _token_at(sent, at)
    if tok is None:
        return False
    if tok.dep_ == "amod" and tok.pos_ == "ADJ" and tok.head.pos_ == "NOUN":
        tok = tok.head  # "the next bilateral meetings": the trigger's noun, with its other adjectives
    verb = _clause_verb(tok)
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in tok.children):
        return True
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("host", "attend", "organise",
                                                                                      "organize", "chair"):
        return True  # "thanked him for hosting the G20 Summit": the gathering, not a meeting of the two
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() == "announce":
        return True  # "said in a statement announcing Chakwera's visit": one to come
    if (tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in ("of", "to")
            and tok.head.head.lower_ in ("ahead", "advance", "prior")):
        return True  # "The call comes ahead of a meeting between A and B", "prior to the talks": one to come
    if tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in _TO_BE_ADJ for c in tok.children):
        return True  # "reports about a possible meeting between him and X", "their next meeting": not held
    if tok.pos_ == "NOUN" and any(
            c.dep_ == "relcl" and c.lemma_.lower() in ("take", "hold", "happen", "occur")
            and any(a.dep_ in ("aux", "auxpass") and a.lower_ in _FUTURE for a in c.children) for c in tok.subtree):
        return True  # "the meeting with X, which will take place on Friday" (the parse may hang it on X): not held yet
    if tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in ("last", "previous", "earlier") for c in tok.children):
        return False  # "(invited him to visit,) following their last meeting in Vladivostok": a meeting told in passing
    if verb is not None:
        if any(c.dep_ == "neg" for c in verb.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
            return True  # "could be overcome if a meeting is held between A and B": a condition
        if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in verb.children):
            return True  # "is always warmly welcomed in Beijing": what happens, not what happened
        if verb.lemma_.lower() == "greet" and _FESTIVAL.search(sent.text):
            return True  # "greeted X and wished the people of Y on the occasion of Eid": a festival's greetings
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.children):
            return True
        if (verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children)
                and any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.head.children)):
            return True  # "X will meet A and pay a courtesy call on B": the call is to come as well
        if (any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and any(
                r.dep_ == "relcl" and (r.lemma_.lower() in _PLAN_LEMMAS or any(
                    a.dep_ == "aux" and a.lower_ in _FUTURE for a in r.children)) for r in verb.subtree)):
            return True  # "returned to meet X, who is expected to arrive on Monday": X is not there yet
        if (verb.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                and verb.head.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am") for c in verb.head.children)):
            return True  # "X is visiting Ottawa today to meet with Y": a visit under way, its meeting still to come
        if (verb.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                and any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.head.children)):
            return True  # "will remain in Mexico to continue their activities, among which the bilateral meeting ..."
        if (verb.tag_ == "VBG" and verb.lower_ in _SINCE_WORDS) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            # ("he will see X at a social event hosted by Y": a participle of a noun in a clause to come)
            gov = verb.head
            while gov.pos_ not in ("VERB", "AUX") and gov.head.i != gov.i:
                gov = gov.head
            if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in gov.children):
                return True  # "The two sides will sign several documents following their meeting": one to come
        if (verb.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                and any(c.dep_ == "dobj" and c.lower_ in _PLAN_NOUNS for c in verb.head.children)):
            return True  # "confirmed (his) interest to visit Georgia": the noun's wish, parsed beside it
        chain = verb
        # "is scheduled to travel to Benghazi later today to meet with X", "to hold a summit with X":
        # infinitives up to a plan, or to a plan's noun ("the possibility of visiting the US to hold a summit")
        # (and "to engage in discussions with X", but not "agreed to ... during a bilateral talk": what was agreed then)
        engaged_in = tok.head.dep_ == "prep" and tok.head.lower_ == "in" and tok.head.head.i == verb.i
        for _ in range(3 if tok.i == verb.i or tok.head.i == verb.i or engaged_in else 0):
            # ("agreed to make preparations for X to visit Japan": the parse may make the infinitive a ccomp)
            if chain.dep_ not in ("advcl", "xcomp", "ccomp") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in chain.children):
                break
            chain = chain.head
            if any(c.dep_ == "nsubj" and c.lower_ in _PLAN_NOUNS for c in chain.children):
                return True  # "The purpose of the visit is to engage in discussions with X": one to come
            if chain.lemma_.lower() in _PLAN_LEMMAS or (
                    chain.dep_ == "pcomp" and chain.head.dep_ == "prep" and chain.head.head.lower_ in _PLAN_NOUNS):
                return True
        up = tok
        for _ in range(5):  # "is expected to meet", "agreed to meet again", "looks forward to welcoming"
            head = up.head
            if up.dep_ == "prep" and head.pos_ == "VERB" and {"to", "be"} <= {c.lower_ for c in head.children
                                                                            if c.dep_ in ("aux", "auxpass")}:
                return True  # "the session, to be held in Algiers during the visit of X": a visit to come
            if head.i == up.i or (up.dep_ == "prep" and up.lower_ in _DURING and head.pos_ == "VERB"
                                  and head.lemma_.lower() not in _MEET_LEMMAS):
                break  # "During their meeting, they agreed to ...": what was agreed is not the meeting
                # (but "are set to meet at a separate summit": the summit is the meeting, and planned)
            if head.lower_ in ("opportunity", "chance") and head.head.lemma_.lower() == "have" and head.head.tag_ in ("VBD", "VBN"):
                break  # "he had the opportunity to meet X in Geneva": he met X
            if head.lemma_.lower() in _PLAN_LEMMAS or head.lower_ in _PLAN_NOUNS or (
                    up.dep_ == "prep" and any(c.dep_ in ("nsubjpass", "nsubj") and c.lower_ in _PLAN_NOUNS for c in head.children)):
                # ("arrangements are being made for a meeting in Washington": a plan's meeting)
                return True
            if head.pos_ in ("VERB", "AUX") and up.i == verb.i:
                break  # past the trigger's own clause: "At his reception ..., he asked ..."
            up = head
        if not greeting_counts and _greeting_on_arrival(sent, at):
            return True
    if re.match(r"\s*Had\s+\w", sent.text):  # "Had Suga's visit pushed through, ...": it did not happen
        return True
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ in _AT_A_MEETING:
        own = any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children)
        told = any(c.lower_ in ("the", "this", "that") for c in tok.children)  # not "their meeting": it tells one
        if told and not own:
            return True
    return tok.pos_ in ("NOUN", "PROPN") and (tok.head.lower_ in _PLAN_NOUNS or (
        tok.head.lower_ == "of" and tok.head.head.lower_ in _PLAN_NOUNS))  # ("the cancellation of the visit of X")


def _inside_planned(sent: Any, at: int, trig: list[re.Match[str]], readings: list[list[str] | None]) -> bool:
    """Whether the trigger at ``at`` lies in the clause of a trigger read as no meeting ("the possibility
    of visiting the US to hold a summit ... to coincide with the G-7 Summit": the summit is the visit's)."""
    tok = _token_at(sent, at)
    if tok is None:
        return False
    for t, r in zip(trig, readings, strict=False):
        other = _token_at(sent, t.start()) if r is _NO_MEETING else None
        if other is None or other.i == tok.i or not any(a.i == other.i for a in tok.ancestors):
            continue
        path, up = [], tok
        while up.i != other.i:
            path.append(up.dep_)
            up = up.head
        # through an infinitive or a preposition's clause, never a clause of its own ("... was received by X
        # and took part in meetings with him": a second verb, its meetings held)
        # (an infinitive or a gerund's clause: not "greeted at the airport by X, opening the first summit")
        if "conj" not in path and any(d in ("xcomp", "pcomp") for d in path) and not _greeting_on_arrival(sent, t.start()):
            return True
    return False


def _greeting_on_arrival(sent: Any, at: int) -> bool:
    tok = _token_at(sent, at)
    verb = _clause_verb(tok) if tok is not None else None
    return verb is not None and verb.lemma_.lower() in _GREETING_LEMMAS and (
        bool(_ARRIVAL_SCENE.search(sent.text)) or _arrival_before(sent, verb))


def _arrival_before(sent: Any, verb: Any) -> bool:
    """A passive greeting right after an arrival, in the sentence before or earlier in its own ("X arrived
    in Kabul on Saturday. The delegation was welcomed by top Afghan officials including ..."): the hosts'
    officials received the visitor on arrival."""
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return False
    if _ARRIVED.search(doc_text(sent.doc), sent.start_char, verb.idx):
        return True  # "X arrived in India on Thursday evening and was received by Minister of State Y"
    return sent.start > 0 and bool(_ARRIVED.search(sent.doc[sent.start - 1].sent.text))


_VISITED = re.compile(r"\bvisit(?:ed|s)\s+([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)?)")


def _city_visited(text: str, s: int, e: int, gaz: Gazetteer) -> PlaceFound | None:
    """The city a sentence says someone visited, named without a preposition ("had visited Baghdad")."""
    for m in _VISITED.finditer(text, s, e):
        for name in (m.group(1), m.group(1).split()[0]):
            city = gaz.town(name) if " " in name else gaz.city(name)
            if city:
                return PlaceFound(city, m.start(1), m.start(1) + len(name))
    return None


_HERE = re.compile(r"\bhere\b(?!\s+(?:is|are|was|were|and\s+there)\b)")
_ARRIVED = re.compile(r"\b(?:arrived|landed)\s+(?:here|in|at)\b", re.I)
_ARRIVAL = re.compile(r"\b(?:arrived|arrives|arriving|landed|lands)\s+(?:in|at)\b|\b(?:visit|trip|tour)\s+to\b|\b(?:tour|trip)\s+of\b"
                      r"|\b(?:his|her|their)\s+stay\s+in\b"  # ("Tshisekedi continues his stay in Addis Ababa")
                      r"|\b(?P<next>(?:travell?ed|travels|flew|flies)\s+to|(?:is|are)\s+visiting)\s+(?=[A-Z])"
                      r"|\b(?:reached|reaches)\s+(?=[A-Z])", re.I)


def _arrival_place(
    text: str, doc: Any, idx: PeopleIndex, d: MeetingDraft, gaz: Gazetteer, kb: Any, lex: Lexicon, quoted: Ranges,
    others: set[tuple[int, int]],
) -> PlaceFound | None:
    """Where a principal arrived ("Sheikh Tamim arrived in Tehran on Wednesday morning", "reached Dhaka"), not in a
    sentence that tells another meeting ("... weeks after Kim made a surprise visit to Beijing and met Xi")."""
    for s, e in _naming_a_principal(doc, idx, d):
        if (s, e) in others and (s, e) not in (d.evidence, *d.sentences):
            continue
        arrival = _ARRIVAL.search(text, s, e)
        if arrival is None or arrival.start() in quoted:
            continue
        # ("travelled to Vienna", "is visiting Singapore": the city named right there, not one further on:
        # "is visiting Lebanon ..., the French Embassy in Beirut said")
        found = None if arrival.group("next") else find_place(text, arrival.start(), e, gaz, kb, lex.landmarks, quoted=quoted)
        if found is None:  # "reached Dhaka around 2 pm": no preposition before the city
            reached = _CITY_NEXT.match(text, arrival.end(), e)
            for name in ([reached.group(1), reached.group(2)] if reached else []):
                city = gaz.town(name) if " " in name else gaz.city(name)
                if city:
                    found = PlaceFound(city, reached.start(1), reached.start(1) + len(name))  # type: ignore[union-attr]
                    break
        if found is not None:
            return found
    return None


_CITY_NEXT = re.compile(r"\s*(([A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*)(?:\s[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)?)")  # a city of one or two words right here


def _naming_a_principal(doc: Any, idx: PeopleIndex, d: MeetingDraft) -> list[tuple[int, int]]:
    """The spans of the sentences that name one of the meeting's principals."""
    return [(x.start_char, x.end_char) for x in sentences(doc)
            if any(m.key in d.participants for m in idx.between(x.start_char, x.end_char, kinds=("name", "role")))]


# a seat named by its kind only: the Royal Palace is the monarch's, the presidential palace the president's
# (or a head of state's or of government's seat that many countries name alike: "at the People's Palace", "at the
# National Palace", "at Government Buildings": the capital of the principal who holds the office; not "State House",
# which several countries have in several cities: Nairobi and Mombasa, Entebbe rather than Kampala)
_GENERIC_SEAT = re.compile(r"\b(?:at|to|in)\s+(?:the\s+)?(?:(?P<royal>[Rr]oyal\s+[Pp]alace)|"
                           r"(?P<presidential>[Pp]residential\s+(?:[Pp]alace|[Cc]omplex|[Rr]esidence|[Oo]ffice)|"
                           r"(?:People[’']s|National|Unity)\s+Palace|Palace\s+of\s+the\s+(?:Nation|People))|"
                           r"(?P<government>Government\s+(?:House|Buildings|Palace)|Prime\s+Minister[’']s\s+Office))\b")
_HEADS_OF_GOVERNMENT = frozenset({"prime_minister", "chancellor"})
_HEADS_OF_STATE = frozenset({"president", "head_of_state"})
_COURTESY_CALLS_ON = re.compile(r"\bcourtesy\s+calls?\s+on\b", re.I)
_MONARCHS = frozenset({"king", "emir", "sultan"})


def _seat_of_head(text: str, doc: Any, idx: PeopleIndex, d: MeetingDraft, kb: Any, gaz: Gazetteer,
                  quoted: Ranges, others: set[tuple[int, int]]) -> PlaceFound | None:
    """"received at the Royal Palace by the King", "at the presidential complex": the capital of the
    principal who holds that kind of office on the day (in a sentence of the meeting, or in one that names
    the holder: not the seat where another meeting of the trip was held)."""
    own = [d.evidence, *d.sentences]
    on = d.date.date if d.date is not None else None  # (who held the office then: Putin, not a prime minister in 2024)
    # a seat the text places in a town of its own ("at the State House in Réduit") is there wherever it is named
    placed = {_seat_words(x) for x in _GENERIC_SEAT.finditer(text) if _TOWN_NAMED_AFTER.match(text, x.end())}
    for s, e in own + [x for x in _naming_a_principal(doc, idx, d) if x not in others]:  # (not another meeting's)
        m = _GENERIC_SEAT.search(text, s, e)
        if m is None or _inside(m.start(), quoted) or _seat_words(m) in placed:
            continue
        kinds = _MONARCHS if m.group("royal") else _HEADS_OF_GOVERNMENT if m.group("government") else _HEADS_OF_STATE
        ever = [p for p in d.participants
                if (entry := kb.person(p)) is not None and any(o.office in kinds for o in entry.offices)]
        heads = [p for p in ever if on is not None and any(  # (or, when no one held it that day, who held it once:
            o.office in kinds and holds(o, on) for o in kb.person(p).offices)] or ever  # a president between terms)
        if len(heads) > 1:  # ("an audience granted by Paul Biya at the Unity Palace": the holder the sentence names)
            named = {x.key for x in idx.between(s, e, kinds=("name", "role"))}
            heads = [p for p in heads if p in named] or heads
        if len({_country(kb, p) for p in heads}) > 1 and (d.host in heads or d.visitor in heads):
            heads = [p for p in heads if p == d.host or (d.host is None and p != d.visitor)]  # the one visited
        countries = {_country(kb, p) for p in heads}
        if len(countries) == 1 and (country := countries.pop()) and (capital := gaz.capitals.get(country)):
            which = "royal" if m.group("royal") else "government" if m.group("government") else "presidential"
            return PlaceFound(capital, m.start(which), m.end())
    return None


_TOWN_NAMED_AFTER = re.compile(r"\s+in\s+(?:the\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ]")


def _seat_words(m: re.Match[str]) -> str:
    return " ".join(m.group(0).lower().split()[1:]).removeprefix("the ")


# ... or meetings told together: "met with the new ambassadors of the US, Germany and Japan individually at X"
_GATHERING = re.compile(r"\b(?:summit|conference|forum|week|session|meetings?|talks|visit|trip|tour)\b|\b(?:met|received)"
                        r"\s+(?:with\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}(?:ambassadors|envoys|delegations|counterparts)\b", re.I)


def _lead_place(
    text: str, doc: Any, idx: PeopleIndex, d: MeetingDraft, gaz: Gazetteer, kb: Any, lex: Lexicon, quoted: Ranges,
    others: set[tuple[int, int]],
) -> PlaceFound | None:
    """Where the story puts a principal's meetings, summit or visit in another sentence ("held
    separate meetings with the ambassadors in Hanoi yesterday. Welcoming ..."; "took part in the
    summit in Kampala. During the event he met ..."), not one that tells an earlier meeting (``others``: "followed
    discussions between A and C during the summit in Saint Petersburg")."""
    for s, e in _naming_a_principal(doc, idx, d):
        if (s, e) == d.evidence or (s, e) in d.sentences or (s, e) in others:
            continue
        gathering = _GATHERING.search(text, s, e)
        if gathering is None or gathering.start() in quoted or _EARLIER.search(text, s, e):
            continue  # ... or "following their last meeting in Vladivostok": another meeting's place
        found = find_place(text, s, e, gaz, kb, lex.landmarks, prefer_after=gathering.start(), quoted=quoted)
        if found is not None and _TO_COME.search(text, s, min(found.start, gathering.start())):
            continue  # "he will propose to Petro the holding of the Pacific Alliance Summit in Lima", "X will host Y in
            # Brisbane on Friday as Y continues a trip": one to come
        if found is not None and not _on_the_trip(found.name, text, d, lex, kb, gaz):
            continue  # ("his trip to Senegal, where he met X": not the city of his visit to Guinea)
        if found is not None:
            return found
    return None


_TO_COME = re.compile(r"\b(?:will|would|shall|plans?|planned|propos(?:e|es|ed|al)|expected|scheduled|upcoming|next)\b", re.I)
_VISIT_TO = re.compile(r"\b(?:visit(?:s|ed|ing)?|trip|tour|travell?(?:ed|ing)|arriv(?:ed|es|ing)|landed)\s+(?:to|in)\s+"
                       r"(?:the\s+)?([A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]+){0,2})")


_TO_COME_BEFORE = re.compile(r"\b(?:upcoming|forthcoming|next|due|scheduled|planned|will|to\s+be\s+held)\b[^.;]*$")
_IN_COUNTRY = re.compile(r"\bin\s+(?:the\s+)?([A-ZÀ-ÖØ-ÞĀ-ſ][\w-]+(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w-]+){0,2})(?=’s|'s|[\s,.;])")


def _visit_elsewhere(text: str, city: str, kb: Any, gaz: Gazetteer, quoted: Ranges,
                     own: list[tuple[int, int]]) -> bool:
    """Whether the story tells of a visit to a country the dateline's city is not in ("SEOUL (dpa)
    - ... Putin's visit to North Korea"), or the meeting's own sentences put it in one ("began talks
    at the spaceport in Russia's Far East"): the dateline is the reporter's bureau, not the meeting's place."""
    home = gaz.country_of.get(city)
    if home is None:
        return False
    visited = set()
    found = [m for m in _VISIT_TO.finditer(text)]
    for s, e in own:  # (not where something is still to come: "the upcoming Arab Summit due ... in Tunisia")
        found += [m for m in _IN_COUNTRY.finditer(text, s, e) if not _TO_COME_BEFORE.search(text, max(s, m.start() - 60), m.start())]
    for m in found:
        if _inside(m.start(), quoted):
            continue
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            code = kb.country_code(" ".join(words[:n]))
            if code:
                visited.add(code)
                break
    return bool(visited) and home not in visited


def _on_the_trip(city: str, text: str, d: MeetingDraft, lex: Lexicon, kb: Any, gaz: Gazetteer) -> bool:
    """Whether ``city`` may be the place of a meeting whose sentence tells it on a trip: in the country of the
    visit or trip told last before its last trigger ("His visit to Guinea followed his trip to Senegal on May 12th,
    where he met X": not Conakry), or any when no trip to a country is told."""
    s, e = d.evidence
    last = max((m.start() for m in lex.meeting_re.finditer(text, s, e)), default=s)
    trips = list(_VISIT_TO.finditer(text, s, last))
    if not trips:
        return True
    words = trips[-1].group(1).split()
    trip = next((c for n in range(len(words), 0, -1) if (c := kb.country_code(" ".join(words[:n])))), None)
    return trip is None or gaz.country_of.get(city) in (None, trip)


def _trigger_at(text: str, s: int, e: int, lex: Lexicon) -> int:
    m = lex.meeting_re.search(text, s, e)
    return m.start() if m else s


HOST_LEMMAS = frozenset({"receive", "host", "welcome", "greet"})
VISIT_LEMMAS = frozenset({"visit", "arrive", "travel", "fly", "come"})


def _roles_from_verbs(sent: Any, idx: PeopleIndex, d: MeetingDraft, tops: Topics) -> None:
    """"X received Y" makes X the host; "X arrived in / visited" makes X the visitor."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma == "pay" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("visit", "call") for c in tok.children):
            lemma = "visit"  # "X paid a courtesy visit to Y": X the visitor
        if lemma == "receive" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("welcome", "reception", "greeting")
                                      for c in tok.children):
            lemma = "visit"  # "X received a warm welcome from Y": X the one welcomed, the visitor
        if tok.pos_ != "VERB" or lemma not in HOST_LEMMAS | VISIT_LEMMAS:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        if subj.lower_ in ("he", "she"):
            key = tops.before(subj.idx)
        else:
            ms = [m for m in idx.at(*char_span(subj.subtree)) if m.key]
            key = ms[0].key if ms else None
        if key not in d.participants:
            continue
        if lemma in HOST_LEMMAS and d.host is None:
            d.host = key
        elif lemma in VISIT_LEMMAS and d.visitor is None:
            d.visitor = key


def _host_and_visitor(d: MeetingDraft, kb: Any) -> None:
    """The host is the participant from the country of the meeting place, when the text does not say."""
    if len(d.participants) != 2:
        return
    a, b = d.participants
    if d.host is None and d.visitor is not None:
        d.host = b if d.visitor == a else a
    if d.visitor is None and d.host is not None:
        d.visitor = b if d.host == a else a
    if d.host is None and d.place is not None:
        iso = kb.country_code(d.place.name)
        if iso:
            home = [p for p in d.participants if _country(kb, p) == iso]
            if len(home) == 1:
                d.host = home[0]
                d.visitor = b if d.host == a else a


# (and one meeting told as one: "held a meeting with the State leadership, namely A, B and C", "Those heads of
# state meeting with the US President were: ...", "gathered for a meeting with X")
_TOGETHER = re.compile(r"\b(?:together|jointly|joint|trilateral|quadrilateral|multilateral|summit|group|"
                       r"four-way|three-way|round\s*table|all\s+(?:three|four|five|the)|gathered|"
                       r"a\s+(?:[\w-]+\s+)?meeting\s+with|heads\s+of\s+(?:state|government)\s+meeting\s+with|"
                       # "welcomed A, as well as B and C, for a working meeting on ...": one meeting of them all
                       r"for\s+an?\s+(?:[\w-]+\s+){0,2}(?:meeting|session|dinner|lunch|luncheon|discussion))\b"
                       # "met with the foreign ambassadors recently accredited to Latvia: the Ambassador of A, X; ...":
                       # a group the sentence names as one, then lists
                       r"|\bwith\s+(?:all\s+)?the\s+(?:[\w-]+\s+){0,3}(?:ambassadors|envoys|ministers|leaders|heads|delegates|"
                       r"representatives|members|chiefs|governors|mayors)\b[^.;:,]{0,60}:", re.I)


def _in_relative_clause(sent: Any, at: int) -> bool:
    """The trigger at ``at`` stands in a relative clause ("X, who started a two-day visit on Tuesday")."""
    tok = _token_at(sent, at)
    for _ in range(6):
        if tok is None or tok.dep_ == "relcl":
            return tok is not None
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _place_of_part(text: str, s: int, e: int, who: str, principals: list[str], idx: PeopleIndex, gaz: Gazetteer,
                   kb: Any, lex: Lexicon, quoted: Ranges) -> PlaceFound | None:
    """The place the sentence gives ``who`` in its own part: from their name to the next principal's
    ("... A in Bamako on Saturday and B in Niamey on Sunday")."""
    starts = sorted(min((m.start for m in idx.between(s, e, kinds=("name", "role")) if m.key == p), default=e)
                    for p in principals)
    at = min((m.start for m in idx.between(s, e, kinds=("name", "role")) if m.key == who), default=None)
    if at is None:
        return None
    end = next((x for x in starts if x > at), e)
    return find_place(text, at, end, gaz, kb, lex.landmarks, quoted=quoted)


_ON_A_DAY = re.compile(r"\bon\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(today|yesterday)\b")


def _days_apart(text: str, s: int, e: int) -> bool:
    """Whether the people a trigger meets are each given a day of their own ("visited A in Bamako on
    Saturday and B in Niamey on Sunday"): one meeting each."""
    return len({m.group(1) or m.group(2) for m in _ON_A_DAY.finditer(text, s, e)}) >= 2


def _separate_before(text: str, before: list[tuple[int, int]], s: int, e: int) -> bool:
    """One of the two sentences before this one announces bilateral or separate meetings, and this
    one does not say they sat together."""
    return not _TOGETHER.search(text, s, e) and any(_SEPARATE_AHEAD.search(text, a, b) and not _TO_COME.search(text, a, b)
                                                    for a, b in before[-3:-1])  # (not "is scheduled to hold bilateral talks")


_BESIDES = re.compile(r"\s*(?:Besides|Beside|Alongside|Apart\s+from|In\s+addition\s+to|Along\s+with|Together\s+with)\s+")
def _besides_meeting(text: str, s: int, e: int, principals: list[str], drafts: list[MeetingDraft],
                     idx: PeopleIndex) -> MeetingDraft | None:
    """The meeting told before whose people the sentence names, one of them in its opening "Besides X," phrase."""
    besides = _BESIDES.match(text, s)
    if besides is None:
        return None
    comma = text.find(",", besides.end(), e)
    opening = {m.key for m in idx.between(besides.end(), comma if comma >= 0 else e, kinds=("name", "role"))}
    return next((d for d in reversed(drafts) if not d.earlier and set(d.participants) <= set(principals) | opening
                 and opening & set(d.participants)), None)


# a post or a message about a meeting: "shared the details in a post on X", "Earlier on Thursday, X shared that ..."
_POSTED = re.compile(r"\b(?:shared|posted|tweeted|wrote)\b(?:[^.;]{0,60}?\b(?:on|in|via)\s+(?:a\s+)?(?:post|tweet|X|Twitter|"
                     r"Facebook|Instagram|social\s+media)\b|\s+that\b)")


def _a_post_s_date(text: str, s: int, e: int, at: int) -> bool:
    """Whether the date found at ``at`` dates a post the sentence tells of (before its verb, or in its own phrase:
    "in a post on X on Thursday"), not the meeting."""
    posted = _POSTED.search(text, s, e)
    return posted is not None and (at < posted.start() or posted.end() <= at <= posted.end() + 20)


_MET_SEPARATELY = re.compile(r"\bmet\s+(?:[\w-]+\s+){0,2}?separately\b|\bseparate(?:ly)?\s+(?:with\s+)?(?:each|them)\b", re.I)


def _separately_next(text: str, e: int) -> bool:
    """One of the next two sentences says the ones just listed were met one at a time ("According to a release,
    the leader met separately with the foreign dignitaries on Tuesday")."""
    ends = [m.end() for m in re.finditer(r"[.!?](?:\s|$)", text[e : e + 600])][:2]
    return bool(ends) and _MET_SEPARATELY.search(text, e, e + ends[-1]) is not None


def _one_by_one(principals: list[str], text: str, s: int, e: int, kb: Any, idx: PeopleIndex) -> bool:
    """One leader who "conferred with" or "received" three leaders of three other countries (or three
    holders of three offices), with nothing saying they sat together, met each of them: a meeting each (a country from the
    knowledge base, else from the title the text gives: "Vice-President of Seychelles Ahmed Afif")."""
    told = [(m.start, m.key) for m in idx.between(s, e, kinds=("name", "role")) if m.key in principals]
    if len(told) > 2 and all(k != told[-1][1] for _, k in told[:-1]) and {k for _, k in told} == set(principals) and (
            re.fullmatch(r"[^.;:]*?\s(?:visited|arrived\s+in|travell?ed\s+to|came\s+to)\s[^;:]*", text[told[-2][0] : told[-1][0]])):
        return False  # "A, B and C visited Luxembourg to discuss Europe with D": the visitors came as one party
    others = {_country(kb, p, idx) for p in principals[1:]} - {None, _country(kb, principals[0], idx)}
    # or three holders of three offices the sentence names ("met with the President, A, the Speaker, B,
    # the Head of Government, C, and the Foreign Minister, D"): each office receives a visitor on its own
    offices = {m.office for m in idx.mentions if s <= m.start < e and m.office and m.key != principals[0]}
    if len(principals) == 3 and len(others) == 2 and _COUNTRY_BY_COUNTRY.search(text, s, e) and not _TOGETHER.search(text, s, e):
        return True  # "met with the Foreign Ministers of Australia, A, and South Africa, B": each of his own country
    if len(principals) == 3 and len(others) == 2 and all(_an_envoy(p, idx) for p in principals[1:]) \
            and not _TOGETHER.search(text, s, e):
        return True  # "received the first visit of the Ambassador of Montenegro A and the Finnish Ambassador B": each
        # envoy calls on his own
    if (call := _COURTESY_CALLS_ON.search(text, s, e)) and not _TOGETHER.search(text, s, e) and len(
            {m.key for m in idx.between(call.end(), e, kinds=("name", "role")) if m.key in principals}) >= 3:
        return True  # "paid a courtesy call on President A, Prime Minister B and C": a call on each
    return (len(principals) >= 4 and (len(others) >= 3 or len(offices) >= 3) and not _TOGETHER.search(text, s, e)
            and not _travel_together(principals, text, s, e, idx))


_MONARCHS = frozenset({"king", "emir", "sultan"})


_SPOUSE_TITLE_BEFORE = re.compile(r"\b(?:Madame|Madam|Mme\.?|Mrs\.?|First\s+Lady)\s+$")


def _one_couple(participants: list[str], text: str, idx: PeopleIndex) -> bool:
    """Whether a pair is a leader and their spouse, named with a spouse's title and the same family name ("Prime
    Minister Feleti Teo and Madame Tausaga Teo"): a couple travelling together, not a meeting of theirs."""
    if len(participants) != 2 or len({p.split()[-1] for p in participants}) != 1 or len(set(participants)) != 2:
        return False
    family = participants[0].split()[-1]
    givens = [p.split()[0] for p in participants]
    # or the two given names joined before the one family name: "Emmanuel and Brigitte Macron made a state visit"
    joined = re.search(rf"\b(?:{re.escape(givens[0])}\s+and\s+{re.escape(givens[1])}|{re.escape(givens[1])}\s+and\s+"
                       rf"{re.escape(givens[0])})\s+{re.escape(family)}\b", text)
    return joined is not None or any(m.key in participants and _SPOUSE_TITLE_BEFORE.search(text, max(0, m.start - 15), m.start)
                                     for m in idx.mentions)


def _one_royal_household(participants: list[str], kb: Any) -> bool:
    """Whether a pair is a monarch and a royal of their own country who holds no office (a consort, a
    prince): "an audience with the King and Queen" is the couple receiving together, not a meeting of theirs."""
    if len(participants) != 2:
        return False
    a, b = (kb.person(p) for p in participants)
    if a is None or b is None or a.country != b.country:
        return False
    return any(not x.offices and any(o.office in _MONARCHS for o in y.offices) for x, y in ((a, b), (b, a)))


def _named_before(people: list[str], idx: PeopleIndex, s: int, at: int) -> bool:
    """Whether all ``people`` are named before the trigger at ``at``: the verb's co-subjects ("Scholz, Macron,
    Draghi and Iohannis visited Irpin"), not the ones the first of them met one by one."""
    before = {m.key for m in idx.between(s, at, kinds=("name", "role"))}
    return all(p in before for p in people)


def _travel_together(principals: list[str], text: str, s: int, e: int, idx: PeopleIndex) -> bool:
    """Whether three or more of the ones a leader met are named together, without him, in another
    sentence of the text ("Earlier, Scholz, Macron, Draghi and Iohannis visited Irpin"): a party
    travelling as one, whose talks with him were one meeting."""
    others = set(principals[1:])
    for seg in re.finditer(r"[^.!?\n]+", text):
        if seg.start() < e and s < seg.end():
            continue
        keys = {m.key for m in idx.between(seg.start(), seg.end(), kinds=("name",))}
        if principals[0] not in keys and len(keys & others) >= 3:
            return True
    return False


# a plural title, then each country with its holder: "the Foreign Ministers of Australia, Kevin Rudd, and South Africa, ..."
_COUNTRY_BY_COUNTRY = re.compile(r"\b(?:[A-Z][a-z]+\s+)?(?:Ministers|Presidents|Premiers|Leaders|counterparts|ministers|presidents|"
                                 r"leaders)\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2},\s+[A-Z][^,]{2,40},"
                                 r"\s+and\s+(?:the\s+)?[A-Z]")


def _country(kb: Any, name: str, idx: PeopleIndex | None = None) -> str | None:
    """A person's country: the knowledge base's, else (given the text's people) the one the text's title gives them."""
    entry = kb.person(name)
    if entry is not None:
        return getattr(entry, "country", None)
    return next((m.office_country for m in idx.mentions if m.key == name and m.office_country), None) if idx else None


def find_calls(
    text: str, doc: Any, idx: PeopleIndex, tops: Topics, lex: Lexicon, quoted: Ranges
) -> list[tuple[str, str, int, int]]:
    """Telephone and video calls: (caller, callee, sentence start, end). Not meetings, but a
    PLOVER CONSULT by telephone."""
    out: list[tuple[str, str, int, int]] = []
    for sent in sentences(doc):
        s, e = sent.start_char, sent.end_char
        call = lex.phone_re.search(text, s, e)
        if call is None or _inside(call.start(), quoted):
            continue
        subj, _ = tops.at(s)
        names = [m.key for m in idx.between(s, e, kinds=("name", "role")) if m.key and not _inside(m.start, quoted)]
        people = ([subj] if subj else []) + [n for n in names if n != subj]
        people = list(dict.fromkeys(p for p in people if p))
        if len(people) >= 2:
            out.append((people[0], people[1], s, e))
    return out
