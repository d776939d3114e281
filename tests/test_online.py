"""The online split as a pure function of the typed plan: which phase each change runs
in, what it is rewritten into, and what the core may leave for the after phase."""

from __future__ import annotations

import pytest

from schematool import hazard_kinds
from schematool.apply import verify
from schematool.grammar import reader
from schematool.grammar.change import on_tables
from schematool.plan import hazards, online
from schematool.plan.online import AFTER, BEFORE, CORE, Constraint, Facts, Index

ITEM = ("rel", "public", "item")
PARENT = ("rel", "public", "parent")
COLUMNS = ("id", "parent_id", "code", "qty", "note")


def _facts(**changes: object) -> Facts:
    """The target holds item (with rows, its columns, index item_note_idx on note) and
    parent; the desired schema's indexes and constraints come as keyword arguments."""
    base = {
        "tables": frozenset({ITEM, PARENT}),
        "columns": frozenset(("col", "public", "item", c) for c in COLUMNS)
        | {("col", "public", "parent", "id")},
        "indexes": {
            ("rel", "public", "item_note_idx"): Index(
                ITEM, frozenset({"note"}), "CREATE INDEX item_note_idx ON public.item (note)"
            )
        },
    }
    return Facts(**{**base, **changes})  # type: ignore[arg-type]


def _index(name: str, columns: str, unique: bool = False, table: str = "item") -> Index:
    kind = "UNIQUE INDEX" if unique else "INDEX"
    return Index(
        ("rel", "public", table),
        frozenset(c.strip() for c in columns.split(",")),
        f"CREATE {kind} {name} ON public.{table} USING btree ({columns})",
    )


def _split(sqls: list[str], facts: Facts) -> list[tuple[str, str]]:
    """(phase, statement) of each piece, in the order they run."""
    placed = online.split([reader.read(sql) for sql in sqls], facts)
    return [(p.phase, " ".join(p.change.sql.split())) for p in placed]


def test_an_index_on_existing_columns_is_built_concurrently_before_the_core():
    sql = "CREATE INDEX item_qty_idx ON public.item USING btree (qty);"
    facts = _facts(desired_indexes={("rel", "public", "item_qty_idx"): _index("x", "qty")})
    assert _split([sql], facts) == [
        (BEFORE, "CREATE INDEX CONCURRENTLY item_qty_idx ON public.item USING btree (qty);")
    ]


def test_a_unique_constraint_builds_its_index_first_and_adopts_it_in_the_core():
    sqls = [
        'alter table "public"."item" add column "x" integer;',
        "CREATE INDEX item_qty_idx ON public.item USING btree (qty);",
        "CREATE UNIQUE INDEX item_code_key ON public.item USING btree (code);",
        'alter table "public"."item" add constraint "item_code_key" UNIQUE using index'
        ' "item_code_key";',
    ]
    facts = _facts(
        desired_indexes={
            ("rel", "public", "item_qty_idx"): _index("item_qty_idx", "qty"),
            ("rel", "public", "item_code_key"): _index("item_code_key", "code", unique=True),
        }
    )
    placed = _split(sqls, facts)
    assert placed == [  # the unique build first: a duplicate stops the apply soonest
        (
            BEFORE,
            "CREATE UNIQUE INDEX CONCURRENTLY item_code_key ON public.item USING btree (code);",
        ),
        (BEFORE, "CREATE INDEX CONCURRENTLY item_qty_idx ON public.item USING btree (qty);"),
        (CORE, 'alter table "public"."item" add column "x" integer;'),
        (CORE, sqls[3]),
    ]


def test_foreign_keys_and_checks_are_added_not_valid_and_validated_after_the_core():
    sqls = [
        'alter table "public"."item" add constraint "item_parent_fk" FOREIGN KEY (parent_id)'
        " REFERENCES parent(id) not valid;",
        'alter table "public"."item" validate constraint "item_parent_fk";',
        # written without NOT VALID (as a gap module may): rewritten from the desired one
        "ALTER TABLE ONLY public.item ADD CONSTRAINT item_qty_check CHECK (qty > 0);",
    ]
    check = Constraint(ITEM, "check", "CHECK ((qty > 0))")
    facts = _facts(desired_constraints={("con", "public", "item", "item_qty_check"): check})
    assert _split(sqls, facts) == [
        (CORE, " ".join(sqls[0].split())),
        (
            CORE,
            "ALTER TABLE public.item ADD CONSTRAINT item_qty_check CHECK ((qty > 0)) NOT VALID;",
        ),
        (AFTER, sqls[1]),
        (AFTER, "ALTER TABLE public.item VALIDATE CONSTRAINT item_qty_check;"),
    ]


