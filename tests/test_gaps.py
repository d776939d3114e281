"""schematool.diff.gaps: after migra's statements and the gap statements, nothing differs."""

from __future__ import annotations

import pytest

from schematool import db
from schematool import names as quoting
from schematool.desired.database import DesiredDatabase
from schematool.diff import adapter, gaps
from schematool.diff import stage as diff
from schematool.diff.comparison import Comparison
from schematool.diff.gapkit import acl, dropped
from schematool.diff.gapkit.context import Context
from schematool.diff.gapkit.plugin import Plugin
from schematool.diff.gaps import (
    comments,
    default_privileges,
    enums,
    functions,
    owners,
    reloptions,
)
from schematool.errors import DiffError
from schematool.grammar import definitions, reader
from schematool.grammar.change import Phase
from schematool.inspect import catalog
from schematool.inspect.differences import differences
from tests.test_catalog import DIFFERENCES, EVERYTHING


def _load(url: str, text: str) -> None:
    with db.connect(url, autocommit=True) as conn, conn.transaction():
        conn.execute(text)


def _snapshot(url: str) -> catalog.Snapshot:
    with db.connect(url, autocommit=True) as conn:
        return catalog.snapshot(conn, [])


def _plan(target: str, desired: str) -> list:
    """Every change of a plan, composed as plan and apply compose it (`diff.changes`)."""
    with adapter.target_session(target) as session:
        found = diff.changes(Comparison.read(session, DesiredDatabase(desired, ())))
        session.conn.rollback()
    return found


def converge(new_db, current_sql: str, desired_sql: str) -> tuple[list[str], list[str]]:
    """Run a plan's changes on `current`; return migra's (with the early and in-place
    gaps) and the late gap statements, after checking that the target now matches
    desired and that a second round finds nothing."""
    target, desired = new_db(), new_db()
    _load(target, current_sql)
    _load(desired, desired_sql)
    desired_snap = _snapshot(desired)
    changes = _plan(target, desired)
    with db.connect(target) as conn:
        for change in changes:
            conn.execute(change.sql)
        conn.commit()
    after = _snapshot(target)
    assert differences(desired_snap, after) == []
    assert _plan(target, desired) == []
    early = [c.sql for c in changes if c.phase == Phase.MAIN]
    late = [c.sql for c in changes if c.phase == Phase.LATE]
    return early, late


COMMENTED = """
CREATE SCHEMA app;
CREATE TYPE app.pair AS (a int, b text);
CREATE DOMAIN app.positive AS int CONSTRAINT positive CHECK (VALUE > 0);
CREATE SEQUENCE app.counter;
CREATE TABLE app.t (id int PRIMARY KEY, note text, CONSTRAINT note_short CHECK (length(note) < 9));
CREATE INDEX t_note ON app.t (note);
CREATE VIEW app.v AS SELECT id FROM app.t;
CREATE FUNCTION app.f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';
CREATE PROCEDURE app.p() LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION app.trg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN new; END';
CREATE TRIGGER t_trg BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION app.trg();
CREATE POLICY mine ON app.t USING (true);
"""


def test_comments_are_added_changed_and_removed(new_db):
    current = (
        COMMENTED
        + """
        COMMENT ON TABLE app.t IS 'old';
        COMMENT ON COLUMN app.t.note IS 'goes away';
        COMMENT ON FUNCTION app.f(int) IS 'it''s old';
    """
    )
    desired = (
        COMMENTED
        + r"""
        COMMENT ON SCHEMA app IS 'schema';
        COMMENT ON TYPE app.pair IS 'pair';
        COMMENT ON COLUMN app.pair.b IS 'pair b';
        COMMENT ON DOMAIN app.positive IS 'domain';
        COMMENT ON CONSTRAINT positive ON DOMAIN app.positive IS 'domain check';
        COMMENT ON SEQUENCE app.counter IS 'sequence';
        COMMENT ON TABLE app.t IS 'new';
        COMMENT ON COLUMN app.t.id IS 'id';
        COMMENT ON CONSTRAINT note_short ON app.t IS 'short';
        COMMENT ON INDEX app.t_note IS 'index';
        COMMENT ON VIEW app.v IS 'view';
        COMMENT ON COLUMN app.v.id IS 'view column';
        COMMENT ON FUNCTION app.f(int) IS E'back\\slash';
        COMMENT ON PROCEDURE app.p() IS 'procedure';
        COMMENT ON TRIGGER t_trg ON app.t IS 'trigger';
        COMMENT ON POLICY mine ON app.t IS 'policy';
    """
    )
    migra_statements, gap_statements = converge(new_db, current, desired)
    assert migra_statements == []
    assert "COMMENT ON COLUMN app.t.note IS NULL;" in gap_statements
    assert "COMMENT ON FUNCTION app.f(x integer) IS E'back\\\\slash';" in gap_statements


