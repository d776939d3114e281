"""Fleets applied: `apply --targets FILE` / `--fleet NAME` (issue 24): fingerprint first, one
plan per group, then target by target under each target's apply lock, with canaries,
parallelism per server, `--on-error`, a report (text and JSON) and a rollout id in history."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from schematool import db
from schematool.errors import ExitCode
from tests.helpers import PYPROJECT, make_project, run
from tests.test_fleet import _fleet_databases as _databases

ROOT = Path(__file__).resolve().parent.parent
DESIRED = "CREATE TABLE t (id int, note text);\nCREATE UNIQUE INDEX t_id ON t (id);\n"
BEHIND = "CREATE TABLE t (id int)"
OTHER = "CREATE TABLE t (id int, extra int)"


def _apply(listed: str, *extra: str, input: str | None = None):
    """`apply --targets LISTED --yes --allow-hazards all` with `extra` options."""
    return run("apply", "--targets", listed, "--yes", "--allow-hazards", "all", *extra, input=input)


def _project(tmp_path, monkeypatch, pyproject: str = PYPROJECT) -> None:
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, {"t.sql": DESIRED}, pyproject)
    assert run("render").exit_code == 0


def _listing(tmp_path, urls: list[str]) -> str:
    listed = tmp_path / "fleet.txt"
    listed.write_text("\n".join(urls) + "\n")
    return str(listed)


def _fingerprint(url: str) -> str:
    from schematool.inspect import catalog

    with db.connect(url, autocommit=True) as conn:
        return catalog.fingerprint(conn, ("schematool",))


def _rollouts(url: str) -> list[tuple[str, str | None]]:
    with db.connect(url, autocommit=True) as conn:
        exists = conn.execute("SELECT to_regclass('schematool.history')").fetchone()[0]
        if exists is None:
            return []
        return conn.execute(
            "SELECT outcome, rollout FROM schematool.history ORDER BY id"
        ).fetchall()


def _report(result) -> dict:
    report = json.loads(result.stdout)
    schema = json.loads((ROOT / "docs" / "fleet-report.schema.json").read_text())
    jsonschema.validate(report, schema)
    return report


def _status(report: dict) -> dict[str, str]:
    return {t["target"]: t["status"] for t in report["targets"]}


@pytest.mark.slow
def test_apply_targets_applies_each_group_once_leaves_in_sync_targets_and_records_the_rollout(
    servers, db_factory, tmp_path, monkeypatch
):
    """On each server: two behind (one group), one of another shape, one in sync. The
    in-sync targets get no history row (never touched); the others converge, each
    history row carrying the rollout's id; the next fleet plan is all in sync."""
    _project(tmp_path, monkeypatch)
    urls = [
        url
        for server in servers.values()
        for url in _databases(db_factory, server, [BEHIND, OTHER, DESIRED, BEHIND])
    ]
    listed = _listing(tmp_path, urls)
    in_sync = [u for n, u in enumerate(urls) if n % 4 == 2]
    before = {u: _fingerprint(u) for u in in_sync}
    result = _apply(listed, "--format", "json", "--parallel", "2")
    assert result.exit_code == ExitCode.OK, result.output
    report = _report(result)
    assert report["counts"]["applied"] == 3 * len(servers)
    assert report["counts"]["in sync"] == len(servers)
    statuses = _status(report)
    assert {statuses[db.mask_url(u)] for u in in_sync} == {"in sync"}
    rollout = report["rollout"]
    for url in urls:
        rows = _rollouts(url)
        if url in in_sync:
            assert rows == [] and _fingerprint(url) == before[url]
        else:
            assert rows == [("applied", rollout)], url
    # the per-target lines went to stderr, one per target
    assert sum(line.startswith("applied (") for line in result.stderr.splitlines()) == 6
    again = run("plan", "--targets", listed, "--exit-code")
    assert again.exit_code == ExitCode.OK, again.output


