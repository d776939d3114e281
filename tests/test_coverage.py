"""Objects of kinds no plan manages stop plan and apply, naming the object and its file,
instead of an apply that reports success and leaves them out (issue 15, class 14)."""

from __future__ import annotations

import pytest

from schematool import db
from schematool.desired import scratch
from schematool.errors import ExitCode
from schematool.inspect import unmanaged
from tests.helpers import run, write

# kind -> (what the schema file holds, the object the error names first)
KINDS = {
    "subscription": (
        "CREATE SUBSCRIPTION feed CONNECTION 'dbname=nowhere' PUBLICATION cdc"
        " WITH (connect = false);",
        "subscription feed",
    ),
    "text search parser": (
        "CREATE TEXT SEARCH PARSER words (START = prsd_start, GETTOKEN = prsd_nexttoken,"
        " END = prsd_end, LEXTYPES = prsd_lextype);",
        "text search parser public.words",
    ),
    "text search template": (
        "CREATE TEXT SEARCH TEMPLATE plain (LEXIZE = dsimple_lexize, INIT = dsimple_init);",
        "text search template public.plain",
    ),
    "operator class": (
        "CREATE OPERATOR CLASS int4_again_ops FOR TYPE int4 USING btree AS OPERATOR 1 <,"
        " OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,"
        " FUNCTION 1 btint4cmp(int4, int4);",
        "operator class public.int4_again_ops",
    ),
    "operator family": (
        "CREATE OPERATOR FAMILY loose_ops USING btree;",
        "operator family public.loose_ops",
    ),
    "transform": (
        "CREATE TRANSFORM FOR int LANGUAGE sql"
        " (FROM SQL WITH FUNCTION generate_series_int4_support(internal));",
        "transform for integer language sql",
    ),
    "language": (
        "CREATE LANGUAGE plcopy HANDLER plpgsql_call_handler VALIDATOR plpgsql_validator;",
        "language plcopy",
    ),
    "conversion": (
        "CREATE CONVERSION latin1_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;",
        "conversion public.latin1_to_utf8",
    ),
    "access method": (
        "CREATE ACCESS METHOD heap_again TYPE TABLE HANDLER heap_tableam_handler;",
        "access method heap_again",
    ),
    "base type": ("CREATE TYPE later;", "base type public.later"),
    "large object": ("SELECT lo_create(4242);", "large object 4242"),
}


def test_every_unmanaged_kind_has_a_test():
    assert set(KINDS) == set(unmanaged.UNMANAGED)


def _schema(tmp_path, text: str):
    folder = tmp_path / "schema"
    write(folder / "app" / "items.sql", "CREATE TABLE items (id int PRIMARY KEY, name text);")
    write(folder / "app" / "unmanaged.sql", text)
    return folder


def _scratch_databases(url: str) -> list[str]:
    with db.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s OR datname LIKE %s",
            (scratch.PREFIX + "%", scratch.KEPT_PREFIX + "%"),
        ).fetchall()
    return sorted(r[0] for r in rows)


@pytest.mark.parametrize("kind", KINDS)
def test_plan_refuses_a_schema_holding_an_object_of_an_unmanaged_kind(
    kind, tmp_path, monkeypatch, new_db, pg
):
    text, named = KINDS[kind]
    monkeypatch.chdir(tmp_path)
    folder = _schema(tmp_path, text)
    before = _scratch_databases(pg.url)
    result = run("plan", "--schema-dir", str(folder), "--database-url", new_db())
    assert result.exit_code == ExitCode.ERROR, result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: schema/app/unmanaged.sql: "), line
    assert named in line and "of a kind schematool does not manage" in line
    assert "Traceback" not in result.output
    # refused before the load committed: no scratch database left behind (a
    # subscription would keep one from being dropped)
    assert _scratch_databases(pg.url) == before


def test_a_refused_object_never_commits_when_a_new_label_commits_the_load_early(
    tmp_path, monkeypatch, new_db, pg
):
    """A label added and then used makes the load commit what came before: the coverage
    check runs before that commit too, so a subscription ahead of it never commits."""
    monkeypatch.chdir(tmp_path)
    folder = _schema(tmp_path, "SELECT 1;")
    write(folder / "app" / "a_feed.sql", KINDS["subscription"][0])  # loads first
    write(folder / "app" / "moods.sql", "CREATE TYPE mood AS ENUM ('calm');\nALTER TYPE mood ADD VALUE 'tense';\n")
    write(folder / "app" / "scenes.sql", "CREATE TABLE scenes (m mood DEFAULT 'tense');\n")
    before = _scratch_databases(pg.url)
    result = run("plan", "--schema-dir", str(folder), "--database-url", new_db())
    assert result.exit_code == ExitCode.ERROR, result.output
    assert "subscription feed is of a kind schematool does not manage" in result.stderr
    assert _scratch_databases(pg.url) == before


