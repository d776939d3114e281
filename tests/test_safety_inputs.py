"""The catalogue of bad inputs: each is refused with one line on stderr, `error: ...`,
the documented exit code (docs/troubleshooting.md "Exit codes"), no traceback, no password, and the
database exactly as it was (catalog fingerprint before == after).

Every case runs the real command line against a real database holding the project's
schema and rows; a case prepares its input (files, plans, roles, databases) and names
the command. Also here: a role without CREATEDB is told to use --scratch-url, and with
--scratch-url it plans and applies.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from psycopg import sql
from typer.testing import CliRunner

from schematool import __version__, db
from schematool.cli import app
from schematool.errors import ExitCode
from schematool.inspect import catalog
from schematool.project.config import TOOL_SCHEMA
from tests.helpers import without_progress

PYPROJECT = """\
[tool.schematool]
templates = "templates"
schema = "schema"

[tool.schematool.variables]
reader = "case_reader"
"""
NOT_KEPT = PYPROJECT.replace('schema = "schema"\n', 'schema = "schema"\nkeep_scratch = false\n')
TITLE = """\
CREATE TABLE title (
    id bigint PRIMARY KEY,
    name text NOT NULL
);
GRANT SELECT ON title TO {{ reader }};
"""


def _cli(root: Path, env: dict[str, str | None], *args: str):
    with contextlib.chdir(root):
        return CliRunner().invoke(app, list(args), env=env)


def _fingerprint(url: str) -> str:
    with db.connect(url, autocommit=True, application_name="safety-test") as conn:
        return catalog.fingerprint(conn, (TOOL_SCHEMA,))


def _create_db(server_url: str, owner: str | None = None) -> str:
    name = "inputs_" + secrets.token_hex(4)
    with db.connect(server_url, autocommit=True) as conn:
        query = "CREATE DATABASE {}" + (" OWNER {}" if owner else "")
        idents = [sql.Identifier(name)] + ([sql.Identifier(owner)] if owner else [])
        conn.execute(sql.SQL(query).format(*idents))
    return db.with_database(server_url, name)


def _drop_db(server_url: str, url: str) -> None:
    with db.connect(server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(db.database_of(url))
            )
        )


@dataclass
class Shared:
    """Made once for the module: a rendered project, a database it was applied to (with
    rows), and a role that may log in but not create databases."""

    server_url: str
    project: Path
    url: str
    role_url: str
    passwords: list[str]


@pytest.fixture(scope="module")
def shared(pg, tmp_path_factory) -> Iterator[Shared]:
    project = tmp_path_factory.mktemp("inputs-project")
    (project / "pyproject.toml").write_text(PYPROJECT)
    (project / "templates").mkdir()
    (project / "templates" / "title.sql.j2").write_text(TITLE)
    url = _create_db(pg.url)
    env = {"DATABASE_URL": url, "NO_COLOR": "1"}
    assert _cli(project, env, "render").exit_code == 0
    applied = _cli(project, env, "apply", "--yes")
    assert applied.exit_code == 0, applied.output
    with db.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO title VALUES (1, 'x'), (2, 'Dune'), (3, 'Emma')")
    role, password = "nocreatedb_" + secrets.token_hex(3), "pw-" + secrets.token_hex(8)
    with db.connect(pg.url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN NOCREATEDB PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
    role_db = _create_db(pg.url, owner=role)
    host = pg.url.split("@", 1)[1].split("/", 1)[0]
    role_url = f"postgresql://{role}:{password}@{host}/{db.database_of(role_db)}"
    passwords = [p for p in (db.password_of(pg.url), password) if p]
    try:
        yield Shared(pg.url, project, url, role_url, passwords)
    finally:
        for target in (url, role_db):
            _drop_db(pg.url, target)
        with db.connect(pg.url, autocommit=True) as conn:
            # kept desired schemas loaded as the role (--scratch-url) are the role's
            owned = conn.execute(
                "SELECT datname FROM pg_database WHERE datdba = to_regrole(%s)", (role,)
            ).fetchall()
            for (name,) in owned:
                _drop_db(pg.url, db.with_database(pg.url, name))
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@dataclass
class Case:
    """One bad input being prepared: a copy of the project, the environment, and the
    databases that must come out unchanged."""

    shared: Shared
    root: Path
    made: list[str] = field(default_factory=list)  # databases to drop afterwards
    env: dict[str, str | None] = field(default_factory=dict)
    watched: list[str] = field(default_factory=list)

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text)
        return path

    def cli(self, *args: str):
        return _cli(self.root, {**self.env}, *args)

    def new_db(self) -> str:
        url = _create_db(self.shared.server_url)
        self.made.append(url)
        return url

    def saved_plan(self, name: str = "plan.json", edit: Callable[[dict], None] | None = None):
        """`plan --out` after a change to the schema (so the plan is not empty)."""
        self.write("schema/extra.sql", "CREATE TABLE extra (id int);\n")
        made = self.cli("plan", "--schema-dir", "schema", "--out", name)
        assert made.exit_code == 0, made.output
        if edit is not None:
            data = json.loads((self.root / name).read_text())
            edit(data)
            (self.root / name).write_text(json.dumps(data))
        return name


def _key_value(url: str, password: str) -> str:
    """The URL's server and database as a libpq key=value string, with `password`."""
    address = db.address(url)
    keys = " ".join(f"{k}={address.get(k)}" for k in ("host", "port", "dbname", "user"))
    return f"{keys} {password}"


