"""schematool plan"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from schematool.cli import common
from schematool.errors import ExitCode

if TYPE_CHECKING:  # imports migra: only when the command runs
    from schematool.fleet import grouping
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
    targets: str | None = typer.Option(
        None,
        "--targets",
        metavar="FILE",
        help="Plan for every database listed in FILE (one URL or libpq string per line,"
        " ${VAR} from the environment, # comments; - reads standard input): each"
        " target's fingerprint first, then one plan per group of targets that share one.",
        show_default=False,
    ),
) -> int:
    """Show the statements that would make the database match the schema."""
    from schematool.cli import output
    from schematool.cli.progress import Stages
    from schematool.inspect import locks
    from schematool.plan import planner as core

    if targets is not None:
        return _plan_fleet(
            targets,
            schema_dir,
            scratch_url,
            env,
            online,
            output_format,
            exit_code,
            lock_timeout,
            retries,
            database_url,
            out,
            cluster_sql,
        )
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
    targets_file: str,
    schema_dir: Path | None,
    scratch_url: str | None,
    env: str | None,
    online: bool | None,
    output_format: Format,
    exit_code: bool,
    lock_timeout: str | None,
    retries: int | None,
    database_url: str | None,
    out: Path | None,
    cluster_sql: bool,
) -> int:
    """plan --targets: the fleet's fingerprints, one plan per group, each group shown."""
    from schematool.errors import ConfigError
    from schematool.fleet import grouping, targets

    for given, flag in (
        (database_url, "--database-url"),
        (out, "--out"),
        (cluster_sql, "--cluster-sql"),
    ):
        if given:
            raise ConfigError(f"--targets plans a fleet: {flag} is not for it (yet)")
    if output_format is Format.sql:
        raise ConfigError(
            "--targets: --format sql shows one database's script; use text, markdown or json"
        )
    settings = common.settings(
        None,
        schema_dir,
        None,
        env,
        lock_timeout=lock_timeout,
        retries=retries,
        online=online,
        connect=False,  # the targets are the file's: no $DATABASE_URL, no environment URL
    )
    if scratch_url is not None:
        from dataclasses import replace

        from schematool import db

        if not scratch_url.strip():
            raise ConfigError("--scratch-url is empty (a variable that is not set?)")
        settings = replace(settings, scratch_url=settings.session(db.address(scratch_url)))
    common.desired_schema(settings)
    listed = targets.read_targets(targets_file)
    fleet = grouping.plan_fleet(settings, listed, common.progress)
    if output_format is Format.json:
        typer.echo(json.dumps(fleet.to_json(), indent=2))
    else:
        _show_fleet(fleet, markdown=output_format is Format.markdown)
    if exit_code and fleet.pending:
        return ExitCode.CHANGES_PENDING
    return ExitCode.OK


def _show_fleet(fleet: grouping.FleetPlan, *, markdown: bool) -> None:
    """Each group with changes (its targets, then its plan), then the targets in sync."""
    from schematool.cli import output

    total = sum(len(group.targets) for group in fleet.groups)
    in_sync = fleet.in_sync
    head = "###" if markdown else "=="
    typer.echo(
        f"{'## ' if markdown else ''}Fleet of {total} target(s): {len(fleet.pending)} group(s)"
        f" with changes, {len(in_sync)} target(s) in sync"
    )
    for number, group in enumerate(fleet.pending, 1):
        typer.echo("")
        typer.echo(
            f"{head} group {number}: {len(group.targets)} target(s), PostgreSQL"
            f" {group.version}, fingerprint {group.fingerprint[:12]}"
        )
        for target in group.targets:
            typer.echo(f"{'- ' if markdown else '   '}{target}")
        typer.echo("")
        if markdown:
            typer.echo(output.plan_markdown(group.plan), nl=False)
        else:
            show_plan(group.plan)
    if in_sync:
        typer.echo("")
        typer.echo(f"{head} in sync: {len(in_sync)} target(s)")
        for target in in_sync:
            typer.echo(f"{'- ' if markdown else '   '}{target}")


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
