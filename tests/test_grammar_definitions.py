"""grammar.definitions and grammar.rewrites: definitions the catalog prints and annotations
spell, read with PostgreSQL's grammar; an index statement rewritten to build concurrently."""

from __future__ import annotations

import pytest

from schematool.errors import DiffError
from schematool.grammar import definitions, rewrites, tree


def _type_name(spelled: str) -> dict:
    parsed = tree.parse(f"ALTER TABLE t ALTER COLUMN c TYPE {spelled}")
    assert parsed is not None
    return parsed.kinds()[0][1]["cmds"][0]["AlterTableCmd"]["def"]["ColumnDef"]["typeName"]


@pytest.mark.parametrize(
    ("spelled", "text"),
    [
        ("varchar(20)[]", "character varying(20)[]"),
        ("timestamp(3) with time zone", "timestamp(3) with time zone"),
        ("int", "integer"),
        ("double precision", "double precision"),
        ('app."Mood"', 'app."Mood"'),
        ("int4", "int4"),  # an internal name written alone is a name like any other
    ],
)
def test_type_text_spells_a_type_as_format_type_does(spelled, text):
    assert definitions.type_text(_type_name(spelled)) == text


def test_a_casts_node_names_its_types_as_the_catalog_does():
    parsed = tree.parse("CREATE CAST (int4 AS app.pair) WITH FUNCTION f(int)")
    assert parsed is not None
    body = parsed.kinds()[0][1]
    assert definitions.cast_node(body["sourcetype"], body["targettype"]) == (
        "cast",
        "integer",
        "app.pair",
    )


def test_a_columns_generator_node():
    assert definitions.generator_node(("rel", "app", "t"), "c") == ("generator", "app", "t", "c")


def test_expression_columns_are_the_columns_an_expression_reads():
    assert definitions.expression_columns('lower((a)::text) || "B" || t.c') == {"a", "B", "c"}
    with pytest.raises(DiffError, match=r"cannot read the expression 'a \+' \(syntax error"):
        definitions.expression_columns("a +")


@pytest.mark.parametrize(
    ("default", "drawn"),
    [
        ("nextval('app.s'::regclass)", ("app", "s")),
        ('nextval(\'"A"."b c"\'::regclass)', ("A", "b c")),
        ("pg_catalog.nextval('app.s')", ("app", "s")),
        ("nextval('s'::regclass)", None),  # unqualified
        ("nextval('app.s'::text)", None),
        ("nextval('app.s'::regclass) + 1", None),
        ("now()", None),
        ("nextval(", None),
        (None, None),
    ],
)
def test_sequence_drawn(default, drawn):
    assert definitions.sequence_drawn(default) == drawn


def test_index_options_separates_the_storage_parameters():
    shape, options = definitions.index_options(
        "CREATE UNIQUE INDEX i ON public.t USING btree (a)"
        " WITH (fillfactor='70', deduplicate_items=off, toast.x=1.5)"
    )
    assert options == ["fillfactor=70", "deduplicate_items=off", "toast.x=1.5"]
    assert '"location"' not in shape and '"idxname": "i"' in shape
    with pytest.raises(DiffError, match="cannot read the index definition"):
        definitions.index_options("CREATE INDEX (")


def test_index_shape_is_equal_for_indexes_that_differ_only_in_their_names():
    one = definitions.index_shape("CREATE INDEX i ON public.t USING btree (a)")
    assert one == definitions.index_shape("CREATE INDEX j ON public.t USING btree (a)")
    assert one != definitions.index_shape("CREATE INDEX i ON public.t USING btree (b)")


def test_text_search_options_are_read_as_name_value_pairs():
    assert definitions.text_search_options("stopwords = 'english', accept = 'false', x") == [
        ("stopwords", "english"),
        ("accept", "false"),
        ("x", None),
    ]