def _url_with(
    url: str, *, password: str | None = None, port: int | None = None, database: str | None = None
) -> str:
    user = url.split("://", 1)[1].split(":", 1)[0]
    host = url.split("@", 1)[1].split("/", 1)[0]
    hostname, real_port = host.rsplit(":", 1)
    secret = password if password is not None else db.password_of(url)
    return (
        f"postgresql://{user}:{secret}@{hostname}:{port or real_port}/"
        f"{database or db.database_of(url)}"
    )


# -- the catalogue: (name, exit code, what the message says, how to make the input) ------


def template_syntax_error(c: Case) -> list[str]:
    c.write("templates/title.sql.j2", "CREATE TABLE title (id int);\n{% if %}\n")
    return ["render"]


def undefined_template_variable(c: Case) -> list[str]:
    c.write("templates/title.sql.j2", "GRANT SELECT ON title TO {{ writer }};\n")
    return ["render"]


def sql_syntax_error(c: Case) -> list[str]:
    c.write("plain/title.sql", "CREATE TABLE title (id bigint PRIMARY KEY, name text NOT NULL\n")
    return ["plan", "--schema-dir", "plain"]


def savepoint_in_a_schema_file(c: Case) -> list[str]:
    c.write("plain/title.sql", "BEGIN;\nCREATE TABLE title (id bigint PRIMARY KEY);\nSAVEPOINT s;\nCOMMIT;\n")
    return ["plan", "--schema-dir", "plain"]


def reference_to_nothing(c: Case) -> list[str]:
    c.write("plain/a.sql", "CREATE TABLE a (id int REFERENCES no_such_table);\n")
    return ["plan", "--schema-dir", "plain"]


def fails_only_when_applied(c: Case) -> list[str]:
    # valid SQL, loads fine into an empty scratch database; the target's rows violate it
    c.write(
        "plain/title.sql",
        TITLE.replace("{{ reader }}", "case_reader").replace(
            "NOT NULL", "NOT NULL CHECK (name <> 'x')"
        ),
    )
    # the plan's data check finds the rows (fails_on_data_at_plan_time); overridden,
    # the statement itself fails when applied
    allowed = "blocking-lock,fails-on-data"
    return ["apply", "--yes", "--schema-dir", "plain", "--allow-hazards", allowed]


def fails_on_data_at_plan_time(c: Case) -> list[str]:
    fails_only_when_applied(c)
    return ["apply", "--yes", "--schema-dir", "plain", "--allow-hazards", "blocking-lock"]


def statement_timeout_at_apply(c: Case) -> list[str]:
    # validating the new CHECK calls slow() once per row of the target: 3 x 100 ms
    slow = (
        "CREATE FUNCTION slow(t text) RETURNS boolean LANGUAGE sql"
        " AS $$ SELECT pg_sleep(0.1) IS NOT NULL $$;\n"
    )
    c.write("plain/a_slow.sql", slow)
    c.write(
        "plain/title.sql",
        TITLE.replace("{{ reader }}", "case_reader").replace(
            "NOT NULL", "NOT NULL CHECK (slow(name))"
        ),
    )
    return [
        "apply",
        "--yes",
        "--schema-dir",
        "plain",
        "--allow-hazards",
        "blocking-lock",
        "--statement-timeout",
        "50ms",
    ]


def missing_schema_folder(c: Case) -> list[str]:
    return ["plan", "--schema-dir", "no_such_folder"]


def empty_schema_folder(c: Case) -> list[str]:
    (c.root / "empty").mkdir()
    c.write("empty/README.txt", "no sql here\n")
    return ["plan", "--schema-dir", "empty"]


def schema_dir_is_a_file(c: Case) -> list[str]:
    return ["plan", "--schema-dir", "pyproject.toml"]


def non_utf8_schema_file(c: Case) -> list[str]:
    c.write("plain/title.sql", b"CREATE TABLE title (\n    name text DEFAULT '\xff\xfe'\n);\n")
    return ["plan", "--schema-dir", "plain"]


def non_utf8_template(c: Case) -> list[str]:
    c.write("templates/title.sql.j2", TITLE.encode() + b"COMMENT ON TABLE title IS 'caf\xe9';\n")
    return ["render"]


def non_utf8_partial(c: Case) -> list[str]:
    c.write("templates/_macros.sql.j2", b"{% macro note() %}\n'caf\xe9'\n{% endmacro %}\n")
    c.write("templates/title.sql.j2", '{% import "_macros.sql.j2" as m %}\n' + TITLE)
    return ["render"]


def non_utf8_cluster_sql(c: Case) -> list[str]:
    c.write("pyproject.toml", PYPROJECT.replace('schema = "schema"', 'schema = "schema"\ncluster_sql = ["roles.sql"]'))
    c.write("roles.sql", b"-- r\xf4les\nSELECT 1;\n")
    return ["plan", "--cluster-sql"]


def non_utf8_plain_sql_template(c: Case) -> list[str]:
    c.write("templates/extra.sql", b"-- r\xe9sum\xe9\nCREATE TABLE extra (id int);\n")
    return ["plan"]


def stale_schema_folder(c: Case) -> list[str]:
    c.write("templates/more.sql.j2", "CREATE TABLE more (id int);\n")
    return ["plan"]


