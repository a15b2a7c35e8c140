"""Benchmark of linking (dedup) and merging (events) on synthetic corpora of 10k-100k documents.

The corpus is made here, deterministically, with synthetic ``Analysis`` records so that the
figures measure linking and merging, not NLP: base reports of fictional meetings (four of our
own template sentences with fictional names, four of pseudo-word filler so that unrelated
reports share few shingles, as real ones do), then exact copies, near copies (one paragraph changed),
spun copies (``communique.spin`` at 30-45%, flagged spun, carrying the base's people and
meeting), reprints of a few wire stories (big clusters of near copies, as syndication makes:
linking must stay linear in them) and further independent reports of the same meetings
(undated, weekday only).

Each size runs in a fresh child process; memory is the growth of the resident set during each
stage (sampled every 20 ms) over the corpus already built, and the process's peak RSS. Embeddings are off in the big runs (the MiniLM model
encodes a few dozen documents a second on two CPU cores); ``embed_subset`` times them on a
subset of the first size.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import resource
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import click

from ..options import Options
from ..records import Analysis, CleanDocument, DocumentResult, Meeting, Person, Quality, RawDocument
from ..spin import load_thesaurus, spin

FIRST = ("Amara", "Boris", "Chen", "Dalia", "Emeka", "Farid", "Greta", "Hana", "Ivan", "Jalil", "Kofi", "Lena",
         "Marek", "Nadia", "Omar", "Priya", "Rafael", "Sanna", "Tariq", "Ulla", "Viktor", "Wen", "Yusuf", "Zora")
LAST = ("Abara", "Bekov", "Castell", "Dumitru", "Eriksen", "Fontaine", "Gashi", "Haddad", "Ilunga", "Jansen",
        "Kowal", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quispe", "Rahimi", "Sato", "Tembo",
        "Ulloa", "Varga", "Wanjiru", "Yilmaz")
TITLES = ("President", "Prime Minister", "Foreign Minister", "Chancellor", "King", "Vice President")
CITIES = ("Arden", "Belmora", "Castelo", "Dunmere", "Estrava", "Fenwick", "Galdor", "Harlow", "Istvan", "Jorvik",
          "Kalmar", "Lorien", "Marova", "Nyborg", "Ostra", "Pellan", "Quorra", "Rovena", "Solberg", "Tavira")
TOPICS = ("trade", "energy", "railways", "fisheries", "migration", "water", "security", "grain", "ports", "health",
          "tourism", "mining", "customs", "aviation", "education", "climate")
SENTENCES = (
    "{a} and {b} discussed {t1} and {t2} during talks in {city} on {weekday}, officials said.",
    "The two leaders agreed to set up a working group on {t1} that will report within {n} days.",
    "\"We have opened a new chapter in our relations,\" {a} told reporters after the meeting.",
    "{b} said the talks on {t2} had been frank and productive and thanked his host for the reception.",
    "Trade between the two countries reached about {n} billion dollars last year, according to official figures.",
    "The sides also signed {k} agreements covering {t1}, {t2} and cultural exchanges.",
    "Diplomats said differences remained over {t2}, which has strained relations in recent months.",
    "{a} is expected to make a return visit to {city2} before the end of the year.",
    "Analysts said the meeting was the most important contact between the two governments since {year}.",
    "The leaders also exchanged views on the situation in the region and called for restraint.",
)
WIRE_STORIES = 5


@dataclass
class SizeResult:
    n: int
    link_s: float
    merge_s: float
    link_cpu: float
    merge_cpu: float
    link_mb: float
    merge_mb: float
    peak_mb: float
    links: int
    events: int

    def to_json(self) -> dict[str, Any]:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def _maxrss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return float(rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024)


def _rss_mb() -> float:
    """The current resident set size (Linux /proc; elsewhere the peak so far)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return _maxrss_mb()


class _PeakRSS:
    """Samples the RSS every 20 ms in a thread: ``growth`` is the peak over the RSS at entry."""

    def __enter__(self) -> _PeakRSS:
        self.start = self.peak = _rss_mb()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self) -> None:
        while not self.stop.wait(0.02):
            self.peak = max(self.peak, _rss_mb())

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        self.peak = max(self.peak, _rss_mb())

    @property
    def growth(self) -> float:
        return self.peak - self.start


