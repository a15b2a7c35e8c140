"""Progress of long jobs: a count, its rate and the time left, on stderr.

The library's long calls (``run``, ``extract_corpus``, ``ingest_into``, ``run_batch``) take
``progress``: a function ``(label, total) -> context manager`` whose bar is advanced as work
finishes. ``progress_for(opts)`` gives the one the ``progress`` setting asks for:

- ``auto``: a rich bar (count ``3/5``, rate, ETA) when stderr is a terminal, else nothing;
- ``always``: the bar on a terminal; elsewhere (a log file, a pipe) a plain line every few
  seconds and one at the end, such as ``extracting: 5/5 in 0:00:12 (0.4/s)``;
- ``never`` (or ``quiet``): nothing.

A total is an estimate when the inputs are not all counted in advance (a WARC file counts as
one document): the bar's total grows when the count passes it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .options import Options

T = TypeVar("T")
PLAIN_EVERY_SECONDS = 5.0


class Bar(Protocol):
    """A running count: ``advance(n)`` as ``n`` more items are done."""

    def advance(self, n: int = 1) -> None: ...


Progress = Callable[[str, "int | None"], AbstractContextManager[Bar]]


class _Null:
    def advance(self, n: int = 1) -> None:
        pass


@contextmanager
def no_progress(label: str, total: int | None = None) -> Iterator[Bar]:
    """The silent ``Progress``: counts nothing, shows nothing."""
    yield _Null()


def progress_for(opts: Options, *, quiet: bool = False) -> Progress:
    """The ``Progress`` that ``opts.progress`` asks for on this process's stderr (none if ``quiet``)."""
    if quiet or opts.progress == "never":
        return no_progress
    tty = sys.stderr.isatty()
    if tty:
        return rich_progress
    return plain_progress if opts.progress == "always" else no_progress


def track(items: Iterable[T], progress: Progress, label: str, total: int | None = None) -> Iterator[T]:
    """Yield ``items``, advancing a ``progress`` bar after each one."""
    with progress(label, total) as bar:
        for item in items:
            yield item
            bar.advance()


def _clock(seconds: float) -> str:
    return str(timedelta(seconds=round(seconds)))


class _Plain:
    """Plain lines for a log: ``label: done/total (rate/s, ETA h:mm:ss)`` every few seconds."""

    def __init__(self, label: str, total: int | None) -> None:
        self.label, self.total, self.done = label, total, 0
        self.start = self.last = time.monotonic()

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.total is not None and self.done > self.total:
            self.total = self.done
        now = time.monotonic()
        if now - self.last >= PLAIN_EVERY_SECONDS:
            self.last = now
            rate = self.done / max(now - self.start, 1e-9)
            eta = f", ETA {_clock((self.total - self.done) / rate)}" if self.total and rate else ""
            print(f"{self.label}: {self.count()} ({rate:.1f}/s{eta})", file=sys.stderr, flush=True)

    def count(self) -> str:
        return f"{self.done}/{self.total}" if self.total is not None else str(self.done)

    def finish(self) -> None:
        took = time.monotonic() - self.start
        print(f"{self.label}: {self.count()} in {_clock(took)} ({self.done / max(took, 1e-9):.1f}/s)",
              file=sys.stderr, flush=True)


@contextmanager
def plain_progress(label: str, total: int | None = None) -> Iterator[Bar]:
    """``Progress`` as plain lines on stderr (for logs): every few seconds and at the end."""
    bar = _Plain(label, total)
    yield bar
    bar.finish()


class _RichBar:
    def __init__(self, bar: Any, task: Any, total: int | None) -> None:
        self.bar, self.task, self.total, self.done = bar, task, total, 0

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.total is not None and self.done > self.total:
            self.total = self.done
            self.bar.update(self.task, total=self.total)
        self.bar.advance(self.task, n)


@contextmanager
def rich_progress(label: str, total: int | None = None) -> Iterator[Bar]:
    """``Progress`` as a rich bar on stderr: label, bar, ``done/total``, rate, elapsed and ETA."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):  # the average since the start: documents come in NLP batches
        def render(self, task: Any) -> Text:
            elapsed = task.finished_time or task.elapsed
            return Text(f"{task.completed / elapsed:.1f}/s" if elapsed and task.completed else "-/s")

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True)) as bar:
        yield _RichBar(bar, bar.add_task(label, total=total), total)


def estimate_documents(paths: Iterable[str | Path]) -> int | None:
    """How many documents ``paths`` hold, counted cheaply: one per file, one per non-blank line
    of a JSONL file (a WARC file counts one); None when stdin is among them."""
    from .ingest import kind_of
    from .shards import expand_shards

    paths = list(paths)
    if any(str(p) == "-" for p in paths):
        return None
    try:
        shards = expand_shards(paths)
    except OSError:  # an unreadable folder: read_paths reports it, the bar goes without a total
        return None
    n = 0
    for shard in shards:
        path = Path(shard.path)
        if kind_of(path.name) == "jsonl" and path.is_file():
            try:
                with path.open("rb") as f:
                    n += sum(1 for line in f if line.strip())
            except OSError:
                n += 1
        else:
            n += 1
    return n