def unreachable_host(c: Case) -> list[str]:
    return ["plan", "--database-url", _url_with(c.shared.url, port=1)]


def wrong_password(c: Case) -> list[str]:
    wrong = "wrong-" + secrets.token_hex(6)
    c.shared.passwords.append(wrong)
    return ["plan", "--database-url", _url_with(c.shared.url, password=wrong)]


def database_does_not_exist(c: Case) -> list[str]:
    return ["plan", "--database-url", _url_with(c.shared.url, database="no_such_database")]


def not_a_postgresql_url(c: Case) -> list[str]:
    return ["plan", "--database-url", f"mysql://root:{c.shared.passwords[0]}@localhost/app"]


def wrong_password_for_scratch_server(c: Case) -> list[str]:
    wrong = "wrong-" + secrets.token_hex(6)
    c.shared.passwords.append(wrong)
    return ["plan", "--scratch-url", _url_with(c.shared.server_url, password=wrong)]


def role_without_createdb(c: Case) -> list[str]:
    # a kept desired schema another test left would spare the CREATE DATABASE
    c.write("pyproject.toml", NOT_KEPT)
    c.env["DATABASE_URL"] = c.shared.role_url
    c.watched = [c.shared.role_url]
    return ["plan"]


def stale_saved_plan(c: Case) -> list[str]:
    target = c.new_db()
    c.env["DATABASE_URL"] = target
    name = c.saved_plan()
    with db.connect(target, autocommit=True) as conn:
        conn.execute("CREATE TABLE someone_elses (id int)")  # the target moves on
    c.watched = [target]
    return ["apply", "--yes", "--schema-dir", "schema", "--plan", name]


def schema_changed_since_the_plan(c: Case) -> list[str]:
    name = c.saved_plan()
    c.write("schema/extra.sql", "CREATE TABLE extra (id bigint);\n")
    return ["apply", "--yes", "--schema-dir", "schema", "--plan", name]


def plan_for_another_database(c: Case) -> list[str]:
    other = c.new_db()  # empty: its plan creates everything
    c.env["DATABASE_URL"] = other
    name = c.saved_plan()
    c.env["DATABASE_URL"] = c.shared.url
    return ["apply", "--yes", "--schema-dir", "schema", "--plan", name]


def plan_for_another_database_of_the_same_schema(c: Case) -> list[str]:
    """The plan would apply there as it is: the database it was made for decides."""
    other, same = c.new_db(), c.new_db()
    c.env["DATABASE_URL"] = other
    name = c.saved_plan()
    c.env["DATABASE_URL"] = same
    c.watched = [same]
    return ["apply", "--yes", "--schema-dir", "schema", "--plan", name]


def plan_of_an_older_format(c: Case) -> list[str]:
    def edit(data: dict) -> None:
        data["format_version"] = 3
        del data["database"]

    return ["apply", "--yes", "--schema-dir", "schema", "--plan", c.saved_plan(edit=edit)]


def saved_plan_in_the_other_mode(c: Case) -> list[str]:
    return ["apply", "--yes", "--online", "--schema-dir", "schema", "--plan", c.saved_plan()]


def any_database_without_a_saved_plan(c: Case) -> list[str]:
    return ["apply", "--yes", "--plan-for-any-database"]


def edited_plan(c: Case) -> list[str]:
    def edit(data: dict) -> None:
        data["steps"][0]["sql"] = "DROP TABLE title;"

    return ["apply", "--yes", "--schema-dir", "schema", "--plan", c.saved_plan(edit=edit)]


def plan_from_another_version(c: Case) -> list[str]:
    def edit(data: dict) -> None:
        data["tool_version"] = "0.0.1"

    return ["apply", "--yes", "--schema-dir", "schema", "--plan", c.saved_plan(edit=edit)]


def garbage_plan_file(c: Case) -> list[str]:
    c.write("plan.json", "\x00\x01 this is not { json")
    return ["apply", "--yes", "--plan", "plan.json"]


def json_that_is_not_a_plan(c: Case) -> list[str]:
    c.write("plan.json", "[1, 2, 3]\n")
    return ["apply", "--yes", "--plan", "plan.json"]


def incomplete_plan_file(c: Case) -> list[str]:
    c.write("plan.json", json.dumps({"format": "schematool-plan", "tool_version": __version__}))
    return ["apply", "--yes", "--plan", "plan.json"]


def missing_plan_file(c: Case) -> list[str]:
    return ["apply", "--yes", "--plan", "no_such_plan.json"]


def unknown_hazard_name(c: Case) -> list[str]:
    return ["apply", "--yes", "--allow-hazards", "drop-everything"]


def hazard_not_allowed(c: Case) -> list[str]:
    c.write(
        "plain/title.sql",
        TITLE.replace("{{ reader }}", "case_reader").replace(",\n    name text NOT NULL", ""),
    )  # drops the column name
    return ["apply", "--yes", "--schema-dir", "plain"]


def no_terminal_and_no_yes(c: Case) -> list[str]:
    c.write(
        "plain/title.sql",
        TITLE.replace("{{ reader }}", "case_reader") + "CREATE TABLE t2 (id int);\n",
    )
    return ["apply", "--schema-dir", "plain"]


def bad_duration(c: Case) -> list[str]:
    return ["apply", "--yes", "--lock-timeout", "5 parsecs"]


