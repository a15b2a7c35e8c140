"""Batch extraction over many input shards, on Ray Data or a local process pool.

``run_batch`` is what ``communique batch`` runs:

1. shards   every input file is a shard (directories expand to their article files); shards
            already done (manifest entry matching the file's bytes) are skipped: re-runs resume
2. extract  stages 1-4 per document: on Ray (``engine="ray"``: read tasks, then ``map_batches``
            with a pool of actors that each load the model once) or locally (``engine="local"``:
            ``parallel.WorkerPool``); each finished shard is written to the output directory
            (one Parquet/JSONL file per shard) and recorded in the manifest at once
3. merge    the shards are read back and stages 5-6 (``link_and_merge``) run over all of them
            in this process, as a single-process run would; the shard files are rewritten with
            the links and event ids, and ``_events.jsonl``/``_links.jsonl`` written
4. store    optionally (``db``) the results go into the store, then links and events are
            merged over the whole stored corpus, as ``communique run`` does

A failure (one document, or a whole shard) never stops the job: it is recorded with its reason
in the manifest and ``_failures.jsonl`` and returned in the report.

Ray is an optional extra (``pip install 'communique[ray]'``), imported only here and only
when the Ray engine runs.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from .errors import CommuniqueError, OptionsError
from .options import Options
from .parallel import WorkerPool, process_aligned
from .progress import Progress, no_progress, track
from .records import DocumentResult, Failure, RawDocument
from .shards import (
    EVENTS,
    FAILURES,
    FORMATS,
    LINKS,
    SUCCESS,
    Shard,
    append_manifest,
    expand_shards,
    failure_json,
    file_digest,
    is_done,
    load_manifest,
    manifest_entry,
    read_results,
    write_jsonl,
    write_results,
)

ENGINES = ("local", "ray")
RAY_EXTRA = "the ray engine needs Ray: pip install 'communique[ray]' (or use --engine local)"
Output = DocumentResult | Failure


@dataclass
class BatchReport:
    output: Path
    shards: int = 0
    skipped: int = 0  # done in an earlier run
    processed: int = 0
    documents: int = 0  # results across all current shards
    failures: list[dict[str, Any]] = field(default_factory=list)  # failure_json rows, all current shards
    events: int = 0
    links: int = 0
    seconds: float = 0.0
    extract_seconds: float = 0.0
    startup_seconds: float = 0.0  # Ray: ray.init; local: 0 (workers start with the first chunk)
    first_result_seconds: float | None = None  # from the start of extraction to the first finished shard
    per_shard: list[dict[str, Any]] = field(default_factory=list)  # manifest entries of the current shards
    db: str | None = None

    def lines(self, verbose: bool = False) -> list[str]:
        """The summary ``communique batch`` prints: a few lines (``verbose``: one more per shard)."""
        from .report import SHOWN_FAILURES

        out = [f"shards: {self.shards} ({self.processed} processed, {self.skipped} already done)",
               f"documents: {self.documents}, events: {self.events}, near-duplicate links: {self.links}",
               f"failures: {len(self.failures)}" + (", the first:" if self.failures else "")]
        out += [f"  {f['source']}: {f['reason']}"[:200] for f in self.failures[:SHOWN_FAILURES]]
        out += [f"output: {self.output}",
                f"time: {self.seconds:.1f} s (extraction {self.extract_seconds:.1f} s)"]
        if verbose:
            out += [f"  {e['shard']}: {e['documents']} documents, {len(e['failures'])} failures -> {e['output']}"
                    for e in self.per_shard]
        out.append(f"next: {self.output / EVENTS} (events), {self.output / FAILURES} (every failure)"
                   + (f", communique events --db {self.db}" if self.db else ""))
        return out


# --- reading and extracting, per engine ---------------------------------------------------------

def read_shard(path: str, opts: Options) -> list[RawDocument | Failure]:
    """Every document of one shard; an unexpected error is the shard's one failure."""
    from .ingest import read_paths

    try:
        return list(read_paths([path], opts))
    except Exception as exc:  # a reader bug must not kill the batch
        return [Failure(path, f"cannot read shard: {type(exc).__name__}: {exc}")]


