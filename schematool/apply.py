"""Stage 5: running a plan against the target, all or nothing.

One transaction: take the apply lock (a second apply waits), check the target is still
what the plan was made from, run every statement under lock_timeout and
statement_timeout, inspect the target again on that same transaction and commit only
when nothing is left to change. A lock timeout rolls back and retries the whole
transaction with backoff. Every apply is recorded in `schematool.history`.

Whatever ends an apply early (an error, a lock timeout, Ctrl-C or SIGTERM, the process
being killed, the server ending the connection) ends it before COMMIT, and PostgreSQL
rolls the transaction back: the target is as it was. tests/test_safety_faults.py
kills applies at every stage to show it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import psycopg
from psycopg import sql

from schematool import canonical, catalog, db, diff, hazards, history, locks, renames
from schematool.config import Settings
from schematool.desired import (
    DesiredDatabase,
    desired_database,
    desired_files,
    desired_fingerprint,
)
from schematool.errors import (
    ApplyError,
    Declined,
    HazardRefused,
    NotConverged,
    SchemaToolError,
    StalePlanError,
)
from schematool.names import qualified
from schematool.plan import Plan, plan_changes

# Every schematool apply on a database takes this transaction-level advisory lock.
APPLY_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"schematool apply").digest()[:8], "big", signed=True
)


def _quiet(message: str) -> None:
    pass


_HISTORY_LOCK_KEY = APPLY_LOCK_KEY ^ 1


@dataclass(frozen=True)
class ApplyOptions:
    allowed_hazards: frozenset[str] = frozenset()
    saved_plan: Plan | None = None
    retries: int = 3
    backoff_seconds: float = 1.0
    notify: Callable[[str], None] = _quiet  # progress worth a line: retries after a timeout


@dataclass(frozen=True)
class ApplyResult:
    plan: Plan
    applied: bool  # False when there was nothing to do
    duration_ms: int = 0
    note: str = ""


def apply(
    settings: Settings,
    target_url: db.Url,
    options: ApplyOptions,
    *,
    show: Callable[[Plan], None],
    confirm: Callable[[Plan], bool],
) -> ApplyResult:
    files = desired_files(settings)
    desired_fp = desired_fingerprint(files)
    saved = options.saved_plan
    if saved is not None and saved.desired_fingerprint != desired_fp:
        raise StalePlanError(
            f"{settings.rel(settings.schema_dir)}/ changed since the plan was made;"
            " make the plan again"
        )
    retrier = _retrier(settings, options)
    retrier.run(lambda: _ensure_history(target_url), target_url)
    with desired_database(settings, target_url, files) as desired:
        plan = saved or retrier.run(
            lambda: _plan_now(settings, target_url, desired, desired_fp), target_url
        )
        show(plan)
        if plan.is_empty:
            return ApplyResult(plan, applied=False)
        refuse_hazards(plan, options.allowed_hazards)
        if not confirm(plan):
            raise Declined("apply declined; nothing was changed")
        return run_plan(settings, target_url, desired, plan, options, retrier)


def _retrier(settings: Settings, options: ApplyOptions) -> locks.Retrier:
    return locks.Retrier(
        settings.lock_timeout, options.retries, options.backoff_seconds, options.notify
    )


def _ensure_history(target_url: db.Url) -> None:
    """Create schematool.history if missing. Applies started together on a new database
    would race to create it (CREATE SCHEMA IF NOT EXISTS is not safe against that), so
    the creation is serialized by an advisory lock of its own."""
    with db.connect(target_url, autocommit=True) as conn:
        try:
            if not history.is_current(conn):
                conn.execute("SELECT pg_advisory_lock(%s)", (_HISTORY_LOCK_KEY,))
                history.ensure_table(conn)  # sees the table if another apply made it meanwhile
        except psycopg.errors.LockNotAvailable:
            raise  # retried, as every lock timeout is
        except psycopg.Error as error:
            raise ApplyError(
                f"cannot create schematool's history table in {db.mask_url(target_url)}:"
                f" {_pg_message(error)}"
            ) from None


def _plan_now(
    settings: Settings, target_url: db.Url, desired: DesiredDatabase, desired_fp: str
) -> Plan:
    with diff.target_session(target_url, inspect_now=False) as target:
        try:
            return plan_changes(settings, target, desired, desired_fp, target_url)
        finally:
            if not target.conn.closed:  # SQLAlchemy closes it when an interrupt meets it
                target.conn.rollback()


def refuse_hazards(plan: Plan, allowed: frozenset[str]) -> None:
    refused = [
        (number, step, sorted(set(step.hazards) - allowed))
        for number, step in enumerate(plan.steps, 1)
        if set(step.hazards) - allowed
    ]
    if not refused:
        return
    kinds = sorted({h for _, _, hs in refused for h in hs})
    listing = "; ".join(
        f"statement {n} ({', '.join(hs)}): {_head(step.sql)}" for n, step, hs in refused
    )
    flags = " ".join(f"--allow-hazards {k}" for k in kinds)
    kept = [s.message for s in plan.suggestions] if hazards.DATA_LOSS in kinds else []
    likely = "".join(f"; likely a rename: {message}" for message in kept)
    raise HazardRefused(
        f"plan holds hazards that were not allowed: {listing}; to run it, add {flags}{likely}"
    )


def run_plan(
    settings: Settings,
    target_url: db.Url,
    desired: DesiredDatabase,
    plan: Plan,
    options: ApplyOptions,
    retrier: locks.Retrier | None = None,
) -> ApplyResult:
    """Run a plan already shown and allowed, retrying the transaction after lock timeouts
    (with what is left of the run's retries, when the planning used some)."""
    started = dt.datetime.now(dt.UTC)
    clock = time.monotonic()

    def give_up(message: str) -> None:
        _record_failure(target_url, plan, started, clock, message)

    return (retrier or _retrier(settings, options)).run(
        lambda: _run_once(settings, target_url, desired, plan), target_url, give_up
    )


class CommitOutcomeUnknown(ApplyError):
    """The connection was lost while COMMIT was on its way: it may or may not have run."""


def _run_once(
    settings: Settings, target_url: db.Url, desired: DesiredDatabase, plan: Plan
) -> ApplyResult:
    """One attempt. A lost connection or an interrupt ends it without COMMIT: the server
    rolls the transaction back; it is recorded as failed on a new connection."""
    started = dt.datetime.now(dt.UTC)
    clock = time.monotonic()
    with diff.target_session(target_url) as target:
        try:
            return _transaction(settings, target, target_url, desired, plan, started, clock)
        except (locks.LockWaitTimedOut, psycopg.errors.LockNotAvailable, CommitOutcomeUnknown):
            raise  # retried (the session's end rolls back), or reported as it is
        except KeyboardInterrupt:
            _record_failure(target_url, plan, started, clock, "interrupted (Ctrl-C or SIGTERM)")
            raise
        except Exception as error:  # noqa: BLE001 - only a lost connection is handled here
            if not _connection_lost(target.conn, error):
                raise
            reason = str(error).strip().splitlines()[0] if str(error).strip() else "closed"
            message = f"lost the connection to the target ({reason})"
            _record_failure(target_url, plan, started, clock, message)
            raise ApplyError(
                message + "; the server rolled the transaction back, nothing was changed"
            ) from None


def _connection_lost(conn: psycopg.Connection, error: Exception) -> bool:
    """The server ended the session (pg_terminate_backend, a restart, the network): its
    FATAL error can arrive before libpq marks the connection bad."""
    if conn.closed or conn.broken:
        return True
    if isinstance(error, psycopg.OperationalError):
        state = error.sqlstate or ""
        return not state or state.startswith(("08", "57P"))  # connection, operator
    return False


def _transaction(
    settings: Settings,
    target: diff.TargetSession,
    target_url: db.Url,
    desired: DesiredDatabase,
    plan: Plan,
    started: dt.datetime,
    clock: float,
) -> ApplyResult:
    conn = target.conn
    # a second apply queues here until the first ends, however long it takes: the one
    # wait that lock_timeout does not bound
    conn.execute("SET LOCAL lock_timeout = 0")
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (APPLY_LOCK_KEY,))
    conn.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(settings.lock_timeout))
    current = catalog.fingerprint(conn, settings.excluded_schemas)
    if current != plan.target_fingerprint:
        return _target_moved(settings, target, desired, plan, target_url)
    conn.execute(sql.SQL("SET LOCAL statement_timeout = {}").format(settings.statement_timeout))
    for number, step in enumerate(plan.steps, 1):
        change = step.change
        try:
            conn.execute(change.sql.encode("utf-8"), prepare=False)
        except psycopg.errors.LockNotAvailable:
            raise locks.LockWaitTimedOut(
                f"statement {number} could not take its lock within"
                f" lock_timeout={settings.lock_timeout} ({_head(change.sql)})",
                locks.statement_blockers(conn, [qualified(*t.table[1:]) for t in change.locks]),
            ) from None
        except psycopg.Error as error:
            if _connection_lost(conn, error):
                raise
            message = f"statement {number} failed: {_pg_message(error)} ({_head(change.sql)})"
            _fail(conn, plan, started, clock, message)
            raise ApplyError(message + "; rolled back, nothing was changed") from None
    conn.execute("SET LOCAL statement_timeout = 0")
    left = remaining_differences(settings, target, desired)
    if left:
        message = "after running the plan the target still differs: " + "; ".join(left[:10])
        _fail(conn, plan, started, clock, message)
        raise NotConverged(message + "; rolled back, nothing was changed")
    duration = _elapsed_ms(clock)
    history.record(
        conn,
        started_at=started,
        plan_hash=plan.plan_hash,
        statements=plan.statements,
        duration_ms=duration,
        outcome="applied",
        renames=renames.recorded(step.change for step in plan.steps),
    )
    try:
        interrupted = _commit(conn, target_url)
    except psycopg.Error as error:  # refused at COMMIT (a deferred constraint)
        message = f"COMMIT failed: {_pg_message(error)}"
        _record_failure(target_url, plan, started, clock, message)
        raise ApplyError(message + "; rolled back, nothing was changed") from None
    note = "interrupted while committing; the commit had completed" if interrupted else ""
    return ApplyResult(plan, applied=True, duration_ms=duration, note=note)


