"""A target compares with the desired schema as PostgreSQL means it: a database built
straight from schema/ with psql, or owned by another role than the one planning, plans
as in sync; a real difference still plans (canonical.comparable, schematool.inspect.ownership)."""

from __future__ import annotations

import copy
import secrets
import subprocess
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schematool import db
from schematool.errors import ExitCode
from schematool.inspect import catalog, ownership
from schematool.inspect.differences import difference_keys, differences
from tests.conftest import ROOT, Server
from tests.helpers import insert_declared_rows, run

SCHEMA = ROOT / "schema"


def _psql(server: Server) -> str:
    own = server.bindir / "psql" if server.bindir else None
    return str(own) if own and own.exists() else "/usr/bin/psql"


def load_with_psql(server: Server, url: str, schema_dir: Path = SCHEMA) -> None:
    """Each file in path order, as an init script does: one transaction per file,
    stopping at the first error."""
    for path in sorted(schema_dir.rglob("*.sql"), key=lambda p: p.relative_to(schema_dir).parts):
        subprocess.run(
            [_psql(server), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", str(path), url],
            check=True,
            capture_output=True,
        )


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("version", [15, 18])
def test_the_platform_schema_loaded_with_psql_plans_in_sync(version, servers, db_factory, at_root):
    server = servers[version]
    url = db_factory(server)
    load_with_psql(server, url)
    insert_declared_rows(url, ROOT / "data")  # the marketplaces apply would write
    result = run("plan", "--database-url", url, "--exit-code")
    assert result.exit_code == ExitCode.OK, result.stdout + result.stderr
    assert "in sync" in result.stdout.lower() or "no changes" in result.stdout.lower()


def test_a_psql_built_database_applies_a_change_and_verifies(pg, db_factory, at_root, tmp_path):
    """apply's pre-commit verification compares the same way: a database built with psql
    (whose CHECK texts nest their ANDs differently) takes a real change and converges."""
    url = db_factory(pg)
    load_with_psql(pg, url)
    insert_declared_rows(url, ROOT / "data")
    with db.connect(url, autocommit=True) as conn:
        conn.execute("ALTER TABLE audiobooks.series DROP CONSTRAINT series_name_check")
    planned = run("plan", "--database-url", url, "--format", "sql")
    assert "series_name_check" in planned.stdout
    assert "app_user" not in planned.stdout  # its CHECK is the same one, spelled otherwise
    applied = run("apply", "--database-url", url, "--yes", "--allow-hazards", "all")
    assert applied.exit_code == ExitCode.OK, applied.stdout + applied.stderr
    assert run("plan", "--database-url", url, "--exit-code").exit_code == ExitCode.OK


# --- a role that owns nothing --------------------------------------------------------------


def _read_only_role(server: Server, url: str, name: str) -> str:
    """A login role that may only read (pg_read_all_data: SELECT on every table, USAGE on
    every schema, no entry in any ACL) and connect; its URL to `url`'s database."""
    password = "ro-" + name
    with db.connect(server.url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(name), sql.Literal(password)
            )
        )
        conn.execute(sql.SQL("GRANT pg_read_all_data TO {}").format(sql.Identifier(name)))
    info = psycopg.conninfo.conninfo_to_dict(url)
    return f"postgresql://{name}:{password}@{info['host']}:{info['port']}/{info['dbname']}"


def _drop_role(server: Server, name: str) -> None:
    """The role and the databases it owns (kept desired schemas loaded as it); it holds
    no privilege of its own anywhere."""
    with db.connect(server.url, autocommit=True) as conn:
        owned = conn.execute(
            "SELECT datname FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles"
            " WHERE rolname = %s)",
            (name,),
        ).fetchall()
        for (database,) in owned:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
            )
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


@pytest.fixture
def read_only(pg, db_factory):
    """(the platform database built by the superuser, a read-only role's URL to it)."""
    name = "ro_" + secrets.token_hex(4)
    url = db_factory(pg)
    load_with_psql(pg, url)
    insert_declared_rows(url, ROOT / "data")
    try:
        yield url, _read_only_role(pg, url, name)
    finally:
        _drop_role(pg, name)