def test_set_not_null_goes_through_a_helper_check_and_skips_its_scan():
    sql = 'alter table "public"."item" alter column "qty" set not null;'
    placed = online.split([reader.read(sql)], _facts())
    assert [(p.phase, p.change.sql) for p in placed] == [
        (
            CORE,
            "ALTER TABLE public.item ADD CONSTRAINT schematool_nn_qty"
            " CHECK (qty IS NOT NULL) NOT VALID;",
        ),
        (AFTER, "ALTER TABLE public.item VALIDATE CONSTRAINT schematool_nn_qty;"),
        (AFTER, sql),
        (AFTER, "ALTER TABLE public.item DROP CONSTRAINT schematool_nn_qty;"),
    ]
    existing = hazards.Existing(tables=frozenset({ITEM}))
    judged = [hazards.judge([p.change], existing)[0] for p in placed]
    assert all(hazard_kinds.BLOCKING_LOCK not in c.hazard_kinds for c in judged)
    # the same statement without the helper scans the table under ACCESS EXCLUSIVE
    plain = hazards.judge([reader.read(sql)], existing)[0]
    assert hazard_kinds.BLOCKING_LOCK in plain.hazard_kinds


def test_a_helper_an_interrupted_apply_left_is_carried_on_not_added_again():
    helper = ("con", "public", "item", "schematool_nn_qty")
    sqls = [
        'alter table "public"."item" drop constraint "schematool_nn_qty";',  # migra's
        'alter table "public"."item" alter column "qty" set not null;',
    ]
    left = Constraint(ITEM, "check", "CHECK ((qty IS NOT NULL)) NOT VALID", validated=False)
    placed = _split(sqls, _facts(constraints={helper: left}))
    assert placed == [
        (AFTER, "ALTER TABLE public.item VALIDATE CONSTRAINT schematool_nn_qty;"),
        (AFTER, sqls[1]),
        (AFTER, "ALTER TABLE public.item DROP CONSTRAINT schematool_nn_qty;"),
    ]
    validated = _split(sqls, _facts(constraints={helper: Constraint(ITEM, "check", "x")}))
    assert [phase for phase, _ in validated] == [AFTER, AFTER]  # set not null, drop


def test_a_changed_index_is_built_under_a_temporary_name_and_swapped_in_by_the_core():
    node = ("rel", "public", "item_note_idx")
    sqls = [
        'drop index if exists "public"."item_note_idx";',
        "CREATE INDEX item_note_idx ON public.item USING btree (note, id);",
    ]
    placed = _split(sqls, _facts(desired_indexes={node: _index("item_note_idx", "note, id")}))
    new, old = (
        online.new_index_name("public", "item_note_idx"),
        online.old_index_name("public", "item_note_idx"),
    )
    assert new.startswith(online.NEW_PREFIX) and old.startswith(online.OLD_PREFIX)
    assert placed == [
        (BEFORE, f"CREATE INDEX CONCURRENTLY {new} ON public.item USING btree (note, id);"),
        (CORE, f"ALTER INDEX public.item_note_idx RENAME TO {old};"),
        (CORE, f"ALTER INDEX public.{new} RENAME TO item_note_idx;"),
        (AFTER, f"DROP INDEX CONCURRENTLY public.{old};"),
    ]


def test_indexes_wait_for_the_core_when_it_adds_their_column_and_new_tables_build_plainly():
    sqls = [
        'create table "public"."newt" ("id" bigint not null, "item_id" bigint);',
        'alter table "public"."item" add column "added" integer;',
        "CREATE INDEX item_added_idx ON public.item USING btree (added);",
        "CREATE INDEX newt_item_idx ON public.newt USING btree (item_id);",
        "COMMENT ON INDEX public.item_added_idx IS 'added';",
    ]
    facts = _facts(
        desired_indexes={
            ("rel", "public", "item_added_idx"): _index("item_added_idx", "added"),
            ("rel", "public", "newt_item_idx"): _index("newt_item_idx", "item_id", table="newt"),
        }
    )
    assert _split(sqls, facts) == [
        (CORE, sqls[0]),
        (CORE, sqls[1]),
        (CORE, sqls[3]),  # an empty new table: built plainly in the core
        (AFTER, "CREATE INDEX CONCURRENTLY item_added_idx ON public.item USING btree (added);"),
        (AFTER, sqls[4]),  # a comment on an index built after the core follows it
    ]


