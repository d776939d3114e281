"""Stage 2b: the throwaway database that holds the desired schema.

Created on the target's own server (same major version, same roles) unless a scratch
server URL is given, and always dropped: on success, on errors, on Ctrl-C and on SIGTERM
(the CLI turns SIGTERM into KeyboardInterrupt). With `keep_scratch`, the loaded desired
schema is instead kept under a name derived from its fingerprint, so an unchanged
schema is not loaded again.

Every database schematool makes is recognisable by `schematool clean` from the moment it
exists: its name has a prefix of ours and a random or hashed tail (so one that an
interrupt left before its marker comment is still found), and it carries a marker
comment. All of it (creating, renaming, dropping, pruning) runs from one session per run
on the server's maintenance database (`postgres`), never from a session on the target,
which an admin or a test harness may drop or terminate at any time. That session also
holds an advisory lock on the name of each database the run uses (exclusive for its
scratch database, shared for a kept one), and pruning and `clean` drop only a database
whose lock they can take: no run's database is dropped between the run choosing it and
connecting to it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import string
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, replace

import psycopg
from psycopg import sql

from schematool import db
from schematool.errors import SchemaToolError, SchemaToolWarning, ScratchError

MARKER = "schematool scratch database: safe to drop (schematool clean)"
PREFIX = "schematool_scratch_"
KEPT_PREFIX = "schematool_kept_"
KEPT_MARKER = "schematool kept desired schema, safe to drop (schematool clean);"
KEEP = 3  # kept databases per project; the least recently used beyond are dropped
MAINTENANCE_DATABASE = "postgres"
_SCRATCH_TAIL = 12  # hex digits after PREFIX
_KEPT_TAIL = 32  # hex digits after KEPT_PREFIX


def is_ours(name: str) -> bool:
    """Whether a database name is one schematool makes (a prefix and a hex tail of the
    length it uses): recognised without its marker comment."""
    for prefix, length in ((PREFIX, _SCRATCH_TAIL), (KEPT_PREFIX, _KEPT_TAIL)):
        tail = name.removeprefix(prefix)
        if tail != name and len(tail) == length and all(c in string.hexdigits for c in tail):
            return True
    return False


def _lock_key(name: str) -> int:
    """The advisory lock key of a database name (taken on the maintenance database)."""
    digest = hashlib.sha256(b"schematool database " + name.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class Maintenance:
    """One session on the server's maintenance database: where a run creates, renames
    and drops its databases, and holds the advisory locks that keep them its own.
    Falls back to the given database when the maintenance one cannot be reached."""

    def __init__(self, server: db.Address, application_name: str = "schematool") -> None:
        self.server = server
        try:
            self.address = server.with_database(MAINTENANCE_DATABASE)
            self.conn = db.connect(self.address, autocommit=True, application_name=application_name)
        except SchemaToolError:
            self.address = server
            self.conn = db.connect(server, autocommit=True, application_name=application_name)

    def close(self) -> None:
        self.conn.close()  # ends the session: its advisory locks go with it

    @property
    def version(self) -> int:
        return self.conn.info.server_version

    def _lock(self, function: str, name: str) -> bool:
        row = self.conn.execute(
            sql.SQL("SELECT {}(%s)").format(sql.Identifier(function)), (_lock_key(name),)
        ).fetchone()
        return row[0] is not False  # the waiting functions return void (None)

    def lock(self, name: str) -> None:
        self._lock("pg_advisory_lock", name)

    def try_lock(self, name: str) -> bool:
        return self._lock("pg_try_advisory_lock", name)

    def lock_shared(self, name: str) -> None:
        self._lock("pg_advisory_lock_shared", name)

    def unlock(self, name: str) -> None:
        self._lock("pg_advisory_unlock", name)

    def unlock_shared(self, name: str) -> None:
        self._lock("pg_advisory_unlock_shared", name)

    def state(self, name: str) -> str | None:
        """'valid', 'invalid' (a DROP DATABASE that did not finish: PostgreSQL 15.4+ marks
        it with datconnlimit -2; nobody can connect to it), or None: no such database."""
        row = self.conn.execute(
            "SELECT datconnlimit = -2 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if row is None:
            return None
        return "invalid" if row[0] else "valid"

    def create(self, name: str) -> None:
        """CREATE DATABASE, then its marker. The name alone already marks it as ours."""
        ident = sql.Identifier(name)
        try:
            self.conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(ident))
        except psycopg.errors.InsufficientPrivilege:
            raise ScratchError(
                f"role {self.conn.info.user!r} may not create databases on {self.server}"
                " (no CREATEDB): give --scratch-url a server where schematool may create its"
                " throwaway database"
            ) from None
        except psycopg.errors.LockNotAvailable:
            raise
        except psycopg.Error as error:
            raise ScratchError(
                f"cannot create the scratch database: {error.diag.message_primary}"
            ) from None
        self.comment(name, MARKER)

    def refuse_standby(self) -> None:
        """A standby (in recovery) creates no database: said before trying, so that no
        drop of what was never created is tried either."""
        (recovering,) = self.conn.execute("SELECT pg_is_in_recovery()").fetchone()
        if recovering:
            raise ScratchError(
                f"{self.server} is a standby (read-only): the desired schema cannot be loaded"
                " there; give --scratch-url a writable server of the same PostgreSQL version"
                " (its primary will do)"
            )

    def comment(self, name: str, text: str) -> None:
        self.conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(text))
        )

    def rename(self, old: str, new: str) -> None:
        self.conn.execute(
            sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                sql.Identifier(old), sql.Identifier(new)
            )
        )

    def drop(self, name: str, *, force: bool) -> None:
        # WITH (FORCE) ends sessions a crashed run may have left (PostgreSQL 13+)
        query = "DROP DATABASE IF EXISTS {} WITH (FORCE)" if force else "DROP DATABASE IF EXISTS {}"
        self.conn.execute(sql.SQL(query).format(sql.Identifier(name)))


@contextmanager
def maintenance(server: db.Url, application_name: str = "schematool") -> Iterator[Maintenance]:
    session = Maintenance(db.address(server), application_name)
    try:
        yield session
    finally:
        session.close()


# -- throwaway scratch databases ---------------------------------------------------------


@contextmanager
def scratch_database(server_url: db.Url) -> Iterator[db.Address]:
    """Yield the address of a new empty database on server_url's server; drop it after."""
    with maintenance(server_url) as session:
        with _scratch(session) as name:
            yield session.server.with_database(name)