def _commit(conn: psycopg.Connection, target_url: db.Url) -> bool:
    """COMMIT with SIGINT and SIGTERM held, so that an interrupt cannot report "nothing was
    changed" about a commit that happened. True when one arrived meanwhile (consumed: the
    apply is complete). A connection lost during COMMIT leaves the outcome unknown."""
    held = {signal.SIGINT, signal.SIGTERM}
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held) if in_main else None
    interrupted = False
    try:
        try:
            conn.commit()
        except psycopg.Error as error:
            if not _connection_lost(conn, error):
                raise  # refused by the server (a deferred constraint): rolled back
            raise CommitOutcomeUnknown(
                f"lost the connection to {db.mask_url(target_url)} while committing"
                f" ({_pg_message(error)}): whether the changes were committed is unknown;"
                " run `schematool plan` to see"
            ) from None
        while in_main and held & signal.sigpending():
            signal.sigtimedwait(held, 0)
            interrupted = True
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    return interrupted


def _target_moved(
    settings: Settings,
    target: diff.TargetSession,
    desired: DesiredDatabase,
    plan: Plan,
    target_url: db.Url,
) -> ApplyResult:
    """The target is not what the plan was made from: another apply ran meanwhile, someone
    changed it, or a saved plan made for another database."""
    fresh = plan_changes(settings, target, desired, plan.desired_fingerprint, target_url)
    target.conn.rollback()
    if fresh.is_empty:
        return ApplyResult(
            fresh, applied=False, note="the target already matches (another apply ran first)"
        )
    raise StalePlanError(
        f"{db.mask_url(target_url)} is not the schema the plan for {plan.target} was made"
        f" from (it changed since {plan.created_at}, or it is another database); nothing"
        " was changed: make the plan again"
    )


