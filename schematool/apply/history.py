"""The apply history: one row per apply in the tool's own schema, `schematool.history`
(one per phase of an online apply: `PHASES`).

A successful apply writes its row in the same transaction as its changes, so the row
exists exactly when the changes do (an online apply's core likewise; its online phases
write theirs when they end). A failed apply writes its row after the rollback.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import socket
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib import resources

import psycopg
from psycopg.types.json import Jsonb

from schematool import __version__
from schematool.errors import HistoryError


@dataclass(frozen=True)
class Entry:
    id: int
    started_at: dt.datetime
    applied_by: str
    client: str
    tool_version: str
    plan_hash: str
    statements: list[str]
    duration_ms: int
    outcome: str
    error: str | None
    renames: list[dict[str, str]]  # kind, from, to, because (file:line, or what it follows)
    phase: str | None  # None: recorded before schematool had phases
    rollout: str | None = None  # the fleet rollout it was part of


# transaction: an apply in one transaction; plan: an apply that gave up reading the target
# (no plan yet: no statements, no plan hash); the others: the phases of an online apply
PHASES = (
    "transaction",
    "plan",
    "online-before",
    "core",
    "online-after",
    "verify",
    "expand",
    "contract",
)

# the columns later versions added: a table an earlier version made lacks some
_ADDED_COLUMNS = ("renames", "phase", "rollout")

# The session setting naming the fleet rollout an apply belongs to: set on every
# connection of that target by the rollout (`fleet.rollout`), so that every row any
# part of the apply writes (its transaction, an online phase, a failure recorded on a
# connection of its own) carries it, without the id being passed through each of them.
ROLLOUT_SETTING = "schematool.rollout"


def ensure_table(conn: psycopg.Connection) -> None:
    """Create the history table if missing, or add what an earlier version's lacks
    (conn in autocommit; its own transaction; history.sql is idempotent)."""
    if is_current(conn):
        return
    with conn.transaction():
        conn.execute(resources.files("schematool.apply").joinpath("history.sql").read_text())


def is_current(conn: psycopg.Connection) -> bool:
    """Whether schematool.history exists with every column this version writes."""
    row = conn.execute(
        "SELECT count(*) = cardinality(%s::text[]) FROM pg_attribute WHERE attrelid ="
        " to_regclass('schematool.history') AND attname = ANY (%s) AND NOT attisdropped",
        (list(_ADDED_COLUMNS), list(_ADDED_COLUMNS)),
    ).fetchone()
    return bool(row and row[0])


def record_steps(conn: psycopg.Connection, ran: Sequence[tuple[str, str]]) -> None:
    """The custom steps (name, hash) an apply ran, in its transaction: they ran exactly
    when it commits. Their table is made by the first apply that runs one."""
    if not ran:
        return
    conn.execute(resources.files("schematool.apply").joinpath("custom_steps.sql").read_text())
    for name, digest in ran:
        conn.execute(
            "INSERT INTO schematool.custom_steps (name, hash) VALUES (%s, %s)", (name, digest)
        )


def record(
    conn: psycopg.Connection,
    *,
    started_at: dt.datetime,
    plan_hash: str,
    statements: list[str],
    duration_ms: int,
    outcome: str,
    error: str | None = None,
    renames: Sequence[dict[str, str]] = (),
    phase: str = "transaction",
) -> None:
    conn.execute(
        "INSERT INTO schematool.history (started_at, client, tool_version, plan_hash,"
        " statements, duration_ms, outcome, error, renames, phase, rollout)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
        " nullif(current_setting(%s, true), ''))",
        (
            started_at,
            _client(),
            __version__,
            plan_hash,
            Jsonb(statements),
            duration_ms,
            outcome,
            error,
            Jsonb(list(renames)),
            phase,
            ROLLOUT_SETTING,
        ),
    )


def _client() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


def entries(conn: psycopg.Connection, limit: int = 20) -> list[Entry]:
    try:
        exists = conn.execute("SELECT to_regclass('schematool.history') IS NOT NULL").fetchone()
        if not (exists and exists[0]):
            return []
        rows = conn.execute(
            "SELECT id, started_at, applied_by, client, tool_version, plan_hash, statements,"
            " duration_ms, outcome, error,"  # a table an earlier version made lacks some:
            " coalesce(to_jsonb(h) -> 'renames', '[]'), to_jsonb(h) ->> 'phase',"
            " to_jsonb(h) ->> 'rollout'"
            " FROM schematool.history h ORDER BY id DESC LIMIT %s",
            (limit,),
        ).fetchall()
    except psycopg.errors.InsufficientPrivilege as error:
        role = conn.info.user
        raise HistoryError(
            f"role {role!r} may not read schematool.history ({error.diag.message_primary}):"
            f" run history as a role that applies, or GRANT USAGE ON SCHEMA schematool and"
            f" SELECT ON schematool.history TO {role}"
        ) from None
    return [
        Entry(*row[:6], _as_list(row[6]), *row[7:10], _as_list(row[10]), row[11], row[12])
        for row in rows
    ]


def _as_list(value: object) -> list:
    return json.loads(value) if isinstance(value, str) else list(value)  # type: ignore[arg-type]


def to_json(entries: list[Entry]) -> dict[str, object]:
    """The history as documented in docs/history.schema.json."""
    return {
        "format": "schematool-history",
        "format_version": 2,
        "entries": [{**asdict(e), "started_at": e.started_at.isoformat()} for e in entries],
    }
