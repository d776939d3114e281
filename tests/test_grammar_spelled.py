"""The expressions schema files spell, found by PostgreSQL's grammar and lexer
(`schematool.grammar.spelled`): the text a plan writes where the deparsed one loads as
another tree (issue 22, class 2)."""

from __future__ import annotations

from schematool.grammar.spelled import (
    CHECK,
    DEFAULT,
    DOMAIN_CHECK,
    DOMAIN_DEFAULT,
    GENERATED,
    INDEX,
    USING,
    WITH_CHECK,
    Spelled,
    spelled,
)

TABLE = """
CREATE TABLE shop.item (
    id bigint,
    status varchar(20) CONSTRAINT item_status CHECK (status IN ('a', 'b')) -- a comment (
        DEFAULT 'a'::varchar NOT NULL,
    tags int[] DEFAULT ARRAY[1, 2],
    late boolean DEFAULT (now() > '2000-01-01') NOT NULL,
    open boolean GENERATED ALWAYS AS (status IN ('a')) STORED,
    CHECK (id > 0)
);
"""


def test_a_create_table_gives_its_checks_defaults_and_generated_columns():
    owner = ("shop", "item")
    assert spelled(TABLE) == [
        Spelled(CHECK, owner, "item_status", "status IN ('a', 'b')"),
        Spelled(DEFAULT, owner, "status", "'a'::varchar"),
        Spelled(DEFAULT, owner, "tags", "ARRAY[1, 2]"),
        Spelled(DEFAULT, owner, "late", "(now() > '2000-01-01')"),
        Spelled(GENERATED, owner, "open", "status IN ('a')"),
        Spelled(CHECK, owner, None, "id > 0"),
    ]


def test_alter_table_subcommands_each_give_their_own_text():
    source = (
        "ALTER TABLE item ALTER COLUMN id SET DEFAULT 1 + 2,"
        " ADD CONSTRAINT small CHECK (id < 9) NOT VALID,"
        " ALTER status SET DEFAULT ('x'),"
        " ADD COLUMN z int DEFAULT f(1, 2) CHECK (z > 0);"
    )
    assert spelled(source) == [
        Spelled(DEFAULT, ("item",), "id", "1 + 2"),
        Spelled(CHECK, ("item",), "small", "id < 9"),
        Spelled(DEFAULT, ("item",), "status", "('x')"),
        Spelled(DEFAULT, ("item",), "z", "f(1, 2)"),
        Spelled(CHECK, ("item",), None, "z > 0"),
    ]


def test_an_index_is_spelled_from_its_column_list_on():
    source = (
        "CREATE INDEX ON item (id, (id + 1)) WHERE id > 0;\n"
        'CREATE UNIQUE INDEX IF NOT EXISTS "i(x)" ON ONLY item USING gin (lower(x))'
        " INCLUDE (y) WHERE x IN ('a')"
    )
    assert spelled(source) == [
        Spelled(INDEX, ("item",), None, "(id, (id + 1)) WHERE id > 0"),
        Spelled(INDEX, ("item",), "i(x)", "(lower(x)) INCLUDE (y) WHERE x IN ('a')"),
    ]


def test_policies_give_their_using_and_with_check():
    source = (
        "CREATE POLICY p ON item USING (id > 1) WITH CHECK (id IN (2, 3));\n"
        "ALTER POLICY p ON item WITH CHECK (id > 3);"
    )
    assert spelled(source) == [
        Spelled(USING, ("item",), "p", "id > 1"),
        Spelled(WITH_CHECK, ("item",), "p", "id IN (2, 3)"),
        Spelled(WITH_CHECK, ("item",), "p", "id > 3"),
    ]


def test_domains_give_their_defaults_and_checks():
    source = (
        "CREATE DOMAIN app.d AS varchar(9) DEFAULT 'a' CHECK (VALUE IN ('a', 'b'))"
        " CONSTRAINT short CHECK (length(VALUE) < 5);\n"
        "ALTER DOMAIN app.d SET DEFAULT 'b' || 'c';\n"
        "ALTER DOMAIN app.d ADD CONSTRAINT x CHECK (VALUE <> 'z');"
    )
    owner = ("app", "d")
    assert spelled(source) == [
        Spelled(DOMAIN_DEFAULT, owner, None, "'a'"),
        Spelled(DOMAIN_CHECK, owner, None, "VALUE IN ('a', 'b')"),
        Spelled(DOMAIN_CHECK, owner, "short", "length(VALUE) < 5"),
        Spelled(DOMAIN_DEFAULT, owner, None, "'b' || 'c'"),
        Spelled(DOMAIN_CHECK, owner, "x", "VALUE <> 'z'"),
    ]


def test_offsets_count_characters_after_multibyte_text():
    source = "SELECT 'ä'; CREATE TABLE \"Ü\" (\"é\" text DEFAULT 'ö' CHECK (\"é\" <> 'ß'));"
    assert spelled(source) == [
        Spelled(DEFAULT, ("Ü",), "é", "'ö'"),
        Spelled(CHECK, ("Ü",), None, "\"é\" <> 'ß'"),
    ]


def test_a_file_that_does_not_parse_gives_nothing():
    assert spelled("CREATE TABLE t (a int CHECK (a > 0)") == []
