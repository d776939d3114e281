"""grammar.reader and grammar.alter: a statement read into a Change (action, kind, object,
locks, transactional), without a database."""

from __future__ import annotations

import pytest

from schematool.errors import DiffError
from schematool.grammar import reader
from schematool.grammar.change import (
    ACCESS_EXCLUSIVE,
    ACCESS_SHARE,
    ROW_EXCLUSIVE,
    SHARE,
    SHARE_ROW_EXCLUSIVE,
    SHARE_UPDATE_EXCLUSIVE,
    USE,
    Phase,
)

T = ("rel", "app", "t")

# sql -> (action, kind, object, locks as (table, mode), transactional)
READINGS = {
    "CREATE TABLE app.t (id int PRIMARY KEY, p int REFERENCES app.parent (id));": (
        "create",
        "table",
        T,
        [(("rel", "app", "parent"), SHARE_ROW_EXCLUSIVE)],
        True,
    ),
    "CREATE INDEX CONCURRENTLY i ON app.t (a);": (
        "create",
        "index",
        ("rel", "app", "i"),
        [(T, SHARE_UPDATE_EXCLUSIVE)],
        False,
    ),
    "CREATE UNIQUE INDEX i ON ONLY app.t (a);": (
        "create",
        "index",
        ("rel", "app", "i"),
        [(T, SHARE)],
        True,
    ),
    "DROP INDEX CONCURRENTLY app.i;": (
        "drop",
        "index",
        ("rel", "app", "i"),
        # the index itself, and its table (`of_index`: `change.on_tables` resolves it)
        [(("rel", "app", "i"), SHARE_UPDATE_EXCLUSIVE, False), (("rel", "app", "i"), SHARE_UPDATE_EXCLUSIVE, True)],
        False,
    ),
    "DROP TRIGGER tr ON app.t;": (
        "drop",
        "trigger",
        ("trigger", "app", "t", "tr"),
        [(T, ACCESS_EXCLUSIVE)],
        True,
    ),
    "ALTER TABLE app.t ADD COLUMN c int DEFAULT 0 NOT NULL;": (
        "create",
        "column",
        ("col", "app", "t", "c"),
        [(T, ACCESS_EXCLUSIVE)],
        True,
    ),
    "ALTER TABLE app.t SET (fillfactor = 70);": (
        "alter",
        "table",
        T,
        [(T, SHARE_UPDATE_EXCLUSIVE)],
        True,
    ),
    # one option PostgreSQL does not change under the lighter lock takes the strongest
    "ALTER TABLE app.t SET (parallel_workers = 2, oids = false);": (
        "alter",
        "table",
        T,
        [(T, ACCESS_EXCLUSIVE)],
        True,
    ),
    "ALTER TABLE app.t VALIDATE CONSTRAINT c;": (
        "alter",
        "constraint",
        ("con", "app", "t", "c"),
        [(T, SHARE_UPDATE_EXCLUSIVE)],
        True,
    ),
    "ALTER TABLE app.t ADD CONSTRAINT f FOREIGN KEY (p) REFERENCES app.parent (id) NOT VALID;": (
        "create",
        "constraint",
        ("con", "app", "t", "f"),
        [(T, ACCESS_EXCLUSIVE), (("rel", "app", "parent"), SHARE_ROW_EXCLUSIVE)],
        True,
    ),
    "ALTER TABLE app.t DETACH PARTITION app.p CONCURRENTLY;": (
        "alter",
        "table",
        T,
        [(T, SHARE_UPDATE_EXCLUSIVE), (("rel", "app", "p"), ACCESS_EXCLUSIVE)],
        False,
    ),
    "ALTER TABLE app.t RENAME COLUMN a TO b;": (
        "rename",
        "column",
        ("col", "app", "t", "a"),
        [(T, ACCESS_EXCLUSIVE)],
        True,
    ),
    "ALTER TABLE app.t SET SCHEMA other;": ("rename", "table", T, [], True),
    "ALTER FUNCTION app.f(int) OWNER TO bob;": ("alter", "function", ("fn", "app", "f"), [], True),
    "GRANT SELECT, UPDATE (a) ON app.t TO bob;": ("grant", "table", T, [], True),
    "REVOKE ALL ON ALL TABLES IN SCHEMA app FROM bob;": (
        "revoke",
        "table",
        ("schema", "app"),
        [],
        True,
    ),
    "COMMENT ON COLUMN app.t.c IS 'x';": ("comment", "column", ("col", "app", "t", "c"), [], True),
    "COMMENT ON CAST (int AS app.pair) IS 'x';": (
        "comment",
        "cast",
        ("cast", "integer", "app.pair"),
        [],
        True,
    ),
    "SET search_path = app;": ("set", "setting", ("setting", "search_path"), [], True),
    "select 1;": ("none", "statement", ("noop",), [], True),
    "SELECT pg_catalog.setval('app.s', last_value, is_called) FROM app.old;": (
        "alter",
        "sequence",
        ("rel", "app", "s"),
        [(("rel", "app", "s"), ROW_EXCLUSIVE), (("rel", "app", "old"), ACCESS_SHARE)],
        True,
    ),
    "REFRESH MATERIALIZED VIEW CONCURRENTLY app.mv;": (
        "alter",
        "materialized view",
        ("rel", "app", "mv"),
        [(("rel", "app", "mv"), "EXCLUSIVE")],
        True,
    ),
    "ALTER TYPE app.mood ADD VALUE 'c';": ("alter", "type", ("rel", "app", "mood"), [], True),
    "ALTER SEQUENCE app.s RESTART;": (
        "alter",
        "sequence",
        ("rel", "app", "s"),
        [(("rel", "app", "s"), SHARE_ROW_EXCLUSIVE)],
        True,
    ),
    "CREATE SERVER srv FOREIGN DATA WRAPPER fdw;": (
        "create",
        "server",
        ("server", "srv"),
        [],
        True,
    ),
}


