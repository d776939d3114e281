"""schematool dump"""

from __future__ import annotations

from pathlib import Path

import typer

from schematool.cli import common


def dump(
    database_url: str | None = common.DatabaseUrl,
    out: Path = typer.Option(
        Path("schema-dump"),
        "--out",
        metavar="DIR",
        help="New or empty folder to write the .sql tree into.",
    ),
) -> None:
    """Write an existing database's schema as a tree of .sql files (onboarding)."""
    from schematool.inspect import dump as core

    settings = common.settings(database_url)
    common.check_writable_folder(out)
    url = common.target_url(settings)
    program = core.find_pg_dump(_embedded_bindir())
    files = core.layout(core.entries(core.pg_dump(url, program)))
    header = f"-- Dumped from {url} by `schematool dump`.\n"
    written = core.write(files, out, header)
    typer.echo(f"{len(written)} files written to {out}")


def _embedded_bindir() -> Path | None:
    from schematool.project import server

    try:
        return server.embedded_bindir()
    except Exception:  # noqa: BLE001 - any failure: fall back to PATH
        return None
