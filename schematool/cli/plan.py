"""schematool plan"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from schematool.cli import common, fleet
from schematool.errors import ConfigError, ExitCode

if TYPE_CHECKING:  # imports migra: only when the command runs
    from schematool.plan.model import Plan


class Format(StrEnum):
    text = "text"
    sql = "sql"
    json = "json"
    markdown = "markdown"


class MigrationFormat(StrEnum):
    plain = "plain"
    golang_migrate = "golang-migrate"
    flyway = "flyway"
    dbmate = "dbmate"
    sqlx = "sqlx"


def plan(
    database_url: str | None = common.DatabaseUrl,
    schema_dir: Path | None = common.SchemaDir,
    scratch_url: str | None = common.ScratchUrl,
    env: str | None = common.Env,
    online: bool | None = common.Online,
    output_format: Format = typer.Option(Format.text, "--format", help="Output format."),
    out: Path | None = typer.Option(
        None,
        "--out",
        metavar="FILE",
        dir_okay=False,
        help="Also save the plan as JSON, for `apply --plan`.",
    ),
    exit_code: bool = typer.Option(
        False, "--exit-code", help=f"Exit {int(ExitCode.CHANGES_PENDING)} when changes are pending."
    ),
    write_migration: Path | None = typer.Option(
        None,
        "--write-migration",
        metavar="DIR",
        file_okay=False,
        help="Also write the plan as the next migration of DIR, with a checksum file.",
    ),
    migration_format: MigrationFormat = typer.Option(
        MigrationFormat.plain,
        "--migration-format",
        help="The migration tool whose file naming --write-migration follows.",
    ),
    lock_timeout: str | None = common.LockTimeout,
    retries: int | None = common.Retries,
    cluster_sql: bool = common.ClusterSql,
    targets: str | None = fleet.Targets,
    fleet_name: str | None = fleet.Fleet,
    shard: str | None = fleet.Shard,
) -> int:
    """Show the statements that would make the database match the schema."""
    from schematool.cli import output
    from schematool.cli.progress import Stages
    from schematool.inspect import locks
    from schematool.plan import planner as core

    if targets is not None or fleet_name is not None:
        fleet.refuse_single(
            **{"--database-url": database_url, "--cluster-sql": cluster_sql},
            **{"--write-migration": write_migration},
        )
        code = _plan_fleet(
            targets,
            fleet_name,
            shard,
            schema_dir,
            scratch_url,
            env,
            output_format,
            out,
            lock_timeout=lock_timeout,
            retries=retries,
            online=online,
        )
        return code if exit_code else ExitCode.OK
    if shard is not None:
        raise ConfigError("--shard splits a fleet: give --targets or --fleet")
    settings = common.settings(
        database_url,
        schema_dir,
        scratch_url,
        env,
        lock_timeout=lock_timeout,
        retries=retries,
        online=online,
    )
    if out is not None:
        common.check_writable(out)
    common.desired_schema(settings)
    url = common.target_url(settings)
    if cluster_sql:
        settings = common.run_cluster_sql(settings, url)
    retrier = locks.Retrier(settings.lock_timeout, settings.retries, notify=common.note)
    with Stages() as stage:
        result = retrier.run(lambda: core.make_plan(settings, url, stage), url)
    if output_format is Format.json:
        typer.echo(json.dumps(result.to_json(), indent=2))
    elif output_format is Format.markdown:
        typer.echo(output.plan_markdown(result), nl=False)
    elif output_format is Format.sql:
        typer.echo(f"-- schematool plan for {result.target}\n" + output.script(result), nl=False)
    else:
        show_plan(result)
    if out is not None:
        common.save_plan(result, out)
        typer.echo(f"plan saved to {out}", err=True)
    if write_migration is not None:
        from schematool.plan.migration_files import write_migration as write

        written = write(result, write_migration, migration_format.value)
        for path in written:
            typer.echo(f"wrote {path}", err=True)
        if not written:
            typer.echo(f"nothing to write into {write_migration}: no changes", err=True)
    if exit_code and not result.is_empty:
        return ExitCode.CHANGES_PENDING
    return ExitCode.OK


def _plan_fleet(
    targets_file: str | None,
    fleet_name: str | None,
    shard: str | None,
    schema_dir: Path | None,
    scratch_url: str | None,
    env: str | None,
    output_format: Format,
    out: Path | None,
    **extra: str | int | bool | None,
) -> int:
    """plan --targets/--fleet: the fleet's fingerprints, one plan per group, each group
    shown; --out saves the fleet plan (one plan and hash per group) for `apply --plan`."""
    from schematool.errors import ConfigError
    from schematool.fleet import grouping

    if output_format is Format.sql:
        raise ConfigError(
            "a fleet plan: --format sql shows one database's script; use text, markdown or json"
        )
    config = fleet.fleet_config(targets_file, fleet_name)
    settings = fleet.fleet_settings(schema_dir, scratch_url, env, config, **extra)
    if out is not None:
        common.check_writable(out)
    chosen = fleet.choose(targets_file, config, shard)
    planned = grouping.plan_fleet(settings, chosen.targets, common.progress)
    if output_format is Format.json:
        fleet.dump_json(planned.to_json())
    else:
        fleet.show_fleet(planned, show_plan, markdown=output_format is Format.markdown)
    if out is not None:
        try:
            planned.save(out)
        except OSError as error:
            raise ConfigError(f"cannot write {out}: {error.strerror or error}") from None
        typer.echo(f"fleet plan saved to {out}", err=True)
    return ExitCode.CHANGES_PENDING if planned.pending else ExitCode.OK


def show_plan(plan: Plan, allowed: frozenset[str] = frozenset()) -> None:
    """The plan as text, then the size of every existing table it touches: a rewrite of
    an empty table and one of fifty million rows are different decisions. `allowed`:
    the hazards the apply showing it was already allowed."""
    from schematool.cli import output

    output.print_plan_text(plan, allowed)
    lines = output.describe_tables(plan)
    if lines:
        typer.echo("")
        typer.echo("tables touched (estimates from the target's statistics):")
        for line in lines:
            typer.echo(f"  {line}")
