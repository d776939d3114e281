"""schematool.inspect.records: a field for every attribute of the kind's query, each
record built from a real snapshot holding what it reads."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from importlib import resources

import pytest

from schematool import db
from schematool.inspect import catalog, records
from schematool.inspect.records import RECORDS, Catalog

SCHEMA = """
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE app.pair AS (a integer, b text COLLATE "C");
CREATE DOMAIN app.short_text AS text DEFAULT 'x' NOT NULL
    CONSTRAINT short CHECK (char_length(VALUE) <= 10);
CREATE TYPE app.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TABLE app.book (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100) PRIMARY KEY,
    title app.short_text,
    mood app.mood DEFAULT 'ok',
    price numeric(10, 2) CHECK (price >= 0),
    slug text COLLATE "C" GENERATED ALWAYS AS (lower(title)) STORED,
    body text STORAGE external
) WITH (fillfactor = 80);
ALTER TABLE app.book ALTER COLUMN title SET STATISTICS 500;
ALTER TABLE app.book ALTER COLUMN price SET (n_distinct = 5);
ALTER TABLE app.book ENABLE ROW LEVEL SECURITY;
COMMENT ON COLUMN app.book.title IS 'the title';
CREATE UNIQUE INDEX book_slug ON app.book (slug) WHERE slug IS NOT NULL;
ALTER TABLE app.book ADD CONSTRAINT book_price_positive CHECK (price > 0) NOT VALID;
CREATE TABLE app.review (
    book_id bigint REFERENCES app.book DEFERRABLE INITIALLY DEFERRED, body text
);
CREATE TABLE app.event (at date NOT NULL, n int) PARTITION BY RANGE (at);
CREATE TABLE app.event_2024 PARTITION OF app.event
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.child (extra int) INHERITS (app.review);
CREATE FUNCTION app.touch(a integer) RETURNS integer LANGUAGE sql AS $f$ SELECT a $f$;
CREATE AGGREGATE app.total(integer) (sfunc = int4pl, stype = integer, initcond = '0');
"""


def _query_attributes(kind: str) -> set[str]:
    """The keys of the query's outer jsonb_build_object (its nested objects' left out)."""
    text = (
        resources.files("schematool.inspect").joinpath(f"queries/snapshot_{kind}.sql").read_text()
    )
    text = re.sub(r"--[^\n]*", "", text)
    start = text.index("jsonb_build_object(") + len("jsonb_build_object(")
    depth, args, current, quoted = 1, [], [], False
    for char in text[start:]:
        if char == "'":
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
            if depth == 0:
                break
        elif not quoted and char == "," and depth == 1:
            args.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    args.append("".join(current).strip())
    keys = args[0::2]
    assert all(re.fullmatch(r"'\w+'", key) for key in keys), keys
    return {key.strip("'") for key in keys}


@pytest.mark.parametrize("kind", sorted(RECORDS))
def test_a_field_for_every_attribute_of_the_query(kind: str) -> None:
    assert RECORDS[kind].snapshot_attributes() == _query_attributes(kind)


@pytest.fixture
def snapshot(new_db: Callable[[], str]) -> catalog.Snapshot:
    with db.connect(new_db(), autocommit=True) as conn:
        conn.execute(SCHEMA)
        return catalog.snapshot(conn, [])


def test_records_hold_the_snapshot_attributes(snapshot: catalog.Snapshot) -> None:
    view = Catalog(snapshot)
    mappings = {
        "table": view.tables,
        "column": view.columns,
        "constraint": view.constraints,
        "index": view.indexes,
        "enum": view.enums,
        "domain": view.domains,
        "composite_type": view.composite_types,
        "range_type": view.range_types,
        "function": view.functions,
    }
    for kind, found in mappings.items():
        rows = snapshot.get(kind, {})
        assert rows, kind
        assert list(found) == list(rows) and len(found) == len(rows)
        for identity, attrs in rows.items():
            record = found[identity]
            assert found[identity] is record  # built once
            assert record.identity == identity and record.raw is attrs
            assert set(attrs) <= RECORDS[kind].snapshot_attributes(), (kind, identity)
            for key, value in attrs.items():
                name = {v: k for k, v in type(record)._ATTRIBUTES.items()}.get(key, key)
                if (
                    kind in ("column", "domain", "composite_type")
                    and isinstance(value, dict | list)
                    and key in ("generated", "identity", "checks", "attributes")
                ):
                    continue  # nested records: below
                assert getattr(record, name) == value, (kind, identity, key)


def test_nested_records(snapshot: catalog.Snapshot) -> None:
    view = Catalog(snapshot)
    book_id = view.columns["app.book.id"]
    assert book_id.generated_identity is not None
    assert book_id.generated_identity.kind == "always"
    assert book_id.generated_identity.sequence["start"] == 100
    slug = view.columns["app.book.slug"]
    assert slug.generated == records.Generated("stored", "lower((title)::text)")
    assert slug.collation == 'pg_catalog."C"'
    assert view.columns["app.book.title"].comment == "the title"
    assert view.columns["app.book.title"].statistics == 500
    assert view.columns["app.book.price"].options == ["n_distinct=5"]
    domain = view.domains["app.short_text"]
    assert domain.not_null and domain.default == "'x'::text"
    assert domain.checks["short"].definition == "CHECK ((char_length(VALUE) <= 10))"
    assert domain.checks["short"].validated
    pair = view.composite_types["app.pair"]
    assert [(a.name, a.type, a.collation) for a in pair.attributes] == [
        ("a", "integer", None),
        ("b", "text", 'pg_catalog."C"'),
    ]
    assert view.enums["app.mood"].labels == ["sad", "ok", "happy"]
    assert view.range_types["app.floatrange"].subtype == "double precision"
    assert view.functions["app.total(integer)"].kind == "aggregate"
    assert view.functions["app.total(integer)"].definition is None
    assert view.functions["app.touch(a integer)"].signature == "app.touch(integer)"
    assert not view.constraints["app.book.book_price_positive"].validated
    assert view.constraints["app.review.review_book_id_fkey"].deferred
    assert view.indexes["app.book_slug"].table == "app.book"
    assert view.tables["app.event_2024"].partition_of == "app.event"
    assert view.tables["app.event_2024"].inherits is None
    assert view.tables["app.child"].inherits == ["app.review"]
    assert view.tables["app.book"].rls and not view.tables["app.book"].rls_forced


def test_absent_attributes_read_as_the_code_reads_them() -> None:
    """jsonb_strip_nulls leaves NULLs out; a hand-made snapshot may leave out more."""
    view = Catalog({"constraint": {"public.t.c": {"table": "public.t"}}})
    found = view.constraints["public.t.c"]
    assert found.validated and found.local and not found.inherited
    assert found.columns is None and found.definition is None
    assert dict(view.tables) == {} and "public.t.c" in view.constraints


def test_the_view_of_one_snapshot_object_is_shared_and_the_views_kept_are_bounded():
    snapshot = {"column": {"public.t.a": {"table": "public.t", "name": "a", "type": "text"}}}
    view = records.catalog(snapshot)
    assert records.catalog(snapshot) is view
    assert view.columns["public.t.a"] is records.catalog(snapshot).columns["public.t.a"]
    # an equal snapshot that is another object has a view of its own
    assert records.catalog(copy.deepcopy(snapshot)) is not view
    others = [{"table": {}} for _ in range(records._VIEWS_KEPT)]
    for other in others:
        records.catalog(other)
    assert len(records._VIEWS) == records._VIEWS_KEPT
    assert all(v.snapshot is not snapshot for v in records._VIEWS)  # the oldest left
    assert records.catalog(snapshot) is not view  # made again, from the same snapshot
