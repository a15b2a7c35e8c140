"""Shared CLI plumbing: options, error-to-exit-code mapping, failure lines (progress bars: ``communique.progress``)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import CommuniqueError, NotFound, StoreMissing
from ..options import Options
from ..records import Failure

if TYPE_CHECKING:
    from ..store import Store

T = TypeVar("T")

EXIT_OK = 0
EXIT_FAILED_ITEMS = 1  # the run finished but some inputs failed
EXIT_USAGE = 2
EXIT_ERROR = 3  # the run could not go on (store, model, options)
EXIT_NOT_FOUND = 4  # what was asked for does not exist: the store, a document, an event

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 some inputs failed (the rest was done); 2 usage error; "
    "3 the command could not go on (store, model, options); "
    "4 not found (no store at the given place, no such document or event)."
)


def exit_code(exc: CommuniqueError) -> int:
    """The exit code of an error that ends a command (see ``EXIT_CODES_HELP``)."""
    return EXIT_NOT_FOUND if isinstance(exc, NotFound | StoreMissing) else EXIT_ERROR


def run_main(group: click.Group) -> None:
    """Run the click group, turning CommuniqueError into one clear line and an exit code."""
    try:
        rv = group.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except CommuniqueError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exit_code(exc))
    except BrokenPipeError:
        quiet_broken_pipe()
        sys.exit(EXIT_OK)
    sys.exit(rv if isinstance(rv, int) else EXIT_OK)


@contextmanager
def command_errors() -> Iterator[None]:
    """A store/options error ends the command with one ``error:`` line and exit code 3, 4 for
    not found (also under click's test runner, which does not go through ``run_main``)."""
    try:
        yield
    except CommuniqueError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(exit_code(exc)) from None


class CommandGroup(click.Group):
    """The ``communique`` group: a closed standard output (``communique export | head``) ends any
    command quietly with exit code 0, as CLIs do on SIGPIPE; no ``error:`` line, no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            quiet_broken_pipe()
            ctx.exit(EXIT_OK)


def quiet_broken_pipe() -> None:
    """The reader of our standard output went away (``| head``): end quietly, as CLIs do.

    Standard output is pointed at /dev/null so that Python's flush at exit does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def open_existing(db: str | None) -> Store:
    """The store of ``--db`` for a read-only command: never created (``StoreMissing`` instead)."""
    from ..store import Store

    return Store.open(opts=options_from(db=db), create=False)


MAX_ERRORS_PER_FILE = 20
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal(text: str) -> str:
    """``text`` for a terminal: control characters other than newline and tab (ESC, BEL ...)
    from input written as escapes (``\\x1b``), so a document cannot drive the terminal."""
    return _CONTROLS.sub(lambda m: ascii(m.group())[1:-1], text)


class FailureLines:
    """Prints each failure as ``error: FILE[:LINE]: reason`` on stderr, at most
    ``MAX_ERRORS_PER_FILE`` per input file; ``finish`` then prints how many more each file had
    (all of them are kept: in the store's failures, or the batch's _failures.jsonl)."""

    def __init__(self, limit: int = MAX_ERRORS_PER_FILE) -> None:
        self.limit = limit
        self.count = 0
        self._per_file: dict[str, int] = {}

    def __call__(self, failure: Failure) -> None:
        self.count += 1
        n = self._per_file[failure.file] = self._per_file.get(failure.file, 0) + 1
        if n <= self.limit:
            click.echo(f"error: {failure.source}: {failure.reason}", err=True)

    def all(self, failures: Iterable[Failure]) -> None:
        for f in failures:
            self(f)
        self.finish()

    def finish(self) -> None:
        for file, n in self._per_file.items():
            if n > self.limit:
                click.echo(f"error: {file}: {n - self.limit} more {'failure' if n - self.limit == 1 else 'failures'} not shown ({n} in all)", err=True)


# One --format flag, one vocabulary: each command accepts the subset it can produce; ``text`` is
# the human-readable one everywhere. Old spellings keep working, hidden from --help.
FORMATS = ("text", "json", "jsonl", "csv", "parquet", "plover")
FORMAT_ALIASES = {"table": "text"}


class FormatChoice(click.Choice):
    """A ``click.Choice`` of ``FORMATS`` that also takes the old spellings (``table``) as hidden aliases."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and FORMAT_ALIASES.get(value) in self.choices:
            value = FORMAT_ALIASES[value]
        return super().convert(value, param, ctx)


def format_option(*choices: str, default: str | None, help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format`` with ``choices`` (a subset of ``FORMATS``, in their order); required without a default."""
    assert set(choices) <= set(FORMATS), choices
    ordered = [f for f in FORMATS if f in choices]
    return click.option("--format", "fmt", type=FormatChoice(ordered), default=default, required=default is None,
                        show_default=default is not None, help=help)


def db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db", "db", default=None, envvar="COMMUNIQUE_DB",
        help="Store URL (default sqlite:///communique.db in the working directory; env COMMUNIQUE_DB).",
    )(f)


quiet_option = click.option(
    "-q", "--quiet", is_flag=True,
    help="No progress bar (else one on stderr when it is a terminal; setting progress).")
verbose_option = click.option(
    "-v", "--verbose", is_flag=True, help="Print the full detail, not only the summary.")


def options_from(**overrides: Any) -> Options:
    return Options.load(**overrides)

