"""Stage 5, online: running a plan split into phases (`apply --online`, `schematool.plan.online`).

One connection to the target carries the whole apply: the session that took apply's
advisory lock at session level before the target was read (`apply.runner.apply_lock`; a step
outside a transaction could not hold a transaction's lock, and two applies must never
interleave). It keeps the lock to the end, through the phases:

1. the target is checked against the plan's fingerprint (a target that moved is planned
   again: nothing to do, or the plan is stale);
2. **online, before**: each index built `CONCURRENTLY` (the INVALID leftovers of an
   interrupted build dropped first). A failure drops what this phase built (concurrently):
   the schema is as it was, and a unique build that meets duplicates names them;
3. **the core**: `apply.runner` as a one-transaction apply runs it (retries, blocker
   report, history row in the transaction), except that its verification before COMMIT
   requires what differs from the desired schema to be exactly what the after phase is
   planned to do (`verify.unexplained`; a catalog comparison, no migra: the core holds
   its brief locks while it verifies). A failure rolls the core back; what the before
   phase built stays for the rerun;
4. **online, after**: each step in its own short transaction (or, an index, concurrently);
   a failure leaves the core committed and says which steps are left;
5. **the final verification**: the target equals the desired schema.

Every step runs under lock_timeout, retried with the backoff and blocker report of the
core (`runner.retrying`), and under statement_timeout, which bounds each step on its own.
History records each phase that ran (`history.PHASES`). `client_connection_check_interval`
makes the server notice a killed apply within a second: a concurrent build it was running
stops (its INVALID index is dropped by the next apply) and the lock is released.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import NoReturn

import psycopg
from psycopg import sql

from schematool.apply import replicas, runner, verify
from schematool.apply.progress import reported
from schematool.apply.runner import ApplyOptions, ApplyResult, Attempt
from schematool.desired.database import DesiredDatabase
from schematool.diff import adapter, rows
from schematool.diff.comparison import Comparison
from schematool.errors import (
    ApplyError,
    Interrupted,
    LockTimeout,
    NotConverged,
    SchemaToolError,
)
from schematool.grammar import definitions, reader
from schematool.grammar.change import DROP, Change
from schematool.inspect import catalog
from schematool.names import Node, qualified
from schematool.plan import online
from schematool.plan.model import Plan, Step
from schematool.project.config import Settings

VERIFY = "verify"  # history's phase of the final verification


class _StepFailed(Exception):
    """An online step failed for good: the error to raise, and its message so far."""

    def __init__(self, kind: type[SchemaToolError], message: str) -> None:
        self.kind, self.message = kind, message


def run(
    settings: Settings,
    target_url: str,
    desired: DesiredDatabase,
    plan: Plan,
    options: ApplyOptions,
    conn: psycopg.Connection,
) -> ApplyResult:
    """The phases on `conn`, the session holding apply's lock (`runner.apply_lock`)."""
    clock = time.monotonic()
    if catalog.fingerprint(conn, settings.excluded_schemas) != plan.target_fingerprint:
        with adapter.target_session(target_url, one_snapshot=True) as target:
            return verify.target_moved(settings, target, desired, plan, target_url)
    conn.execute(sql.SQL("SET lock_timeout = {}").format(settings.lock_timeout))
    conn.execute(sql.SQL("SET statement_timeout = {}").format(settings.statement_timeout))
    phases = _Runner(settings, target_url, desired, plan, options, conn)
    try:
        phases.before()
        phases.core()
        phases.after()
        phases.verify()
    except KeyboardInterrupt:
        raise Interrupted(phases.interrupted()) from None
    return ApplyResult(plan, applied=True, duration_ms=runner.elapsed_ms(clock))


