"""``communique bench``: one subcommand per benchmark, each loaded only when it runs.

To add a benchmark, define a click command in your module and add one line to BENCHMARKS.
"""

from __future__ import annotations

import importlib
import json

import click

# subcommand name -> "module:click command"
BENCHMARKS: dict[str, str] = {
    "ingest": "communique.cli.bench_cmd:bench_ingest_cmd",
    "dedup": "communique.bench.dedup:bench_dedup_cmd",
    "extract": "communique.bench.extract:bench_extract_cmd",
    "scale": "communique.bench.scale:bench_scale_cmd",
    "api": "communique.bench.api:bench_api_cmd",
    "fuzz": "communique.bench.fuzz:bench_fuzz_cmd",
    "spun": "communique.bench.spun:bench_spun_cmd",
    "run": "communique.bench.run:bench_run_cmd",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported from BENCHMARKS on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(BENCHMARKS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = BENCHMARKS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command), target
        return command


@click.group(name="bench", cls=LazyGroup)
def bench_cmd() -> None:
    """Benchmarks on a synthetic corpus built from the sample articles."""


@click.command(name="ingest")
@click.option("-n", "n", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Documents in the corpus.")
@click.option("--db", "db", default=None,
              help="Store URL to ingest into (default: a fresh temp SQLite store; COMMUNIQUE_DB is ignored here).")
@click.option("--memory", type=click.Choice(["rss", "tracemalloc"]), default="rss", show_default=True,
              help="Peak memory as growth of the peak RSS (no overhead) or tracemalloc's peak (slower).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def bench_ingest_cmd(n: int, db: str | None, memory: str, as_json: bool) -> None:
    """Time read + clean + store of N varied sample articles into a fresh temp SQLite store (or --db).

    Prints documents/s, MB/s of input text and peak memory; the corpus is built beforehand (not
    timed) in a temp dir and removed afterwards.
    """
    from ..bench.ingest import run_ingest_bench

    result = run_ingest_bench(n, db=db, memory=memory)
    if as_json:
        click.echo(json.dumps(result.to_json()))
    else:
        click.echo("\n".join(result.lines()))
