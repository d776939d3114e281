"""End to end through the command line: render -> scratch -> diff -> plan -> apply."""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from schematool import db
from schematool.apply.runner import APPLY_LOCK_KEY
from schematool.desired import scratch
from schematool.errors import ExitCode
from tests.helpers import make_project, run, write

TEMPLATES = {
    "catalog/title.sql.j2": """
        CREATE TABLE title (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            asin text NOT NULL UNIQUE CHECK (asin ~ '^[0-9A-Z]{10}$'),
            name text NOT NULL
        );
        COMMENT ON TABLE title IS 'catalog titles';
        GRANT SELECT ON title TO {{ app_role }};
    """,
    "library/item.sql.j2": """
        CREATE TABLE item (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            title_id bigint NOT NULL REFERENCES title,
            progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100)
        );
        CREATE INDEX item_title_id_idx ON item (title_id);
    """,
}


@pytest.fixture
def project(tmp_path, monkeypatch, new_db):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, TEMPLATES)
    url = new_db()
    monkeypatch.setenv("DATABASE_URL", url)
    assert run("render").exit_code == 0
    return tmp_path, url


def _scratch_leftovers(url: str) -> list[str]:
    with db.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", (scratch.PREFIX + "%",)
        ).fetchall()
    return [r[0] for r in rows]


def _history(url: str) -> list[tuple[str, int]]:
    with db.connect(url) as conn:
        return conn.execute(
            "SELECT outcome, jsonb_array_length(statements) FROM schematool.history ORDER BY id"
        ).fetchall()


def _objects(url: str) -> list[str]:
    with db.connect(url) as conn:
        rows = conn.execute(
            "SELECT relkind::text || ':' || relname FROM pg_class"
            " WHERE relnamespace = 'public'::regnamespace ORDER BY 1"
        ).fetchall()
    return [r[0] for r in rows]


def test_plan_on_an_empty_database_creates_everything(project):
    _, url = project
    result = run("plan")
    assert result.exit_code == ExitCode.OK, result.output
    assert "create table" in result.stdout.lower()
    assert "to create" in result.stdout
    assert (
        'COMMENT ON TABLE "public"."title"' in result.stdout
        or "comment on" in result.stdout.lower()
    )
    assert _objects(url) == []  # plan changes nothing


def test_apply_then_next_plan_is_empty_with_the_in_sync_exit_code(project):
    _, url = project
    result = run("apply", "--yes")
    assert result.exit_code == ExitCode.OK, result.output
    assert "applied" in result.stdout
    assert "r:item" in _objects(url) and "r:title" in _objects(url)
    again = run("plan", "--exit-code")
    assert again.exit_code == ExitCode.OK, again.output
    assert "no changes" in again.stdout
    assert _history(url)[-1][0] == "applied"
    assert _scratch_leftovers(url) == []


# schematool.history as schematool made it before the online apply (no `phase`)
_OLD_HISTORY = """
CREATE SCHEMA schematool;
CREATE TABLE schematool.history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at timestamptz NOT NULL,
    finished_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    applied_by text NOT NULL DEFAULT current_user,
    client text NOT NULL,
    tool_version text NOT NULL,
    plan_hash text NOT NULL,
    statements jsonb NOT NULL,
    duration_ms integer NOT NULL CHECK (duration_ms >= 0),
    outcome text NOT NULL CHECK (outcome IN ('applied', 'failed')),
    error text
);
INSERT INTO schematool.history (started_at, client, tool_version, plan_hash, statements,
    duration_ms, outcome) VALUES (now(), 'old', '0.1', 'h', '[]', 1, 'applied');
"""


def test_a_history_table_an_older_schematool_made_gains_its_phase(project):
    _, url = project
    with db.connect(url, autocommit=True) as conn:
        conn.execute(_OLD_HISTORY)
    result = run("apply", "--yes")
    assert result.exit_code == ExitCode.OK, result.output
    with db.connect(url) as conn:
        rows = conn.execute("SELECT client, phase FROM schematool.history ORDER BY id").fetchall()
    assert [phase for _, phase in rows] == [None, "transaction"] and rows[0][0] == "old"
    shown = json.loads(run("history", "--json").stdout)["entries"]
    assert [e["phase"] for e in shown] == ["transaction", None]


def test_pending_changes_give_their_own_exit_code(project):
    result = run("plan", "--exit-code")
    assert result.exit_code == ExitCode.CHANGES_PENDING


def test_editing_one_template_plans_exactly_that_change(project):
    root, _ = project
    assert run("apply", "--yes").exit_code == 0
    text = (root / "templates/library/item.sql.j2").read_text()
    write(
        root / "templates/library/item.sql.j2",
        text.replace("progress int", "note text,\n    progress int"),
    )
    assert run("render").exit_code == 0
    result = run("plan", "--format", "sql")
    statements = [line for line in result.stdout.splitlines() if line and not line.startswith("--")]
    assert statements == ['alter table "public"."item" add column "note" text;']