def _result(doc_id: str, text: str, people: tuple[str, ...], meeting: Meeting, pub: date | None,
            spun: bool = False) -> DocumentResult:
    raw = RawDocument(doc_id, doc_id, text, publication_date=pub)
    clean = CleanDocument(raw, text, (0,))  # offsets are not used by linking or merging
    return DocumentResult(clean, Quality(spun=spun), Analysis(tuple(Person(p) for p in people), (meeting,)))


SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ben", "dar", "gel", "hon", "jur", "mas", "pel",
             "ros", "tan", "vel", "zor", "al", "en", "ir", "ost", "um")
FUNCTION = ("the", "of", "and", "to", "in", "a", "that", "for", "with", "on", "by", "as", "is", "was", "said")


def _vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    """Pseudo-words, so that different base reports share few shingles (as real articles do)."""
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(2, 4))) for _ in range(size)]


def _babble(rng: random.Random, vocab: list[str]) -> str:
    words = [rng.choice(FUNCTION) if rng.random() < 0.4 else rng.choice(vocab) for _ in range(rng.randrange(14, 24))]
    return " ".join(words).capitalize() + "."


def make_corpus(n: int, seed: int = 0) -> list[DocumentResult]:
    """``n`` synthetic results: ~55% base reports, 10% exact, 10% near, 15% spun copies, 5% reprints
    of ``WIRE_STORIES`` wire stories (clusters of n/100 near copies), 5% other reports."""
    rng = random.Random(seed)
    thes = load_thesaurus()
    names = [f"{f} {ln}" for f in FIRST for ln in LAST]
    vocab = _vocabulary(random.Random(seed + 1))
    out: list[DocumentResult] = []
    bases: list[tuple[str, tuple[str, ...], Meeting, date]] = []
    while len(out) < n:
        roll = rng.random() if bases else 0.0
        i = len(out)
        if roll < 0.55:
            a, b = rng.sample(names, 2)
            day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
            city, city2 = rng.sample(CITIES, 2)
            t1, t2 = rng.sample(TOPICS, 2)
            fill = {"a": f"{rng.choice(TITLES)} {a}", "b": f"{rng.choice(TITLES)} {b}", "city": city, "city2": city2,
                    "t1": t1, "t2": t2, "weekday": day.strftime("%A"), "n": rng.randrange(5, 400),
                    "k": rng.randrange(2, 12), "year": rng.randrange(1990, 2014)}
            order = rng.sample(SENTENCES, 4)
            body = [s.format(**fill) for s in order] + [_babble(rng, vocab) for _ in range(4)]
            rng.shuffle(body)
            text = "\n\n".join(body) + f"\n\nRef {i}: {rng.randrange(10**6)}."
            meeting = Meeting((a, b), date=day, date_text=f"on {day:%A}", location=city)
            people: tuple[str, ...] = (a, b)
            bases.append((text, people, meeting, day))
            out.append(_result(f"d{i:06d}", text, people, meeting, day + timedelta(days=1)))
            continue
        syndicated = 0.9 <= roll < 0.95  # a wire story reprinted by many sites: a few big clusters
        text, people, meeting, day = bases[rng.randrange(min(len(bases), WIRE_STORIES)) if syndicated else rng.randrange(len(bases))]
        pub = day + timedelta(days=rng.randrange(1, 4))
        if syndicated:
            paras = text.split("\n\n")
            paras.insert(rng.randrange(1, len(paras)), f"Reprinted by site {i} with permission.")
            out.append(_result(f"d{i:06d}", "\n\n".join(paras), people, meeting, pub))
        elif roll < 0.65:
            out.append(_result(f"d{i:06d}", text, people, meeting, pub))
        elif roll < 0.75:
            paras = text.split("\n\n")
            paras[rng.randrange(len(paras))] = "Officials gave no further details of the talks."
            out.append(_result(f"d{i:06d}", "\n\n".join(paras), people, meeting, pub))
        elif roll < 0.9:
            out.append(_result(f"d{i:06d}", spin(text, rng.uniform(0.3, 0.45), i, thes), people, meeting, pub, spun=True))
        else:
            other = f"{people[0]} met {people[1]} on {day:%A}. " + " ".join(rng.sample(TOPICS, 5)) + f". Note {i}."
            out.append(_result(f"d{i:06d}", other, people, Meeting(meeting.participants, date_text=f"on {day:%A}"), pub))
    return out


