"""Reads of the target wait for locks no longer than lock_timeout, like statements do.

A session holding ACCESS EXCLUSIVE on a table (a `VACUUM FULL`, another deploy's DDL)
blocks even reading that table's size or its catalog rows' expressions. `plan` and
`apply` read the target under lock_timeout, retry with backoff, then give up with exit 7
naming the blocker; when the blocker lets go between retries, they succeed. Real
processes against a real server.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from schematool import db
from schematool.errors import ExitCode
from schematool.inspect import catalog
from schematool.project.config import TOOL_SCHEMA
from tests import safety_procs as procs

# slow (lock waits run to their timeouts): CI runs them (`pytest -m slow`), the default run does not
pytestmark = pytest.mark.slow

ACCOUNT = """
CREATE TABLE account (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE
);
"""


def _project(root: Path, extra: str = "") -> Path:
    (root / "pyproject.toml").write_text(
        '[tool.schematool]\nschema = "schema"\nkeep_scratch = false\n'
    )
    (root / "schema").mkdir(exist_ok=True)
    (root / "schema" / "account.sql").write_text(ACCOUNT + extra)
    return root


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "NO_COLOR": "1"}


def _fingerprint(url: str) -> str:
    with db.connect(url, autocommit=True, application_name="safety-test") as conn:
        return catalog.fingerprint(conn, (TOOL_SCHEMA,))


@pytest.fixture
def locked(new_db, tmp_path):
    """A database at ACCOUNT, the project wanting one more column, and a session holding
    ACCESS EXCLUSIVE on `account` in an open transaction, its last query holding a
    literal it must not leak."""
    url = new_db()
    root = _project(tmp_path)
    first = procs.start(["apply", "--yes"], cwd=root, env=_env(url), logs=tmp_path / "logs")
    assert first.wait() == 0, first.stderr
    _project(root, "CREATE TABLE device (id bigint PRIMARY KEY);\n")
    before = _fingerprint(url)  # read now: once the lock is held, the test's reads wait too
    blocker = db.connect(url, application_name="vacuum-full")  # not autocommit: stays open
    blocker.execute("LOCK TABLE account IN ACCESS EXCLUSIVE MODE")
    blocker.execute("SELECT count(*) FROM account WHERE email = 'ceo@example.com'")
    try:
        yield url, root, blocker, blocker.info.backend_pid, before
    finally:
        blocker.close()


COMMANDS = {
    "plan": ["plan", "--lock-timeout", "1s", "--retries", "2"],
    "apply": ["apply", "--yes", "--lock-timeout", "1s", "--retries", "2"],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_blocked_by_a_lock_gives_up_in_bounded_time_naming_the_blocker(
    command, locked, tmp_path
):
    url, root, blocker, pid, before = locked
    started = time.monotonic()
    cli = procs.python_m(COMMANDS[command], cwd=root, env=_env(url), logs=tmp_path / "logs")
    code = cli.wait(timeout=240)  # the blocker never lets go: a wait would never end
    took = time.monotonic() - started
    err = cli.stderr
    assert code == ExitCode.LOCK_TIMEOUT, err
    # 3 attempts, each loading the schema and waiting about 1 s, and pauses of 1 s and 2 s;
    # a loaded machine (2 cores, several test runs) stretches the rest
    assert took < 180, f"took {took:.1f}s"
    notes = [line for line in err.splitlines() if line.startswith("note: ")]
    assert [n.split(" rolled back")[0] for n in notes] == [
        "note: attempt 1 of 3",
        "note: attempt 2 of 3",
    ], err
    last = err.strip().splitlines()[-1]
    assert last.startswith("error: gave up after 3 attempt(s): reading the target could not take")
    assert "lock_timeout=1s" in last
    assert f"blocked by pid {pid} (" in last and "ACCESS EXCLUSIVE on account" in last
    assert "SELECT count(*) FROM account WHERE email = '***'" in last
    assert last.endswith("nothing was changed")
    assert "Traceback" not in err and "ceo@example.com" not in cli.stdout + err
    blocker.rollback()
    assert _fingerprint(url) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_succeeds_when_the_blocker_lets_go_during_the_retries(command, locked, tmp_path):
    url, root, blocker, _, before = locked
    cli = procs.start(COMMANDS[command], cwd=root, env=_env(url), logs=tmp_path / "logs")
    procs.wait_until(lambda: "attempt 1 of 3 rolled back" in cli.stderr, "the first timeout")
    blocker.commit()  # lets go while the command waits to retry
    assert cli.wait() == 0, cli.stderr
    assert "create table" in cli.stdout.lower()
    if command == "apply":
        assert "applied" in cli.stdout and _fingerprint(url) != before
    else:
        assert _fingerprint(url) == before


def test_migras_inspection_blocked_by_a_lock_is_a_lock_timeout_naming_the_blocker(locked):
    """The catalog readings may pass before a lock is taken and migra's inspection meet
    it: that too is a lock timeout, retried and reported, not 'inspecting failed'."""
    from schematool.diff import adapter
    from schematool.errors import LockTimeout
    from schematool.inspect import locks

    url, _, _, pid, _ = locked
    target = db.address(url).with_session(lock_timeout="200ms")
    retrier = locks.Retrier("200ms", retries=1, backoff_seconds=0.1)

    def inspect() -> None:  # an attempt, on a session of its own, as plan's and apply's
        with adapter.target_session(target) as session:
            adapter._inspect(session.conn, ())

    with pytest.raises(LockTimeout) as refused:
        retrier.run(inspect, target)
    assert str(refused.value).startswith("gave up after 2 attempt(s): reading the target")
    assert f"blocked by pid {pid} (" in str(refused.value)


def test_an_apply_that_gives_up_reading_the_target_is_recorded_as_failed(locked, tmp_path):
    url, root, blocker, pid, before = locked
    args = ["apply", "--yes", "--lock-timeout", "500ms", "--retries", "0"]
    cli = procs.start(args, cwd=root, env=_env(url), logs=tmp_path / "logs")
    assert cli.wait(timeout=120) == ExitCode.LOCK_TIMEOUT, cli.stderr
    blocker.rollback()
    with db.connect(url, autocommit=True, application_name="safety-test") as conn:
        rows = conn.execute(
            "SELECT outcome, phase, statements, plan_hash, error FROM schematool.history"
            " ORDER BY id"
        ).fetchall()
    assert [row[:2] for row in rows] == [("applied", "transaction"), ("failed", "plan")]
    _, _, statements, plan_hash, error = rows[-1]
    assert (statements, plan_hash) == ([], "")
    assert error.startswith("gave up after 1 attempt(s): reading the target could not take")
    assert f"blocked by pid {pid} (" in error and "ceo@example.com" not in error
    assert _fingerprint(url) == before
