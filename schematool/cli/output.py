"""How a plan reads: text for a terminal, markdown for a pull request, a bare SQL script.

Presentation only: the `Plan` is the data, these functions never decide anything.
"""

from __future__ import annotations

import typer

from schematool import hazard_kinds
from schematool.cli import common
from schematool.plan import online
from schematool.plan.model import SUMMARY_ACTIONS, Plan, Step, TableSize

# what each phase of an online plan is, as its heading says
PHASE_TITLES = {
    online.BEFORE: "online, before: built concurrently, outside any transaction; writes go on",
    online.CORE: "core: one transaction (advisory lock, lock timeout with retries,"
    " verified before commit)",
    online.AFTER: "online, after: each step in its own short transaction, or concurrently",
}
VERIFICATION = "final verification: the target must equal the desired schema"


def describe_size(size: TableSize) -> str:
    """'public.orders ~50,000,000 rows, 6.2 GB' (rows as the statistics estimate them)."""
    rows = "rows unknown (never analyzed)" if size.rows is None else f"~{size.rows:,} rows"
    return f"{size.name} {rows}, {human_bytes(size.bytes)}"


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
        lines.append(f"| `{size.name}` | {rows} | {human_bytes(size.bytes)} | {marks} |")
    return lines + [""]


def human_bytes(count: int) -> str:
    value = float(count)
    for unit in ("bytes", "kB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{count} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{count} bytes"


def on_standbys(plan: Plan, step: Step) -> str:
    """What replaying a step does on the target's standbys ('' when nothing worth a line):
    its ACCESS EXCLUSIVE locks are taken there again, behind the standbys' readers."""
    tables = plan.replayed_locks(step)
    if not tables:
        return ""
    return (
        f"on standbys: replaying its ACCESS EXCLUSIVE lock on {', '.join(tables)} makes"
        " their readers of it wait, or be cancelled after max_standby_streaming_delay"
    )


def standbys_line(plan: Plan) -> str:
    """'standbys: standby "a" (10.0.0.7), ...: they replay every step' ('' without any)."""
    if not plan.standbys:
        return ""
    return f"standbys: {', '.join(plan.standbys)} replay every step"


def script(plan: Plan) -> str:
    """The plan as a SQL script: each statement, its hazards as a comment above it (and,
    online, each phase's heading and each step's note)."""
    lines = []
    for phase, steps in _phases(plan):
        if phase:
            lines.append(f"-- == {PHASE_TITLES[phase]}")
        for _, step in steps:
            if step.hazards:
                lines.append(f"-- hazards: {', '.join(step.hazards)}")
            if step.note:
                lines.append(f"-- note: {step.note}")
            if replayed := on_standbys(plan, step):
                lines.append(f"-- {replayed}")
            lines.append(step.sql)
    if plan.online and lines:
        lines.append(f"-- == {VERIFICATION}")
    return "\n".join(lines) + "\n" if lines else ""


def _phases(plan: Plan) -> list[tuple[str | None, list[tuple[int, Step]]]]:
    """The numbered steps by phase, each phase once, in the order they run; a plan made
    without --online is one group without a heading."""
    if not plan.online:
        return [(None, list(enumerate(plan.steps, 1)))] if plan.steps else []
    return [(phase, plan.phase(phase)) for phase in online.PHASES if plan.phase(phase)]


def describe_summary(summary: dict[str, dict[str, int]]) -> str:
    """'2 to create (1 index, 1 table), 1 to alter (1 table)' or 'no changes'."""
    parts = []
    for action in SUMMARY_ACTIONS:
        kinds = summary.get(action)
        if kinds:
            total = sum(kinds.values())
            detail = ", ".join(f"{n} {k}" for k, n in kinds.items())
            if action in _COUNTED:
                noun = action if total == 1 else action + "s"
                parts.append(f"{total} {noun} ({detail})")
            else:
                parts.append(f"{total} to {action} ({detail})")
    other = sum(summary.get("other", {}).values())
    if other:
        parts.append(f"{other} not understood (review them)")
    return "; ".join(parts) if parts else "no changes"


def describe_ignored(plan: Plan) -> str:
    """'ignored: 3 objects (left to others); patterns matching nothing: "table:old.*"'."""
    noun = "object" if plan.ignored == 1 else "objects"
    text = f"ignored: {plan.ignored} {noun} (left to others, never planned)"
    if plan.unmatched_ignore:
        text += "; patterns matching nothing: " + ", ".join(plan.unmatched_ignore)
    return text


_COUNTED = ("grant", "revoke", "comment")  # "3 grants (...)", not "3 to grant"


def _highlight(sql: str) -> str:
    """Keywords in blue, string literals in green, by PostgreSQL's own lexer."""
    from schematool.grammar import lexer

    spans, _ = lexer.lexemes(sql)
    out, last = [], 0
    for start, end, category in spans:
        colour = {"fg": "green"} if category == "literal" else {"fg": "blue", "bold": True}
        out += [sql[last:start], typer.style(sql[start:end], **colour)]  # type: ignore[arg-type]
        last = end
    out.append(sql[last:])
    return "".join(out)


def print_plan_text(plan: Plan, allowed: frozenset[str] = frozenset()) -> None:
    """Summary first, then each statement with its hazards, then what apply would need
    beyond the hazards `allowed` already (apply printing its plan)."""
    colour = common.use_colour()

    def style(text: str, **how: object) -> str:
        return typer.style(text, **how) if colour else text  # type: ignore[arg-type]

    typer.echo(style(f"Plan for {plan.target}", bold=True))
    typer.echo(f"  {describe_summary(plan.summary())}")
    if plan.ignored or plan.unmatched_ignore:
        typer.echo(f"  {describe_ignored(plan)}")
    if plan.is_empty:
        typer.echo("  the database matches the schema")
        return
    if plan.hazards:
        typer.echo(style(f"  hazards: {', '.join(sorted(plan.hazards))}", fg="red", bold=True))
    if plan.standbys:
        typer.echo(style(f"  {standbys_line(plan)}", fg="yellow"))
    typer.echo("")
    beside = suggestions_by_statement(plan)
    notes = data_notes(plan)
    contract = dict(plan.contract)
    for phase, steps in _phases(plan):
        if phase:
            typer.echo(style(f"== {PHASE_TITLES[phase]}", bold=True))
            typer.echo("")
        for number, step in steps:
            marks = (
                style(f"  !! {', '.join(step.hazards)}", fg="red", bold=True)
                if step.hazards
                else ""
            )
            typer.echo(style(f"-- {number}", dim=True) + marks)
            for hazard in step.change.hazards:
                if hazard.reason:
                    typer.echo(style(f"--   {hazard.kind}: {hazard.reason}", fg="red"))
            if step.note:
                typer.echo(style(f"--   note: {step.note}", dim=True))
            if number in contract:
                why = f"--   contract: {contract[number]} (apply --expand leaves it)"
                typer.echo(style(why, fg="yellow"))
            if replayed := on_standbys(plan, step):
                typer.echo(style(f"--   {replayed}", fg="yellow"))
            for message in beside.get(number, ()):
                typer.echo(style(f"--   likely a rename: {message}", fg="yellow"))
            for note in notes.get(number, ()):
                typer.echo(style(f"--   {note}", fg="yellow"))
            typer.echo(_highlight(step.sql) if colour else step.sql)
            typer.echo("")
    if plan.online:
        typer.echo(style(f"== {VERIFICATION}", bold=True))
        typer.echo("")
    needed = plan.hazards - allowed
    typer.echo(style(apply_needs(plan, allowed), fg="yellow" if needed else "green", bold=True))


def suggestions_by_statement(plan: Plan) -> dict[int, list[str]]:
    """Each drop that looks like a rename, by the first of its statements (where the
    text plan shows it)."""
    beside: dict[int, list[str]] = {}
    for suggestion in plan.suggestions:
        beside.setdefault(min(suggestion.statements), []).append(suggestion.message)
    return beside


def data_notes(plan: Plan) -> dict[int, list[str]]:
    """What the data checks could not settle, by statement: a check not made (a
    timeout, no privilege), or made on a sample only. A change found to fail says so in
    its fails-on-data hazard; one whose every row was read and fits needs no word."""
    notes: dict[int, list[str]] = {}
    for check in plan.data_checks:
        if check.verdict == "unknown" or (check.verdict == "passes" and check.method != "exact"):
            notes.setdefault(check.statement, []).append(check.note)
    return notes


def apply_needs(plan: Plan, allowed: frozenset[str] = frozenset()) -> str:
    """The allowances apply still needs for the plan's hazards; `allowed`: those the
    apply printing it was given (flags or environment), said as given, never as needed."""
    mode = " --online" if plan.online else ""
    if not plan.hazards:
        return f"apply{mode} needs: no hazard allowances"
    missing, given = sorted(plan.hazards - allowed), sorted(plan.hazards & allowed)
    needs = f"apply{mode} needs: {_flags(missing)}" if missing else ""
    said = f"allowed: {_flags(given)}" if given else ""
    needed = f"{needs} ({said})" if needs and said else needs or said
    failing = [
        str(number)
        for number, step in enumerate(plan.steps, 1)
        if hazard_kinds.FAILS_ON_DATA in step.hazards
    ]
    if failing and hazard_kinds.FAILS_ON_DATA not in allowed:
        return (
            f"WILL FAIL on the target's data (statement {', '.join(failing)}): fix the data"
            f" first, then plan again; {needed}"
        )
    return needed


def _flags(kinds: list[str]) -> str:
    return " ".join(f"--allow-hazards {kind}" for kind in kinds)


def plan_markdown(plan: Plan) -> str:
    """For a pull request comment: summary, hazards, then the script in a sql block."""
    lines = [f"### schematool plan for `{plan.target}`", ""]
    lines.append(f"**{describe_summary(plan.summary())}**")
    lines.append("")
    if plan.ignored or plan.unmatched_ignore:
        lines += [describe_ignored(plan), ""]
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
                lines += [f"  - {h.kind}: {h.reason}" for h in step.change.hazards if h.reason]
        lines.append("")
    if plan.standbys:
        lines += [f":satellite: {standbys_line(plan)}", ""]
        for number, step in enumerate(plan.steps, 1):
            if replayed := on_standbys(plan, step):
                lines.append(f"- statement {number}: {replayed}")
        lines.append("")
    notes = [f"- statement {n}: {note}" for n, ns in data_notes(plan).items() for note in ns]
    if notes:
        lines += [":grey_question: data checks not settled:", "", *notes, ""]
    if plan.suggestions:
        lines.append(":bulb: drops that look like renames:")
        lines.append("")
        lines += [f"- {suggestion.message}" for suggestion in plan.suggestions]
        lines.append("")
    lines += _markdown_phases(plan)
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


def _markdown_phases(plan: Plan) -> list[str]:
    """An online plan's phases as a list: which statements run where, and why."""
    if not plan.online:
        return []
    lines = ["Online phases:", ""]
    for phase, steps in _phases(plan):
        lines.append(f"- **{PHASE_TITLES[phase]}**")
        for number, step in steps:
            head = " ".join(step.sql.split()).rstrip(";")[:100]
            lines.append(f"  - {number}: `{head}`" + (f": {step.note}" if step.note else ""))
    lines.append(f"- **{VERIFICATION}**")
    return lines + [""]
