"""``communique serve``: the HTTP API and web UI over a store (uvicorn, 127.0.0.1 by default)."""

from __future__ import annotations

import click

from .common import EXIT_ERROR, command_errors, db_option, open_existing, options_from


def port_free(host: str, port: int) -> bool:
    """Whether ``host:port`` can be bound now (as uvicorn binds it: ``SO_REUSEADDR``)."""
    import socket

    if port == 0:
        return True
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (the default keeps the server local; 0.0.0.0 exposes it).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@db_option
@click.option("--token", default=None, envvar="COMMUNIQUE_API_TOKEN",
              help="Bearer token required by POST /api/documents (env COMMUNIQUE_API_TOKEN); unset = writes disabled.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]), help="uvicorn log level.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (each opens the store; use one per core under load).")
def serve_cmd(host: str, port: int, db: str | None, token: str | None, log_level: str, workers: int) -> int:
    """Serve the JSON API (/api/, docs at /docs) and the web UI over the store.

    The store must exist (create it with ``communique run PATH`` or ``communique ingest PATH``):
    a missing one is "no store at ..." with exit code 4, and a port already in use exits 3
    before anything is announced."""
    import os

    import uvicorn

    from ..api import create_app
    from ..api.http import PROTOCOL
    from ..api.workers import run_workers

    with command_errors():
        opts = options_from(db=db, api_token=token)
        store = open_existing(opts.db)
    if not port_free(host, port):
        store.close()
        click.echo(f"error: port {port} is in use on {host} (choose another with --port)", err=True)
        raise SystemExit(EXIT_ERROR)
    app = create_app(opts, store)
    writes = "enabled (bearer token)" if opts.api_token else "disabled (no token)"
    click.echo(f"serving {app.state.store.display_url} on http://{host}:{port}/ — writes {writes}", err=True)
    if workers == 1:
        try:
            uvicorn.run(app, host=host, port=port, log_level=log_level, http=PROTOCOL)
        finally:
            store.close()
        return 0
    # several processes: each builds its own app from the same settings, passed by environment
    app.state.store.close()
    os.environ["COMMUNIQUE_DB"] = opts.db
    if opts.api_token:
        os.environ["COMMUNIQUE_API_TOKEN"] = opts.api_token
    run_workers("communique.api.app:app_from_environment", host=host, port=port, workers=workers,
                log_level=log_level)
    return 0
