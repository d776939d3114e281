"""`ignore` patterns on real servers: objects left to others are never planned,
verified, granted or commented; a change they would not survive is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from schematool import db
from schematool.desired.database import desired_files, desired_fingerprint, external_objects
from schematool.errors import ExitCode
from schematool.project.config import load_settings
from tests.helpers import PYPROJECT, make_project, run, write

ROOT = Path(__file__).resolve().parent.parent

TARGET = """
CREATE SCHEMA legacy;
CREATE TABLE legacy.orders (id int PRIMARY KEY, note text);
CREATE INDEX orders_note ON legacy.orders (note);
COMMENT ON TABLE legacy.orders IS 'owned by the billing team';
GRANT SELECT ON legacy.orders TO PUBLIC;
CREATE SCHEMA audit;
CREATE TABLE audit.log (id bigint GENERATED ALWAYS AS IDENTITY, message text);
CREATE FUNCTION public.pgp_fake(x int) RETURNS int LANGUAGE sql AS 'select x';
CREATE PROCEDURE public.pgp_proc() LANGUAGE sql AS 'select 1';
CREATE VIEW public.old_v AS SELECT 1 AS one;
CREATE MATERIALIZED VIEW public.old_mv AS SELECT 1 AS one;
CREATE SEQUENCE public.old_seq;
CREATE TYPE public.old_mood AS ENUM ('sad');
CREATE DOMAIN public.old_pos AS int CHECK (VALUE > 0);
CREATE TABLE public.t (id int, extra text);
CREATE INDEX theirs_id ON public.t (id);
ALTER TABLE public.t ADD CONSTRAINT theirs_positive CHECK (id > 0);
CREATE FUNCTION public.pgp_touch() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';
CREATE TRIGGER theirs_touch BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.pgp_touch();
"""

# the desired schema drops all of them, adds a column and creates an ignored table
DESIRED = """
CREATE SCHEMA legacy;
CREATE TABLE legacy.newer (id int);
CREATE TABLE public.t (id int, added int);
"""

PATTERNS = [
    "table:legacy.*",
    "schema:audit",
    "function:public.pgp_*",
    "procedure:public.pgp_*",
    "view:public.old_v",
    "materialized view:public.old_*",
    "sequence:public.old_seq",
    "type:public.old_mood",
    "domain:public.old_pos",
    "column:public.t.extra",
    "index:public.theirs_*",
    "constraint:public.t.theirs_*",
    "trigger:public.t.theirs_*",
]


def _pyproject(patterns: list[str]) -> str:
    return PYPROJECT.replace(
        "[tool.schematool.variables]",
        f"keep_scratch = false\nignore = {json.dumps(patterns)}\n\n[tool.schematool.variables]",
    )


@pytest.fixture
def target(each_server, db_factory) -> Callable[[str], str]:
    """`target(sql)`: a fresh database holding `sql`, on each server."""

    def make(text: str) -> str:
        url = db_factory(each_server)
        with db.connect(url, autocommit=True) as conn:
            conn.execute(text)
        return url

    return make


@pytest.fixture
def project(tmp_path, monkeypatch) -> Callable[[str, list[str]], None]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)

    def make(schema: str, patterns: list[str]) -> None:
        make_project(tmp_path, {"schema.sql": schema}, _pyproject(patterns))
        assert run("render").exit_code == 0

    return make


def test_ignored_objects_of_every_kind_are_never_planned_and_survive(project, target):
    url = target(TARGET)
    project(DESIRED, [*PATTERNS, "table:nowhere.*"])
    saved = Path("plan.json").resolve()
    planned = run("plan", "--database-url", url, "--format", "json", "--out", str(saved))
    assert planned.exit_code == 0, planned.output
    plan = json.loads(planned.stdout)
    jsonschema.validate(plan, json.loads((ROOT / "docs" / "plan.schema.json").read_text()))
    assert [step["sql"] for step in plan["steps"]] == [
        'alter table "public"."t" add column "added" integer;'
    ]
    # each object a pattern matched, on either side, once (legacy.newer is the schema's)
    assert plan["ignored"] == {"objects": 15, "unmatched": ["table:nowhere.*"]}
    assert "warning: ignore pattern 'table:nowhere.*' matches no object" in planned.stderr
    applied = run("apply", "--database-url", url, "--yes", "--plan", str(saved))
    assert applied.exit_code == 0, applied.output
    assert "ignored: 15 objects (left to others, never planned);" in applied.stdout
    assert run("plan", "--database-url", url, "--exit-code").exit_code == 0
    with db.connect(url, autocommit=True) as conn:
        left = conn.execute(
            "SELECT to_regclass('legacy.orders') IS NOT NULL, to_regclass('legacy.newer') IS NULL,"
            " to_regclass('audit.log') IS NOT NULL, to_regclass('public.old_mv') IS NOT NULL,"
            " to_regprocedure('public.pgp_fake(int)') IS NOT NULL,"
            " obj_description('legacy.orders'::regclass, 'pg_class'),"
            " has_table_privilege('public', 'legacy.orders', 'SELECT')"
        ).fetchone()
        columns = conn.execute(
            "SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute"
            " WHERE attrelid = 'public.t'::regclass AND attnum > 0"
        ).fetchone()[0]
    assert left == (True, True, True, True, True, "owned by the billing team", True)
    assert columns == ["id", "extra", "added"]
    with db.connect(url, autocommit=True) as conn:
        theirs = conn.execute(
            "SELECT (SELECT count(*) FROM pg_index WHERE indexrelid = 'public.theirs_id'::regclass),"
            " (SELECT count(*) FROM pg_constraint WHERE conname = 'theirs_positive'),"
            " (SELECT count(*) FROM pg_trigger WHERE tgname = 'theirs_touch')"
        ).fetchone()
    assert theirs == (1, 1, 1)


def test_dropping_what_an_ignored_object_depends_on_is_refused_naming_it(project, target):
    url = target(
        """
        CREATE SCHEMA legacy;
        CREATE TABLE public.users (id int PRIMARY KEY, name text);
        CREATE VIEW legacy.names AS SELECT name FROM public.users;
        """
    )
    project(
        "CREATE SCHEMA legacy;\nCREATE TABLE public.users (id int PRIMARY KEY);\n",
        ["view:legacy.*"],
    )
    result = run("plan", "--database-url", url)
    assert result.exit_code == ExitCode.REFUSED, result.output
    assert result.stderr.startswith(
        "error: refusing to drop public.users.name: the ignored view legacy.names depends on it"
    )
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_pattern_of_an_unknown_kind_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, {"schema.sql": "CREATE TABLE t (id int);\n"}, _pyproject(["tabel:x"]))
    result = run("plan", "--database-url", "postgresql://nobody@localhost.invalid/x")
    assert result.exit_code == ExitCode.USAGE
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "error: pyproject.toml [tool.schematool] ignore: 'tabel:x' names an unknown"
        " kind 'tabel' (kinds: table, "
    )


AUTH = """
CREATE SCHEMA auth;
CREATE TABLE auth.users (id uuid PRIMARY KEY, email text NOT NULL);
"""

PROFILES = """
CREATE TABLE public.profiles (
    user_id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
    name text NOT NULL
);
CREATE VIEW public.profile_emails AS
    SELECT p.name, u.email FROM public.profiles p JOIN auth.users u ON u.id = p.user_id;
