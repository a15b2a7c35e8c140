"""The extraction engine: people, meetings, quotes and PLOVER statements, with evidence.

``Extractor.analyse_many`` runs spaCy once per document (batched with ``nlp.pipe``) and the
stages below on its result; every offset it returns indexes the raw document text.

1. people      names (knowledge base, spaCy PERSON), titles and roles -> canonical persons
2. topics      sentence subjects, for pronouns and uncued quotes
3. quotes      quoted spans -> speech vs scare quotes, direct vs fragment, speaker
4. meetings    principals, others present, date, place; each also a PLOVER CONSULT statement
5. statements  reported positions coded to PLOVER types
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from ..actors.kb import KnowledgeBase
from ..nlp import load_pipeline
from ..options import Options
from ..records import (
    Analysis,
    CleanDocument,
    Entity,
    Failure,
    Meeting,
    Person,
    Quality,
    Quote,
    Span,
    Statement,
)
from ..timing import timed
from .attribution import attribute, topics
from .dates import PATTERNS as DATE_PATTERNS
from .dates import _explicit
from .entities import EntityCoder, EntityDraft
from .lexicon import Lexicon
from .meetings import find_calls, find_meetings
from .people import AS_A_TITLE, PeopleIndex, find_people, persons, with_headline
from .places import Gazetteer, dateline, seat_country
from .quotes import QuoteSpan, find_quote_spans, is_name_like, words
from .sentences import sentences
from .spans import Ranges, char_span
from .statements import PloverLexicon, find_statements

__all__ = ["Extractor"]


class Extractor:
    """Holds what extraction needs, loaded once: spaCy pipeline, knowledge base, lexicons, gazetteer."""

    def __init__(self, opts: Options | None = None, *, nlp: Any = None, kb: KnowledgeBase | None = None) -> None:
        self.opts = opts or Options()
        self.nlp = nlp if nlp is not None else load_pipeline(self.opts.model)
        self.kb = kb or KnowledgeBase.load()
        self.lex = Lexicon.load()
        self.plover = PloverLexicon.load()
        self.entity_lex = self.plover.entity_lexicon(self.kb)
        self.gaz = Gazetteer.load(self.kb)
        self._parsed: OrderedDict[str, Any] = OrderedDict()  # paragraph -> its parse, the latest opts.parse_cache

    def analyse(self, doc: CleanDocument, quality: Quality | None = None) -> Analysis | Failure:
        return next(iter(self.analyse_many([(doc, quality or Quality())])))

    def analyse_many(self, items: Sequence[tuple[CleanDocument, Quality]]) -> Iterator[Analysis | Failure]:
        """One Analysis (or a Failure naming the document) per item, in order."""
        todo: list[int] = []
        results: list[Analysis | Failure | None] = [None] * len(items)
        texts: list[str] = []
        for i, (c, q) in enumerate(items):
            reason = self._skip_reason(c, q)
            if reason:
                results[i] = Analysis(skipped=reason)
                continue
            todo.append(i)
            texts.append(c.text[: self.opts.max_extract_chars])
        docs = self.parse(texts)
        for i, sdoc in zip(todo, docs, strict=True):
            c, q = items[i]
            try:
                results[i] = self._analyse_doc(c, sdoc, q)
            except Exception as exc:  # one broken document never stops a batch
                results[i] = Failure(c.raw.source, f"extraction failed: {type(exc).__name__}: {exc}", stage="extract")
        for r in results:
            assert r is not None
            yield r

    def parse(self, texts: Sequence[str]) -> Iterator[Any]:
        """spaCy Docs for ``texts``, parsed paragraph by paragraph (a blank line always ends a
        sentence: headlines and subtitles have no full stop) and joined back, offsets intact.

        A paragraph parsed lately is not parsed again: a reprint of a wire story, a copy and an
        outlet's repeated furniture lines share their paragraphs, and a paragraph's parse depends on
        nothing else. The cached parses are never handed out themselves (they are joined into a new
        Doc, or copied), so what the extractor keeps on a Doc stays with that document."""
        from spacy.tokens import Doc

        chunked = [paragraph_chunks(t) for t in texts]
        keep = self.opts.parse_cache > 0
        cache = self._parsed
        unique = list(dict.fromkeys(c for chunks in chunked for c in chunks)) if keep else [c for cs in chunked for c in cs]
        known = {c: cache[c] for c in unique if c in cache}
        todo = [c for c in unique if c not in known]
        parsed = []
        for c, part in zip(todo, timed("parse (spaCy)", self.nlp.pipe(todo, batch_size=self.opts.batch_size * 8)), strict=True):
            part.tensor = part.tensor[:0]  # the model's token vectors: no rule reads them (400 bytes a token)
            known[c] = part
            parsed.append(part)
        if keep:
            for c, part in known.items():  # the batch's paragraphs become the most recent
                cache[c] = part
                cache.move_to_end(c)
            while len(cache) > self.opts.parse_cache:
                cache.popitem(last=False)
        parts_of = iter(parsed)  # (parse_cache 0: every paragraph parsed, in order, as it comes)
        for chunks in chunked:
            parts = [known[c] for c in chunks] if keep else [next(parts_of) for _ in chunks]
            yield parts[0].copy() if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]

    def _with_headline(self, c: CleanDocument, idx: PeopleIndex, ref: date | None, home: str | None) -> tuple[PeopleIndex, Any]:
        """The people index with the headline's mentions, and the map from its offsets to raw
        spans (the headline is not in the analysed text: the reader took it as the title)."""
        raw, title = c.raw, c.raw.title
        at = raw.text.find(title, 0, max(raw.body_start, 0) + len(title)) if title else -1
        if not title or at < 0 or at >= max(raw.body_start, 0):
            return idx, c.raw_span
        base = len(c.text) + 1
        merged = with_headline(idx, title, self.kb, self.lex, ref, self.gaz.is_place, base, c.text)

        def spans(start: int, end: int) -> Span:
            if start >= base:
                return Span(raw.text[at + start - base : at + end - base], at + start - base, at + end - base)
            return c.raw_span(start, end)

        return merged, spans

    def _skip_reason(self, c: CleanDocument, q: Quality) -> str | None:
        if not c.text.strip():
            return "no text after cleaning"
        if q.language and q.language not in self.opts.languages:
            return f"language {q.language!r} is not analysed (setting languages={','.join(self.opts.languages)})"
        if not re.search(r"[A-Za-z]{2,}[^.!?]*[.!?\n]|[A-Za-z]{2,}\s+[A-Za-z]{2,}", c.text):
            return "no sentences"
        return None

    def _analyse_doc(self, c: CleanDocument, sdoc: Any, quality: Quality) -> Analysis:
        text = c.text[: self.opts.max_extract_chars]
        published = c.raw.publication_date
        ref = published or _first_full_date(text)
        line = dateline(text, self.gaz)
        home = self.gaz.country_of.get(line.name) if line is not None else seat_country(text, self.lex.landmarks, self.gaz)
        idx = find_people(text, sdoc, self.kb, self.lex, ref, self.gaz.is_place, home, guessed_date=published is None,
                          headline=c.raw.title)
        spans = find_quote_spans(text)
        quoted = Ranges(q.marked for q in spans)
        tops = topics(sdoc, idx, self.lex, quoted)
        starts = _token_starts(sdoc)
        attributed = attribute(
            text, spans, idx, tops, self.lex, strict=quality.spun, spam=quality.spam_phrases,
            noun_at=lambda pos: pos in starts and sdoc[starts[pos]].pos_ in ("NOUN", "PROPN"),
            verb_at=lambda pos: pos in starts and sdoc[starts[pos]].pos_ == "VERB",
            subject_of=lambda pos: _subject_span(sdoc[starts[pos]] if pos in starts else None),
        )
        attributed = [_not_named_inside(a, idx, text) for a in attributed]
        everyone, spans_of = self._with_headline(c, idx, ref, home)
        people = persons(everyone, self.kb, ref, spans_of, text)
        quotes = tuple(
            Quote(
                speaker=a.speaker,
                text=span.text,
                kind=a.kind,  # type: ignore[arg-type]
                start=span.start,
                end=span.end,
                confidence=round(a.confidence, 3),
                cue=c.raw_span(*a.cue) if a.cue else None,
            )
            for a in attributed
            for span in _per_paragraph(c, text, a.span.start, a.span.end)
        )
        quotes = tuple(sorted(quotes + _headline_quotes(c, people, quotes), key=lambda q: q.start))
        spoken = Ranges(q.marked for q in spans if not _in_the_sentence(text, q))
        drafts = find_meetings(text, sdoc, idx, tops, self.lex, spoken, published, self.gaz, self.kb, spun=quality.spun)
        meetings: list[Meeting] = []
        statements: list[Statement] = []
        coder = EntityCoder(self.entity_lex, self.kb, idx, text, self.gaz)

        def entity(e: EntityDraft) -> Entity:
            code = e.code
            if e.person and code is None:
                code = _country(self.kb, e.person, ref)
            return Entity(c.raw_span(e.start, e.end), code, e.sector, e.person, e.org)

        def person(name: str, at: tuple[int, int]) -> Entity:
            return entity(coder.person_entity(name, *at))

        sentence_starts = [s.start_char for s in sentences(sdoc)]

        def sentence_at(pos: int) -> int:
            """The index of the sentence that holds cleaned-text offset ``pos`` (the PLOVER
            record's ``text_info.sequence``)."""
            return max(bisect_right(sentence_starts, pos) - 1, 0)

        def consult(actors: tuple[Entity, ...], recipients: tuple[Entity, ...], ev: Span, mode: str | None, at: int) -> Statement:
            # a reciprocal meeting has every principal as an actor and no recipient (the manual's
            # compound actors); its flat source and target still name the first two principals
            other = recipients[0] if recipients else actors[1] if len(actors) > 1 else None
            return Statement(actors[0].name, "CONSULT", other.name if other else None, ev, mode=mode,
                             source_country=actors[0].code, target_country=other.code if other else None,
                             actors=actors, recipients=recipients, sentence=sentence_at(at))

        consulted: list[tuple[int, int]] = []
        for d in drafts:
            ev = c.raw_span(*d.evidence)
            consulted.append(d.evidence)
            meetings.append(
                Meeting(
                    participants=tuple(d.participants),
                    attendees=tuple(d.attendees),
                    date=d.date.date if d.date else None,
                    date_text=c.raw_span(d.date.start, d.date.end).text if d.date else None,
                    date_derivation=d.date.derivation if d.date else None,
                    location=d.place.name if d.place else None,
                    location_text=c.raw_span(d.place.start, d.place.end) if d.place else None,
                    evidence=ev,
                    host=d.host,
                    visitor=d.visitor,
                )
            )
            if d.visitor and d.host:  # the manual's CONSULT "visit": the visitor acts, the host receives
                statements.append(consult((person(d.visitor, d.evidence),), (person(d.host, d.evidence),), ev, "visit",
                                          d.evidence[0]))
            else:  # reciprocal: every principal is an actor, no recipient (the manual's compound actors)
                statements.append(consult(tuple(person(p, d.evidence) for p in d.participants), (), ev, None, d.evidence[0]))
        for caller, callee, cs, ce in find_calls(text, sdoc, idx, tops, self.lex, quoted):
            consulted.append((cs, ce))
            statements.append(consult((person(caller, (cs, ce)),), (person(callee, (cs, ce)),), c.raw_span(cs, ce), "phone", cs))
        met = {a.person for st in statements for a in (*st.actors, *st.recipients)} | {p for d in drafts for p in d.attendees}
        for s in find_statements(sdoc, coder, self.plover, quoted, tops.before, consulted):
            if s.type == "CONSULT" and any(a.person in met for a in s.actors):
                continue  # the meeting records already code this person's consultations
            actors, recipients = tuple(map(entity, s.actors)), tuple(map(entity, s.recipients))
            statements.append(
                Statement(actors[0].name, s.type, recipients[0].name if recipients else None, c.raw_span(s.start, s.end),
                          mode=s.mode, source_country=actors[0].code, target_country=recipients[0].code if recipients else None,
                          actors=actors, recipients=recipients, context=s.context, sentence=sentence_at(s.start))
            )
        notes = None
        if len(c.text) > self.opts.max_extract_chars:
            notes = f"analysed the first {self.opts.max_extract_chars} of {len(c.text)} characters (setting max_extract_chars)"
        return Analysis(people=people, meetings=tuple(meetings), quotes=quotes, statements=tuple(statements), skipped=notes)


def _per_paragraph(c: CleanDocument, text: str, start: int, end: int) -> list[Span]:
    """A quote running over paragraphs, as one raw span per paragraph (marks between them dropped)."""
    out: list[Span] = []
    pos = start
    for m in _PARA_BREAK.finditer(text, start, end):
        e = m.start()
        while e > pos and text[e - 1] in " \t\"“”":
            e -= 1
        if e > pos:
            out.append(c.raw_span(pos, e))
        pos = m.end()
        while pos < end and text[pos] in "\"“„«":
            pos += 1
    if end > pos:
        out.append(c.raw_span(pos, end))
    return out


MAX_CHUNK = 20_000  # characters per spaCy call: bounds the parser's memory on huge paragraphs


def paragraph_chunks(text: str, limit: int = MAX_CHUNK) -> list[str]:
    """``text`` cut after each blank-line run (and long paragraphs after a sentence end or a
    space near ``limit``); the pieces concatenate back to ``text``."""
    out: list[str] = []
    pos = 0
    for m in _PARA_BREAK.finditer(text):
        out.extend(_split_long(text[pos : m.end()], limit))
        pos = m.end()
    if pos < len(text) or not out:
        out.extend(_split_long(text[pos:], limit))
    return out


def _split_long(chunk: str, limit: int) -> list[str]:
    parts: list[str] = []
    while len(chunk) > limit:
        cut = chunk.rfind(". ", limit // 2, limit)
        cut = cut + 2 if cut > 0 else (chunk.rfind(" ", limit // 2, limit) + 1 or limit)
        parts.append(chunk[:cut])
        chunk = chunk[cut:]
    parts.append(chunk)
    return parts


_PARA_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _token_starts(doc: Any) -> dict[int, int]:
    """Token index by start offset, from the Doc's array (no Token objects made)."""
    from spacy.attrs import IDX

    if len(doc) == 0:
        return {}
    return {start: i for i, start in enumerate(doc.to_array([IDX]).tolist())}


def _subject_span(tok: Any) -> tuple[int, int] | None:
    """Character span of the grammatical subject of the verb ``tok`` ("the Leader" in "the Leader said")."""
    if tok is None or tok.pos_ not in ("VERB", "AUX"):
        return None
    # the subject nearest its verb: a dateline's place may be parsed as another ("KINGSTOWN — Governor X said")
    subj = max((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), key=lambda c: (c.i < tok.i, c.i * (c.i < tok.i)),
               default=None)
    if subj is None and tok.dep_ in ("advcl", "xcomp", "conj") and tok.tag_ == "VBG" and tok.head.dep_ == "ROOT":
        # "The government issued a statement, saying ...": the subject of the main verb
        subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in ("he", "she", "who", "which", "that", "they", "i", "we"):
        return None
    toks = list(subj.subtree)
    return char_span(toks)


def _in_the_sentence(text: str, q: QuoteSpan) -> bool:
    """A quoted fragment of a few words that the reporter's sentence runs on through ("are holding a 'private
    meeting' at his office"); not a headline's run into the next line ("a 'relaxed meeting' President X said")."""
    return (len(text[q.start : q.end].split()) <= _FRAGMENT_WORDS and q.close_mark >= 0
            and not re.match(r"\s*[A-Z]", text[q.close_mark + 1 : q.close_mark + 4]))


def _first_full_date(text: str) -> date | None:
    """The first explicit date with a year in the text: a reference for dating offices only."""
    for m in DATE_PATTERNS[0].finditer(text):
        if m.group("year"):
            return _explicit(m, None)
    return None


# a speaker's own voice: "At today's meeting, the prime minister and I agreed" (the title is the other's)
_FIRST_PERSON = re.compile(r"\b(?:I|my|me|myself|we|We|our|Our|us)\b")


def _not_named_inside(a: Any, idx: PeopleIndex, text: str) -> Any:
    """Words that name their own speaker in the third person ("The Prime Minister and the
    President discussed ...", a readout or statement quoted) are not that person's words: the
    speaker is then nobody. A title the speaker gives himself ("my first visit as Prime
    Minister"), or a bare title in words spoken in the first person ("the prime minister and I
    agreed", where the title is the other's), is no third person."""
    if a.speaker is None:
        return a
    first_person = bool(_FIRST_PERSON.search(text, a.span.start, a.span.end))
    inside = any(m.key == a.speaker and m.kind != "pronoun" and a.span.start <= m.start < a.span.end
                 and not (m.kind == "role" and (first_person or AS_A_TITLE.search(text, max(0, m.start - 8), m.start)))
                 for m in idx.mentions)
    return dataclasses.replace(a, speaker=None) if inside else a


_FRAGMENT_WORDS = 3  # a quoted stretch this short inside a sentence reads as part of it
_HEADLINE_QUOTE_WORDS = 12  # a longer quoted stretch in a headline is kept only where the body quotes it


def _headline_quotes(c: CleanDocument, people: Sequence[Person], body: Sequence[Quote]) -> tuple[Quote, ...]:
    """Quoted words in the headline (which the reader took as the title, outside the analysed
    text): "Abiy holds ‘candid’ talks with Biden". Names and labels in marks are not quotes, nor
    words the body quotes too (the body's quote is the one). The speaker is the one person the
    headline names before them, else nobody."""
    raw, title = c.raw, c.raw.title
    if not title:
        return ()
    at = raw.text.find(title, 0, max(raw.body_start, 0) + len(title))
    if at < 0 or at >= max(raw.body_start, 0):
        return ()
    out: list[Quote] = []
    for q in find_quote_spans(title):
        said = title[q.start:q.end]
        if q.close_mark < 0 or not said.strip() or is_name_like(said) or len(words(said)) > _HEADLINE_QUOTE_WORDS:
            continue
        if any(b.text.strip(" ,.;:").casefold() == said.strip(" ,.;:").casefold() for b in body):
            continue  # the body quotes the same words: that is the quote
        before = {p.name for p in people for m in p.mentions if at <= m.start and m.end <= at + q.open_mark}
        speaker = next(iter(before)) if len(before) == 1 else None
        out.append(Quote(speaker=speaker, text=said, kind="fragment", start=at + q.start, end=at + q.end,
                         confidence=0.5 if speaker else 0.3, cue=None))
    return tuple(out)


def _country(kb: KnowledgeBase, name: str | None, on: date | None) -> str | None:
    if not name:
        return None
    entry = kb.person(name)
    if entry is None:
        return None
    office = kb.role_at(entry, on, None)
    code = office.country if office else entry.country
    return code.split("-")[0] if code else None


def raw_span(c: CleanDocument, start: int, end: int) -> Span:
    return c.raw_span(start, end)