def test_plan_refuses_a_stale_schema_folder(project):
    root, _ = project
    write(root / "templates/extra.sql.j2", "CREATE TABLE extra (id int);\n")
    result = run("plan")
    assert result.exit_code == ExitCode.ERROR
    assert "schema/extra.sql" in result.stderr and "schematool render" in result.stderr


def test_schema_dir_takes_plain_sql_and_skips_rendering(project, tmp_path):
    write(tmp_path / "plain/t.sql", "CREATE TABLE plain_t (id int);\n")
    write(tmp_path / "templates/extra.sql.j2", "CREATE TABLE extra (id int);\n")  # stale, ignored
    result = run("plan", "--schema-dir", str(tmp_path / "plain"), "--format", "sql")
    assert result.exit_code == 0, result.output
    assert "plain_t" in result.stdout and "title" not in result.stdout


def test_a_bad_statement_names_the_schema_file_and_line_and_its_templates(project):
    root, url = project
    write(root / "templates/library/item.sql.j2", "-- items\nCREATE TABLE item (id nosuchtype);\n")
    run("render")
    result = run("plan")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.strip() == (
        "error: schema/library/item.sql:3 (from templates/library/item.sql.j2:2):"
        ' type "nosuchtype" does not exist'
    )
    assert _scratch_leftovers(url) == []


def test_plan_json_and_saved_plan_apply_exactly(project, tmp_path):
    _, url = project
    result = run("plan", "--format", "json", "--out", str(tmp_path / "plan.json"))
    shown = json.loads(result.stdout)
    saved = json.loads((tmp_path / "plan.json").read_text())
    assert shown["steps"] == saved["steps"] and saved["format_version"] == 4
    applied = run("apply", "--plan", str(tmp_path / "plan.json"), "--yes")
    assert applied.exit_code == 0, applied.output
    with db.connect(url) as conn:
        (executed,) = conn.execute(
            "SELECT statements FROM schematool.history WHERE outcome = 'applied'"
        ).fetchone()
    assert executed == [step["sql"] for step in saved["steps"]]


def test_a_statement_failing_at_apply_time_leaves_the_database_unchanged(project):
    root, url = project
    assert run("apply", "--yes").exit_code == 0
    with db.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO title (asin, name) VALUES ('B000000001', 'x')")
        before = conn.execute("SELECT count(*) FROM pg_constraint").fetchone()
    text = (root / "templates/catalog/title.sql.j2").read_text()
    write(
        root / "templates/catalog/title.sql.j2",
        text.replace(
            "name text NOT NULL", "name text NOT NULL CHECK (name <> 'x'),\n    extra int"
        ),
    )
    run("render")
    # the plan reads the rows first and refuses before anything runs...
    refused = run("apply", "--yes", "--allow-hazards", "blocking-lock")
    assert refused.exit_code == ExitCode.REFUSED and "fails-on-data" in refused.stderr
    # ...and where that finding is overridden, the statement fails and rolls back whole
    result = run("apply", "--yes", "--allow-hazards", "blocking-lock,fails-on-data")
    assert result.exit_code == ExitCode.ERROR
    assert "violated by some row" in result.stderr and "rolled back" in result.stderr
    with db.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM pg_constraint").fetchone() == before
        columns = conn.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'title'"
        ).fetchone()
    assert columns == (3,)
    assert [outcome for outcome, _ in _history(url)] == ["applied", "failed"]
    assert _scratch_leftovers(url) == []