def test_a_target_that_changes_after_the_plan_is_skipped_as_drifted_and_named(
    pg, db_factory, tmp_path, monkeypatch
):
    """apply --plan FILE: the fleet plan saved; one target then changed by hand. It is not
    its group's any more: left alone, reported as drifted (exit 11); the other applies."""
    _project(tmp_path, monkeypatch)
    urls = _databases(db_factory, pg, [BEHIND, BEHIND])
    listed = _listing(tmp_path, urls)
    saved = tmp_path / "fleet-plan.json"
    planned = run("plan", "--targets", listed, "--out", str(saved), "--format", "json")
    assert planned.exit_code == 0, planned.output
    assert len(json.loads(saved.read_text())["groups"]) == 1
    with db.connect(urls[1], autocommit=True) as conn:
        conn.execute("ALTER TABLE t ADD COLUMN moved int")
    moved = _fingerprint(urls[1])
    result = _apply(listed, "--plan", str(saved))
    assert result.exit_code == ExitCode.TARGETS_DRIFTED == 11, result.output
    assert f"drifted  {db.mask_url(urls[1])}: its fingerprint is not in the saved plan" in (
        result.stdout
    )
    assert f"drifted: {db.mask_url(urls[1])}" in result.stdout
    assert _fingerprint(urls[1]) == moved and _rollouts(urls[1]) == []
    assert [outcome for outcome, _ in _rollouts(urls[0])] == ["applied"]


def test_a_target_that_moves_under_a_running_rollout_is_skipped_as_drifted(
    pg, db_factory, tmp_path, monkeypatch
):
    """The check under each target's own apply lock: a target that is not its group's
    when its turn comes (changed after the fleet plan was made) is not applied."""
    from schematool.apply.runner import ApplyOptions
    from schematool.fleet import grouping, rollout
    from schematool.fleet.targets import read_targets
    from schematool.project.config import load_settings

    _project(tmp_path, monkeypatch)
    urls = _databases(db_factory, pg, [BEHIND, BEHIND])
    settings = load_settings(connect=False)
    targets = read_targets(_listing(tmp_path, urls))
    fleet = grouping.plan_fleet(settings, targets)
    assert len(fleet.pending) == 1 and len(fleet.pending[0].targets) == 2
    with db.connect(urls[1], autocommit=True) as conn:
        conn.execute("ALTER TABLE t ADD COLUMN moved int")
    report = rollout.rollout(
        settings,
        fleet,
        targets,
        ApplyOptions(allowed_hazards=frozenset({"all"})),
        rollout.RolloutOptions("r1"),
    )
    assert [o.status for o in report.outcomes] == ["applied", "drifted"]
    assert "not its group's" in report.outcomes[1].reason
    assert report.exit_code == ExitCode.TARGETS_DRIFTED
    assert _rollouts(urls[1]) == []


def test_a_failing_canary_stops_the_rest(pg, db_factory, tmp_path, monkeypatch):
    """The first target's rows break the new unique index: it fails (rolled back), and no
    other target starts; the report names it and the ones not started (exit 10)."""
    _project(tmp_path, monkeypatch)
    urls = _databases(db_factory, pg, [BEHIND, BEHIND, BEHIND])
    with db.connect(urls[0], autocommit=True) as conn:
        conn.execute("INSERT INTO t VALUES (1), (1)")
    listed = _listing(tmp_path, urls)
    result = _apply(listed, "--format", "json", "--on-error", "continue")
    assert result.exit_code == ExitCode.TARGETS_FAILED == 10, result.output
    report = _report(result)
    assert [t["status"] for t in report["targets"]] == ["failed", "not started", "not started"]
    assert "could not create unique index" in report["targets"][0]["reason"]
    assert [_rollouts(u) for u in urls[1:]] == [[], []]
    assert [o for o, _ in _rollouts(urls[0])] == ["failed"]


