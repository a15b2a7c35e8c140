"""The scale benchmark: docs/s of the batch job with 1 process, N processes and Ray with N workers.

For each size, N generated documents (the sample articles varied by ``corpus.vary``) are written
as JSONL shards of ``shard_size`` records, then ``distributed.run_batch`` runs over them with
each engine into a fresh output directory. Docs/s counts the extraction phase (reading,
stages 1-4, writing each shard's file and manifest entry); the merge over all shards (stages
5-6, the same work for every engine) is reported apart. Ray's fixed start-up cost is measured
on a one-shard run of a few documents: ``ray.init`` and the time until the first shard is back
(actor start, model load, first batch). Sentence embeddings are off (merging is not measured here).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..options import Options
from .corpus import sample_bases, template_bases, vary
from .extract import available_cores

CONFIGS = ("one", "pool", "ray")


def build_shards(n: int, directory: Path, shard_size: int = 250, seed: int = 0) -> int:
    """Write ``n`` varied articles as JSONL shards ``shard-00000.jsonl`` ...; returns the shard count."""
    bases = sample_bases() or template_bases()
    directory.mkdir(parents=True, exist_ok=True)
    shards = 0
    for start in range(0, n, shard_size):
        with open(directory / f"shard-{shards:05d}.jsonl", "w", encoding="utf-8") as fh:
            for i in range(start, min(n, start + shard_size)):
                text = vary(bases[i % len(bases)], i, seed)
                fh.write(json.dumps({"id": f"gen-{i:07d}", "text": text}, ensure_ascii=False) + "\n")
        shards += 1
    return shards


@dataclass
class Run:
    config: str
    workers: int
    documents: int
    extract_s: float
    merge_s: float
    failures: int
    startup_s: float = 0.0

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.extract_s if self.extract_s else 0.0


@dataclass
class SizeResult:
    n: int
    shards: int
    runs: dict[str, Run] = field(default_factory=dict)
    load_average: tuple[float, float, float] = (0.0, 0.0, 0.0)
    cores_available: float = 0.0  # measured with a CPU burn probe before the runs


def _run(config: str, corpus: Path, out: Path, workers: int, opts: Options) -> Run:
    from ..distributed import run_batch

    engine = "ray" if config == "ray" else "local"
    w = 1 if config == "one" else workers
    report = run_batch([corpus], out, engine=engine, workers=w, fmt="parquet", opts=opts)
    return Run(config, w, report.documents, report.extract_seconds, report.seconds - report.extract_seconds,
               len(report.failures), report.startup_seconds)


def ray_fixed_cost(work: Path, workers: int, opts: Options) -> tuple[float, float, float]:
    """(ray.init s, time to the first shard back s, whole extraction s) on one shard of 4 documents."""
    from ..distributed import run_batch

    build_shards(4, work / "tiny", shard_size=4)
    report = run_batch([work / "tiny"], work / "tiny-out", engine="ray", workers=workers, opts=opts)
    return report.startup_seconds, report.first_result_seconds or 0.0, report.extract_seconds


def run_scale_bench(sizes: tuple[int, ...], workers: int, configs: tuple[str, ...] = CONFIGS,
                    shard_size: int = 250) -> tuple[list[SizeResult], tuple[float, float, float] | None]:
    opts = Options(progress="never", embeddings=False)
    work = Path(tempfile.mkdtemp(prefix="communique-scale-"))
    try:
        fixed = ray_fixed_cost(work, workers, opts) if "ray" in configs else None
        results: list[SizeResult] = []
        for n in sizes:
            corpus = work / f"corpus-{n}"
            size = SizeResult(n, build_shards(n, corpus, shard_size), load_average=os.getloadavg(),
                              cores_available=available_cores(workers))
            for config in configs:
                size.runs[config] = _run(config, corpus, work / f"out-{n}-{config}", workers, opts)
                shutil.rmtree(work / f"out-{n}-{config}", ignore_errors=True)
            results.append(size)
            shutil.rmtree(corpus, ignore_errors=True)
        return results, fixed
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report_lines(results: list[SizeResult], fixed: tuple[float, float, float] | None, workers: int,
                 target: int = 50_000) -> list[str]:
    lines = [f"scale benchmark: batch job over JSONL shards, extraction phase docs/s ({os.cpu_count()} cores, "
             f"N = {workers} workers; embeddings off)"]
    for s in results:
        lines.append(f"  {s.n} documents in {s.shards} shards (load average {s.load_average[0]:.2f} "
                     f"{s.load_average[1]:.2f} {s.load_average[2]:.2f} at start; {s.cores_available:.2f} cores available "
                     f"to {workers} busy processes by a CPU burn probe):")
        for r in s.runs.values():
            extra = f", ray.init {r.startup_s:.1f} s included" if r.config == "ray" else ""
            lines.append(f"    {r.config:>4} x{r.workers}: {r.extract_s:8.1f} s  {r.docs_per_s:7.1f} docs/s  "
                         f"(merge {r.merge_s:.1f} s{extra}; {r.failures} failures)")
        one, pool, ray = (s.runs.get(c) for c in CONFIGS)
        if one and pool:
            lines.append(f"    {workers} processes / 1 process: x{pool.docs_per_s / one.docs_per_s:.2f} (target >= 1.8)")
        if pool and ray:
            lines.append(f"    Ray / process pool: x{ray.docs_per_s / pool.docs_per_s:.2f} (target >= 0.9 at 50k)")
    if fixed:
        lines.append(f"  Ray fixed start-up (one shard of 4 documents): ray.init {fixed[0]:.1f} s, first shard back after "
                     f"{fixed[1]:.1f} s, whole extraction {fixed[2]:.1f} s")
    if results and results[-1].n < target:
        last = results[-1]
        est = [f"{r.config} ~{(target / r.docs_per_s + (r.startup_s if r.config == 'ray' else 0)) / 60:.0f} min"
               for r in last.runs.values() if r.docs_per_s]
        lines.append(f"  EXTRAPOLATED (not measured) to {target} documents at the {last.n}-document rates: "
                     + ", ".join(est))
    return lines


@click.command(name="scale")
@click.option("--sizes", default="20000,50000", show_default=True,
              help="Comma-separated corpus sizes (50k takes hours at spaCy speed on 2 cores: give smaller ones).")
@click.option("--workers", type=click.IntRange(min=2), default=None, help="N for the pool and Ray (default: all cores).")
@click.option("--configs", default=",".join(CONFIGS), show_default=True,
              help="Which runs: one (1 process), pool (N processes), ray (N Ray workers).")
@click.option("--shard-size", type=click.IntRange(min=1), default=250, show_default=True, help="Documents per JSONL shard.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_scale_cmd(sizes: str, workers: int | None, configs: str, shard_size: int, as_json: bool) -> None:
    """Docs/s of the batch job with 1 process, N processes and Ray with N workers, the ratios, and
    Ray's fixed start-up cost; extrapolates (labelled) to 50k when the sizes run are smaller."""
    try:
        ns = tuple(int(x) for x in sizes.split(",") if x.strip())
    except ValueError:
        raise click.BadParameter(f"{sizes!r} is not a comma-separated list of integers", param_hint="--sizes") from None
    chosen = tuple(c.strip() for c in configs.split(",") if c.strip())
    bad = [c for c in chosen if c not in CONFIGS]
    if not ns or min(ns) < 1 or bad or not chosen:
        raise click.BadParameter(f"sizes must be positive; configs are {', '.join(CONFIGS)}")
    n_workers = workers or os.cpu_count() or 2
    t0 = time.perf_counter()
    results, fixed = run_scale_bench(ns, n_workers, chosen, shard_size)
    if as_json:
        out: dict[str, Any] = {"workers": n_workers, "fixed_ray": fixed, "sizes": [
            {"n": s.n, "shards": s.shards, "load_average": s.load_average, "cores_available": s.cores_available,
             "runs": {c: {**r.__dict__, "docs_per_s": round(r.docs_per_s, 2)} for c, r in s.runs.items()}}
            for s in results]}
        click.echo(json.dumps(out))
    else:
        click.echo("\n".join(report_lines(results, fixed, n_workers)))
        click.echo(f"  (benchmark wall time {time.perf_counter() - t0:.0f} s)")
