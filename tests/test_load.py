from __future__ import annotations

import subprocess

import pytest

from schematool import db
from schematool.desired import load
from schematool.errors import LoadError, SchemaToolError
from schematool.project.files import SchemaFile, schema_files, without_meta_commands
from tests.helpers import write


def _load(tmp_path, url):
    with db.connect(url, autocommit=True) as conn:
        load.load(conn, schema_files(tmp_path / "schema", "schema"))


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
    for bad, line in (("    payload nosuchtype", 5), ("    payload int,,", 5)):
        write(
            tmp_path / "schema/t.sql",
            f"""
            -- naïve café
            CREATE TABLE t (a int);
            CREATE INDEX CONCURRENTLY t_a_idx ON t (a);
            CREATE TABLE u (
            {bad}
            );
            """,
        )
        with pytest.raises(LoadError) as caught:
            _load(tmp_path, new_db())
        assert (caught.value.file, caught.value.line) == ("schema/t.sql", line), str(caught.value)


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


def test_a_missing_schema_folder_is_an_error_and_an_empty_one_the_empty_schema(tmp_path):
    with pytest.raises(SchemaToolError, match="schema folder not found: schema"):
        schema_files(tmp_path / "schema", "schema")
    (tmp_path / "schema").mkdir()
    assert schema_files(tmp_path / "schema", "schema") == []
    (tmp_path / "schema" / ".gitkeep").write_text("")  # how git keeps an empty folder
    assert schema_files(tmp_path / "schema", "schema") == []
    (tmp_path / "schema" / "notes.txt").write_text("not the schema folder?\n")
    with pytest.raises(SchemaToolError, match=r"holds no \.sql files \(but notes\.txt\)"):
        schema_files(tmp_path / "schema", "schema")


def test_plan_warns_of_a_name_postgresql_cuts_and_postgresql_does_cut_it(
    tmp_path, monkeypatch, new_db
):
    from tests.helpers import run

    long = "audiobook_chapter_bookmark_with_a_note_and_a_name_long_enough_to_be_cut"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", new_db())
    (tmp_path / "pyproject.toml").write_text("[tool.schematool]\nkeep_scratch = false\n")
    write(
        tmp_path / "plain" / "t.sql", f'CREATE TABLE a (id int);\nCREATE TABLE "{long}" (id int);\n'
    )
    result = run("plan", "--schema-dir", "plain")
    assert result.exit_code == 0, result.output
    warning = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warning == [
        f'warning: plain/t.sql:2: identifier "{long}" is {len(long)} bytes; PostgreSQL silently'
        f' cuts names to 63 bytes ("{long[:63]}")'
    ]
    assert f'"{long[:63]}"' in result.stdout and long not in result.stdout  # as it warned


def _indexes(url):
    with db.connect(url) as conn:
        rows = conn.execute(
            "SELECT indexrelid::regclass::text, indisvalid FROM pg_index"
            " WHERE indrelid::regclass::text IN ('bookmarks', 'events', 'events_2024')"
            " ORDER BY 1"
        ).fetchall()
    return rows


def test_concurrently_statements_load_as_their_plain_forms_in_the_one_transaction(tmp_path, new_db):
    write(
        tmp_path / "schema/bookmarks.sql",
        """
        CREATE TABLE bookmarks (id bigint PRIMARY KEY, account_id bigint, position_ms int);
        CREATE INDEX CONCURRENTLY bookmarks_account_idx ON bookmarks (account_id);
        create unique index concurrently if not exists bookmarks_position_key
            ON bookmarks (account_id, position_ms);
        CREATE INDEX CONCURRENTLY bookmarks_scratch_idx ON bookmarks (position_ms);
        DROP INDEX CONCURRENTLY IF EXISTS bookmarks_scratch_idx;
        REINDEX (VERBOSE, CONCURRENTLY) INDEX bookmarks_account_idx;
        REINDEX TABLE CONCURRENTLY bookmarks;
        """,
    )
    write(
        tmp_path / "schema/events.sql",
        """
        CREATE TABLE events (id bigint, day date) PARTITION BY RANGE (day);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;
        """,
    )
    url = new_db()
    _load(tmp_path, url)
    assert _indexes(url) == [
        ("bookmarks_account_idx", True),
        ("bookmarks_pkey", True),
        ("bookmarks_position_key", True),
    ]
    with db.connect(url) as conn:
        (attached,) = conn.execute(
            "SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass"
        ).fetchone()
    assert attached == 0