def test_index_key_is_a_plain_indexs_table_columns_and_nulls():
    assert definitions.index_key("CREATE UNIQUE INDEX i ON app.t (a, b) NULLS NOT DISTINCT") == (
        ("rel", "app", "t"),
        ("a", "b"),
        True,
    )
    assert definitions.index_key("CREATE INDEX i ON t (lower(a))") is None
    assert definitions.index_key("CREATE INDEX i ON t (a) WHERE b") is None
    assert definitions.index_key("DROP TABLE t") is None
    assert definitions.index_key("CREATE INDEX (") is None


def test_constraint_definitions():
    foreign = "FOREIGN KEY (a, b) REFERENCES app.t(x, y)"
    assert definitions.constraint_columns(foreign) == (["a", "b"], ("rel", "app", "t"))
    assert definitions.constraint_columns('UNIQUE (a, "B")') == (["a", "B"], None)
    assert definitions.constraint_columns("nonsense (") == ([], None)
    assert definitions.referenced_key(foreign) == (("rel", "app", "t"), ["x", "y"])
    assert definitions.referenced_key("FOREIGN KEY (a) REFERENCES t") == (
        ("rel", "public", "t"),
        [],
    )
    assert definitions.referenced_key("PRIMARY KEY (id)") is None


def test_unique_key_is_what_a_foreign_key_can_reference():
    assert definitions.unique_key("CREATE UNIQUE INDEX i ON t USING btree (a, b)") == ["a", "b"]
    assert definitions.unique_key("CREATE INDEX i ON t USING btree (a)") is None
    assert definitions.unique_key("CREATE UNIQUE INDEX i ON t (a) WHERE b") is None
    assert definitions.unique_key("CREATE UNIQUE INDEX i ON t (lower(a))") is None


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("note", ("note",)),
        ('"Note"', ("Note",)),
        ("App.T", ("app", "t")),
        ('"a.b".c', ("a.b", "c")),
        ('"x""y"', ('x"y',)),
        ("a b", None),
        ("t cascade", None),
        ("a, b", None),
        ("t;", ("t",)),
        ("", None),
    ],
)
def test_name_parts(text, parts):
    assert definitions.name_parts(text) == parts


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("'it''s'", "it's"),
        ("E'a\\nb'", "a\nb"),
        ("''", ""),
        ("$$body$$", "body"),
        ("'a' 'b'", None),
        ("'x'::text", None),
        ("B'101'", None),
        ("x", None),
        ("'x' AS y", None),
    ],
)
def test_string_constant(text, value):
    assert definitions.string_constant(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lower(a) || 'x'", True),
        ("a::integer", True),
        ("a; DROP TABLE t", False),
        ("a FROM t", False),
        ("", False),
        ("   ", False),
        ("(", False),
    ],
)
def test_is_expression(text, expected):
    assert definitions.is_expression(text) is expected


def test_concurrent_index_keeps_the_statements_own_text_from_the_table_on():
    sql = "CREATE UNIQUE INDEX i ON app.t USING btree (a) WHERE (b > 'é')"
    assert rewrites.concurrent_index(sql) == (
        "CREATE UNIQUE INDEX CONCURRENTLY i ON app.t USING btree (a) WHERE (b > 'é')"
    )
    assert rewrites.concurrent_index('CREATE INDEX "É" ON t (a)', "Tmp 1") == (
        'CREATE INDEX CONCURRENTLY "Tmp 1" ON t (a)'
    )


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("CREATE INDEX ON t (a)", "no concurrent form"),
        ("CREATE INDEX i ON ONLY t (a)", "no concurrent form"),
        ("CREATE INDEX IF NOT EXISTS i ON t (a)", "no concurrent form"),
        ("DROP TABLE t", "not one CREATE INDEX"),
        ("CREATE INDEX (", "cannot read the index statement"),
    ],
)
def test_concurrent_index_refuses_what_has_no_concurrent_form(sql, message):
    with pytest.raises(DiffError, match=message):
        rewrites.concurrent_index(sql)
