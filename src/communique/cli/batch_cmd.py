"""``communique batch``: extraction over many input shards on a local process pool (or Ray Data)."""

from __future__ import annotations

import click

from .common import (
    EXIT_FAILED_ITEMS,
    FailureLines,
    command_errors,
    format_option,
    options_from,
    quiet_option,
    verbose_option,
)


@click.command(name="batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: a process pool on this machine; ray: Ray Data actors (needs pip install 'communique[ray]').")
@click.option("--address", default=None,
              help="Ray cluster to join: auto (a cluster started on this machine) or ray://HEAD:10001. "
                   "Default: start a private Ray with this machine's cores.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extraction actors/processes (default: the cluster's CPUs for ray, all cores locally).")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False),
              help="Output DIRECTORY (batch writes several files): one results file per input shard, a manifest, "
                   "failures, events.")
@format_option("jsonl", "parquet", default="parquet", help="Format of the per-shard results files.")
@click.option("--db", default=None, help="Also save the results, links and events into this store URL.")
@click.option("--retry-failed", is_flag=True, help="Re-run shards that finished with failures in an earlier run.")
@quiet_option
@verbose_option
def batch_cmd(inputs: tuple[str, ...], engine: str, address: str | None, workers: int | None, output: str,
              fmt: str, db: str | None, retry_failed: bool, quiet: bool, verbose: bool) -> None:
    """Extract INPUTS (files and directories of .txt/.html/.jsonl/.warc; each file is a shard)
    in parallel, writing one results file per shard into --output.

    Re-running skips the shards already done (recorded in OUTPUT/_manifest.jsonl with the
    input's sha256). Links and events are then merged over all shards, as a single-process
    run would. Failures are printed and kept in OUTPUT/_failures.jsonl; exit code 1 when any.
    Prints a short summary (--verbose: one line per shard, and Ray's own log lines).
    """
    import os

    from ..distributed import run_batch
    from ..progress import progress_for

    if engine == "local" and workers is None:
        workers = os.cpu_count() or 1
    failures = FailureLines()
    with command_errors():
        opts = options_from(db=db)
        report = run_batch(list(inputs), output, engine=engine, address=address, workers=workers, fmt=fmt,
                           db=db, opts=opts, retry_failed=retry_failed,
                           echo=lambda line: click.echo(line, err=True), on_failure=failures,
                           progress=progress_for(opts, quiet=quiet), verbose=verbose)
    failures.finish()
    click.echo("\n".join(report.lines(verbose=verbose)))
    if report.failures:
        raise SystemExit(EXIT_FAILED_ITEMS)
