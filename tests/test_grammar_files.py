"""grammar.schema_files and grammar.annotated: schema files read whole, and the
definitions annotation comments stand beside."""

from __future__ import annotations

import pytest

from schematool.grammar import annotated, schema_files
from schematool.grammar.annotated import ABOVE, LINE_END, Site
from schematool.grammar.tree import Unreadable


def test_tables_created():
    source = "CREATE TABLE a.t (x int); CREATE VIEW v AS SELECT 1; CREATE TABLE u (y int);"
    assert schema_files.tables_created(source) == [("rel", "a", "t"), ("rel", "public", "u")]
    assert schema_files.tables_created("CREATE TABLE (") == []


def test_unmanaged_created_names_the_kind_and_the_words_of_each_statement():
    found = schema_files.unmanaged_created(
        "CREATE TABLE t (); SELECT lo_create(42); CREATE TYPE shell;"
        " CREATE TEXT SEARCH TEMPLATE tpl (lexize = dsimple_lexize);"
    )
    assert [kind for kind, _ in found] == ["large object", "base type", "text search template"]
    assert "lo_create" in found[0][1]
    assert "shell" in found[1][1]
    assert {"tpl", "dsimple_lexize"} <= found[2][1]
    assert schema_files.unmanaged_created("CREATE (") == []


def test_first_relation():
    source = (
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS 'begin return null; end';"
        " CREATE TRIGGER tr AFTER INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION f();"
        " CREATE INDEX i ON app.u (a);"
    )
    assert schema_files.first_relation(source) == ("rel", "app", "t")
    assert schema_files.first_relation("CREATE POLICY p ON s.t USING (true)") == ("rel", "s", "t")
    assert schema_files.first_relation("SELECT 1") is None
    assert schema_files.first_relation("CREATE (") is None


def test_renamings_are_the_renames_a_file_states_in_file_order():
    text = (
        "-- a comment before\n"
        "ALTER TABLE app.t RENAME COLUMN a TO b;\n"
        "ALTER TYPE e RENAME VALUE 'x' TO 'y';\n"
        "ALTER VIEW v RENAME COLUMN a TO b;\n"  # a view's column: not read
        "ALTER TYPE e ADD VALUE 'z';\n"
        "ALTER FUNCTION app.f(int) RENAME TO g;\n"
        "ALTER SCHEMA s RENAME TO t"
    )
    found = [(r.kind, r.names, r.new, r.text) for r in schema_files.renamings(text)]
    assert found == [
        ("column", ("app", "t", "a"), "b", "ALTER TABLE app.t RENAME COLUMN a TO b"),
        ("enum value", ("", "e", "x"), "y", "ALTER TYPE e RENAME VALUE 'x' TO 'y'"),
        ("function", ("app", "f"), "g", "ALTER FUNCTION app.f(int) RENAME TO g"),
        ("schema", ("s",), "t", "ALTER SCHEMA s RENAME TO t"),
    ]
    first = schema_files.renamings(text)[0]
    assert text[first.start :].startswith("ALTER TABLE")  # past the comment before it


def test_renamings_count_characters_where_the_parser_counts_bytes():
    text = "CREATE TABLE é (a int);\nALTER TABLE é RENAME TO ü;\n"
    (renaming,) = schema_files.renamings(text)
    assert renaming.start == text.index("ALTER")
    assert renaming.text == "ALTER TABLE é RENAME TO ü"


def test_renamings_of_a_file_that_does_not_parse_raise_unreadable():
    with pytest.raises(Unreadable) as raised:
        schema_files.renamings("SELECT 1;\nALTER TABLE (")
    assert raised.value.offset == 22


ANNOTATED = (
    "-- schematool: renamed from old_t\n"
    "CREATE TABLE app.t (\n"
    "  a int, -- schematool: renamed from b\n"
    "  CONSTRAINT k CHECK (a > 0)\n"
    ");\n"
    "CREATE TYPE e AS ENUM (\n"
    "  'x' -- schematool: renamed from w\n"
    ");\n"
    "/* schematool: beside nothing */ SELECT 1;\n"
)


def test_sites_are_what_statements_create_and_the_lines_inside_them():
    assert annotated.sites(ANNOTATED) == [
        Site("table", ("app", "t"), 34, 124, ABOVE),
        Site("column", ("app", "t", "a"), 57, 96, LINE_END),
        Site("constraint", ("app", "t", "k"), 96, 123, LINE_END),
        Site("type", ("", "e"), 126, 187, ABOVE),
        Site("enum value", ("", "e", "x"), 152, 186, LINE_END),
        Site("other", (), 222, 230, ABOVE),
    ]


def test_remarks_are_marked_comments_with_the_site_they_stand_beside():
    found = annotated.remarks(ANNOTATED, "schematool:")
    assert [(r.text, r.block, r.site.names if r.site else None) for r in found] == [
        ("schematool: renamed from old_t", False, ("app", "t")),
        ("schematool: renamed from b", False, ("app", "t", "a")),
        ("schematool: renamed from w", False, ("", "e", "x")),
        ("schematool: beside nothing", True, None),
    ]
    assert found[1].start == ANNOTATED.index("-- schematool: renamed from b")


def test_sites_count_characters_where_the_parser_counts_bytes():
    text = 'CREATE TABLE é (\n  "ü" int, -- schematool: x\n  b int\n);\n'
    sites = annotated.sites(text)
    assert [(s.kind, s.names, s.start) for s in sites] == [
        ("table", ("", "é"), 0),
        ("column", ("", "é", "ü"), text.index('"ü"')),
        ("column", ("", "é", "b"), text.index("b int")),
    ]
    (remark,) = annotated.remarks(text, "schematool:")
    assert remark.site == sites[1]


def test_a_comment_inside_a_string_or_a_body_is_no_remark():
    text = "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT '-- schematool: no' $$;\n"
    assert annotated.remarks(text, "schematool:") == []


def test_a_text_that_does_not_parse_is_unreadable_where_it_stops():
    with pytest.raises(Unreadable) as raised:
        annotated.sites("CREATE TABLE (")
    assert (str(raised.value), raised.value.offset) == ('syntax error at or near "("', 13)
    with pytest.raises(Unreadable):
        annotated.remarks("SELECT 'unterminated", "schematool:")
