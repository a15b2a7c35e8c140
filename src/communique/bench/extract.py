"""The extraction benchmark: the full per-document pipeline against bare spaCy, and 2 processes.

On the same N generated documents (``corpus.build_corpus``, read with the package's readers):

1. full     ``Pipeline.process`` (clean, quality, extraction) in this process;
2. spaCy    bare ``nlp.pipe`` of the same model over the same cleaned texts;
3. pool     the full pipeline in a ``WorkerPool`` of P processes, timed after a warm-up chunk
            per worker (so model loading is reported apart, not counted in docs/s), against
            the one-process time on the same documents.

Words are whitespace-separated tokens of the cleaned texts. ``--profile`` adds a cProfile of
the full pipeline (stdlib, no extra package): where the time goes beyond spaCy's own parsing.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ..options import Options
from ..records import DocumentResult, Failure, RawDocument
from .corpus import build_corpus


@dataclass
class ExtractBench:
    documents: int
    words: int
    full_s: float
    spacy_s: float
    clean_s: float  # clean + quality alone, in the full run's process
    processes: int
    pool_docs: int  # documents timed in the pool run (after the warm-up)
    pool_s: float
    one_s: float  # one process on the same pool_docs documents
    pool_startup_s: float  # start + model load + warm-up chunk in every worker
    one_cpu_s: float  # CPU time of the one-process run on pool_docs
    pool_cpu_s: float  # CPU time the workers and this process spent on the same documents
    load_average: tuple[float, float, float]
    profile: list[str]
    cores_available: float = 0.0  # measured by available_cores just before the pool run

    @property
    def ratio(self) -> float:
        return self.spacy_s / self.full_s if self.full_s else 0.0

    @property
    def cpu_bound_speedup(self) -> float:
        """What the wall-clock speed-up would be with the cores to ourselves (perfect balance)."""
        return self.processes * self.one_cpu_s / self.pool_cpu_s if self.pool_cpu_s else 0.0

    @property
    def speedup(self) -> float:
        return self.one_s / self.pool_s if self.pool_s else 0.0

    def lines(self) -> list[str]:
        wps = self.words / self.full_s
        out = [
            f"extraction benchmark: {self.documents} documents, {self.words} words "
            f"(load average at start {self.load_average[0]:.2f} {self.load_average[1]:.2f} {self.load_average[2]:.2f}, "
            f"{os.cpu_count()} cores)",
            f"  full pipeline : {self.full_s:7.2f} s  {wps:8.0f} words/s  {self.documents / self.full_s:6.1f} docs/s"
            f"  (clean + quality {self.clean_s:.2f} s of it)",
            f"  bare spaCy    : {self.spacy_s:7.2f} s  {self.words / self.spacy_s:8.0f} words/s",
            f"  ratio full/spaCy speed: {self.ratio:.2f} (target >= 0.8)",
            f"  {self.processes} processes: {self.pool_docs} documents in {self.pool_s:.2f} s vs {self.one_s:.2f} s in one "
            f"process: speed-up x{self.speedup:.2f} (target >= 1.8); worker start-up {self.pool_startup_s:.1f} s (not counted)",
            f"  cores available to {self.processes} busy processes just before (CPU burn probe): {self.cores_available:.2f}",
            f"  CPU time on those documents: {self.one_cpu_s:.2f} s in one process, {self.pool_cpu_s:.2f} s in the workers + parent "
            f"(x{self.pool_cpu_s / self.one_cpu_s if self.one_cpu_s else 0:.2f}); on {self.processes} idle cores the "
            f"speed-up would be about x{self.cpu_bound_speedup:.2f} (CPU-time estimate, not measured)",
        ]
        if self.profile:
            out += ["  profile of the full pipeline (cProfile, cumulative s, top communique functions):", *self.profile]
        return out

    def to_json(self) -> dict[str, Any]:
        d = {k: v for k, v in self.__dict__.items() if k != "profile"}
        d.update(ratio=round(self.ratio, 3), speedup=round(self.speedup, 3))
        return d


def _burn(seconds: float, out: Any) -> None:
    t0 = time.perf_counter()
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    out.put(time.perf_counter() - t0)


def available_cores(n: int, seconds: float = 1.0) -> float:
    """How many cores ``n`` busy processes actually get right now (others' load included): each
    burns ``seconds`` of CPU and times itself (start-up excluded); cores = sum of CPU/wall shares."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_burn, args=(seconds, out)) for _ in range(n)]
    for p in procs:
        p.start()
    walls = [out.get() for _ in procs]
    for p in procs:
        p.join()
    return sum(min(1.0, seconds / w) for w in walls if w > 0)


def _profile_lines(prof: cProfile.Profile, total: float, top: int = 25) -> list[str]:
    stats = pstats.Stats(prof)
    rows: list[tuple[float, float, int, str]] = []
    for (file, line, name), (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if "/communique/" in file or name in ("pipe", "__call__") and "spacy/language" in file:
            short = file.split("/communique/")[-1] if "/communique/" in file else "spacy/language.py"
            rows.append((cumtime, tottime, ncalls, f"{short}:{line} {name}"))
    rows.sort(reverse=True)
    return [f"    {cum:7.2f} cum {own:7.2f} own {calls:8d} calls {cum / total * 100:5.1f}%  {where}"
            for cum, own, calls, where in rows[:top]]


def _words(docs: Sequence[Any]) -> int:
    return sum(len(d.clean.text.split()) for d in docs if isinstance(d, DocumentResult))


def run_extract_bench(n: int, processes: int = 2, profile: bool = False, seed: int = 0,
                      opts: Options | None = None) -> ExtractBench:
    from ..clean import clean
    from ..ingest import read_paths
    from ..parallel import WorkerPool
    from ..pipeline import Pipeline
    from ..quality import assess

    # (no parse cache: the corpus varies a few samples, whose shared paragraphs it would parse once, and the figure
    # is the extraction's own cost per parsed document; `bench run` measures the cache on a crawl's copies)
    opts = opts or Options(progress="never", embeddings=False, parse_cache=0)
    load = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="communique-bench-"))
    try:
        build_corpus(n, work / "corpus", seed=seed)
        raws = [d for d in read_paths([work / "corpus"], opts) if isinstance(d, RawDocument)]
        pipe = Pipeline(opts)
        list(pipe.process(raws[: min(8, len(raws))]))  # warm-up
        prof = cProfile.Profile() if profile else None
        t0 = time.perf_counter()
        if prof:
            prof.enable()
        results = list(pipe.process(raws))
        if prof:
            prof.disable()
        full_s = time.perf_counter() - t0
        ok = [r for r in results if isinstance(r, DocumentResult)]
        t0 = time.perf_counter()
        for raw in raws:
            assess(clean(raw), opts, model=pipe.spin_model)
        clean_s = time.perf_counter() - t0
        texts = [r.clean.text[: opts.max_extract_chars] for r in ok]
        t0 = time.perf_counter()
        for _doc in pipe.extractor.nlp.pipe(texts, batch_size=opts.batch_size * 8):
            pass
        spacy_s = time.perf_counter() - t0
        warm = processes * 2
        rest = raws[warm:] if len(raws) > 2 * warm else raws
        t0, c0 = time.perf_counter(), time.process_time()
        list(pipe.process(rest))
        one_s, one_cpu = time.perf_counter() - t0, time.process_time() - c0
        cores = available_cores(processes)
        with WorkerPool(opts, processes) as pool:
            t0 = time.perf_counter()
            list(pool.process(raws[:warm], chunk_size=2))
            startup = time.perf_counter() - t0
            cpu_before = pool.cpu_seconds
            t0, c0 = time.perf_counter(), time.process_time()
            pooled = list(pool.process(rest))
            pool_s = time.perf_counter() - t0
            pool_cpu = pool.cpu_seconds - cpu_before + time.process_time() - c0  # workers + this process
        failed = sum(isinstance(x, Failure) for x in pooled)
        if failed:
            raise click.ClickException(f"{failed} documents failed in the pool run")
        lines = _profile_lines(prof, full_s) if prof else []
        return ExtractBench(len(raws), _words(ok), full_s, spacy_s, clean_s, processes, len(rest), pool_s, one_s,
                            startup, one_cpu, pool_cpu, load, lines, cores)
    finally:
        shutil.rmtree(work, ignore_errors=True)


@click.command(name="extract")
@click.option("-n", "n", type=click.IntRange(min=10), default=300, show_default=True,
              help="Documents in the generated corpus.")
@click.option("--processes", type=click.IntRange(min=2), default=2, show_default=True,
              help="Worker processes for the speed-up measurement.")
@click.option("--profile", is_flag=True, help="Also profile the full pipeline (cProfile) and print the hot spots.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def bench_extract_cmd(n: int, processes: int, profile: bool, as_json: bool) -> None:
    """Words/s of the full extraction vs bare spaCy nlp.pipe on the same texts (ratio, target
    >= 0.8), and the speed-up of the process pool (target >= 1.8 with 2 processes)."""
    import json

    result = run_extract_bench(n, processes, profile)
    click.echo(json.dumps(result.to_json()) if as_json else "\n".join(result.lines()))
