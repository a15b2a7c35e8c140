"""``communique export``: the store as JSONL, CSV, Parquet or PLOVER JSON (see ``communique.export``)."""

from __future__ import annotations

import click

from ..export import FORMATS, TABLES, export_store
from .common import command_errors, db_option, format_option, open_existing


@click.command(name="export")
@format_option(*FORMATS, default=None,
               help="jsonl (extraction contract / events), csv, parquet (one file per table) or plover (JSON array).")
@db_option
@click.option("-o", "--output", default=None,
              help="Output file, or a directory for several tables (default: standard output; parquet needs -o).")
@click.option("--what", "tables", multiple=True, type=click.Choice([*TABLES, "all"]),
              help="Table(s) to export, repeatable; all = every table. Default: documents for jsonl, statements otherwise.")
@click.option("--with-copies", is_flag=True,
              help="Also export the quotes and statements of copies (exact, near or spun) of other reports; "
                   "by default each is exported once, from its original.")
def export_cmd(fmt: str, db: str | None, output: str | None, tables: tuple[str, ...], with_copies: bool) -> None:
    """Export the store: one record per document (jsonl), one row per record (csv, parquet), one
    PLOVER event per statement (plover). Rows stream: a big store is never held in memory."""
    with command_errors(), open_existing(db) as store:
        report = export_store(store, fmt, output, tables, with_copies=with_copies)
    for line in report.lines():
        if output is not None:
            click.echo(line, err=True)
