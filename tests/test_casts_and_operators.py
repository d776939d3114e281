"""Casts and operators the plan drops to create again: what uses them is rebuilt
around them (a view using a changed cast then calls its new function), and what cannot
be stops the plan, naming both, instead of an apply that fails midway."""

from __future__ import annotations

from schematool import db
from schematool.errors import ExitCode
from tests.helpers import run, write

_FUNCTIONS = (
    "CREATE FUNCTION same_ci(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE"
    " AS 'SELECT lower($1) = lower($2)';"
    " CREATE FUNCTION same_ci_strict(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT"
    " AS 'SELECT lower($1) = lower($2)';"
)


def _schema(function: str) -> str:
    return (
        _FUNCTIONS
        + f" CREATE OPERATOR === (FUNCTION = {function}, LEFTARG = text, RIGHTARG = text);"
        " CREATE TABLE author (name text, alias text, CONSTRAINT alias_differs"
        " CHECK (NOT (name === alias)));"
    )


def test_an_operator_a_kept_check_uses_is_not_recreated_midway(tmp_path, monkeypatch, new_db):
    monkeypatch.chdir(tmp_path)
    target = new_db()
    with db.connect(target, autocommit=True) as conn:
        conn.execute(_schema("same_ci"))
    write(tmp_path / "schema" / "author.sql", _schema("same_ci_strict"))
    result = run("apply", "--yes", "--schema-dir", "schema", "--database-url", target)
    assert result.exit_code == ExitCode.ERROR, result.output
    [line] = result.stderr.strip().splitlines()
    assert line == (
        "error: operator public.=== is dropped (or created again) but constraint"
        " public.author.alias_differs uses it, and schematool cannot drop and create that"
        " around it: change it (or drop it) in a separate apply first"
    )
    with db.connect(target, autocommit=True) as conn:
        function = conn.execute(
            "SELECT oprcode::regproc::text FROM pg_operator WHERE oprname = '==='"
        ).fetchone()
    assert function == ("same_ci",)


def _cast_schema(function: str) -> str:
    return (
        "CREATE TYPE pair AS (a int, b int);"
        " CREATE FUNCTION twice(int) RETURNS pair LANGUAGE sql IMMUTABLE AS 'SELECT ROW($1, $1)::pair';"
        " CREATE FUNCTION halves(int) RETURNS pair LANGUAGE sql IMMUTABLE"
        " AS 'SELECT ROW($1 / 2, $1 / 2)::pair';"
        f" CREATE CAST (int AS pair) WITH FUNCTION {function}(int);"
        " CREATE TABLE n (v int); CREATE VIEW pairs AS SELECT v::pair AS p FROM n;"
    )


def test_a_view_using_a_cast_whose_function_changes_calls_the_new_one(
    tmp_path, monkeypatch, new_db
):
    """The view holds the call of the cast's function, not the cast, and prints the same
    either way: kept, it would go on calling the old function. It is created again."""
    monkeypatch.chdir(tmp_path)
    target = new_db()
    with db.connect(target, autocommit=True) as conn:
        conn.execute(_cast_schema("twice"))
        conn.execute("INSERT INTO n VALUES (4)")
    write(tmp_path / "schema" / "pairs.sql", _cast_schema("halves"))
    result = run("apply", "--yes", "--schema-dir", "schema", "--database-url", target)
    assert result.exit_code == ExitCode.OK, result.output
    with db.connect(target, autocommit=True) as conn:
        assert conn.execute("SELECT (p).a FROM pairs").fetchone() == (2,)