def _run_size(n: int, conn: Any) -> None:
    from ..dedup import DedupIndex
    from ..events import merge_events

    opts = Options(embeddings=False)
    corpus = make_corpus(n)
    with _PeakRSS() as link_mem:
        t0, c0 = time.perf_counter(), time.process_time()
        links = DedupIndex(opts).link(corpus)
        t1, c1 = time.perf_counter(), time.process_time()
    with _PeakRSS() as merge_mem:
        t2, c2 = time.perf_counter(), time.process_time()
        events = merge_events(corpus, links, opts)
        t3, c3 = time.perf_counter(), time.process_time()
    conn.send(SizeResult(n, t1 - t0, t3 - t2, c1 - c0, c3 - c2, link_mem.growth, merge_mem.growth, _maxrss_mb(),
                         len(links), len(events)))
    conn.close()


def _embed_subset(m: int) -> tuple[float, int] | None:
    from ..dedup import DedupIndex, Embedder

    if not Embedder.available():
        return None
    corpus = make_corpus(m, seed=1)
    embedder = Embedder.load()
    t0 = time.perf_counter()
    links = DedupIndex(Options(), embedder).link(corpus)
    return time.perf_counter() - t0, len(links)


def run_dedup_bench(sizes: tuple[int, ...] = (10_000, 50_000, 100_000), embed_subset: int = 0) -> list[str]:
    """Run each size in its own process; return the report lines."""
    ctx = mp.get_context("fork")
    results: list[SizeResult] = []
    for n in sizes:
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_run_size, args=(n, child))
        proc.start()
        child.close()
        results.append(parent.recv())
        proc.join()
    lines = ["dedup + events benchmark (synthetic analysis records; embeddings OFF in these runs)",
             f"{'docs':>8} {'link s':>7} {'cpu s':>7} {'merge s':>7} {'cpu s':>6} {'link MB':>8} {'merge MB':>9} {'peak MB':>8} {'links':>7} {'events':>7}"]
    for r in results:
        lines.append(f"{r.n:>8} {r.link_s:>7.1f} {r.link_cpu:>7.1f} {r.merge_s:>7.1f} {r.merge_cpu:>6.1f} {r.link_mb:>8.0f} "
                     f"{r.merge_mb:>9.0f} {r.peak_mb:>8.0f} {r.links:>7} {r.events:>7}")
    first = results[0]
    for r in results[1:]:
        lines.append(f"x{r.n / first.n:.0f} documents: link CPU time x{r.link_cpu / max(first.link_cpu, 1e-9):.1f}, merge CPU time "
                     f"x{r.merge_cpu / max(first.merge_cpu, 1e-9):.1f}, link memory x{r.link_mb / max(first.link_mb, 1.0):.1f}")
    lines.append("times: wall clock (s) and CPU time of the process (cpu s; steadier on a shared machine)")
    lines.append("memory: peak RSS growth during each stage (sampled every 20 ms); peak MB: the process's peak RSS, corpus included")
    if embed_subset:
        got = _embed_subset(embed_subset)
        if got is None:
            lines.append("embeddings: the embed extra is not installed; skipped")
        else:
            lines.append(f"embeddings ON for {embed_subset} documents: linking took {got[0]:.1f} s ({embed_subset / got[0]:.0f} docs/s), {got[1]} links")
    else:
        lines.append("embeddings: skipped (use --embed-subset N to time them on N documents)")
    return lines


@click.command(name="dedup")
@click.option("--sizes", default="10000,50000,100000", show_default=True,
              help="Comma-separated corpus sizes, each run in its own process.")
@click.option("--embed-subset", "embed_subset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Also time linking with sentence embeddings on this many documents (0 = skip; slow on CPU).")
def bench_dedup_cmd(sizes: str, embed_subset: int) -> None:
    """Time and peak memory of linking (dedup) and merging (events) at growing corpus sizes.

    Synthetic analysis records: measures linking and merging, not NLP. Embeddings are off in the
    big runs (say so in the output); --embed-subset N times them on N documents.
    """
    try:
        ns = tuple(int(x) for x in sizes.split(",") if x.strip())
    except ValueError:
        raise click.BadParameter(f"{sizes!r} is not a comma-separated list of integers", param_hint="--sizes") from None
    if not ns or min(ns) < 100:
        raise click.BadParameter("give sizes of at least 100 documents", param_hint="--sizes")
    click.echo("\n".join(run_dedup_bench(ns, embed_subset)))