@contextmanager
def _scratch(session: Maintenance) -> Iterator[str]:
    session.refuse_standby()
    name = PREFIX + secrets.token_hex(_SCRATCH_TAIL // 2)
    session.lock(name)  # ours until the session ends: `clean` leaves it alone
    try:
        session.create(name)  # an interrupt meanwhile: the drop below still runs
        yield name
    finally:
        _drop_or_warn(session, name)


class ScratchLeftBehind(SchemaToolWarning):
    """A scratch database could not be dropped. Whatever the run did stands (an apply
    may have committed): the CLI prints this as a warning, `schematool clean` removes it."""


def _drop_or_warn(session: Maintenance, name: str) -> None:
    try:
        try:
            if session.conn.closed or session.conn.broken:
                raise psycopg.OperationalError("the session has ended")
            drop(session.conn, name)
        except psycopg.Error:
            # Ctrl-C's cancel request (psycopg sends one for the query it interrupts) may
            # reach the server after that query ended, and cancel this DROP instead; or
            # the session is gone: once more, on a session of its own
            with maintenance(session.server) as fresh:
                drop(fresh.conn, name)
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


def drop(conn: psycopg.Connection, name: str) -> None:
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


# -- kept desired schemas ------------------------------------------------------------------


@dataclass(frozen=True)
class Kept:
    """What a kept database's marker comment records."""

    project: str  # Settings.project_key of the run that made it ('' before they had one)
    made: str  # ISO time, sorts as time does
    note: str | None  # what `build` returned (the desired fingerprint)
    used: str = ""  # ISO time a run last read it ('' in markers older than the field)

    @property
    def last_use(self) -> str:
        return max(self.made, self.used)


@dataclass(frozen=True)
class Bound:
    """How many kept databases stay: per project, and on the whole server, across
    projects, by count and by total size (least recently used go first)."""

    per_project: int
    count: int
    size: int  # bytes


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def kept_comment(project: str, note: str, made: str | None = None, used: str | None = None) -> str:
    made = made or _now()
    return f"{KEPT_MARKER} project {project}; made {made}; used {used or made}; {note}"


def parse_kept(comment: str | None) -> Kept | None:
    """The fields of a kept database's marker (also the older `...; made T; note` and
    `... project P; made T; note`)."""
    if not comment or not comment.startswith(KEPT_MARKER):
        return None
    fields = [f.strip() for f in comment.removeprefix(KEPT_MARKER).split(";")]
    found: dict[str, str] = {}
    for key in ("project", "made", "used"):
        if fields and fields[0].startswith(key + " "):
            found[key] = fields.pop(0).removeprefix(key + " ")
    note = "; ".join(fields) or None
    return Kept(found.get("project", ""), found.get("made", ""), note, found.get("used", ""))


@contextmanager
def kept_database(
    server_url: db.Url, key: str, build: Callable[[db.Address], str], project: str, bound: Bound
) -> Iterator[tuple[db.Address, str | None]]:
    """The address of a database holding the desired schema that `key` identifies, kept
    between runs, and a note about it: built (in a scratch database, renamed once
    complete and marked, so a half-built one is never kept) only when the server has no
    valid such database. `build` loads it and returns the note, which is recorded with
    it and returned by later calls.

    The run holds a shared advisory lock on the name from before it looks for the
    database until it ends (and a session on it), so no pruning or `clean` drops it
    meanwhile. A database found valid is marked as used now (its marker's `used` time).
    A database found invalid (a DROP that did not finish) is replaced. After a build,
    kept databases beyond `bound` (and invalid ones) are dropped by a detached process
    once the block ends, as `git gc --auto` does: DROP DATABASE forces a checkpoint,
    which writes out the schema just loaded, and nobody should wait for it."""
    with ExitStack() as stack:
        session = stack.enter_context(maintenance(server_url))
        kept, note, built = _kept(session, key, build, project, stack)
        yield kept, note
    if built:
        _prune_in_background(session.server, project, bound)


def _kept(
    session: Maintenance,
    key: str,
    build: Callable[[db.Address], str],
    project: str,
    stack: ExitStack,
) -> tuple[db.Address, str | None, bool]:
    # the server's version too: deparsed text can differ between major versions
    digest = hashlib.sha256(f"{key}:{session.version}".encode()).hexdigest()
    name = KEPT_PREFIX + digest[:_KEPT_TAIL]
    url = session.server.with_database(name)
    session.lock_shared(name)
    if session.state(name) == "valid":
        comment = _hold(url, stack)
        if comment is not None:
            found = parse_kept(comment)
            if found is not None:
                _record_use(session, name, found)
            return url, found.note if found else None, False
    session.unlock_shared(name)  # gone, invalid, or dropped just now: build it
    building = stack.enter_context(_scratch(session))
    note = build(session.server.with_database(building))
    if _keep(session, building, name, kept_comment(project, note)):
        _hold(url, stack)
        return url, note, True
    # another run holds the name (it kept the same schema first, or is looking at it):
    # this run uses its own copy, dropped at the end
    return session.server.with_database(building), note, True


def _keep(session: Maintenance, building: str, name: str, comment: str) -> bool:
    """Rename the complete build to `name` under the name's exclusive lock (never
    waited for: its holders use the name); True when `name` is then this run's, shared."""
    if not session.try_lock(name):
        return False
    try:
        state = session.state(name)
        if state == "valid":
            return False  # kept by another run meanwhile; ours is dropped at the end
        if state == "invalid":
            session.drop(name, force=False)
        session.comment(building, comment)  # marked before it has the kept name
        session.rename(building, name)
        session.lock_shared(name)
        return True
    except psycopg.errors.ObjectInUse:
        return False
    finally:
        session.unlock(name)


def _record_use(session: Maintenance, name: str, found: Kept) -> None:
    """Mark the kept database as used now, in its marker comment: what the bound on
    kept databases evicts by. Its comment, not a table in it: a catalog row written from
    the session the run already has, in no transaction of the database itself. Best
    effort: a role that does not own the database may not comment on it, and then it
    looks as old as its last recorded use, and goes sooner; nothing is held up."""
    comment = kept_comment(found.project, found.note or "", found.made, _now())
    try:
        session.comment(name, comment)
    except psycopg.Error:
        pass


def _hold(url: db.Address, stack: ExitStack) -> str | None:
    """Open a session on the kept database for the rest of the run; return its comment
    ('' when none), or None when it cannot be connected to."""
    try:
        conn = stack.enter_context(db.connect(url, autocommit=True))
    except SchemaToolError:
        return None  # dropped by someone who took no lock, or invalid
    query = "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
    (comment,) = conn.execute(query + " WHERE datname = current_database()").fetchone()
    return comment or ""


_PRUNE_URL = "SCHEMATOOL_PRUNE_URL"  # in the environment: never on a command line
_PRUNE_PROJECT = "SCHEMATOOL_PRUNE_PROJECT"
_PRUNE_BOUND = "SCHEMATOOL_PRUNE_BOUND"
PRUNE_APPLICATION = "schematool-prune"


def _prune_in_background(server: db.Address, project: str, bound: Bound) -> subprocess.Popen:
    env = {
        **os.environ,
        _PRUNE_URL: server.reveal(),
        _PRUNE_PROJECT: project,
        _PRUNE_BOUND: json.dumps(asdict(bound)),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "schematool.desired.scratch"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # outlives this process, ignores its Ctrl-C
    )


@dataclass(frozen=True)
class _Database:
    name: str
    comment: str | None
    invalid: bool
    in_use: bool  # someone is connected to it
    size: int | None = None  # bytes; None: not measured (invalid, or no right to connect)

    @property
    def kept(self) -> Kept | None:
        """Its kept marker: a kept database (not a build that has its marker but not yet
        its name, nor an invalid one)."""
        if self.invalid or not self.name.startswith(KEPT_PREFIX):
            return None
        return parse_kept(self.comment)


def _ours(conn: psycopg.Connection) -> list[_Database]:
    rows = conn.execute(
        "SELECT d.datname, shobj_description(d.oid, 'pg_database'), d.datconnlimit = -2,"
        " EXISTS (SELECT FROM pg_stat_activity a WHERE a.datname = d.datname)"
        " FROM pg_database d ORDER BY d.datname"
    ).fetchall()
    found = [
        _Database(*row)
        for row in rows
        if is_ours(row[0]) or row[1] == MARKER or (row[1] or "").startswith(KEPT_MARKER)
    ]
    sizes = _sizes(conn, [d.name for d in found if not d.invalid])
    return [replace(d, size=sizes.get(d.name)) for d in found]


def _sizes(conn: psycopg.Connection, names: list[str]) -> dict[str, int]:
    """The sizes of the databases this role may connect to (pg_database_size needs it);
    {} when they cannot be read (one dropped meanwhile): the bound by size then waits
    for the next pruning."""
    try:
        rows = conn.execute(
            "SELECT datname, pg_database_size(oid) FROM pg_database WHERE datname = ANY(%s)"
            " AND datconnlimit <> -2 AND has_database_privilege(oid, 'CONNECT')",
            (names,),
        ).fetchall()
    except psycopg.Error:
        return {}
    return dict(rows)


def prune_kept(server_url: db.Url, project: str, bound: Bound) -> list[str]:
    """Drop the kept databases beyond `bound` (see `_beyond`), and invalid ones of any
    project. Best effort: one a run holds or is connected to stays (no FORCE here), and
    a failure must not fail a plan; the next build or `schematool clean` tries again."""
    dropped = []
    try:
        with maintenance(server_url, PRUNE_APPLICATION) as session:
            found = _ours(session.conn)
            for name in _beyond(found, project, bound) + [d.name for d in found if d.invalid]:
                if _drop_unless_held(session, name, force=False):
                    dropped.append(name)
    except (psycopg.Error, SchemaToolError):
        pass
    return dropped


def _beyond(found: list[_Database], project: str, bound: Bound) -> list[str]:
    """The kept databases beyond the bound, least recently used first: the project's
    beyond its `per_project` most recently used; then, across every project (each
    checkout, CI workspace or temporary folder is one), all but the most recently used
    that fit in `count` and `size` together."""
    recent = sorted(
        ((kept, d) for d in found if (kept := d.kept) is not None),
        key=lambda pair: pair[0].last_use,
        reverse=True,
    )
    mine = [d.name for kept, d in recent if kept.project == project]
    doomed = set(mine[bound.per_project :])
    total = 0
    for n, d in enumerate(d for _, d in recent if d.name not in doomed):
        total += d.size or 0
        if n >= bound.count or total > bound.size:
            doomed.add(d.name)
    return [d.name for _, d in reversed(recent) if d.name in doomed]


def _drop_unless_held(session: Maintenance, name: str, *, force: bool) -> bool:
    """Drop a database no run holds (its lock is free); False when one does, or when
    someone is connected to it."""
    if not session.try_lock(name):
        return False
    try:
        session.drop(name, force=force)
        return True
    except psycopg.errors.ObjectInUse:
        return False
    finally:
        session.unlock(name)


@dataclass(frozen=True)
class Leftover:
    """A database `clean` drops, or with --dry-run would drop."""

    name: str
    kind: str  # 'scratch' (of a run that ended), 'kept' or 'invalid' (a DROP cut short)
    project: str  # a kept one's project key ('' when it records none)
    size: int | None  # bytes, when measured
    last_use: str  # a kept one's last use (ISO time), '' for the others


def _leftover(d: _Database) -> Leftover:
    kept = d.kept
    if kept is None and d.name.startswith(KEPT_PREFIX) and not d.invalid:
        kept = Kept("", "", None)  # its marker is gone: of no recorded project
    if kept is not None:
        return Leftover(d.name, "kept", kept.project, d.size, kept.last_use)
    return Leftover(d.name, "invalid" if d.invalid else "scratch", "", d.size, "")


def _leftovers(conn: psycopg.Connection, project: str | None) -> list[Leftover]:
    """The databases of ours that no run holds or is connected to, that `clean` for
    `project` drops (None: every project's, `clean --all`): scratch and invalid ones of
    any project (a scratch database whose lock is free was left by a run that has
    ended, whichever project ran it), the project's kept ones, and kept ones that
    record no project (no project would ever claim them). `conn` is a session on the
    maintenance database, where the runs hold their locks."""
    held = {
        (classid << 32) | objid
        for classid, objid in conn.execute(
            "SELECT classid::bigint, objid::bigint FROM pg_locks WHERE locktype = 'advisory'"
            " AND objsubid = 1 AND granted AND database ="
            " (SELECT oid FROM pg_database WHERE datname = current_database())"
        ).fetchall()
    }
    free = [
        _leftover(d)
        for d in _ours(conn)
        if (d.invalid or not d.in_use) and _lock_key(d.name) & 0xFFFF_FFFF_FFFF_FFFF not in held
    ]
    return [d for d in free if project is None or d.kind != "kept" or d.project in ("", project)]


def leftovers(conn: psycopg.Connection, project: str | None = None) -> list[str]:
    """The names of the databases `clean` for `project` drops (None: every project's)."""
    return [d.name for d in _leftovers(conn, project)]


def clean(
    server_url: db.Url, project: str | None = None, *, dry_run: bool = False
) -> list[Leftover]:
    """Drop the leftover databases of ours on the server that `clean` for `project`
    drops (None: every project's kept ones too); return them. With dry_run, drop
    nothing: return what would be dropped."""
    with maintenance(server_url) as session:
        found = _leftovers(session.conn, project)
        if dry_run:
            return found
        return [d for d in found if _drop_unless_held(session, d.name, force=True)]


if __name__ == "__main__":  # the detached pruning process
    server = db.address(os.environ[_PRUNE_URL]).with_session(lock_timeout="5s")
    bound = Bound(**json.loads(os.environ[_PRUNE_BOUND]))
    prune_kept(server, os.environ.get(_PRUNE_PROJECT, ""), bound)