@pytest.mark.parametrize("sql", list(READINGS))
def test_a_statement_is_read_into_what_it_does(sql):
    action, kind, node, locks, transactional = READINGS[sql]
    change = reader.read(sql)
    assert change.understood
    assert (change.action, change.kind, change.object) == (action, kind, node)
    assert [
        (lock.table, lock.mode, lock.of_index)[: len(expected)]
        for lock, expected in zip(change.locks, locks, strict=True)
    ] == locks
    assert change.transactional is transactional
    assert change.sql == sql
    assert (change.source, change.phase) == ("migra", Phase.MAIN)


def test_a_statement_no_reader_knows_is_not_understood():
    change = reader.read("VACUUM app.t;", "renames", Phase.LATE)
    assert not change.understood
    assert change.action == "other"
    assert change.object == ("other", "VacuumStmt")
    assert (change.source, change.phase) == ("renames", Phase.LATE)


def test_a_statement_that_does_not_parse_is_refused_with_its_start():
    with pytest.raises(
        DiffError, match=r"cannot read a planned statement \(syntax error.*CREATE TAB"
    ):
        reader.read("CREATE TABLE (;")


def test_a_planned_statement_is_one_statement():
    with pytest.raises(DiffError, match="must be one statement, not 2: SELECT 1; SELECT 2"):
        reader.read("SELECT 1; SELECT 2;")
    with pytest.raises(DiffError, match="not 0"):
        reader.read("-- nothing")


def test_read_all_reads_each_statement_of_a_text_on_its_own():
    changes = reader.read_all(
        [
            "CREATE TRIGGER tr AFTER INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION f();"
            " ALTER TABLE app.t DISABLE TRIGGER tr;",
            "DROP VIEW app.v;",
        ],
        "gaps",
    )
    assert [(c.action, c.kind, c.object) for c in changes] == [
        ("create", "trigger", ("trigger", "app", "t", "tr")),
        ("alter", "trigger", ("trigger", "app", "t", "tr")),
        ("drop", "view", ("rel", "app", "v")),
    ]
    assert changes[1].sql == "ALTER TABLE app.t DISABLE TRIGGER tr;"
    assert changes[2].sql == "DROP VIEW app.v;"  # one statement: kept as written
    assert {c.source for c in changes} == {"gaps"}


