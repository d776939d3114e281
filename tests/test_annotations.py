"""Reading `-- schematool:` annotations from schema files (no database): what each
annotates, and every annotation that cannot be used refused with its file and line."""

from __future__ import annotations

import pytest

from schematool.desired.annotations import read
from schematool.errors import AnnotationError, ExitCode
from schematool.project.files import SchemaFile

READ = {
    "column": (
        "CREATE TABLE t (\n  a int, -- schematool: renamed from b\n  c int\n);",
        [("renamed from", "column", ("", "t", "a"), "b")],
    ),
    "table constraint and column of one table": (
        "CREATE TABLE t (\n  a int PRIMARY KEY, -- schematool: renamed from b\n"
        "  CONSTRAINT c2 CHECK (a > 0) -- schematool: renamed from c1\n);",
        [
            ("renamed from", "column", ("", "t", "a"), "b"),
            ("renamed from", "constraint", ("", "t", "c2"), "c1"),
        ],
    ),
    "index above its CREATE": (
        "CREATE TABLE t (a int);\n-- schematool: renamed from old_idx\n"
        "CREATE INDEX new_idx ON t (a);",
        [("renamed from", "index", ("", "new_idx"), "old_idx")],
    ),
    "constraint above ALTER TABLE ADD CONSTRAINT": (
        "CREATE TABLE t (a int);\n-- schematool: renamed from old_c\n"
        "ALTER TABLE t ADD CONSTRAINT new_c CHECK (a > 0);",
        [("renamed from", "constraint", ("", "t", "new_c"), "old_c")],
    ),
    "function, schema-qualified": (
        "-- schematool: renamed from old_f\n"
        "CREATE FUNCTION s.f(a int) RETURNS int LANGUAGE sql AS 'select 1';",
        [("renamed from", "function", ("s", "f"), "old_f")],
    ),
    "enum label": (
        "CREATE TYPE e AS ENUM (\n 'a',\n 'b' -- schematool: renamed from 'c'\n);",
        [("renamed from", "enum value", ("", "e", "b"), "c")],
    ),
    "quoted old name": (
        'CREATE TABLE t (\n  a int -- schematool: renamed from "Old Name"\n);',
        [("renamed from", "column", ("", "t", "a"), "Old Name")],
    ),
    "using": (
        "CREATE TABLE t (\n  a int -- schematool: using nullif(a, '')::int\n);",
        [("using", "column", ("", "t", "a"), "")],
    ),
}


@pytest.mark.parametrize(("text", "expected"), READ.values(), ids=list(READ))
def test_an_annotation_names_the_object_it_stands_beside(text, expected):
    found = read([SchemaFile("schema/s.sql", text)])
    assert [(a.directive, a.kind, a.names, a.old) for a in found.items] == expected


REFUSED = {
    "beside nothing": (
        "CREATE TABLE t (a int);\n-- schematool: renamed from x\n",
        "schema/s.sql:2: this annotation stands beside nothing",
    ),
    "a blank line before the CREATE": (
        "-- schematool: renamed from old_idx\n\nCREATE INDEX new_idx ON t (a);",
        "schema/s.sql:1: this annotation stands beside nothing",
    ),
    "misspelt": (
        "CREATE TABLE t (\n  a int -- schematool: renamed x\n);",
        "schema/s.sql:2: unknown schematool annotation `-- schematool: renamed x`",
    ),
    "block comment": (
        "CREATE TABLE t (\n  a int /* schematool: renamed from x */\n);",
        "schema/s.sql:2: write schematool annotations as -- comments",
    ),
    "beside a statement that creates nothing renamable": (
        "CREATE TABLE t (a int);\n-- schematool: renamed from x\nGRANT SELECT ON t TO PUBLIC;",
        "schema/s.sql:2: this statement creates nothing schematool renames or converts",
    ),
    "using beside a table": (
        "-- schematool: using 1\nCREATE TABLE t (a int);",
        "schema/s.sql:1: `using` gives a column's type conversion",
    ),
    "using that is not one expression": (
        "CREATE TABLE t (\n  a int -- schematool: using 1 +\n);",
        "schema/s.sql:2: `1 +` is not one SQL expression",
    ),
    "an enum label's old name not a literal": (
        "CREATE TYPE e AS ENUM (\n 'a',\n 'b' -- schematool: renamed from c\n);",
        "schema/s.sql:3: an enum label's old name is a string literal",
    ),
    "two renames of one column": (
        "CREATE TABLE t (\n  a int -- schematool: renamed from b -- schematool: renamed from c\n);",
        "schema/s.sql:2: a second `renamed from` for this column",
    ),
    "its own name": (
        "CREATE TABLE t (\n  a int -- schematool: renamed from a\n);",
        "schema/s.sql:2: `a` is the column's own name",
    ),
    "another schema": (
        "-- schematool: renamed from s2.old\nCREATE TABLE s1.t (a int);",
        "schema/s.sql:1: a rename stays in its schema",
    ),
}


@pytest.mark.parametrize(("text", "message"), REFUSED.values(), ids=list(REFUSED))
def test_an_annotation_that_cannot_be_used_is_refused_with_its_file_and_line(text, message):
    with pytest.raises(AnnotationError) as raised:
        read([SchemaFile("schema/s.sql", text)])
    assert str(raised.value).startswith(message), str(raised.value)
    assert "\n" not in str(raised.value)
    assert raised.value.exit_code == ExitCode.ERROR