def test_invalid_indexes_and_leftovers_are_dropped_first_and_other_drops_after_the_core():
    invalid = ("rel", "public", "item_qty_idx")
    retired = ("rel", "public", online.old_index_name("public", "item_note_idx"))
    indexes = {
        invalid: Index(ITEM, frozenset({"qty"}), "CREATE INDEX ...", valid=False),
        retired: Index(ITEM, frozenset({"note"}), "CREATE INDEX ..."),
        ("rel", "public", "item_note_idx"): Index(ITEM, frozenset({"note"}), "CREATE INDEX ..."),
    }
    sqls = [
        'drop index if exists "public"."item_note_idx";',
        f'drop index if exists "public"."{retired[2]}";',
        "DROP INDEX public.item_qty_idx;",
        "CREATE INDEX item_qty_idx ON public.item USING btree (qty);",
    ]
    facts = _facts(indexes=indexes, desired_indexes={invalid: _index("item_qty_idx", "qty")})
    assert _split(sqls, facts) == [
        (BEFORE, f"DROP INDEX CONCURRENTLY public.{retired[2]};"),
        (BEFORE, "DROP INDEX CONCURRENTLY public.item_qty_idx;"),
        (BEFORE, "CREATE INDEX CONCURRENTLY item_qty_idx ON public.item USING btree (qty);"),
        (AFTER, "DROP INDEX CONCURRENTLY public.item_note_idx;"),
    ]


def test_a_drop_of_an_index_whose_column_the_core_drops_stays_in_the_core():
    sqls = [
        'drop index if exists "public"."item_note_idx";',
        'alter table "public"."item" drop column "note";',
    ]
    assert [phase for phase, _ in _split(sqls, _facts())] == [CORE, CORE]


def test_a_primary_key_waits_for_its_columns_to_be_not_null():
    log = ("rel", "public", "log")
    facts = Facts(
        tables=frozenset({log}),
        columns=frozenset({("col", "public", "log", "id")}),
        desired_indexes={("rel", "public", "log_pkey"): _index("log_pkey", "id", True, "log")},
        desired_constraints={
            ("con", "public", "log", "log_pkey"): Constraint(
                log, "primary key", "PRIMARY KEY (id)", columns=frozenset({"id"})
            )
        },
    )
    sqls = [
        'alter table "public"."log" alter column "id" set not null;',
        "CREATE UNIQUE INDEX log_pkey ON public.log USING btree (id);",
        'alter table "public"."log" add constraint "log_pkey" PRIMARY KEY using index "log_pkey";',
    ]
    placed = _split(sqls, facts)
    assert [phase for phase, _ in placed] == [BEFORE, CORE, AFTER, AFTER, AFTER, AFTER]
    assert placed[-1] == (AFTER, sqls[2])  # after SET NOT NULL and the helper's drop


def test_the_split_reads_what_a_change_does_not_how_it_is_spelled():
    facts = _facts(desired_indexes={("rel", "public", "item_qty_idx"): _index("x", "qty")})
    spellings = [
        "CREATE INDEX item_qty_idx ON public.item USING btree (qty);",
        'create   index "item_qty_idx" on "public" . "item" (qty)',
    ]
    assert {_split([s], facts)[0][0] for s in spellings} == {BEFORE}
    unknown = "CREATE INDEX item_qty_idx ON public.item USING btree (qty) WHERE qty > 0;"
    no_definition = _facts()  # the desired index is not known: it waits for the core
    assert _split([unknown], no_definition)[0][0] == AFTER


@pytest.mark.parametrize("column", ["qty", "a" * 63, "é" * 31])
def test_reserved_names_fit_postgresql_identifiers(column):
    for name in (
        online.helper_name(column),
        online.new_index_name("public", column),
        online.old_index_name("public", column),
    ):
        assert len(name.encode()) <= 63 and online.is_reserved(name)
    assert online.helper_name(column) != online.helper_name(column + "x")


def _snap(**kinds: dict) -> dict:
    return {"constraint": {}, "index": {}, "column": {}, **kinds}


