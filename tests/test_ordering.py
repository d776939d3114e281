"""schematool.diff.ordering and schematool.inspect.graph: plans in dependency order."""

from __future__ import annotations

import pytest

from schematool import db
from schematool.desired.database import DesiredDatabase
from schematool.diff import adapter, dependents, gaps, ordering
from schematool.diff import stage as diff
from schematool.diff.comparison import Comparison
from schematool.grammar import reader
from schematool.inspect import catalog
from schematool.inspect import graph as dependencies
from schematool.inspect.differences import differences
from schematool.inspect.graph import Graph
from tests import caselib

# -- the sort ------------------------------------------------------------------------------


def test_an_order_that_respects_every_edge_is_kept():
    assert ordering.stable_order(4, {2: {0}, 3: {1, 2}}) == [0, 1, 2, 3]


def test_a_statement_is_preceded_by_what_it_needs_and_nothing_else_moves():
    # 1 needs 3: 3 is pulled just ahead of 1; 0 and 2 keep their places around them
    assert ordering.stable_order(4, {1: {3}}) == [0, 3, 1, 2]


def test_prerequisites_are_pulled_in_their_own_order_and_transitively():
    assert ordering.stable_order(5, {0: {4, 2}, 4: {3}}) == [2, 3, 4, 0, 1]


def test_a_cycle_keeps_its_statements_in_input_order_and_does_not_fail():
    assert ordering.stable_order(3, {0: {2}, 2: {0}}) == [0, 2, 1]
    # the cycle moves as a whole when something earlier needs one of its statements
    assert ordering.stable_order(4, {0: {3}, 1: {3}, 3: {1}}) == [1, 3, 0, 2]


def test_edges_to_and_from_a_cycle_are_still_respected():
    order = ordering.stable_order(5, {1: {2}, 2: {1}, 0: {2}, 3: {4}})
    assert order.index(1) < order.index(0) and order.index(2) < order.index(0)
    assert order.index(4) < order.index(3)


# -- reading statements -------------------------------------------------------------------


def _effects(sql: str) -> list:
    return reader.read(sql).effects()


def _order(sqls: list[str], current: Graph, desired: Graph) -> list[str]:
    """The statements in the order `ordering.by_dependencies` puts their changes."""
    ordered = ordering.by_dependencies([reader.read(s) for s in sqls], current, desired)
    return [change.sql for change in ordered]


def test_statements_are_read_as_what_they_create_drop_and_alter():
    assert _effects('alter table "s"."t" alter column "c" set data type bigint;') == [
        ("alter", ("col", "s", "t", "c"))
    ]
    assert _effects("ALTER TABLE public.t ADD CONSTRAINT t_c_check CHECK (f(c));") == [
        ("create", ("con", "public", "t", "t_c_check"))
    ]
    assert _effects('drop view if exists "s"."My View";') == [("drop", ("rel", "s", "My View"))]
    assert _effects("CREATE INDEX t_c ON public.t USING btree (c);") == [
        ("create", ("rel", "public", "t_c"))
    ]
    assert _effects("CREATE TRIGGER tr BEFORE UPDATE OF c ON s.t FOR EACH ROW EXECUTE FUNCTION f();") == [
        ("create", ("trigger", "s", "t", "tr"))
    ]
    assert _effects('alter type "s"."e" rename to "e__old";') == [
        ("rename", ("rel", "s", "e")),
        ("create", ("rel", "s", "e__old")),
    ]
    assert _effects("GRANT SELECT ON TABLE public.t TO reader;") == []


def test_every_subcommand_of_an_alter_table_is_read_and_spellings_do_not_matter():
    assert _effects("ALTER TABLE IF EXISTS ONLY public . t DROP COLUMN c, ADD COLUMN d int;") == [
        ("drop", ("col", "public", "t", "c")),
        ("create", ("col", "public", "t", "d")),
    ]
    assert _effects('ALTER TABLE "Shop"."Order" RENAME COLUMN "A" TO b;') == [
        ("rename", ("col", "Shop", "Order", "A")),
        ("create", ("col", "Shop", "Order", "b")),
    ]


