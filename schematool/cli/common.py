"""Options and output shared by several commands."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from schematool.config import Settings, load_settings

DatabaseUrl = typer.Option(
    None,
    "--database-url",
    help="Target database URL. Default: $DATABASE_URL, else the local server.",
    show_default=False,
)
SchemaDir = typer.Option(
    None,
    "--schema-dir",
    help="Use this folder of .sql files as the desired state (skips rendering).",
    file_okay=False,
    show_default=False,
)
ScratchUrl = typer.Option(
    None,
    "--scratch-url",
    help="Server URL where the throwaway database is created. Default: the target's server.",
    show_default=False,
)


Online = typer.Option(
    None,
    "--online/--no-online",
    help="Split the plan into online phases: indexes built concurrently, constraints"
    " validated after a short core transaction, so writes go on (default: the"
    " environment's `online`, else off).",
    show_default=False,
)


Env = typer.Option(
    None,
    "--env",
    help="Use this [tool.schematool.environments.NAME] (URL variable, hazards, timeouts).",
    show_default=False,
)


def settings(
    database_url: str | None = None,
    schema_dir: Path | None = None,
    scratch_url: str | None = None,
    env: str | None = None,
    **extra: str | int | bool | None,
) -> Settings:
    return load_settings(
        env=env,
        database_url=database_url,
        schema_dir=schema_dir,
        scratch_url=scratch_url,
        **extra,
    )


def target_url(settings: Settings) -> str:
    """The configured database, or the local server (started on demand)."""
    from schematool import db, server

    if settings.database_url:
        return db.normalize_url(settings.database_url)
    url = server.ensure_local(settings)
    typer.echo(f"using the local server: {db.mask_url(url)}", err=True)
    return url


def use_colour(stream: str = "stdout") -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (no-color.org) or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return typer.get_text_stream(stream).isatty()


def progress(message: str) -> None:
    """Say what a slow step is doing, on a terminal only (stderr, so pipes stay clean)."""
    if typer.get_text_stream("stderr").isatty():
        typer.echo(typer.style(f"... {message}", dim=True), err=True)
