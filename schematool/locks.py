"""Waiting for locks on a shared database: bounded, retried, and explained.

Every connection to the target (and the scratch server) runs under `lock_timeout`
(`Settings.session`), so no wait for a lock outlasts it, whether a statement of the plan
waits or a read of the catalog does (a `VACUUM FULL` or another deploy's DDL holds
ACCESS EXCLUSIVE, which blocks even reading a table's size). A wait that times out rolls
back what the attempt did and the attempt is run again after a pause that doubles (1 s,
2 s, 4 s, ...); after the last retry the run gives up with `LockTimeout` (exit 7) naming
the sessions in the way. `plan` and `apply` share this one loop.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import psycopg

from schematool import db
from schematool.errors import LockTimeout, SchemaToolError
from schematool.grammar import lexer

T = TypeVar("T")


class LockWaitTimedOut(Exception):
    """One attempt's wait for a lock ended at lock_timeout; `what` says which wait, and
    `blockers` who held the lock (read while the attempt's session could still see it)."""

    def __init__(self, what: str, blockers: str) -> None:
        super().__init__(f"{what}; {blockers}")
        self.what, self.blockers = what, blockers


def _quiet(message: str) -> None:
    pass


@dataclass
class Retrier:
    """The retry budget of one run, shared by its phases (reading the target, planning,
    the statements): `retries` retries in all, then `LockTimeout`."""

    lock_timeout: str
    retries: int = 3
    backoff_seconds: float = 1.0
    notify: Callable[[str], None] = _quiet  # one line per retry (a `note:` on stderr)
    attempts: int = field(default=0, init=False)

    def run(
        self,
        attempt: Callable[[], T],
        target: db.Url,
        on_give_up: Callable[[str], None] | None = None,
        undone: str = "rolled back",
    ) -> T:
        """`attempt()` until it ends without a lock timeout; `on_give_up(message)` before
        giving up (apply records the failure; an online step raises its own error, which
        says what the apply leaves). `undone`: what each retried attempt's note says
        happened to it."""
        while True:
            try:
                return attempt()
            except LockWaitTimedOut as timeout:
                what = str(timeout)
            except psycopg.errors.LockNotAvailable:
                what = (
                    f"reading the target could not take a lock within"
                    f" lock_timeout={self.lock_timeout}; {read_blockers(target)}"
                )
            self.attempts += 1
            if self.attempts > self.retries:
                message = f"gave up after {self.attempts} attempt(s): {what}"
                if on_give_up is not None:
                    on_give_up(message)
                raise LockTimeout(message + "; nothing was changed") from None
            pause = self.backoff_seconds * 2 ** (self.attempts - 1)
            self.notify(
                f"attempt {self.attempts} of {self.retries + 1} {undone}: {what};"
                f" retrying in {pause:g}s"
            )
            time.sleep(pause)


_HOLDERS = """
SELECT a.pid, coalesce(a.state, ''), coalesce(a.usename, ''), coalesce(a.query, ''),
       bool_and(l.granted), string_agg(DISTINCT l.relation::regclass::text, ', ')
FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.pid <> pg_backend_pid() AND l.locktype = 'relation'
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
"""
_BY_SESSION = " GROUP BY a.pid, a.state, a.usename, a.query ORDER BY a.pid"


def statement_blockers(conn: psycopg.Connection, relations: list[str]) -> str:
    """Sessions holding locks on the relations a statement names, secrets masked. Runs
    on the attempt's own session (rolled back first), while the blocker still holds."""
    conn.rollback()
    rows = conn.execute(
        _HOLDERS + " AND l.granted"
        " AND l.relation = ANY (SELECT to_regclass(n) FROM unnest(%s::text[]) n)" + _BY_SESSION,
        (relations,),
    ).fetchall()
    conn.rollback()
    return _describe(rows, "")


def read_blockers(target: db.Url) -> str:
    """Sessions in the way of a read: ACCESS EXCLUSIVE is the only lock that blocks one,
    held, or queued ahead of it (a waiting DDL statement blocks every reader behind it)."""
    try:
        with db.connect(target, autocommit=True) as conn:
            query = _HOLDERS + " AND l.mode = 'AccessExclusiveLock'" + _BY_SESSION
            rows = conn.execute(query).fetchall()
    except (psycopg.Error, SchemaToolError) as error:
        return f"the blocking sessions could not be read ({str(error).splitlines()[0]})"
    return _describe(rows, "ACCESS EXCLUSIVE on ")


def _describe(rows: list[tuple[int, str, str, str, bool, str]], mode: str) -> str:
    if not rows:
        return "the blocking session had already gone"
    return "blocked by " + ", ".join(
        f"pid {pid} ({user}, {_state(state, granted, mode, relations)}):"
        f" {lexer.mask_literals(query)[:120]}"
        for pid, state, user, query, granted, relations in rows
    )


def _state(state: str, granted: bool, mode: str, relations: str) -> str:
    if not mode:
        return state
    if not granted:
        return f"waiting for {mode}{relations}"
    return f"{state}, holding {mode}{relations}"
