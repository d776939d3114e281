"""grammar.faithful: deparsed text that reads back as the tree it was deparsed from."""

from __future__ import annotations

import pytest

from schematool import db
from schematool.grammar.faithful import faithful, faithful_statements

# (as the server deparses it, as the plan writes it)
TEXTS = {
    "between_and": (
        "CHECK ((((x >= 1) AND (x <= 80)) AND (y = btrim(y))))",
        "CHECK ((((x >= 1) AND (x <= 80))::boolean AND (y = btrim(y))))",
    ),
    "flat_stays": (
        "CHECK (((x >= 1) AND (x <= 80) AND (y = btrim(y))))",
        "CHECK (((x >= 1) AND (x <= 80) AND (y = btrim(y))))",
    ),
    "nested_twice": (
        "(((((a AND b) AND c) AND d)))",
        "(((((a AND b)::boolean AND c)::boolean AND d)))",
    ),
    "or_in_or": ("(((x < 1) OR (x > 2)) OR y)", "(((x < 1) OR (x > 2))::boolean OR y)"),
    "and_in_or_stays": ("(((a AND b)) OR c)", "(((a AND b)) OR c)"),
    "nested_second_stays": ("(a AND (b AND c))", "(a AND (b AND c))"),
    "literal_holds_parens": (
        "((((a)::text = ') AND ('::text) AND b) AND c)",
        "((((a)::text = ') AND ('::text) AND b)::boolean AND c)",
    ),
    "quoted_identifier": ('((("x) AND (" AND b) AND c))', '((("x) AND (" AND b)::boolean AND c))'),
    "dollar_body_untouched": (
        "CREATE FUNCTION f() RETURNS boolean LANGUAGE sql AS $f$ SELECT ((a AND b) AND c) $f$",
        "CREATE FUNCTION f() RETURNS boolean LANGUAGE sql AS $f$ SELECT ((a AND b) AND c) $f$",
    ),
    "parameter_is_not_a_dollar_quote": ("((($1 AND $2) AND $3))", "((($1 AND $2)::boolean AND $3))"),
    "function_argument": (
        "(coalesce((((a AND b) AND c)), false))",
        "(coalesce((((a AND b)::boolean AND c)), false))",
    ),
}


@pytest.mark.parametrize(("deparsed", "written"), TEXTS.values(), ids=TEXTS.keys())
def test_faithful_casts_the_operands_the_parser_would_flatten(deparsed, written):
    assert faithful(deparsed) == written


def test_only_statements_that_can_need_it_are_read():
    statements = ["GRANT SELECT ON t TO r;", TEXTS["between_and"][0]]
    assert faithful_statements(statements) == ["GRANT SELECT ON t TO r;", TEXTS["between_and"][1]]


# what a schema file says, in expressions whose deparsed text the parser reads back
# flattened
SOURCES = [
    "x BETWEEN 1 AND 80 AND y = btrim(y)",
    "x NOT BETWEEN 1 AND 80 OR y = ''",
    "(x BETWEEN 1 AND 5 AND x <> 3 OR y IS NULL) AND x BETWEEN 0 AND 9",
    "(x, y) = (1, 'a') AND x > 0",
    "x BETWEEN SYMMETRIC 5 AND 1 OR x IS NULL",
]


@pytest.mark.parametrize("source", SOURCES)
def test_the_written_text_gives_the_loaded_tree(servers, db_factory, source):
    """A CHECK created from the faithful text has the loaded one's tree (compared with
    its stored node tree, positions aside) on every server; the plain deparsed text
    does not."""
    for server in servers.values():
        with db.connect(db_factory(server), autocommit=True) as conn:
            conn.execute(f"CREATE TABLE loaded (x int, y text, CHECK ({source}))")
            [(deparsed,)] = conn.execute(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'loaded'::regclass"
            ).fetchall()
            conn.execute(f"CREATE TABLE written (x int, y text, {faithful(deparsed)})")
            conn.execute(f"CREATE TABLE plain (x int, y text, {deparsed})")
            trees = dict(
                conn.execute(
                    "SELECT conrelid::regclass::text,"
                    " regexp_replace(conbin::text, ':location -?[0-9]+', '', 'g')"
                    " FROM pg_constraint WHERE contype = 'c'"
                ).fetchall()
            )
        assert trees["written"] == trees["loaded"], (server, source)
        assert trees["plain"] != trees["loaded"], (server, source)
