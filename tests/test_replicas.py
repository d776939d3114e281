"""Replicas: a real hot standby, made with `pg_basebackup -R` from a primary of its own.

A small primary and its standby are started for this module alone (both PostgreSQL 15
and 18), so no other test ever sees a standby in pg_stat_replication or a primary
whose replay is paused. With the standby's replay paused and WAL written on the primary,
`apply --max-replica-lag` waits, then gives up naming the standby (exit 7); after
`pg_wal_replay_resume()` it applies. The plan names the steps whose ACCESS EXCLUSIVE
lock the standby replays, `apply` against the standby is refused (exit 9) and `plan`
against it checks it for drift.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from psycopg import sql

from schematool import db
from schematool.errors import ExitCode
from schematool.project.server import SYSTEM_USER, LocalServer, embedded_bindir
from tests.conftest import PG15_BINDIR, ROOT, server_home
from tests.helpers import PYPROJECT, make_project, run, write

# slow: a primary and a standby started per server version, and applies that wait (70 to
# 90 s on each version on a loaded 2-core machine); CI runs them (`pytest -m slow`), the default run does not
slow = pytest.mark.slow

STANDBY = 'standby "walreceiver" (127.0.0.1)'  # what pg_basebackup -R's standby is named


@dataclass(frozen=True)
class Pair:
    """A primary and its hot standby: superuser URLs to their `postgres` databases."""

    primary: str
    standby: str
    version: int


def _bindir(version: int) -> Path | None:
    if version == 18:
        return embedded_bindir()
    return PG15_BINDIR if (PG15_BINDIR / "postgres").exists() else None


def _hand_over(path: Path) -> None:
    """As root, PostgreSQL's programs run as the system user: it must own the folder."""
    if os.geteuid() == 0:
        entry = pwd.getpwnam(SYSTEM_USER)
        os.chown(path, entry.pw_uid, entry.pw_gid)


def _wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def _value(url: str, query: str, params: tuple = ()) -> object:
    with db.connect(url, autocommit=True) as conn:
        row = conn.execute(query, params).fetchone()
    return row[0] if row else None


