"""schematool migrations check: the migration files checked against the schema."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from schematool.cli import common
from schematool.cli.plan import MigrationFormat
from schematool.errors import ExitCode

if TYPE_CHECKING:  # the core loads when the command runs, not for --help
    from schematool.project.config import Settings

app = typer.Typer(
    help="Check a folder of migration files (from `plan --write-migration`).",
    no_args_is_help=True,
)


@app.command()
def check(
    folder: Path = typer.Argument(..., metavar="DIR", help="The migrations folder."),
    migration_format: MigrationFormat = typer.Option(
        MigrationFormat.plain,
        "--migration-format",
        help="The migration tool whose naming, order and transaction markers DIR follows.",
    ),
    schema_dir: Path | None = common.SchemaDir,
    scratch_url: str | None = typer.Option(
        None,
        "--scratch-url",
        metavar="URL",
        help="Server URL where the throwaway databases are created. Default: the server of"
        " $DATABASE_URL, else the local server.",
        show_default=False,
    ),
    env: str | None = common.Env,
) -> int:
    """Replay DIR onto an empty scratch database and compare it with the schema (exit 3,
    naming each difference, when they differ)."""
    from schematool.plan import migrations_check as core

    settings = common.settings(None, schema_dir, scratch_url, env)
    common.desired_schema(settings)
    server = settings.scratch_url or common.target_url(settings)
    result = core.check(settings, folder, migration_format.value, server, common.progress)
    described = f"{folder}: {len(result.files)} migration(s) ({migration_format.value}) replayed"
    if result.equal:
        typer.echo(f"{described}: the schema they give equals {_schema(settings)}")
        return ExitCode.OK
    typer.echo(f"{described}: the schema they give differs from {_schema(settings)}:")
    for line in result.differences:
        typer.echo(f"  {line}")
    return ExitCode.CHANGES_PENDING


def _schema(settings: Settings) -> str:
    return f"{settings.rel(settings.schema_dir)}/"
