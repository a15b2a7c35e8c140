"""Shared CLI plumbing: options, error-to-exit-code mapping, failure lines (progress bars: ``communique.progress``)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from ..errors import CommuniqueError
from ..options import Options
from ..records import Failure

EXIT_OK = 0
EXIT_FAILED_ITEMS = 1  # the run finished but some inputs failed
EXIT_USAGE = 2
EXIT_ERROR = 3  # the run could not go on (store, model, options)


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
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    sys.exit(rv if isinstance(rv, int) else EXIT_OK)


@contextmanager
def command_errors() -> Iterator[None]:
    """A store/options error ends the command with one ``error:`` line and exit code 3 (also
    under click's test runner, which does not go through ``run_main``)."""
    try:
        yield
    except CommuniqueError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_ERROR) from None


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
                click.echo(f"error: {file}: {n - self.limit} more failures not shown ({n} in all)", err=True)


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

