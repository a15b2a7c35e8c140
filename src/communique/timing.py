"""Where a run's time goes: seconds per stage, summed, for ``communique bench run``.

The stages mark their work with ``stage("name")`` (or ``timed("name", iterator)`` for a lazy
source such as the file reader); nothing is recorded unless a caller opened ``recording()``,
so an ordinary run pays one context-variable lookup per mark. Stages nest (the spaCy parse
inside extraction, the embedding model inside linking) and each stage's figure is its own time
only: a nested stage's seconds are taken out of the stage around it, so the figures add up to
the wall-clock time spent inside marked stages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from time import perf_counter
from typing import TypeVar

T = TypeVar("T")


@dataclass
class StageClock:
    """Seconds per stage (own time, nested stages taken out) and moments since ``started``."""

    started: float = field(default_factory=perf_counter)
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    marks: dict[str, float] = field(default_factory=dict)  # name -> seconds after ``started``, first time only
    _open: list[list[float]] = field(default_factory=list)  # per open stage: [start, nested seconds]

    def enter(self) -> None:
        self._open.append([perf_counter(), 0.0])

    def leave(self, name: str) -> None:
        start, nested = self._open.pop()
        spent = perf_counter() - start
        self.seconds[name] += spent - nested
        if self._open:
            self._open[-1][1] += spent

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


_CLOCK: ContextVar[StageClock | None] = ContextVar("communique_stage_clock", default=None)


@contextmanager
def recording() -> Iterator[StageClock]:
    """Record every marked stage run inside the block into a new ``StageClock``."""
    clock = StageClock()
    token = _CLOCK.set(clock)
    try:
        yield clock
    finally:
        _CLOCK.reset(token)


@contextmanager
def stage(name: str) -> Iterator[None]:
    clock = _CLOCK.get()
    if clock is None:
        yield
        return
    clock.enter()
    try:
        yield
    finally:
        clock.leave(name)


def timed(name: str, items: Iterable[T]) -> Iterator[T]:
    """``items``, the time spent producing each one counted to stage ``name``."""
    it = iter(items)
    while True:
        with stage(name):
            try:
                item = next(it)
            except StopIteration:
                return
        yield item


def mark(name: str) -> None:
    """Note the first moment ``name`` happened (seconds after the clock started)."""
    clock = _CLOCK.get()
    if clock is not None and name not in clock.marks:
        clock.marks[name] = perf_counter() - clock.started