def test_migration_files_load_with_their_begin_commit_and_vacuum_left_out(tmp_path, new_db):
    """Files written as migrations wrap themselves in BEGIN/COMMIT and may VACUUM: the
    load is one transaction, and a COMMIT in a file must not end it (a later file's
    failure still leaves nothing behind)."""
    write(
        tmp_path / "schema/001_titles.sql",
        """
        BEGIN;
        CREATE TABLE titles (id bigint PRIMARY KEY, name text);
        /* done */ COMMIT;
        VACUUM (ANALYZE) titles;
        ANALYZE titles;
        start transaction isolation level serializable;
        CREATE FUNCTION title_count() RETURNS bigint LANGUAGE plpgsql
            AS $$ BEGIN RETURN (SELECT count(*) FROM titles); END $$;
        END;
        """,
    )
    write(
        tmp_path / "schema/002_authors.sql", "begin;\nCREATE TABLE authors (id bigint);\ncommit;\n"
    )
    url = new_db()
    _load(tmp_path, url)
    assert _tables(url) == ["authors", "titles"]
    write(tmp_path / "schema/003_broken.sql", "CREATE TABLE broken (a nosuchtype);\n")
    url = new_db()
    with pytest.raises(LoadError, match="003_broken.sql:1"):
        _load(tmp_path, url)
    assert _tables(url) == []


def test_sql_standard_bodies_load_whole_inside_a_migration_file(tmp_path, new_db):
    """A `BEGIN ATOMIC ... END` body holds `;`s and ends with END: split by the grammar,
    neither is taken for a statement's end nor for the migration's COMMIT (issue 22)."""
    write(
        tmp_path / "schema/001_titles.sql",
        """
        BEGIN;
        CREATE TABLE titles (id bigint PRIMARY KEY, name text);
        CREATE FUNCTION title_count() RETURNS bigint LANGUAGE sql STABLE
        BEGIN ATOMIC
            SELECT count(*) FROM titles;
        END;
        CREATE OR REPLACE PROCEDURE titles_clear(below bigint) LANGUAGE sql
        BEGIN ATOMIC
            DELETE FROM titles WHERE id < below;
            SELECT CASE WHEN below > 0 THEN 1 END;
        END;
        COMMIT;
        """,
    )
    url = new_db()
    _load(tmp_path, url)
    with db.connect(url) as conn:
        bodies = conn.execute(
            "SELECT proname FROM pg_proc WHERE prosqlbody IS NOT NULL"
            " AND pronamespace = 'public'::regnamespace ORDER BY 1"
        ).fetchall()
    assert bodies == [("title_count",), ("titles_clear",)]


def test_an_error_after_a_sql_standard_body_names_its_own_line(tmp_path, new_db):
    write(
        tmp_path / "schema/f.sql",
        """
        CREATE TABLE t (id int);
        CREATE FUNCTION f() RETURNS bigint LANGUAGE sql
        BEGIN ATOMIC
            SELECT count(*) FROM t;
            SELECT 2;
        END;
        CREATE TABLE t (id int);
        """,
    )
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, new_db())
    assert str(caught.value) == 'schema/f.sql:7: relation "t" already exists'


def test_a_label_added_by_add_value_is_usable_by_later_statements_and_files(tmp_path, new_db):
    """Migrations add a label and use it (a default, a row): PostgreSQL allows that only
    once the label is committed, in the same file or a later one."""
    write(
        tmp_path / "schema/001_moods.sql",
        "CREATE TYPE mood AS ENUM ('calm');\nCREATE TABLE scenes (id int, m mood);\n",
    )
    write(
        tmp_path / "schema/002_tense.sql",
        "ALTER TYPE mood ADD VALUE 'tense';\n-- used at once\nALTER TABLE scenes ALTER m SET DEFAULT 'tense';\n",
    )
    write(tmp_path / "schema/003_eerie.sql", "ALTER TYPE mood ADD VALUE 'eerie';\n")
    write(tmp_path / "schema/004_rows.sql", "INSERT INTO scenes VALUES (1, 'eerie');\n")
    url = new_db()
    _load(tmp_path, url)
    with db.connect(url) as conn:
        labels = conn.execute("SELECT enum_range(NULL::mood)::text").fetchone()[0]
        default = conn.execute(
            "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'scenes'::regclass"
        ).fetchone()[0]
        rows = conn.execute("SELECT m::text FROM scenes").fetchall()
    assert (labels, default, rows) == ("{calm,tense,eerie}", "'tense'::mood", [("eerie",)])