def test_a_constraint_added_using_an_index_waits_for_the_index():
    sqls = [
        'alter table "s"."t" add constraint "t_pkey" PRIMARY KEY using index "t_pkey";',
        "CREATE UNIQUE INDEX t_pkey ON s.t USING btree (id);",
    ]
    assert _order(sqls, Graph(), Graph()) == sqls[::-1]


def test_a_constraint_that_keeps_its_name_but_moves_is_validated_after_it_is_added_again():
    # c_fk moves from column a to a new column b: the target's c_fk rests on a, which is
    # dropped; the VALIDATE is of the new c_fk and waits for its ADD, not the other way
    current = Graph({("con", "public", "c", "c_fk"): frozenset({("col", "public", "c", "a")})})
    desired = Graph({("con", "public", "c", "c_fk"): frozenset({("col", "public", "c", "b")})})
    sqls = [
        'alter table "public"."c" drop constraint "c_fk";',
        'alter table "public"."c" drop column "a";',
        'alter table "public"."c" add column "b" bigint;',
        'alter table "public"."c" add constraint "c_fk" FOREIGN KEY (b) REFERENCES p(id) not valid;',
        'alter table "public"."c" validate constraint "c_fk";',
    ]
    assert _order(sqls, current, desired) == sqls


def test_a_validation_of_a_recreated_constraint_does_not_wait_for_what_the_old_one_used():
    # the target's foreign key rests on the key that is replaced: the old one is dropped
    # before the key, the new one validated after the new key
    fk, key = ("con", "s", "c", "c_fk"), ("con", "s", "p", "p_pkey")
    sqls = [
        'alter table "s"."c" drop constraint "c_fk";',
        'alter table "s"."p" drop constraint "p_pkey";',
        'alter table "s"."p" add constraint "p_pkey" PRIMARY KEY (a, b);',
        'alter table "s"."c" add constraint "c_fk" FOREIGN KEY (a, b) REFERENCES s.p(a, b) not valid;',
        'alter table "s"."c" validate constraint "c_fk";',
    ]
    assert _order(sqls, Graph({fk: frozenset({key})}), Graph({fk: frozenset({key})})) == sqls


def test_a_keys_index_is_dropped_after_its_constraint():
    sqls = [
        'drop index if exists "s"."t_pkey";',
        'alter table "s"."t" drop constraint "t_pkey";',
    ]
    assert _order(sqls, Graph(), Graph()) == sqls[::-1]


def test_an_identity_is_dropped_before_the_default_that_replaces_it_is_set():
    # migra sets a serial's default first: "column "id" of relation "t" is an identity column"
    sqls = [
        """alter table "s"."t" alter column "id" set default nextval('s.t_id_seq'::regclass);""",
        'alter table "s"."t" alter column "id" drop identity;',
        'alter table "s"."t" alter column "n" drop default;',
        'alter table "s"."t" alter column "n" add generated always as identity;',
    ]
    assert _order(sqls, Graph(), Graph()) == [sqls[1], sqls[0], sqls[2], sqls[3]]


def test_an_identity_named_in_the_statement_creates_its_sequence_after_the_name_is_freed():
    sqls = [
        "ALTER TABLE s.t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME s.t_id_seq);",
        "ALTER SEQUENCE s.t_id_seq RENAME TO t_id_seq_old;",
    ]
    assert ("create", ("rel", "s", "t_id_seq")) in _effects(sqls[0])
    assert _order(sqls, Graph(), Graph()) == sqls[::-1]


def test_a_sequence_given_another_ones_position_is_set_after_both_exist():
    copy = "SELECT pg_catalog.setval('s.t_id_seq', last_value, is_called) FROM s.t_id_seq_old;"
    assert _effects(copy) == [
        ("set", ("rel", "s", "t_id_seq")),
        ("use", ("rel", "s", "t_id_seq_old")),
    ]
    aside = "ALTER SEQUENCE s.t_id_seq RENAME TO t_id_seq_old;"
    assert _order([copy, aside], Graph(), Graph()) == [aside, copy]
    # anything more than the copy of a position is no statement schematool understands
    assert not reader.read("SELECT setval('s.t_id_seq', 5) FROM s.old;").understood
    assert not reader.read(
        "SELECT setval('s.t_id_seq', last_value, is_called) FROM s.old WHERE false;"
    ).understood