def test_a_view_migra_recreates_gets_its_comments_back(new_db):
    view = """
        CREATE VIEW v AS SELECT a FROM t;
        COMMENT ON VIEW v IS 'kept';
        COMMENT ON COLUMN v.a IS 'kept too';
    """
    migra_statements, gap_statements = converge(
        new_db, "CREATE TABLE t (a int);" + view, "CREATE TABLE t (a bigint);" + view
    )
    assert 'drop view if exists "public"."v";' in migra_statements
    assert gap_statements == [
        "COMMENT ON COLUMN public.v.a IS 'kept too';",
        "COMMENT ON VIEW public.v IS 'kept';",
    ]


def test_new_objects_get_their_comments(new_db):
    _, gap_statements = converge(new_db, "", "CREATE TABLE t (a int); COMMENT ON TABLE t IS 'new';")
    assert gap_statements == ["COMMENT ON TABLE public.t IS 'new';"]


def test_force_row_level_security_is_set_and_cleared(new_db):
    current = """
        CREATE TABLE forced_then_not (a int);
        ALTER TABLE forced_then_not ENABLE ROW LEVEL SECURITY;
        ALTER TABLE forced_then_not FORCE ROW LEVEL SECURITY;
        CREATE TABLE not_then_forced (a int);
        ALTER TABLE not_then_forced ENABLE ROW LEVEL SECURITY;
    """
    desired = """
        CREATE TABLE forced_then_not (a int);
        ALTER TABLE forced_then_not ENABLE ROW LEVEL SECURITY;
        CREATE TABLE not_then_forced (a int);
        ALTER TABLE not_then_forced ENABLE ROW LEVEL SECURITY;
        ALTER TABLE not_then_forced FORCE ROW LEVEL SECURITY;
        CREATE TABLE brand_new (a int);
        ALTER TABLE brand_new ENABLE ROW LEVEL SECURITY;
        ALTER TABLE brand_new FORCE ROW LEVEL SECURITY;
    """
    _, gap_statements = converge(new_db, current, desired)
    assert gap_statements == [
        "ALTER TABLE public.brand_new FORCE ROW LEVEL SECURITY;",
        "ALTER TABLE public.forced_then_not NO FORCE ROW LEVEL SECURITY;",
        "ALTER TABLE public.not_then_forced FORCE ROW LEVEL SECURITY;",
    ]


def test_a_table_migra_recreates_keeps_force_and_comments(new_db):
    table = """
        ALTER TABLE t ENABLE ROW LEVEL SECURITY;
        ALTER TABLE t FORCE ROW LEVEL SECURITY;
        COMMENT ON TABLE t IS 'recreated';
        COMMENT ON COLUMN t.a IS 'column';
    """
    migra_statements, gap_statements = converge(
        new_db,
        "CREATE TABLE t (a int);" + table,
        "CREATE TABLE t (a int) PARTITION BY RANGE (a);" + table,
    )
    assert 'drop table "public"."t";' in migra_statements
    assert gap_statements[:2] == [
        "ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;",  # migra forgets it when recreating
        "ALTER TABLE public.t FORCE ROW LEVEL SECURITY;",
    ]
    assert "COMMENT ON COLUMN public.t.a IS 'column';" in gap_statements


