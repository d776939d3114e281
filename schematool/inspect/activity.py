"""What a running statement is doing, read from another session: the phase and counts of
an index build (`pg_stat_progress_create_index`) and the sessions it waits for
(`pg_blocking_pids`, described from `pg_stat_activity`). Read by apply's progress
display (`apply.progress`) while a step runs; cheap, and no lock on any table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import psycopg


@dataclass(frozen=True)
class Blocker:
    """A session the statement waits for."""

    pid: int
    application: str
    state: str  # pg_stat_activity.state: 'idle in transaction', 'active', ...
    query_start: dt.datetime | None


@dataclass(frozen=True)
class Activity:
    """One reading. `phase` is None when no index is being built; the counts are 0
    where the phase has none."""

    phase: str | None = None
    blocks_done: int = 0
    blocks_total: int = 0
    tuples_done: int = 0
    tuples_total: int = 0
    blockers: tuple[Blocker, ...] = ()


def read(conn: psycopg.Connection, pid: int) -> Activity:
    """The activity of backend `pid`, read on `conn` (another session)."""
    row = conn.execute(
        "SELECT phase, blocks_done, blocks_total, tuples_done, tuples_total"
        " FROM pg_stat_progress_create_index WHERE pid = %s",
        (pid,),
    ).fetchone()
    blockers = conn.execute(
        "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.state, ''), a.query_start"
        " FROM unnest(pg_blocking_pids(%s)) AS b(pid)"
        " LEFT JOIN pg_stat_activity a ON a.pid = b.pid ORDER BY b.pid",
        (pid,),
    ).fetchall()
    found = tuple(Blocker(*blocker) for blocker in blockers)
    if row is None:
        return Activity(blockers=found)
    phase, blocks_done, blocks_total, tuples_done, tuples_total = row
    return Activity(
        phase, blocks_done or 0, blocks_total or 0, tuples_done or 0, tuples_total or 0, found
    )
