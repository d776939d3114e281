"""Stage 5: apply, the entry: a plan made (or a saved one checked), shown, allowed,
confirmed and run under the apply lock, in one transaction (`transaction`) or in online
phases (`phased`). It picks one of the two; neither imports the other.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from schematool import db
from schematool.apply import phased, replicas, runner, transaction, verify
from schematool.apply.runner import PLANNING, ApplyLock, ApplyOptions, ApplyResult, Attempt
from schematool.desired.database import (
    DesiredDatabase,
    declared_rows,
    desired_database,
    desired_files,
    desired_fingerprint,
)
from schematool.diff import adapter
from schematool.errors import ConfigError, Declined, StalePlanError
from schematool.inspect import locks, replication
from schematool.plan import expand
from schematool.plan.model import Plan
from schematool.plan.planner import plan_changes
from schematool.project.config import Settings


def apply(
    settings: Settings,
    target_url: db.Url,
    options: ApplyOptions,
    *,
    show: Callable[[Plan], None],
    confirm: Callable[[Plan], bool],
) -> ApplyResult:
    files = desired_files(settings)
    data = declared_rows(settings)
    desired_fp = desired_fingerprint(files, data)
    saved = options.saved_plan
    if saved is not None and saved.desired_fingerprint != desired_fp:
        raise StalePlanError(
            f"{_desired_folders(settings, bool(data))} changed since the plan was made;"
            " make the plan again"
        )
    if saved is not None and saved.online != settings.online:
        verify.refuse_mode(saved)
    retrier = runner.retrier(settings, options)
    retrier.run(lambda: runner.ensure_history(target_url), target_url)
    with (
        desired_database(settings, target_url, files, adapter.preload, data) as desired,
        runner.apply_lock(target_url, options.notify) as lock,
    ):
        if saved is not None:
            verify.check_database(saved, db.database_identity(lock.conn), target_url, options)
            replication.warn_commit_waits(lock.conn, replication.standbys(lock.conn))
        planning = Attempt(saved, (), PLANNING)
        plan = saved or _planned(settings, target_url, desired, desired_fp, retrier, planning)
        if saved is not None and saved.masked:
            fresh = _planned(settings, target_url, desired, desired_fp, retrier, planning)
            plan = verify.unmasked(saved, dataclasses.replace(fresh, database=saved.database))
        show(plan)
        if plan.is_empty:
            return ApplyResult(plan, applied=False, note=lock.waited_note())
        verify.refuse_hazards(_running(plan, options, desired), options.allowed_hazards)
        if not confirm(plan):
            raise Declined("apply declined; nothing was changed")
        result = run_plan(settings, target_url, desired, plan, options, retrier, lock)
        if not result.applied and lock.waited:
            return dataclasses.replace(result, note=lock.waited_note())
        return result


def run_plan(
    settings: Settings,
    target_url: db.Url,
    desired: DesiredDatabase,
    plan: Plan,
    options: ApplyOptions,
    retrier: locks.Retrier | None = None,
    lock: ApplyLock | None = None,
) -> ApplyResult:
    """Run a plan already shown and allowed, retrying the transaction after lock timeouts
    (with what is left of the run's retries, when the planning used some; an online plan:
    in its phases, `schematool.apply.phased`), under the apply lock (taken here when the
    caller holds none)."""
    if lock is None:
        with runner.apply_lock(target_url, options.notify) as held:
            return run_plan(settings, target_url, desired, plan, options, retrier, held)
    if plan.online:
        return phased.run(settings, target_url, desired, plan, options, lock.conn)
    whole = Attempt(plan, tuple(plan.statements), runner.TRANSACTION)
    replicas.wait(
        settings,
        options,
        lock.conn,
        target_url,
        lambda message: runner.record_failure(target_url, whole, message),
    )
    return transaction.run(settings, target_url, desired, plan, options, retrier)


def _planned(
    settings: Settings,
    target_url: db.Url,
    desired: DesiredDatabase,
    desired_fp: str,
    retrier: locks.Retrier,
    attempt: Attempt,
) -> Plan:
    """The plan made now, under the apply lock; reading the target given up after the
    retries is a failed apply, recorded as every other one is."""

    def give_up(message: str) -> None:
        runner.record_failure(target_url, attempt, message)

    return retrier.run(
        lambda: _plan_now(settings, target_url, desired, desired_fp), target_url, give_up
    )


def _plan_now(
    settings: Settings, target_url: db.Url, desired: DesiredDatabase, desired_fp: str
) -> Plan:
    with adapter.target_session(target_url, inspect_now=False) as target:
        try:
            return plan_changes(settings, target, desired, desired_fp, target_url)
        finally:
            if not target.conn.closed:  # SQLAlchemy closes it when an interrupt meets it
                target.conn.rollback()


def _running(plan: Plan, options: ApplyOptions, desired: DesiredDatabase) -> Plan:
    """The plan as far as this apply runs it: with --expand, its expand half (whose
    hazards alone must be allowed now; the contract half's are its apply's)."""
    if options.half != expand.EXPAND:
        return plan
    if plan.online:
        raise ConfigError("--expand runs a plan in one transaction: leave out --online")
    kept, _ = expand.halves(plan.steps, desired.snapshot())
    return dataclasses.replace(plan, steps=tuple(step for _, step in kept))
def _desired_folders(settings: Settings, declares_rows: bool) -> str:
    """`schema/`, or `schema/ or data/` where the project declares rows."""
    schema = f"{settings.rel(settings.schema_dir)}/"
    if declares_rows and settings.data_dir is not None:
        return f"{schema} or {settings.rel(settings.data_dir)}/"
    return schema
