"""Custom steps in a plan: those the target has not run yet, placed around the changes.

`pending` asks the target which steps ran (`schematool.custom_steps`, written by apply in
the transaction that runs them) and refuses one that ran with other text. `placed` puts
`before` steps first and `after` steps after the schema changes, in one transaction,
and `alone` steps last, each on its own after that transaction commits
(`apply.transaction`); when there are `after` steps, a NOT NULL the plan gives a column
is set after them (a new column is added nullable first), so a step can fill a new
column in the same apply: add it, backfill it, then SET NOT NULL. Each step is a
`Change` with the hazard `custom-step`, allowed like any other.
"""

from __future__ import annotations

from collections.abc import Sequence

import psycopg

from schematool.errors import StepEdited
from schematool.grammar import reader
from schematool.grammar.change import NONE, Change, Hazard, Op
from schematool.hazard_kinds import CUSTOM_STEP
from schematool.inspect.catalog import Snapshot
from schematool.names import ident, qualified
from schematool.project.steps import AFTER, ALONE, BEFORE, CustomStep

STEPS_TABLE = "schematool.custom_steps"
KIND = "custom step"


def pending(conn: psycopg.Connection, steps: Sequence[CustomStep]) -> list[CustomStep]:
    """The steps the target has not run; one that ran with other text is an error."""
    if not steps:
        return []
    ran = _ran(conn)
    edited = [step for step in steps if ran.get(step.name, step.digest) != step.digest]
    if edited:
        names = ", ".join(step.label for step in edited)
        raise StepEdited(
            f"custom step(s) already run on this database were edited since: {names}; a step"
            " runs once: restore its text, or write a new step for what is left to do"
        )
    return [step for step in steps if step.name not in ran]


def _ran(conn: psycopg.Connection) -> dict[str, str]:
    """name -> hash of the steps recorded (none before the first apply that ran one)."""
    with conn.transaction():  # a savepoint: a role that may not read leaves no error open
        row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (STEPS_TABLE,)).fetchone()
        if not (row and row[0]):
            return {}
        return dict(conn.execute(f"SELECT name, hash FROM {STEPS_TABLE}").fetchall())


def step_change(step: CustomStep) -> Change:
    """A step as a planned statement: its whole text, run as it is."""
    op = Op(
        NONE,
        KIND,
        ("step", step.name),
        KIND,
        details=(("when", step.when), ("hash", step.digest), ("file", step.label)),
    )
    when = f"{step.when} the schema changes"
    if step.when == ALONE:
        when = "alone, after the transaction commits"
    reason = f"{step.label} runs once ({when}): review what it does"
    return Change(
        step.text,
        (op,),
        transactional=step.when != ALONE,
        hazards=(Hazard(CUSTOM_STEP, reason),),
        source="steps",
    )


def recorded(changes: Sequence[Change]) -> list[tuple[str, str]]:
    """(name, hash) of each custom step among `changes`: what apply records."""
    return [
        (change.op.node[1], change.op.detail("hash")) for change in changes if is_step(change)
    ]


def is_step(change: Change) -> bool:
    return len(change.ops) == 1 and change.op.kind == KIND


def runs_alone(change: Change) -> bool:
    """A step that runs on its own, in autocommit, after the apply's transaction."""
    return is_step(change) and change.op.detail("when") == ALONE


def placed(
    planned: Sequence[Change], steps: Sequence[CustomStep], desired: Snapshot
) -> list[Change]:
    """`planned` with the steps around it (see the module)."""
    before = [step_change(s) for s in steps if s.when == BEFORE]
    after = [step_change(s) for s in steps if s.when == AFTER]
    alone = [step_change(s) for s in steps if s.when == ALONE]
    if not after:
        return [*before, *planned, *alone]
    core: list[Change] = []
    tightened: list[Change] = []
    for change in planned:
        split = _not_null_later(change, desired)
        if split is not None:
            core.append(split[0])
            tightened.append(split[1])
        elif len(change.ops) == 1 and change.op.what == "set not null":
            tightened.append(change)
        else:
            core.append(change)
    return [*before, *core, *after, *tightened, *alone]


def _not_null_later(change: Change, desired: Snapshot) -> tuple[Change, Change] | None:
    """A new NOT NULL column without a default, as its ADD COLUMN without NOT NULL and
    the SET NOT NULL to run after the steps; None for any other change."""
    if len(change.ops) != 1 or change.op.what != "add column" or change.op.node[0] != "col":
        return None
    _, schema, table, column = change.op.node
    attrs = desired.get("column", {}).get(qualified(schema, table, column))
    if attrs is None or not attrs.get("not_null"):
        return None
    if any(attrs.get(key) for key in ("default", "generated", "identity", "inherited")):
        return None
    name = qualified(schema, table)
    collate = f" COLLATE {attrs['collation']}" if attrs.get("collation") else ""
    add = f"ALTER TABLE {name} ADD COLUMN {ident(column)} {attrs['type']}{collate};"
    tighten = f"ALTER TABLE {name} ALTER COLUMN {ident(column)} SET NOT NULL;"
    return reader.read(add, "steps"), reader.read(tighten, "steps")