# -- ordering by both graphs --------------------------------------------------------------

CREATE_TABLE = 'create table "s"."t" ("c" text default s.f());'
CREATE_FUNCTION = "CREATE OR REPLACE FUNCTION s.f() RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;"


def test_a_function_a_default_calls_comes_before_the_table_with_the_body_check_off():
    desired = Graph({("col", "s", "t", "c"): frozenset({("fn", "s", "f")})})
    sqls = [CREATE_TABLE, ordering.NO_BODY_CHECK, CREATE_FUNCTION]
    assert _order(sqls, Graph(), desired) == [ordering.NO_BODY_CHECK, CREATE_FUNCTION, CREATE_TABLE]


def test_what_a_default_runs_through_a_function_body_comes_before_the_default():
    desired = Graph(
        {("col", "s", "t", "c"): frozenset({("fn", "s", "f")})},
        body={("fn", "s", "f"): frozenset({("rel", "s", "v")})},
    )
    add_column = 'alter table "s"."t" add column "c" text default s.f();'
    create_view = 'create or replace view "s"."v" as select 1;'
    order = _order([add_column, CREATE_FUNCTION, create_view], Graph(), desired)
    assert order.index(create_view) < order.index(add_column)
    assert order.index(CREATE_FUNCTION) < order.index(add_column)


def test_a_view_goes_before_the_column_it_reads_changes_type_and_comes_back_after():
    reads = {("rel", "s", "v"): frozenset({("col", "s", "t", "c")})}
    sqls = [
        'alter table "s"."t" alter column "c" set data type bigint using "c"::bigint;',
        'create or replace view "s"."v" as select c from s.t;',
        'drop view if exists "s"."v";',
    ]
    assert _order(sqls, Graph(reads), Graph(reads)) == [sqls[2], sqls[0], sqls[1]]


def test_a_default_is_dropped_before_the_function_it_called():
    current = Graph({("col", "s", "t", "c"): frozenset({("fn", "s", "f")})})
    sqls = [
        'drop function if exists "s"."f"();',
        'alter table "s"."t" alter column "c" drop default;',
    ]
    assert _order(sqls, current, Graph()) == sqls[::-1]


def test_child_tables_are_created_after_their_parents():
    sqls = [
        'create table "s"."a_child" (\n    "x" integer\n) inherits ("s"."z_parent");',
        'create table "s"."b_part" partition of "s"."z_parent" FOR VALUES IN (1);',
        'create table "s"."z_parent" (\n    "x" integer\n);',
    ]
    parent = frozenset({("rel", "s", "z_parent")})
    desired = Graph({("rel", "s", "a_child"): parent, ("rel", "s", "b_part"): parent})
    assert _order(sqls, Graph(), desired) == [sqls[2], *sqls[:2]]


def test_views_on_a_recreated_table_are_dropped_and_recreated_around_it():
    current = Graph({("rel", "public", "v"): frozenset({("col", "public", "t", "c")})})
    view = {"view": {"public.v": {"definition": " SELECT c FROM public.t;"}}}
    sqls = ['drop table "public"."t";', 'create table "public"."t" ("c" int);']
    changes = [reader.read(s) for s in sqls]
    revised = dependents.around(changes, current, view, view)
    assert [c.sql for c in ordering.by_dependencies(revised, current, current)] == [
        'drop view if exists "public"."v";',
        *sqls,
        'create view "public"."v" as SELECT c FROM public.t;',
    ]


# -- reading the catalogs -----------------------------------------------------------------

