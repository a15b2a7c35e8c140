"""``communique watch``: poll feeds and sitemaps, fetch new articles politely, run the main job."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from .common import EXIT_FAILED_ITEMS, FailureLines, command_errors, db_option, options_from


@contextmanager
def _stop_on_signals(stop: Callable[[], None]) -> Iterator[None]:
    """Ctrl-C and SIGTERM call ``stop`` (the watch ends after the request under way); a second
    Ctrl-C interrupts at once. Only the main thread can take signals: elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[signal.Signals, Any] = {}

    def handler(signum: int, _frame: object) -> None:
        click.echo("stopping after the request under way (Ctrl-C again to interrupt now)", err=True)
        stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


@click.command(name="watch")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--interval", type=click.FloatRange(min=0), default=None,
              help="Seconds between polls, start to start (default 300; setting watch_interval).")
@click.option("--once", is_flag=True, help="Poll once and exit (exit code 1 when anything failed in that poll).")
@click.option("--max-cycles", "max_cycles", type=click.IntRange(min=1), default=None,
              help="Stop after N polls (default: poll until Ctrl-C or SIGTERM).")
@click.option("-q", "--quiet", is_flag=True, help="No line per poll and no start line (failures are still printed).")
def watch_cmd(sources: tuple[str, ...], db: str | None, interval: float | None, once: bool,
              max_cycles: int | None, quiet: bool) -> None:
    """Poll RSS/Atom feeds and sitemaps, fetch their new articles politely, run the main job on them.

    SOURCES are feed or sitemap URLs (sitemap indexes too), or files listing them one a line.
    Each poll prints one line: feeds polled, new articles fetched, stored, failures, events now.
    Every article URL is fetched once (again only when its feed gives it a new date); feeds are
    asked with ETag / Last-Modified; robots.txt is honoured and each host asked at most every
    watch_host_interval seconds. A failure (HTTP error, timeout, malformed feed, page too big or
    not HTML, robots.txt) is printed as `error: URL: reason`, kept in the store, and the watch
    goes on. Ctrl-C or SIGTERM stops after the request under way; a restart resumes from the
    store. Exit code 1 when any poll had a failure (with --once: that poll), else 0.
    """
    from ..store import Store
    from ..watch import Watcher, read_sources

    if once and max_cycles is not None:
        raise click.UsageError("give --once or --max-cycles, not both")
    urls, problems = read_sources(sources)
    if problems:
        raise click.UsageError("; ".join(problems))
    if not urls:
        raise click.UsageError("no feed or sitemap URL in SOURCES")
    failures = FailureLines()
    with command_errors():
        opts = options_from(db=db, watch_interval=interval)
        with Store.open(opts=opts) as store, Watcher(urls, store, opts, on_failure=failures) as watcher:
            if not quiet:
                every = "once" if once else f"every {opts.watch_interval:g} s"
                click.echo(f"watching {len(urls)} {'source' if len(urls) == 1 else 'sources'} into "
                           f"{store.display_url}, {every} (Ctrl-C stops)", err=True)
            with _stop_on_signals(watcher.stop):
                reports = watcher.run(max_cycles=1 if once else max_cycles,
                                      on_cycle=None if quiet else lambda r: click.echo(r.line()))
    failures.finish()
    if any(r.failures for r in reports):
        raise SystemExit(EXIT_FAILED_ITEMS)