def test_apply_refuses_it_too_and_changes_nothing(tmp_path, monkeypatch, new_db):
    monkeypatch.chdir(tmp_path)
    folder = _schema(tmp_path, KINDS["text search parser"][0])
    target = new_db()
    result = run("apply", "--yes", "--schema-dir", str(folder), "--database-url", target)
    assert result.exit_code == ExitCode.ERROR, result.output
    assert "text search parser public.words is of a kind schematool does not manage" in (
        result.stderr
    )
    with db.connect(target, autocommit=True) as conn:
        assert conn.execute("SELECT to_regclass('public.items')").fetchone() == (None,)


def test_the_file_is_named_only_where_it_can_be_found(tmp_path, monkeypatch, new_db):
    """A transform is named by its type and language, not by a name a file would hold:
    its file is the one that creates a transform; a conversion's is the one creating it
    by its name."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "schema"
    write(folder / "types.sql", "CREATE TYPE pair AS (a int, b int);")
    write(folder / "ztransform.sql", KINDS["transform"][0])
    result = run("plan", "--schema-dir", str(folder), "--database-url", new_db())
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.startswith(
        "error: schema/ztransform.sql: transform for integer language sql is of a kind"
    )
    write(folder / "ztransform.sql", "SELECT 1;")
    # the first object named is created by the later file, not by the one before it
    write(folder / "other.sql", KINDS["conversion"][0])
    write(
        folder / "zconv.sql",
        "CREATE CONVERSION a_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;",
    )
    result = run("plan", "--schema-dir", str(folder), "--database-url", new_db())
    assert result.stderr.startswith(
        "error: schema/zconv.sql: conversion public.a_to_utf8 is of a kind"
    ), result.stderr
    assert "(and 1 more: conversion public.latin1_to_utf8)" in result.stderr


def test_a_cast_is_managed_now_apply_creates_it_and_converges(tmp_path, monkeypatch, new_db):
    """Casts were refused like the kinds above; now the plan creates them (after the
    function and type they use, before the view using them) and apply converges."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "schema"
    write(
        folder / "casts.sql",
        "CREATE TYPE pair AS (a int, b int);"
        " CREATE FUNCTION to_pair(int) RETURNS pair LANGUAGE sql IMMUTABLE"
        " AS 'SELECT ROW($1, $1)::pair';"
        " CREATE CAST (int AS pair) WITH FUNCTION to_pair(int) AS ASSIGNMENT;"
        " COMMENT ON CAST (int AS pair) IS 'twice';"
        " CREATE VIEW pairs AS SELECT 1::pair AS p;",
    )
    target = new_db()
    result = run("apply", "--yes", "--schema-dir", str(folder), "--database-url", target)
    assert result.exit_code == ExitCode.OK, result.output
    with db.connect(target, autocommit=True) as conn:
        row = conn.execute(
            "SELECT castcontext, castfunc::regproc::text,"
            " obj_description(oid, 'pg_cast') FROM pg_cast"
            " WHERE casttarget = 'public.pair'::regtype"
        ).fetchone()
    assert row == ("a", "to_pair", "twice")
    again = run("plan", "--exit-code", "--schema-dir", str(folder), "--database-url", target)
    assert again.exit_code == ExitCode.OK, again.output


def test_every_object_is_counted_and_the_first_few_named(tmp_path, monkeypatch, new_db):
    monkeypatch.chdir(tmp_path)
    folder = _schema(tmp_path, KINDS["language"][0] + " " + KINDS["conversion"][0])
    result = run("plan", "--schema-dir", str(folder), "--database-url", new_db())
    assert result.exit_code == ExitCode.ERROR
    assert "language plcopy is of a kind" in result.stderr
    assert "(and 1 more: conversion public.latin1_to_utf8)" in result.stderr


