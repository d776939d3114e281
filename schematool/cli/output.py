"""How a plan reads: text for a terminal, markdown for a pull request, a bare SQL script.

Presentation only: the `Plan` is the data, these functions never decide anything.
"""

from __future__ import annotations

import re

import typer

from schematool.cli import common
from schematool.plan import Plan, TableSize


def describe_size(size: TableSize) -> str:
    """'public.orders ~50,000,000 rows, 6.2 GB' (rows as the statistics estimate them)."""
    rows = "rows unknown (never analyzed)" if size.rows is None else f"~{size.rows:,} rows"
    return f"{size.name} {rows}, {_bytes(size.bytes)}"


def describe_tables(plan: Plan) -> list[str]:
    """One line per existing table the plan touches: its size, and the statements (with
    their hazards) that touch it."""
    return [f"{describe_size(size)}: statement {marks}" for size, marks in _touched(plan)]


def _touched(plan: Plan) -> list[tuple[TableSize, str]]:
    """Each existing table the plan touches, with the statements (and their hazards)
    that touch it: `3 (table-rewrite), 4`."""
    touched: dict[str, tuple[TableSize, list[str]]] = {}
    for number, step in enumerate(plan.steps, 1):
        for size in step.tables:
            mark = f"{number} ({', '.join(step.hazards)})" if step.hazards else str(number)
            touched.setdefault(size.name, (size, []))[1].append(mark)
    return [(size, ", ".join(marks)) for size, marks in touched.values()]


def _markdown_tables(plan: Plan) -> list[str]:
    """The text plan's table sizes as a markdown table: a reviewer weighs a rewrite of
    an empty table and one of fifty million rows differently."""
    touched = _touched(plan)
    if not touched:
        return []
    lines = [
        "Tables touched (estimates from the target's statistics):",
        "",
        "| table | rows | size | statements |",
        "| --- | ---: | ---: | --- |",
    ]
    for size, marks in touched:
        rows = "unknown (never analyzed)" if size.rows is None else f"~{size.rows:,}"
        lines.append(f"| `{size.name}` | {rows} | {_bytes(size.bytes)} | {marks} |")
    return lines + [""]


def _bytes(count: int) -> str:
    value = float(count)
    for unit in ("bytes", "kB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{count} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{count} bytes"


def script(plan: Plan) -> str:
    """The plan as a SQL script: each statement, its hazards as a comment above it."""
    lines = []
    for step in plan.steps:
        if step.hazards:
            lines.append(f"-- hazards: {', '.join(step.hazards)}")
        lines.append(step.sql)
    return "\n".join(lines) + "\n" if lines else ""


def describe_summary(summary: dict[str, dict[str, int]]) -> str:
    """'2 to create (1 index, 1 table), 1 to alter (1 table)' or 'no changes'."""
    parts = []
    for action in ("create", "alter", "drop"):
        kinds = summary.get(action)
        if kinds:
            total = sum(kinds.values())
            detail = ", ".join(f"{n} {k}" for k, n in kinds.items())
            parts.append(f"{total} to {action} ({detail})")
    return "; ".join(parts) if parts else "no changes"


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
    colour = common.use_colour()

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
                head = " ".join(step.sql.split()).rstrip(";")[:100]
                lines.append(f"- statement {number} ({', '.join(step.hazards)}): `{head}`")
        lines.append("")
    lines += _markdown_tables(plan)
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
