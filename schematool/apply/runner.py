"""Stage 5: what every apply runs on, in one transaction or in online phases.

The apply lock (`apply_lock`: at session level, taken before the target is read, held
to the end; a second apply waits), the options and results, an `Attempt` as history
records it, lock timeouts retried with backoff (`schematool.inspect.locks`), the
guarded transaction (`guarded`, `transaction`: the target checked, every statement
under the timeouts, the verification before COMMIT, COMMIT with signals held), and the
history rows of applies and failures (`record`, `record_failure`).

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
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NoReturn, TypeVar

import psycopg
from psycopg import sql

from schematool import db
from schematool.apply import history
from schematool.apply.progress import Progress, reported
from schematool.diff import renames
from schematool.errors import (
    ApplyError,
    NotConverged,
    SchemaToolError,
    SchemaToolWarning,
    StandbyTarget,
)
from schematool.grammar.change import Change
from schematool.inspect import catalog, locks, replication
from schematool.names import qualified
from schematool.plan import steps as custom_steps
from schematool.plan.model import Plan, Step
from schematool.project.config import Settings

# Every schematool apply on a database holds this advisory lock (`apply_lock`).
APPLY_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"schematool apply").digest()[:8], "big", signed=True
)


def _quiet(message: str) -> None:
    pass


Observer = Callable[[psycopg.Connection], None]


_HISTORY_LOCK_KEY = APPLY_LOCK_KEY ^ 1


_CHECK_CLIENT = "1s"  # client_connection_check_interval: a killed apply's session ends


@dataclass(frozen=True)
class ApplyLock:
    """Apply's advisory lock, held at session level on a connection of its own from
    before the target is read until the apply ends, so that a second apply waits for
    the first and then plans what the first left. An online apply runs on this session
    (a step outside a transaction cannot hold a transaction's lock)."""

    conn: psycopg.Connection  # in autocommit; closing it releases the lock
    waited: bool  # another apply held the lock first

    def waited_note(self) -> str:
        """What a waiting apply that then finds nothing to do says."""
        return "another apply ran first (this one waited for it)" if self.waited else ""


@contextmanager
def apply_lock(target_url: db.Url, notify: Callable[[str], None]) -> Iterator[ApplyLock]:
    """Take apply's lock, waiting as long as another apply holds it (the one wait that
    lock_timeout does not bound), with a note naming that apply's session."""
    conn = db.connect(target_url, autocommit=True)
    try:
        if db.server_version(conn) >= 14:  # a killed apply's wait or step ends within 1 s
            conn.execute(sql.SQL("SET client_connection_check_interval = {}").format(_CHECK_CLIENT))
        waited = not _try_lock(conn)
        if waited:
            notify(f"waiting for another apply to finish: {_lock_holder(conn)}")
            with conn.transaction():  # the session-level lock outlives this transaction
                conn.execute("SET LOCAL lock_timeout = 0")
                conn.execute("SELECT pg_advisory_lock(%s)", (APPLY_LOCK_KEY,))
        yield ApplyLock(conn, waited)
    finally:
        conn.close()  # ends the session: the advisory lock goes with it


def _try_lock(conn: psycopg.Connection) -> bool:
    row = conn.execute("SELECT pg_try_advisory_lock(%s)", (APPLY_LOCK_KEY,)).fetchone()
    return bool(row and row[0])


def _lock_holder(conn: psycopg.Connection) -> str:
    """The session holding apply's lock: its pid, application, role and since when it
    is connected (what pg_stat_activity shows this role of it)."""
    unsigned = APPLY_LOCK_KEY & 0xFFFF_FFFF_FFFF_FFFF  # pg_locks: the key's two halves
    row = conn.execute(
        "SELECT l.pid, coalesce(a.application_name, ''), coalesce(a.usename, ''),"
        " to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
        " FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
        " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
        " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        " AND l.classid = %s AND l.objid = %s",
        (unsigned >> 32, unsigned & 0xFFFF_FFFF),
    ).fetchone()
    if row is None:
        return "its session had just ended"
    pid, application, user, since = row
    about = [
        f"application {application!r}" if application else "",
        f"user {user}" if user else "",
        f"connected since {since} UTC" if since else "",
    ]
    described = ", ".join(part for part in about if part)
    return f"pid {pid} holds the apply lock" + (f" ({described})" if described else "")


@dataclass(frozen=True)
class ApplyOptions:
    allowed_hazards: frozenset[str] = frozenset()
    saved_plan: Plan | None = None
    for_any_database: bool = False  # the saved plan may apply to another database
    retries: int = 3
    backoff_seconds: float = 1.0
    notify: Callable[[str], None] = _quiet  # progress worth a line: retries after a timeout
    half: str | None = None  # "expand" or "contract" (plan.expand); None: the whole plan
    # Test-only: called with the apply's connection inside its transaction, just before
    # COMMIT (the one-transaction apply and an online core), so that the tests can read
    # what PostgreSQL did (the locks held, the tables rewritten). None: no call, no cost.
    observe: Observer | None = None
    progress: Progress | None = None  # told of each step as it starts, runs and ends


@dataclass(frozen=True)
class ApplyResult:
    plan: Plan
    applied: bool  # False when there was nothing to do
    duration_ms: int = 0
    note: str = ""


def retrier(settings: Settings, options: ApplyOptions) -> locks.Retrier:
    return locks.Retrier(
        settings.lock_timeout, options.retries, options.backoff_seconds, options.notify
    )


def ensure_history(target_url: db.Url) -> None:
    """Create schematool.history if missing, on a target that is not a standby (refused
    here, on apply's first connection, before anything is loaded or locked). Applies
    started together on a new database would race to create it (CREATE SCHEMA IF NOT
    EXISTS is not safe against that), so the creation is serialized by an advisory lock
    of its own."""
    with db.connect(target_url, autocommit=True) as conn:
        refuse_standby(conn, target_url)
        try:
            if not history.is_current(conn):
                conn.execute("SELECT pg_advisory_lock(%s)", (_HISTORY_LOCK_KEY,))
                history.ensure_table(conn)  # sees the table if another apply made it meanwhile
        except psycopg.errors.LockNotAvailable:
            raise  # retried, as every lock timeout is
        except psycopg.Error as error:
            raise ApplyError(
                f"cannot create schematool's history table in {db.mask_url(target_url)}:"
                f" {pg_message(error)}"
            ) from None


def refuse_standby(conn: psycopg.Connection, target_url: db.Url) -> None:
    """A standby (in recovery) is read-only and takes its schema from its primary."""
    if replication.in_recovery(conn):
        raise StandbyTarget(
            f"{db.mask_url(target_url)} is a standby (in recovery, read-only): apply to its"
            " primary (plan works against a standby, to check it for drift)"
        )


T = TypeVar("T")


def retrying(
    settings: Settings,
    options: ApplyOptions,
    target_url: db.Url,
    attempt: Callable[[], T],
    give_up: Callable[[str], NoReturn],
    undone: str = "rolled back",
) -> T:
    """`attempt()` with a retry budget of its own (`locks.Retrier`): an online step
    retried after lock timeouts; after the last retry `give_up` (which raises) with the
    message naming the statement and its blockers."""
    return retrier(settings, options).run(attempt, target_url, give_up, undone)


def lock_wait(
    settings: Settings, conn: psycopg.Connection, number: int, change: Change
) -> locks.LockWaitTimedOut:
    """The timeout of statement `number` waiting for its lock, with who held it (read on
    `conn`, rolled back first, while the blocker still holds)."""
    return locks.LockWaitTimedOut(
        f"statement {number} could not take its lock within"
        f" lock_timeout={settings.lock_timeout} ({head(change.shown)})",
        locks.statement_blockers(conn, [qualified(*t.table[1:]) for t in change.locks]),
    )


TRANSACTION = "transaction"  # history's phase of an apply in one transaction


PLANNING = "plan"  # history's phase of an apply that gave up while reading the target


@dataclass(frozen=True)
class Attempt:
    """What history records of an attempt: the plan, the statements it ran (a phase of
    an online plan runs some of them) and that phase, and when it started."""

    plan: Plan | None  # None: given up while planning, before there was one
    statements: tuple[str, ...]
    phase: str
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    clock: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class Work:
    """One all-or-nothing transaction of an apply: its numbered steps, how the target is
    checked before COMMIT (`verify`: what must not be left; empty: commit), what to do
    when the target is not what the plan was made from (`moved`; None: not checked),
    and what a failure leaves, as its message ends."""

    steps: tuple[tuple[int, Step], ...]
    verify: Callable[[], list[str]]
    moved: Callable[[], ApplyResult] | None
    record: Attempt
    unchanged: str = "rolled back, nothing was changed"
    observe: Observer | None = None  # `ApplyOptions.observe`, before COMMIT
    progress: Progress | None = None  # `ApplyOptions.progress`


class CommitOutcomeUnknown(ApplyError):
    """The connection was lost while COMMIT was on its way: it may or may not have run."""


def guarded(
    settings: Settings, conn: psycopg.Connection, target_url: db.Url, plan: Plan, work: Work
) -> ApplyResult:
    """`transaction`, with what ends it early recorded: an interrupt, or the server
    ending the connection (then the server rolled the transaction back)."""
    try:
        return transaction(settings, conn, target_url, plan, work)
    except (locks.LockWaitTimedOut, psycopg.errors.LockNotAvailable, CommitOutcomeUnknown):
        raise  # retried (the session's end rolls back), or reported as it is
    except KeyboardInterrupt:
        record_failure(target_url, work.record, "interrupted (Ctrl-C or SIGTERM)")
        raise
    except Exception as error:  # noqa: BLE001 - only a lost connection is handled here
        if not connection_lost(conn, error):
            raise
        reason = str(error).strip().splitlines()[0] if str(error).strip() else "closed"
        message = f"lost the connection to the target ({reason})"
        record_failure(target_url, work.record, message)
        raise ApplyError(
            message + "; the server rolled the transaction back, " + _after_rollback(work)
        ) from None


def _after_rollback(work: Work) -> str:
    return work.unchanged.removeprefix("rolled back, ")


def connection_lost(conn: psycopg.Connection, error: Exception) -> bool:
    """The server ended the session (pg_terminate_backend, a restart, the network): its
    FATAL error can arrive before libpq marks the connection bad."""
    if conn.closed or conn.broken:
        return True
    if isinstance(error, psycopg.OperationalError):
        state = error.sqlstate or ""
        return not state or state.startswith(("08", "57P"))  # connection, operator
    return False


def transaction(
    settings: Settings, conn: psycopg.Connection, target_url: db.Url, plan: Plan, work: Work
) -> ApplyResult:
    """The work in one transaction on `conn` (not in autocommit), the caller holding the
    apply lock (`apply_lock`): the target checked, every statement under the timeouts,
    `verify` before COMMIT, the history row in the same transaction."""
    conn.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(settings.lock_timeout))
    if work.moved is not None:
        current = catalog.fingerprint(conn, settings.excluded_schemas)
        if current != plan.target_fingerprint:
            return work.moved()
    conn.execute(sql.SQL("SET LOCAL statement_timeout = {}").format(settings.statement_timeout))
    total = len(plan.steps)
    for number, step in work.steps:
        change = step.change
        try:
            with reported(work.progress, target_url, conn, number, total, step):
                conn.execute(change.sql.encode("utf-8"), prepare=False)
        except psycopg.errors.LockNotAvailable:
            raise lock_wait(settings, conn, number, change) from None
        except psycopg.Error as error:
            if connection_lost(conn, error):
                raise
            message = f"statement {number} failed: {pg_message(error)} ({head(change.shown)})"
            _fail(conn, work.record, message)
            raise ApplyError(f"{message}; {work.unchanged}") from None
    conn.execute("SET LOCAL statement_timeout = 0")
    left = work.verify()
    if left:
        message = "after running the plan the target still differs: " + "; ".join(left[:10])
        _fail(conn, work.record, message)
        raise NotConverged(f"{message}; {work.unchanged}")
    duration = elapsed_ms(work.record.clock)
    try:
        history.record_steps(conn, custom_steps.recorded([step.change for _, step in work.steps]))
        record(conn, work.record, duration_ms=duration, outcome="applied")
    except psycopg.Error as error:  # the role may change the schema but not the history
        if connection_lost(conn, error):
            raise
        message = f"cannot record the apply in schematool.history: {pg_message(error)}"
        _fail(conn, work.record, message)
        raise ApplyError(f"{message}; {work.unchanged}") from None
    if work.observe is not None:
        work.observe(conn)
    try:
        interrupted = _commit(conn, target_url)
    except psycopg.Error as error:  # refused at COMMIT (a deferred constraint)
        message = f"COMMIT failed: {pg_message(error)}"
        record_failure(target_url, work.record, message)
        raise ApplyError(f"{message}; {work.unchanged}") from None
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
            if not connection_lost(conn, error):
                raise  # refused by the server (a deferred constraint): rolled back
            raise CommitOutcomeUnknown(
                f"lost the connection to {db.mask_url(target_url)} while committing"
                f" ({pg_message(error)}): whether the changes were committed is unknown;"
                " run `schematool plan` to see"
            ) from None
        while in_main and held & signal.sigpending():
            signal.sigtimedwait(held, 0)
            interrupted = True
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    return interrupted