@dataclass
class _Runner:
    settings: Settings
    target_url: str
    desired: DesiredDatabase
    plan: Plan
    options: ApplyOptions
    conn: psycopg.Connection
    built: list[Node] = field(default_factory=list)  # indexes the before phase built
    phase: str = online.BEFORE
    done: int = 0  # steps of the running phase completed
    left_invalid: Node | None = None  # an INVALID index a failed build left, not dropped

    # -- phases ----------------------------------------------------------------------------

    def before(self) -> None:
        steps = self.plan.phase(online.BEFORE)
        if not steps:
            return
        attempt = self._attempt(online.BEFORE, steps)
        for number, step in steps:
            try:
                self._wait_for_standbys()
                self._step(number, step)
            except _StepFailed as failure:
                message = f"{failure.message}; {self._undo_before()}"
                runner.record_failure(self.target_url, attempt, message)
                raise failure.kind(message) from None
            if _builds(step.change):
                self.built.append(step.change.op.node)
            self.done += 1
        self._record(attempt, "applied")

    def core(self) -> None:
        self.phase, self.done = online.CORE, 0
        steps = self.plan.phase(online.CORE)
        if not steps:
            return
        after = [step.change for _, step in self.plan.phase(online.AFTER)]
        kept = self._kept_by_before()
        work = runner.Work(
            steps=tuple(steps),
            verify=lambda: self._left_after_core(after),
            moved=None,
            record=self._attempt(online.CORE, steps),
            unchanged=f"rolled back, {kept}",
            observe=self.options.observe,
            progress=self.options.progress,
        )

        def give_up(message: str) -> NoReturn:
            runner.record_failure(self.target_url, work.record, message)
            raise LockTimeout(f"{message}; the core rolled back, {kept}") from None

        try:
            self._wait_for_standbys()
        except _StepFailed as failure:
            runner.record_failure(self.target_url, work.record, failure.message)
            raise LockTimeout(f"{failure.message}; the core did not start, {kept}") from None
        conn = self.conn
        conn.autocommit = False
        try:
            runner.retrying(
                self.settings,
                self.options,
                self.target_url,
                lambda: runner.guarded(self.settings, conn, self.target_url, self.plan, work),
                give_up,
            )
        finally:
            if not conn.broken:
                conn.rollback()
                conn.autocommit = True

    def after(self) -> None:
        self.phase, self.done = online.AFTER, 0
        steps = self.plan.phase(online.AFTER)
        if not steps:
            return
        attempt = self._attempt(online.AFTER, steps)
        for number, step in steps:
            try:
                self._wait_for_standbys()
                self._step(number, step)
            except _StepFailed as failure:
                message = f"{failure.message}; {self._left_in_after()}"
                runner.record_failure(self.target_url, attempt, message)
                raise failure.kind(message) from None
            self.done += 1
        self._record(attempt, "applied")

    def verify(self) -> None:
        """The target equals the desired schema: the apply is complete."""
        self.phase = VERIFY
        attempt = Attempt(self.plan, (), VERIFY)
        compared = Comparison.read(
            self.conn,
            self.desired,
            self.settings.excluded_schemas,
            ignore=self.settings.ignore,
            exact=self.plan.written,
        )
        left = compared.differences() or rows.remaining(self.conn, compared.snapshot, self.desired)
        if left:
            message = "after the online apply the target still differs: " + "; ".join(left[:10])
            self._record(attempt, "failed", message)
            raise NotConverged(
                f"{message}; the core was committed: run `apply --online` again, it plans"
                " what is left"
            )
        self._record(attempt, "applied")

    # -- one online step ---------------------------------------------------------------------

    def _wait_for_standbys(self) -> None:
        """--max-replica-lag: every standby within the limit before the next step or the
        core (`apply.replicas`); given up, the step fails as a lock timeout does."""

        def give_up(message: str) -> NoReturn:
            raise _StepFailed(LockTimeout, message)

        replicas.wait(self.settings, self.options, self.conn, self.target_url, give_up)

    def _step(self, number: int, step: Step) -> None:
        """Run a step of an online phase under the timeouts; after a lock timeout, retry
        it. A concurrent build that failed leaves its index INVALID: the next attempt
        drops it first (concurrently, under the same timeout), and a step that fails
        for good tries once more, so that it leaves nothing behind when it can."""
        change = step.change

        def attempt() -> None:
            try:
                if _builds(change):
                    self._drop_if_invalid(change.op.node)
                total = len(self.plan.steps)
                with reported(
                    self.options.progress, self.target_url, self.conn, number, total, step
                ):
                    self._execute(change)
            except psycopg.errors.LockNotAvailable:
                raise runner.lock_wait(self.settings, self.conn, number, change) from None

        def give_up(message: str) -> NoReturn:
            self._clean(change)
            raise _StepFailed(LockTimeout, message)

        try:
            runner.retrying(
                self.settings, self.options, self.target_url, attempt, give_up, undone="timed out"
            )
        except psycopg.Error as error:
            if runner.connection_lost(self.conn, error):
                raise _StepFailed(ApplyError, _lost(error)) from None
            message = f"statement {number} failed: {runner.pg_message(error)}"
            message += _duplicates(self.conn, change, error) + f" ({runner.head(change.shown)})"
            self._clean(change)
            raise _StepFailed(ApplyError, message) from None

    def _execute(self, change: Change) -> None:
        text = change.sql.encode("utf-8")
        if change.transactional:
            with self.conn.transaction():
                self.conn.execute(text, prepare=False)
        else:
            self.conn.execute(text, prepare=False)

    def _drop_if_invalid(self, index: Node) -> None:
        """DROP INDEX CONCURRENTLY of `index` if it is there INVALID (what a failed or
        interrupted concurrent build leaves)."""
        if self._invalid(index):
            self.conn.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {qualified(*index[1:])}")

    def _invalid(self, index: Node) -> bool:
        row = self.conn.execute(
            "SELECT NOT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)",
            (qualified(*index[1:]),),
        ).fetchone()
        return bool(row and row[0])

    def _clean(self, change: Change) -> None:
        """After a build failed for good: its INVALID index dropped, once more (a blocker
        may still be there); one that stays is noted for the message."""
        if not _builds(change) or self.conn.broken:
            return
        index = change.op.node
        try:
            self._drop_if_invalid(index)
            if not self._invalid(index):
                return
        except psycopg.Error:
            pass
        self.left_invalid = index

    def _drop(self, index: Node) -> bool:
        """DROP INDEX CONCURRENTLY of an index this apply built, retried after lock
        timeouts; False if it stays."""
        change = reader.read(
            f"DROP INDEX CONCURRENTLY IF EXISTS {qualified(*index[1:])};", "online"
        )

        def attempt() -> None:
            try:
                self._execute(change)
            except psycopg.errors.LockNotAvailable:
                raise runner.lock_wait(self.settings, self.conn, 0, change) from None

        def give_up(message: str) -> NoReturn:
            raise _StepFailed(LockTimeout, message)

        try:
            runner.retrying(
                self.settings, self.options, self.target_url, attempt, give_up, undone="timed out"
            )
        except (_StepFailed, psycopg.Error):
            return False
        return True

    # -- what a failure leaves ------------------------------------------------------------

    def _undo_before(self) -> str:
        """Drop what the before phase built, newest first: the schema as it was. What
        could not be dropped (a blocker still holds the table) is said, and stays: an
        index the plan wants is used by the next apply, an INVALID one dropped by it."""
        kept = [index for index in reversed(self.built) if not self._drop(index)]
        built_any = bool(self.built)
        self.built = kept
        left = []
        if kept:
            names = ", ".join(qualified(*index[1:]) for index in kept)
            left.append(f"the index(es) built before it could not be dropped again: {names}")
        if self.left_invalid is not None:
            left.append(
                f"its INVALID index {qualified(*self.left_invalid[1:])} could not be dropped"
                " (the next apply drops it)"
            )
        if left:
            return "; ".join(left) + "; the schema is otherwise as it was"
        if built_any:
            return "the indexes built before it were dropped again: nothing was changed"
        return "nothing was changed"

    def _kept_by_before(self) -> str:
        if not self.built:
            return "nothing was changed"
        names = ", ".join(qualified(*index[1:]) for index in self.built)
        return f"the indexes built before it stay ({names}): a rerun uses them"

    def _left_in_after(self) -> str:
        steps = self.plan.phase(online.AFTER)[self.done :]
        first = steps[0][0] if steps else 0
        invalid = (
            f", and the INVALID index {qualified(*self.left_invalid[1:])}"
            if self.left_invalid is not None
            else ""
        )
        return (
            f"the core is committed; {len(steps)} step(s) of the after phase are left (from"
            f" statement {first} on){invalid}: run `apply --online` again to finish"
        )

    def interrupted(self) -> str:
        """What an interrupt (Ctrl-C, SIGTERM) left, recorded and said."""
        what = "interrupted (Ctrl-C or SIGTERM)"
        if self.phase == online.BEFORE:
            built = ", ".join(qualified(*index[1:]) for index in self.built) or "none"
            left = (
                f"during the before phase: indexes built so far stay ({built}), a build cut"
                " short leaves an INVALID index; the schema is otherwise as it was"
            )
        elif self.phase == online.CORE:
            left = f"the core rolled back, {self._kept_by_before()}"
        elif self.phase == online.AFTER:
            left = self._left_in_after()
        else:
            left = "during the final verification: every step had run"
        if self.phase in (online.BEFORE, online.AFTER):
            steps = self.plan.phase(self.phase)
            runner.record_failure(self.target_url, self._attempt(self.phase, steps), what)
        return f"{what}: {left}; run `apply --online` again to carry on"

    # -- the core's verification ------------------------------------------------------------

    def _left_after_core(self, after: list[Change]) -> list[str]:
        """What differs on the core's transaction and no after step resolves. The
        catalog's texts are compared first, as PostgreSQL printed them; only when some
        differ are they compared by meaning (`Comparison.current`), which takes longer."""
        compared = Comparison.read(
            self.conn,
            self.desired,
            self.settings.excluded_schemas,
            ignore=self.settings.ignore,
            exact=self.plan.written,
        )
        left = verify.unexplained(compared.desired_snapshot, compared.snapshot, after)
        if left:
            left = verify.unexplained(compared.desired_snapshot, compared.current, after)
        # the declared rows are written at the end of the core: all there before COMMIT
        return left or rows.remaining(self.conn, compared.snapshot, self.desired)

    # -- history ----------------------------------------------------------------------------

    def _attempt(self, phase: str, steps: list[tuple[int, Step]]) -> Attempt:
        return Attempt(self.plan, tuple(step.sql for _, step in steps), phase)

    def _record(self, attempt: Attempt, outcome: str, error: str | None = None) -> None:
        runner.record(
            self.conn,
            attempt,
            duration_ms=runner.elapsed_ms(attempt.clock),
            outcome=outcome,
            error=error,
        )


