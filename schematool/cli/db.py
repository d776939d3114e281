"""schematool db start|stop|status|url: the embedded local server."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from schematool.cli import common
from schematool.errors import ExitCode

if TYPE_CHECKING:  # psycopg loads when a command runs, not for --help
    from schematool.project.config import Settings

app = typer.Typer(help="Manage the embedded local PostgreSQL server.", no_args_is_help=True)


def _project() -> Settings:
    from schematool.project.config import load_settings

    settings = load_settings(connect=False)
    settings.require_project("the local server")  # it lives in the project's .schematool/
    return settings


@app.command()
def start() -> None:
    """Start the local server (initializing it on first use)."""
    from schematool import db
    from schematool.project import server

    url = server.ensure_local(_project(), common.note)
    typer.echo(f"local server running: {db.mask_url(url)}")


@app.command()
def stop() -> None:
    """Stop the local server."""
    from schematool.project import server

    stopped = server.local_server(_project()).stop()
    typer.echo("local server stopped" if stopped else "local server was not running")


@app.command()
def status() -> int:
    """Say whether the local server runs, and where (exit 8 when it does not)."""
    from schematool.project import server

    local = server.local_server(_project())
    if not local.is_initialized():
        typer.echo("local server: not created (run `schematool db start`)")
    elif local.is_running():
        typer.echo(
            f"local server: running PostgreSQL {local.version()} on 127.0.0.1:{local.port()}"
            f" (data in {local.data})"
        )
        return ExitCode.OK
    else:
        typer.echo(f"local server: stopped (data in {local.data})")
    return ExitCode.NOT_RUNNING


@app.command()
def url(
    reveal: bool = typer.Option(False, "--reveal", help="Print the password too (for psql)."),
) -> None:
    """Print the local database's URL (password masked unless --reveal).

    A stopped server is started (a URL to a stopped server is of no use to a client),
    with a note on stderr; stdout holds the URL alone. Its port stays the same across
    restarts."""
    from schematool import db
    from schematool.project import server

    settings = _project()
    if not server.local_server(settings).is_running():
        common.note("the local server was not running: starting it (`schematool db stop` stops it)")
    value = server.ensure_local(settings, common.note)
    typer.echo(value if reveal else db.mask_url(value))
