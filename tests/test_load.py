from __future__ import annotations

import pytest

from schematool import db, load
from schematool.errors import LoadError, SchemaToolError
from tests.helpers import write


def _load(tmp_path, url):
    with db.connect(url, autocommit=True) as conn:
        load.load(conn, load.schema_files(tmp_path / "schema", "schema"))


def _tables(url):
    with db.connect(url) as conn:
        rows = conn.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
            " ORDER BY 1"
        ).fetchall()
    return [r[0] for r in rows]


def test_files_load_in_path_order_and_forward_references_are_deferred(tmp_path, new_db):
    # a/ sorts first but needs b/'s table: the loader retries it after b/.
    write(tmp_path / "schema/a/child.sql", "CREATE TABLE child (p int REFERENCES parent);\n")
    write(tmp_path / "schema/b/parent.sql", "CREATE TABLE parent (id int PRIMARY KEY);\n")
    url = new_db()
    _load(tmp_path, url)
    assert _tables(url) == ["child", "parent"]


def test_bad_statement_names_schema_file_and_line(tmp_path, new_db):
    write(tmp_path / "schema/ok.sql", "CREATE TABLE ok (id int);\n")
    write(
        tmp_path / "schema/lists/list.sql",
        """
        -- a list
        CREATE TABLE list (id int);

        CREATE TABLE item (
            id int,
            tier nosuchtype
        );
        """,
    )
    url = new_db()
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, url)
    assert str(caught.value) == 'schema/lists/list.sql:6: type "nosuchtype" does not exist'
    assert _tables(url) == []  # one transaction: nothing of ok.sql either


def test_error_without_a_position_names_the_statement_line(tmp_path, new_db):
    write(
        tmp_path / "schema/t.sql",
        """
        CREATE TABLE t (id int);
        CREATE TABLE u (id int);

        CREATE TABLE t (id int);
        """,
    )
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, new_db())
    assert str(caught.value) == 'schema/t.sql:4: relation "t" already exists'


def test_error_inside_a_function_body_is_reported_at_its_line(tmp_path, new_db):
    write(
        tmp_path / "schema/f.sql",
        """
        CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$
            SELECT 1;
        $$;
        CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $$
            SELECT no_such_column FROM pg_class
        $$;
        """,
    )
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, new_db())
    assert caught.value.file == "schema/f.sql"
    assert caught.value.line in (4, 5)
    assert "no_such_column" in str(caught.value)


def test_a_reference_that_never_appears_is_reported(tmp_path, new_db):
    write(tmp_path / "schema/v.sql", "-- a view\n\nCREATE VIEW v AS SELECT * FROM missing;\n")
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, new_db())
    assert str(caught.value) == 'schema/v.sql:3: relation "missing" does not exist'


def test_comment_only_files_are_skipped(tmp_path, new_db):
    write(tmp_path / "schema/notes.sql", "-- nothing here yet\n")
    write(tmp_path / "schema/t.sql", "CREATE TABLE t (id int);\n")
    url = new_db()
    _load(tmp_path, url)
    assert _tables(url) == ["t"]


def test_empty_or_missing_schema_folder_is_an_error(tmp_path):
    with pytest.raises(SchemaToolError, match="schema folder not found: schema"):
        load.schema_files(tmp_path / "schema", "schema")
    (tmp_path / "schema").mkdir()
    with pytest.raises(SchemaToolError, match="holds no .sql files"):
        load.schema_files(tmp_path / "schema", "schema")


def test_plan_warns_of_a_name_postgresql_cuts_and_postgresql_does_cut_it(tmp_path, monkeypatch, new_db):
    from tests.helpers import run

    long = "audiobook_chapter_bookmark_with_a_note_and_a_name_long_enough_to_be_cut"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", new_db())
    (tmp_path / "pyproject.toml").write_text('[tool.schematool]\nkeep_scratch = false\n')
    write(tmp_path / "plain" / "t.sql", f'CREATE TABLE a (id int);\nCREATE TABLE "{long}" (id int);\n')
    result = run("plan", "--schema-dir", "plain")
    assert result.exit_code == 0, result.output
    warning = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warning == [
        f'warning: plain/t.sql:2: identifier "{long}" is {len(long)} bytes; PostgreSQL silently'
        f' cuts names to 63 bytes ("{long[:63]}")'
    ]
    assert f'"{long[:63]}"' in result.stdout and long not in result.stdout  # as it warned
