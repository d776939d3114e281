"""Applies running at once, and applies meeting other sessions' locks.

Several applies started together: one changes the database, the others queue on the
apply lock, then find the work done. A session holding a lock on a table the plan
alters: apply times out under lock_timeout, retries, and gives up with exit 7 naming
the blocker (pid, masked query), or succeeds once the blocker lets go.
"""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest

from schematool import db
from schematool.apply.runner import APPLY_LOCK_KEY
from schematool.desired import scratch
from schematool.errors import ExitCode
from schematool.inspect import catalog
from schematool.project.config import TOOL_SCHEMA
from tests import safety_procs as procs

# slow (concurrent applies waiting on each other): CI runs them (`pytest -m slow`), the default run does not
pytestmark = pytest.mark.slow

SCHEMA = {
    "account.sql": """
        CREATE TABLE account (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            email text NOT NULL UNIQUE,
            plan text NOT NULL DEFAULT 'free'
        );
    """,
    "device.sql": """
        CREATE TABLE device (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            account_id bigint NOT NULL REFERENCES account,
            name text
        );
        CREATE INDEX device_account_id_idx ON device (account_id);
    """,
}


def _project(root: Path, files: dict[str, str]) -> Path:
    (root / "pyproject.toml").write_text('[tool.schematool]\nschema = "schema"\n')
    (root / "schema").mkdir(exist_ok=True)
    for name, text in files.items():
        (root / "schema" / name).write_text(text)
    return root


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "NO_COLOR": "1"}


def _fingerprint(url: str) -> str:
    with db.connect(url, autocommit=True, application_name="safety-test") as conn:
        return catalog.fingerprint(conn, (TOOL_SCHEMA,))


def _history(url: str) -> list[tuple[str, str | None]]:
    with db.connect(url, autocommit=True, application_name="safety-test") as conn:
        return conn.execute("SELECT outcome, error FROM schematool.history ORDER BY id").fetchall()


def _apply_lock_waiters(conn: psycopg.Connection, dbname: str) -> int:
    classid, objid = procs.advisory_key(APPLY_LOCK_KEY)
    (count,) = conn.execute(
        "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
        " WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = %s"
        " AND l.classid = %s AND l.objid = %s",
        (dbname, classid, objid),
    ).fetchone()
    return count


@pytest.mark.parametrize("n", [2, 4, 8])
def test_applies_started_at_once_change_the_database_exactly_once(n, pg, new_db, tmp_path):
    url = new_db()
    name = db.database_of(url)
    root = _project(tmp_path, SCHEMA)
    before = _fingerprint(url)
    with db.connect(url, autocommit=True, application_name="safety-test") as holder:
        # hold the apply lock until all n are queued behind it: they really run at once
        holder.execute("SELECT pg_advisory_lock(%s)", (APPLY_LOCK_KEY,))
        clis = [
            procs.start(["apply", "--yes"], cwd=root, env=_env(url), logs=tmp_path / "logs")
            for _ in range(n)
        ]
        procs.wait_until(
            lambda: procs.all_running(clis) and _apply_lock_waiters(holder, name) >= n,
            f"{n} applies queued on the lock",
            120,
        )
        assert _fingerprint(url) == before  # all planned, none has changed anything
        holder.execute("SELECT pg_advisory_unlock(%s)", (APPLY_LOCK_KEY,))
    codes = [cli.wait() for cli in clis]
    assert codes == [0] * n, [cli.stderr for cli in clis]
    outputs = [cli.stdout.splitlines()[-1] for cli in clis]
    applied = [line for line in outputs if line.startswith("applied ")]
    waited = [line for line in outputs if "another apply ran first" in line]
    assert len(applied) == 1 and len(waited) == n - 1, outputs
    assert [outcome for outcome, _ in _history(url)] == ["applied"]
    after = _fingerprint(url)
    assert after != before
    with db.connect(pg.url, autocommit=True) as conn:
        assert [n for n in scratch.leftovers(conn) if n.startswith(scratch.PREFIX)] == []


# -- lock contention -----------------------------------------------------------------------


@pytest.fixture
def contended(new_db, tmp_path):
    """A database at schema SCHEMA holding rows, the project wanting one more column on
    `account`, and a session reading `account` in an open transaction (ACCESS SHARE: the
    column needs ACCESS EXCLUSIVE), its last query holding a literal it must not leak."""
    url = new_db()
    root = _project(tmp_path, SCHEMA)
    first = procs.start(["apply", "--yes"], cwd=root, env=_env(url), logs=tmp_path / "logs")
    assert first.wait() == 0, first.stderr
    with db.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO account (email) SELECT 'a' || g FROM generate_series(1, 100) g")
    wider = SCHEMA["account.sql"].replace("'free'", "'free',\n    country text")
    _project(root, {"account.sql": wider})
    blocker = db.connect(url, application_name="reporting")  # not autocommit: stays open
    blocker.execute("LOCK TABLE account IN ACCESS SHARE MODE")
    blocker.execute("SELECT count(*) FROM account WHERE email = 'ceo@example.com'")
    try:
        yield url, root, blocker, blocker.info.backend_pid
    finally:
        blocker.close()