def test_schema_privileges_are_granted_and_revoked(new_db):
    current = """
        CREATE SCHEMA app;
        GRANT USAGE, CREATE ON SCHEMA app TO case_writer;
        GRANT USAGE ON SCHEMA app TO case_reader WITH GRANT OPTION;
    """
    desired = """
        CREATE SCHEMA app;
        GRANT USAGE ON SCHEMA app TO case_writer WITH GRANT OPTION;
        GRANT USAGE ON SCHEMA app TO case_reader;
        REVOKE USAGE ON SCHEMA public FROM PUBLIC;
        CREATE SCHEMA "New Schema";
        GRANT CREATE ON SCHEMA "New Schema" TO case_reader;
    """
    _, gap_statements = converge(new_db, current, desired)
    assert gap_statements == [
        'GRANT CREATE ON SCHEMA "New Schema" TO case_reader;',
        "REVOKE GRANT OPTION FOR USAGE ON SCHEMA app FROM case_reader;",
        "REVOKE CREATE ON SCHEMA app FROM case_writer;",
        "GRANT USAGE ON SCHEMA app TO case_writer WITH GRANT OPTION;",
        "REVOKE USAGE ON SCHEMA public FROM PUBLIC;",
    ]


# --- the pieces, without a database ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "quoted"),
    [
        ("t", "t"),
        ("user", '"user"'),
        ("Mixed", '"Mixed"'),
        ('a"b', '"a""b"'),
        ("a.b", '"a.b"'),
        ("x$", '"x$"'),
        ("_1", "_1"),
        ("name", "name"),
    ],
)
def test_identifiers_are_quoted_like_quote_ident(name, quoted):
    assert quoting.ident(name) == quoted


def test_literals_are_quoted_like_quote_literal():
    assert quoting.literal("it's") == "'it''s'"
    assert quoting.literal("a\\b'") == "E'a\\\\b'''"
    assert quoting.literal(None) == "NULL"


def test_identities_split_back_into_names():
    assert quoting.split_name('app."My.T".c') == ("app", "My.T", "c")
    assert quoting.split_name('app."f("(x integer)') == ("app", "f(")
    assert quoting.split_name('"a""b"') == ('a"b',)


def test_acl_items_parse_with_grant_options_and_quoted_roles():
    assert acl.parse(['"we ird"=U*C/postgres', "=U/postgres", 'x=U/"we ird"']) == {
        "we ird": {"USAGE": True, "CREATE": False},
        "": {"USAGE": False},
        "x": {"USAGE": False},
    }


CURRENT = {
    "table": {"public.t": {}, "public.u": {}},
    "column": {"public.t.a": {"table": "public.t", "name": "a"}},
    "constraint": {
        "public.u.u_pkey": {"table": "public.u", "name": "u_pkey", "index": "public.u_pkey"}
    },
    "index": {"public.u_pkey": {"table": "public.u"}, "public.t_a": {"table": "public.t"}},
    "sequence": {"public.t_a_seq": {"owned_by": "public.t.a"}},
    "function": {"public.f(integer)": {}, "public.f(text)": {}, "public.g()": {}},
    "enum": {'public."Mood"': {}},
    "trigger": {'public.u."Trg"': {"table": "public.u", "name": "Trg"}},
    "view": {"public.v": {}},
}


def test_dropped_objects_include_what_the_server_drops_with_them():
    sqls = [
        'drop table "public"."t";',
        'alter table "public"."u" drop constraint "u_pkey";',
        'drop function if exists "public"."f"(integer);',
        'alter type "public"."Mood" rename to "Mood__old_version_to_be_dropped";',
        'drop trigger if exists "Trg" on "public"."u";',
        'create view "public"."v" as select 1;',
    ]
    changes = [reader.read(s) for s in sqls]
    assert dropped.dropped_keys(CURRENT, changes) == {
        "table:public.t",
        "column:public.t.a",
        "index:public.t_a",
        "sequence:public.t_a_seq",
        "constraint:public.u.u_pkey",
        "index:public.u_pkey",
        "function:public.f(integer)",
        "function:public.f(text)",
        'enum:public."Mood"',
        'trigger:public.u."Trg"',
    }


def test_comments_are_not_written_for_objects_the_desired_schema_lacks():
    current = {"table": {"public.t": {"comment": "x"}}}
    assert comments.late(Context(current, {"table": {}}, (), frozenset())) == []


