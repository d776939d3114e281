"""grammar.lexer: statements split with their lines, the words a file spells, PostgreSQL's
own tokens, literals masked, deparsed text as tokens."""

from __future__ import annotations

import pytest

from schematool.grammar import lexer
from schematool.grammar.lexer import Statement
from schematool.grammar.tree import Unreadable

SOURCE = (
    "SELECT 'a;b';\n"
    "/* outer /* inner; */ still; */ CREATE FUNCTION f() RETURNS int"
    " AS $body$ SELECT 1; $body$ LANGUAGE sql;\n"
    "SELECT E'it\\'s;' , \"we;ird\", $1;\n"
    "-- trailing; comment\n"
    "SELECT 2"
)


def test_split_keeps_strings_bodies_and_nested_comments_whole():
    assert lexer.split(SOURCE) == [
        Statement("SELECT 'a;b'", 1, 0),
        Statement("CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql", 2, 46),
        Statement("SELECT E'it\\'s;' , \"we;ird\", $1", 3, 119),
        Statement("SELECT 2", 5, 173),
    ]


def test_split_of_an_unclosed_string_runs_to_the_end():
    assert lexer.split("SELECT 1; SELECT 'open;") == [
        Statement("SELECT 1", 1, 0),
        Statement("SELECT 'open;", 1, 10),
    ]


def test_a_backslash_escapes_only_in_an_e_string():
    # in a plain string a backslash is a character: the quote after it closes the string
    assert [s.text for s in lexer.split("SELECT 'a\\'; SELECT 2")] == ["SELECT 'a\\'", "SELECT 2"]
    assert [s.text for s in lexer.split("SELECT e'a\\'; SELECT 2")] == ["SELECT e'a\\'; SELECT 2"]


ATOMIC = (
    "CREATE TABLE t (a int);\n"
    "CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql\n"
    "BEGIN ATOMIC\n"
    "  SELECT CASE WHEN x > 0 THEN 1 ELSE 2 END;\n"
    "  SELECT (a) FROM t;\n"
    "END;\n"
    "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM t; END;\n"
    "SELECT 'end';"
)


def test_split_keeps_a_sql_standard_body_whole():
    """A BEGIN ATOMIC body's statements end with `;` too: the grammar knows where it ends."""
    expected = [
        Statement("CREATE TABLE t (a int)", 1, 0),
        Statement(ATOMIC[24 : ATOMIC.index("END;\nCREATE PROC") + 3], 2, 24),
        Statement("CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM t; END", 7, 168),
        Statement("SELECT 'end'", 8, 235),
    ]
    assert lexer.split(ATOMIC) == expected
    # text the parser does not read is split as psql splits it: the same statements
    assert lexer.split(ATOMIC + "\nSELECT (;") == [*expected, Statement("SELECT (;", 9, 249)]


def test_identifiers_are_words_outside_strings_comments_and_bodies():
    found = list(lexer.identifiers('SELECT "My ""T""", x1, 1e10, $$ hidden $$ FROM app.Tab -- c\n'))
    assert found == [
        ("select", 0),
        ('My "T"', 7),
        ("x1", 19),
        ("from", 42),
        ("app", 47),
        ("tab", 51),
    ]


def test_skip_comments_first_word_and_line_of():
    text = "  -- c\n /* d /* e */ */ SELECT x"
    start = lexer.skip_comments(text, 0, len(text))
    assert text[start:] == "SELECT x"
    assert lexer.skip_comments("  -- only", 0, 9) == 9
    assert lexer.first_word(text, start) == "SELECT"
    assert lexer.first_word("(x", 0) == ""
    assert [lexer.line_of("a\nb\nc", offset) for offset in (0, 1, 2, 4)] == [1, 1, 2, 3]


def test_scan_gives_postgresqls_tokens_and_raises_unreadable():
    tokens = lexer.scan("SELECT 'x' -- c")
    assert [(t.name, t.start, t.end) for t in tokens] == [
        ("SELECT", 0, 5),
        ("SCONST", 7, 9),
        ("SQL_COMMENT", 11, 14),
    ]
    with pytest.raises(Unreadable):
        lexer.scan("SELECT 'open")


def test_lexemes_are_keywords_and_literals_and_how_far_the_text_reads():
    assert lexer.lexemes("SELECT 'a', 1 FROM t") == (
        [(0, 6, "keyword"), (7, 10, "literal"), (14, 18, "keyword")],
        20,
    )
    assert lexer.lexemes("SELECT 'cut") == ([(0, 6, "keyword")], 7)


@pytest.mark.parametrize(
    ("query", "masked"),
    [
        (
            "UPDATE t SET pw = 'secret', n = E'x\\'y'  WHERE a = $$z$$",
            "UPDATE t SET pw = '***', n = '***' WHERE a = '***'",
        ),
        ("SELECT 'cut", "SELECT '***'"),  # what cannot be read is masked too
        ("SELECT 1", "SELECT 1"),
    ],
)
def test_mask_literals(query, masked):
    assert lexer.mask_literals(query) == masked


def test_tokens_of_deparsed_text_keep_quoted_parts_whole():
    text = "f((a) AND 'x)' AND $q$)$q$ AND $1)"
    assert [(kind, text[start:end]) for kind, start, end in lexer.tokens(text)] == [
        ("word", "f"),
        ("(", "("),
        ("(", "("),
        ("word", "a"),
        (")", ")"),
        ("word", "AND"),
        ("quoted", "'x)'"),
        ("word", "AND"),
        ("quoted", "$q$)$q$"),
        ("word", "AND"),
        ("word", "$1"),  # a parameter, not a dollar quote
        (")", ")"),
    ]


def test_tokens_of_an_unclosed_quote_run_to_the_end():
    assert list(lexer.tokens("a = 'open")) == [("word", 0, 1), ("other", 2, 3), ("quoted", 4, 9)]
    assert list(lexer.tokens('"x""y" $$open')) == [("quoted", 0, 6), ("quoted", 7, 13)]