def test_a_load_that_fails_after_committing_for_a_new_label_names_the_failing_line(
    tmp_path, new_db
):
    write(tmp_path / "schema/001_moods.sql", "CREATE TYPE mood AS ENUM ('calm');\n")
    write(
        tmp_path / "schema/002_tense.sql",
        "ALTER TYPE mood ADD VALUE 'tense';\nCREATE TABLE scenes (m mood DEFAULT 'tense');\n"
        "CREATE TABLE broken (a nosuchtype);\n",
    )
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, new_db())
    assert str(caught.value) == 'schema/002_tense.sql:3: type "nosuchtype" does not exist'


def test_a_files_settings_hold_for_that_file_only(tmp_path, new_db):
    """A pg_dump of the first state heads a history with `set_config('search_path', '',
    false)`: the files after it, which name tables without their schema, load as they
    would each in a session of its own."""
    write(
        tmp_path / "schema/001_baseline.sql",
        "SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\n"
        "SET check_function_bodies = false;\nCREATE TABLE public.titles (id bigint PRIMARY KEY);\n"
        "CREATE FUNCTION public.later() RETURNS int LANGUAGE sql AS $$ SELECT count(*) FROM nowhere $$;\n",
    )
    write(
        tmp_path / "schema/002_authors.sql", "CREATE TABLE authors (id bigint REFERENCES titles);\n"
    )
    url = new_db()
    _load(tmp_path, url)
    assert _tables(url) == ["authors", "titles"]
    write(  # without the first file's SET, the body is checked again
        tmp_path / "schema/003_checked.sql",
        "CREATE FUNCTION checked() RETURNS int LANGUAGE sql AS $$ SELECT count(*) FROM nowhere $$;\n",
    )
    with pytest.raises(LoadError, match='003_checked.sql:1: relation "nowhere" does not exist'):
        _load(tmp_path, new_db())


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("ROLLBACK", "ROLLBACK"),
        ("abort", "ROLLBACK"),
        ("SAVEPOINT s", "SAVEPOINT"),
        ("RELEASE SAVEPOINT s", "RELEASE SAVEPOINT"),
        ("ROLLBACK TO s", "ROLLBACK TO SAVEPOINT"),
        ("PREPARE TRANSACTION 'x'", "PREPARE TRANSACTION"),
    ],
)
def test_a_statement_that_would_undo_or_split_the_load_is_refused_at_its_line(
    tmp_path, new_db, statement, named
):
    write(tmp_path / "schema/t.sql", f"BEGIN;\nCREATE TABLE t (a int);\n  {statement};\n")
    url = new_db()
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, url)
    assert str(caught.value) == (
        f"schema/t.sql:3: {named} cannot be part of schema files: they are loaded in one"
        " transaction (BEGIN and COMMIT are left out)"
    )
    assert _tables(url) == []


def test_a_prepared_query_is_no_transaction_statement():
    text = "PREPARE q (int) AS SELECT $1;\nDEALLOCATE q;\n"
    assert load.without_transaction_control("t.sql", text) == text


def test_concurrently_statement_is_rolled_back_with_the_rest_when_a_later_file_fails(
    tmp_path, new_db
):
    write(
        tmp_path / "schema/a.sql",
        "CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY t_a_idx ON t (a);\n",
    )
    write(tmp_path / "schema/b.sql", "CREATE TABLE u (a nosuchtype);\n")
    url = new_db()
    with pytest.raises(LoadError, match="b.sql:1"):
        _load(tmp_path, url)
    assert _tables(url) == []


