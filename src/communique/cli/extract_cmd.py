"""``communique extract`` (to stdout/file, no store) and ``communique run`` (into the store)."""

from __future__ import annotations

import json
import sys

import click

from ..records import Failure
from .common import (
    EXIT_FAILED_ITEMS,
    FailureLines,
    db_option,
    format_option,
    options_from,
    quiet_option,
    terminal,
    verbose_option,
)

_WORKERS = click.option("--workers", type=click.IntRange(min=1), default=None,
                        help="Processes for extraction (default 1; setting workers).")


def _report_failures(failures: list[Failure], notes: list[str]) -> None:
    for note in notes:
        click.echo(f"note: {note}", err=True)
    FailureLines().all(failures)


def demo_paths(paths: tuple[str, ...], demo: bool, db: str) -> tuple[str, ...]:
    """PATHS as given, or with ``--demo`` the package's samples (said loudly: they are fictional)."""
    if paths and demo:
        raise click.UsageError("give PATHS or --demo, not both")
    if not paths and not demo:
        raise click.UsageError("no PATHS given: name the files or folders to run on "
                               "(or try `communique run --demo` on the package's fictional sample articles)")
    if not demo:
        return paths
    from importlib import resources

    samples = str(resources.files("communique").joinpath("samples"))
    click.echo(f"DEMO: running on the package's FICTIONAL sample articles ({samples}), not real news; "
               f"they go into the store {db}", err=True)
    return (samples,)


@click.command(name="extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@format_option("text", "jsonl", default="jsonl",
               help="jsonl: one record per document, the contract in ../shared/spec/extract-output.md; text: readable.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Output FILE (default: standard output).")
@_WORKERS
@quiet_option
def extract_cmd(paths: tuple[str, ...], fmt: str, output: str, workers: int | None, quiet: bool) -> None:
    """Extract people, meetings, quotes and statements from PATHS (no store needed).

    PATHS are files (.txt, .html, .jsonl, .warc, .warc.gz), directories (recursive) or - for
    stdin. Inputs that cannot be read are reported on stderr; exit code 1 when any failed.
    """
    from ..pipeline import extract_corpus
    from ..progress import progress_for
    from ..report import corpus_summary

    opts = options_from(workers=workers)
    notes: list[str] = []
    results, failures = extract_corpus(list(paths), opts, notes=notes, progress=progress_for(opts, quiet=quiet))
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    try:
        if fmt == "jsonl":
            for r in results:
                out.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")
        else:
            out.write(terminal(corpus_summary(results, failures)) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    _report_failures(failures, notes)
    if failures:
        raise SystemExit(EXIT_FAILED_ITEMS)


@click.command(name="run")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@db_option
@_WORKERS
@click.option("--demo", is_flag=True,
              help="Run on the package's own sample articles instead of PATHS: fictional, written for this project.")
@quiet_option
@verbose_option
def run_cmd(paths: tuple[str, ...], db: str | None, workers: int | None, demo: bool, quiet: bool,
            verbose: bool) -> None:
    """The main job: ingest and extract PATHS into the store, link copies, merge events, summarise.

    PATHS are required; --demo runs on the package's fictional sample articles instead.
    Re-running is idempotent: documents are keyed by content and events by their participants and date.
    Prints a summary of at most a screen (--verbose: every document); the same as the Python
    call communique.run(PATHS, db=...).
    """
    from ..pipeline import run
    from ..progress import progress_for
    from ..report import run_summary

    opts = options_from(db=db, workers=workers)
    paths = demo_paths(paths, demo, opts.db)
    report = run(list(paths), opts=opts, progress=progress_for(opts, quiet=quiet))
    click.echo(terminal(run_summary(report, verbose=verbose)))
    _report_failures(report.failures, report.notes)
    if report.failures:
        raise SystemExit(EXIT_FAILED_ITEMS)