def negative_retries(c: Case) -> list[str]:
    return ["apply", "--yes", "--retries", "-1"]


def unknown_option(c: Case) -> list[str]:
    return ["apply", "--yes", "--frobnicate"]


def unknown_format(c: Case) -> list[str]:
    return ["plan", "--format", "yaml"]


def bad_pyproject_value(c: Case) -> list[str]:
    c.write(
        "pyproject.toml",
        PYPROJECT.replace('schema = "schema"', 'schema = "schema"\nlock_timeout = 5'),
    )
    return ["plan"]


def unknown_pyproject_key(c: Case) -> list[str]:
    c.write(
        "pyproject.toml", PYPROJECT.replace('schema = "schema"', 'schema = "schema"\nschemas = "x"')
    )
    return ["plan"]


def invalid_pyproject_toml(c: Case) -> list[str]:
    c.write("pyproject.toml", PYPROJECT + "[tool.schematool\n")
    return ["plan"]


def unknown_environment(c: Case) -> list[str]:
    return ["apply", "--yes", "--env", "production"]


# passwords with characters URLs reserve: raw (the URL does not say what was meant),
# percent-encoded (wrong), in key=value strings, in strings that cannot be read at all


def _secret(c: Case, password: str, *fragments: str) -> str:
    """Watch the output for the password, its percent-encoded form and its fragments."""
    c.shared.passwords.extend([password, quote(password, safe=""), *fragments])
    return password


def raw_slash_in_url_password(c: Case) -> list[str]:
    secret = _secret(c, "pa/ss", "ss@")
    return ["plan", "--database-url", _url_with(c.shared.url, password=secret)]


def raw_at_in_url_password(c: Case) -> list[str]:
    secret = _secret(c, "S3cret@PW", "S3cret", "PW@")
    return ["plan", "--database-url", _url_with(c.shared.url, password=secret)]


def raw_at_and_hash_in_scratch_url_password(c: Case) -> list[str]:
    secret = _secret(c, "Tr0ub4dor@x#1", "Tr0ub4dor", "x#1")
    return ["plan", "--scratch-url", _url_with(c.shared.server_url, password=secret)]


def wrong_percent_encoded_password(c: Case) -> list[str]:
    secret = _secret(c, "S3cret@PW", "S3cret")
    return ["plan", "--database-url", _url_with(c.shared.url, password=quote(secret, safe=""))]


def wrong_password_in_a_key_value_string(c: Case) -> list[str]:
    secret = _secret(c, "Tr0ub4dor@x#1", "Tr0ub4dor")
    return ["plan", "--database-url", _key_value(c.shared.url, f"password='{secret}'")]


def key_value_string_that_cannot_be_read(c: Case) -> list[str]:
    secret = _secret(c, "Tr0ub4dor@x#1", "Tr0ub4dor")
    return ["plan", "--database-url", _key_value(c.shared.url, f"password='{secret}")]


def url_that_cannot_be_read(c: Case) -> list[str]:
    secret = _secret(c, "pa%zzss", "zzss")
    return ["plan", "--database-url", _url_with(c.shared.url, password=secret)]


def outside_a_project(c: Case) -> list[str]:
    c.write("pyproject.toml", '[project]\nname = "not-schematool"\n')
    c.env["DATABASE_URL"] = None  # would start the local server in this folder
    return ["plan"]


def duration_without_unit(c: Case) -> list[str]:
    return ["plan", "--lock-timeout", "5"]


def configured_duration_without_unit(c: Case) -> list[str]:
    c.write(
        "pyproject.toml",
        PYPROJECT.replace('schema = "schema"', 'schema = "schema"\nstatement_timeout = "30"'),
    )
    return ["apply", "--yes"]


def kept_size_bound_that_is_no_size(c: Case) -> list[str]:
    c.write(
        "pyproject.toml",
        PYPROJECT.replace('schema = "schema"', 'schema = "schema"\nkeep_scratch_max_size = "2G"'),
    )
    return ["plan"]


def plan_out_to_a_missing_folder(c: Case) -> list[str]:
    return ["plan", "--out", "no/such/folder/plan.json"]


def plan_out_below_a_file(c: Case) -> list[str]:
    return ["plan", "--out", "pyproject.toml/plan.json"]


def dump_out_to_a_file(c: Case) -> list[str]:
    return ["dump", "--out", "pyproject.toml"]


def dump_out_where_nothing_can_be_made(c: Case) -> list[str]:
    return ["dump", "--out", "/proc/schematool-dump"]


def empty_database_url(c: Case) -> list[str]:
    # `--database-url "$PROD_URL"` with the variable not set: never the local server
    return ["apply", "--yes", "--database-url", ""]


def empty_database_url_variable(c: Case) -> list[str]:
    c.env["DATABASE_URL"] = ""
    return ["plan"]


def blank_database_url_variable(c: Case) -> list[str]:
    c.env["DATABASE_URL"] = "  "
    return ["apply", "--yes"]


def empty_scratch_url(c: Case) -> list[str]:
    return ["plan", "--scratch-url", ""]


def role_the_server_lacks(c: Case) -> list[str]:
    c.write("templates/title.sql.j2", TITLE.replace("{{ reader }}", "no_such_role_x"))
    c.cli("render")
    return ["plan"]


