"""A server without the roles the schema names: the error says to run the configured
cluster_sql, and `--cluster-sql` runs it on the target's server first (plan loads the
schema into a scratch database on that server, so it needs the roles as much as apply)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from psycopg import sql

from schematool import db
from schematool.errors import ExitCode
from tests.helpers import run, write

BASE = """\
CREATE SCHEMA app;

CREATE TABLE app.account (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY
);

GRANT USAGE ON SCHEMA app TO {role};
GRANT SELECT ON app.account TO {role};
"""
ROLES = """\
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '{role}') THEN
        CREATE ROLE {role} NOLOGIN;
    END IF;
END
$$;
"""


def _role_exists(url: str, role: str) -> bool:
    with db.connect(url, autocommit=True) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
            is not None
        )


@pytest.fixture
def project(tmp_path, monkeypatch, pg, new_db) -> Iterator[tuple[Path, str, str]]:
    """A project whose schema grants to a role no server has yet (line 7 of its first
    file), with cluster/roles.sql creating it."""
    role = "app_" + secrets.token_hex(4)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.schematool]\nschema = "schema"\ncluster_sql = ["cluster/roles.sql"]\n'
        "keep_scratch = false\n"
    )
    write(tmp_path / "schema" / "00_base" / "schema.sql", BASE.format(role=role))
    write(tmp_path / "cluster" / "roles.sql", ROLES.format(role=role))
    url = new_db()
    monkeypatch.setenv("DATABASE_URL", url)
    try:
        yield tmp_path, url, role
    finally:
        with db.connect(pg.url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(db.database_of(url))
                )
            )
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.mark.parametrize("command", [["plan"], ["apply", "--yes"]])
def test_a_role_the_server_lacks_is_an_error_that_says_to_run_cluster_sql(project, command):
    _, url, role = project
    result = run(*command)
    assert result.exit_code == ExitCode.ERROR, result.output
    assert result.stderr.strip() == (
        f'error: schema/00_base/schema.sql:7: role "{role}" does not exist: roles are the'
        " server's, not the schema's: run the configured cluster_sql (cluster/roles.sql) on"
        " this server first: add --cluster-sql to plan or apply (or run psql -f on it)"
    )
    assert not _role_exists(url, role)


def test_cluster_sql_runs_the_configured_files_on_the_targets_server_first(project):
    _, url, role = project
    planned = run("plan", "--cluster-sql", "--exit-code")
    assert planned.exit_code == ExitCode.CHANGES_PENDING, planned.output
    assert _role_exists(url, role)
    applied = run("apply", "--yes", "--cluster-sql")  # idempotent: runs again
    assert applied.exit_code == ExitCode.OK, applied.output
    assert "applied" in applied.stdout
    assert run("plan", "--exit-code").exit_code == ExitCode.OK


def test_cluster_sql_without_configured_files_is_a_usage_error(project):
    root, url, role = project
    (root / "pyproject.toml").write_text('[tool.schematool]\nschema = "schema"\n')
    result = run("apply", "--yes", "--cluster-sql")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.strip() == (
        "error: --cluster-sql: no cluster_sql is configured in [tool.schematool] of pyproject.toml"
    )
    assert not _role_exists(url, role)


def test_a_failing_cluster_sql_file_is_named(project):
    root, url, role = project
    (root / "cluster" / "roles.sql").write_text("CREATE ROLE;\n")
    result = run("apply", "--yes", "--cluster-sql")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.startswith("error: cluster/roles.sql:")
    assert "syntax error" in result.stderr


@pytest.mark.parametrize("command", [["plan"], ["apply", "--yes"]])
def test_a_role_the_cluster_sql_does_not_create_is_said_so_when_it_ran(project, command):
    """--cluster-sql given and the role still missing: adding --cluster-sql is no
    advice; the configured files lack the role."""
    root, url, role = project
    (root / "cluster" / "roles.sql").write_text("SELECT 1;  -- creates no role\n")
    result = run(*command, "--cluster-sql")
    assert result.exit_code == ExitCode.ERROR, result.output
    assert result.stderr.strip() == (
        f'error: schema/00_base/schema.sql:7: role "{role}" does not exist: roles are the'
        " server's, not the schema's, and the configured cluster_sql (cluster/roles.sql),"
        " which --cluster-sql ran on this server, does not create it: add it there"
    )
    assert not _role_exists(url, role)
