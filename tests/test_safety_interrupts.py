"""Ctrl-C at any point of `plan`: exit 130 with one line (or, once the plan is out, a
normal end), never a traceback, and no scratch database that `clean` cannot find.

Real processes get SIGINT at points observed on the server (CREATE DATABASE running, the
scratch database existing, the schema loading, the target being read), at fixed delays,
and once the plan is printed (where the threads a plan starts meet the interpreter's
exit). After each, every scratch database is gone; a kept desired schema, when one was
made, is complete and marked.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from schematool import db
from schematool.desired import scratch
from schematool.project.server import LocalServer, embedded_bindir
from tests import safety_procs as procs
from tests.conftest import server_home

TABLES = 40
KEPT = "schematool kept desired schema"  # how a kept database's marker begins


def _schema() -> str:
    return "\n".join(
        f"CREATE TABLE t{i} (id bigint PRIMARY KEY, a int NOT NULL, b text, c int);"
        f" CREATE INDEX t{i}_a_idx ON t{i} (a);"
        f" COMMENT ON TABLE t{i} IS 'table {i}';"
        for i in range(TABLES)
    )


@dataclass
class Server:
    url: str
    target: str  # an empty database: its plan creates everything
    in_sync: str  # a database already holding the schema: its plan is empty
    root: Path

    def env(self, target: str | None = None) -> dict[str, str]:
        return {**os.environ, "DATABASE_URL": target or self.target, "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    """A server of its own: what is left on it afterwards is this module's doing only
    (its data not under pytest's basetemp, which another pytest run may delete)."""
    home = server_home("schematool-test-interrupts-")
    local = LocalServer(root=home / "pg", bindir=embedded_bindir(), fast=True)
    url = local.start()
    root = tmp_path_factory.mktemp("interrupts")
    (root / "schema").mkdir(parents=True)
    (root / "schema" / "tables.sql").write_text(_schema())
    with db.connect(url, autocommit=True) as conn:
        conn.execute("CREATE DATABASE target")
        conn.execute("CREATE DATABASE in_sync")
    with db.connect(db.with_database(url, "in_sync"), autocommit=True) as conn:
        conn.execute(_schema())
    try:
        yield Server(url, db.with_database(url, "target"), db.with_database(url, "in_sync"), root)
    finally:
        local.stop()
        shutil.rmtree(home, ignore_errors=True)


def _ours(conn: psycopg.Connection, prefix: str) -> list[tuple[str, str | None, bool]]:
    rows = conn.execute(
        "SELECT datname, shobj_description(oid, 'pg_database'), datconnlimit = -2"
        " FROM pg_database WHERE starts_with(datname, %s)",
        (prefix,),
    ).fetchall()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def _activity(conn: psycopg.Connection, like: str, database: str | None = None) -> bool:
    (found,) = conn.execute(
        "SELECT count(*) > 0 FROM pg_stat_activity WHERE application_name = 'schematool'"
        " AND state = 'active' AND query ILIKE %s AND datname = coalesce(%s, datname)",
        (like, database),
    ).fetchone()
    return found


# how to know the moment has come: (name, condition on the watching session and the CLI)
Moment = Callable[[psycopg.Connection, procs.Cli], bool]


def _after(seconds: float) -> Moment:
    deadline: list[float] = []

    def due(conn: psycopg.Connection, cli: procs.Cli) -> bool:
        if not deadline:
            deadline.append(time.monotonic() + seconds)
        return time.monotonic() >= deadline[0]

    return due


MOMENTS: dict[str, Moment] = {
    "create-database-running": lambda c, _: _activity(c, "CREATE DATABASE%"),
    "scratch-database-exists": lambda c, _: bool(_ours(c, scratch.PREFIX)),
    "schema-loading": lambda c, _: _activity(c, "%CREATE TABLE t%"),
    "target-being-read": lambda c, _: _activity(c, "%from pg_%", "target"),
    "plan-printed": lambda _, cli: "create table" in cli.stdout.lower(),
    **{f"after-{ms}ms": _after(ms / 1000) for ms in (0, 150, 400, 800, 1500, 2500)},
}


def _in_schematool(pid: int) -> bool:
    """Whether the process runs schematool's command line yet: it catches SIGTERM then
    (before, an interrupt meets the test harness or the interpreter's start-up)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True  # ended already
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) >> (signal.SIGTERM - 1) & 1)


def _run_and_interrupt(
    server: Server, moment: Moment, keep: bool, logs: Path, entry_point: bool = False
) -> procs.Cli:
    (server.root / "pyproject.toml").write_text(
        f'[tool.schematool]\nschema = "schema"\nkeep_scratch = {str(keep).lower()}\n'
    )
    launch = procs.python_m if entry_point else procs.start
    with db.connect(server.url, autocommit=True, application_name="safety-test") as watch:
        cli = launch(["plan"], cwd=server.root, env=server.env(), logs=logs)
        try:
            procs.wait_until(lambda: _in_schematool(cli.pid), "schematool to start", 60)
            procs.wait_until(lambda: moment(watch, cli) or not cli.running(), "the moment", 120)
        finally:
            cli.kill(signal.SIGINT)
    return cli


ENTRY_POINT = ["after-0ms", "after-400ms", "plan-printed"]  # `python -m schematool` too


@pytest.mark.parametrize("keep", [False, True], ids=["throwaway", "kept"])
@pytest.mark.parametrize(
    ("moment", "entry_point"),
    [(m, False) for m in MOMENTS] + [(m, True) for m in ENTRY_POINT],
    ids=[*MOMENTS, *(f"{m}-python-m" for m in ENTRY_POINT)],
)
def test_an_interrupted_plan_says_one_line_and_leaves_nothing_clean_cannot_find(
    server, tmp_path, moment, entry_point, keep
):
    if keep:  # a schema no run kept yet: this run builds it, and is interrupted doing so
        (server.root / "schema" / "unique.sql").write_text(
            f"CREATE TABLE u_{os.urandom(4).hex()} (id int);\n"
        )
    with db.connect(server.url, autocommit=True, application_name="safety-test") as conn:
        earlier = set(_ours(conn, scratch.PREFIX))  # a failed case's leftovers are its own
    cli = _run_and_interrupt(server, MOMENTS[moment], keep, tmp_path / "logs", entry_point)
    code = cli.wait()
    err = cli.stderr
    assert "Traceback" not in err and "Exception ignored" not in err, err
    if code == 130:
        assert err.strip().splitlines()[-1:] == ["error: interrupted; nothing was changed"], err
        assert len([line for line in err.splitlines() if line.startswith("error:")]) == 1
    else:
        assert code == 0, err  # the plan was complete when the interrupt came
        assert "create table" in cli.stdout.lower()
    with db.connect(server.url, autocommit=True, application_name="safety-test") as conn:
        # the run dropped its scratch database, whenever the interrupt came
        assert set(_ours(conn, scratch.PREFIX)) - earlier == set()
        for name, comment, invalid in _ours(conn, scratch.KEPT_PREFIX):
            assert not invalid and (comment or "").startswith(KEPT), (name, comment)
        left = set(scratch.leftovers(conn)) - {name for name, _, _ in earlier}
        assert left <= {name for name, _, _ in _ours(conn, scratch.KEPT_PREFIX)}


@pytest.mark.parametrize("entry_point", [False, True], ids=["forked", "python-m"])
def test_an_interrupt_once_an_empty_plan_is_printed_meets_no_thread(server, tmp_path, entry_point):
    """A plan that finds nothing to do prints at once, while the thread importing migra
    for the diff (started when the schema began to load) may still run: an interrupt
    then must not meet it in the interpreter's exit (a threading traceback, exit 0)."""
    (server.root / "schema" / "unique.sql").unlink(missing_ok=True)
    (server.root / "pyproject.toml").write_text(
        '[tool.schematool]\nschema = "schema"\nkeep_scratch = false\n'
    )
    launch = procs.python_m if entry_point else procs.start
    cli = launch(["plan"], cwd=server.root, env=server.env(server.in_sync), logs=tmp_path / "l")
    try:
        procs.wait_until(lambda: "no changes" in cli.stdout or not cli.running(), "the plan")
    finally:
        cli.kill(signal.SIGINT)
    code = cli.wait()
    assert "Traceback" not in cli.stderr and "Exception ignored" not in cli.stderr, cli.stderr
    assert code in (0, 130), cli.stderr
    if code == 130:
        assert cli.stderr.strip().splitlines()[-1] == "error: interrupted; nothing was changed"
    assert "no changes" in cli.stdout


def test_an_interrupt_between_create_database_and_its_marker_drops_the_database(server, tmp_path):
    """The marker comment waits behind a lock held on pg_shdescription: Ctrl-C then finds
    a database without its marker, which the run must drop all the same."""
    (server.root / "pyproject.toml").write_text(
        '[tool.schematool]\nschema = "schema"\nkeep_scratch = false\n'
    )
    with db.connect(server.url, autocommit=True, application_name="safety-test") as conn:
        earlier = set(_ours(conn, scratch.PREFIX))
    with db.connect(server.url, application_name="safety-test") as holder:
        holder.execute("LOCK TABLE pg_catalog.pg_shdescription IN SHARE MODE")
        cli = procs.start(["plan"], cwd=server.root, env=server.env(), logs=tmp_path / "logs")
        with db.connect(server.url, autocommit=True, application_name="safety-test") as watch:
            try:
                procs.wait_until(
                    lambda: _waiting(watch, "COMMENT ON DATABASE%") or not cli.running(),
                    "the marker comment to wait",
                )
                assert set(_ours(watch, scratch.PREFIX)) - earlier, "it exists, unmarked"
            finally:
                cli.kill(signal.SIGINT)
        holder.rollback()  # lets the comment, or the drop, go on
    assert cli.wait() == 130, cli.stderr
    assert cli.stderr.strip() == "error: interrupted; nothing was changed"
    with db.connect(server.url, autocommit=True, application_name="safety-test") as conn:
        assert set(_ours(conn, scratch.PREFIX)) - earlier == set()


def _waiting(conn: psycopg.Connection, like: str) -> bool:
    (found,) = conn.execute(
        "SELECT count(*) > 0 FROM pg_stat_activity WHERE application_name = 'schematool'"
        " AND wait_event_type = 'Lock' AND query ILIKE %s",
        (like,),
    ).fetchone()
    return found


def test_a_scratch_database_without_its_marker_is_found_by_clean(pg):
    """The name alone marks a database as ours: one that an interrupt left between
    CREATE DATABASE and its COMMENT is found and dropped."""
    name = scratch.PREFIX + os.urandom(6).hex()
    with db.connect(pg.url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        assert name in scratch.leftovers(conn)
    assert name in [d.name for d in scratch.clean(pg.url)]
    with db.connect(pg.url, autocommit=True) as conn:
        assert _ours(conn, name) == []