@pytest.mark.slow
def test_on_error_continue_goes_on_and_stop_starts_nothing_after_a_failure(
    pg, db_factory, tmp_path, monkeypatch
):
    """The second target fails (after the canary applied): with continue the others
    converge and the report names it; with stop nothing after it starts."""
    _project(tmp_path, monkeypatch)
    for on_error, after in (("continue", "applied"), ("stop", "not started")):
        urls = _databases(db_factory, pg, [BEHIND, BEHIND, BEHIND])
        with db.connect(urls[1], autocommit=True) as conn:
            conn.execute("INSERT INTO t VALUES (1), (1)")
        result = _apply(_listing(tmp_path, urls), "--format", "json", "--on-error", on_error)
        assert result.exit_code == ExitCode.TARGETS_FAILED, result.output
        report = _report(result)
        assert [t["status"] for t in report["targets"]] == ["applied", "failed", after]
        assert report["targets"][1]["target"] == db.mask_url(urls[1])
        assert report["targets"][1]["exit_code"] == ExitCode.ERROR


@pytest.mark.slow
def test_resume_skips_the_targets_the_rollout_already_applied(
    pg, db_factory, tmp_path, monkeypatch
):
    """A rollout stopped by a failure; the failing target fixed; `--resume ID` applies the
    rest under the same id, and the target applied the first time is reported done."""
    _project(tmp_path, monkeypatch)
    urls = _databases(db_factory, pg, [BEHIND, BEHIND, BEHIND])
    with db.connect(urls[1], autocommit=True) as conn:
        conn.execute("INSERT INTO t VALUES (1), (1)")
    listed = _listing(tmp_path, urls)
    first = _apply(listed)
    assert first.exit_code == ExitCode.TARGETS_FAILED, first.output
    rollout = first.stderr.split("rollout ", 1)[1].split()[0]
    assert f"rerun with --resume {rollout}" in first.stdout
    with db.connect(urls[1], autocommit=True) as conn:
        conn.execute("DELETE FROM t")
    # the first target drifts back (someone undid it): the resumed rollout leaves it
    with db.connect(urls[0], autocommit=True) as conn:
        conn.execute("DROP INDEX t_id")
    again = _apply(listed, "--resume", rollout, "--format", "json")
    assert again.exit_code == ExitCode.OK, again.output
    report = _report(again)
    assert report["rollout"] == rollout
    assert [t["status"] for t in report["targets"]] == ["done earlier", "applied", "applied"]
    for url in urls[1:]:
        assert ("applied", rollout) in _rollouts(url)


def test_the_fleet_text_report_and_history_name_every_target_without_passwords(
    pg, db_factory, tmp_path, monkeypatch
):
    """Read from standard input: one line per target, the table of counts, the rollout
    in the applied target's history; the test server's password nowhere."""
    _project(tmp_path, monkeypatch)
    urls = _databases(db_factory, pg, [BEHIND, DESIRED])
    with_password = [db.address(u) for u in urls]
    result = _apply("-", input="\n".join(urls) + "\n")
    assert result.exit_code == ExitCode.OK, result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith("applied (") for line in lines)
    assert f"in sync  {db.mask_url(urls[1])}" in lines
    table = result.stdout.split("rollout ", 1)[1]
    assert "  applied      1" in table and "  in sync      1" in table
    rollout = result.stderr.split("rollout ", 1)[1].split()[0]
    shown = run("history", "--database-url", urls[0])
    assert shown.stdout.rstrip().endswith(f", rollout {rollout}"), shown.output
    for address in with_password:
        if address.password:
            assert address.password not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--targets", "-", "--fleet", "x"],
            "--targets and --fleet both name the targets: give one of them",
        ),
        (["--fleet", "nowhere"], "unknown fleet 'nowhere' (pyproject.toml defines: none)"),
        (["--canary", "2"], "--canary is for a fleet: give --targets or --fleet"),
        (["--targets", "-", "--expand"], "a fleet run (--targets or --fleet) takes no --expand"),
        (["--targets", "-", "--shard", "4/3"], "--shard '4/3': K must be from 1 to N"),
    ],
)
def test_fleet_usage_errors_are_one_line_exit_2(tmp_path, monkeypatch, args, message):
    _project(tmp_path, monkeypatch)
    result = run("apply", *args, input="postgresql://a@h/db\n")
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.stderr == f"error: {message}\n"