SCHEMA = """
CREATE SCHEMA app;
CREATE FUNCTION app.valid(x int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT x > 0';
CREATE FUNCTION app.counted() RETURNS bigint LANGUAGE plpgsql
    AS $$ BEGIN RETURN (SELECT count(*) FROM app.tally); END $$;
CREATE DOMAIN app.positive AS int CHECK (app.valid(VALUE));
CREATE TABLE app.tally (n int);
CREATE TABLE app.t (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    n int CHECK (app.valid(n)) DEFAULT app.counted(),
    g int GENERATED ALWAYS AS (n * 2) STORED,
    p app.positive
);
CREATE TABLE app.child (t_id bigint REFERENCES app.t (id));
CREATE VIEW app.v AS SELECT id, n FROM app.t;
CREATE VIEW app.vv AS SELECT n FROM app.v;
"""


def test_the_graph_names_objects_as_statements_do(new_db):
    url = new_db()
    with db.connect(url, autocommit=True) as conn:
        conn.execute(SCHEMA)
        graph = dependencies.read(conn)
    edges = set(graph.edges())
    assert (("rel", "app", "vv"), ("col", "app", "v", "n")) in edges  # a view's rule
    assert (("col", "app", "t", "n"), ("fn", "app", "counted")) in edges  # a default
    assert (("con", "app", "t", "t_n_check"), ("fn", "app", "valid")) in edges
    assert (("col", "app", "t", "g"), ("col", "app", "t", "n")) in edges  # generated
    assert (("rel", "app", "positive"), ("fn", "app", "valid")) in edges  # a domain's check
    assert (("con", "app", "child", "child_t_id_fkey"), ("con", "app", "t", "t_pkey")) in edges
    assert graph.body[("fn", "app", "counted")] == {("rel", "app", "tally")}
    assert (("col", "app", "t", "n"), ("rel", "app", "tally")) in set(graph.run_time_edges())
    # no edge of a column, constraint or owned sequence to its own table
    assert not [(a, b) for a, b in edges if b == dependencies.owner(a)]
    assert not [a for a, _ in edges if a[:3] == ("rel", "app", "t_id_seq") and _[0] == "col"]


# -- the late phase -----------------------------------------------------------------------


def _late_placed(target: str, desired: str) -> list[str]:
    """What a plan runs (the production composition, `diff.changes`), checking that its
    late phase did need placing."""
    with adapter.target_session(target) as session:
        compared = Comparison.read(session, DesiredDatabase(desired, ()))
        early = diff.diff_session(compared)
        current_snap, desired_snap = compared.snapshot, compared.desired_snapshot
        assert ordering.needs_placing(gaps.statements(current_snap, desired_snap, early))
        changes = diff.changes(compared)
        session.conn.rollback()
    return [change.sql for change in changes]


WITHOUT_AGGREGATE = """
CREATE TABLE listens (id bigint PRIMARY KEY, user_id bigint NOT NULL, seconds integer NOT NULL);
"""
WITH_AGGREGATE = (
    WITHOUT_AGGREGATE
    + """
CREATE FUNCTION longest_step(state integer, seconds integer) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(state, seconds) $$;
CREATE AGGREGATE longest(integer) (SFUNC = longest_step, STYPE = integer, INITCOND = '0');
CREATE VIEW longest_listens AS
SELECT user_id, longest(seconds) AS seconds FROM listens GROUP BY user_id;
"""
)


# A case folder once plan.py and apply.py place the late phase (until then the corpus
# would not converge on them: the aggregate comes after the view, or after the drop of its
# state function).
@pytest.mark.parametrize(
    ("current", "desired"),
    [(WITHOUT_AGGREGATE, WITH_AGGREGATE), (WITH_AGGREGATE, WITHOUT_AGGREGATE)],
    ids=["view-on-a-new-aggregate", "aggregate-dropped-with-its-state-function"],
)
def test_late_creations_and_drops_are_placed_where_dependencies_need_them(current, desired, new_db):
    target, wanted = new_db(), new_db()
    caselib.load_sql(target, "current.sql", current)
    caselib.load_desired(wanted, desired)
    statements = _late_placed(target, wanted)
    with db.connect(target) as conn:
        for statement in statements:
            conn.execute(statement.encode(), prepare=False)
        conn.commit()
        after = catalog.snapshot(conn, [])
    with db.connect(wanted, autocommit=True) as conn:
        assert differences(catalog.snapshot(conn, []), after) == []