def _builds(change: Change) -> bool:
    op = change.op
    return op.kind == "index" and op.effect != DROP and op.concurrently


def _lost(error: psycopg.Error) -> str:
    reason = str(error).strip().splitlines()[0] if str(error).strip() else "closed"
    return f"lost the connection to the target ({reason})"


def _duplicates(conn: psycopg.Connection, change: Change, error: psycopg.Error) -> str:
    """For a unique build that met duplicate rows: the key PostgreSQL names, and how many
    keys are duplicated (counted for an index on plain columns), with the query that
    lists them."""
    if not isinstance(error, psycopg.errors.UniqueViolation) or not _builds(change):
        return ""
    index = qualified(*change.op.node[1:])
    detail = (error.diag.message_detail or "").rstrip(".")
    found = f": index {index} cannot be built, {detail or 'a key is duplicated'}"
    key = definitions.index_key(change.sql)
    if key is None:
        return found
    table, columns, nulls_equal = key
    listing = _duplicates_query(table, columns, nulls_equal)
    try:
        (count,) = conn.execute(f"SELECT count(*) FROM ({listing}) d").fetchone()
    except psycopg.Error:
        return found
    return (
        f"{found} ({count} key(s) of {qualified(*table[1:])} are duplicated; {listing} lists them)"
    )


def _duplicates_query(table: Node, columns: tuple[str, ...], nulls_equal: bool) -> str:
    names = ", ".join(qualified(c) for c in columns)
    present = " AND ".join(f"{qualified(c)} IS NOT NULL" for c in columns)
    where = "" if nulls_equal else f" WHERE {present}"
    return (
        f"SELECT {names}, count(*) FROM {qualified(*table[1:])}{where}"
        f" GROUP BY {names} HAVING count(*) > 1"
    )