E = ExitCode
CATALOGUE = [
    (template_syntax_error, E.ERROR, "templates/title.sql.j2:2:"),
    (undefined_template_variable, E.ERROR, "'writer' is undefined"),
    (sql_syntax_error, E.ERROR, "plain/title.sql:"),
    (savepoint_in_a_schema_file, E.ERROR, "plain/title.sql:3: SAVEPOINT cannot be part of schema files"),
    (reference_to_nothing, E.ERROR, 'relation "no_such_table" does not exist'),
    (fails_only_when_applied, E.ERROR, "violated by some row"),
    (fails_on_data_at_plan_time, E.REFUSED, "the plan will fail on the target's data"),
    (statement_timeout_at_apply, E.ERROR, "canceling statement due to statement timeout"),
    (missing_schema_folder, E.ERROR, "schema folder not found"),
    (empty_schema_folder, E.ERROR, "holds no .sql files (but README.txt)"),
    (schema_dir_is_a_file, E.USAGE, "--schema-dir"),
    (non_utf8_schema_file, E.ERROR, "plain/title.sql:2: not UTF-8 text (byte 0xff: invalid"),
    (non_utf8_template, E.ERROR, "templates/title.sql.j2:6: not UTF-8 text (byte 0xe9"),
    (non_utf8_partial, E.ERROR, "templates/_macros.sql.j2:2: not UTF-8 text (byte 0xe9"),
    (non_utf8_plain_sql_template, E.ERROR, "templates/extra.sql:1: not UTF-8 text"),
    (non_utf8_cluster_sql, E.ERROR, "roles.sql:1: not UTF-8 text (byte 0xf4"),
    (stale_schema_folder, E.ERROR, "schematool render"),
    (unreachable_host, E.ERROR, "cannot connect"),
    (wrong_password, E.ERROR, "password authentication failed"),
    (database_does_not_exist, E.ERROR, '"no_such_database" does not exist'),
    (not_a_postgresql_url, E.ERROR, "not a PostgreSQL URL"),
    (wrong_password_for_scratch_server, E.ERROR, "password authentication failed"),
    (role_without_createdb, E.ERROR, "--scratch-url"),
    (stale_saved_plan, E.STALE, "make the plan again"),
    (schema_changed_since_the_plan, E.STALE, "changed since the plan was made"),
    (plan_for_another_database, E.STALE, "or apply it here with --plan-for-any-database"),
    (plan_for_another_database_of_the_same_schema, E.STALE, "the saved plan was made for database"),
    (plan_of_an_older_format, E.ERROR, "a plan of format 3, this schematool reads format 4"),
    (saved_plan_in_the_other_mode, E.USAGE, "made without --online: apply it with --no-online"),
    (any_database_without_a_saved_plan, E.USAGE, "give --plan FILE"),
    (edited_plan, E.ERROR, "edited after it was made"),
    (plan_from_another_version, E.ERROR, "made by schematool 0.0.1"),
    (garbage_plan_file, E.ERROR, "not a schematool plan"),
    (json_that_is_not_a_plan, E.ERROR, "not a schematool plan"),
    (incomplete_plan_file, E.ERROR, "incomplete plan file"),
    (missing_plan_file, E.ERROR, "plan file not found"),
    (unknown_hazard_name, E.USAGE, "unknown hazard 'drop-everything'"),
    (hazard_not_allowed, E.REFUSED, "statement 1 (data-loss)"),
    (no_terminal_and_no_yes, E.REFUSED, "--yes not given"),
    (bad_duration, E.USAGE, "bad duration '5 parsecs'"),
    (negative_retries, E.USAGE, "--retries"),
    (unknown_option, E.USAGE, "--frobnicate"),
    (unknown_format, E.USAGE, "yaml"),
    (bad_pyproject_value, E.USAGE, "lock_timeout must be a string"),
    (unknown_pyproject_key, E.USAGE, "unknown key(s) schemas"),
    (invalid_pyproject_toml, E.USAGE, "pyproject.toml"),
    (unknown_environment, E.USAGE, "unknown environment 'production'"),
    (raw_slash_in_url_password, E.ERROR, "percent-encode it"),
    (raw_at_in_url_password, E.ERROR, "percent-encode it"),
    (raw_at_and_hash_in_scratch_url_password, E.ERROR, "percent-encode it"),
    (wrong_percent_encoded_password, E.ERROR, "password authentication failed"),
    (wrong_password_in_a_key_value_string, E.ERROR, "password authentication failed"),
    (key_value_string_that_cannot_be_read, E.ERROR, "cannot read the connection string"),
    (url_that_cannot_be_read, E.ERROR, "invalid percent-encoded token"),
    (outside_a_project, E.USAGE, "no [tool.schematool] table"),
    (duration_without_unit, E.USAGE, "--lock-timeout: duration '5' has no unit: write 5ms, 5s"),
    (configured_duration_without_unit, E.USAGE, "pyproject.toml statement_timeout: duration"),
    (
        kept_size_bound_that_is_no_size,
        E.USAGE,
        'keep_scratch_max_size must be a size such as "500MB"',
    ),
    (plan_out_to_a_missing_folder, E.USAGE, "cannot write no/such/folder/plan.json: no folder"),
    (plan_out_below_a_file, E.USAGE, "cannot write pyproject.toml/plan.json"),
    (role_the_server_lacks, E.ERROR, 'schema/title.sql:6 (from templates/title.sql.j2:5): role "no_such_role_x" does not exist: roles are the'),
    (dump_out_to_a_file, E.USAGE, "cannot write into pyproject.toml: it is a file, not a folder"),
    (dump_out_where_nothing_can_be_made, E.USAGE, "cannot create anything in /proc"),
    (empty_database_url, E.USAGE, "--database-url is empty (a variable that is not set?)"),
    (empty_database_url_variable, E.USAGE, "$DATABASE_URL is set but empty"),
    (blank_database_url_variable, E.USAGE, "$DATABASE_URL is set but empty"),
    (empty_scratch_url, E.USAGE, "--scratch-url is empty"),
]


