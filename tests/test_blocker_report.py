"""Who is in the way when a lock times out: the blocker report (exit 7).

Real sessions against a real server hold the locks; the report names each blocking
session once (its parallel workers folded into their leader), the relations it holds
by name, and its last query with no string literal and no comment in it.
"""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

from schematool import db
from schematool.errors import ExitCode
from schematool.inspect import locks
from tests.helpers import make_project, run

TEMPLATES = {
    "t.sql": """
        CREATE TABLE t (id int PRIMARY KEY, name text);
        CREATE INDEX t_name_idx ON t (name);
    """
}


@pytest.fixture
def target(new_db) -> str:
    url = new_db()
    with db.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (id int PRIMARY KEY, name text)")
        conn.execute("INSERT INTO t SELECT g, 'n' || g FROM generate_series(1, 200) g")
    return url


def _holding(url: str, *queries: str) -> psycopg.Connection:
    """A session that ran `queries` in a transaction it keeps open."""
    session = db.connect(url, application_name="reporting")  # not autocommit: stays open
    for query in queries:
        session.execute(query)
    return session


def test_the_report_leaves_out_comments_and_literals_in_every_form(target):
    query = (
        "SELECT /* secret 'hunter2' /* nested 'n1' */ still 'n2' */ count(*), $tag$s3$tag$,"
        " E'e\\'4' FROM t -- the password 'pw5'\n WHERE name <> 'x6';"
    )
    with _holding(target, query) as session, db.connect(target) as conn:
        report = locks.statement_blockers(conn, ["public.t"])
        pid = session.info.backend_pid
    assert report.startswith(f"blocked by pid {pid} (")
    for secret in ("hunter2", "n1", "n2", "s3", "e\\'4", "pw5", "x6", "/*", "--"):
        assert secret not in report, report
    assert report.endswith("SELECT count(*), '***', '***' FROM t WHERE name <> '***'"), report


def test_a_query_ending_in_a_semicolon_is_not_doubled_in_the_message(target):
    with _holding(target, "SELECT count(*) FROM t;"), db.connect(target) as conn:
        report = locks.statement_blockers(conn, ["public.t"])
    assert report.endswith("SELECT count(*) FROM t"), report
    assert f"{report}; nothing was changed".count(";;") == 0


def test_a_relation_the_report_cannot_see_is_named_as_such_never_as_a_bare_oid(target):
    """A table another session created in its open transaction has no name this session
    can read: the report says what it is, once."""
    with _holding(target, "CREATE TABLE made_here (id int)", "LOCK TABLE t") as session:
        (oid,) = session.execute("SELECT 'made_here'::regclass::oid::bigint").fetchone()
        report = locks.read_blockers(db.address(target))
    assert "holding ACCESS EXCLUSIVE on" in report and "t" in report
    assert report.count(f"relation {oid} (uncommitted, or gone)") == 1, report
    assert f"on {oid}," not in report and f", {oid}," not in report


def test_parallel_workers_are_listed_under_their_leader(target, pg):
    """A parallel query holds its locks in its leader and its workers: one blocker."""
    setting = "debug_parallel_query" if pg.version >= 16 else "force_parallel_mode"
    leader = db.connect(target, autocommit=True, application_name="parallel-report")
    pid = leader.info.backend_pid
    leader.execute(f"SET {setting} = on")
    leader.execute("SET parallel_setup_cost = 0")

    def query() -> None:
        try:  # up to 10 s; cancelled once the report is read
            leader.execute("SELECT count(*) FROM t WHERE pg_sleep(0.05) IS NOT NULL")
        except psycopg.errors.QueryCanceled:
            pass

    running = threading.Thread(target=query, daemon=True)
    running.start()
    try:
        with db.connect(target, autocommit=True) as conn:
            rows: list = []
            deadline = time.monotonic() + 10  # a loaded machine starts workers late
            while not rows and time.monotonic() < deadline:  # until the workers hold locks
                rows = conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE leader_pid = %s",
                    (pid,),
                ).fetchall()
                if not rows:
                    threading.Event().wait(0.01)
            assert rows, "the query ran no parallel worker"
            report = locks.statement_blockers(conn, ["public.t"])
            conn.execute("SELECT pg_cancel_backend(%s)", (pid,))
    finally:
        running.join()
        leader.close()
    assert report.startswith(f"blocked by pid {pid} (+"), report
    assert "parallel worker" in report and report.count("pid ") == 1, report


# -- a lock taken through an index --------------------------------------------------------


def test_a_dropped_index_is_blocked_by_a_reader_of_its_table_and_the_report_names_both(
    tmp_path, monkeypatch, new_db
):
    """DROP INDEX takes ACCESS EXCLUSIVE on its table: a session that only read the
    table holds it up, and the report names that session and the table."""
    url = new_db()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    make_project(tmp_path, TEMPLATES)
    run("render")
    assert run("apply", "--yes").exit_code == 0
    (tmp_path / "templates/t.sql").write_text("CREATE TABLE t (id int PRIMARY KEY, name text);\n")
    run("render")
    with _holding(url, "SELECT count(*) FROM t WHERE name = 'ceo'") as session:
        result = run("apply", "--yes", "--allow-hazards", "all", "--lock-timeout", "200ms", "--retries", "0")
        pid = session.info.backend_pid
    assert result.exit_code == ExitCode.LOCK_TIMEOUT, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert "DROP INDEX" in last.upper() and f"blocked by pid {pid} (" in last, last
    assert "holding ACCESS SHARE on t" in last or "holding ACCESS SHARE on public.t" in last, last
    assert "ceo" not in last
