"""Operators the plan must drop to create again: what uses them and cannot be rebuilt
around them stops the plan, naming both, instead of an apply that fails midway."""

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
