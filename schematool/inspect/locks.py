"""Waiting for locks on a shared database: bounded, retried, and explained.

Every connection to the target (and the scratch server) runs under `lock_timeout`
(`Settings.session`), so no wait for a lock outlasts it, whether a statement of the plan
waits or a read of the catalog does (a `VACUUM FULL` or another deploy's DDL holds
ACCESS EXCLUSIVE, which blocks even reading a table's size). A wait that times out rolls
back what the attempt did and the attempt is run again after a pause that doubles (1 s,
2 s, 4 s, ...); after the last retry the run gives up with `LockTimeout` (exit 7) naming
the sessions in the way. `plan` and `apply` share this one loop.

It belongs to `inspect`, the stage that reads the live database: the blocker reports
read `pg_locks` and `pg_stat_activity`, name lock modes as `grammar.change` does and
mask a blocker's query with `grammar.lexer`, so it sits above grammar; `diff.renames`,
`plan` and `apply` use it from above.
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
from schematool.grammar.change import LOCK_MODES

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


# one row per relation lock of another session on this database: who holds it (a
# parallel worker by its leader), the lock, and the relation by name; NULL for one this
# session cannot see (made in the holder's open transaction, or gone since)
_HOLDERS = """
SELECT coalesce(a.leader_pid, a.pid), a.pid, coalesce(a.state, ''), coalesce(a.usename, ''),
       coalesce(a.query, ''), l.mode, l.granted, l.relation::bigint,
       CASE WHEN c.oid IS NOT NULL THEN l.relation::regclass::text END
FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
LEFT JOIN pg_class c ON c.oid = l.relation
WHERE l.pid <> pg_backend_pid() AND a.leader_pid IS DISTINCT FROM pg_backend_pid()
  AND l.locktype = 'relation'
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
"""
_ORDER = " ORDER BY 1, 2"

Row = tuple[int, int, str, str, str, str, bool, int, str | None]


def statement_blockers(conn: psycopg.Connection, relations: list[str]) -> str:
    """Sessions holding locks on the relations a statement locks (an index's table
    among them: `grammar.change.on_tables`), secrets masked. Runs on the attempt's own
    session (rolled back first), while the blocker still holds."""
    conn.rollback()
    rows = conn.execute(
        _HOLDERS + " AND l.granted"
        " AND l.relation = ANY (SELECT to_regclass(n) FROM unnest(%s::text[]) n)" + _ORDER,
        (relations,),
    ).fetchall()
    conn.rollback()
    return describe(rows)


def read_blockers(target: db.Url) -> str:
    """Sessions in the way of a read: ACCESS EXCLUSIVE is the only lock that blocks one,
    held, or queued ahead of it (a waiting DDL statement blocks every reader behind it)."""
    try:
        with db.connect(target, autocommit=True) as conn:
            query = _HOLDERS + " AND l.mode = 'AccessExclusiveLock'" + _ORDER
            rows = conn.execute(query).fetchall()
    except (psycopg.Error, SchemaToolError) as error:
        return f"the blocking sessions could not be read ({str(error).splitlines()[0]})"
    return describe(rows)


@dataclass
class _Holder:
    """One blocking session, its parallel workers folded in: their locks are the
    leader's statement's."""

    pid: int
    user: str = ""
    state: str = ""
    query: str = ""
    workers: set[int] = field(default_factory=set)
    locks: dict[tuple[bool, str], list[str]] = field(default_factory=dict)  # (granted, mode)

    def describe(self) -> str:
        locks = ", ".join(
            f"{'holding' if granted else 'waiting for'} {mode} on {', '.join(relations)}"
            for (granted, mode), relations in self.locks.items()
        )
        count = len(self.workers)
        workers = f" (+{count} parallel worker{'s' if count > 1 else ''})" if count else ""
        about = ", ".join(part for part in (self.user, self.state, locks) if part)
        # no trailing semicolon: the report goes on after it ("...; nothing was changed")
        query = lexer.mask_literals(self.query)[:120].rstrip("; ")
        return f"pid {self.pid}{workers} ({about}): {query}"


def describe(rows: list[Row]) -> str:
    """'blocked by pid 7 (app, idle in transaction, holding ACCESS SHARE on public.t):
    SELECT ... = '***'': each session once, a relation it cannot name by its oid once."""
    if not rows:
        return "the blocking session had already gone"
    holders: dict[int, _Holder] = {}
    for leader, pid, state, user, query, mode, granted, oid, name in rows:
        holder = holders.setdefault(leader, _Holder(leader))
        if pid != leader:
            holder.workers.add(pid)
        else:
            holder.user, holder.state, holder.query = user, state, query
        relation = name or f"relation {oid} (uncommitted, or gone)"
        named = holder.locks.setdefault((granted, _MODES.get(mode, mode)), [])
        if relation not in named:
            named.append(relation)
    return "blocked by " + ", ".join(holder.describe() for holder in holders.values())


# pg_locks' mode names (AccessShareLock) as the plan and PostgreSQL's documentation
# spell them (ACCESS SHARE)
_MODES = {"".join(mode.title().split()) + "Lock": mode for mode in LOCK_MODES}