def _cli(*args: str, env: dict[str, str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "schematool", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_lock_waiters(url: str, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    with db.connect(url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            (waiting,) = conn.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            ).fetchone()
            if waiting >= count:
                return
            time.sleep(0.1)
    raise AssertionError(f"{count} applies never queued for the apply lock")


def test_a_second_concurrent_apply_waits_then_finds_nothing_to_do(project):
    root, url = project
    env = {**os.environ, "DATABASE_URL": url}
    with db.connect(url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (APPLY_LOCK_KEY,))
        first = _cli("apply", "--yes", env=env, cwd=root)
        second = _cli("apply", "--yes", env=env, cwd=root)
        _wait_for_lock_waiters(url, 2)
        holder.execute("SELECT pg_advisory_unlock(%s)", (APPLY_LOCK_KEY,))
    outputs = [p.communicate(timeout=120) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outputs
    texts = [out for out, _ in outputs]
    assert sum("applied" in t and "statement(s) in" in t for t in texts) == 1
    assert sum("another apply ran first" in t for t in texts) == 1
    assert [outcome for outcome, _ in _history(url)] == ["applied"]
    assert _scratch_leftovers(url) == []


def test_an_interrupted_apply_changes_nothing_and_leaves_no_scratch_database(project):
    root, url = project
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace('schema"\n', 'schema"\nkeep_scratch = false\n', 1)
    )
    env = {**os.environ, "DATABASE_URL": url}
    with db.connect(url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (APPLY_LOCK_KEY,))
        proc = _cli("apply", "--yes", env=env, cwd=root)
        _wait_for_lock_waiters(url, 1)
        assert _scratch_leftovers(url)  # it exists while the apply runs
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
        holder.execute("SELECT pg_advisory_unlock(%s)", (APPLY_LOCK_KEY,))
    assert proc.returncode == ExitCode.INTERRUPTED, err
    note, error = err.strip().splitlines()
    assert note.startswith("note: waiting for another apply to finish: pid "), err
    assert error == "error: interrupted; nothing was changed"
    assert _objects(url) == []
    assert _scratch_leftovers(url) == []


def test_clean_drops_abandoned_scratch_databases(project, pg):
    _, url = project
    with db.connect(pg.url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{scratch.PREFIX}left0ver"')
        conn.execute(
            f'COMMENT ON DATABASE "{scratch.PREFIX}left0ver" IS %s'.replace(
                "%s", f"'{scratch.MARKER}'"
            )
        )
    result = run("clean")
    assert result.exit_code == 0, result.output
    assert f"dropped {scratch.PREFIX}left0ver" in result.stdout
    assert _scratch_leftovers(url) == []


def test_no_password_appears_in_any_output(project, pg):
    root, url = project
    secret = db.password_of(url)
    assert secret
    outputs = [run("plan"), run("apply", "--yes"), run("history"), run("plan", "--format", "json")]
    wrong = url.replace(secret, secret[::-1])
    outputs.append(run("plan", "--database-url", wrong))
    outputs.append(run("plan", "--database-url", db.with_database(url, "no_such_db")))
    for result in outputs:
        assert secret not in result.output
        assert "Traceback" not in result.output
    assert outputs[-2].exit_code == ExitCode.ERROR
    assert "password authentication failed" in outputs[-2].stderr
    assert "***" in outputs[-2].stderr


def test_a_scratch_database_left_behind_after_a_commit_is_a_warning_not_a_failure(
    project, monkeypatch
):
    root, url = project
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace('schema"\n', 'schema"\nkeep_scratch = false\n', 1)
    )
    dropped = scratch.drop

    def drop_fails(conn, name):
        if name.startswith(scratch.PREFIX):
            raise psycopg.OperationalError("the server closed the connection")
        dropped(conn, name)

    monkeypatch.setattr(scratch, "drop", drop_fails)
    result = run("apply", "--yes")
    assert result.exit_code == ExitCode.OK, result.output
    assert "applied" in result.stdout
    [line] = [x for x in result.stderr.splitlines() if x.startswith("warning:")]
    assert "was left behind (the server closed the connection)" in line
    assert "schematool clean" in line
    assert _objects(url)  # the apply stands
    monkeypatch.setattr(scratch, "drop", dropped)
    assert run("clean").exit_code == ExitCode.OK


@pytest.mark.parametrize(
    ("in_sync", "code"), [(False, ExitCode.CHANGES_PENDING), (True, ExitCode.OK)], ids=["pending", "in sync"]
)
def test_a_reader_that_goes_away_leaves_the_exit_code_as_it_was(project, in_sync, code):
    """`schematool plan --exit-code | head -1`: the reader closes the pipe; what plan
    found is still the exit code, with nothing on stderr for it (no traceback, no
    `Exception ignored` at the interpreter's exit)."""
    root, url = project
    if in_sync:
        assert run("apply", "--yes").exit_code == 0
    env = {**os.environ, "DATABASE_URL": url, "NO_COLOR": "1"}
    process = _cli("plan", "--exit-code", env=env, cwd=root)
    process.stdout.close()  # gone before the plan is printed: its first line meets EPIPE
    stderr = process.stderr.read()
    process.wait(timeout=120)
    assert process.returncode == code, stderr
    assert stderr == "", stderr


@pytest.mark.parametrize("answer", ["n", "y"])
def test_the_confirmation_prompt_goes_to_stderr_and_the_plan_to_stdout(project, answer):
    """`apply > out.txt` on a terminal: the question must reach the terminal (stderr),
    and the saved output hold the plan and the outcome, no part of the prompt."""
    root, url = project
    env = {**os.environ, "DATABASE_URL": url, "NO_COLOR": "1"}
    terminal, stdin = pty.openpty()  # apply asks only when stdin is a terminal
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "schematool", "apply"],
            cwd=root,
            env=env,
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        os.close(stdin)
        os.write(terminal, f"{answer}\n".encode())
        stdout, stderr = process.communicate(timeout=120)
    finally:
        os.close(terminal)
    assert re.search(r"^Apply these \d+ statement\(s\)\? \[y/N\]: ", stderr), stderr
    assert "Apply these" not in stdout and "[y/N]" not in stdout
    assert stdout.startswith("Plan for ") and "COMMENT ON TABLE public.title" in stdout
    if answer == "y":
        assert process.returncode == 0, stderr
        assert re.match(r"applied \d+ statement\(s\) in ", stdout.splitlines()[-1]), stdout
    else:
        assert process.returncode == ExitCode.REFUSED, stderr
        assert stderr.endswith("error: apply declined; nothing was changed\n"), stderr
