"""schematool clean"""

from __future__ import annotations

import typer

from schematool.cli import common


def clean(
    database_url: str | None = common.DatabaseUrl,
    scratch_url: str | None = common.ScratchUrl,
) -> None:
    """Drop scratch databases that interrupted runs left behind."""
    from schematool.desired import scratch

    settings = common.settings(database_url, None, scratch_url)
    server_url = settings.scratch_url or common.target_url(settings)
    dropped = scratch.clean(server_url)
    for name in dropped:
        typer.echo(f"dropped {name}")
    typer.echo(f"{len(dropped)} scratch database(s) dropped on {server_url}")