# --- whole schemas: every kind of object the catalog snapshot covers ----------------------


def test_a_schema_of_every_kind_is_created_from_nothing(new_db):
    converge(new_db, "", EVERYTHING)


def test_a_schema_of_every_kind_is_dropped_to_nothing(new_db):
    converge(new_db, EVERYTHING, "")


@pytest.mark.parametrize("change", sorted(DIFFERENCES))
def test_each_kind_of_difference_is_planned_away(new_db, change):
    converge(new_db, EVERYTHING, EVERYTHING + ";\n" + DIFFERENCES[change][0])


# --- the new modules' pieces, without a database -----------------------------------------


def test_enum_labels_are_added_before_after_or_at_the_end():
    added = enums._add_values("public.s", ["b", "d"], ["a", "b", "c", "d", "e"])
    assert added == [
        "ALTER TYPE public.s ADD VALUE 'a' BEFORE 'b';",
        "ALTER TYPE public.s ADD VALUE 'c' AFTER 'b';",
        "ALTER TYPE public.s ADD VALUE 'e';",
    ]


def test_storage_parameters_are_reset_and_set():
    assert reloptions.option_changes("ALTER TABLE t", ["fillfactor=70", "a=1"], ["a=2", "b=x y"]) == [
        "ALTER TABLE t RESET (fillfactor);",
        "ALTER TABLE t SET (a='2', b='x y');",
    ]


def test_function_arguments_split_at_top_level_commas_only():
    assert functions._split_arguments("a integer DEFAULT f(1, 2), b text DEFAULT 'x,y'") == [
        "a integer DEFAULT f(1, 2)",
        "b text DEFAULT 'x,y'",
    ]


def test_a_new_owner_takes_over_the_old_owners_privileges():
    before = {"alice": {"SELECT": False, "UPDATE": False}, "bob": {"SELECT": True}}
    assert owners.handed_over(before, "alice", "bob") == {"bob": {"SELECT": True, "UPDATE": False}}


def test_new_objects_start_from_the_default_privileges_of_their_owner_and_schema():
    current = {
        "default_privilege": {
            "for role alice on functions": {"acl": ["alice=X/alice"]},
            "for role alice in schema app on functions": {"acl": ["bob=X/alice"]},
        }
    }
    assert default_privileges.initial_grants(current, "functions", "alice", "app", {}) == {
        "alice": {"EXECUTE": False},
        "bob": {"EXECUTE": False},
    }
    assert default_privileges.initial_grants(current, "functions", "carol", "app", {}) == {
        "carol": {"EXECUTE": False},
        "": {"EXECUTE": False},
    }


# --- replacements are keyed by meaning ----------------------------------------------------


_DROP_COLUMN = (("column", "drop column"),)


def _replacing(name: str, targets: list, instead: list | None = None) -> Plugin:
    """A stand-in gap plug-in: replaces the changes it is given with `instead` (nothing)."""
    return Plugin(
        name,
        in_place=lambda context: {target: list(instead or []) for target in targets},
        in_place_for=_DROP_COLUMN,
    )


def test_a_replacement_of_a_change_migra_did_not_plan_is_an_error(monkeypatch):
    planned = [reader.read('alter table "public"."t" drop column "c";')]
    stranger = reader.read('alter table "public"."t" drop column "d";')
    monkeypatch.setattr(gaps, "PLUGINS", (_replacing("one", [stranger]),))
    with pytest.raises(DiffError, match="did not plan"):
        gaps.revise({}, {}, planned, 18)


def test_a_replacement_of_a_change_the_plug_in_does_not_declare_is_an_error(monkeypatch):
    planned = [reader.read('alter table "public"."t" alter column "c" type bigint;')]
    monkeypatch.setattr(gaps, "PLUGINS", (_replacing("one", planned),))
    with pytest.raises(DiffError, match=r"gaps\.one replaces a change \(column type\) not in its in_place_for"):
        gaps.revise({}, {}, planned, 18)


