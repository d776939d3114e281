"""Options and output shared by several commands."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import typer

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
    from schematool import db, server

    if settings.database_url:
        return db.normalize_url(settings.database_url)
    url = server.ensure_local(settings)
    typer.echo(f"using the local server: {db.mask_url(url)}", err=True)
    return url


def use_colour(stream: str = "stdout") -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (no-color.org) or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return typer.get_text_stream(stream).isatty()


def progress(message: str) -> None:
    """Say what a slow step is doing, on a terminal only (stderr, so pipes stay clean)."""
    if typer.get_text_stream("stderr").isatty():
        typer.echo(typer.style(f"... {message}", dim=True), err=True)


_KEYWORDS = re.compile(
    r"\b(create|or|replace|alter|drop|add|table|column|constraint|index|unique|view|materialized|"
    r"function|procedure|trigger|type|sequence|schema|extension|policy|grant|revoke|on|to|from|"
    r"comment|is|primary|foreign|key|references|check|not|null|default|set|using|if|exists|"
    r"validate|valid|enable|disable|force|row|level|security)\b",
    re.IGNORECASE,
)


def _highlight(sql: str) -> str:
    def keyword(match: re.Match[str]) -> str:
        return typer.style(match.group(0), fg="blue", bold=True)

    parts = re.split(r"('(?:[^']|'')*')", sql)  # keep string literals apart
    return "".join(
        typer.style(part, fg="green") if part.startswith("'") else _KEYWORDS.sub(keyword, part)
        for part in parts
    )


def print_plan_text(plan: Plan) -> None:
    """Summary first, then each statement with its hazards, then what apply would need."""
    from schematool.plan import describe_summary

    colour = use_colour()

    def style(text: str, **how: object) -> str:
        return typer.style(text, **how) if colour else text  # type: ignore[arg-type]

    typer.echo(style(f"Plan for {plan.target}", bold=True))
    typer.echo(f"  {describe_summary(plan.summary())}")
    if plan.is_empty:
        typer.echo("  the database matches the schema")
        return
    if plan.hazards:
        typer.echo(style(f"  hazards: {', '.join(sorted(plan.hazards))}", fg="red", bold=True))
    typer.echo("")
    for number, step in enumerate(plan.steps, 1):
        marks = (
            style(f"  !! {', '.join(step.hazards)}", fg="red", bold=True) if step.hazards else ""
        )
        typer.echo(style(f"-- {number}", dim=True) + marks)
        typer.echo(_highlight(step.sql) if colour else step.sql)
        typer.echo("")
    typer.echo(style(apply_needs(plan), fg="yellow" if plan.hazards else "green", bold=True))


def apply_needs(plan: Plan) -> str:
    if not plan.hazards:
        return "apply needs: no hazard allowances"
    return "apply needs: " + " ".join(f"--allow-hazards {h}" for h in sorted(plan.hazards))


def plan_markdown(plan: Plan) -> str:
    """For a pull request comment: summary, hazards, then the script in a sql block."""
    from schematool.plan import describe_summary, script

    lines = [f"### schematool plan for `{plan.target}`", ""]
    lines.append(f"**{describe_summary(plan.summary())}**")
    lines.append("")
    if plan.is_empty:
        lines.append("The database matches the schema.")
        return "\n".join(lines) + "\n"
    if plan.hazards:
        lines.append(f":warning: hazards: {', '.join(f'`{h}`' for h in sorted(plan.hazards))}")
        lines.append("")
        for number, step in enumerate(plan.steps, 1):
            if step.hazards:
                head = " ".join(step.sql.split())[:100]
                lines.append(f"- statement {number} ({', '.join(step.hazards)}): `{head}`")
        lines.append("")
    lines += [
        "<details open><summary>SQL</summary>",
        "",
        "```sql",
        script(plan).rstrip(),
        "```",
        "",
        "</details>",
        "",
        f"`{apply_needs(plan)}`",
    ]
    return "\n".join(lines) + "\n"
