"""grammar.tree: the one parse(), what a text that does not parse becomes, node helpers."""

from __future__ import annotations

import pytest

from schematool.errors import DiffError
from schematool.grammar import tree


def test_parse_gives_each_statement_its_kind_and_body():
    parsed = tree.parse("CREATE TABLE app.t (a int); DROP VIEW v")
    assert parsed is not None
    kinds = parsed.kinds()
    assert [kind for kind, _ in kinds] == ["CreateStmt", "DropStmt"]
    assert kinds[0][1]["relation"] == {
        "schemaname": "app",
        "relname": "t",
        "inh": True,
        "relpersistence": "p",
        "location": 13,
    }
    assert '"CreateStmt"' in parsed.json


def test_parse_of_a_text_that_does_not_parse_is_none_without_a_refusal():
    assert tree.parse("CREATE TABLE (") is None


def test_parse_raises_what_the_refusal_makes_of_the_parsers_error():
    seen = []

    def refuse(error: Exception) -> Exception:
        seen.append(str(error))
        return DiffError(f"cannot read it ({error})")

    with pytest.raises(DiffError, match=r'^cannot read it \(syntax error at or near "\("'):
        tree.parse("CREATE TABLE (", refuse)
    assert len(seen) == 1 and "syntax error" in seen[0]


def test_parse_of_nothing_has_no_statements():
    parsed = tree.parse("-- only a comment\n")
    assert parsed is not None and parsed.statements == []


def test_offsets_of_the_tree_count_bytes_and_character_counts_characters():
    text = "SELECT 'é'; SELECT 2"
    parsed = tree.parse(text)
    assert parsed is not None
    second = parsed.statements[1]
    assert second["stmt_location"] == 13  # bytes: é is two
    assert parsed.character(13) == 12 == text.index("SELECT 2")
    assert parsed.span(second) == (12, len(text))  # the last statement runs to the end
    first_start, first_end = parsed.span(parsed.statements[0])
    assert text[first_start:first_end] == "SELECT 'é'"


def test_character_of_an_ascii_text_is_the_offset_itself():
    parsed = tree.parse("SELECT 1; SELECT 2")
    assert parsed is not None
    assert parsed.character(10) == 10


def test_split_gives_the_statement_texts_and_refuses_what_does_not_parse():
    assert tree.split("SELECT 1; SELECT 'a;b'", lambda e: DiffError(str(e))) == [
        "SELECT 1",
        "SELECT 'a;b'",
    ]
    with pytest.raises(DiffError, match="syntax error"):
        tree.split("SELECT (", lambda e: DiffError(str(e)))


def test_unreadable_keeps_the_offset_the_parser_stopped_at():
    try:
        tree.parse("SELECT 1;\nCREATE TABLE (", tree.unreadable)
    except tree.Unreadable as error:
        assert error.offset == 23
        assert str(error) == 'syntax error at or near "("'
    else:
        pytest.fail("no Unreadable raised")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a statement of no great length", "a statement of no great length"),
        ("SELECT\n   1,\n\t2", "SELECT 1, 2"),
        ("x" * 120, "x" * 97 + "..."),
    ],
)
def test_head_is_the_statement_on_one_line_cut_at_100_characters(text, expected):
    assert tree.head(text) == expected


def _only_statement(sql: str) -> dict:
    parsed = tree.parse(sql)
    assert parsed is not None
    return parsed.kinds()[0][1]


def test_names_of_a_relation_an_unqualified_one_in_public():
    body = _only_statement('CREATE TABLE "My T" (a int)')
    assert tree.relation_node(body["relation"]) == ("rel", "public", "My T")
    assert tree.qualify(("t",)) == ("public", "t")
    assert tree.qualify(("app", "t")) == ("app", "t")


def test_object_names_reads_each_node_that_spells_a_name():
    drop = _only_statement("DROP FUNCTION app.f(integer), g")
    assert [tree.object_names(o) for o in drop["objects"]] == [("app", "f"), ("g",)]
    drop_type = _only_statement('DROP TYPE app."Mood"')
    assert tree.object_names(drop_type["objects"][0]) == ("app", "Mood")
    drop_table = _only_statement("DROP TABLE a.b, c")
    assert [tree.object_names(o) for o in drop_table["objects"]] == [("a", "b"), ("c",)]


def test_strings_and_list_items():
    body = _only_statement("CREATE DOMAIN app.d AS int")
    assert tree.strings(body["domainname"]) == ("app", "d")
    assert tree.strings(None) == ()
    assert tree.list_items({"List": {"items": [1, 2]}}) == [1, 2]
    assert tree.list_items({"String": {"sval": "x"}}) == [{"String": {"sval": "x"}}]


@pytest.mark.parametrize(
    ("sql", "role"),
    [
        ("ALTER TABLE t OWNER TO alice", "alice"),
        ("ALTER TABLE t OWNER TO CURRENT_USER", "current_user"),
        ('ALTER TABLE t OWNER TO "Bob"', "Bob"),
    ],
)
def test_role_name(sql, role):
    command = _only_statement(sql)["cmds"][0]["AlterTableCmd"]
    assert tree.role_name(command["newowner"]) == role


def test_role_name_of_public_and_of_none():
    grant = _only_statement("GRANT SELECT ON t TO PUBLIC")
    assert tree.role_name(grant["grantees"][0]["RoleSpec"]) == "public"
    assert tree.role_name(None) == ""


def test_calls_and_column_refs_find_what_an_expression_holds_anywhere():
    select = _only_statement("SELECT lower(a.b) || pg_catalog.upper(c) FROM t WHERE f(d) > 0")
    assert tree.calls(select) == {"lower", "upper", "f"}
    assert tree.column_refs(select) == {("a", "b"), ("c",), ("d",)}
    assert tree.calls({"nothing": [1, "x"]}) == set()
