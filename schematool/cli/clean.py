"""schematool clean"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from schematool.cli import common

if TYPE_CHECKING:
    from schematool.desired.scratch import Leftover


def clean(
    database_url: str | None = common.DatabaseUrl,
    scratch_url: str | None = common.ScratchUrl,
    every_project: bool = typer.Option(
        False,
        "--all",
        help="Also drop the kept desired schemas of other projects on the server.",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="List what would be dropped (with sizes); drop nothing."
    ),
) -> None:
    """Drop scratch databases that ended runs left behind, and this project's kept
    desired schemas.

    Scratch databases of runs that have ended (their run's lock is free and nobody is
    connected) and invalid ones (a DROP DATABASE cut short) are dropped whichever project
    left them. Kept desired schemas are dropped only for this project (its checkout and
    schema folder) and where they record no project; --all drops every project's.
    Databases in use are left alone."""
    from schematool.desired import scratch

    settings = common.settings(database_url, None, scratch_url)
    server_url = settings.scratch_url or common.target_url(settings)
    project = None if every_project else settings.project_key
    found = scratch.clean(server_url, project, dry_run=dry_run)
    verb = "would drop" if dry_run else "dropped"
    for leftover in found:
        typer.echo(f"{verb} {leftover.name} ({_describe(leftover, settings.project_key)})")
    total = sum(leftover.size or 0 for leftover in found)
    summary = f"{len(found)} database(s), {_size(total)}, {verb} on {server_url}"
    typer.echo(summary + (" (--dry-run: nothing was dropped)" if dry_run else ""))
    if project is not None:
        every = scratch.clean(server_url, None, dry_run=True)
        others = [d for d in every if d.kind == "kept" and d.project not in ("", project)]
        if others:
            typer.echo(
                f"left {len(others)} kept database(s) of other projects,"
                f" {_size(sum(d.size or 0 for d in others))} (--all drops them)"
            )


def _describe(leftover: Leftover, project: str) -> str:
    """'12.0 MB, kept for this project, last used 2025-...' and the like."""
    what = {
        "scratch": "scratch database of a run that ended",
        "invalid": "invalid: a DROP DATABASE cut short",
    }.get(leftover.kind)
    if what is None:
        owner = (
            "this project"
            if leftover.project == project
            else f"project {leftover.project}"
            if leftover.project
            else "no recorded project"
        )
        what = f"kept for {owner}" + (
            f", last used {leftover.last_use}" if leftover.last_use else ""
        )
    return f"{_size(leftover.size)}, {what}"


def _size(count: int | None) -> str:
    from schematool.cli.output import human_bytes

    return "size unknown" if count is None else human_bytes(count)
