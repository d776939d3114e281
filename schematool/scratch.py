"""Stage 2b: the throwaway database that holds the desired schema.

Created on the target's own server (same major version, same roles) unless a scratch
server URL is given, marked with a comment so `schematool clean` can find leftovers, and
always dropped: on success, on errors, on Ctrl-C and on SIGTERM (the CLI turns SIGTERM
into KeyboardInterrupt). With `keep_scratch`, the loaded desired schema is instead kept
under a name derived from its fingerprint, so an unchanged schema is not loaded again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import psycopg
from psycopg import sql

from schematool import db
from schematool.errors import SchemaToolError, ScratchError

MARKER = "schematool scratch database: safe to drop (schematool clean)"
PREFIX = "schematool_scratch_"
KEPT_PREFIX = "schematool_kept_"
KEPT_MARKER = "schematool kept desired schema, safe to drop (schematool clean); made "
KEEP = 3  # kept databases per server; older ones are dropped


@contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    """Yield the URL of a new empty database on server_url's server; drop it afterwards."""
    name = PREFIX + secrets.token_hex(6)
    with db.connect(server_url, autocommit=True) as conn:
        _create(conn, name, server_url)
    try:
        yield db.with_database(db.normalize_url(server_url), name)
    finally:
        _drop_or_warn(server_url, name)


class ScratchLeftBehind(UserWarning):
    """A scratch database could not be dropped. Whatever the run did stands (an apply
    may have committed): the CLI prints this as a warning, `schematool clean` removes it."""


def _drop_or_warn(server_url: str, name: str) -> None:
    try:
        with db.connect(server_url, autocommit=True) as conn:
            drop(conn, name)
    except (psycopg.Error, SchemaToolError) as error:
        primary = error.diag.message_primary if isinstance(error, psycopg.Error) else None
        reason = primary or str(error).strip().splitlines()[0]
        warnings.warn(
            ScratchLeftBehind(
                f"the scratch database {name} was left behind ({reason});"
                " `schematool clean` removes it"
            ),
            stacklevel=3,
        )


def _create(conn: psycopg.Connection, name: str, server_url: str) -> None:
    ident = sql.Identifier(name)
    try:
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(ident))
    except psycopg.errors.InsufficientPrivilege:
        raise ScratchError(
            f"role {conn.info.user!r} may not create databases on {db.mask_url(server_url)} "
            "(no CREATEDB): give --scratch-url a server where schematool may create its "
            "throwaway database"
        ) from None
    except psycopg.Error as error:
        raise ScratchError(
            f"cannot create the scratch database: {error.diag.message_primary}"
        ) from None
    conn.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(ident, sql.Literal(MARKER)))


@contextmanager
def kept_database(
    server_url: str, key: str, build: Callable[[str], str]
) -> Iterator[tuple[str, str | None]]:
    """The URL of a database holding the desired schema that `key` identifies, kept
    between runs, and a note about it: built (in a scratch database renamed once
    complete, so a half-built one is never kept) only when the server has no such
    database yet. `build` loads it and returns the note, which is recorded with it and
    returned by later calls (None if it could not be recorded).

    A session stays open on it for the block, so no other run's pruning (which never
    forces) drops it meanwhile. After a build, the oldest beyond KEEP are dropped by a
    detached process once the block ends, as `git gc --auto` does: DROP DATABASE forces
    a checkpoint, which writes out the schema just loaded, and nobody should wait for it."""
    built: list[bool] = []
    with ExitStack() as stack:
        yield _kept(server_url, key, build, stack, built)
    if built:
        _prune_in_background(server_url)