def test_unmanaged_objects_in_the_target_are_reported_and_left_alone(
    tmp_path, monkeypatch, new_db
):
    """The target's own text search parser (a C extension's, say) is not the plan's: a
    warning names it, the plan ignores it, and apply leaves it be."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "schema"
    write(folder / "items.sql", "CREATE TABLE items (id int PRIMARY KEY, name text);")
    target = new_db()
    with db.connect(target, autocommit=True) as conn:
        conn.execute("CREATE TABLE items (id int PRIMARY KEY);" + KINDS["text search parser"][0])
        conn.execute("SELECT lo_create(4242)")  # data an application stored: not reported
    result = run("apply", "--yes", "--schema-dir", str(folder), "--database-url", target)
    assert result.exit_code == ExitCode.OK, result.output
    assert (
        "warning: the target holds 1 object(s) of kinds schematool does not manage,"
        " left as they are: text search parser public.words"
    ) in result.stderr.splitlines()
    with db.connect(target, autocommit=True) as conn:
        assert conn.execute("SELECT prsname FROM pg_ts_parser WHERE prsname = 'words'").fetchall()
    again = run("plan", "--exit-code", "--schema-dir", str(folder), "--database-url", target)
    assert again.exit_code == ExitCode.OK, again.output
    assert "text search parser public.words" in again.stderr


# kinds a plan manages since issue 15 (class 14): once refused like those above
MANAGED = (
    "CREATE TABLE t (id int PRIMARY KEY, body text);"
    " CREATE PUBLICATION cdc FOR TABLE t WITH (publish = 'insert');"
    " CREATE TEXT SEARCH DICTIONARY simple_words (TEMPLATE = pg_catalog.simple, accept = false);"
    " CREATE TEXT SEARCH CONFIGURATION english_plain (COPY = pg_catalog.english);"
    " ALTER TEXT SEARCH CONFIGURATION english_plain ALTER MAPPING FOR asciiword WITH simple_words;"
    " CREATE INDEX t_body ON t USING gin (to_tsvector('english_plain', body));"
)


def test_publications_and_text_search_objects_are_planned_and_applied(
    tmp_path, monkeypatch, new_db
):
    monkeypatch.chdir(tmp_path)
    folder = _schema(tmp_path, MANAGED)
    target = new_db()
    result = run("apply", "--yes", "--schema-dir", str(folder), "--database-url", target)
    assert result.exit_code == ExitCode.OK, result.output
    with db.connect(target, autocommit=True) as conn:
        assert conn.execute("SELECT pubname, pubupdate FROM pg_publication").fetchall() == [
            ("cdc", False)
        ]
        assert conn.execute(
            "SELECT d.dictname FROM pg_ts_config_map m JOIN pg_ts_dict d ON d.oid = m.mapdict"
            " WHERE m.mapcfg = 'english_plain'::regconfig AND m.maptokentype = 1"
        ).fetchall() == [("simple_words",)]
    again = run("plan", "--exit-code", "--schema-dir", str(folder), "--database-url", target)
    assert again.exit_code == ExitCode.OK, again.output
    assert "does not manage" not in again.stderr


def test_a_publication_no_longer_declared_is_dropped_only_when_allowed(
    tmp_path, monkeypatch, new_db
):
    """Converging drops a publication of the target the schema files do not declare:
    that breaks its subscribers, so it waits for --allow-hazards replication-break."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "schema"
    write(folder / "items.sql", "CREATE TABLE items (id int PRIMARY KEY);")
    target = new_db()
    with db.connect(target, autocommit=True) as conn:
        conn.execute("CREATE TABLE items (id int PRIMARY KEY); CREATE PUBLICATION cdc FOR ALL TABLES")
    refused = run("apply", "--yes", "--schema-dir", str(folder), "--database-url", target)
    assert refused.exit_code == ExitCode.REFUSED, refused.output
    assert "DROP PUBLICATION cdc" in refused.stderr and "(replication-break)" in refused.stderr
    allowed = run(
        "apply", "--yes", "--allow-hazards", "replication-break",
        "--schema-dir", str(folder), "--database-url", target,
    )
    assert allowed.exit_code == ExitCode.OK, allowed.output
    with db.connect(target, autocommit=True) as conn:
        assert conn.execute("SELECT pubname FROM pg_publication").fetchall() == []


def test_objects_in_excluded_schemas_are_not_the_plans_business(tmp_path, monkeypatch, new_db):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "pyproject.toml",
        '[tool.schematool]\nschema = "schema"\nexclude_schemas = ["search"]\n',
    )
    folder = tmp_path / "schema"
    write(
        folder / "search.sql",
        "CREATE SCHEMA search;"
        " CREATE TEXT SEARCH CONFIGURATION search.plain (COPY = pg_catalog.simple);",
    )
    target = new_db()
    with db.connect(target, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA search")
    result = run("plan", "--exit-code", "--schema-dir", str(folder), "--database-url", target)
    assert result.exit_code == ExitCode.OK, result.output


def test_no_managed_object_is_taken_for_an_unmanaged_one(servers, db_factory):
    """The completeness test's schema holds every managed kind (and what comes with
    them: array and multirange types, a range's cast to its multirange, identity and
    serial sequences, extension members); its only unmanaged object is the access
    method its tables use."""
    from tests import completeness

    for server in servers.values():
        with db.connect(db_factory(server), autocommit=True) as conn:
            with conn.transaction():
                conn.execute(completeness.BASE)
            found = [str(item) for item in unmanaged.find(conn, ("schematool",))]
        assert found == ["access method heap2"], (server, found)


def test_the_file_named_is_the_one_whose_statement_creates_the_object():
    """Files are read with PostgreSQL's grammar: a comment or a string that mentions the
    kind and the name is not the statement creating the object."""
    files = [
        ("schema/a.sql", "-- create subscription cdc: see b.sql\nCREATE TABLE t (id int);"),
        ("schema/b.sql", "COMMENT ON TABLE t IS 'create subscription cdc';"),
        ("schema/c.sql", "CREATE SUBSCRIPTION \"cdc\" CONNECTION 'dbname=x' PUBLICATION p;"),
    ]
    with pytest.raises(unmanaged.UnmanagedObjects) as raised:
        unmanaged.refuse_desired([unmanaged.Unmanaged("subscription", "cdc")], files)
    assert str(raised.value).startswith("schema/c.sql: subscription cdc is of a kind"), raised.value