def test_errors_next_to_concurrently_statements_keep_their_lines(tmp_path, new_db):
    write(
        tmp_path / "schema/t.sql",
        """
        -- naïve café: multi-byte text before the statements
        CREATE TABLE t (a int);
        CREATE INDEX CONCURRENTLY t_a_idx ON t (a);

        CREATE INDEX CONCURRENTLY t_b_idx
            ON t (no_such_column);
        """,
    )
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, new_db())
    # no position from the server for this one: the failing statement's first line
    assert str(caught.value) == 'schema/t.sql:5: column "no_such_column" does not exist'
    write(
        tmp_path / "schema/t.sql",
        """
        CREATE TABLE t (a int);
        CREATE INDEX CONCURRENTLY t_a_idx ON t (a);
        REINDEX INDEX CONCURRENTLY t_a_idx;
        CREATE TABLE t (a int);
        """,
    )
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, new_db())
    assert str(caught.value) == 'schema/t.sql:4: relation "t" already exists'
    for bad, line in (("    payload nosuchtype", 5), ("    payload int,,", 5)):
        write(
            tmp_path / "schema/t.sql",
            f"""
            -- naïve café
            CREATE TABLE t (a int);
            CREATE INDEX CONCURRENTLY t_a_idx ON t (a);
            CREATE TABLE u (
            {bad}
            );
            """,
        )
        with pytest.raises(LoadError) as caught:
            _load(tmp_path, new_db())
        assert (caught.value.file, caught.value.line) == ("schema/t.sql", line), str(caught.value)


def test_only_the_concurrently_keyword_of_those_statements_is_blanked():
    text = (
        "SELECT 1 AS concurrently, 'CREATE INDEX CONCURRENTLY x ON y (z)' AS s;\n"
        "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ DROP INDEX CONCURRENTLY i $$;\n"
        "CREATE INDEX CONCURRENTLY i ON t (a);\n"
        "REINDEX (CONCURRENTLY false) INDEX i;\n"
    )
    result = load.without_concurrently(text)
    assert result.splitlines()[:2] == text.splitlines()[:2]
    assert result.splitlines()[2] == "CREATE INDEX              i ON t (a);"
    assert result.splitlines()[3] == "REINDEX (CONCURRENTLY false) INDEX i;"
    assert len(result) == len(text)
    assert (
        load.without_concurrently("CREATE INDEX CONCURRENTLY i ON t (a")
        == "CREATE INDEX CONCURRENTLY i ON t (a"
    )


def test_a_plain_pg_dump_loads_with_its_restrict_lines_left_out(tmp_path, pg, new_db):
    source = new_db()
    with db.connect(source, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE t (a int);"
            " CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$SELECT '\n\\restrict x'$$;"
        )
    dumped = subprocess.run(
        [str(pg.bindir / "pg_dump"), "--schema-only", source],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert dumped.startswith("--") and "\n\\restrict " in dumped  # pg_dump 17.6+ writes them
    write(tmp_path / "schema/dump.sql", dumped)
    target = new_db()
    _load(tmp_path, target)
    assert _tables(target) == ["t"]
    with db.connect(target) as conn:  # a backslash inside a string is the string's
        assert conn.execute("SELECT f()").fetchone()[0] == "\n\\restrict x"


@pytest.mark.parametrize("command", ["\\connect other", "\\set ON_ERROR_STOP on", "  \\i more.sql"])
def test_other_psql_meta_commands_are_refused_at_their_line(tmp_path, new_db, command):
    write(tmp_path / "schema/t.sql", f"CREATE TABLE t (a int);\n-- \\x in a comment\n{command}\n")
    url = new_db()
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, url)
    word = command.split()[0]
    assert str(caught.value) == (
        f"schema/t.sql:3: psql meta-command {word} is not SQL: schema files are run by the"
        " server, not by psql (only pg_dump's \\restrict and \\unrestrict are left out)"
    )
    assert _tables(url) == []


def test_restore_guards_whose_key_starts_with_a_digit_are_left_out():
    """pg_dump's key is random: one starting with a digit is "trailing junk after numeric
    literal" to PostgreSQL's scanner, which then read nothing and left the guards in (the
    load failed at the `\\restrict` line for about one dump in six)."""
    text = (
        "--\n\\restrict 3BalatSbmYXsp24\n\nCREATE FUNCTION f() RETURNS text LANGUAGE sql"
        " AS $$SELECT '\n\\restrict 9kept'$$;\n\\unrestrict 3BalatSbmYXsp24\n"
    )
    loaded = without_meta_commands(SchemaFile("schema/dump.sql", text)).text
    assert len(loaded) == len(text) and loaded.count("\n") == text.count("\n")
    assert "\\restrict 3Bal" not in loaded and "\\unrestrict" not in loaded
    assert "'\n\\restrict 9kept'" in loaded  # inside a string: not a meta-command
