"""`apply --progress`: on a terminal (a pseudo-terminal here) the running step shows
live, with an index build's phase and blocks done and who holds the lock a step waits
for; piped, a line when each step starts and ends; what apply prints on stdout and its
exit codes are as before."""

from __future__ import annotations

import datetime as dt
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from schematool import db
from schematool.cli.progress import describe
from schematool.errors import ExitCode
from schematool.inspect.activity import Activity, Blocker
from tests.helpers import rendered_project, run, write

SCHEMA = """\
CREATE SCHEMA shop;
CREATE TABLE shop.item (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    n integer NOT NULL,
    filler text NOT NULL
);
-- slow on purpose: an index on it takes a few seconds to build, whatever the machine
CREATE FUNCTION shop.slow(x integer) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE
    AS $$BEGIN PERFORM pg_sleep(0.002); RETURN x; END$$;
"""
ROWS = 2000  # 2000 x 2 ms: the build scans the table for at least 4 seconds
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")


@pytest.fixture
def project(tmp_path, monkeypatch):
    return rendered_project(tmp_path, monkeypatch, {"shop.sql.j2": SCHEMA})


def _filled(url: str) -> None:
    assert run("apply", "--database-url", url, "--yes").exit_code == ExitCode.OK
    with db.connect(url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO shop.item (n, filler) SELECT g, repeat('x', 200)"
            " FROM generate_series(1, %s) g",
            (ROWS,),
        )
        conn.execute("ANALYZE shop.item")


class Terminal:
    """`schematool ARGS` with stdin, stdout and stderr on a pseudo-terminal, 200 wide."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        leader, follower = pty.openpty()
        os.set_blocking(leader, False)
        env = {**os.environ, "TERM": "xterm", "COLUMNS": "200", "LINES": "50"}
        env.pop("NO_COLOR", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "schematool", *args],
            cwd=cwd,
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=env,
        )
        os.close(follower)
        self.leader = leader
        self.seen = ""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.leader], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.leader, 65536)
        except OSError:  # the process ended and closed its side
            return False
        if not data:
            return False
        self.seen += _ESCAPES.sub("", data.decode(errors="replace"))
        return True

    def wait_for(self, pattern: str, timeout: float = 60) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(pattern, self.seen)
            if found:
                return found
            if not self._read(0.2):
                break
        raise AssertionError(f"{pattern!r} never showed; the terminal showed:\n{self.seen}")

    def finish(self, timeout: float = 120) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(0.2):
            if self.proc.poll() is not None:
                while self._read(0.1) and self.proc.poll() is None:
                    pass
                break
        code = self.proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        os.close(self.leader)
        return code


def test_an_index_build_shows_its_phase_and_blocks_on_a_terminal(pg, db_factory, project):
    url = db_factory(pg)
    _filled(url)
    write(
        project / "templates" / "shop.sql.j2",
        SCHEMA + "CREATE INDEX item_slow_idx ON shop.item (shop.slow(n));\n",
    )
    assert run("render").exit_code == 0
    terminal = Terminal(["apply", "--database-url", url, "--yes", "--online"], project)
    terminal.wait_for(r"statement 1/1, online-before: CREATE INDEX CONCURRENTLY item_slow_idx")
    terminal.wait_for(r"\(\d+\.\ds\)")  # the elapsed time
    found = terminal.wait_for(
        r"index: building index: scanning table, (\d+) of (\d+) blocks \((\d+)%\)"
    )
    assert 0 <= int(found.group(1)) <= int(found.group(2))
    assert terminal.finish() == ExitCode.OK, terminal.seen
    assert "applied 1 statement(s) online (1 before, 0 in the core, 0 after)" in terminal.seen


def test_a_step_waiting_for_a_lock_shows_who_holds_it(pg, db_factory, project):
    url = db_factory(pg)
    _filled(url)
    write(
        project / "templates" / "shop.sql.j2",
        SCHEMA.replace("filler text", "note text,\n    filler text"),
    )
    assert run("render").exit_code == 0
    with psycopg.connect(url, application_name="progress-blocker") as blocker:
        blocker.execute("SELECT count(*) FROM shop.item")  # holds ACCESS SHARE, idle after
        pid = blocker.info.backend_pid
        terminal = Terminal(
            ["apply", "--database-url", url, "--yes", "--lock-timeout", "60s", "--retries", "0"],
            project,
        )
        terminal.wait_for(r"statement 1/1: alter table \"shop\".\"item\" add column \"note\" text")
        terminal.wait_for(
            rf"waiting for a lock held by pid {pid} \(application 'progress-blocker', idle in"
            r" transaction, query started \d\d:\d\d:\d\d UTC, [\d.]+s ago\)"
        )
        blocker.rollback()
        assert terminal.finish() == ExitCode.OK, terminal.seen
    assert "applied 1 statement(s)" in terminal.seen


def test_piped_output_has_a_line_per_step_start_and_end(pg, db_factory, project):
    url = db_factory(pg)
    write(project / "templates" / "shop.sql.j2", SCHEMA + "CREATE SCHEMA more;\n")
    assert run("render").exit_code == 0
    result = run("apply", "--database-url", url, "--yes")
    assert result.exit_code == ExitCode.OK, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("progress: ")]
    count = int(re.search(r"applied (\d+) statement\(s\)", result.stdout).group(1))
    assert len(lines) == 2 * count
    assert lines[0].startswith(f"progress: statement 1/{count} started: ")
    assert re.fullmatch(rf"progress: statement 1/{count} done in \d+\.\ds", lines[1])
    assert re.fullmatch(rf"progress: statement {count}/{count} done in \d+\.\ds", lines[-1])
    # stdout is what it was: the plan, then the outcome
    assert "progress" not in result.stdout
    write(
        project / "templates" / "shop.sql.j2",
        SCHEMA + "CREATE SCHEMA more;\nCREATE SCHEMA other;\n",
    )
    assert run("render").exit_code == 0
    quiet = run("apply", "--database-url", url, "--yes", "--progress", "never")
    assert quiet.exit_code == ExitCode.OK
    assert "progress:" not in quiet.stderr


def test_plan_shows_what_it_does_on_a_terminal_and_nothing_piped(pg, db_factory, project):
    url = db_factory(pg)
    terminal = Terminal(["plan", "--database-url", url], project)
    # the live line shows the stage running at each refresh: on a fast machine the first
    # stages may end between two refreshes, so any of them, with its elapsed time, counts
    stages = (
        "loading the schema into a scratch database, reading the target's catalog",
        "comparing the schemas",
        "judging hazards, asking the target's rows whether each change can succeed",
    )
    terminal.wait_for(rf"\.\.\. ({'|'.join(map(re.escape, stages))}) \(\d+\.\ds\)")
    assert terminal.finish() == ExitCode.OK, terminal.seen
    assert "apply needs: no hazard allowances" in terminal.seen  # the plan, after it
    piped = run("plan", "--database-url", url)
    assert piped.exit_code == ExitCode.OK and piped.stderr == ""


def test_a_reading_is_described_a_line_each():
    started = dt.datetime(2026, 12, 8, 1, 0, 0, tzinfo=dt.UTC)
    found = Activity(
        phase="building index: scanning table",
        blocks_done=250,
        blocks_total=1000,
        blockers=(Blocker(4242, "psql", "idle in transaction", started),),
    )
    assert describe(found, started + dt.timedelta(seconds=75)) == [
        "index: building index: scanning table, 250 of 1,000 blocks (25%)",
        "waiting for a lock held by pid 4242 (application 'psql', idle in transaction,"
        " query started 01:00:00 UTC, 1m15s ago)",
    ]