def _streaming(primary: str) -> bool:
    return bool(
        _value(primary, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")
    )


def _caught_up(primary: str) -> bool:
    # the insert position, not pg_current_wal_lsn() (the write position): these test
    # servers commit with synchronous_commit = off, so a commit's record may not be
    # written yet, and a standby at the write position has not replayed it
    lag = _value(
        primary,
        "SELECT max(pg_wal_lsn_diff(pg_current_wal_insert_lsn(), replay_lsn))"
        " FROM pg_stat_replication",
    )
    return lag is not None and lag <= 0


@pytest.fixture(scope="module", params=[15, 18], ids=["pg15", "pg18"])
def pair(request) -> Iterator[Pair]:
    version = request.param
    bindir = _bindir(version)
    if bindir is None:
        required = os.environ.get("SCHEMATOOL_TEST_REQUIRE", "").split(",")
        if str(version) in required:
            pytest.fail(f"required PostgreSQL {version} binaries not available")
        pytest.skip(f"no PostgreSQL {version} binaries")
    home = server_home("schematool-test-replicas-")
    primary = LocalServer(root=home / "primary", bindir=bindir, fast=True)
    standby = LocalServer(root=home / "standby", bindir=bindir, fast=True)
    try:
        primary_url = primary.start()
        standby.root.mkdir()
        shutil.copy(primary.root / "password", standby.root / "password")
        _hand_over(standby.root)
        source = f"host=127.0.0.1 port={primary.port()} user=postgres password={primary.password()}"
        made = primary._run(  # noqa: SLF001 - the server's own runner: the right user
            "pg_basebackup",
            ["-D", str(standby.data), "-R", "-X", "stream", "-c", "fast", "-d", source],
        )
        assert made.returncode == 0, made.stderr
        standby_url = standby.start()
        _wait_for(lambda: _streaming(primary_url), "the standby to stream")
        yield Pair(primary_url, standby_url, version)
    finally:
        for server in (standby, primary):
            try:
                server.stop()
            except Exception:  # noqa: BLE001 - the other must still stop
                pass
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def app(pair: Pair, tmp_path, monkeypatch) -> Iterator[tuple[str, str]]:
    """A database on the primary holding `t`, replayed by the standby, and a project
    whose schema adds a column to `t` (ACCESS EXCLUSIVE): its URLs on both servers."""
    name = "app_" + os.urandom(4).hex()
    with db.connect(pair.primary, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    primary, standby = db.with_database(pair.primary, name), db.with_database(pair.standby, name)
    with db.connect(primary, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (id int PRIMARY KEY)")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    # named after the database: no desired schema kept by an earlier test is found
    schema = f"-- {name}\nCREATE TABLE t (id int PRIMARY KEY, note text);\n"
    make_project(tmp_path, {"t.sql": schema}, PYPROJECT)
    assert run("render").exit_code == 0
    _wait_for(lambda: _caught_up(pair.primary), "the standby to replay the new database")
    try:
        yield primary, standby
    finally:
        _resume(pair.standby)
        with db.connect(pair.primary, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def _pause(standby: str) -> None:
    with db.connect(standby, autocommit=True) as conn:
        conn.execute("SELECT pg_wal_replay_pause()")
    _wait_for(
        lambda: _value(standby, "SELECT pg_get_wal_replay_pause_state()") == "paused",
        "replay to pause",
    )


def _resume(standby: str) -> None:
    with db.connect(standby, autocommit=True) as conn:
        conn.execute("SELECT pg_wal_replay_resume()")


def _write_wal(primary: str, megabytes: int = 4) -> None:
    """Some megabytes of WAL on the primary (a table filled and dropped)."""
    rows = megabytes * 8000
    with db.connect(primary, autocommit=True) as conn:
        conn.execute(
            f"CREATE TABLE filler AS SELECT g, repeat('x', 100) AS pad FROM generate_series(1, {rows}) g"
        )
        conn.execute("DROP TABLE filler")


def _columns(url: str) -> list[str]:
    with db.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0"
            " AND NOT attisdropped ORDER BY attnum"
        ).fetchall()
    return [name for (name,) in rows]


@slow
def test_apply_waits_for_a_paused_standby_gives_up_naming_it_then_applies_once_it_replays(
    pair: Pair, app: tuple[str, str]
):
    primary, _ = app
    _pause(pair.standby)
    _write_wal(primary)
    started = time.monotonic()
    waited = run(
        "apply", "--database-url", primary, "--max-replica-lag", "1MB", "--retries", "1", "--yes"
    )
    assert waited.exit_code == ExitCode.LOCK_TIMEOUT, waited.output
    # one note for the retry, naming the standby and its lag; then one error line
    assert f"note: attempt 1 of 2 found a standby behind: {STANDBY} has " in waited.stderr
    error = waited.stderr.strip().splitlines()[-1]
    assert error.startswith("error: gave up after 2 attempt(s): " + STANDBY), error
    assert "of WAL to replay (--max-replica-lag 1MB); nothing was changed" in error
    assert time.monotonic() - started >= 1  # it waited the backoff before giving up
    assert _columns(primary) == ["id"]
    # a duration is the primary's measure of replay lag, consulted while WAL is unreplayed
    timed = run(
        "apply", "--database-url", primary, "--max-replica-lag", "1ms", "--retries", "0", "--yes"
    )
    assert timed.exit_code == ExitCode.LOCK_TIMEOUT, timed.output
    assert STANDBY in timed.stderr.strip().splitlines()[-1]
    # online: the core (and every online step) waits as well
    online = run(
        "apply",
        "--online",
        "--database-url",
        primary,
        "--max-replica-lag",
        "1MB",
        "--retries",
        "0",
        "--yes",
    )
    assert online.exit_code == ExitCode.LOCK_TIMEOUT, online.output
    assert "the core did not start, nothing was changed" in online.stderr
    assert _columns(primary) == ["id"]
    _resume(pair.standby)
    # online too: the core waits, finds the standby caught up, runs
    applied = run(
        "apply", "--online", "--database-url", primary, "--max-replica-lag", "1MB", "--yes"
    )
    assert applied.exit_code == 0, applied.output
    assert _columns(primary) == ["id", "note"]
    history = _value(primary, "SELECT count(*) FROM schematool.history WHERE outcome = 'failed'")
    assert history == 3  # every give-up is recorded as a failed apply


@slow
def test_plan_says_which_steps_the_standbys_replay_an_access_exclusive_lock_of(
    pair: Pair, app: tuple[str, str]
):
    primary, _ = app
    text = run("plan", "--database-url", primary)
    assert text.exit_code == 0, text.output
    assert f"standbys: {STANDBY} replay every step" in text.stdout
    assert (
        "on standbys: replaying its ACCESS EXCLUSIVE lock on public.t makes their readers of it"
        " wait, or be cancelled after max_standby_streaming_delay"
    ) in text.stdout
    as_json = run("plan", "--database-url", primary, "--format", "json")
    plan = json.loads(as_json.stdout)
    jsonschema.validate(plan, json.loads((ROOT / "docs" / "plan.schema.json").read_text()))
    assert plan["standbys"] == [STANDBY]
    assert [step.get("replayed_on_standbys") for step in plan["steps"]] == [["public.t"]]
    markdown = run("plan", "--database-url", primary, "--format", "markdown")
    assert (
        "- statement 1: on standbys: replaying its ACCESS EXCLUSIVE lock on public.t"
        in markdown.stdout
    )


@slow
def test_plan_on_a_server_without_standbys_says_nothing_of_them(pg, new_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, {"t.sql": "CREATE TABLE t (id int, note text);\n"}, PYPROJECT)
    assert run("render").exit_code == 0
    url = new_db()
    with db.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (id int)")
    result = run("plan", "--database-url", url, "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["standbys"] == [] and "replayed_on_standbys" not in plan["steps"][0]
    assert "standbys" not in run("plan", "--database-url", url).stdout


@slow
def test_apply_against_a_standby_is_refused_and_plan_checks_it_for_drift(
    pair: Pair, app: tuple[str, str]
):
    primary, standby = app
    refused = run("apply", "--database-url", standby, "--yes")
    assert refused.exit_code == ExitCode.STANDBY == 9, refused.output
    assert refused.stderr == (
        f"error: {db.mask_url(standby)} is a standby (in recovery, read-only): apply to its"
        " primary (plan works against a standby, to check it for drift)\n"
    )
    # the desired schema cannot be loaded on a standby: said, with what to do
    nowhere = run("plan", "--database-url", standby)
    assert nowhere.exit_code == ExitCode.ERROR, nowhere.output
    assert "is a standby (read-only): the desired schema cannot be loaded there" in nowhere.stderr
    assert len(nowhere.stderr.strip().splitlines()) == 1
    drift = run("plan", "--database-url", standby, "--scratch-url", primary, "--exit-code")
    assert drift.exit_code == ExitCode.CHANGES_PENDING, drift.output
    assert 'alter table "public"."t" add column "note" text;' in drift.stdout
    assert run("apply", "--database-url", primary, "--yes").exit_code == 0
    _wait_for(lambda: _caught_up(pair.primary), "the standby to replay the apply")
    synced = run("plan", "--database-url", standby, "--scratch-url", primary, "--exit-code")
    assert synced.exit_code == 0, synced.output
    # the desired schema the apply kept on the primary is replayed too: found, used as is
    kept = run("plan", "--database-url", standby, "--exit-code")
    assert kept.exit_code == 0, kept.output


@slow
def test_commits_that_wait_for_a_standbys_replay_are_warned_of(pair: Pair, app: tuple[str, str]):
    primary, _ = app
    with db.connect(pair.primary, autocommit=True) as conn:
        conn.execute("ALTER SYSTEM SET synchronous_standby_names = '*'")
        conn.execute("SELECT pg_reload_conf()")
        conn.execute(
            sql.SQL("ALTER DATABASE {} SET synchronous_commit = remote_apply").format(
                sql.Identifier(db.database_of(primary))
            )
        )
    try:
        _wait_for(
            lambda: _value(pair.primary, "SELECT sync_state FROM pg_stat_replication") == "sync",
            "the standby to become synchronous",
        )
        result = run("plan", "--database-url", primary)
        assert result.exit_code == 0, result.output
        assert (
            f"warning: synchronous_commit = remote_apply with synchronous {STANDBY}: each COMMIT"
            " of the apply waits for them to replay it"
        ) in result.stderr
    finally:
        with db.connect(pair.primary, autocommit=True) as conn:
            conn.execute("ALTER SYSTEM RESET synchronous_standby_names")
            conn.execute("SELECT pg_reload_conf()")
    quiet = run("plan", "--database-url", primary)
    assert "remote_apply" not in quiet.stderr


@slow
def test_max_replica_lag_refuses_a_role_that_cannot_see_the_standbys_positions(
    pair: Pair, app: tuple[str, str]
):
    """A role without pg_monitor sees the standby's row but not its positions: apply
    --max-replica-lag says so rather than guess."""
    primary, _ = app
    role = "replica_" + os.urandom(3).hex()
    with db.connect(primary, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN CREATEDB PASSWORD 'pw'").format(sql.Identifier(role))
        )
        conn.execute(
            sql.SQL("GRANT CREATE ON DATABASE {} TO {}").format(
                sql.Identifier(db.database_of(primary)), sql.Identifier(role)
            )
        )
        conn.execute(sql.SQL("ALTER TABLE t OWNER TO {}").format(sql.Identifier(role)))
    address = db.address(primary)
    params = {**dict(address.params), "user": role, "password": "pw"}
    url = db.Address(tuple(params.items())).reveal()
    try:
        result = run("apply", "--database-url", url, "--max-replica-lag", "1MB", "--yes")
        assert result.exit_code == ExitCode.ERROR, result.output
        assert result.stderr.strip().splitlines()[-1] == (
            f"error: role {role!r} may not read the standbys' replay positions in"
            " pg_stat_replication: grant it pg_monitor (or pg_read_all_stats), or leave out"
            " --max-replica-lag"
        )
        assert _columns(primary) == ["id"]
    finally:
        with db.connect(primary, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
        with db.connect(pair.primary, autocommit=True) as conn:
            owned = conn.execute(
                "SELECT datname FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles"
                " WHERE rolname = %s)",
                (role,),
            ).fetchall()
            for (kept,) in owned:  # the desired schema kept as the role
                conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(kept)))
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_max_replica_lag_reads_sizes_and_durations_and_refuses_the_rest():
    from schematool.errors import ConfigError
    from schematool.project.config import parse_lag_limit

    assert (parse_lag_limit("1MB").bytes, parse_lag_limit("512kB").bytes) == (1024**2, 512 * 1024)
    assert (parse_lag_limit("5s").seconds, parse_lag_limit("250ms").seconds) == (5.0, 0.25)
    assert parse_lag_limit("0").bytes == 0
    for bad in ("5", "1 mb", "-1MB", "fast"):
        with pytest.raises(ConfigError, match="bad replica lag"):
            parse_lag_limit(bad)


def test_environments_set_max_replica_lag_and_the_flag_wins(tmp_path, monkeypatch):
    from schematool.errors import ConfigError
    from schematool.project.config import load_settings

    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "pyproject.toml",
        PYPROJECT + '\n[tool.schematool.environments.production]\nmax_replica_lag = "16MB"\n',
    )
    assert load_settings(connect=False).max_replica_lag is None
    assert load_settings(env="production", connect=False).max_replica_lag.bytes == 16 * 1024**2
    flagged = load_settings(env="production", connect=False, max_replica_lag="2s")
    assert flagged.max_replica_lag.seconds == 2.0
    write(
        tmp_path / "pyproject.toml",
        PYPROJECT.replace('schema = "schema"', 'schema = "schema"\nmax_replica_lag = 5'),
    )
    with pytest.raises(ConfigError, match="pyproject.toml max_replica_lag: bad replica lag '5'"):
        load_settings(connect=False)


def test_a_standby_that_replayed_everything_is_under_any_limit_whatever_replay_lag_says():
    from schematool.inspect.replication import Standby, behind
    from schematool.project.config import parse_lag_limit

    idle = Standby("a", "10.0.0.7", "streaming", "async", 0, 42.0)  # a stale replay_lag
    assert behind(idle, parse_lag_limit("1s")) == behind(idle, parse_lag_limit("0")) == ""
    late = Standby("a", "10.0.0.7", "streaming", "async", 3 * 1024**2, None)
    assert (
        behind(late, parse_lag_limit("1MB")) == 'standby "a" (10.0.0.7) has 3.0 MB of WAL to replay'
    )
    assert behind(late, parse_lag_limit("4MB")) == ""
    assert "replay lag is not measured yet" in behind(late, parse_lag_limit("1s"))