"""


def _external_project(tmp_path: Path) -> None:
    pyproject = _pyproject([]).replace("ignore = []", 'external = ["external/*.sql"]')
    make_project(tmp_path, {"profiles.sql": PROFILES}, pyproject)
    write(tmp_path / "external" / "auth.sql", AUTH)
    assert run("render").exit_code == 0


def test_a_schema_referencing_external_objects_applies_and_plans_nothing_for_them(
    project, target, tmp_path
):
    # the target's auth.users is not the external file's: another column, a grant
    url = target(AUTH + "ALTER TABLE auth.users ADD COLUMN phone text;\n"
                 "GRANT SELECT ON auth.users TO PUBLIC;\n")
    _external_project(tmp_path)
    planned = run("plan", "--database-url", url, "--format", "json")
    assert planned.exit_code == 0, planned.output
    steps = json.loads(planned.stdout)["steps"]
    assert steps and all(step["object"][1] == "public" for step in steps), steps
    assert not any("auth" in step["object"] for step in steps)
    applied = run("apply", "--database-url", url, "--yes")
    assert applied.exit_code == 0, applied.output
    assert run("plan", "--database-url", url, "--exit-code").exit_code == 0
    with db.connect(url, autocommit=True) as conn:
        kept = conn.execute(
            "SELECT (SELECT count(*) FROM pg_attribute WHERE attrelid = 'auth.users'::regclass"
            " AND attname = 'phone'), has_table_privilege('public', 'auth.users', 'SELECT')"
        ).fetchone()
    assert kept == (1, True)


def test_external_files_load_first_and_count_in_the_desired_fingerprint(tmp_path, monkeypatch):
    """The kept desired database is keyed by this fingerprint: an edited external file
    gives another one, never a database loaded with the old text."""
    monkeypatch.chdir(tmp_path)
    _external_project(tmp_path)
    settings = load_settings(connect=False)
    files = desired_files(settings)
    assert [(f.name, f.external) for f in files] == [
        ("external/auth.sql", True),
        ("schema/profiles.sql", False),
    ]
    assert external_objects(files) == {
        ("schema", "auth"): "external/auth.sql",
        ("rel", "auth", "users"): "external/auth.sql",
    }
    before = desired_fingerprint(files)
    write(tmp_path / "external" / "auth.sql", AUTH + "CREATE TABLE auth.sessions (id int);\n")
    assert desired_fingerprint(desired_files(settings)) != before


def test_a_target_lacking_an_external_object_is_an_error_naming_it(project, target, tmp_path):
    url = target("CREATE SCHEMA auth;\n")
    _external_project(tmp_path)
    result = run("plan", "--database-url", url)
    assert result.exit_code == ExitCode.ERROR, result.output
    assert result.stderr.strip() == (
        "error: the target lacks what external files create: relation auth.users"
        " (external/auth.sql); these belong to others and are never planned: create them"
        " on the target first"
    )