def _tenants(server, prefix: str, count: int, state: str) -> list[str]:
    from psycopg import sql

    urls = []
    with db.connect(server.url, autocommit=True) as conn:
        for n in range(count):
            name = f"{prefix}{n}"
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name))
            )
            urls.append(db.with_database(server.url, name))
    for url in urls:
        with db.connect(url, autocommit=True) as conn:
            conn.execute(state)
    return urls


def _drop(server, urls: list[str]) -> None:
    from psycopg import sql

    with db.connect(server.url, autocommit=True) as conn:
        for url in urls:
            name = sql.Identifier(db.database_of(url))
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


@pytest.mark.slow
def test_fleet_of_a_servers_databases_matching_a_pattern_with_its_environment(
    pg, tmp_path, monkeypatch
):
    """[tool.schematool.fleets.tenants]: every database of $TENANTS_URL's server named
    like the pattern, under the fleet's environment (its allowances hold for each)."""
    import secrets

    prefix = f"tenant_{secrets.token_hex(3)}_"
    pyproject = (
        PYPROJECT
        + f"""
[tool.schematool.environments.prod]
allow_hazards = ["all"]
lock_timeout = "2s"

[tool.schematool.fleets.tenants]
server_url_env = "TENANTS_URL"
databases = "{prefix}%"
environment = "prod"
parallel = 2
"""
    )
    _project(tmp_path, monkeypatch, pyproject)
    urls = _tenants(pg, prefix, 3, BEHIND)
    try:
        monkeypatch.setenv("TENANTS_URL", pg.url)
        planned = run("plan", "--fleet", "tenants", "--format", "json")
        assert planned.exit_code == 0, planned.output
        assert [len(g["targets"]) for g in json.loads(planned.stdout)["groups"]] == [3]
        result = run("apply", "--fleet", "tenants", "--yes", "--format", "json")
        assert result.exit_code == ExitCode.OK, result.output
        report = _report(result)
        assert [t["target"] for t in report["targets"]] == [db.mask_url(u) for u in urls]
        assert report["counts"]["applied"] == 3
        again = run("plan", "--fleet", "tenants", "--exit-code")
        assert again.exit_code == 0, again.output
    finally:
        _drop(pg, urls)


def test_fleet_listing_its_targets_reads_variables_and_refuses_bad_tables(
    pg, db_factory, tmp_path, monkeypatch
):
    urls = _databases(db_factory, pg, [BEHIND, DESIRED])
    secret = db.address(urls[0]).password
    listed = [u.replace(f":{secret}@", ":${FLEET_PASSWORD}@") for u in urls]
    pyproject = (
        PYPROJECT
        + f"""
[tool.schematool.fleets.staging]
targets = {json.dumps(listed)}

[tool.schematool.fleets.broken]
targets = []
targets_file = "fleet.txt"
"""
    )
    _project(tmp_path, monkeypatch, pyproject)
    monkeypatch.setenv("FLEET_PASSWORD", secret)
    result = run("apply", "--fleet", "staging", "--yes", "--allow-hazards", "all")
    assert result.exit_code == 0, result.output
    assert secret not in result.output
    assert f"in sync  {db.mask_url(urls[1])}" in result.stdout.splitlines()
    broken = run("plan", "--fleet", "broken")
    assert broken.exit_code == ExitCode.USAGE
    assert broken.stderr == (
        "error: pyproject.toml [tool.schematool.fleets.broken]: give one of targets (a list),"
        " targets_file, or server_url_env with databases (found: targets, targets_file)\n"
    )


