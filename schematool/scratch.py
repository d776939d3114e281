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
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

from schematool import db
from schematool.errors import ScratchError

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
        with db.connect(server_url, autocommit=True) as conn:
            drop(conn, name)


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


def kept_database(server_url: str, key: str, build: Callable[[str], None]) -> str:
    """The URL of a database holding the desired schema that `key` identifies, kept
    between runs: built (in a scratch database renamed once complete, so a half-built one
    is never kept) only when the server has no such database yet."""
    with db.connect(server_url, autocommit=True) as conn:
        # the server's version too: deparsed text can differ between major versions
        version = str(conn.info.server_version)
        name = KEPT_PREFIX + hashlib.sha256(f"{key}:{version}".encode()).hexdigest()[:32]
        url = db.with_database(db.normalize_url(server_url), name)
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return url
    with scratch_database(server_url) as building:
        build(building)
        with db.connect(server_url, autocommit=True) as conn:
            try:
                conn.execute(
                    sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                        sql.Identifier(db.database_of(building)), sql.Identifier(name)
                    )
                )
            except psycopg.errors.DuplicateDatabase:
                return url  # another run kept the same schema first; ours is dropped
            made = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
            conn.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                    sql.Identifier(name), sql.Literal(KEPT_MARKER + made)
                )
            )
            _prune_kept(conn)
    return url


def _prune_kept(conn: psycopg.Connection) -> None:
    rows = conn.execute(
        "SELECT datname FROM pg_database d WHERE shobj_description(oid, 'pg_database') LIKE %s"
        " AND NOT EXISTS (SELECT FROM pg_stat_activity a WHERE a.datname = d.datname)"
        " ORDER BY shobj_description(oid, 'pg_database') DESC",
        (KEPT_MARKER + "%",),
    ).fetchall()
    for (name,) in rows[KEEP:]:
        drop(conn, name)


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