def test_two_modules_replacing_one_change_differently_is_an_error(monkeypatch):
    planned = [reader.read('alter table "public"."t" drop column "c";')]
    other = reader.read('alter table "public"."t" drop column "d";')
    plugins = (_replacing("one", planned), _replacing("two", planned, [other]))
    monkeypatch.setattr(gaps, "PLUGINS", plugins)
    with pytest.raises(DiffError, match="both replace"):
        gaps.revise({}, {}, planned, 18)


def test_two_modules_replacing_one_change_alike_compose(monkeypatch):
    """Both leave it out (a child's inherited CHECK: gaps.partitions, gaps.inheritance)."""
    planned = [
        reader.read('alter table "public"."t" drop column "c";'),
        reader.read('alter table "public"."t" drop column "d";'),
    ]
    plugins = (_replacing("one", planned[:1]), _replacing("two", planned[:1]))
    monkeypatch.setattr(gaps, "PLUGINS", plugins)
    assert gaps.revise({}, {}, planned, 18) == planned[1:]


def _around(name: str, targets: list, before: str, after: str) -> Plugin:
    """A stand-in gap plug-in: keeps each change it is given, between two statements."""
    around = (reader.read(before), reader.read(after))
    return Plugin(
        name,
        in_place=lambda context: {target: [around[0], target, around[1]] for target in targets},
        in_place_for=(("column", "type"),),
    )


@pytest.mark.parametrize("keeper_first", [True, False], ids=["keeper-first", "keeper-second"])
def test_a_module_keeping_a_change_another_replaces_gets_the_replacement_in_its_place(
    monkeypatch, keeper_first
):
    retype = reader.read('alter table "public"."t" alter column "c" type bigint;')
    planned = [reader.read('alter table "public"."t" add column "d" int;'), retype]
    around = _around("around", [retype], 'alter table "public"."t" drop column "g";',
                     'alter table "public"."t" add column "g" int;')
    instead = reader.read('alter table "public"."t" alter column "c" type bigint using c::bigint;')
    replacing = Plugin(
        "instead",
        in_place=lambda context: {retype: [instead]},
        in_place_for=(("column", "type"),),
    )
    plugins = (around, replacing) if keeper_first else (replacing, around)
    monkeypatch.setattr(gaps, "PLUGINS", plugins)
    revised = gaps.revise({}, {}, planned, 18)
    assert [c.sql for c in revised] == [
        planned[0].sql,
        'alter table "public"."t" drop column "g";',
        instead.sql,
        'alter table "public"."t" add column "g" int;',
    ]


def test_gap_modules_find_migra_changes_by_meaning_whatever_their_spelling():
    spellings = [
        'alter table "public"."t" drop constraint "t_c_check";',
        "ALTER TABLE ONLY public.t DROP CONSTRAINT t_c_check;",
        "alter table if exists public . t drop constraint if exists t_c_check cascade;",
    ]
    for sql in spellings:
        context = Context({}, {}, (reader.read(sql),), frozenset())
        assert [c.sql for c in context.find(("con", "public", "t", "t_c_check"), "drop constraint")] == [sql]


def test_a_foreign_keys_definition_names_the_table_and_columns_it_references():
    definition = 'FOREIGN KEY (a, b) REFERENCES "my s".p(x, "Y") ON DELETE CASCADE NOT VALID'
    assert definitions.referenced_key(definition) == (("rel", "my s", "p"), ["x", "Y"])
    assert definitions.referenced_key("CHECK ((a > 0))") is None
    assert definitions.referenced_key("UNIQUE (a)") is None


def test_only_a_unique_plain_unpartial_index_can_hold_a_foreign_key():
    assert definitions.unique_key("CREATE UNIQUE INDEX i ON s.t USING btree (a, b)") == ["a", "b"]
    assert definitions.unique_key("CREATE INDEX i ON s.t USING btree (a)") is None
    assert definitions.unique_key("CREATE UNIQUE INDEX i ON s.t USING btree (a) WHERE (b > 0)") is None
    assert definitions.unique_key("CREATE UNIQUE INDEX i ON s.t USING btree (lower(a))") is None


