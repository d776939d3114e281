"""schematool history"""

from __future__ import annotations

import json

import typer

from schematool.cli import common


def history(
    database_url: str | None = common.DatabaseUrl,
    limit: int = typer.Option(20, "--limit", min=1, metavar="N", help="How many applies to list."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (docs/history.schema.json)."),
) -> None:
    """List the applies recorded in the database, newest first."""
    from schematool import db
    from schematool.apply import history as core

    settings = common.settings(database_url)
    with db.connect(common.target_url(settings), autocommit=True) as conn:
        entries = core.entries(conn, limit)
    if as_json:
        typer.echo(json.dumps(core.to_json(entries), indent=2))
        return
    if not entries:
        typer.echo("no applies recorded")
        return
    for e in entries:
        when = e.started_at.isoformat(timespec="seconds")
        phase = f" {e.phase}" if e.phase and e.phase != "transaction" else ""
        line = (
            f"#{e.id} {when} {e.outcome:<7}{phase} {len(e.statements):>3} statement(s)"
            f" {e.duration_ms} ms by {e.applied_by} ({e.client}) plan {e.plan_hash[:12] or '-'}"
        )
        if e.renames:
            line += f", {len(e.renames)} rename(s)"
        if e.rollout:
            line += f", rollout {e.rollout}"
        typer.echo(line + (f": {e.error}" if e.error else ""))
