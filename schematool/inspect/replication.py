"""Reading a target's replication: whether it is a standby, which standbys replay it, how
far behind they are, and whether its commits wait for them.

An ACCESS EXCLUSIVE lock taken on a primary is written to the WAL and taken again by
every hot standby when it replays that record; replay then waits for the standby's own
readers of the table, up to `max_standby_streaming_delay`, and cancels them. Index
builds and validations write WAL the standbys must replay. `lock_timeout` on the primary
bounds none of this, so `plan` names the steps that take such a lock when standbys are
connected, and `apply --max-replica-lag` waits for the standbys before each transaction
(`schematool.apply.replicas`).

Lag is measured in bytes, from the primary's LSNs (`pg_wal_lsn_diff` of its current WAL
position and the standby's replay position): exact, also on an idle primary, where
timestamps mislead. Only physical standbys count: logical subscribers and a running
base backup's WAL stream do not replay locks.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import psycopg

from schematool.errors import SchemaToolError, SchemaToolWarning
from schematool.inspect.locks import LockWaitTimedOut
from schematool.project.config import LagLimit

# physical standbys (no logical slot, no base backup) and how far each is behind; on a
# standby itself (a cascading one), its own replay position stands for the current one
_STANDBYS = """
SELECT coalesce(r.application_name, ''), coalesce(host(r.client_addr), ''), r.state,
       coalesce(r.sync_state, ''),
       pg_wal_lsn_diff(
           CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
                ELSE pg_current_wal_lsn() END,
           r.replay_lsn)::bigint,
       extract(epoch FROM r.replay_lag)::float8
FROM pg_stat_replication r
WHERE r.state IS DISTINCT FROM 'backup'
  AND NOT EXISTS (SELECT FROM pg_replication_slots s
                  WHERE s.active_pid = r.pid AND s.slot_type = 'logical')
ORDER BY 1, 2, r.pid
"""


@dataclass(frozen=True)
class Standby:
    """A standby streaming from the target, as `pg_stat_replication` shows it. `state`
    is None when the role may not see the details (neither superuser nor pg_monitor)."""

    name: str  # application_name (primary_conninfo's, else the cluster_name or walreceiver)
    address: str  # client_addr; '' over a Unix socket
    state: str | None
    sync_state: str
    lag_bytes: int | None  # WAL not yet replayed; None: not known yet
    replay_lag: float | None  # seconds, the primary's measure; None: not measured

    @property
    def label(self) -> str:
        """'standby "replica_a" (10.0.0.7)' as messages name it."""
        where = self.address or "local socket"
        return f'standby "{self.name}" ({where})' if self.name else f"standby at {where}"

    @property
    def visible(self) -> bool:
        return self.state is not None


def standbys(conn: psycopg.Connection) -> list[Standby]:
    """The physical standbys connected to the target now. Read in a transaction (a
    savepoint in one) rolled back: the session is left as it was found (a planning
    session must be idle when migra's inspection is laid over it)."""
    with conn.transaction(force_rollback=True):
        rows = conn.execute(_STANDBYS).fetchall()
    return [Standby(*row) for row in rows]


def in_recovery(conn: psycopg.Connection) -> bool:
    """Whether the target is a standby (or a server still recovering): read-only."""
    with conn.transaction(force_rollback=True):
        row = conn.execute("SELECT pg_is_in_recovery()").fetchone()
    return bool(row and row[0])


def behind(standby: Standby, limit: LagLimit) -> str:
    """Why a standby is over the limit ('' when it is under it): its lag, in the limit's
    terms. A standby that has replayed everything is under any limit, whatever
    `replay_lag` still says."""
    lag = standby.lag_bytes
    if lag is not None and lag <= 0:
        return ""
    if limit.bytes is not None:
        if lag is None:
            return f"{standby.label} has not reported its replay position yet"
        if lag > limit.bytes:
            return f"{standby.label} has {human_bytes(lag)} of WAL to replay"
        return ""
    seconds = limit.seconds or 0.0
    if standby.replay_lag is None:
        shown = "" if lag is None else f" ({human_bytes(lag)} of WAL to replay)"
        return f"{standby.label} is behind{shown} and its replay lag is not measured yet"
    if standby.replay_lag > seconds:
        return f"{standby.label} is {standby.replay_lag:.1f}s behind in replay"
    return ""


class ReplicaLagging(LockWaitTimedOut):
    """A standby was over `--max-replica-lag` when apply looked: waited for, as a lock
    is, with the same retries (`inspect.locks.Retrier`), then given up with exit 7."""

    def __init__(self, what: str) -> None:
        super().__init__(what, "")

    def __str__(self) -> str:
        return self.what


class LagUnreadable(SchemaToolError):
    """The standbys' replay positions are hidden from the role: apply cannot wait for
    what it cannot see."""


def check_lag(conn: psycopg.Connection, limit: LagLimit, role: str) -> None:
    """Raise ReplicaLagging naming every standby over `limit` (none: return). A role that
    may not see the standbys' positions cannot wait for them: said, not guessed."""
    found = standbys(conn)
    hidden = [s for s in found if not s.visible]
    if hidden:
        raise LagUnreadable(
            f"role {role!r} may not read the standbys' replay positions in"
            " pg_stat_replication: grant it pg_monitor (or pg_read_all_stats), or leave out"
            " --max-replica-lag"
        )
    over = [reason for standby in found if (reason := behind(standby, limit))]
    if over:
        raise ReplicaLagging("; ".join(over) + f" (--max-replica-lag {limit})")


def commit_waits_for_replay(conn: psycopg.Connection, found: list[Standby]) -> str:
    """A warning when every COMMIT on this session waits for a synchronous standby to
    replay it (`synchronous_commit = remote_apply`): the apply's locks are then held on
    the primary until that standby has replayed them, which its own readers can delay up
    to max_standby_streaming_delay. '' otherwise."""
    with conn.transaction(force_rollback=True):
        row = conn.execute(
            "SELECT current_setting('synchronous_commit'),"
            " current_setting('synchronous_standby_names')"
        ).fetchone()
    mode, names = row if row else ("", "")
    synchronous = [s for s in found if s.sync_state in ("sync", "quorum")]
    if mode != "remote_apply" or not names.strip() or not synchronous:
        return ""
    which = ", ".join(s.label for s in synchronous)
    return (
        f"synchronous_commit = remote_apply with synchronous {which}: each COMMIT of the"
        " apply waits for them to replay it, holding its locks on the primary meanwhile"
        " (a standby's readers can delay replay up to max_standby_streaming_delay)"
    )


def warn_commit_waits(conn: psycopg.Connection, found: list[Standby]) -> None:
    """`commit_waits_for_replay` as a warning (the CLI prints `warning: ...`)."""
    message = commit_waits_for_replay(conn, found)
    if message:
        warnings.warn(SchemaToolWarning(message), stacklevel=2)


def human_bytes(count: int) -> str:
    value = float(count)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < 1024:
            return f"{count} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"
