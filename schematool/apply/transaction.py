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

from schematool import db
from schematool.apply import runner, verify
from schematool.apply.runner import TRANSACTION, ApplyOptions, ApplyResult, Attempt, Work
from schematool.desired.database import DesiredDatabase
from schematool.diff import adapter
from schematool.inspect import locks
from schematool.plan.model import Plan
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
    run's retries, when the planning used some)."""
    whole = Attempt(plan, tuple(plan.statements), TRANSACTION)

    def give_up(message: str) -> None:
        runner.record_failure(target_url, whole, message)

    return (retrier or runner.retrier(settings, options)).run(
        lambda: _run_once(settings, target_url, desired, plan, options.observe),
        target_url,
        give_up,
    )


def _run_once(
    settings: Settings,
    target_url: db.Url,
    desired: DesiredDatabase,
    plan: Plan,
    observe: runner.Observer | None,
) -> ApplyResult:
    """One attempt. A lost connection or an interrupt ends it without COMMIT: the server
    rolls the transaction back; it is recorded as failed on a new connection."""
    with adapter.target_session(target_url) as target:
        work = Work(
            steps=tuple(enumerate(plan.steps, 1)),
            verify=lambda: verify.remaining_differences(settings, target, desired),
            moved=lambda: verify.target_moved(settings, target, desired, plan, target_url),
            record=Attempt(plan, tuple(plan.statements), TRANSACTION),
            observe=observe,
        )
        return runner.guarded(settings, target.conn, target_url, plan, work)