def test_a_read_only_role_runs_the_drift_check(pg, read_only, at_root):
    built, as_reader = read_only
    scratch = db.with_database(pg.url, "postgres")
    result = run("plan", "--database-url", as_reader, "--scratch-url", scratch, "--exit-code")
    assert result.exit_code == ExitCode.OK, result.stdout + result.stderr
    assert "OWNER TO" not in result.stdout and "CREATE OR REPLACE" not in result.stdout

    with db.connect(built, autocommit=True) as conn:  # drift the reader must see
        conn.execute("ALTER TABLE audiobooks.series ADD COLUMN drifted integer")
        conn.execute(
            "CREATE OR REPLACE FUNCTION audiobooks.hash_token(token text) RETURNS bytea"
            " LANGUAGE sql IMMUTABLE AS $$ SELECT sha256(convert_to(token || 'x', 'UTF8')) $$"
        )
    result = run("plan", "--database-url", as_reader, "--scratch-url", scratch, "--exit-code")
    assert result.exit_code == ExitCode.CHANGES_PENDING, result.stdout + result.stderr
    assert "drifted" in result.stdout and "hash_token" in result.stdout
    assert "OWNER TO" not in result.stdout


def test_history_with_a_role_that_may_not_read_it_is_one_clear_error(pg, db_factory, at_root):
    url = db_factory(pg)
    name = "nohist_" + secrets.token_hex(4)
    with db.connect(url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA schematool")
        conn.execute("CREATE TABLE schematool.history (id bigint)")
    password = "pw-" + name
    with db.connect(pg.url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(name), sql.Literal(password)
            )
        )
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
        as_role = f"postgresql://{name}:{password}@{info['host']}:{info['port']}/{info['dbname']}"
        result = run("history", "--database-url", as_role)
        assert result.exit_code == ExitCode.ERROR
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("error: ") and "unexpected" not in lines[0]
        assert "schematool.history" in lines[0] and name in lines[0]
        assert password not in result.stderr + result.stdout
    finally:
        _drop_role(pg, name)


def test_declared_owners_still_plan(pg, db_factory, tmp_path, monkeypatch):
    """An owner the files give (ALTER ... OWNER TO another role) is compared: only the
    owners the files do not declare are left alone."""
    schema = tmp_path / "schema"
    schema.mkdir()
    (schema / "t.sql").write_text(
        "CREATE TABLE t (id integer);\nALTER TABLE t OWNER TO case_writer;\n"
        "CREATE TABLE u (id integer);\n"
    )
    url = db_factory(pg)
    with db.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (id integer); CREATE TABLE u (id integer)")
        conn.execute("ALTER TABLE u OWNER TO case_reader")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.schematool]\nschema = "schema"\n')
    result = run("plan", "--database-url", url, "--schema-dir", str(schema), "--format", "sql")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "ALTER TABLE public.t OWNER TO case_writer;" in result.stdout
    assert "public.u" not in result.stdout  # u's owner is not declared: not compared


def test_an_acl_renamed_merges_as_postgresql_merges_it():
    items = ["postgres=arwdDxt/postgres", "reader=r/postgres", "app=r*w/postgres"]
    assert ownership.renamed_acl(items, "postgres", "reader") == [
        "app=r*w/reader",
        "reader=arwdDxt/reader",
    ]
    assert ownership.renamed_acl(['"Odd One"=U/"Odd One"'], "Odd One", "Bob") == ["Bob=U/Bob"]