def _local_outputs(todo: list[Shard], opts: Options, workers: int,
                   pipeline: Any = None) -> Iterator[tuple[Shard, list[Output]]]:
    """(shard, outputs aligned with its documents) as each shard finishes, in shard order."""
    tags: deque[Shard] = deque()
    empty: list[Shard] = []

    def docs() -> Iterator[RawDocument | Failure]:
        for s in todo:
            items = read_shard(s.path, opts)
            if not items:
                empty.append(s)
            for item in items:
                tags.append(s)
                yield item

    if workers > 1:
        pool = WorkerPool(opts, workers)
        pool.start()
        stream: Iterator[Output] = pool.process(docs())
    else:
        from .pipeline import Pipeline

        pool = None
        pipe = pipeline or Pipeline(opts)
        it = docs()
        stream = (o for chunk in iter(lambda: list(islice(it, opts.batch_size)), [])
                  for o in process_aligned(pipe, chunk))
    try:
        current: Shard | None = None
        outs: list[Output] = []
        for out in stream:
            shard = tags.popleft()
            if shard is not current:
                if current is not None:
                    yield current, outs
                current, outs = shard, []
            outs.append(out)
        if current is not None:
            yield current, outs
        for s in empty:
            yield s, []
    finally:
        if pool is not None:
            pool.close()


def _import_ray() -> Any:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # never phone home from a batch job
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise CommuniqueError(RAY_EXTRA) from None
    return ray


def _read_rows(row: dict[str, Any], opts: Options) -> list[dict[str, Any]]:
    """Ray flat_map: a shard row -> one row per document, then an end row carrying the count."""
    path = row["shard"]
    items = read_shard(path, opts)
    rows = [{"shard": path, "seq": i, "total": -1, "payload": pickle.dumps(x)} for i, x in enumerate(items)]
    rows.append({"shard": path, "seq": len(items), "total": len(items), "payload": b""})
    return rows


class ExtractActor:
    """Ray actor for ``map_batches``: builds the pipeline once, then stages 2-4 per batch of rows."""

    def __init__(self, opts: Options) -> None:
        from .pipeline import Pipeline

        self.pipe = Pipeline(opts.with_(workers=1))

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        docs_at = [i for i, t in enumerate(batch["total"]) if t == -1]
        docs = [pickle.loads(batch["payload"][i]) for i in docs_at]
        try:
            outs: list[Output] = process_aligned(self.pipe, docs)
        except Exception as exc:  # one broken batch never stops the job
            outs = [d if isinstance(d, Failure) else
                    Failure(d.source, f"extraction failed: {type(exc).__name__}: {exc}", stage="extract")
                    for d in docs]
        payload = list(batch["payload"])
        for i, o in zip(docs_at, outs, strict=True):
            payload[i] = pickle.dumps(o)
        return {"shard": batch["shard"], "seq": batch["seq"], "total": batch["total"],
                "payload": np.array(payload, dtype=object)}


RAY_QUIET_ENV = {"RAY_BACKEND_LOG_LEVEL": "fatal"}  # the C++ core worker's own lines on stderr


def _ray_init(ray: Any, address: str | None, workers: int | None, temp_dir: str, verbose: bool) -> None:
    """Start (or join) Ray with its own logging kept out of the terminal unless ``verbose``: no
    worker output forwarded to the driver, Ray's Python loggers at ERROR, Ray Data's INFO lines
    off stderr, the C++ core worker's log lines off (``RAY_BACKEND_LOG_LEVEL``), and what Ray
    writes straight to stderr while it starts kept in ``temp_dir`` (shown if it fails to start)."""
    import logging

    level = logging.INFO if verbose else logging.ERROR
    kwargs: dict[str, Any] = {"log_to_driver": verbose, "logging_level": level}
    if not address:
        kwargs.update(num_cpus=workers or os.cpu_count() or 1, include_dashboard=False, _temp_dir=temp_dir)
    if verbose:
        ray.init(address=address, **kwargs)
    else:
        saved = {k: os.environ.get(k) for k in RAY_QUIET_ENV}
        for k, v in RAY_QUIET_ENV.items():
            os.environ.setdefault(k, v)
        try:
            with _stderr_into(Path(temp_dir) / "ray-init-stderr.log"):
                ray.init(address=address, **kwargs)
        finally:
            for k, old in saved.items():
                if old is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = old
    for handler in logging.getLogger("ray.data").handlers:  # its console handler logs at INFO
        if type(handler) is not logging.FileHandler and isinstance(handler, logging.StreamHandler):
            handler.setLevel(level)


