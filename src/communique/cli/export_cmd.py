"""``communique export``: the store as JSONL, CSV, Parquet or PLOVER JSON (see ``communique.export``)."""

from __future__ import annotations

import click

from ..export import FORMATS, TABLES, export_store
from ..store import Store
from .common import command_errors, db_option, format_option, options_from


@click.command(name="export")
@format_option(*FORMATS, default=None,
               help="jsonl (extraction contract / events), csv, parquet (one file per table) or plover (PLOVER records, JSON Lines).")
@db_option
@click.option("-o", "--output", default=None,
              help="Output FILE for one table; a DIRECTORY (one file per table) only when several tables are "
                   "exported (default: standard output; parquet needs -o).")
@click.option("--what", "tables", multiple=True, type=click.Choice([*TABLES, "all"]),
              help="Table(s) to export, repeatable; all = every table. Default: documents for jsonl, statements otherwise.")
@click.option("--with-copies", is_flag=True,
              help="Also export the quotes and statements of copies (exact, near or spun) of other reports; "
                   "by default each is exported once, from its original.")
@click.option("--bom/--no-bom", "bom", default=None,
              help="Start CSV files with a UTF-8 byte order mark, so spreadsheets (Excel) read them as UTF-8 "
                   "(default: the csv_bom setting, off).")
def export_cmd(fmt: str, db: str | None, output: str | None, tables: tuple[str, ...], with_copies: bool,
               bom: bool | None) -> None:
    """Export the store: one record per document (jsonl), one row per record (csv, parquet), one
    PLOVER event per statement (plover). Rows stream: a big store is never held in memory."""
    with command_errors():
        opts = options_from(db=db, csv_bom=bom)
        with Store.open(opts=opts, create=False) as store:
            report = export_store(store, fmt, output, tables, with_copies=with_copies, bom=opts.csv_bom)
    for line in report.lines():
        if output is not None:
            click.echo(line, err=True)
