"""The ``communique`` command: thin wrappers that parse arguments, call the library, print.

Each command group lives in its own module and is registered here.
"""

from __future__ import annotations

import importlib

import click

from .common import EXIT_CODES_HELP, CommandGroup, run_main

# (module, command names) registered on the main group; each module defines click commands.
COMMAND_MODULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("communique.cli.extract_cmd", ("extract", "run")),
    ("communique.cli.eval_cmd", ("eval",)),
    ("communique.cli.events_cmd", ("events", "event")),
    ("communique.cli.store_cmd", ("ingest", "show", "stats")),
    ("communique.cli.bench_cmd", ("bench",)),
    ("communique.cli.batch_cmd", ("batch",)),
    ("communique.cli.serve_cmd", ("serve",)),
    ("communique.cli.export_cmd", ("export",)),
    ("communique.cli.watch_cmd", ("watch",)),
)


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES_HELP)
@click.version_option(package_name="communique")
def cli() -> None:
    """communique: who met whom, when, where, and who said what, with evidence."""


for _module, _names in COMMAND_MODULES:
    _mod = importlib.import_module(_module)
    for _name in _names:
        cli.add_command(getattr(_mod, _name.replace("-", "_") + "_cmd"), _name)


def main() -> None:
    run_main(cli)