def test_a_file_without_annotations_holds_none():
    assert not read([SchemaFile("schema/s.sql", "CREATE TABLE t (a int); -- renamed from b\n")])


# -- renames stated as statements (schematool.desired.stated_renames) ----------------------------

STATED = {
    "a column": (
        ["CREATE TABLE accounts (id int, display_name text);\n"
         "ALTER TABLE accounts RENAME COLUMN display_name TO nickname;"],
        [("column", ("", "accounts", "nickname"), "display_name", "schema/1.sql:2")],
    ),
    "a chain a -> b -> c across files is one rename": (
        ["CREATE TABLE t (a int);\nALTER TABLE t RENAME a TO b;", "\n\nALTER TABLE t RENAME COLUMN b TO c;"],
        [("column", ("", "t", "c"), "a", "schema/1.sql:2")],
    ),
    "renamed back to its first name is none": (
        ["CREATE TABLE t (a int);\nALTER TABLE t RENAME a TO b;\nALTER TABLE t RENAME b TO a;"],
        [],
    ),
    "a table renamed after its column: the column's names are the table's last": (
        ["CREATE TABLE listens (id int, at timestamptz);\n"
         "ALTER TABLE listens RENAME COLUMN at TO played_at;\n"
         "ALTER TABLE public.listens RENAME TO plays;\n"
         "ALTER TABLE plays RENAME CONSTRAINT c1 TO c2;"],
        [
            ("column", ("public", "plays", "played_at"), "at", "schema/1.sql:2"),
            ("table", ("public", "plays"), "listens", "schema/1.sql:3"),
            ("constraint", ("", "plays", "c2"), "c1", "schema/1.sql:4"),
        ],
    ),
    "a schema renamed: its objects' renames name the new schema": (
        ["CREATE SCHEMA a;\nCREATE TABLE a.t (x int);\nALTER TABLE a.t RENAME TO u;\n"
         "ALTER SCHEMA a RENAME TO b;"],
        [("table", ("b", "u"), "t", "schema/1.sql:3"), ("schema", ("b",), "a", "schema/1.sql:4")],
    ),
    "every kind of rename statement": (
        ["-- a comment before it\nALTER VIEW v RENAME TO w;\nALTER MATERIALIZED VIEW s.m RENAME TO n;\n"
         "ALTER INDEX i RENAME TO j;\nALTER SEQUENCE q RENAME TO r;\nALTER TYPE e RENAME TO f;\n"
         "ALTER DOMAIN d RENAME TO d2;\nALTER FUNCTION g(int) RENAME TO h;\n"
         "ALTER PROCEDURE p RENAME TO p2;\nALTER TYPE f RENAME VALUE 'x' TO 'y';"],
        [
            ("view", ("", "w"), "v", "schema/1.sql:2"),
            ("materialized view", ("s", "n"), "m", "schema/1.sql:3"),
            ("index", ("", "j"), "i", "schema/1.sql:4"),
            ("sequence", ("", "r"), "q", "schema/1.sql:5"),
            ("type", ("", "f"), "e", "schema/1.sql:6"),
            ("domain", ("", "d2"), "d", "schema/1.sql:7"),
            ("function", ("", "h"), "g", "schema/1.sql:8"),
            ("procedure", ("", "p2"), "p", "schema/1.sql:9"),
            ("enum value", ("", "f", "y"), "x", "schema/1.sql:10"),
        ],
    ),
    "renames not read: a trigger's, a view's column, a composite type's attribute": (
        ["ALTER TRIGGER tg ON t RENAME TO tg2;\nALTER VIEW v RENAME COLUMN a TO b;\n"
         "ALTER TYPE c RENAME ATTRIBUTE a TO b;"],
        [],
    ),
}


@pytest.mark.parametrize(("texts", "expected"), STATED.values(), ids=list(STATED))
def test_a_rename_statement_is_read_as_the_request_an_annotation_makes(texts, expected):
    files = [SchemaFile(f"schema/{n}.sql", text) for n, text in enumerate(texts, 1)]
    found = read(files)
    assert [(a.directive, a.kind, a.names, a.old, a.where) for a in found.items] == [
        ("renamed from", *item) for item in expected
    ]
    assert all(a.statement.startswith("ALTER") for a in found.items)


def test_a_rename_statement_and_the_same_annotation_are_one_request():
    text = (
        "CREATE TABLE t (\n  b int -- schematool: renamed from a\n);\n"
        "ALTER TABLE t RENAME a TO b;"
    )
    found = read([SchemaFile("schema/s.sql", text)])
    assert [(a.kind, a.names, a.old, a.statement) for a in found.items] == [
        ("column", ("", "t", "b"), "a", "")
    ]


def test_a_rename_statement_an_annotation_contradicts_is_refused_naming_both():
    files = [
        SchemaFile("schema/1.sql", "CREATE TABLE t (\n  c int -- schematool: renamed from a\n);"),
        SchemaFile("schema/2.sql", "\nALTER TABLE t RENAME COLUMN b TO c;"),
    ]
    with pytest.raises(AnnotationError) as raised:
        read(files)
    assert str(raised.value) == (
        "schema/2.sql:2: `ALTER TABLE t RENAME COLUMN b TO c` renames column b to c, but the"
        " annotation at schema/1.sql:2 says it was renamed from a: keep one of them"
    )
    assert raised.value.exit_code == ExitCode.ERROR
