"""Quality flags of a cleaned document: language, injected spam, and machine-rewritten ("spun") text.

1. ``language``: lingua over the cleaned text (a fixed set of common languages, offline).
2. ``spam_phrases``: URLs and bare domain names, each extended over the adjacent words that are
   plainly in another language (an out-of-language run inside an English sentence, the trace of
   link spam), plus casino / dating / pharma / loan phrases from ``data/quality_spam.txt``.
3. ``spun`` and ``score``: article spinners replace words one by one from a synonym table, often
   through a round trip via another language, and leave function-word artefacts that edited
   English almost never contains ("and you may" for *and*, "you to definitely" for *that*,
   "the brand new" for *the*, "of a lot" for *many*). ``data/quality_spin_artefacts.tsv`` lists
   those patterns with a weight (how rare each is in edited news). The weighted rate per 100
   words, with each pattern's count capped so one natural phrase cannot dominate, and the number
   of distinct patterns seen, give a spin probability; ``score = 1 - probability`` (lowered a
   little further by spam). The document is spun when the probability reaches
   ``opts.spun_threshold``.

Everything heavy (the lingua detector, compiled patterns) lives in a :class:`SpinModel` that the
caller loads once and passes to :func:`assess`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .errors import ModelMissing
from .options import Options
from .records import CleanDocument, Quality

# Languages lingua tells apart; others come back as the closest of these (or None).
DETECTED_LANGUAGES: tuple[str, ...] = (
    "ENGLISH", "FRENCH", "GERMAN", "SPANISH", "PORTUGUESE", "ITALIAN", "DUTCH", "RUSSIAN",
    "UKRAINIAN", "POLISH", "TURKISH", "ARABIC", "PERSIAN", "URDU", "HINDI", "CHINESE", "JAPANESE",
    "KOREAN", "INDONESIAN", "MALAY", "SWEDISH", "BOKMAL", "NYNORSK", "DANISH", "FINNISH", "GREEK",
    "HEBREW", "ROMANIAN", "CZECH", "HUNGARIAN", "VIETNAMESE", "TAGALOG",
)

CAP_PER_PATTERN = 3  # a pattern counts at most this many times
MIN_WORDS = 60  # rates over shorter texts are computed as if they had this many words

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"”’)]+", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?<![@\w.])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|org|net|info|biz|ru|io|co|xyz|top|online|site|club|shop|store|app|me|tv|cc|us|uk|de|fr|no|se|dk|pl|nl|es|it|in|vip|bet|casino|dating)\b(?![.\w]*@)",
)  # lowercase only: "forces.It said" (a missing space) is not a domain


@dataclass(frozen=True, slots=True)
class Artefact:
    pattern: re.Pattern[str]
    weight: float
    replaces: str


@dataclass(slots=True)
class SpinModel:
    """What :func:`assess` needs, loaded once: language detector, artefact and spam patterns."""

    detector: Any  # lingua.LanguageDetector
    artefacts: tuple[Artefact, ...]
    spam: re.Pattern[str]
    english: Any  # lingua.Language.ENGLISH

    @classmethod
    def load(cls) -> SpinModel:
        try:
            from lingua import Language, LanguageDetectorBuilder
        except ImportError as exc:  # pragma: no cover - a core dependency
            raise ModelMissing("lingua-language-detector is not installed; pip install lingua-language-detector") from exc
        langs = [getattr(Language, name) for name in DETECTED_LANGUAGES if hasattr(Language, name)]
        detector = LanguageDetectorBuilder.from_languages(*langs).build()
        return cls(detector, load_artefacts(), load_spam_pattern(), Language.ENGLISH)


def _data_lines(name: str) -> list[str]:
    text = resources.files("communique").joinpath("data", name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def load_artefacts() -> tuple[Artefact, ...]:
    """The spinner artefact patterns of ``data/quality_spin_artefacts.tsv``."""
    out = []
    for ln in _data_lines("quality_spin_artefacts.tsv"):
        pat, weight, replaces = ln.split("\t")
        out.append(Artefact(re.compile(rf"\b{pat}", re.IGNORECASE), float(weight), replaces))
    return tuple(out)


def load_spam_pattern() -> re.Pattern[str]:
    phrases = sorted(_data_lines("quality_spam.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# spin


@dataclass(frozen=True, slots=True)
class SpinEvidence:
    words: int
    weighted: float  # capped, weighted artefact count
    distinct: int  # number of distinct patterns seen
    hits: tuple[tuple[str, int], ...]  # (pattern's replaced word, count) for the reasons


def spin_evidence(text: str, artefacts: tuple[Artefact, ...]) -> SpinEvidence:
    words = len(_WORD.findall(text))
    weighted = 0.0
    distinct = 0
    hits: list[tuple[str, int]] = []
    for a in artefacts:
        n = sum(1 for _ in a.pattern.finditer(text))
        if n:
            distinct += 1
            weighted += a.weight * min(n, CAP_PER_PATTERN)
            hits.append((re.split(r"[(\\]", a.pattern.pattern[2:])[0], n))
    return SpinEvidence(words, weighted, distinct, tuple(hits))


def spin_probability(ev: SpinEvidence) -> float:
    """Probability that text with this evidence was machine-spun (0..1).

    The weighted artefact rate per 100 words through a logistic centred on 0.75, damped when the
    evidence is thin (fewer than two distinct patterns or a weighted count under 1.2): one odd
    phrase in a clean article is never enough (its probability stays under one half).
    """
    rate = 100.0 * ev.weighted / max(ev.words, MIN_WORDS)
    p = 1.0 / (1.0 + math.exp(-5.0 * (rate - 0.75)))
    support = min(1.0, ev.weighted / 1.2) * min(1.0, ev.distinct / 2.0)
    return p * support


# ---------------------------------------------------------------------------------------------
# spam


def _is_foreign_word(word: str, model: SpinModel) -> bool:
    """A lowercase word that lingua confidently puts in another language than English."""
    if len(word) < 4 or not word.isalpha() or not word.islower():
        return False
    values = model.detector.compute_language_confidence_values(word)
    if not values:
        return False
    top = values[0]
    english = next((v.value for v in values if v.language == model.english), 0.0)
    return bool(top.language != model.english and top.value >= 0.3 and english < 0.03)


def find_spam(text: str, model: SpinModel) -> list[str]:
    """Injected spam phrases in ``text``, in order of appearance, each once."""
    spans: list[tuple[int, int]] = []
    for m in list(_URL.finditer(text)) + list(_DOMAIN.finditer(text)):
        start, end = m.start(), m.end()
        if any(s <= start < e for s, e in spans):
            continue
        # extend over adjacent foreign words (up to three on each side), inside the sentence
        for _ in range(3):
            nxt = re.match(r"\s+([^\W\d_]+)", text[end:])
            if not nxt or not _is_foreign_word(nxt.group(1), model):
                break
            end += nxt.end()
        for _ in range(3):
            prv = re.search(r"([^\W\d_]+)\s+$", text[:start])
            if not prv or not _is_foreign_word(prv.group(1), model):
                break
            start = prv.start(1)
        spans.append((start, end))
    spans.extend((m.start(), m.end()) for m in model.spam.finditer(text))
    seen: list[str] = []
    for s, e in sorted(spans):
        phrase = text[s:e].rstrip(".,;:")
        if phrase not in seen:
            seen.append(phrase)
    return seen


# ---------------------------------------------------------------------------------------------


LANGUAGE_SAMPLE = 1500  # characters lingua reads: ample for a language, a fraction of the cost


def detect_language(text: str, model: SpinModel) -> str | None:
    """The language of the text's first characters; when that is not English, the paragraphs vote
    by their length, and English wins when most of the sample is English: an English report quoting
    two posts in German is English (read as one block, lingua had called it German). A sample
    whose small words are English's is English without asking lingua (a fifth of the extraction's
    cost outside spaCy; on every real page the two agree)."""
    sample = text[:LANGUAGE_SAMPLE]
    if _english_by_its_small_words(sample):
        return "en"
    lang = model.detector.detect_language_of(sample)
    code = None if lang is None else str(lang.iso_code_639_1.name.lower())
    if code in (None, "en"):
        return code
    weight: dict[str, int] = {}
    for p in re.split(r"\n+", sample):
        if len(p.strip()) >= 40 and (found := model.detector.detect_language_of(p)) is not None:
            key = str(found.iso_code_639_1.name.lower())
            weight[key] = weight.get(key, 0) + len(p)
    if weight.get("en", 0) * 2 > sum(weight.values()) or _english_by_its_small_words(sample):
        return "en"
    return code


# the words English cannot do without; other languages written in Latin letters rarely use them
_ENGLISH_SMALL_WORDS = frozenset({
    "the", "and", "of", "to", "in", "on", "at", "with", "his", "her", "their", "its", "was", "were", "is", "are",
    "has", "have", "had", "by", "from", "for", "that", "which", "who", "said", "says", "met", "also", "this", "after"})


def _english_by_its_small_words(sample: str) -> bool:
    """A short English text full of foreign names ("Faroese Prime Minister Jógvan á Lakjuni Hansen and his
    Danish counterpart ... met in Copenhagen") that lingua calls Danish: its lowercase words are English."""
    words = re.findall(r"(?<![\w’'-])[a-z]+(?![\w’'-])", sample)
    return len(words) >= 5 and sum(w in _ENGLISH_SMALL_WORDS for w in words) * 3 >= len(words)


def assess(doc: CleanDocument, opts: Options, *, model: SpinModel | None = None) -> Quality:
    """Language, spam phrases, spun flag and trust score of a cleaned document."""
    model = model or SpinModel.load()
    text = doc.text
    language = detect_language(text, model) if text.strip() else None
    spam = tuple(find_spam(text, model))
    reasons: list[str] = []
    prob = 0.0
    if language in (None, "en"):
        ev = spin_evidence(text, model.artefacts)
        prob = spin_probability(ev)
        if ev.hits:
            top = sorted(ev.hits, key=lambda h: -h[1])[:5]
            reasons.append(
                f"spin artefacts {ev.weighted:.1f} weighted in {ev.words} words: "
                + ", ".join(f"{p!r} x{n}" for p, n in top)
            )
    if spam:
        reasons.append("spam: " + "; ".join(spam))
    score = (1.0 - prob) * (0.8 if spam else 1.0)
    return Quality(
        language=language,
        spun=prob >= opts.spun_threshold,
        spam_phrases=spam,
        score=round(score, 4),
        reasons=tuple(reasons),
    )