def test_a_held_lock_times_out_retries_then_fails_naming_the_blocker(contended, tmp_path):
    url, root, _, pid = contended
    before = _fingerprint(url)
    args = ["apply", "--yes", "--lock-timeout", "200ms", "--retries", "2"]
    # the installed entry point itself, as a deployment script runs it
    cli = procs.python_m(args, cwd=root, env=_env(url), logs=tmp_path / "logs")
    code = cli.wait()
    err = cli.stderr
    assert code == ExitCode.LOCK_TIMEOUT, err
    notes = [line for line in err.splitlines() if line.startswith("note: ")]
    assert [n.split(" rolled back")[0] for n in notes] == [
        "note: attempt 1 of 3",
        "note: attempt 2 of 3",
    ]
    last = err.strip().splitlines()[-1]
    assert last.startswith("error: gave up after 3 attempt(s): statement 1 could not take its lock")
    assert "lock_timeout=200ms" in last and 'alter table "public"."account"' in last
    assert f"blocked by pid {pid} (" in last
    assert "SELECT count(*) FROM account WHERE email = '***'" in last
    assert last.endswith("nothing was changed")
    assert "ceo@example.com" not in cli.stdout + err and "Traceback" not in err
    assert _fingerprint(url) == before
    outcomes = _history(url)
    assert [o for o, _ in outcomes] == ["applied", "failed"]
    assert outcomes[-1][1].startswith("gave up after 3 attempt(s)")


def test_apply_succeeds_when_the_blocker_lets_go_during_the_retries(contended, tmp_path):
    url, root, blocker, _ = contended
    before = _fingerprint(url)
    args = ["apply", "--yes", "--lock-timeout", "200ms", "--retries", "2"]
    cli = procs.start(args, cwd=root, env=_env(url), logs=tmp_path / "logs")
    procs.wait_until(lambda: "attempt 1 of 3 rolled back" in cli.stderr, "the first timeout")
    blocker.commit()  # lets go while apply waits to retry
    assert cli.wait() == 0, cli.stderr
    assert "applied 1 statement(s)" in cli.stdout
    after = _fingerprint(url)
    assert after != before
    assert [o for o, _ in _history(url)] == ["applied", "applied"]


# -- a second apply while the first runs ---------------------------------------------------


def _apply_lock_holder(conn: psycopg.Connection, dbname: str) -> int | None:
    classid, objid = procs.advisory_key(APPLY_LOCK_KEY)
    row = conn.execute(
        "SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
        " WHERE l.locktype = 'advisory' AND l.granted AND d.datname = %s"
        " AND l.classid = %s AND l.objid = %s",
        (dbname, classid, objid),
    ).fetchone()
    return row[0] if row else None


def test_a_second_apply_waits_for_a_running_first_then_finds_nothing_to_do(new_db, tmp_path):
    """The first apply holds ACCESS EXCLUSIVE on `account` for seconds (a CHECK whose
    function sleeps, validated over a row); the second, with a lock timeout far shorter,
    waits for the first on the apply lock, saying who holds it, instead of timing out
    reading the target."""
    url = new_db()
    name = db.database_of(url)
    root = _project(tmp_path, SCHEMA)
    first = procs.start(["apply", "--yes"], cwd=root, env=_env(url), logs=tmp_path / "logs")
    assert first.wait() == 0, first.stderr
    with db.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO account (email) VALUES ('a@example.com')")
    slow = (
        "CREATE FUNCTION slow_ok() RETURNS boolean LANGUAGE sql"
        " AS $$ SELECT pg_sleep(8) IS NOT NULL $$;\n"
        "ALTER TABLE account ADD CONSTRAINT account_slow_check CHECK (slow_ok());\n"
    )
    _project(root, {"slow.sql": slow})
    args = ["apply", "--yes", "--allow-hazards", "all"]
    running = procs.start(args, cwd=root, env=_env(url), logs=tmp_path / "logs")
    with db.connect(url, autocommit=True, application_name="safety-test") as watch:
        procs.wait_until(
            lambda: any("account_slow_check" in q for _, _, q, _ in procs.backends(watch, name)),
            "the first apply to run its slow statement",
        )
        holder = _apply_lock_holder(watch, name)
        second = procs.start(
            [*args, "--lock-timeout", "1s", "--retries", "1"],
            cwd=root,
            env=_env(url),
            logs=tmp_path / "logs",
        )
        procs.wait_until(
            lambda: "note: waiting for another apply" in second.stderr or not second.running(),
            "the second apply to wait, or to end",
        )
        assert second.running(), second.stderr  # waiting, not given up
        assert running.running(), running.stderr  # while the first runs
    assert running.wait() == 0, running.stderr
    assert second.wait() == 0, second.stderr
    assert "applied 4 statement(s)" in running.stdout
    note = next(line for line in second.stderr.splitlines() if line.startswith("note: "))
    assert note.startswith(
        f"note: waiting for another apply to finish: pid {holder} holds the apply lock"
        " (application 'schematool', user "
    ), note
    assert second.stdout.splitlines()[-1] == (
        "nothing to do: another apply ran first (this one waited for it)"
    )
    assert [outcome for outcome, _ in _history(url)] == ["applied", "applied"]