def record(
    conn: psycopg.Connection,
    attempt: Attempt,
    *,
    duration_ms: int,
    outcome: str,
    error: str | None = None,
) -> None:
    plan = attempt.plan
    history.record(
        conn,
        started_at=attempt.started,
        plan_hash=plan.plan_hash if plan is not None else "",
        statements=list(attempt.statements),
        duration_ms=duration_ms,
        outcome=outcome,
        error=error,
        # the renames run in the one transaction, or in an online apply's core
        renames=renames.recorded(step.change for step in plan.steps)
        if plan is not None and attempt.phase in (TRANSACTION, "core", "expand", "contract")
        else (),
        phase=attempt.phase,
    )


def record_failure(target_url: db.Url, attempt: Attempt, error: str) -> None:
    """Record a failed attempt on a connection of its own, when the apply's connection is
    gone or its transaction rolled back. Best effort: the server may be gone too, or the
    role may not write the history; then a warning says so."""
    try:
        with db.connect(target_url, autocommit=True) as conn:
            try:
                _record_failed(conn, attempt, error)
            except psycopg.Error as failure:
                _not_recorded(failure, conn.info.user)
    except SchemaToolError as failure:
        _not_recorded(failure, None)


def _fail(conn: psycopg.Connection, attempt: Attempt, error: str) -> None:
    """Record a failed attempt on the apply's own connection, its transaction rolled
    back. The failure the caller reports stays the news: one to record it is a warning."""
    conn.rollback()
    try:
        _record_failed(conn, attempt, error)
        conn.commit()
    except psycopg.Error as failure:
        _not_recorded(failure, conn.info.user)
        if not conn.broken:
            conn.rollback()


def _not_recorded(failure: Exception, role: str | None) -> None:
    """Warn that a failed apply is not in the history, and why (the role may not
    write it, the server went away), without hiding the failure itself."""
    reason = pg_message(failure) if isinstance(failure, psycopg.Error) else str(failure)
    if isinstance(failure, psycopg.errors.InsufficientPrivilege) and role:
        reason += f" (role {role!r} may not write it)"
    warnings.warn(
        SchemaToolWarning(f"the failure could not be recorded in schematool.history: {reason}"),
        stacklevel=2,
    )


def _record_failed(conn: psycopg.Connection, attempt: Attempt, error: str) -> None:
    record(conn, attempt, duration_ms=elapsed_ms(attempt.clock), outcome="failed", error=error)


def pg_message(error: psycopg.Error) -> str:
    return error.diag.message_primary or str(error).strip().splitlines()[0]


def head(statement: str) -> str:
    """A statement on one line, shortened, without its `;` (messages put it in
    parentheses and go on with `;`: no doubled `;;`)."""
    first = " ".join(statement.split()).rstrip(";").rstrip()
    return first if len(first) <= 100 else first[:97] + "..."


def elapsed_ms(clock: float) -> int:
    return int((time.monotonic() - clock) * 1000)