def test_the_scheduler_runs_n_at_once_never_two_of_one_server():
    """Targets on three servers, --parallel 3: at most three at once, never two of one
    server at once, every target once (the scheduler alone: each "apply" sleeps)."""
    import threading
    import time

    from schematool.fleet import rollout
    from schematool.fleet.targets import Target

    targets = [
        Target(db.address(f"postgresql://u@h{n % 3}:5432/db{n}"), f"x:{n}") for n in range(12)
    ]
    running: dict[str, int] = {}
    peak = {"all": 0, "server": 0}
    lock = threading.Lock()

    def one(target, group):
        server = target.address.get("host")
        with lock:
            running[server] = running.get(server, 0) + 1
            peak["server"] = max(peak["server"], running[server])
            peak["all"] = max(peak["all"], sum(running.values()))
        time.sleep(0.02)
        with lock:
            running[server] -= 1
        return rollout.Outcome(target, rollout.APPLIED, 0.02)

    seen = []
    interrupted, stopped = rollout._schedule(
        [(t, None) for t in targets], 3, rollout._failed, one, seen.append
    )
    assert not interrupted and not stopped
    assert sorted(o.target.where for o in seen) == sorted(t.where for t in targets)
    assert peak == {"all": 3, "server": 1}


def test_shards_cover_every_target_exactly_once_and_keep_their_targets_when_more_come():
    from schematool.fleet.targets import Target, in_shard

    def fleet(count: int) -> list[Target]:
        return [
            Target(db.address(f"postgresql://u:pw@h{n % 4}:5432/tenant_{n}"), f"x:{n}")
            for n in range(count)
        ]

    small, large = fleet(30), fleet(45)
    shards = [in_shard(small, k, 3) for k in (1, 2, 3)]
    assert sorted(t.where for s in shards for t in s) == sorted(t.where for t in small)
    assert all(shard for shard in shards)  # none empty, for 30 targets
    grown = [in_shard(large, k, 3) for k in (1, 2, 3)]
    for before, after in zip(shards, grown, strict=True):
        assert {t.where for t in before} <= {t.where for t in after}


