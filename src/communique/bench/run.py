"""``communique bench run``: the main job end to end, against bare spaCy on the same texts.

Each size runs in its own process (a fresh peak memory figure) on a fresh temp SQLite store:

1. build N documents as a crawl delivers them (``corpus.build_run_corpus``: originals, reprints
   by other outlets, spun copies with spam): not timed;
2. time ``pipeline.run`` with default settings (read, clean, quality, extract, link, merge,
   store; the embedding model loads only if a spun-copy comparison needs it), recording each
   stage's own time (``communique.timing``), the time to the first document stored and the
   peak resident memory;
3. time bare spaCy ``nlp.pipe`` of the same model over the same cleaned texts (model loaded
   beforehand, not timed): the ratio of the two throughputs is the end-to-end cost of
   everything the tool does beyond parsing;
4. with ``--add M``: build M more documents, time adding them to that store (the incremental
   run), and time the same M documents alone into a fresh store.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import click

from ..options import Options
from .corpus import build_run_corpus
from .dedup import _maxrss_mb, _PeakRSS

TARGET_RATIO = 0.7
TARGET_FIRST_S = 3.0
TARGET_PEAK_MB = 1500.0


@dataclass
class SizeRun:
    documents: int
    originals: int
    reprints: int
    spun: int
    words: int
    run_s: float
    spacy_s: float
    first_s: float | None  # seconds from the start of the run to the first document stored
    peak_mb: float  # the process's peak RSS (model, store cache and corpus included)
    growth_mb: float  # peak RSS growth during the run
    stages: dict[str, float] = field(default_factory=dict)  # own seconds per stage
    links: int = 0
    events: int = 0
    failures: int = 0
    add: int = 0  # documents added incrementally (0: not measured)
    add_s: float = 0.0  # adding them to the store of ``documents``
    alone_s: float = 0.0  # the same documents into a fresh store

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.run_s if self.run_s else 0.0

    @property
    def ratio(self) -> float:
        return self.spacy_s / self.run_s if self.run_s else 0.0

    def to_json(self) -> dict[str, Any]:
        out = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(self).items()}
        out["stages"] = {k: round(v, 3) for k, v in self.stages.items()}
        out["docs_per_s"] = round(self.docs_per_s, 2)
        out["ratio_to_spacy"] = round(self.ratio, 3)
        return out


def _timed_run(paths: list[Path], url: str) -> tuple[float, Any, Any]:
    from ..pipeline import run
    from ..timing import recording

    opts = Options(progress="never", db=url)
    with recording() as clock:
        t0 = time.perf_counter()
        report = run(paths, opts=opts, progress=False)
        seconds = time.perf_counter() - t0
    return seconds, report, clock


def _bare_spacy(texts: list[str], opts: Options) -> float:
    from ..nlp import load_pipeline

    nlp = load_pipeline(opts.model)
    list(nlp.pipe(texts[:8]))  # warm-up
    t0 = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=opts.batch_size * 8):
        pass
    return time.perf_counter() - t0


def measure_size(n: int, add: int = 0, seed: int = 0) -> SizeRun:
    """One size, in this process: build, run, bare spaCy, and the incremental figure."""
    work = Path(tempfile.mkdtemp(prefix="communique-bench-run-"))
    try:
        corpus = build_run_corpus(n, work / "corpus", seed=seed)
        with _PeakRSS() as mem:
            run_s, report, clock = _timed_run([corpus.directory], f"sqlite:///{work / 'bench.db'}")
        peak = _maxrss_mb()
        opts = Options()
        texts = [r.clean.text[: opts.max_extract_chars] for r in report.results]
        links = report.results.counts.copies
        result = SizeRun(
            documents=n, originals=corpus.originals, reprints=corpus.reprints, spun=corpus.spun,
            words=sum(len(t.split()) for t in texts), run_s=run_s, spacy_s=_bare_spacy(texts, opts),
            first_s=clock.marks.get("first document stored"), peak_mb=peak, growth_mb=mem.growth,
            stages=dict(sorted(clock.seconds.items(), key=lambda kv: -kv[1])), links=links,
            events=report.events_in_store, failures=len(report.failures),
        )
        if add:
            extra = build_run_corpus(add, work / "add", seed=seed + 1, prefix="add-")
            result.add = add
            result.add_s = _timed_run([extra.directory], f"sqlite:///{work / 'bench.db'}")[0]
            result.alone_s = _timed_run([extra.directory], f"sqlite:///{work / 'alone.db'}")[0]
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _child(n: int, add: int, seed: int, conn: Any) -> None:
    try:
        conn.send(measure_size(n, add, seed))
    except Exception as exc:  # the parent names the size that failed
        conn.send(f"{type(exc).__name__}: {exc}")
    conn.close()


def run_run_bench(sizes: tuple[int, ...], add: int = 0, seed: int = 0) -> list[SizeRun]:
    """Each size in its own forked process (its own peak memory), smallest first."""
    ctx = mp.get_context("fork")
    out: list[SizeRun] = []
    for n in sizes:
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(n, add, seed, child))
        proc.start()
        child.close()
        try:
            got = parent.recv()
        except EOFError:
            got = f"the process died (exit code {proc.exitcode}; out of memory?)"
        proc.join()
        if isinstance(got, str):
            raise click.ClickException(f"bench run at {n} documents failed: {got}")
        out.append(got)
    return out


def report_lines(results: list[SizeRun]) -> list[str]:
    lines = ["main job end to end (communique run, default settings, fresh SQLite store) vs bare spaCy nlp.pipe",
             f"{'docs':>8} {'orig/repr/spun':>16} {'docs/s':>7} {'run s':>8} {'spaCy s':>8} {'ratio':>6} "
             f"{'first s':>8} {'peak MB':>8} {'links':>6} {'events':>7}"]
    for r in results:
        mix = f"{r.originals}/{r.reprints}/{r.spun}"
        first_doc = f"{r.first_s:.2f}" if r.first_s is not None else "-"
        lines.append(f"{r.documents:>8} {mix:>16} {r.docs_per_s:>7.1f} {r.run_s:>8.1f} {r.spacy_s:>8.1f} "
                     f"{r.ratio:>6.2f} {first_doc:>8} {r.peak_mb:>8.0f} {r.links:>6} {r.events:>7}")
    lines.append("share of the run's time per stage (own time; 'other' is time outside any marked stage):")
    for r in results:
        shares = [f"{k} {v / r.run_s:.0%}" for k, v in r.stages.items() if v / r.run_s >= 0.005]
        shares.append(f"other {max(r.run_s - sum(r.stages.values()), 0.0) / r.run_s:.0%}")
        lines.append(f"  {r.documents:>7}: " + ", ".join(shares))
    first = results[0]
    for r in results[1:]:
        per = (r.run_s / r.documents) / (first.run_s / first.documents)
        lines.append(f"x{r.documents / first.documents:.0f} documents: time per document x{per:.2f} "
                     f"(1.00 is linear), peak memory x{r.peak_mb / first.peak_mb:.2f}")
    for r in results:
        if r.add:
            lines.append(f"incremental at {r.documents}: adding {r.add} documents took {r.add_s:.1f} s, "
                         f"the same {r.add} alone into a fresh store {r.alone_s:.1f} s (x{r.add_s / r.alone_s:.2f}; target <= 2)")
    last = results[-1]
    lines.append(f"targets: ratio >= {TARGET_RATIO} (got {min(r.ratio for r in results):.2f} at worst), first document "
                 f"<= {TARGET_FIRST_S:.0f} s (got {max(r.first_s or 0.0 for r in results):.2f} s at worst), "
                 f"peak <= {TARGET_PEAK_MB:.0f} MB at the largest size (got {last.peak_mb:.0f} MB at {last.documents})")
    return lines


@click.command(name="run")
@click.option("--sizes", default="1000,10000,100000", show_default=True,
              help="Comma-separated corpus sizes, each run in its own process on a fresh store.")
@click.option("--add", type=click.IntRange(min=0), default=100, show_default=True,
              help="Then add this many new documents to each size's store, and time them alone (0 = skip).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the generated corpus.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per size.")
def bench_run_cmd(sizes: str, add: int, seed: int, as_json: bool) -> None:
    """Documents/s of the whole main job (read, clean, quality, extract, link, merge, store) on N
    generated documents with reprints and spun copies, the share of each stage, the time to the
    first document stored, peak memory, bare spaCy on the same texts and the incremental cost."""
    try:
        ns = tuple(sorted(int(x) for x in sizes.split(",") if x.strip()))
    except ValueError:
        raise click.BadParameter(f"{sizes!r} is not a comma-separated list of integers", param_hint="--sizes") from None
    if not ns or ns[0] < 10:
        raise click.BadParameter("give sizes of at least 10 documents", param_hint="--sizes")
    results = run_run_bench(ns, add, seed)
    if as_json:
        for r in results:
            click.echo(json.dumps(r.to_json()))
    else:
        click.echo("\n".join(report_lines(results)))
