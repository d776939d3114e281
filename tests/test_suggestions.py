"""schematool.plan.suggestions: a drop and a like addition read from both snapshots,
without a server (the snapshots hold just what the suggestions read)."""

from __future__ import annotations

from schematool.grammar import reader
from schematool.plan.suggestions import likely

CURRENT = {
    "table": {"public.t": {"kind": "table"}, "public.gone": {"kind": "table"}},
    "column": {
        "public.t.note": {"table": "public.t", "name": "note", "type": "text"},
        "public.t.id": {"table": "public.t", "name": "id", "type": "integer"},
        "public.gone.a": {"table": "public.gone", "name": "a", "type": "integer"},
    },
    "index": {
        "public.i_old": {
            "table": "public.t",
            "definition": "CREATE INDEX i_old ON public.t USING btree (id)",
        }
    },
    "enum": {"public.e": {"labels": ["a", "b", "c"]}},
}
DESIRED = {
    "table": {"public.t": {"kind": "table"}, "public.new": {"kind": "table"}},
    "column": {
        "public.t.personal_note": {"table": "public.t", "name": "personal_note", "type": "text"},
        "public.t.id": {"table": "public.t", "name": "id", "type": "integer"},
        "public.new.a": {"table": "public.new", "name": "a", "type": "integer"},
    },
    "index": {
        "public.i_new": {
            "table": "public.t",
            "definition": "CREATE INDEX i_new ON public.t USING btree (id)",
        }
    },
    "enum": {"public.e": {"labels": ["a", "x", "c"]}},
}
PLAN = [
    "ALTER TABLE public.t DROP COLUMN note;",
    "ALTER TABLE public.t ADD COLUMN personal_note text;",
    "DROP TABLE public.gone;",
    "CREATE TABLE public.new (a integer);",
    "DROP INDEX public.i_old;",
    "CREATE INDEX i_new ON public.t USING btree (id);",
    "ALTER TYPE public.e RENAME TO e__old_version_to_be_dropped;",
    "DROP TYPE public.e;",
]


def test_a_column_table_index_and_label_dropped_and_added_like_it_are_each_suggested():
    changes = [reader.read(sql, "migra") for sql in PLAN]
    found = likely(changes, CURRENT, DESIRED)
    assert [(s.kind, s.dropped, s.added, s.statements, s.annotation) for s in found] == [
        (
            "column",
            "public.t.note",
            "public.t.personal_note",
            (1, 2),
            "-- schematool: renamed from note",
        ),
        ("table", "public.gone", "public.new", (3, 4), "-- schematool: renamed from gone"),
        ("index", "public.i_old", "public.i_new", (5, 6), "-- schematool: renamed from i_old"),
        ("enum value", "public.e 'b'", "'x'", (7, 8), "-- schematool: renamed from 'b'"),
    ]


def test_a_drop_whose_type_differs_from_the_addition_suggests_nothing():
    desired = {**DESIRED, "column": {**DESIRED["column"]}}
    desired["column"]["public.t.personal_note"] = {
        "table": "public.t",
        "name": "personal_note",
        "type": "varchar",
    }
    changes = [reader.read(sql, "migra") for sql in PLAN[:2]]
    assert likely(changes, CURRENT, desired) == ()