def test_publish_generated_columns_is_changed_in_place_on_postgresql_18(new_db, pg):
    """PostgreSQL 18's publish_generated_columns (pg_publication.pubgencols): set with
    ALTER PUBLICATION ... SET, the publication kept."""
    assert pg.version == 18
    table = "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);"
    early, late = converge(
        new_db,
        table + "CREATE PUBLICATION feed FOR TABLE t;",
        table + "CREATE PUBLICATION feed FOR TABLE t WITH (publish_generated_columns = stored);",
    )
    assert early == []
    assert late == ["ALTER PUBLICATION feed SET (publish_generated_columns = stored);"]
    early, late = converge(
        new_db, table, table + "CREATE PUBLICATION feed FOR TABLE t (a, b) WITH (publish = '');"
    )
    assert late == ["CREATE PUBLICATION feed FOR TABLE public.t (a, b) WITH (publish = '');"]



_BY_AT = "CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);"
_M_2025 = "CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"


@pytest.mark.parametrize(
    ("current", "desired", "table"),
    [
        (
            _BY_AT + _M_2025 + ";",
            "CREATE TABLE m (id int, at date) PARTITION BY LIST (id);"
            "CREATE TABLE m_2025 PARTITION OF m FOR VALUES IN (1);",
            "public.m",
        ),
        (
            _BY_AT + _M_2025 + " PARTITION BY LIST (id);"
            "CREATE TABLE m_2025_1 PARTITION OF m_2025 FOR VALUES IN (1);",
            _BY_AT + _M_2025 + " PARTITION BY RANGE (id);"
            "CREATE TABLE m_2025_1 PARTITION OF m_2025 FOR VALUES FROM (1) TO (10);",
            "public.m_2025",
        ),
    ],
    ids=["root", "sub-partitioned-partition"],
)
def test_a_partition_key_that_changes_is_refused_naming_the_table(new_db, current, desired, table):
    """PostgreSQL cannot change a partition key, and migra plans nothing for it (or only
    moves the partitions to bounds of the new key): the plan is refused."""
    target, wanted = new_db(), new_db()
    _load(target, current)
    _load(wanted, desired)
    with pytest.raises(DiffError, match=f"the partition key of {table} changes"):
        _plan(target, wanted)


def _family(kid_local: bool, kid_inherits: list[str]) -> catalog.Snapshot:
    """public.base (n) and public.kid, inheriting n from base where it inherits."""
    inherited = bool(kid_inherits)
    return {
        "table": {
            "public.base": {"kind": "table", "inherits": []},
            "public.kid": {"kind": "table", "inherits": kid_inherits},
        },
        "column": {
            "public.base.n": {"table": "public.base", "name": "n", "type": "text", "local": True},
            "public.kid.n": {
                "table": "public.kid",
                "name": "n",
                "type": "text",
                "inherited": inherited,
                "local": kid_local,
            },
        },
    }


def test_an_inherited_column_a_kept_child_declares_its_own_too_is_refused_by_name():
    """No ALTER TABLE sets attislocal: the plan fails closed, naming the column."""
    current = _family(kid_local=False, kid_inherits=["public.base"])
    desired = _family(kid_local=True, kid_inherits=["public.base"])
    with pytest.raises(DiffError, match=r"column public\.kid\.n \(its own too"):
        gaps.revise(current, desired, [], 18)


def test_inherit_where_the_child_declares_nothing_it_inherits_is_refused_by_name():
    """INHERIT keeps the child's columns its own: a child that should only inherit
    them is out of reach."""
    current = _family(kid_local=True, kid_inherits=[])
    desired = _family(kid_local=False, kid_inherits=["public.base"])
    with pytest.raises(DiffError, match=r"column public\.kid\.n \(only inherited"):
        gaps.revise(current, desired, [], 18)


def test_no_inherit_makes_the_inherited_columns_the_childs_own():
    current = _family(kid_local=False, kid_inherits=["public.base"])
    desired = _family(kid_local=True, kid_inherits=[])
    desired["column"]["public.kid.n"]["inherited"] = False
    revised = gaps.revise(current, desired, [], 18)
    assert [c.sql for c in revised] == ["ALTER TABLE public.kid NO INHERIT public.base;"]