@pytest.mark.slow
def test_two_rollouts_at_once_never_apply_a_target_twice(pg, db_factory, tmp_path, monkeypatch):
    """Both plan the same group; each target's apply lock and the fingerprint read under
    it let one of them apply it, the other finds it at the desired schema."""
    import threading

    from schematool.apply.runner import ApplyOptions
    from schematool.fleet import grouping, rollout
    from schematool.fleet.targets import read_targets
    from schematool.project.config import load_settings

    _project(tmp_path, monkeypatch)
    urls = _databases(db_factory, pg, [BEHIND, BEHIND, BEHIND])
    settings = load_settings(connect=False)
    targets = read_targets(_listing(tmp_path, urls))
    fleets = [grouping.plan_fleet(settings, targets) for _ in range(2)]
    reports = []
    allowed = ApplyOptions(allowed_hazards=frozenset({"all"}))

    def run_one(n: int) -> None:
        options = rollout.RolloutOptions(f"r{n}", canary=0)
        reports.append(rollout.rollout(settings, fleets[n], targets, allowed, options))

    threads = [threading.Thread(target=run_one, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(report.exit_code == ExitCode.OK for report in reports)
    for url in urls:
        assert [outcome for outcome, _ in _rollouts(url)] == ["applied"]
    applied = sum(report.counts()["applied"] for report in reports)
    assert applied == len(urls)


@pytest.mark.slow
def test_a_fleet_of_40_databases_over_both_servers_converges_with_one_plan_per_group(
    servers, db_factory, tmp_path, monkeypatch
):
    """40 databases over the test servers in three starting states plus some in sync:
    one plan per (server version, state); --parallel 4 applies them all; the next fleet
    plan is all in sync, and the in-sync ones have no history."""
    _project(tmp_path, monkeypatch)
    states = [BEHIND, OTHER, "", DESIRED]
    per_server = 40 // len(servers)
    urls = [
        url
        for server in servers.values()
        for url in _databases(db_factory, server, [states[n % 4] for n in range(per_server)])
    ]
    listed = _listing(tmp_path, urls)
    planned = json.loads(run("plan", "--targets", listed, "--format", "json").stdout)
    assert len(planned["groups"]) == 3 * len(servers)
    assert len(planned["in_sync"]) == len(urls) // 4
    result = _apply(listed, "--parallel", "4", "--format", "json")
    assert result.exit_code == ExitCode.OK, result.output
    report = _report(result)
    assert report["counts"]["applied"] == len(urls) - len(urls) // 4
    assert {t["group"] for t in report["targets"] if t["status"] == "applied"} == set(
        range(1, 3 * len(servers) + 1)
    )
    again = run("plan", "--targets", listed, "--exit-code")
    assert again.exit_code == ExitCode.OK, again.output
    assert again.stdout.startswith(f"Fleet of {len(urls)} target(s): 0 group(s) with changes")
    assert all(_rollouts(u) == [] for n, u in enumerate(urls) if n % per_server % 4 == 3)


def test_an_interrupt_starts_no_new_target_and_lets_the_running_one_finish():
    """SIGINT while the first target runs: it finishes (its outcome is kept), no other
    target starts, and the schedule says it was interrupted."""
    import os
    import signal
    import time

    from schematool.fleet import rollout
    from schematool.fleet.targets import Target

    targets = [Target(db.address(f"postgresql://u@h:5432/db{n}"), f"x:{n}") for n in range(3)]
    seen = []

    def one(target, group):
        if target is targets[0]:
            os.kill(os.getpid(), signal.SIGINT)  # delivered to the main thread, joining
            time.sleep(0.3)
        return rollout.Outcome(target, rollout.APPLIED, 0.3)

    interrupted, stopped = rollout._schedule(
        [(t, None) for t in targets], 1, rollout._failed, one, seen.append
    )
    assert interrupted and not stopped
    assert [o.target for o in seen] == [targets[0]]


@pytest.mark.slow
def test_three_shards_apply_every_target_once_and_their_reports_merge(
    pg, db_factory, tmp_path, monkeypatch
):
    """`apply --shard K/3` for K = 1, 2, 3 under one rollout id (`--resume` of a new id):
    every target applied by exactly one shard; `report merge` sums them into the whole
    fleet's report (exit 0), and refuses a report given twice."""
    _project(tmp_path, monkeypatch)
    urls = _databases(db_factory, pg, [BEHIND] * 5 + [DESIRED])
    listed = _listing(tmp_path, urls)
    files = []
    for k in (1, 2, 3):
        result = _apply(listed, "--shard", f"{k}/3", "--format", "json", "--resume", "ci-run-7")
        assert result.exit_code == 0, result.output
        path = tmp_path / f"report-{k}.json"
        path.write_text(result.stdout)
        files.append(str(path))
    merged = run("report", "merge", *files)
    assert merged.exit_code == 0, merged.output
    report = _report(merged)
    assert sorted(t["target"] for t in report["targets"]) == sorted(db.mask_url(u) for u in urls)
    assert report["counts"]["applied"] == 5 and report["counts"]["in sync"] == 1
    assert report["rollout"] == "ci-run-7"
    for url in urls[:5]:
        assert _rollouts(url) == [("applied", "ci-run-7")]
    twice = run("report", "merge", files[0], files[0])
    assert twice.exit_code == ExitCode.USAGE and "shards overlap?" in twice.stderr


def test_report_merge_refuses_what_is_no_fleet_report(tmp_path):
    bad = tmp_path / "plan.json"
    bad.write_text('{"format": "schematool-plan"}')
    result = run("report", "merge", str(bad))
    assert result.exit_code == ExitCode.USAGE
    assert (
        result.stderr == f"error: {bad}: not a fleet report (apply --targets ... --format json)\n"
    )


def test_a_shard_holding_no_target_is_an_empty_fleet_exit_0(tmp_path, monkeypatch):
    """Shards are chosen by hash: a small fleet may leave one empty; its job succeeds."""
    from schematool.fleet.targets import Target, in_shard

    _project(tmp_path, monkeypatch)
    url = "postgresql://u:pw@127.0.0.1:1/db"
    empty = next(k for k in (1, 2) if not in_shard([Target(db.address(url), "x")], k, 2))
    result = run("apply", "--targets", "-", "--shard", f"{empty}/2", "--yes", input=url + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Fleet of 0 target(s)")