@pytest.mark.parametrize(
    ("make", "code", "says"), CATALOGUE, ids=[make.__name__ for make, _, _ in CATALOGUE]
)
def test_bad_input_is_one_line_with_its_exit_code_and_changes_nothing(
    shared, tmp_path, make, code, says
):
    root = tmp_path / "project"
    shutil.copytree(shared.project, root)
    case = Case(shared, root, env={"DATABASE_URL": shared.url, "NO_COLOR": "1"})
    case.watched = [shared.url]
    try:
        args = make(case)
        before = {url: _fingerprint(url) for url in case.watched}
        result = case.cli(*args)
        output = result.stdout + result.stderr
        assert result.exit_code == code, output
        lines = without_progress(result.stderr)
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
        assert says in lines[0], lines[0]
        assert "Traceback" not in output
        for secret in shared.passwords:
            assert secret not in output
        if args[0] in ("plan", "dump") and code != E.CHANGES_PENDING:
            assert not (root / ".schematool").exists()  # no local server started for it
        assert {url: _fingerprint(url) for url in case.watched} == before
    finally:
        for url in case.made:
            _drop_db(shared.server_url, url)


def test_the_catalogue_covers_every_failure_exit_code():
    codes = {code for _, code, _ in CATALOGUE}
    assert codes == {E.ERROR, E.USAGE, E.REFUSED, E.STALE}  # 6, 7, 130: the other modules
    assert len(CATALOGUE) >= 25


# -- scratch databases elsewhere ------------------------------------------------------------


