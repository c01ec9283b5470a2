"""Web commands: `serve` and `export hugo` (cli.py registers COMMANDS on the main group).

Kept apart from cli.py so the command line works without the web dependencies until a web
command is used; cli.py imports this module to register them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from storyline import api
from storyline.cli_common import _fail_cleanly, _settings
from storyline.settings import ENV_PREFIX


@click.command()
@click.option("--host", help="Address to listen on (setting `host`).")
@click.option("--port", type=int, help="Port to listen on (setting `port`).")
@click.option("--get", "get_path", metavar="PATH", help="Print the response to GET PATH and exit.")
# Two processes: at 119k articles on 2 cores, 1754 requests/s against 1260 for one and an
# article-page p95 of 69 ms against 110 (bench/baselines/web.json).
@click.option("--workers", type=int, default=2, show_default=True, help="Server processes.")
@click.pass_context
@_fail_cleanly
def serve(
    ctx: click.Context, host: str | None, port: int | None, get_path: str | None, workers: int
) -> None:
    """Serve the web app and JSON API (or answer one GET with --get, as a smoke test)."""
    from storyline.web.app import create_app

    settings = _settings(ctx, host=host, port=port)
    app = create_app(settings)
    if get_path is not None:
        from storyline.web.local_get import local_get

        status, body = local_get(app, get_path)
        click.echo(body.decode("utf-8", errors="replace"))
        sys.exit(0 if status < 400 else 1)
    import uvicorn

    click.echo(f"Serving {settings.db} at http://{settings.host}:{settings.port}/")
    if workers == 1:
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
        return
    # Worker processes build their own app from the environment: hand them these settings.
    for name, value in settings.as_dict().items():
        os.environ[ENV_PREFIX + name.upper()] = str(value)
    from storyline.web.serving import serve_processes

    serve_processes(settings.host, settings.port, workers)


@click.group()
def export() -> None:
    """Write the archive out in another form."""


@export.command("hugo")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
@_fail_cleanly
def export_hugo_command(ctx: click.Context, out_dir: Path) -> None:
    """Write a Hugo site (posts, taxonomies, hugo.toml, theme) to OUT_DIR."""
    from storyline.export.hugo import export_hugo

    with api.Archive(_settings(ctx)) as archive:
        report = export_hugo(archive, out_dir)
    click.echo(f"{report.posts} posts written to {out_dir}; build it with: hugo --source {out_dir}")


@export.command("jsonl")
@click.argument("out", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.pass_context
@_fail_cleanly
def export_jsonl_command(ctx: click.Context, out: Path) -> None:
    """Write every article with its facts, story and event as JSON Lines to OUT (`-`: stdout)."""
    from storyline.export.jsonl import export_jsonl

    with api.Archive(_settings(ctx)) as archive:
        if str(out) == "-":
            export_jsonl(archive, sys.stdout)
            return
        with out.open("w", encoding="utf-8") as stream:
            count = export_jsonl(archive, stream)
    click.echo(f"{count} articles written to {out}")


COMMANDS: tuple[click.Command, ...] = (serve, export)
