"""An apply that dies half way leaves the database exactly as it was, or exactly as
desired, never in between; running apply again converges.

A plan of 60 statements (columns, indexes on tables holding rows, new tables with keys)
runs in a real `schematool apply --yes` process, which is killed with SIGKILL at a
different point in each trial: while it plans, while it waits for another apply, at a
range of statements, during the verification before COMMIT, at COMMIT, after COMMIT,
and at fixed delays after it took the apply lock. Then the server ends the apply's
connection instead (pg_terminate_backend), at the same kinds of points. Each time the
target's catalog fingerprint is one of the two known ones, no row is lost, and a rerun
converges. Progress is observed in pg_stat_activity and pg_locks, never guessed from
sleeps.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schematool import db
from schematool.apply.runner import APPLY_LOCK_KEY
from schematool.desired import scratch
from schematool.errors import ExitCode
from schematool.inspect import catalog
from schematool.project.config import TOOL_SCHEMA
from tests import safety_procs as procs

# slow (kill -9 trials of apply): CI runs them (`pytest -m slow`), the default run does not
pytestmark = pytest.mark.slow

TABLES = 6
ROWS = 2_000
HAZARDS = ["--allow-hazards", "blocking-lock"]


def _before_sql() -> str:
    return "\n".join(
        f"CREATE TABLE t{i} (id bigint PRIMARY KEY, a int NOT NULL, b text NOT NULL, c int);"
        f" INSERT INTO t{i} SELECT g, g % 1000, md5(g::text), g FROM generate_series(1, {ROWS}) g;"
        for i in range(TABLES)
    )


def _desired_files() -> dict[str, str]:
    return {
        f"t{i}.sql": f"""
