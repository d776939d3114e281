"""Options and output shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from schematool import db, server
from schematool.config import Settings, load_settings

if TYPE_CHECKING:  # the plan module imports migra: load it only in commands that diff
    from schematool.plan import Plan

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
    **extra: str | int | None,
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
    if settings.database_url:
        return db.normalize_url(settings.database_url)
    url = server.ensure_local(settings)
    typer.echo(f"using the local server: {db.mask_url(url)}", err=True)
    return url


def print_plan_text(plan: Plan) -> None:
    typer.echo(f"Plan for {plan.target}")
    from schematool.plan import describe_summary

    typer.echo(f"  {describe_summary(plan.summary())}")
    if plan.is_empty:
        typer.echo("  the database matches the schema")
        return
    typer.echo("")
    for number, step in enumerate(plan.steps, 1):
        marks = f"  [{', '.join(step.hazards)}]" if step.hazards else ""
        typer.echo(f"-- {number}{marks}")
        typer.echo(step.sql)
        typer.echo("")
    if plan.hazards:
        flags = " ".join(f"--allow-hazards {h}" for h in sorted(plan.hazards))
        typer.echo(f"apply needs: {flags}")
    else:
        typer.echo("apply needs: no hazard allowances")
