"""Stage 5: running a plan against the target, all or nothing.

The apply lock first, held at session level from before the target is read to the end
(a second apply waits, then plans what the first left; `runner.apply_lock`). Then one
transaction: check the target is still what the plan was made from, run every statement
under lock_timeout and statement_timeout, inspect the target again on that same
transaction and commit only when nothing is left to change (`verify`). A lock timeout
rolls back and retries the whole transaction with backoff. Every apply is recorded in
`schematool.history`.

Whatever ends an apply early (an error, a lock timeout, Ctrl-C or SIGTERM, the process
being killed, the server ending the connection) ends it before COMMIT, and PostgreSQL
rolls the transaction back: the target is as it was. tests/test_safety_faults.py
kills applies at every stage to show it.
"""

from __future__ import annotations

import dataclasses

import psycopg
from psycopg import sql

from schematool import db
from schematool.apply import history, runner, verify
from schematool.apply.progress import reported
from schematool.apply.runner import TRANSACTION, ApplyOptions, ApplyResult, Attempt, Work, head
from schematool.desired.database import DesiredDatabase
from schematool.diff import adapter
from schematool.errors import ApplyError
from schematool.grammar.change import Change
from schematool.inspect import locks
from schematool.plan import expand
from schematool.plan import steps as custom_steps
from schematool.plan.model import Plan, Step
from schematool.project.config import Settings


def run(
    settings: Settings,
    target_url: db.Url,
    desired: DesiredDatabase,
    plan: Plan,
    options: ApplyOptions,
    retrier: locks.Retrier | None = None,
) -> ApplyResult:
    """Run a plan already shown and allowed in one transaction, the caller holding the
    apply lock, retrying the transaction after lock timeouts (with what is left of the
    run's retries, when the planning used some); then the custom steps that run alone,
    each on its own, once the transaction has committed. With `--expand` only the
    expand half runs (`plan.expand`), and what is left must be the contract half."""
    numbered = list(enumerate(plan.steps, 1))
    skipped: list[Change] = []
    if options.half == expand.EXPAND:
        numbered, contract = expand.halves(plan.steps, desired.snapshot())
        skipped = [step.change for _, step in contract]
    phase = options.half or TRANSACTION
    core = tuple((n, s) for n, s in numbered if not custom_steps.runs_alone(s.change))
    alone = [(n, s) for n, s in numbered if custom_steps.runs_alone(s.change)]
    whole = Attempt(plan, tuple(s.sql for _, s in core), phase)

    def give_up(message: str) -> None:
        runner.record_failure(target_url, whole, message)

    def once() -> ApplyResult:
        return _run_once(settings, target_url, desired, plan, core, skipped, phase, options)

    result = (retrier or runner.retrier(settings, options)).run(once, target_url, give_up)
    if result.applied:
        for number, step in alone:
            _run_alone(settings, target_url, plan, number, step, options)
    if result.applied and skipped:
        note = f"expand half applied; {len(skipped)} statement(s) left for apply --contract"
        return dataclasses.replace(result, note=note)
    return result


def _run_once(
    settings: Settings,
    target_url: db.Url,
    desired: DesiredDatabase,
    plan: Plan,
    core: tuple[tuple[int, Step], ...],
    skipped: list[Change],
    phase: str,
    options: ApplyOptions,
) -> ApplyResult:
    """One attempt. A lost connection or an interrupt ends it without COMMIT: the server
    rolls the transaction back; it is recorded as failed on a new connection. An expand
    half is verified to leave exactly what its `skipped` contract steps do."""
    with adapter.target_session(target_url) as target:

        def left() -> list[str]:
            if skipped:
                return verify.left_after_expand(settings, target, desired, skipped, plan)
            return verify.remaining_differences(settings, target, desired, plan)

        work = Work(
            steps=core,
            verify=left,
            moved=lambda: verify.target_moved(settings, target, desired, plan, target_url),
            record=Attempt(plan, tuple(s.sql for _, s in core), phase),
            observe=options.observe,
            progress=options.progress,
        )
        return runner.guarded(settings, target.conn, target_url, plan, work)


def _run_alone(
    settings: Settings,
    target_url: db.Url,
    plan: Plan,
    number: int,
    step: Step,
    options: ApplyOptions,
) -> None:
    """A custom step that runs alone: in autocommit (what cannot run in a transaction
    can), under the timeouts, recorded as run once it has. One that fails leaves the
    committed changes in place and is not recorded: the next apply runs it again."""
    attempt = Attempt(plan, (step.sql,), TRANSACTION)
    with db.connect(target_url, autocommit=True) as conn:
        conn.execute(sql.SQL("SET lock_timeout = {}").format(settings.lock_timeout))
        conn.execute(sql.SQL("SET statement_timeout = {}").format(settings.statement_timeout))
        try:
            with reported(options.progress, target_url, conn, number, len(plan.steps), step):
                conn.execute(step.change.sql.encode("utf-8"), prepare=False)
        except psycopg.Error as error:
            message = (
                f"statement {number} (a custom step run alone) failed:"
                f" {runner.pg_message(error)} ({head(step.sql)})"
            )
            runner.record_failure(target_url, attempt, message)
            raise ApplyError(
                f"{message}; the statements before it were committed, and the step is not"
                " recorded as run: fix it and apply again"
            ) from None
        with conn.transaction():
            history.record_steps(conn, custom_steps.recorded([step.change]))