def test_read_all_refuses_a_text_that_does_not_parse():
    with pytest.raises(DiffError, match="cannot read a planned statement"):
        reader.read_all(["SELECT 1; SELECT ("])


def test_a_drop_of_several_objects_is_one_op_each_and_one_lock_per_table():
    change = reader.read("DROP TABLE app.t, u CASCADE;")
    assert [(op.node, op.cascade) for op in change.ops] == [
        (T, True),
        (("rel", "public", "u"), True),  # an unqualified name is public's
    ]
    assert change.action == "alter"  # several objects: the statement alters a table


def test_a_column_added_with_a_volatile_default_rewrites_the_table():
    volatile = reader.read("ALTER TABLE app.t ADD COLUMN c uuid DEFAULT gen_random_uuid();")
    constant = reader.read("ALTER TABLE app.t ADD COLUMN c int DEFAULT 0 NOT NULL;")
    assert (volatile.op.rewrites, volatile.op.type_name) == (True, "uuid")
    assert (constant.op.rewrites, constant.op.type_name) == (False, "integer")
    assert constant.op.detail("not_null") is True


@pytest.mark.parametrize(
    ("using", "read_as"),
    [("c::bigint", "cast"), ("c::text::bigint", "cast"), ("c + 1", "expression"), (None, None)],
)
def test_a_type_change_says_whether_its_using_converts_the_column_itself(using, read_as):
    sql = "ALTER TABLE app.t ALTER COLUMN c TYPE bigint" + (f" USING {using}" if using else "")
    op = reader.read(sql + ";").op
    assert (op.what, op.type_name, op.using) == ("type", "bigint", read_as)


def test_a_rename_says_the_new_name():
    assert reader.read("ALTER TABLE app.t RENAME TO u;").op.renamed_to == ("rel", "app", "u")
    moved = reader.read("ALTER FUNCTION app.f(int) SET SCHEMA other;").op
    assert (moved.what, moved.renamed_to) == ("set schema", ("fn", "other", "f"))


def test_a_sequence_owned_by_a_column_uses_it_and_a_restart_is_kept():
    created = reader.read("CREATE SEQUENCE app.s OWNED BY app.t.id;").op
    assert created.also == ((USE, ("col", "app", "t", "id")),)
    assert reader.read("ALTER SEQUENCE app.s RESTART;").op.detail("restart") is True


def test_a_default_and_an_identity_are_the_columns_generator():
    set_default = reader.read("ALTER TABLE app.t ALTER COLUMN c SET DEFAULT 1;").op
    drop_identity = reader.read("ALTER TABLE app.t ALTER COLUMN c DROP IDENTITY;").op
    generator = ("generator", "app", "t", "c")
    assert set_default.also == (("create", generator),)
    assert drop_identity.also == (("drop", generator),)


def test_a_publication_uses_its_tables_and_the_columns_it_lists_or_filters_by():
    op = reader.read("CREATE PUBLICATION pub FOR TABLE app.t (a, b) WHERE (c > 0);").op
    assert op.also == (
        ("create", ("pubrel", "pub", "app", "t")),
        (USE, T),
        (USE, ("col", "app", "t", "a")),
        (USE, ("col", "app", "t", "b")),
        (USE, ("col", "app", "t", "c")),
    )


def test_the_string_constants_of_a_statement_are_kept():
    sql = "ALTER TABLE app.t ADD CONSTRAINT k CHECK (c IN ('happy', 'it''s', $$x$$, 1));"
    assert reader.read(sql).constants == frozenset({"happy", "it's", "x"})
    # an enum's labels are no constants: the parser keeps them as names
    assert reader.read("CREATE TYPE app.mood AS ENUM ('happy');").constants == frozenset()
    assert reader.read("SET search_path = app;").constants == frozenset({"app"})


def test_an_unqualified_object_in_a_grant_is_taken_to_be_in_public():
    change = reader.read("GRANT EXECUTE ON FUNCTION f(int) TO bob;")
    assert change.object == ("fn", "public", "f")
    assert change.op.detail("columns") is False
