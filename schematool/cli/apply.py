"""schematool apply"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from schematool.cli import common, fleet
from schematool.cli.plan import show_plan
from schematool.cli.progress import Mode
from schematool.errors import ConfigError, Declined, Interrupted

if TYPE_CHECKING:  # the core (psycopg, pglast, migra) loads when the command runs
    from schematool.plan.model import Plan


class OnError(StrEnum):
    stop = "stop"
    continue_ = "continue"


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


def apply(
    database_url: str | None = common.DatabaseUrl,
    schema_dir: Path | None = common.SchemaDir,
    scratch_url: str | None = common.ScratchUrl,
    env: str | None = common.Env,
    online: bool | None = common.Online,
    plan_file: Path | None = typer.Option(
        None,
        "--plan",
        metavar="FILE",
        dir_okay=False,
        help="Apply this saved plan (from `plan --out`) exactly.",
    ),
    for_any_database: bool = typer.Option(
        False,
        "--plan-for-any-database",
        help="Apply the saved plan (--plan) although it was made for another database (as"
        " the server's system identifier and the database's name and oid tell, whatever"
        " the URL): a plan reviewed on staging, applied to production. The target's schema"
        " must still be the one the plan was made from.",
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    allow_hazards: list[str] = common.AllowHazards,
    lock_timeout: str | None = common.LockTimeout,
    statement_timeout: str | None = typer.Option(
        None,
        "--statement-timeout",
        metavar="DURATION",
        help="Cancel any statement running longer (default: none).",
    ),
    retries: int | None = common.Retries,
    max_replica_lag: str | None = typer.Option(
        None,
        "--max-replica-lag",
        metavar="SIZE|DURATION",
        help="Before each transaction (and online step), wait until every standby of the"
        " target has at most this much WAL left to replay (16MB) or is this little behind"
        " (5s); give up like a lock timeout (exit 7), naming the standby. Default: the"
        " environment's `max_replica_lag`, else no check.",
        show_default=False,
    ),
    cluster_sql: bool = common.ClusterSql,
    expand_half: bool = typer.Option(
        False,
        "--expand",
        help="Run only the expand half: every step but the drops of tables, columns,"
        " functions and views, narrowing type changes and new NOT NULLs, which must be all"
        " that is left; a later apply (or --contract) runs them.",
    ),
    contract_half: bool = typer.Option(
        False,
        "--contract",
        help="Run what an earlier --expand left (the whole plan, recorded as the contract half).",
    ),
    progress: Mode = typer.Option(
        Mode.auto,
        "--progress",
        help="Show each step while it runs, on stderr: live (the step, its elapsed time, an"
        " index build's phase and blocks done, who holds the lock it waits for), lines (a"
        " line when each step starts and ends), never; auto: live on a terminal, else lines.",
    ),
    targets: str | None = fleet.Targets,
    fleet_name: str | None = fleet.Fleet,
    shard: str | None = fleet.Shard,
    canary: int | None = typer.Option(
        None,
        "--canary",
        metavar="N",
        min=0,
        help="A fleet: apply the first N targets with changes first, one at a time; the rest"
        " start only if all of them applied (default: the fleet's `canary`, else 1).",
        show_default=False,
    ),
    parallel: int | None = typer.Option(
        None,
        "--parallel",
        metavar="N",
        min=1,
        help="A fleet: apply up to N targets at once, never two on one server (default: the"
        " fleet's `parallel`, else 1).",
        show_default=False,
    ),
    on_error: OnError | None = typer.Option(
        None,
        "--on-error",
        help="A fleet: after a target fails, start no other (stop; running ones finish) or go"
        " on (continue). Default: the fleet's `on_error`, else stop.",
        show_default=False,
    ),
    resume: str | None = typer.Option(
        None,
        "--resume",
        metavar="ID",
        help="A fleet: go on with rollout ID (its history rows share the id): targets it"
        " applied are skipped, the others applied as part of it.",
        show_default=False,
    ),
    report_format: ReportFormat = typer.Option(
        ReportFormat.text,
        "--format",
        help="A fleet: the report of the outcomes as text, or as JSON"
        " (docs/fleet-report.schema.json; the per-target lines then go to stderr).",
    ),
) -> int:
    """Apply the plan to the database in one transaction, verified before commit (with
    --online: in online phases around a short core transaction)."""
    from schematool.apply import run as core
    from schematool.apply.runner import ApplyOptions
    from schematool.cli.progress import progress as display
    from schematool.plan import hazards
    from schematool.plan.model import load_plan

    if targets is not None or fleet_name is not None:
        fleet.refuse_single(
            **{"--database-url": database_url, "--cluster-sql": cluster_sql},
            **{"--plan-for-any-database": for_any_database},
            **{"--expand": expand_half, "--contract": contract_half},
        )
        return _apply_fleet(
            fleet.Selection(targets, fleet_name, shard),
            schema_dir,
            scratch_url,
            env,
            plan_file,
            yes,
            allow_hazards,
            _Rollout(canary, parallel, on_error, resume, report_format),
            lock_timeout=lock_timeout,
            statement_timeout=statement_timeout,
            retries=retries,
            online=online,
            max_replica_lag=max_replica_lag,
        )
    for flag, given in (
        ("--shard", shard),
        ("--canary", canary),
        ("--parallel", parallel),
        ("--on-error", on_error),
        ("--resume", resume),
        ("--format json", report_format is ReportFormat.json),
    ):
        if given is not None and given is not False:
            raise ConfigError(f"{flag} is for a fleet: give --targets or --fleet")
    settings = common.settings(
        database_url,
        schema_dir,
        scratch_url,
        env,
        lock_timeout=lock_timeout,
        statement_timeout=statement_timeout,
        retries=retries,
        online=online,
        max_replica_lag=max_replica_lag,
    )
    allowed = hazards.parse_allowed([*settings.allow_hazards, *allow_hazards])
    if expand_half and contract_half:
        raise ConfigError("--expand and --contract are the two halves: give one of them")
    if for_any_database and plan_file is None:
        raise ConfigError("--plan-for-any-database applies to a saved plan: give --plan FILE")
    saved = load_plan(plan_file) if plan_file else None
    common.desired_schema(settings)
    url = common.target_url(settings)
    if cluster_sql:
        settings = common.run_cluster_sql(settings, url)
    options = ApplyOptions(
        allowed_hazards=allowed,
        saved_plan=saved,
        for_any_database=for_any_database,
        retries=settings.retries,
        notify=common.note,
        half="expand" if expand_half else "contract" if contract_half else None,
        progress=display(progress),
    )
    result = core.apply(
        settings,
        url,
        options,
        show=lambda plan: show_plan(plan, allowed),
        confirm=lambda plan: yes or _ask(plan),
    )
    if result.applied:
        typer.echo(f"applied {_counted(result.plan)} in {result.duration_ms} ms")
        if result.note:
            typer.echo(f"note: {result.note}", err=True)
    elif result.note:
        typer.echo(f"nothing to do: {result.note}")
    else:
        typer.echo("nothing to do")
    return 0


@dataclass(frozen=True)
class _Rollout:
    canary: int | None
    parallel: int | None
    on_error: OnError | None
    resume: str | None
    report_format: ReportFormat


def _apply_fleet(
    selection: fleet.Selection,
    schema_dir: Path | None,
    scratch_url: str | None,
    env: str | None,
    plan_file: Path | None,
    yes: bool,
    allow_hazards: list[str],
    chosen: _Rollout,
    **extra: str | int | bool | None,
) -> int:
    """apply --targets/--fleet: the fleet planned (or its saved plan read and each target
    placed in its group), shown, allowed and confirmed once, then rolled out."""
    from schematool.apply.runner import ApplyOptions
    from schematool.fleet import grouping, rollout
    from schematool.plan import hazards

    config = fleet.fleet_config(selection.targets, selection.fleet)
    settings = fleet.fleet_settings(schema_dir, scratch_url, env, config, **extra)
    allowed = hazards.parse_allowed([*settings.allow_hazards, *allow_hazards])
    saved = grouping.load_fleet_plan(plan_file) if plan_file is not None else None
    listed = fleet.choose(selection.targets, config, selection.shard).targets
    refused: list = []
    if saved is None:
        planned = grouping.plan_fleet(settings, listed, common.progress)
    else:
        readings = grouping.read_fingerprints(settings, listed)
        planned, refused = grouping.regrouped(saved, readings)
    as_json = chosen.report_format is ReportFormat.json
    if not as_json:
        fleet.show_fleet(planned, lambda plan: show_plan(plan, allowed), markdown=False)
    rollout.check(settings, planned, allowed)
    changing = sum(len(group.targets) for group in planned.pending)
    if changing and not yes:
        _confirm_fleet(changing, len(planned.pending))
    options = rollout.RolloutOptions(
        rollout_id=chosen.resume or rollout.new_rollout_id(),
        canary=_given(chosen.canary, config and config.canary, 1),
        parallel=_given(chosen.parallel, config and config.parallel, 1),
        on_error=_given(chosen.on_error, config and config.on_error, rollout.STOP),
        resume=chosen.resume is not None,
    )
    typer.echo(f"rollout {options.rollout_id}", err=True)
    report = rollout.rollout(
        settings,
        planned,
        listed,
        ApplyOptions(allowed_hazards=allowed, retries=settings.retries, notify=common.note),
        options,
        lambda outcome: typer.echo(outcome.line(), err=as_json),
        tuple(refused),
    )
    if as_json:
        fleet.dump_json(report.to_json())
    else:
        fleet.show_report(report)
    if report.interrupted:  # not the generic "nothing was changed": some targets were
        raise Interrupted(
            f"interrupted: rollout {options.rollout_id} started no target after it (the"
            f" report above says what each target holds); go on with --resume {options.rollout_id}"
        )
    return report.exit_code


def _given(flag: object, configured: object, default: object):
    """A flag's value, else the fleet's, else the default."""
    value = flag if flag is not None else configured if configured is not None else default
    return value.value if isinstance(value, OnError) else value


def _confirm_fleet(targets: int, groups: int) -> None:
    if not typer.get_text_stream("stdin").isatty():
        raise Declined(
            "no terminal to ask for confirmation and --yes not given; nothing was changed"
        )
    if not common.ask(f"Apply to {targets} target(s) in {groups} group(s)?"):
        raise Declined("apply declined; nothing was changed")


def _counted(plan: Plan) -> str:
    """'12 statement(s)', or online '12 statement(s) online (3 before, 6 in the core, 3
    after)'."""
    counted = f"{len(plan.steps)} statement(s)"
    if not plan.online:
        return counted
    from schematool.plan import online

    before, core, after = (len(plan.phase(phase)) for phase in online.PHASES)
    return f"{counted} online ({before} before, {core} in the core, {after} after)"


def _ask(plan: Plan) -> bool:
    if not typer.get_text_stream("stdin").isatty():
        raise Declined(
            "no terminal to ask for confirmation and --yes not given; nothing was changed"
        )
    return common.ask(f"Apply these {len(plan.steps)} statement(s)?")
