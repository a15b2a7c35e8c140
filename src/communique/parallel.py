"""Local parallel extraction: stages 2-4 in a pool of worker processes.

Each worker is a fresh process (``spawn``: never a fork of a parent that may already hold
torch or spaCy) that builds its own ``Pipeline`` once and then processes chunks of documents
sent to it. Outputs come back aligned with the inputs and in input order, so a run with N
workers gives exactly what one process gives; stages 5-6 (``link_and_merge``) then run over
the combined output in the parent.

The pool never raises for a bad document: a document that cannot be processed is a
``Failure``, and a worker that dies (killed, out of memory) turns the chunks it held into
failures naming the cause and is replaced. A worker that cannot even build its pipeline
(model missing...) stops the run with that error.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import multiprocessing.connection as mp_connection
import os
import pickle
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .errors import CommuniqueError
from .options import Options
from .records import DocumentResult, Failure, RawDocument

Item = RawDocument | Failure
Output = DocumentResult | Failure

START_METHOD = "spawn"
BLAS_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
POLL_SECONDS = 0.5
MAX_RESTARTS = 8  # replacement workers per pool before giving up


def process_aligned(pipe: Any, docs: Sequence[Item]) -> list[Output]:
    """``pipe.process`` over ``docs``, returning exactly one output per input, in input order.

    ``Pipeline.process`` yields every failure as soon as it is known and results at the end of
    each NLP batch; this puts each output back at its input's place: results by the identity of
    their raw document, failures by their source (input failures are passed through as they are).
    """
    out: list[Output | None] = [d if isinstance(d, Failure) else None for d in docs]
    todo = [i for i, d in enumerate(docs) if not isinstance(d, Failure)]
    by_raw = {id(docs[i]): i for i in todo}
    failures: list[Failure] = []
    for item in pipe.process([docs[i] for i in todo]):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        i = by_raw.get(id(item.clean.raw))
        if i is not None and out[i] is None:
            out[i] = item
    by_source: dict[str, deque[int]] = defaultdict(deque)
    for i in todo:
        if out[i] is None:
            by_source[docs[i].source].append(i)
    for f in failures:
        waiting = by_source.get(f.source)
        if waiting:
            out[waiting.popleft()] = f
    return [
        o if o is not None else Failure(docs[i].source, "no result from the pipeline", stage="extract")
        for i, o in enumerate(out)
    ]


def _fail_all(docs: Sequence[Item], reason: str) -> list[Output]:
    return [d if isinstance(d, Failure) else Failure(d.source, reason, stage="extract") for d in docs]


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling (to be raised in the parent), else a CommuniqueError with its text."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return CommuniqueError(f"{type(exc).__name__}: {exc}")


def build_pipeline(opts: Options) -> Any:
    """The default worker factory: a ``Pipeline`` for ``opts``, in this process only."""
    from .pipeline import Pipeline

    return Pipeline(opts.with_(workers=1))


def _worker_main(opts: Options, factory: Callable[[Options], Any], tasks: Any, results: Any, current: Any,
                 wid: int) -> None:
    """A worker process: build the pipeline once, then process chunks until told to stop (None)."""
    # One BLAS thread per worker (as Ray does for its 1-CPU actors): with N workers on N cores,
    # OpenBLAS's default of one thread per core oversubscribes the cores and spins.
    for var in BLAS_THREAD_VARS:
        os.environ.setdefault(var, "1")
    try:
        pipe = factory(opts)
    except BaseException as exc:  # reported to the parent, which stops the run with it
        results.send(("fatal", wid, _portable(exc)))
        return
    results.send(("ready", wid, None))
    while True:
        task = tasks.get()
        if task is None:
            return
        idx, docs = task
        current.value = idx  # shared memory: visible to the parent even if this process dies now
        cpu = time.process_time()
        try:
            out = process_aligned(pipe, docs)
        except Exception as exc:  # one broken chunk never stops the worker
            out = _fail_all(docs, f"extraction failed: {type(exc).__name__}: {exc}")
        results.send(("done", idx, (out, time.process_time() - cpu)))  # written before the next task


@dataclass
class _Worker:
    wid: int
    process: Any
    tasks: Any
    pending: list[int] = field(default_factory=list)  # chunk indices sent and not yet returned
    current: Any = None  # shared int: the chunk it is working on (-1 before the first)
    results: Any = None  # the read end of this worker's own result pipe


class WorkerPool:
    """``workers`` processes, each with its own ``Pipeline``; use as a context manager.

    ``map_chunks`` / ``process`` may be called several times on the same pool (the model is
    loaded once per worker for the pool's life). ``factory`` builds each worker's pipeline (an
    object with ``process(docs)``); it must be a module-level function, to reach the worker.
    """

    def __init__(self, opts: Options, workers: int | None = None, *, start_method: str = START_METHOD,
                 per_worker: int = 2, factory: Callable[[Options], Any] = build_pipeline) -> None:
        self.opts = opts
        self.factory = factory
        self.size = workers or opts.workers
        if self.size < 1:
            raise CommuniqueError(f"workers must be at least 1, got {self.size}")
        self.ctx: Any = mp.get_context(start_method)
        self.per_worker = per_worker
        self.workers: list[_Worker] = []
        self.restarts = 0
        self.next_wid = 0
        self.cpu_seconds = 0.0  # CPU time the workers spent on chunks (not on loading)

    def __enter__(self) -> WorkerPool:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        while len(self.workers) < self.size:
            self.workers.append(self._spawn())

    def _spawn(self) -> _Worker:
        wid = self.next_wid
        self.next_wid += 1
        tasks = self.ctx.Queue()
        current = self.ctx.Value("q", -1, lock=False)
        # each worker writes its results to a pipe of its own, synchronously: a worker that dies
        # can neither hold a lock that others need (as a shared Queue's writers do) nor lose a result
        reader, writer = self.ctx.Pipe(duplex=False)
        proc = self.ctx.Process(target=_worker_main,
                                args=(self.opts, self.factory, tasks, writer, current, wid),
                                name=f"communique-worker-{wid}", daemon=True)
        proc.start()
        writer.close()  # the parent keeps only the read end: the worker's death is an end of file
        return _Worker(wid, proc, tasks, current=current, results=reader)

    def close(self) -> None:
        for w in self.workers:
            with contextlib.suppress(OSError, ValueError):  # its queue is already closed
                w.tasks.put(None)
        for w in self.workers:
            w.process.join(timeout=10)
            if w.process.is_alive():
                w.process.terminate()
                w.process.join(timeout=5)
            w.results.close()
        self.workers = []

    def map_chunks(self, chunks: Iterable[Sequence[Item]]) -> Iterator[list[Output]]:
        """One aligned output list per chunk, in the chunks' order, processed in parallel."""
        self.start()
        source = iter(chunks)
        sent: dict[int, Sequence[Item]] = {}  # chunk index -> its documents, until returned
        done: dict[int, list[Output]] = {}
        next_send = next_yield = 0
        exhausted = False
        limit = self.size * self.per_worker
        while True:
            while not exhausted and next_send - next_yield < 2 * limit:
                w = min(self.workers, key=lambda x: len(x.pending))
                if len(w.pending) >= self.per_worker:
                    break
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                chunk = list(chunk)
                sent[next_send] = chunk
                w.pending.append(next_send)
                w.tasks.put((next_send, chunk))
                next_send += 1
            while next_yield in done:
                yield done.pop(next_yield)
                next_yield += 1
            if exhausted and next_yield == next_send:
                return
            ready: list[Any] = mp_connection.wait([w.results for w in self.workers], timeout=POLL_SECONDS)
            if not ready:
                self._check_alive(sent, done)
                continue
            for conn in ready:
                try:
                    kind, key, payload = conn.recv()
                except (EOFError, OSError):  # the worker died: _check_alive replaces it
                    for w in self.workers:
                        if w.results is conn:
                            w.process.join(timeout=5)
                    self._check_alive(sent, done)
                    continue
                if kind == "fatal":
                    self.close()
                    raise payload
                if kind == "done":
                    for w in self.workers:
                        if key in w.pending:
                            w.pending.remove(key)
                    if key in sent:
                        done[key], cpu = payload
                        self.cpu_seconds += cpu
                        del sent[key]

    def _check_alive(self, sent: dict[int, Sequence[Item]], done: dict[int, list[Output]]) -> None:
        """Replace dead workers: the chunk a worker was on becomes failures naming the cause, the
        chunks still queued for it go to its replacement."""
        for n, w in enumerate(self.workers):
            if w.process.is_alive():
                continue
            code = w.process.exitcode
            if self.restarts >= MAX_RESTARTS:
                self.close()
                raise CommuniqueError(f"worker processes keep dying (last exit code {code}); giving up")
            self.restarts += 1
            w.results.close()
            new = self._spawn()
            self.workers[n] = new
            for idx in w.pending:
                if idx not in sent:
                    continue
                if idx == w.current.value:
                    done[idx] = _fail_all(sent.pop(idx), f"worker process died (exit code {code}) while extracting")
                else:
                    new.pending.append(idx)
                    new.tasks.put((idx, sent[idx]))

    def process(self, docs: Iterable[Item], chunk_size: int | None = None) -> Iterator[Output]:
        """One output per input document, in input order (like ``Pipeline.process``, aligned)."""
        size = chunk_size or self.opts.batch_size
        it = iter(docs)

        def chunks() -> Iterator[list[Item]]:
            while chunk := list(islice(it, size)):
                yield chunk

        for outs in self.map_chunks(chunks()):
            yield from outs


def process_parallel(docs: Iterable[Item], opts: Options, workers: int | None = None,
                     chunk_size: int | None = None) -> Iterator[Output]:
    """Stages 2-4 over ``docs`` in ``workers`` processes (default ``opts.workers``), in input order."""
    with WorkerPool(opts, workers) as pool:
        yield from pool.process(docs, chunk_size)