def test_a_column_a_parent_drops_and_a_child_keeps_keeps_the_childs_rows(new_db):
    """The parent's drop is ONLY: the child that declares the column keeps it, values
    and all; the grandchild below the child that loses it keeps its own too, and the
    child that declares nothing loses it (issue 22, class 3)."""
    family = """
        CREATE TABLE base (id int, legacy text);
        CREATE TABLE kid (x int) INHERITS (base);
        CREATE TABLE gone () INHERITS (base);
        CREATE TABLE {grandkid} INHERITS (gone);
    """
    target, desired = new_db(), new_db()
    _load(target, family.format(grandkid="grandkid ()"))
    _load(
        target,
        "INSERT INTO kid VALUES (1, 'kept', 10); INSERT INTO gone VALUES (2, 'lost');"
        " INSERT INTO grandkid VALUES (3, 'kept too');",
    )
    wanted = family.replace("base (id int, legacy text)", "base (id int)")
    wanted = wanted.replace("kid (x int)", "kid (legacy text, x int)")
    _load(desired, wanted.format(grandkid="grandkid (legacy text)"))
    changes = _plan(target, desired)
    assert [c.sql for c in changes][:2] == [
        "ALTER TABLE ONLY public.base DROP COLUMN legacy;",
        "ALTER TABLE ONLY public.gone DROP COLUMN legacy;",
    ]
    with db.connect(target) as conn:
        for change in changes:
            conn.execute(change.sql)
        conn.commit()
    assert differences(_snapshot(desired), _snapshot(target)) == []
    with db.connect(target) as conn:
        kept = conn.execute(
            "SELECT tableoid::regclass::text, id, legacy FROM kid"
            " UNION ALL SELECT tableoid::regclass::text, id, legacy FROM grandkid ORDER BY 2"
        ).fetchall()
        gone = conn.execute(
            "SELECT count(*) FROM pg_attribute WHERE attrelid = 'gone'::regclass"
            " AND attname = 'legacy' AND NOT attisdropped"
        ).fetchone()[0]
    assert kept == [("kid", 1, "kept"), ("grandkid", 3, "kept too")]
    assert gone == 0


def test_a_type_two_modules_create_is_refused_naming_both():
    """Creating a type or domain comes from one module: two creations of one name with
    no drop between would fail at apply ("already exists"), so the plan stops, naming
    both (issue 22, class 7: migra made a domain over an enum an empty enum)."""
    enum = reader.read('create type "public"."open_status" as enum ();', "migra")
    domain = reader.read("CREATE DOMAIN public.open_status AS public.order_status;", "gaps.domains")
    with pytest.raises(
        DiffError, match=r"public\.open_status is created twice, by migra and by gaps\.domains"
    ):
        diff.types_created_once([enum, domain])
    dropped_first = reader.read("DROP TYPE public.open_status;", "gaps.drops")
    diff.types_created_once([enum, dropped_first, domain])  # no error: dropped between


def test_grants_follow_the_desired_acl_order_and_keep_what_both_hold_in_place():
    """PostgreSQL appends a new grantee's entry and keeps a changed one in place, and
    pg_dump prints them in order: GRANTs go in the desired ACL's order (issue 22, class
    4). A grantee both hold stays where it stands, whatever the desired order: re-granting
    for the order alone would churn every plan (differences compare ACLs as sets)."""
    owner = "o=arwdDxtm/o"
    have = acl.parse([owner, "r=r/o", "w=ar/o"])
    want = acl.parse([owner, "w=arw/o", "r=r/o", "=r/o"])
    assert acl.changes("TABLE t", have, want) == [
        "GRANT UPDATE ON TABLE t TO w;",
        "GRANT SELECT ON TABLE t TO PUBLIC;",
    ]
    # the same privileges in another order: nothing to do
    assert acl.changes("TABLE t", have, acl.parse([owner, "w=ar/o", "r=r/o"])) == []
    # new grantees: in the desired order, not by name
    assert acl.changes("TABLE t", acl.parse([owner]), acl.parse([owner, "w=r/o", "b=r/o"])) == [
        "GRANT SELECT ON TABLE t TO w;",
        "GRANT SELECT ON TABLE t TO b;",
    ]
