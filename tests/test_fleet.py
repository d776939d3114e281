"""Fleets: `plan --targets FILE` reads every target's fingerprint, groups the targets that
share one, and plans once per group (issue 24, items 1 and 2; the rollout is not built)."""

from __future__ import annotations

import io
import json

import pytest

from schematool import db
from schematool.errors import ConfigError, ExitCode
from schematool.fleet.targets import read_targets
from tests.helpers import PYPROJECT, make_project, run, write

DESIRED = "CREATE TABLE t (id int, note text);\n"


def test_targets_file_reads_urls_libpq_strings_variables_and_comments(tmp_path):
    listed = tmp_path / "targets.txt"
    write(
        listed,
        """
        # production, eu
        postgresql://app:${EU_PASSWORD}@eu.db.internal:5432/audiobooks

           # indented comment
        host=us.db.internal port=6432 dbname=audiobooks user=app password=${US_PASSWORD}
        """,
    )
    targets = read_targets(listed, {"EU_PASSWORD": "eu-secret", "US_PASSWORD": "us-secret"})
    assert [t.where for t in targets] == [f"{listed}:2", f"{listed}:5"]
    assert [t.address.password for t in targets] == ["eu-secret", "us-secret"]
    assert [str(t) for t in targets] == [
        "postgresql://app:***@eu.db.internal:5432/audiobooks",
        "postgresql://app:***@us.db.internal:6432/audiobooks",
    ]
    from_stdin = read_targets("-", {}, io.StringIO("postgresql://a@h/db1\npostgresql://a@h/db2\n"))
    assert [t.where for t in from_stdin] == ["<stdin>:1", "<stdin>:2"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("postgresql://a@h/db\nnot an address\n", ":2: not a PostgreSQL URL"),
        ("# one\npostgresql://a:${MISSING}@h/db\n", ":2: ${MISSING} is not set"),
        (
            "postgresql://a@h/db\n\npostgresql://a@h/db\n",
            ":3: postgresql://a@h/db is listed already, at ",
        ),
        ("# nothing but comments\n\n", ": no targets (one database URL or libpq string per line)"),
        ("mysql://a:hunter2@h/db\n", ":1: not a PostgreSQL URL: mysql://a:***@h/db"),
        ("host=h password='hunter2\n", ":1: cannot read the connection string"),
    ],
)
def test_a_bad_targets_line_is_one_error_naming_file_and_line_never_the_password(
    tmp_path, text, message
):
    listed = tmp_path / "targets.txt"
    listed.write_text(text)
    with pytest.raises(ConfigError) as raised:
        read_targets(listed, {})
    assert message in raised.value.message
    assert raised.value.message.startswith(str(listed))
    assert "hunter2" not in raised.value.message and "\n" not in raised.value.message


def test_plan_targets_names_the_line_of_a_target_it_cannot_reach(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, {"t.sql": DESIRED}, PYPROJECT)
    assert run("render").exit_code == 0
    listing = "# closed port\npostgresql://u:hunter2@127.0.0.1:1/db\n"
    result = run("plan", "--targets", "-", input=listing)
    assert result.exit_code == ExitCode.ERROR, result.output
    assert result.stderr.startswith(
        "error: <stdin>:2: cannot connect to postgresql://u:***@127.0.0.1:1/db"
    )
    assert "hunter2" not in result.output and len(result.stderr.splitlines()) == 1


def test_plan_targets_refuses_a_bad_file_in_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, {"t.sql": DESIRED}, PYPROJECT)
    assert run("render").exit_code == 0
    missing = run("plan", "--targets", "nowhere.txt")
    assert missing.exit_code == ExitCode.USAGE
    assert missing.stderr == "error: targets file not found: nowhere.txt\n"
    both = run("plan", "--targets", "-", "--database-url", "postgresql://a@h/db", input="")
    assert both.exit_code == ExitCode.USAGE
    assert "takes no --database-url" in both.stderr


def _fleet_databases(db_factory, server, states: list[str]) -> list[str]:
    urls = []
    for state in states:
        url = db_factory(server)
        if state:
            with db.connect(url, autocommit=True) as conn:
                conn.execute(state)
        urls.append(url)
    return urls


def test_plan_targets_plans_once_per_fingerprint_group_and_lists_those_in_sync(
    pg, db_factory, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, {"t.sql": DESIRED}, PYPROJECT)
    assert run("render").exit_code == 0
    behind = "CREATE TABLE t (id int)"
    urls = _fleet_databases(db_factory, pg, [behind, DESIRED, behind])
    listing = "# the fleet\n" + "\n".join(urls) + "\n"
    text = run("plan", "--targets", "-", "--exit-code", input=listing)
    assert text.exit_code == ExitCode.CHANGES_PENDING, text.output
    lines = text.stdout.splitlines()
    assert lines[0] == "Fleet of 3 target(s): 1 group(s) with changes, 1 target(s) in sync"
    assert lines[2].startswith(f"== group 1: 2 target(s), PostgreSQL {pg.version}, fingerprint ")
    assert lines[3:5] == [f"   {db.mask_url(urls[0])}", f"   {db.mask_url(urls[2])}"]
    assert text.stdout.count("Plan for ") == 1  # one plan for the group of two
    assert 'alter table "public"."t" add column "note" text;' in text.stdout
    assert lines[-2:] == ["== in sync: 1 target(s)", f"   {db.mask_url(urls[1])}"]


@pytest.mark.slow
def test_a_fleet_over_both_servers_in_three_states_converges_to_all_in_sync(
    servers, db_factory, tmp_path, monkeypatch
):
    """Per server: two targets behind, one empty, one in sync; one plan per (server
    version, fingerprint); each target applied on its own (no fleet apply yet); the next
    fleet plan is all in sync."""
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, {"t.sql": DESIRED}, PYPROJECT)
    assert run("render").exit_code == 0
    states = ["CREATE TABLE t (id int)", "", DESIRED, "CREATE TABLE t (id int)"]
    urls = [
        url for server in servers.values() for url in _fleet_databases(db_factory, server, states)
    ]
    listed = tmp_path / "fleet.txt"
    listed.write_text("\n".join(urls) + "\n")
    plan = json.loads(run("plan", "--targets", str(listed), "--format", "json").stdout)
    assert plan["targets"] == len(urls) and len(plan["in_sync"]) == len(servers)
    assert len(plan["groups"]) == 2 * len(servers)  # behind, empty: per server version
    behind = [db.mask_url(u) for n, u in enumerate(urls) if n % len(states) in (0, 3)]
    together = [group["targets"] for group in plan["groups"] if len(group["targets"]) == 2]
    assert sorted(t for pair in together for t in pair) == sorted(behind)  # by server, in pairs
    sizes = sorted(len(group["targets"]) for group in plan["groups"])
    assert sizes == sorted([1, 2] * len(servers))
    for group in plan["groups"]:
        assert {step["action"] for step in group["plan"]["steps"]} == {"create"}
    markdown = run("plan", "--targets", str(listed), "--format", "markdown")
    assert markdown.stdout.startswith(
        f"## Fleet of {len(urls)} target(s): {2 * len(servers)} group(s)"
    )
    assert markdown.stdout.count("### schematool plan for ") == 2 * len(servers)
    assert markdown.stdout.count("### group ") == 2 * len(servers)
    for group in plan["groups"]:
        for target in group["targets"]:
            url = next(u for u in urls if db.mask_url(u) == target)
            assert run("apply", "--database-url", url, "--yes").exit_code == 0
    again = run("plan", "--targets", str(listed), "--exit-code")
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith(f"Fleet of {len(urls)} target(s): 0 group(s) with changes")