def test_acls_compare_as_sets_whatever_their_order_and_the_collation(servers):
    """The snapshot keeps an ACL in PostgreSQL's stored order (the plan grants in the
    desired database's order); differences compare the privileges as a set, in Python's
    code-point order, also in a database whose collation sorts case-insensitively."""
    server = servers[15]  # its ICU knows en-US
    name = "t_icu_" + secrets.token_hex(4)
    role = "Zed_" + secrets.token_hex(4)
    with db.connect(server.url, autocommit=True) as conn:
        conn.execute(
            sql.SQL(
                "CREATE DATABASE {} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
                " LOCALE 'C.UTF-8'"
            ).format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(role)))
    try:
        with db.connect(db.with_database(server.url, name), autocommit=True) as conn:
            conn.execute("CREATE TABLE t (id int); GRANT SELECT ON t TO case_reader")
            conn.execute(sql.SQL("GRANT SELECT ON t TO {}").format(sql.Identifier(role)))
            snap = catalog.snapshot(conn, ())
            acl = snap["table"]["public.t"]["acl"]
    finally:
        with db.connect(server.url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
    assert acl[-1].startswith(role)  # granted last, stored last
    reordered = copy.deepcopy(snap)
    reordered["table"]["public.t"]["acl"] = list(reversed(acl))
    assert differences(snap, reordered) == []
    assert difference_keys(snap, reordered) == []
    fewer = copy.deepcopy(snap)
    fewer["table"]["public.t"]["acl"] = acl[:-1]
    assert differences(snap, fewer) != []


def test_an_identity_sequence_takes_its_tables_undeclared_owner(pg, db_factory, tmp_path, monkeypatch):
    """An identity column's sequence is owned with its table (the snapshot sees it since
    issue 15): where the files do not declare the table's owner, neither owner is
    compared, and apply's verification agrees after a change to the table."""
    schema = tmp_path / "schema"
    schema.mkdir()
    (schema / "t.sql").write_text(
        "CREATE TABLE t (id integer GENERATED ALWAYS AS IDENTITY, note text);\n"
    )
    url = db_factory(pg)
    with db.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (id integer GENERATED ALWAYS AS IDENTITY)")
        conn.execute("ALTER TABLE t OWNER TO case_reader")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.schematool]\nschema = "schema"\n')
    applied = run("apply", "--database-url", url, "--schema-dir", str(schema), "--yes")
    assert applied.exit_code == ExitCode.OK, applied.stdout + applied.stderr
    result = run("plan", "--database-url", url, "--schema-dir", str(schema), "--exit-code")
    assert result.exit_code == ExitCode.OK, result.stdout + result.stderr
    assert "OWNER TO" not in result.stdout


def test_publications_and_text_search_objects_keep_an_undeclared_owner(
    pg, db_factory, tmp_path, monkeypatch
):
    """A target's publication, dictionary and configuration owned by another role than
    the one loading the schema: the files declare no owner, so none is planned."""
    text = (
        "CREATE TABLE t (id int PRIMARY KEY);\n"
        "CREATE PUBLICATION feed FOR TABLE t;\n"
        "CREATE TEXT SEARCH DICTIONARY words (TEMPLATE = simple);\n"
        "CREATE TEXT SEARCH CONFIGURATION search (COPY = english);\n"
    )
    schema = tmp_path / "schema"
    schema.mkdir()
    (schema / "t.sql").write_text(text)
    url = db_factory(pg)
    with db.connect(url, autocommit=True) as conn:
        conn.execute(text)
        conn.execute("GRANT CREATE ON DATABASE " + db.database_of(url) + " TO case_reader")
        conn.execute("ALTER TABLE t OWNER TO case_reader")
        conn.execute("ALTER PUBLICATION feed OWNER TO case_reader")
        conn.execute("ALTER TEXT SEARCH DICTIONARY words OWNER TO case_reader")
        conn.execute("ALTER TEXT SEARCH CONFIGURATION search OWNER TO case_reader")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.schematool]\nschema = "schema"\n')
    result = run("plan", "--database-url", url, "--schema-dir", str(schema), "--exit-code")
    assert result.exit_code == ExitCode.OK, result.stdout + result.stderr
    assert "OWNER TO" not in result.stdout
