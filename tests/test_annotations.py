"""Reading `-- schematool:` annotations from schema files (no database): what each
annotates, and every annotation that cannot be used refused with its file and line."""

from __future__ import annotations

import pytest

from schematool.annotations import read
from schematool.errors import AnnotationError, ExitCode
from schematool.load import SchemaFile

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