@contextmanager
def _stderr_into(path: Path) -> Iterator[None]:
    """File descriptor 2 (what native code writes too) into ``path`` for a while; replayed on
    the real stderr when the block raises."""
    import sys

    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with path.open("ab") as f:
            os.dup2(f.fileno(), 2)
        try:
            yield
        except BaseException:
            sys.stderr.flush()
            os.dup2(saved, 2)
            sys.stderr.write(path.read_text(encoding="utf-8", errors="replace"))
            raise
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


@dataclass
class RayTimes:
    init_seconds: float = 0.0


def _ray_outputs(todo: list[Shard], opts: Options, workers: int | None, address: str | None,
                 temp_dir: str, times: RayTimes, verbose: bool = False) -> Iterator[tuple[Shard, list[Output]]]:
    """(shard, aligned outputs) as each shard's documents have all come back from the actors."""
    ray = _import_ray()
    t0 = time.perf_counter()
    started_here = not ray.is_initialized()
    if started_here:
        _ray_init(ray, address, workers, temp_dir, verbose)
    times.init_seconds = time.perf_counter() - t0
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = verbose  # communique's own bar counts the shards
        ctx.max_errored_blocks = -1  # a lost block loses its shards (recorded below), not the job
        if workers is None:
            workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        by_path = {s.path: s for s in todo}
        ds = ray.data.from_items([{"shard": s.path} for s in todo], override_num_blocks=min(len(todo), 1000))
        # reading is light I/O: no CPU reserved (the actors hold them), a few tasks at a time
        ds = ds.flat_map(_read_rows, fn_kwargs={"opts": opts}, num_cpus=0,
                         compute=ray.data.TaskPoolStrategy(size=max(2, workers // 4)))
        ds = ds.map_batches(ExtractActor, fn_constructor_kwargs={"opts": opts},
                            compute=ray.data.ActorPoolStrategy(size=workers),
                            batch_size=opts.batch_size, batch_format="numpy", num_cpus=1)
        got: dict[str, list[tuple[int, bytes]]] = {}
        totals: dict[str, int] = {}
        finished: set[str] = set()
        try:
            for row in ds.iter_rows():
                path = row["shard"]
                if row["total"] >= 0:
                    totals[path] = int(row["total"])
                else:
                    got.setdefault(path, []).append((int(row["seq"]), row["payload"]))
                if path in totals and len(got.get(path, ())) == totals[path]:
                    finished.add(path)
                    outs = [pickle.loads(p) for _seq, p in sorted(got.pop(path, []))]
                    yield by_path[path], outs
            reason = "lost: a Ray task processing this shard failed"
        except Exception as exc:  # the dataset as a whole failed: every unfinished shard is lost
            reason = f"lost: the Ray job failed: {type(exc).__name__}: {exc}"
        for s in todo:
            if s.path not in finished:
                yield s, [Failure(s.path, reason, stage="batch")]
    finally:
        if started_here:
            ray.shutdown()


# --- the job ------------------------------------------------------------------------------------

def _merge(shards: list[Shard], out_dir: Path, fmt: str, opts: Options,
           manifest: dict[str, dict[str, Any]]) -> tuple[list[DocumentResult], list[Any], list[Any]]:
    """Stages 5-6 over every current shard's results, read back; shard files rewritten with them."""
    import dataclasses

    from .pipeline import link_and_merge

    per_shard: list[tuple[Shard, list[DocumentResult]]] = []
    for s in shards:
        entry = manifest.get(s.path)
        if entry is None or not (out_dir / entry["output"]).is_file():
            continue
        rs = read_results(out_dir / entry["output"])
        for r in rs:  # forget links and event ids from an earlier merge
            r.near_duplicate_of = r.duplicate_reason = None
            if any(m.event_id for m in r.analysis.meetings):
                r.analysis = dataclasses.replace(r.analysis, meetings=tuple(
                    dataclasses.replace(m, event_id=None) for m in r.analysis.meetings))
        per_shard.append((s, rs))
    corpus = [r for _s, rs in per_shard for r in rs]
    links: list[Any] = []
    events: list[Any] = []
    if corpus:
        links, events = link_and_merge(corpus, opts)
    for s, rs in per_shard:
        write_results(out_dir / s.output(fmt), rs, fmt)
    write_jsonl(out_dir / EVENTS, (e.to_json() for e in events))
    write_jsonl(out_dir / LINKS, ({"doc_id": x.doc_id, "target": x.target, "reason": x.reason,
                                   "score": float(x.score)} for x in links))
    return corpus, links, events


def _into_store(corpus: list[DocumentResult], failures: list[Failure], opts: Options) -> None:
    """Save the results, then link and merge over the whole stored corpus (as ``run_into_store``)."""
    from .pipeline import link_and_merge
    from .store import Store

    with Store.open(opts=opts) as store:
        for f in failures:
            store.record_failure(f)
        if corpus:
            store.save_results(corpus)
        stored = list(store.iter_results())
        if stored:
            links, events = link_and_merge(stored, opts)
            store.save_links([(x.doc_id, x.target, x.reason, float(x.score)) for x in links], replace=True)
            store.replace_events(
                [(e.event_id, e.to_json()) for e in events],
                [(e.event_id, doc_id, idx) for e in events for doc_id, idx in e.sources],
            )


def run_batch(inputs: Iterable[str | Path], output: str | Path, *, engine: str = "local",
              address: str | None = None, workers: int | None = None, fmt: str = "parquet",
              db: str | None = None, opts: Options | None = None, retry_failed: bool = False,
              echo: Any = None, pipeline: Any = None, on_failure: Any = None,
              progress: Progress | None = None, verbose: bool = False) -> BatchReport:
    """Run the batch job (see the module docstring); ``on_failure(failure)`` hears each failure as
    it happens (else ``echo(line)`` hears its ``error:`` line). ``progress`` counts the shards as
    they finish; ``verbose`` lets Ray's own log lines and progress bars through to stderr.

    ``pipeline``: an already built ``Pipeline`` for the local engine with one worker (tests).
    """
    if engine not in ENGINES:
        raise OptionsError(f"engine {engine!r} is not one of {', '.join(ENGINES)}")
    if fmt not in FORMATS:
        raise OptionsError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    opts = opts or Options()
    if db:
        opts = opts.with_(db=db)
    t_start = time.perf_counter()
    out_dir = Path(output)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / SUCCESS).unlink(missing_ok=True)
    shards = expand_shards(inputs)
    manifest = load_manifest(out_dir)
    digests = {s.path: file_digest(s.path) for s in shards}
    todo = [s for s in shards if not is_done(manifest.get(s.path), out_dir, fmt, digests[s.path], retry_failed)]
    report = BatchReport(output=out_dir, shards=len(shards), skipped=len(shards) - len(todo))
    lost: list[dict[str, Any]] = []  # shards that did not finish: not in the manifest, retried next run
    t_extract = time.perf_counter()
    if todo:
        if engine == "local":
            outputs = _local_outputs(todo, opts, workers or opts.workers, pipeline)
            temp_dir = None
        else:
            temp_dir = tempfile.mkdtemp(prefix="cq-ray-", dir="/tmp")
            times = RayTimes()
            outputs = _ray_outputs(todo, opts, workers, address, temp_dir, times, verbose)
        try:
            for shard, outs in track(outputs, progress or no_progress, "shards", len(todo)):
                if report.first_result_seconds is None:
                    report.first_result_seconds = time.perf_counter() - t_extract
                results = [o for o in outs if isinstance(o, DocumentResult)]
                fails = [o for o in outs if isinstance(o, Failure)]
                for f in fails:
                    if on_failure is not None:
                        on_failure(f)
                    elif echo:
                        echo(f"error: {f.source}: {f.reason}")
                if any(f.stage == "batch" for f in fails):
                    lost.extend(failure_json(shard.path, f) for f in fails)
                    continue
                write_results(out_dir / shard.output(fmt), results, fmt)
                entry = manifest_entry(shard, fmt, digests[shard.path], len(results), fails)
                append_manifest(out_dir, entry)
                manifest[shard.path] = entry
                report.processed += 1
        finally:
            if engine == "ray":
                report.startup_seconds = times.init_seconds
                if temp_dir:
                    shutil.rmtree(temp_dir, ignore_errors=True)
    report.extract_seconds = time.perf_counter() - t_extract
    corpus, links, events = _merge(shards, out_dir, fmt, opts, manifest)
    report.documents, report.links, report.events = len(corpus), len(links), len(events)
    report.failures = [f for s in shards for f in manifest.get(s.path, {}).get("failures", [])] + lost
    report.per_shard = [manifest[s.path] for s in shards if s.path in manifest]
    report.db = db
    write_jsonl(out_dir / FAILURES, report.failures)
    if db:
        _into_store(corpus, [Failure(f["source"], f["reason"], f["stage"]) for f in report.failures], opts)
    if not report.failures:
        (out_dir / SUCCESS).write_text("", encoding="utf-8")
    report.seconds = time.perf_counter() - t_start
    return report
