"""The platform schema, applied by schematool, is the rendered schema completely.

migra alone skips comments, FORCE ROW LEVEL SECURITY, schema and column grants; this
proves, with pg_dump rather than schematool's own catalog, that nothing is missed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from schematool import db
from schematool.desired import load
from schematool.desired.database import load_desired
from schematool.project.files import schema_files
from schematool.project.reference_data import read_declared
from tests import pgdump
from tests.conftest import ROOT
from tests.helpers import run


def test_applied_platform_schema_equals_the_rendered_schema_in_pg_dump(
    servers, db_factory, monkeypatch
):
    for server in servers.values():
        applied, reference = db_factory(server), db_factory(server)
        monkeypatch.chdir(ROOT)
        monkeypatch.setenv("DATABASE_URL", applied)
        result = run("apply", "--yes")
        assert result.exit_code == 0, result.output
        files = schema_files(ROOT / "schema", "schema")
        load_desired(reference, files)
        assert pgdump.dump(server, applied) == pgdump.dump(server, reference)
        assert run("plan", "--exit-code").exit_code == 0
        # the declared rows (data/) arrive with apply: Audible's 11 stores, before any sync
        with db.connect(applied) as conn:
            stores = conn.execute(
                "SELECT code, name, site_domain FROM audiobooks.marketplace ORDER BY id"
            ).fetchall()
        (declared,) = read_declared(ROOT / "data", "data")
        assert stores == [row.values for row in declared.rows] and len(stores) == 11


def _project_with_publisher_varchar(root: Path) -> Path:
    """A copy of the platform project whose title.publisher is varchar(300) (issue 11:
    it feeds the generated search_document), rendered."""
    project = root / "project"
    project.mkdir()
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    for folder in ("templates", "cluster"):
        shutil.copytree(ROOT / folder, project / folder)
    template = project / "templates" / "catalog" / "title.sql.j2"
    text = template.read_text()
    assert "    publisher text CHECK" in text
    template.write_text(
        text.replace("    publisher text CHECK", "    publisher varchar(300) CHECK")
    )
    return project


def _columns_unordered(dump: list[str]) -> list[str]:
    """The dump with the lines of CREATE TABLE audiobooks.title sorted."""
    table = "CREATE TABLE audiobooks.title ("
    return sorted(
        "\n".join(sorted(s.rstrip(",") for s in statement.splitlines()))
        if table in statement
        else statement
        for statement in dump
    )


def _allowing(*kinds: str) -> list[str]:
    return [arg for kind in kinds for arg in ("--allow-hazards", kind)]


@pytest.mark.parametrize("version", [15, 18])
def test_a_column_a_generated_column_reads_changes_type_on_the_platform(
    version, servers, db_factory, monkeypatch, tmp_path
):
    """title.publisher text -> varchar(300) under search_document (a stored generated
    column with a GIN index and a comment), with the sample data: the generated column
    is dropped, the type changed, the column added back with its index and comment; the
    plan applies and the result is the new schema in pg_dump."""
    server = servers[version]
    project = _project_with_publisher_varchar(tmp_path)
    monkeypatch.chdir(project)
    assert run("render").exit_code == 0
    url, reference = db_factory(server), db_factory(server)
    with db.connect(url, autocommit=True) as conn:
        load.load(conn, schema_files(ROOT / "schema", "schema"))
        with conn.transaction():
            conn.execute((ROOT / "tests" / "data" / "sample_data.sql").read_text())
    monkeypatch.setenv("DATABASE_URL", url)
    planned = run("plan", "--format", "sql")
    assert planned.exit_code == 0, planned.output
    script = planned.stdout
    drop = script.index("DROP COLUMN search_document")
    retype = script.index('alter column "publisher" set data type character varying(300)')
    add = script.index("ADD COLUMN search_document")
    assert drop < retype < add < script.index("CREATE INDEX title_search_document_idx")
    applied = run("apply", "--yes", *_allowing("data-loss", "table-rewrite", "blocking-lock"))
    assert applied.exit_code == 0, applied.output
    assert run("plan", "--exit-code").exit_code == 0
    with db.connect(reference, autocommit=True) as conn:  # built as the target was
        load.load(conn, schema_files(project / "schema", "schema"))
    # the generated column comes back as the table's last: PostgreSQL cannot add a
    # column elsewhere, so the title table's columns compare as a set
    assert _columns_unordered(pgdump.dump(server, url)) == _columns_unordered(
        pgdump.dump(server, reference)
    )
    with db.connect(url, autocommit=True) as conn:
        missing = conn.execute(
            "SELECT count(*) FROM audiobooks.title WHERE publisher IS NOT NULL"
            " AND NOT search_document @@ plainto_tsquery('simple', publisher)"
        ).fetchone()
        rows = conn.execute("SELECT count(*) FROM audiobooks.title").fetchone()
    assert rows[0] > 0 and missing[0] == 0  # every row's document was computed again


# Supabase's auth schema as the platform's schema sees it (the external file), and as the
# target holds it: more columns, a function and a grant that belong to Supabase alone
AUTH_EXTERNAL = """\
CREATE SCHEMA auth;
CREATE TABLE auth.users (id uuid PRIMARY KEY, email text);
"""
AUTH_ON_TARGET = AUTH_EXTERNAL + """\
ALTER TABLE auth.users ADD COLUMN instance_id uuid, ADD COLUMN raw_app_meta_data jsonb;
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
GRANT USAGE ON SCHEMA auth TO PUBLIC;
"""
AUTH_LOGIN = """\
CREATE TABLE audiobooks.auth_login (
    user_id bigint PRIMARY KEY REFERENCES audiobooks.app_user (id) ON DELETE CASCADE,
    auth_user_id uuid NOT NULL UNIQUE REFERENCES auth.users (id) ON DELETE CASCADE
);
COMMENT ON TABLE audiobooks.auth_login IS 'The Supabase login of a platform user.';
"""


@pytest.mark.parametrize("version", [15, 18])
def test_the_platform_with_a_foreign_key_to_an_external_auth_users_applies(
    version, servers, db_factory, monkeypatch, tmp_path
):
    """Issue 25: the platform schema, with a table whose key references Supabase's
    auth.users (declared in an external file), applies to a target that has Supabase's
    own auth schema; the plan holds nothing for auth, and auth is left as it was."""
    server = servers[version]
    project = tmp_path / "project"
    project.mkdir()
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert "\nexclude_schemas = []\n" in pyproject
    (project / "pyproject.toml").write_text(
        pyproject.replace(
            "\nexclude_schemas = []\n", '\nexclude_schemas = []\nexternal = ["external/*.sql"]\n'
        )
    )
    for folder in ("templates", "cluster", "data"):
        shutil.copytree(ROOT / folder, project / folder)
    (project / "templates" / "accounts" / "auth_login.sql.j2").write_text(AUTH_LOGIN)
    (project / "external").mkdir()
    (project / "external" / "auth.sql").write_text(AUTH_EXTERNAL)
    monkeypatch.chdir(project)
    assert run("render").exit_code == 0
    url = db_factory(server)
    with db.connect(url, autocommit=True) as conn:
        conn.execute(AUTH_ON_TARGET)
        before = pgdump.dump(server, url)
    monkeypatch.setenv("DATABASE_URL", url)
    planned = run("plan", "--format", "json")
    assert planned.exit_code == 0, planned.output
    steps = json.loads(planned.stdout)["steps"]
    assert steps and all(step["object"][1] != "auth" for step in steps)
    assert any(step["object"][-1] == "auth_login" for step in steps)
    applied = run("apply", "--yes")
    assert applied.exit_code == 0, applied.output
    assert run("plan", "--exit-code").exit_code == 0
    with db.connect(url, autocommit=True) as conn:
        references = conn.execute(
            "SELECT confrelid::regclass::text FROM pg_constraint"
            " WHERE conrelid = 'audiobooks.auth_login'::regclass AND contype = 'f'"
            " ORDER BY 1"
        ).fetchall()
    assert references == [("audiobooks.app_user",), ("auth.users",)]
    # Supabase's part of the database is as it was: every statement of the dump that
    # names auth is still there, unchanged
    after = pgdump.dump(server, url)
    auth_before = [s for s in before if "auth." in s or "SCHEMA auth" in s]
    assert auth_before and all(s in after for s in auth_before)