def test_what_the_core_leaves_must_be_exactly_what_the_after_phase_resolves():
    desired = _snap(
        constraint={
            "public.item.fk": {
                "definition": "FOREIGN KEY (p) REFERENCES parent(id)",
                "validated": True,
            }
        },
        column={"public.item.qty": {"not_null": True}},
        index={"public.item_added_idx": {"definition": "CREATE INDEX ..."}},
    )
    core_left = _snap(
        constraint={
            "public.item.fk": {
                "definition": "FOREIGN KEY (p) REFERENCES parent(id) NOT VALID",
                "validated": False,
            },
            "public.item.schematool_nn_qty": {"definition": "CHECK ((qty IS NOT NULL)) NOT VALID"},
        },
        column={"public.item.qty": {"not_null": False}},
    )
    after = [
        reader.read(s)
        for s in [
            "ALTER TABLE public.item VALIDATE CONSTRAINT fk;",
            "ALTER TABLE public.item VALIDATE CONSTRAINT schematool_nn_qty;",
            "ALTER TABLE public.item ALTER COLUMN qty SET NOT NULL;",
            "ALTER TABLE public.item DROP CONSTRAINT schematool_nn_qty;",
            "CREATE INDEX CONCURRENTLY item_added_idx ON public.item (added);",
        ]
    ]
    assert verify.unexplained(desired, core_left, after) == []
    # the core forgot the column: nothing after it would add it
    missing_column = {**desired, "column": {**desired["column"], "public.item.x": {}}}
    assert verify.unexplained(missing_column, core_left, after) == [
        "missing in target: column public.item.x"
    ]
    # a NOT VALID constraint whose definition differs in more than NOT VALID
    wrong = _snap(**{**core_left, "constraint": {**core_left["constraint"]}})
    wrong["constraint"]["public.item.fk"] = {
        "definition": "FOREIGN KEY (q) REFERENCES parent(id) NOT VALID",
        "validated": False,
    }
    assert len(verify.unexplained(desired, wrong, after)) == 1
    # without the after step that validates it, the NOT VALID constraint is unexplained
    assert verify.unexplained(desired, core_left, after[1:]) != []


def test_a_temporal_key_is_added_in_the_core_not_built_before():
    """A unique gist index cannot be built by CREATE INDEX: the temporal key's own ADD
    builds it, in the core, and says why online mode cannot avoid its lock."""
    sql = (
        "ALTER TABLE public.item ADD CONSTRAINT item_code_key UNIQUE (code, qty WITHOUT OVERLAPS);"
    )
    index = ("rel", "public", "item_code_key")
    key = Constraint(ITEM, "unique", sql[48:-1], index=index, period=True)
    facts = _facts(
        desired_constraints={("con", "public", "item", "item_code_key"): key},
        desired_indexes={index: _index("item_code_key", "code, qty", unique=True)},
    )
    assert _split([sql], facts) == [(CORE, sql)]
    change = hazards.judge([reader.read(sql)], hazards.Existing(tables=frozenset({ITEM})))[0]
    assert online.unavoidable(change) == (
        "online mode cannot avoid this lock: a temporal key (WITHOUT OVERLAPS) cannot adopt"
        " an index built before"
    )


def test_a_not_null_validated_after_the_core_explains_its_columns_not_valid_flag():
    qty = {"table": "public.item", "name": "qty", "not_null": True}
    desired = _snap(column={"public.item.qty": {**qty, "not_null_name": "item_qty_nn"}})
    core_left = _snap(
        column={
            "public.item.qty": {
                **qty,
                "not_null_name": "item_qty_nn",
                "not_null_not_valid": True,
            }
        }
    )
    validate = reader.read("ALTER TABLE public.item VALIDATE CONSTRAINT item_qty_nn;")
    other = reader.read("ALTER TABLE public.item VALIDATE CONSTRAINT item_other;")
    assert verify.unexplained(desired, core_left, [validate]) == []
    assert verify.unexplained(desired, core_left, [other]) != []


def test_the_swapped_out_index_dropped_after_the_core_locks_its_table_not_only_itself():
    """The retired index is renamed in the core, then dropped concurrently: its drop's
    lock on the table is found through the rename (SHARE UPDATE EXCLUSIVE: writes go
    on); the renames lock the indexes alone."""
    node = ("rel", "public", "item_note_idx")
    sqls = [
        'drop index if exists "public"."item_note_idx";',
        "CREATE INDEX item_note_idx ON public.item USING btree (note, id);",
    ]
    facts = _facts(desired_indexes={node: _index("item_note_idx", "note, id")})
    placed = online.split([reader.read(sql) for sql in sqls], facts)
    located = on_tables([p.change for p in placed], {node: (ITEM,)})
    locks = [{(lock.table[2], lock.mode) for lock in change.locks} for change in located]
    old = online.old_index_name("public", "item_note_idx")
    assert locks[1:] == [
        {("item_note_idx", "SHARE UPDATE EXCLUSIVE")},
        {(online.new_index_name("public", "item_note_idx"), "SHARE UPDATE EXCLUSIVE")},
        {(old, "SHARE UPDATE EXCLUSIVE"), ("item", "SHARE UPDATE EXCLUSIVE")},
    ]
