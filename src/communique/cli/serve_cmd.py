"""``communique serve``: the HTTP API and web UI over a store (uvicorn, 127.0.0.1 by default)."""

from __future__ import annotations

import click

from ..errors import CommuniqueError
from .common import EXIT_ERROR, db_option, options_from


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (the default keeps the server local; 0.0.0.0 exposes it).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@db_option
@click.option("--token", default=None, envvar="COMMUNIQUE_API_TOKEN",
              help="Bearer token required by POST /api/documents (env COMMUNIQUE_API_TOKEN); unset = writes disabled.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]), help="uvicorn log level.")
def serve_cmd(host: str, port: int, db: str | None, token: str | None, log_level: str) -> int:
    """Serve the JSON API (/api/, docs at /docs) and the web UI over the store."""
    import uvicorn

    from ..api import create_app

    try:
        opts = options_from(db=db, api_token=token)
        app = create_app(opts)
    except CommuniqueError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    writes = "enabled (bearer token)" if opts.api_token else "disabled (no token)"
    click.echo(f"serving {app.state.store.display_url} on http://{host}:{port}/ — writes {writes}", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
    return 0