def test_a_role_without_createdb_plans_and_applies_with_scratch_url(shared, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(shared.project, root)
    # a kept desired schema another test left would spare the CREATE DATABASE
    (root / "pyproject.toml").write_text(NOT_KEPT)
    env = {"DATABASE_URL": shared.role_url, "NO_COLOR": "1"}
    refused = _cli(root, env, "plan")
    assert refused.exit_code == ExitCode.ERROR
    assert refused.stderr.strip() == (
        f"error: role {shared.role_url.split('://')[1].split(':')[0]!r} may not create"
        f" databases on {db.mask_url(shared.role_url)} (no CREATEDB): give --scratch-url a"
        " server where schematool may create its throwaway database"
    )
    # the scratch database on another database of the server, as another role
    scratch_url = db.with_database(shared.server_url, "postgres")
    applied = _cli(root, env, "apply", "--yes", "--scratch-url", scratch_url)
    assert applied.exit_code == 0, applied.output
    assert "applied" in applied.stdout
    again = _cli(root, env, "plan", "--exit-code", "--scratch-url", scratch_url)
    assert again.exit_code == 0, again.output
    for secret in shared.passwords:
        assert secret not in refused.output + applied.output + again.output


def test_a_scratch_server_of_another_major_version_is_refused_up_front(servers, shared, tmp_path):
    others = [s for s in servers.values() if s.url != shared.server_url]
    if not others:
        pytest.skip("needs a second PostgreSQL server of another major version")
    root = tmp_path / "project"
    shutil.copytree(shared.project, root)
    env = {"DATABASE_URL": shared.url, "NO_COLOR": "1"}
    before = _fingerprint(shared.url)
    result = _cli(root, env, "apply", "--yes", "--scratch-url", others[0].url)
    assert result.exit_code == ExitCode.ERROR, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "give --scratch-url a PostgreSQL" in lines[0], lines
    assert db.password_of(others[0].url) not in result.output
    assert _fingerprint(shared.url) == before


# -- passwords that URLs must spell percent-encoded ------------------------------------------


@pytest.mark.parametrize("password", ["pa/ss", "S3cret@PW", "Tr0ub4dor@x#1"])
def test_a_password_with_url_characters_works_encoded_or_key_value_and_is_never_shown(
    shared, tmp_path, password
):
    root = tmp_path / "project"
    shutil.copytree(shared.project, root)
    (root / "pyproject.toml").write_text(NOT_KEPT)  # nothing left that the role owns
    role = "pw_" + secrets.token_hex(3)
    with db.connect(shared.server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN CREATEDB PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
    target = _create_db(shared.server_url, owner=role)
    server = db.address(shared.server_url)
    host, port, dbname = server.get("host"), server.get("port"), db.database_of(target)
    encoded = f"postgresql://{role}:{quote(password, safe='')}@{host}:{port}/{dbname}"
    key_value = f"host={host} port={port} dbname={dbname} user={role} password='{password}'"
    wrong = f"host={host} port={port} dbname={dbname} user={role} password='{password}x'"
    env = {"NO_COLOR": "1", "DATABASE_URL": None}
    try:
        results = [
            _cli(root, env, "apply", "--yes", "--database-url", encoded),
            _cli(root, env, "plan", "--exit-code", "--database-url", key_value),
            _cli(root, env, "history", "--database-url", encoded),
            _cli(root, env, "plan", "--format", "json", "--database-url", encoded),
        ]
        assert [r.exit_code for r in results] == [0, 0, 0, 0], [r.output for r in results]
        assert "applied" in results[0].stdout
        refused = _cli(root, env, "plan", "--database-url", wrong)
        assert refused.exit_code == ExitCode.ERROR
        assert "password authentication failed" in refused.stderr
        pieces = [p for p in password.replace("/", "@").replace("#", "@").split("@") if len(p) > 3]
        for result in [*results, refused]:
            for secret in (password, quote(password, safe=""), f"{password}x", *pieces):
                assert secret not in result.output, (secret, result.output)
    finally:
        _drop_db(shared.server_url, target)
        with db.connect(shared.server_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def test_plan_outside_a_project_starts_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = _cli(tmp_path, {"DATABASE_URL": None}, "plan")
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.stderr.startswith("error: no [tool.schematool] table in a pyproject.toml in")
    assert result.stdout == "" and "using the local server" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # no .schematool/, no server


def test_apply_with_an_empty_database_url_applies_nowhere(tmp_path):
    """`apply --yes --database-url "$PROD_URL_TYPO"` in a deploy script, the variable not
    set: the installed command refuses it; it must not fall back to the local server."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT)
    (root / "templates").mkdir()
    (root / "templates" / "title.sql.j2").write_text(TITLE)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(HOME=str(tmp_path / "home"), NO_COLOR="1")
    assert _cli(root, {"DATABASE_URL": None}, "render").exit_code == 0
    done = subprocess.run(
        [sys.executable, "-m", "schematool", "apply", "--yes", "--database-url", ""],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == ExitCode.USAGE, done.stdout + done.stderr
    assert done.stderr.splitlines() == [
        "error: --database-url is empty (a variable that is not set?): give the database's"
        " URL, or leave it out for $DATABASE_URL or the local server"
    ]
    assert done.stdout == ""
    assert not (root / ".schematool").exists()  # no local server made, started or applied to


def test_an_unwritable_plan_file_is_refused_before_planning(shared, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(shared.project, root)
    (root / "pyproject.toml").write_text(NOT_KEPT)
    env = {"DATABASE_URL": shared.url, "NO_COLOR": "1"}
    result = _cli(root, env, "plan", "--out", "missing/plan.json")
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""  # nothing planned, nothing printed
    assert result.stderr.strip() == "error: cannot write missing/plan.json: no folder missing"
    made = _cli(root, env, "plan", "--out", "plan.json")  # where it can be written, it is
    assert made.exit_code == 0 and json.loads((root / "plan.json").read_text())["steps"] == []


# -- a role that may read but not write -------------------------------------------------------


@contextlib.contextmanager
def _reading_role(shared: Shared) -> Iterator[str]:
    """A role granted only pg_read_all_data: the URL of the shared database as it."""
    role, password = "reader_" + secrets.token_hex(3), "pw-" + secrets.token_hex(8)
    with db.connect(shared.server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}; GRANT pg_read_all_data TO {}").format(
                sql.Identifier(role), sql.Literal(password), sql.Identifier(role)
            )
        )
    address = db.address(shared.url)
    params = {**dict(address.params), "user": role, "password": password}
    try:
        yield db.Address(tuple(params.items())).reveal()
    finally:
        with db.connect(shared.server_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def test_a_role_that_may_not_write_is_told_the_real_cause_and_warned_it_was_not_recorded(
    shared, tmp_path
):
    root = tmp_path / "project"
    shutil.copytree(shared.project, root)
    (root / "pyproject.toml").write_text(NOT_KEPT)  # nothing left that the role owns
    (root / "schema" / "extra.sql").write_text("CREATE TABLE extra (id int);\n")
    scratch_url = db.with_database(shared.server_url, "postgres")
    before = _fingerprint(shared.url)
    with _reading_role(shared) as reader:
        role = db.address(reader).user
        env = {"DATABASE_URL": reader, "NO_COLOR": "1"}
        result = _cli(
            root, env, "apply", "--yes", "--schema-dir", "schema", "--scratch-url", scratch_url
        )
    assert result.exit_code == ExitCode.ERROR, result.output
    *others, last = without_progress(result.stderr)
    assert last.startswith("error: statement 1 failed: permission denied for schema public ("), last
    assert last.endswith("; rolled back, nothing was changed"), last
    assert others == [
        "warning: the failure could not be recorded in schematool.history: permission denied"
        f" for table history (role {role!r} may not write it)"
    ], result.stderr
    assert "Traceback" not in result.output and "unexpected" not in result.output
    assert _fingerprint(shared.url) == before


def test_a_role_that_may_change_the_schema_but_not_the_history_changes_nothing(shared, tmp_path):
    """The history row is written in the apply's transaction: no row, no changes."""
    root = tmp_path / "project"
    shutil.copytree(shared.project, root)
    (root / "pyproject.toml").write_text(NOT_KEPT)
    owner = db.address(shared.role_url).user
    target = _create_db(shared.server_url, owner=owner)  # the role may create tables in it
    with db.connect(target, autocommit=True) as conn:  # the history is the superuser's
        from schematool.apply import history

        history.ensure_table(conn)
        conn.execute(
            sql.SQL("GRANT USAGE ON SCHEMA schematool TO {}").format(sql.Identifier(owner))
        )
    role_target = db.address(shared.role_url).with_database(db.database_of(target)).reveal()
    scratch_url = db.with_database(shared.server_url, "postgres")
    before = _fingerprint(target)
    try:
        env = {"DATABASE_URL": role_target, "NO_COLOR": "1"}
        result = _cli(root, env, "apply", "--yes", "--scratch-url", scratch_url)
        assert result.exit_code == ExitCode.ERROR, result.output
        *others, last = without_progress(result.stderr)
        assert last == (
            "error: cannot record the apply in schematool.history: permission denied for"
            " table history; rolled back, nothing was changed"
        ), result.stderr
        assert others == [
            "warning: the failure could not be recorded in schematool.history: permission"
            f" denied for table history (role {owner!r} may not write it)"
        ], result.stderr
        assert _fingerprint(target) == before
    finally:
        _drop_db(shared.server_url, target)


def test_a_saved_plan_names_both_databases_and_applies_elsewhere_only_when_told(
    shared, tmp_path
):
    root = tmp_path / "project"
    shutil.copytree(shared.project, root)
    (root / "pyproject.toml").write_text(NOT_KEPT)
    (root / "schema" / "extra.sql").write_text("CREATE TABLE extra (id int);\n")
    made_for, other = _create_db(shared.server_url), _create_db(shared.server_url)
    try:
        with db.connect(shared.server_url, autocommit=True) as conn:
            (system_identifier,) = conn.execute(
                "SELECT system_identifier::text FROM pg_control_system()"
            ).fetchone()
            oids = dict(conn.execute("SELECT datname, oid FROM pg_database").fetchall())
        names = [db.database_of(made_for), db.database_of(other)]
        at_made_for = {"DATABASE_URL": made_for}
        saved = _cli(root, at_made_for, "plan", "--schema-dir", "schema", "--out", "plan.json")
        assert saved.exit_code == 0, saved.output
        recorded = json.loads((root / "plan.json").read_text())["database"]
        assert recorded == {
            "system_identifier": system_identifier,
            "name": names[0],
            "oid": oids[names[0]],
        }
        env = {"DATABASE_URL": other, "NO_COLOR": "1"}
        refused = _cli(root, env, "apply", "--yes", "--schema-dir", "schema", "--plan", "plan.json")
        assert refused.exit_code == ExitCode.STALE
        assert refused.stderr.strip() == (
            f"error: the saved plan was made for database {names[0]} (oid {oids[names[0]]}) on"
            f" server {system_identifier}, not for database {names[1]} (oid {oids[names[1]]})"
            f" on server {system_identifier} ({db.mask_url(other)}); nothing was changed: make"
            " the plan against this database, or apply it here with --plan-for-any-database"
        )
        apply = ["apply", "--yes", "--schema-dir", "schema", "--plan", "plan.json"]
        told = _cli(root, env, *apply, "--plan-for-any-database")
        assert told.exit_code == 0, told.output
        count = len(json.loads((root / "plan.json").read_text())["steps"])
        assert count and told.stdout.splitlines()[-1].startswith(f"applied {count} ")
        assert without_progress(told.stderr) == [
            f"note: applying a plan made for database {names[0]} (oid {oids[names[0]]}) on"
            f" server {system_identifier} to database {names[1]} (oid {oids[names[1]]}) on"
            f" server {system_identifier} (--plan-for-any-database)"
        ]
        again = _cli(root, at_made_for, *apply)
        assert again.exit_code == 0 and f"applied {count} " in again.stdout, again.output
    finally:
        for url in (made_for, other):
            _drop_db(shared.server_url, url)


def test_a_role_that_may_not_read_the_system_identifier_is_matched_by_name_and_oid(
    shared, tmp_path
):
    """pg_control_system() revoked from PUBLIC: the plan records no system identifier,
    and apply checks the database's name and oid, saying that it could do no more."""
    root = tmp_path / "project"
    shutil.copytree(shared.project, root)
    (root / "pyproject.toml").write_text(NOT_KEPT)
    (root / "schema" / "extra.sql").write_text("CREATE TABLE extra (id int);\n")
    target = _create_db(shared.server_url, owner=db.address(shared.role_url).user)
    role_target = db.address(shared.role_url).with_database(db.database_of(target)).reveal()
    scratch_url = db.with_database(shared.server_url, "postgres")
    revoke = "REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC"
    try:
        with db.connect(target, autocommit=True) as conn:  # per database: pg_proc is
            conn.execute(revoke)
        env = {"DATABASE_URL": role_target, "NO_COLOR": "1"}
        common = ["--schema-dir", "schema", "--scratch-url", scratch_url]
        saved = _cli(root, env, "plan", *common, "--out", "plan.json")
        assert saved.exit_code == 0, saved.output
        recorded = json.loads((root / "plan.json").read_text())["database"]
        assert recorded["system_identifier"] is None
        assert recorded["name"] == db.database_of(target)
        applied = _cli(root, env, "apply", "--yes", *common, "--plan", "plan.json")
        assert applied.exit_code == 0, applied.output
        assert applied.stderr.strip().startswith(
            "note: the server's system identifier could not be read (pg_control_system() is"
            " not executable by the role that planned or the one applying): the saved plan's"
            f" database was matched by its name and oid only (database {recorded['name']}"
        ), applied.stderr
    finally:
        _drop_db(shared.server_url, target)