def test_late_grants_comments_and_owners_need_no_placing():
    late = [
        "GRANT SELECT ON TABLE public.t TO reader;",
        "COMMENT ON TABLE public.t IS 'x';",
        "ALTER TABLE public.t OWNER TO alice;",
    ]
    assert not ordering.needs_placing([reader.read(s) for s in late])


# -- casts ----------------------------------------------------------------------------------


def test_casts_are_read_by_their_two_types_as_format_type_spells_them():
    node = ("cast", "integer", "public.pair")
    assert _effects(
        "CREATE CAST (int4 AS public.pair) WITH FUNCTION public.to_pair(integer) AS IMPLICIT;"
    ) == [("create", node)]
    assert _effects("DROP CAST (integer AS public.pair);") == [("drop", node)]
    comment = reader.read("COMMENT ON CAST (pg_catalog.int4 AS public.pair) IS 'x';")
    assert comment.ops[0].node == node and comment.understood


CAST_SCHEMA = """
CREATE SCHEMA app;
CREATE TYPE app.pair AS (a int, b int);
CREATE FUNCTION app.to_pair(integer) RETURNS app.pair LANGUAGE sql IMMUTABLE
    AS $$ SELECT ROW($1, $1)::app.pair $$;
CREATE CAST (integer AS app.pair) WITH FUNCTION app.to_pair(integer);
CREATE CAST (text AS app.pair) WITH INOUT;
CREATE TABLE app.t (n integer, s text);
CREATE VIEW app.v AS SELECT n::app.pair AS p FROM app.t;
CREATE VIEW app.w AS SELECT s::app.pair AS p FROM app.t;
"""


def test_what_uses_a_cast_is_taken_to_need_it_for_creation_only(new_db):
    """PostgreSQL records no dependency on a cast (a view using one depends on its
    function, or on its types): the graph adds one, read only for creation order, so
    a view is created after the cast and a cast can be dropped before what used it."""
    url = new_db()
    with db.connect(url, autocommit=True) as conn:
        conn.execute(CAST_SCHEMA)
        graph = dependencies.read(conn)
    by_function = ("cast", "integer", "app.pair")
    by_types = ("cast", "text", "app.pair")
    assert (by_function, ("fn", "app", "to_pair")) in set(graph.edges())
    uses = set(graph.use_edges())
    assert (("rel", "app", "v"), by_function) in uses
    assert (("rel", "app", "w"), by_types) in uses
    assert not [edge for edge in graph.edges() if edge[1][0] == "cast"]
    sqls = [
        "CREATE VIEW app.v AS SELECT n::app.pair AS p FROM app.t;",
        "CREATE CAST (integer AS app.pair) WITH FUNCTION app.to_pair(integer);",
    ]
    assert _order(sqls, Graph(), graph) == sqls[::-1]
    assert _order(sqls[::-1], graph, Graph()) == sqls[::-1]


def test_operators_are_read_by_schema_and_name_overloads_merging():
    node = ("op", "public", "===")
    assert _effects(
        "CREATE OPERATOR public.=== (FUNCTION = public.same_ci, LEFTARG = text,"
        " RIGHTARG = text, COMMUTATOR = OPERATOR(public.===));"
    ) == [("create", node)]
    assert _effects("DROP OPERATOR public.===(text,text);") == [("drop", node)]
    assert _effects("ALTER OPERATOR public.===(text,text) SET (RESTRICT = eqsel);") == [
        ("set", node)
    ]
    for sql in (
        "COMMENT ON OPERATOR public.===(text,text) IS 'x';",
        "ALTER OPERATOR public.!!(NONE,text) OWNER TO reader;",
    ):
        change = reader.read(sql)
        assert change.understood and change.ops[0].kind == "operator", sql
