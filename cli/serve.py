"""``rag serve``: the chat UI."""

from __future__ import annotations

from pathlib import Path

import click

from cli.base import cli, friendly, settings_from, store_option


@cli.command()
@click.option("--host", help="Interface to bind (default 127.0.0.1).")
@click.option("--port", type=int, help="Port (default 7860).")
@click.option("--auth", help="USER:PASS required to open the page.")
@store_option
@click.pass_context
@friendly
def serve(ctx: click.Context, host: str | None, port: int | None, auth: str | None,
          store_dir: Path | None) -> None:
    """Start the chat UI."""
    from ui.server import serve as run_server

    settings = settings_from(ctx, host=host, port=port, auth=auth, store_dir=store_dir)
    if settings.auth and ":" not in settings.auth:
        raise click.ClickException("--auth must look like USER:PASS")
    run_server(settings)


@cli.command()
@click.option("--host", help="Interface to bind (default 127.0.0.1).")
@click.option("--port", type=int, default=7870, show_default=True, help="Port.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes, each with its own embedder (about 600 MB).")
@store_option
@click.pass_context
@friendly
def api(ctx: click.Context, host: str | None, port: int, workers: int,
        store_dir: Path | None) -> None:
    """Serve the JSON ask endpoint (POST /ask) with WORKERS processes over one store."""
    from ui.api import serve_api

    settings = settings_from(ctx, host=host, port=port, store_dir=store_dir)
    serve_api(settings, workers)