def remaining_differences(
    settings: Settings, target: diff.TargetSession, desired: DesiredDatabase
) -> list[str]:
    """What still differs: the full catalog comparison decides (it sees more than migra);
    when something is left, migra and the gap modules name the statements still to run."""
    excluded = settings.excluded_schemas
    current_snap, desired_snap = catalog.snapshot(target.conn, excluded), desired.snapshot()
    current_snap = canonical.comparable(current_snap, desired_snap, desired.url)
    left = catalog.differences(desired_snap, current_snap)
    if not left:
        return []
    still = diff.changes(target, desired.url, excluded, current_snap, desired_snap)
    return [f"still to run: {_head(c.sql)}" for c in still] + left


def _record_failure(
    target_url: db.Url, plan: Plan, started: dt.datetime, clock: float, error: str
) -> None:
    """Record a failed attempt on a connection of its own, when the apply's connection is
    gone or its transaction rolled back. Best effort: the server may be gone too."""
    try:
        with db.connect(target_url, autocommit=True) as conn:
            _record_failed(conn, plan, started, clock, error)
    except (psycopg.Error, SchemaToolError):
        pass


def _fail(
    conn: psycopg.Connection, plan: Plan, started: dt.datetime, clock: float, error: str
) -> None:
    conn.rollback()
    _record_failed(conn, plan, started, clock, error)
    conn.commit()


def _record_failed(
    conn: psycopg.Connection, plan: Plan, started: dt.datetime, clock: float, error: str
) -> None:
    history.record(
        conn,
        started_at=started,
        plan_hash=plan.plan_hash,
        statements=plan.statements,
        duration_ms=_elapsed_ms(clock),
        outcome="failed",
        error=error,
        renames=renames.recorded(step.change for step in plan.steps),
    )


def _pg_message(error: psycopg.Error) -> str:
    return error.diag.message_primary or str(error).strip().splitlines()[0]


def _head(statement: str) -> str:
    """A statement on one line, shortened, without its `;` (messages put it in
    parentheses and go on with `;`: no doubled `;;`)."""
    first = " ".join(statement.split()).rstrip(";").rstrip()
    return first if len(first) <= 100 else first[:97] + "..."


def _elapsed_ms(clock: float) -> int:
    return int((time.monotonic() - clock) * 1000)
