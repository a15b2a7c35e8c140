"""Who said it: attribute each quoted span to a speaker, and tell speech from scare quotes.

Cues, in order: a cue right after the quote (“...,” the Leader said / said X / he added), a cue
before it in the same sentence (X said, “...” / X said: / adding, “...”), "according to X",
the subject of a reported-speech sentence for fragments, and for a quote with no cue, the
speaker of the previous quote (a paragraph that continues the previous speaker) or the topic
person (the last sentence subject). Mentions inside quotes never count as speakers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from .lexicon import Lexicon
from .people import PRONOUNS, Mention, MentionList, PeopleIndex
from .quotes import QuoteSpan, embedded, is_name_like, words
from .sentences import sentences
from .spans import Ranges, char_span, doc_text

# pronouns and bare honorifics ("His Majesty stressed that ...") stand for the topic person
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|(?:[Hh]is|[Hh]er)\s+(?:Majesty|Highness|Royal Highness|Eminence|Excellency|Holiness))\b")
_SENT_END = re.compile(r"[.!?](?=[\s”\"’']*(?:\s+[A-Z“\"‘(]|\s*$))|\n\s*\n")


@dataclass(frozen=True, slots=True)
class Attributed:
    span: QuoteSpan
    speaker: str | None
    kind: str  # direct | fragment
    confidence: float
    cue: tuple[int, int] | None


@dataclass(slots=True)
class Topics:
    """The topic person (last sentence subject that is a person) along the text."""

    starts: list[int]
    keys: list[str | None]
    speech: list[bool]

    def before(self, pos: int) -> str | None:
        i = bisect_right(self.starts, pos) - 1
        while i >= 0:
            if self.keys[i]:
                return self.keys[i]
            i -= 1
        return None

    def at(self, pos: int) -> tuple[str | None, bool]:
        i = bisect_right(self.starts, pos) - 1
        return (self.keys[i], self.speech[i]) if i >= 0 else (None, False)


def topics(doc: Any, idx: PeopleIndex, lex: Lexicon, quoted: Ranges) -> Topics:
    """Sentence subjects resolved to people; pronoun subjects carry the current topic on."""
    starts: list[int] = []
    keys: list[str | None] = []
    speech: list[bool] = []
    current: str | None = None
    text = doc_text(doc)
    for sent in sentences(doc):
        subj_key: str | None = None
        has_speech = False
        for tok in sent:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.speech_lemmas and not _inside(tok.idx, quoted):
                has_speech = True
        subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and not _inside(t.idx, quoted)]
        for n, tok in enumerate(subjects):
            if tok.lower_ in PRONOUNS:
                subj_key = current
                break
            span_start, span_end = char_span(tok.subtree)
            ms = [m for m in idx.at(span_start, span_end) if m.key and m.kind != "pronoun"]
            if not ms and tok.lower_.rstrip(".") in _HONORIFIC_SUBJECTS:
                # "Ms O’Neill said": the parse may take the honorific for the subject, the name for a modifier
                ms = [m for m in idx.at(span_end, span_end + 2) if m.key and m.kind != "pronoun"]
            if ms:
                # the head noun's own mention if any, else the first in the subject phrase
                own = [m for m in ms if m.start <= tok.idx < m.end]
                subj_key = (own or ms)[0].key
                break
            if tok.head.dep_ == "ROOT" and not any(o.head == tok.head for o in subjects[n + 1:]):
                break  # the main clause's subject is no person (a second subject of the same verb is a
                # mis-parse such as a dateline read as subject: "Addis Ababa, ... – Prime Minister X held")
        if subj_key is None:
            subj_key = _name_before_subjectless_verb(sent, text, idx, lex, quoted)
        if subj_key:
            current = subj_key
        starts.append(sent.start_char)
        keys.append(subj_key)
        speech.append(has_speech)
    return Topics(starts, keys, speech)


_HONORIFIC_SUBJECTS = frozenset({"mr", "ms", "mrs", "miss", "dr", "prof", "sir", "dame", "madam", "mme"})


def _name_before_subjectless_verb(sent: Any, text: str, idx: PeopleIndex, lex: Lexicon, quoted: Ranges) -> str | None:
    """The person named (or titled) right before a speech verb the parser gave no subject ("In the
    briefing, Chief of Protocol Robert Borje said ...", where the name was read as an apposition)."""
    for tok in sent:
        if (tok.dep_ == "ROOT" and tok.pos_ == "VERB" and tok.lemma_.lower() in lex.speech_lemmas
                and not _inside(tok.idx, quoted) and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
            named = [m for m in idx.at(sent.start_char, tok.idx) if m.key and m.kind in ("name", "role")
                     and not text[m.end : tok.idx].strip(" ,")]  # (or title: "..., the President of X noted")
            return named[-1].key if named else None
    return None


def _inside(pos: int, ranges: Ranges) -> bool:
    return pos in ranges


class SentenceEnds:
    """Sentence terminators outside quotes, found once; the sentence around a position by bisection."""

    def __init__(self, text: str, quoted: Ranges) -> None:
        found = [(m.start(), m.end()) for m in _SENT_END.finditer(text) if m.start() not in quoted]
        self.marks = [a for a, _ in found]
        self.ends = [b for _, b in found]
        self.length = len(text)

    def around(self, pos: int) -> tuple[int, int]:
        """Start and end of the sentence around ``pos`` (terminators inside quotes ignored)."""
        i = bisect_left(self.marks, pos)  # first terminator at or after pos
        start = self.ends[i - 1] if i > 0 else 0
        end = self.ends[i] if i < len(self.ends) else self.length
        return start, end


_REPORTED_CUE = re.compile(r"according to|(?:[\w ]*\b)?(?:reported|reports|quoted|cited)\b")
_INTRODUCES_A_QUOTE = re.compile(r"\b(?:said|says|added|stated|declared|replied|told\s+\w+)\s*:\s*$")


def attribute(
    text: str, spans: list[QuoteSpan], idx: PeopleIndex, tops: Topics, lex: Lexicon,
    *, strict: bool = False, spam: tuple[str, ...] = (), noun_at: Any = lambda pos: False,
    verb_at: Any = lambda pos: False, subject_of: Any = lambda pos: None,
) -> list[Attributed]:
    """Speech among ``spans``, attributed. ``strict`` (a spun document): only well-formed quotes;
    a quote whose opening mark is lost, or that carries injected spam, is never taken."""
    # a stray mark before the narration that introduces a quote ('“X reciprocated and said: “It was ...”'): the words
    # up to "said:" are the text's, and the quote is the one after them
    spans = [q for q in spans if not _INTRODUCES_A_QUOTE.search(text, q.start, q.end)]
    quoted = Ranges(q.marked for q in spans)
    outside = MentionList([m for m in idx.mentions if m.key and not _inside(m.start, quoted)])
    bounds = SentenceEnds(text, quoted)
    out: list[Attributed] = []
    prev: Attributed | None = None
    headline = _headline_end(text)
    for q in spans:
        body = text[q.start : q.end]
        if is_name_like(body) or q.open_mark < 0 or (strict and not q.balanced):
            continue
        if any(p in body for p in spam):
            continue
        ws = words(body)
        is_emb = embedded(text, q)
        kind = "fragment" if is_emb and (len(ws) < 12 or body[:1].islower()) else "direct"
        if len(ws) < 2 and not (is_emb and body[:1].islower()):
            continue  # a single quoted word is a label or a scare quote, unless woven into reported speech
        s_start, s_end = bounds.around(q.start)
        q_end = q.close_mark + 1 if q.close_mark >= 0 else q.end
        closed = body.rstrip().endswith((".", "!", "?")) and re.match(r"[ \t]*\n|[ \t]+(?!He\b|She\b)[A-Z]", text[q_end : q_end + 4])
        # “... in Pakistan.” Zabiullah Mujahid also tweeted ...: the quote ended its sentence (or its line); the next
        # one is not its cue
        speaker, conf, cue = (None, 0.0, None) if closed else _after_cue(text, q_end, s_end, outside, tops, lex, idx)
        if prev is not None and text[q.open_mark] in "–—" and prev.span.close_mark >= 0 and text[prev.span.close_mark] in "–—":
            speaker, conf, cue = prev.speaker, prev.confidence, prev.cue  # '"..., – he wrote. – ...": his words go on
        # ("“...,” according to X", "“...,” CNA reported": a source that reports someone's words, not its own)
        reported = speaker is None and cue is not None and bool(_REPORTED_CUE.match(text[cue[0] : cue[1]].lower()))
        if speaker is None and (cue is None or reported):
            # ("The king told Herzog that violence “...,” according to the news site Petra": the king's words, as the
            # site reports them)
            before = _before_cue(text, s_start, max(q.open_mark, q.start), outside, tops, lex, idx, subject_of)
            if cue is None or before[0] is not None:
                speaker, conf, cue = before
        if speaker is None and cue is None and kind == "fragment":
            speaker, cue = _said_closing(text, q_end, s_end, outside)
            conf = 0.7 if speaker else 0.0
        if (prev is not None and prev.speaker and _near(text, prev.span, q)
                and _HE_ADDED.match(text, q_end, min(len(text), q_end + 40))):
            speaker, conf = prev.speaker, 0.8  # "..., he added": the last speaker goes on
        talks_after = cue is not None and speaker is not None and bool(_TALKS_AFTER.match(text, q_end))  # said they had a “fruitful” discussion
        if (kind == "fragment" and len(ws) <= 3 and _ATTRIBUTIVE.match(text, q_end) and noun_at(_next_word(text, q_end))
                and _DETERMINER_BEFORE.search(text, max(0, q.open_mark - 12), max(q.open_mark, 0))
                and not talks_after):
            continue  # a quoted label used as a modifier: their “no limits” partnership (but: said they had a “fruitful” discussion)
        if (kind == "fragment" and len(ws) <= 4 and body[:1].isupper()
                and _DETERMINER_BEFORE.search(text, max(0, q.open_mark - 12), max(q.open_mark, 0))):
            continue  # a quoted name of a thing: the “Beijing agreement”
        if kind == "fragment" and len(ws) <= _LABEL_WORDS and _NAMED_PRINCIPLE.search(text, max(0, q.open_mark - 60),
                                                                                  max(q.open_mark, 0)):
            continue  # the name of a principle, not anyone's words: "under the principle of 'one country, two systems'"
        if len(ws) < 2 and (cue is None or _SO_CALLED.search(text, max(0, q.open_mark - 30), max(q.open_mark, 0))
                            or (_ATTRIBUTIVE.match(text, q_end) and noun_at(_next_word(text, q_end)) and not talks_after)
                            or (_DETERMINER_BEFORE.search(text, max(0, q.open_mark - 12), max(q.open_mark, 0))
                                and not talks_after)):
            continue  # one word with no reporting verb, "so-called", a modifier ('party-to-party' talks), a noun ("the 'centrepiece'")
        if kind == "fragment" and speaker is None and cue is None and not (
                q.start < headline and len(ws) >= 2 and body[:1].islower() and not verb_at(_last_word(text, q.open_mark))
        ) and not (len(ws) >= _LONG_FRAGMENT and body[:1].islower()):
            # (a clause of eight words or more woven into the sentence is someone's words, whoever's:
            # 'discussed "shared challenges and opportunities, including tackling the housing crisis"')
            # a short quoted phrase with no reporting verb around it: a scare quote (a headline
            # quotes speech without its verb: "Leaders' talks 'very constructive'", but not the
            # object of another verb: "agree to keep 'shuttle diplomacy' going")
            continue
        if speaker is None and cue is None:
            read = _DOCUMENT_READ.match(text, q_end)
            if read is not None:  # “...,” their statement read: a document's words
                own = outside.starting(read.start("owner"), read.end("owner")) if read.group("owner") else []
                if not own and read.group("doc").lower() in ("post", "tweet"):
                    own = _poster_before(text, q.start, outside)  # "Anwar, in a post on Facebook, said ...": his post
                speaker, conf = (own[0].key, 0.8) if own else (None, 0.0)
                cue = (read.start("verb"), read.end("verb"))
        if speaker is None and kind == "direct" and cue is None:
            if (prev is not None and prev.speaker is None and prev.cue is not None and _near(text, prev.span, q)
                    and ("\n" not in text[prev.span.end : q.start] or (
                        prev.kind == "direct" and _only_a_quote(text, q) and tops.at(q.start)[0] is None))):
                pass  # goes on with a joint or unnamed speaker's words in the same paragraph, or in a paragraph that
                # is only the quote ('..., the ministry said.' then '"..."'): still no one person
            elif (prev is not None and prev.speaker and _said_just_before(text, q.open_mark)
                  and (teller := tops.at(q.start)[0] or tops.before(q.start)) and teller != prev.speaker):
                speaker, conf = teller, 0.65  # "B said Taiwan is a partner. “Neither of ...”": B goes on, not A
            elif prev is not None and prev.speaker and _near(text, prev.span, q):
                speaker, conf = prev.speaker, 0.7
            elif (label := _label_line_speaker(text, q.open_mark, outside)) is not None:
                speaker, conf = label, 0.75  # a transcript's label line: "Dean Barrow, Prime Minister of Belize" then the words
            else:
                key, spoke = tops.at(q.start)
                topic = key or tops.before(q.start)
                if topic:
                    speaker, conf = topic, 0.6 if spoke else 0.45
        if not q.balanced:
            conf *= 0.7
        a = Attributed(q, speaker, kind, conf, cue)
        out.append(a)
        prev = a
    return out


_SAID_BEFORE = re.compile(r"\b(?:said|says|added|stressed|noted|stated|told)\b[^.!?\n“\"]{0,200}[.:]\s*$")


def _only_a_quote(text: str, q: QuoteSpan) -> bool:
    """Whether the quote's paragraph holds nothing but the quote."""
    line_start = text.rfind("\n", 0, q.open_mark) + 1
    line_end = text.find("\n", q.end)
    after = text[(q.close_mark + 1 if q.close_mark >= 0 else q.end) : len(text) if line_end < 0 else line_end]
    return not text[line_start : q.open_mark].strip() and not after.strip(" \t.,;:!?\u201d\"\u2019'")


def _said_just_before(text: str, open_mark: int) -> bool:
    """Whether the sentence right before an opening mark reports someone's words ("X said Y is ... ")."""
    return bool(_SAID_BEFORE.search(text, max(0, open_mark - 220), max(0, open_mark)))


_LONG_FRAGMENT = 8  # words
_LABEL_REST = re.compile(r"\s*(?:,\s*[^\n]{0,70})?$")
_NOT_A_SPEAKER_LABEL = re.compile(r",\s*(?:reporting|reporter|correspondent|producer|camera|editor)\b", re.I)


def _label_line_speaker(text: str, open_mark: int, outside: MentionList) -> str | None:
    """The person a broadcast transcript names on the line just above a quote that opens its line
    ("Dean Barrow, Prime Minister of Belize" / "“We naturally spoke ...”"), or None."""
    line_start = text.rfind("\n", 0, open_mark) + 1
    if open_mark < 0 or text[line_start:open_mark].strip() or line_start < 2:
        return None
    prev_end = line_start - 1
    while prev_end > 0 and text[prev_end - 1] in " \t\r\n":  # (over a blank line between paragraphs)
        prev_end -= 1
    prev_start = text.rfind("\n", 0, prev_end) + 1
    line = text[prev_start:prev_end]
    if not line.strip() or len(line) > 90 or line.rstrip()[-1:] in ".!?:”\"’'" or _NOT_A_SPEAKER_LABEL.search(line):
        return None
    first = len(line) - len(line.lstrip())
    named = [m for m in outside.starting(prev_start + first, prev_start + first + 1) if m.kind == "name"]
    if not named or not _LABEL_REST.match(text, named[0].end, prev_end):
        return None
    return named[0].key


# “...,” their statement read / the readout said / Sisi's statement added: the words of a document
_DOCUMENT_READ = re.compile(
    r"[\s,]*(?:(?:the|their|a|an|its|his|her|(?P<owner>[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)?)(?:’s|'s))\s+)?(?:\w+\s+){0,2}"
    r"(?P<doc>statement|readout|communiqu[eé]|release|declaration|letter|post|tweet|message)\s+"
    r"(?P<verb>read|reads|said|says|stated|states|added|adds|noted|notes)\b")
# "X, in a post on Facebook, said", "X wrote on X", "X tweeted": who wrote the post the text then quotes
_POSTED = re.compile(r"\b(?:in\s+a\s+(?:post|tweet)\b|posted\b|tweeted\b|wrote\s+on\b)", re.I)


def _poster_before(text: str, pos: int, outside: MentionList) -> list[Mention]:
    """The person who posted, named just before the last mention of posting in the 600 characters
    before ``pos``; none when no one is."""
    hits = list(_POSTED.finditer(text, max(0, pos - 600), pos))
    if not hits:
        return []
    at = hits[-1].start()
    named = [m for m in outside.starting(max(0, at - 80), at) if m.key and m.kind == "name"]
    return named[-1:]
_TALKS_AFTER = re.compile(r"[\s,]*(?:talks|discussions?|meetings?|visit|exchanges?|dialogue|conversations?|session)\b", re.I)
_ATTRIBUTIVE = re.compile(
    r"\s+(?!(?:and|or|but|to|of|in|on|for|with|as|at|by|from|that|which|who|is|are|was|were|be|been|has|have|had|"
    r"will|would|could|should|can|may|might|must|than|then|if|while|after|before|since|because|about|into|over|"
    r"against|between|during|through|toward|towards|under|without|within|despite|amid|its|their|his|her|the|a|an)\b)"
    r"[a-z][a-z-]+\b"
)


def _last_word(text: str, pos: int) -> int:
    """Start of the word before ``pos`` (-1 when none on the line)."""
    m = re.search(r"(\w[\w’'-]*)\W*$", text[max(0, pos - 40) : max(pos, 0)])
    return max(0, pos - 40) + m.start(1) if m else -1


def _headline_end(text: str) -> int:
    """End of the first line when it is a headline (short, no sentence inside), else 0."""
    stripped = text.lstrip()
    first = stripped.split("\n", 1)[0]
    if not first or len(first) > 220 or re.search(r"[.!?]\s+[A-Z]", first) or first.rstrip().endswith((".", ":")):
        return 0
    return len(text) - len(stripped) + len(first)


_HE_ADDED = re.compile(r"[\s,;—–-]*(?:he|she)\s+(?:added|adds|continued|went on)\b", re.I)
_SAID_X = re.compile(r"(?:,[^,.;\n]{0,100}?)?[,:]?\s*[\"“‘']?\s*")  # the name, an apposition, the quote
_SO_CALLED = re.compile(r"\b(?:so-called|so called|dubbed|termed|labelled|labeled|branded|nicknamed|"
                        r"call(?:s|ed|ing)?\s+(?:himself|herself|itself|themselves)(?:\s+(?:an?|the))?)\s+$", re.I)
# a principle, concept or slogan named by its words: "the principle of", "the slogan", "the concept of"
_NAMED_PRINCIPLE = re.compile(
    r"\b(?:the|a|its|their|his|her|our|[\w-]+(?:’s|'s))\s+(?:[\w-]+\s+)?(?:principles?|concepts?|notion|doctrine|slogans?|"
    r"mottos?|mantra|formula|maxim|motto|polic(?:y|ies))\s+(?:of\s+)?$", re.I)  # ("X's policy of 'a million friends'")
_LABEL_WORDS = 8
_DETERMINER_BEFORE = re.compile(r"\b(?:their|its|his|her|our|the|a|an|this|that|these|those|so-called)\s+$", re.I)


def _next_word(text: str, pos: int) -> int:
    m = re.compile(r"\s+").match(text, pos)
    return m.end() if m else pos


def _near(text: str, a: QuoteSpan, b: QuoteSpan) -> bool:
    """b follows a with at most one paragraph break and no long narration in between."""
    gap = text[a.end : b.start]
    return gap.count("\n\n") <= 1 and len(gap) < 400


# (after an apposition of the speaker's: "“...,” Daiva Ulbinaitė, spokeswoman for Grybauskaitė, told BNS")
_FILLER = re.compile(r"(?:\s*,\s*[^,.;:!?“”\"\n]{1,80}?,)?(?:\s+(?:has|had|also|later|then|further|again|on|in|at|to|reporters|journalists|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|the|a|statement|press|conference|news))*\s*$", re.I)


# the offices a bare honorific speaks of: "His Majesty" is the king of the story, not its last subject
_HONORIFIC_OFFICES = {
    "majesty": ("king", "sultan", "emperor", "queen"),
    "highness": ("emir", "crown_prince", "prince", "sultan", "king", "president"),
    "royal highness": ("crown_prince", "prince"),
    "eminence": ("supreme_leader", "cleric", "grand_ayatollah", "patriarch", "mufti"),
    "holiness": ("pope", "patriarch", "supreme_leader"),
}


def pronoun_person(word: str, pos: int, tops: Topics, idx: PeopleIndex | None) -> str | None:
    """He/she: the topic person. His Majesty / His Highness: the document's holder of such an office."""
    key = word.lower().split(None, 1)[-1] if " " in word else ""
    offices = _HONORIFIC_OFFICES.get(key)
    if offices and idx is not None:
        for name, entry in idx.entries.items():
            if entry is not None and any(o.office in offices for o in entry.offices):
                return name
    return tops.before(pos)


_LOWER_TITLES = frozenset({"the", "of", "and", "for", "minister", "president", "prime", "foreign", "defence", "defense",
                           "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "secretary", "chancellor",
                           "premier", "king", "queen", "emir", "deputy", "vice", "general", "chief"})


def _title_gap(gap: str) -> bool:
    """Only title words between a cue and a name ("said Saudi Foreign Minister Prince ...",
    "said minister Bustillo")."""
    return all(w[0].isupper() or w in _LOWER_TITLES for w in re.findall(r"[\w’'-]+", gap))


def _after_cue(
    text: str, q_end: int, s_end: int, mentions: MentionList, tops: Topics, lex: Lexicon,
    idx_people: PeopleIndex | None = None,
) -> tuple[str | None, float, tuple[int, int] | None]:
    """“...,” said X / “...,” X said / “...,” he added / “...,” according to X - right after the quote."""
    window_end = min(s_end, q_end + 160)
    lead = re.match(r"[\s,.;:!?—–-]*", text[q_end:window_end])
    off = q_end + (lead.end() if lead else 0)
    rest = text[off:window_end]
    cue = lex.cue_re.search(rest)
    if cue is None or cue.start() > 70:
        return None, 0.0, None
    cue_s, cue_e = off + cue.start(), off + cue.end()
    pron = _PRONOUN.match(rest)
    if pron and cue.start() - pron.end() <= 12:  # "he said" / "he later told reporters"
        return pronoun_person(pron.group(0), q_end, tops, idx_people), 0.8, (cue_s, cue_e)
    if cue.start() == 0 and cue.group(0).lower().endswith("ing"):
        return None, 0.0, None  # “...” adding that ...: the sentence's subject goes on, told before the quote
    if cue.start() == 0:  # said X / according to X
        after = [m for m in mentions.starting(cue_e, cue_e + 61) if _title_gap(text[cue_e : m.start])]
        if after:
            return after[0].key, 0.9 * after[0].confidence, (cue_s, cue_e)
        return None, 0.0, (cue_s, cue_e)  # said a diplomat who asked not to be named
    first = next(iter(mentions.starting(off, cue_s)), None)
    pair = mentions.starting(off, cue_s)
    if (first is not None and first.start - off <= 4 and len({m.key for m in pair}) >= 2
            and re.fullmatch(r"\s+and\s+", text[pair[0].end : pair[1].start])):
        return None, 0.0, (cue_s, cue_e)  # “...,” Trump and Trudeau said: joint words
    if (first is not None and (first.start - off <= 4 or _title_gap(text[off : first.start]))
            and _FILLER.fullmatch(text[first.end : cue_s])):
        return first.key, 0.9 * first.confidence, (cue_s, cue_e)  # X said / the Leader said / UN spokesman X said
    he = _HE_RIGHT_BEFORE.search(rest, 0, cue.start())
    if first is None and he is not None and he.start() > 0:
        # “...” in addition to the migration issue, he added: the words' speaker, past a phrase that qualifies them
        return pronoun_person(he.group(1), q_end, tops, idx_people), 0.75, (cue_s, cue_e)
    if first is None and ((cue.start() <= 40 and not re.search(r"\b(?:and|but|while|as|which|who)\b", rest[: cue.start()]))
                          or (re.match(r"(?:[Tt]he\s+)?[A-Z]", rest) and _title_gap(rest[: cue.start()]))):
        # one Gulf-based analyst said, the Minister for Education, Culture and Foreign Affairs said: a speaker the text does not name
        return None, 0.0, (cue_s, cue_e)
    return None, 0.0, None


# ", Meloni said." / ", Abela said, stating that ...": a named speaker closing the sentence a fragment is woven into
_SAID_CLOSING = re.compile(r",\s+(?P<who>(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*\s+){0,3}[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*)\s+"
                           r"(?P<verb>said|says|stated|added|noted|told\s+reporters)(?=\s*(?:[.!]\s*$|$|,\s+[a-z]+ing\b))")


def _said_closing(text: str, q_end: int, s_end: int, mentions: MentionList) -> tuple[str | None, tuple[int, int] | None]:
    """The speaker named at the end of a fragment's sentence ('defend “shared national interests” over “various
    topics” at summits, Meloni said.'), with no other speech verb between."""
    for m in _SAID_CLOSING.finditer(text, q_end, s_end):
        who = mentions.starting(m.start("who"), m.end("who"))
        if who and who[-1].end == m.end("who"):
            return who[-1].key, (m.start("verb"), m.end("verb"))
    return None, None


_WHO_SAID = re.compile(r",\s*who\s+(?:[a-z]+\s+)?$")  # the cue right after ", who" (", who later said")
_HE_OPENS = re.compile(r"(?:[Hh]e|[Ss]he)\s+")  # a cue that opens with its pronoun ("he said")
_HE_RIGHT_BEFORE = re.compile(r"(?:^|,\s*)([Hh]e|[Ss]he)\s+(?:\w+\s+)?$")  # ", he said", ", she later said"


def _before_cue(
    text: str, s_start: int, q_open: int, mentions: MentionList, tops: Topics, lex: Lexicon,
    idx_people: PeopleIndex | None = None, subject_of: Any = lambda pos: None,
) -> tuple[str | None, float, tuple[int, int] | None]:
    left = text[s_start:q_open]
    cues = list(lex.cue_re.finditer(left))
    if not cues:
        return None, 0.0, None
    cue = cues[-1]
    cue_s, cue_e = s_start + cue.start(), s_start + cue.end()
    if cue.group(0).lower().startswith("according to"):
        after = mentions.starting(cue_e, q_open)
        if after:
            return after[0].key, 0.85, (cue_s, cue_e)
        said = cues[-2] if len(cues) >= 2 and re.fullmatch(r"\s*,\s*", left[cues[-2].end() : cue.start()]) else None
        if said is not None:  # "Ho said, according to the statement, that his visit “...”": Ho's words, as reported
            cue = said
            cue_s, cue_e = s_start + cue.start(), s_start + cue.end()
        elif not _PRONOUN.match(text, cue_e + 1):
            return None, 0.0, (cue_s, cue_e)  # "According to the government, it will be a “meeting of friends”"
    subject = subject_of(cue_s)
    if subject is not None:
        # (a mention may begin before the subject the parse gives: "Hon. Sikua", the title read apart)
        own = [m for m in mentions.starting(subject[0] - 12, subject[1]) if subject[0] < m.end <= subject[1]]
        if len({m.key for m in own}) >= 2 and re.search(r"\band\b", text[subject[0] : subject[1]]):
            return None, 0.0, (cue_s, cue_e)  # "Trump and Trudeau said": joint words, no one speaker
        if own:
            return own[0].key, 0.9 * own[0].confidence, (cue_s, cue_e)
        if not _PRONOUN.search(text, subject[0], subject[1]):
            # a subject naming no person ("the government", "an Elysee source"): not anyone before it
            return None, 0.0, (cue_s, cue_e)
    if re.search(r"\bwhich\s+(?:(?:also|then|later|has|had|have)\s+)?$", text[s_start:cue_s]):
        return None, 0.0, (cue_s, cue_e)  # "said the statement, which described the meeting as “...”": a thing's words
    before = mentions.starting(s_start, cue_s)
    opens = _HE_OPENS.match(text, cue_s, cue_e)  # the cue may open with its pronoun ("he said")
    he = _HE_RIGHT_BEFORE.search(text, s_start, opens.end() if opens else cue_s)
    if before and he is not None and all(m.end <= he.start() for m in before):
        # "On his social meeting with Tatar, he said:": he is the one the story is about, not the one named before
        return pronoun_person(he.group(1), he.start(), tops, idx_people), 0.75, (cue_s, cue_e)
    who = _WHO_SAID.search(text, s_start, cue_s)
    if before and who is not None and (ante := [m for m in before if m.end <= who.start()]):
        # "The PM received MP X, who said that ...": the one the relative clause hangs on
        return ante[-1].key, 0.85 * ante[-1].confidence, (cue_s, cue_e)
    if before:
        return before[0].key, 0.85 * before[0].confidence, (cue_s, cue_e)
    pron = _PRONOUN.search(text, s_start, cue_e)
    if pron:
        return pronoun_person(pron.group(0), pron.start(), tops, idx_people), 0.75, (cue_s, cue_e)
    after = mentions.starting(cue_e, q_open)  # said X, “...” (not "said X would meet ...")
    if after and after[0].start - cue_e < 5 and _SAID_X.fullmatch(text, after[0].end, q_open):
        return after[0].key, 0.8, (cue_s, cue_e)
    if q_open - cue_e <= 30:  # "analysts said: ..." - a speaker the text does not name
        return None, 0.0, (cue_s, cue_e)
    return None, 0.0, None
