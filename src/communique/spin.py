"""A synonym-substitution article spinner, for building test sets and benchmark corpora.

It imitates the spinners whose output turns up in scraped news: each eligible word is replaced,
with probability ``rate``, by an entry of a synonym table (``data/quality_thesaurus.tsv``) or,
for function words, by the artefacts a word-by-word round trip through another language leaves
("and" -> "and you may", "that" -> "you to definitely", "the" -> "the brand new"). Names (absent
from both tables), numbers and punctuation are kept, as real spinners keep them. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from importlib import resources

# Function words and what a round-trip spinner writes for them.
FUNCTION_ARTEFACTS: Mapping[str, tuple[str, ...]] = {
    "and": ("and you may", "and you can", "and you will", "and"),
    "the": ("the latest", "the newest", "the brand new", "the fresh", "this new"),
    "that": ("you to definitely", "that", "which"),
    "a": ("a great", "a keen", "an excellent"),
    "an": ("a keen", "an enthusiastic"),
    "of": ("off", "regarding", "out of", "of your"),
    "in": ("inside the", "from inside the", "into the", "for the"),
    "with": ("which have", "having", "that have"),
    "to": ("so you can", "to help you", "so you're able to"),
    "is": ("is actually", "try", "was"),
    "has": ("provides", "has actually", "features"),
    "he": ("the guy", "he"),
    "many": ("of a lot", "of numerous", "many"),
    "about": ("from the", "regarding the", "on the"),
    "cannot": ("try not to", "cannot"),
}

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def load_thesaurus() -> dict[str, tuple[str, ...]]:
    text = resources.files("communique").joinpath("data", "quality_thesaurus.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for ln in text.splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        word, syns = ln.split("\t")
        out[word] = tuple(s for s in syns.split("|") if s)
    return out


def _match_case(word: str, repl: str) -> str:
    if word.isupper() and len(word) > 1:
        return repl.upper()
    if word[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


def spin(text: str, rate: float, seed: int, thesaurus: Mapping[str, tuple[str, ...]] | None = None) -> str:
    """``text`` with about ``rate`` of its replaceable words swapped, reproducibly for ``seed``."""
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"rate must be within 0..1, not {rate}")
    thes = load_thesaurus() if thesaurus is None else thesaurus
    rng = random.Random(seed)

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        choices = FUNCTION_ARTEFACTS.get(low) or thes.get(low)
        if not choices or rng.random() >= rate:
            return word
        return _match_case(word, rng.choice(choices))

    return _TOKEN.sub(swap, text)
