"""schematool apply"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from schematool.cli import common
from schematool.cli.plan import show_plan
from schematool.cli.progress import Mode
from schematool.errors import ConfigError, Declined

if TYPE_CHECKING:  # the core (psycopg, pglast, migra) loads when the command runs
    from schematool.plan.model import Plan


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
) -> None:
    """Apply the plan to the database in one transaction, verified before commit (with
    --online: in online phases around a short core transaction)."""
    from schematool.apply import run as core
    from schematool.apply.runner import ApplyOptions
    from schematool.cli.progress import progress as display
    from schematool.plan import hazards
    from schematool.plan.model import load_plan

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