def _kept(
    server_url: str, key: str, build: Callable[[str], str], stack: ExitStack, built: list[bool]
) -> tuple[str, str | None]:
    with db.connect(server_url, autocommit=True) as conn:
        # the server's version too: deparsed text can differ between major versions
        version = str(conn.info.server_version)
    name = KEPT_PREFIX + hashlib.sha256(f"{key}:{version}".encode()).hexdigest()[:32]
    url = db.with_database(db.normalize_url(server_url), name)
    held = _hold(url, stack)
    if held is not None:
        return url, _note(held)
    with scratch_database(server_url) as building:
        note = build(building)
        built.append(True)
        with db.connect(server_url, autocommit=True) as conn:
            try:
                conn.execute(
                    sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                        sql.Identifier(db.database_of(building)), sql.Identifier(name)
                    )
                )
            except psycopg.errors.DuplicateDatabase:
                pass  # another run kept the same schema first; ours is dropped
            else:
                made = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
                conn.execute(
                    sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                        sql.Identifier(name), sql.Literal(f"{KEPT_MARKER}{made}{_NOTE}{note}")
                    )
                )
    _hold(url, stack)
    return url, note


def _hold(url: str, stack: ExitStack) -> str | None:
    """Open a session on the kept database for the rest of the run; return its comment
    ('' when none), or None when there is no such database."""
    try:
        conn = stack.enter_context(db.connect(url, autocommit=True))
    except SchemaToolError:
        return None  # not built yet, or dropped just now
    query = "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
    (comment,) = conn.execute(query + " WHERE datname = current_database()").fetchone()
    return comment or ""


_NOTE = "; "


def _note(comment: str | None) -> str | None:
    """The note recorded after the marker and the time made (None: none recorded yet, as
    while the run that made the database is still recording it)."""
    if not comment or not comment.startswith(KEPT_MARKER):
        return None
    _made, found, note = comment.removeprefix(KEPT_MARKER).partition(_NOTE)
    return note if found else None


_PRUNE_URL = "SCHEMATOOL_PRUNE_URL"  # in the environment: never on a command line


def _prune_in_background(server_url: str) -> None:
    subprocess.Popen(
        [sys.executable, "-m", "schematool.scratch"],
        env={**os.environ, _PRUNE_URL: server_url},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # outlives this process, ignores its Ctrl-C
    )


def _prune_kept(server_url: str, keep: int) -> None:
    """Drop all but the `keep` newest kept databases. Best effort: one another run is
    connected to stays (no FORCE here), and a failure must not fail a plan; the next
    build or `schematool clean` tries again."""
    try:
        with db.connect(server_url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT datname FROM pg_database"
                " WHERE shobj_description(oid, 'pg_database') LIKE %s"
                " ORDER BY shobj_description(oid, 'pg_database') DESC",
                (KEPT_MARKER + "%",),
            ).fetchall()
            for (name,) in rows[keep:]:
                try:
                    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
                except psycopg.errors.ObjectInUse:
                    continue
    except (psycopg.Error, SchemaToolError):
        pass


def drop(conn: psycopg.Connection, name: str) -> None:
    # WITH (FORCE) ends sessions a crashed run may have left (PostgreSQL 13+).
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def leftovers(conn: psycopg.Connection) -> list[str]:
    """Abandoned scratch databases and kept desired schemas on this server, found by
    their marker comments."""
    rows = conn.execute(
        "SELECT datname FROM pg_database d"
        " WHERE (shobj_description(oid, 'pg_database') = %s"
        "        OR shobj_description(oid, 'pg_database') LIKE %s)"
        # a database someone is connected to belongs to a run in progress
        " AND NOT EXISTS (SELECT FROM pg_stat_activity a WHERE a.datname = d.datname)"
        " ORDER BY datname",
        (MARKER, KEPT_MARKER + "%"),
    ).fetchall()
    return [row[0] for row in rows]


def clean(server_url: str) -> list[str]:
    """Drop every scratch database on the server; return their names."""
    with db.connect(server_url, autocommit=True) as conn:
        names = leftovers(conn)
        for name in names:
            drop(conn, name)
    return names


if __name__ == "__main__":  # the detached pruning process
    _prune_kept(os.environ[_PRUNE_URL], KEEP)