CREATE TABLE t{i} (id bigint PRIMARY KEY, a int NOT NULL, b text NOT NULL, c int, d int);
CREATE INDEX t{i}_a_idx ON t{i} (a);
CREATE INDEX t{i}_b_idx ON t{i} (b);
CREATE INDEX t{i}_c_idx ON t{i} (c);
CREATE TABLE n{i} (id bigint PRIMARY KEY, t_id bigint REFERENCES t{i}, note text);
CREATE INDEX n{i}_t_id_idx ON n{i} (t_id);
"""
        for i in range(TABLES)
    }


@dataclass
class World:
    server_url: str  # superuser, database postgres
    template: str  # database holding the "before" schema and rows
    root: Path  # the project: pyproject.toml and schema/
    statements: list[str]  # the plan, as apply runs it
    before: str  # catalog fingerprints
    desired: str
    logs: Path

    def env(self, url: str) -> dict[str, str]:
        return {**os.environ, "DATABASE_URL": url, "NO_COLOR": "1"}

    def copy(self) -> tuple[str, str]:
        """A fresh database holding the "before" state: (name, URL)."""
        name = "faults_" + secrets.token_hex(4)
        with db.connect(self.server_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(self.template)
                )
            )
        return name, db.with_database(self.server_url, name)

    def drop(self, name: str) -> None:
        with db.connect(self.server_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def start(self, url: str, *, saved: bool = True, entry_point: bool = False) -> procs.Cli:
        """`schematool apply --yes`: of the saved plan (as a deployment would), or planning
        itself; forked, or (entry_point) as `python -m schematool`."""
        # the plan is made once, on the template, and applied to each copy of it
        plan = ["--plan", str(self.root / "plan.json"), "--plan-for-any-database"] if saved else []
        launch = procs.python_m if entry_point else procs.start
        return launch(
            ["apply", "--yes", *HAZARDS, *plan], cwd=self.root, env=self.env(url), logs=self.logs
        )


def _fingerprint(url: str) -> str:
    with db.connect(url, autocommit=True, application_name="safety-test") as conn:
        return catalog.fingerprint(conn, (TOOL_SCHEMA,))


def _rows(url: str) -> int:
    with db.connect(url, autocommit=True, application_name="safety-test") as conn:
        union = " UNION ALL ".join(f"SELECT count(*) AS n FROM t{i}" for i in range(TABLES))
        (total,) = conn.execute(f"SELECT sum(n)::int FROM ({union}) c").fetchone()
    return total


def _outcomes(url: str) -> list[str]:
    with db.connect(url, autocommit=True, application_name="safety-test") as conn:
        rows = conn.execute("SELECT outcome FROM schematool.history ORDER BY id").fetchall()
    return [r[0] for r in rows]


@pytest.fixture(scope="module")
def world(pg, tmp_path_factory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("faults")
    # a deployment's apply: a scratch database per run, whose sessions the watch sees
    (root / "pyproject.toml").write_text(
        '[tool.schematool]\nschema = "schema"\nkeep_scratch = false\n'
    )
    (root / "schema").mkdir()
    for name, text in _desired_files().items():
        (root / "schema" / name).write_text(text)
    template = "faults_tpl_" + secrets.token_hex(4)
    with db.connect(pg.url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(template)))
    template_url = db.with_database(pg.url, template)
    with db.connect(template_url, autocommit=True) as conn:
        conn.execute(_before_sql())
        conn.execute("ANALYZE")
    world = World(pg.url, template, root, [], _fingerprint(template_url), "", root / "logs")
    try:
        name, url = world.copy()
        planned = procs.start(
            ["plan", "--out", str(root / "plan.json")],
            cwd=root,
            env=world.env(url),
            logs=world.logs,
        )
        assert planned.wait() == 0, planned.stderr
        world.statements = [s["sql"] for s in json.loads((root / "plan.json").read_text())["steps"]]
        assert len(world.statements) >= 40
        applied = world.start(url, saved=False)
        assert applied.wait() == 0, applied.stderr
        world.desired = _fingerprint(url)
        assert world.desired != world.before
        world.drop(name)
        yield world
    finally:
        world.drop(template)


# -- watching an apply from outside ------------------------------------------------------


class Watch:
    """What one apply on database `name` is doing, from pg_stat_activity and pg_locks."""

    def __init__(self, world: World, name: str, url: str, cli: procs.Cli) -> None:
        self.world, self.name, self.url, self.cli = world, name, url, cli
        self.conn = db.connect(world.server_url, autocommit=True, application_name="safety-test")
        (self.oid,) = self.conn.execute(
            "SELECT oid FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()  # advisory locks are per database
        self.index = {s.strip(): n for n, s in enumerate(world.statements, 1)}
        self.lock_key = procs.advisory_key(APPLY_LOCK_KEY)
        self.scratch_before = set(self._scratch_names())
        self.locked_at: float | None = None  # server clock when the lock was seen granted
        self.furthest = 0  # the furthest statement seen running
        self.seen = "starting"

    def close(self) -> None:
        self.conn.close()

    def _scratch_names(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", (scratch.PREFIX + "%",)
        ).fetchall()
        return [r[0] for r in rows]

    def look(self) -> None:
        """One round trip: the apply's sessions on the target, and whether one of them
        holds the apply lock (then its transaction has begun)."""
        rows = self.conn.execute(
            "SELECT coalesce(a.query, ''), a.xact_start IS NOT NULL, EXISTS (SELECT FROM pg_locks l"
            "  WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted"
            "  AND l.classid = %s AND l.objid = %s),"
            " extract(epoch FROM clock_timestamp())"
            " FROM pg_stat_activity a WHERE a.datname = %s AND a.application_name = 'schematool'",
            (*self.lock_key, self.name),
        ).fetchall()
        for query, in_xact, locked, now in rows:
            n = self.index.get(query.strip())
            if n:
                self.furthest = max(self.furthest, n)
                self.seen = f"statement {n}"
            elif query.startswith("INSERT INTO schematool.history") and in_xact:
                self.seen = "committing"
            if locked and self.locked_at is None:
                self.locked_at = now
                self.seen = "locked"

    def lock_waiting(self) -> bool:
        (waiting,) = self.conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            " AND database = %s AND classid = %s AND objid = %s",
            (self.oid, *procs.advisory_key(APPLY_LOCK_KEY)),
        ).fetchone()
        return waiting > 0

    def planning(self) -> bool:
        """The apply made its scratch database: it is loading the schema or diffing."""
        return bool(set(self._scratch_names()) - self.scratch_before)

    def verifying(self) -> bool:
        """After the statements: verification opens new sessions on the scratch database."""
        if self.locked_at is None:
            return False
        (count,) = self.conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname LIKE %s"
            " AND application_name = 'schematool'"
            " AND extract(epoch FROM backend_start) > %s",
            (scratch.PREFIX + "%", self.locked_at),
        ).fetchone()
        return count > 0

    def committed(self) -> bool:
        try:
            with db.connect(self.url, autocommit=True, application_name="safety-test") as conn:
                row = conn.execute(
                    "SELECT count(*) FROM schematool.history WHERE outcome = 'applied'"
                ).fetchone()
        except psycopg.Error:
            return False
        return bool(row and row[0])

    def until(self, condition, what: str) -> None:
        """Poll (and note progress) until `condition()` holds or the apply has exited."""

        def check() -> bool:
            self.look()
            return bool(condition()) or not self.cli.running()

        procs.wait_until(check, f"{what} in {self.name}", timeout=90)

    def target_backend(self) -> int | None:
        """The session running the apply's transaction: it holds the apply lock (apply's
        other sessions, e.g. the one dropping the scratch database, do not)."""
        row = self.conn.execute(
            "SELECT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND l.database = %s"
            " AND l.classid = %s AND l.objid = %s"
            " AND a.application_name = 'schematool' AND a.xact_start IS NOT NULL",
            (self.oid, *self.lock_key),
        ).fetchone()
        return row[0] if row else None


def _reach(watch: Watch, point: str, arg: int) -> None:
    """Wait until the apply reaches `point`."""
    if point == "planning":
        watch.until(watch.planning, "the scratch database")
    elif point == "locked":
        watch.until(lambda: watch.locked_at is not None, "the apply lock")
    elif point in ("statement", "entry-point"):
        watch.until(lambda: watch.furthest >= arg or watch.seen == "committing", f"statement {arg}")
    elif point == "verifying":
        watch.until(lambda: watch.verifying() or watch.seen == "committing", "verification")
        watch.seen = "verifying" if watch.seen != "committing" else watch.seen
    elif point == "committing":
        watch.until(lambda: watch.seen == "committing" or watch.committed(), "COMMIT")
    elif point == "committed":
        watch.until(watch.committed, "the committed history row")
        watch.seen = "committed"
    elif point == "delay":
        watch.until(lambda: watch.locked_at is not None, "the apply lock")
        deadline = time.monotonic() + arg / 1000  # the kill point under test, not a sync
        while time.monotonic() < deadline and watch.cli.running():
            watch.look()
            time.sleep(0.005)
    else:
        raise AssertionError(point)


def _converges(world: World, name: str, url: str, expected: str | None = None) -> None:
    """The state is before or desired (`expected`, when the kill point decides it) with
    every row; a rerun reaches desired."""
    procs.wait_for_no_backends(world.server_url, name)
    state = _fingerprint(url)
    assert state in (world.before, world.desired), "the target was left half-changed"
    if expected is not None:
        assert state == getattr(world, expected), f"expected the {expected} state"
    assert _rows(url) == TABLES * ROWS
    rerun = world.start(url)
    assert rerun.wait() == 0, rerun.stderr
    assert _fingerprint(url) == world.desired
    assert _rows(url) == TABLES * ROWS
    assert _outcomes(url).count("applied") == 1  # one apply changed it, once


def _leftovers_cleaned(world: World) -> None:
    """A killed apply cannot drop its scratch database; `schematool clean` does, once
    the killed run's session on the maintenance database (where its lock lives) has
    ended: while it lingers, the scratch database is still held, and `clean` leaves it."""
    procs.wait_for_no_backends(world.server_url, scratch.MAINTENANCE_DATABASE)
    scratch.clean(world.server_url)
    with db.connect(world.server_url, autocommit=True) as conn:
        assert scratch.leftovers(conn) == []


KILL_POINTS = [
    ("planning", 0),  # loading the scratch database, diffing: before the transaction
    ("waiting", 0),  # queued behind another apply's lock
    ("locked", 0),  # the transaction has begun
    *[("statement", n) for n in (1, 6, 12, 18, 24, 30, 36, 42, 48, 54, 60)],
    ("verifying", 0),  # comparing with the scratch database, before COMMIT
    *[("delay", ms) for ms in (40, 200, 500)],  # fixed times after the lock
    ("committing", 0),  # the history row is being written; COMMIT is next
    ("committed", 0),  # the history row is visible: committed
    ("entry-point", 30),  # statement 30 again, `python -m schematool` itself
]


DECIDED = {"planning": "before", "waiting": "before", "committed": "desired"}


@pytest.mark.parametrize(("point", "arg"), KILL_POINTS, ids=[f"{p}-{a}" for p, a in KILL_POINTS])
def test_sigkill_at_any_point_leaves_before_or_desired_and_a_rerun_converges(world, point, arg):
    name, url = world.copy()
    holder = None
    try:
        if point == "waiting":  # another apply holds the lock
            holder = db.connect(url, autocommit=True, application_name="safety-test")
            holder.execute("SELECT pg_advisory_lock(%s)", (APPLY_LOCK_KEY,))
        cli = world.start(url, saved=point != "planning", entry_point=point == "entry-point")
        watch = Watch(world, name, url, cli)
        try:
            if point == "waiting":
                watch.until(watch.lock_waiting, "the apply to wait for the lock")
                watch.seen = "waiting for the apply lock"
            else:
                _reach(watch, point, arg)
            cli.kill()
            code = cli.wait()
        finally:
            watch.close()
        if holder is not None:
            holder.close()
            holder = None
        # killed (-9), or it had already finished: then it succeeded
        assert code in (-9, 0), cli.stderr
        _converges(world, name, url, DECIDED.get(point))
        _leftovers_cleaned(world)
    finally:
        if holder is not None:
            holder.close()
        world.drop(name)


TERMINATE_POINTS = [
    ("statement", 3),
    ("statement", 30),
    ("statement", 58),
    ("verifying", 0),
    ("committing", 0),
]


@pytest.mark.parametrize(
    ("point", "arg"), TERMINATE_POINTS, ids=[f"{p}-{a}" for p, a in TERMINATE_POINTS]
)
def test_server_ending_the_connection_rolls_back_cleanly_and_a_rerun_converges(world, point, arg):
    name, url = world.copy()
    try:
        cli = world.start(url)
        watch = Watch(world, name, url, cli)
        try:
            _reach(watch, point, arg)
            pid = watch.target_backend()
            if pid is not None:
                watch.conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
            code = cli.wait()
        finally:
            watch.close()
        out, err = cli.stdout, cli.stderr
        assert "Traceback" not in out + err
        if code != 0:  # it had not finished: a clean error, recorded, nothing changed
            assert code == ExitCode.ERROR, err
            lines = err.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("error: lost the connection"), err
            if "unknown" not in err:  # during COMMIT the outcome cannot be known
                assert "nothing was changed" in err
                assert _fingerprint(url) == world.before
                assert _outcomes(url) == ["failed"]
        _converges(world, name, url)
    finally:
        world.drop(name)


# -- an interrupt during COMMIT -------------------------------------------------------------


class _SignalledDuringCommit:
    """A connection whose COMMIT is accompanied by a SIGTERM to this very process."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def commit(self) -> None:
        # Directed at the main thread, which runs the apply: a process-directed signal may
        # be taken by another thread of the test runner (pytest-xdist's), which the CLI,
        # single-threaded, does not have.
        signal.pthread_kill(threading.main_thread().ident, signal.SIGTERM)
        self.conn.commit()


def test_sigterm_during_commit_waits_for_it_and_is_reported_as_completed(new_db):
    from schematool.apply.runner import _commit

    url = new_db()
    previous = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)  # as the CLI does
    try:
        with db.connect(url) as conn:
            conn.execute("CREATE TABLE made_in_the_transaction (id int)")
            interrupted = _commit(_SignalledDuringCommit(conn), url)  # type: ignore[arg-type]
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert interrupted  # the signal was held until COMMIT returned, then taken
    with db.connect(url) as conn:
        assert conn.execute("SELECT to_regclass('made_in_the_transaction')").fetchone()[0]


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
