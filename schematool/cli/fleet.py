"""plan and apply over a fleet (`--targets FILE`, `--fleet NAME`): the options both
commands share, the targets chosen, the fleet plan shown, the rollout's report."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from schematool.cli import common
from schematool.errors import ConfigError

if TYPE_CHECKING:  # the core loads when a command runs
    from schematool.fleet import grouping, rollout
    from schematool.fleet.targets import Target
    from schematool.plan.model import Plan
    from schematool.project.config import FleetConfig, Settings

Targets = typer.Option(
    None,
    "--targets",
    metavar="FILE",
    help="Every database listed in FILE (one URL or libpq string per line, ${VAR} from the"
    " environment, # comments; - reads standard input): each target's fingerprint first,"
    " then one plan per group of targets that share one.",
    show_default=False,
)
Fleet = typer.Option(
    None,
    "--fleet",
    metavar="NAME",
    help="The targets of [tool.schematool.fleets.NAME] (a list, a targets file, or the"
    " databases of a server matching a pattern), with its environment.",
    show_default=False,
)
Shard = typer.Option(
    None,
    "--shard",
    metavar="K/N",
    help="Only this job's share of the fleet: shard K of N, by a hash of each target's"
    " address (stable when targets are added).",
    show_default=False,
)


@dataclass(frozen=True)
class Selection:
    """How the command line names a fleet: --targets FILE or --fleet NAME, and --shard."""

    targets: str | None
    fleet: str | None
    shard: str | None


@dataclass(frozen=True)
class Chosen:
    """The fleet's targets and, for --fleet, its table in pyproject.toml."""

    targets: list[Target]
    config: FleetConfig | None


def fleet_config(targets_file: str | None, fleet: str | None) -> FleetConfig | None:
    """--fleet's table (read first: it may name the environment); refused with --targets."""
    if targets_file is not None and fleet is not None:
        raise ConfigError("--targets and --fleet both name the targets: give one of them")
    if fleet is None:
        return None
    from schematool.project.config import load_fleet

    return load_fleet(fleet)


def choose(targets_file: str | None, config: FleetConfig | None, shard: str | None) -> Chosen:
    """The targets of --targets or --fleet, this shard's when --shard is given."""
    from schematool.fleet import targets

    listed = (
        targets.fleet_targets(config)
        if config is not None
        else targets.read_targets(targets_file or "-")
    )
    if shard is not None:
        k, n = targets.parse_shard(shard)
        listed = targets.in_shard(listed, k, n)
        common.progress(f"shard {k}/{n}: {len(listed)} target(s)")
    return Chosen(listed, config)


def fleet_settings(
    schema_dir: Path | None,
    scratch_url: str | None,
    env: str | None,
    config: FleetConfig | None,
    **extra: str | int | bool | None,
) -> Settings:
    """The settings every target is planned and applied under: the environment given, or
    the fleet's; the targets are the fleet's (no $DATABASE_URL, no environment URL)."""
    chosen_env = env if env is not None else (config.environment if config else None)
    settings = common.settings(None, schema_dir, None, chosen_env, connect=False, **extra)
    if scratch_url is not None:
        from schematool import db

        if not scratch_url.strip():
            raise ConfigError("--scratch-url is empty (a variable that is not set?)")
        settings = replace(settings, scratch_url=settings.session(db.address(scratch_url)))
    common.desired_schema(settings)
    return settings


def refuse_single(**given: object) -> None:
    """Options of a one-database run given to a fleet's."""
    for flag, value in given.items():
        if value:
            raise ConfigError(f"a fleet run (--targets or --fleet) takes no {flag}")


def show_fleet(
    fleet: grouping.FleetPlan, show_plan: Callable[[Plan], None], *, markdown: bool
) -> None:
    """Each group with changes (its targets, then its plan as `show_plan` shows one),
    then the targets in sync."""
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


def show_report(report: rollout.Report) -> None:
    """The outcomes counted, then every target that failed, drifted or did not start."""
    from schematool.fleet import rollout as core

    counts = report.counts()
    typer.echo("")
    typer.echo(f"rollout {report.rollout_id}: {len(report.outcomes)} target(s)")
    for status in core.STATUSES:
        typer.echo(f"  {status:<12} {counts[status]}")
    unfinished = [o for o in report.outcomes if o.status in (core.FAILED, core.DRIFTED)]
    for outcome in unfinished:
        typer.echo(f"  {outcome.status}: {outcome.target}: {outcome.reason}")
    if report.interrupted:
        typer.echo("  interrupted: no target started after the interrupt")
    if counts[core.FAILED] or counts[core.NOT_STARTED] or report.interrupted:
        typer.echo(f"rerun with --resume {report.rollout_id} to go on with this rollout")


def dump_json(data: object) -> None:
    typer.echo(json.dumps(data, indent=2))
