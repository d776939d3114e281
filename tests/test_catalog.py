"""schematool.inspect.catalog: snapshots equal for equal schemas, and every kind of difference seen."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from importlib import resources

import pytest

from schematool import db
from schematool.inspect import catalog
from schematool.inspect.differences import differences

# A schema touching every kind the snapshot covers.
EVERYTHING = """
CREATE EXTENSION IF NOT EXISTS citext;
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'the app';
GRANT USAGE ON SCHEMA app TO case_reader;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE app.pair AS (a integer, b text COLLATE "C");
COMMENT ON COLUMN app.pair.a IS 'first';
CREATE DOMAIN app.short_text AS text DEFAULT 'x' NOT NULL
    CONSTRAINT short CHECK (char_length(VALUE) <= 10);
COMMENT ON DOMAIN app.short_text IS 'short';
CREATE TYPE app.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE COLLATION app.bytes (provider = libc, locale = 'C');
CREATE SEQUENCE app.counter INCREMENT 5 MINVALUE 10 START 20 CACHE 3 CYCLE;
CREATE TABLE app.book (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 2) PRIMARY KEY,
    title app.short_text,
    mood app.mood DEFAULT 'ok',
    price numeric(10, 2) CHECK (price >= 0),
    slug text GENERATED ALWAYS AS (lower(title)) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    n serial
) WITH (fillfactor = 80);
ALTER TABLE app.book ALTER COLUMN title SET STATISTICS 500;
ALTER TABLE app.book ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.book FORCE ROW LEVEL SECURITY;
COMMENT ON TABLE app.book IS 'books';
COMMENT ON COLUMN app.book.title IS 'the title';
CREATE UNIQUE INDEX book_slug ON app.book (slug) WHERE slug IS NOT NULL;
COMMENT ON INDEX app.book_slug IS 'slugs';
ALTER TABLE app.book ADD CONSTRAINT book_price_positive CHECK (price > 0) NOT VALID;
COMMENT ON CONSTRAINT book_price_positive ON app.book IS 'positive';
CREATE TABLE app.review (
    book_id bigint REFERENCES app.book DEFERRABLE INITIALLY DEFERRED, body text
);
CREATE POLICY own ON app.book FOR SELECT TO case_reader, case_writer USING (price > 1);
GRANT SELECT (title) ON app.book TO case_reader;
GRANT SELECT ON app.book TO case_writer;
CREATE VIEW app.cheap WITH (security_invoker = true, security_barrier) AS
    SELECT id, title FROM app.book WHERE price < 5 WITH LOCAL CHECK OPTION;
COMMENT ON VIEW app.cheap IS 'cheap';
CREATE MATERIALIZED VIEW app.counts AS SELECT mood, count(*) FROM app.book GROUP BY mood;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN new; END $f$;
CREATE TRIGGER book_touch BEFORE UPDATE ON app.book
    FOR EACH ROW EXECUTE FUNCTION app.touch();
COMMENT ON TRIGGER book_touch ON app.book IS 'touch';
CREATE PROCEDURE app.p(IN a int, OUT b int) LANGUAGE sql AS $f$ SELECT a $f$;
CREATE AGGREGATE app.total(int) (sfunc = int4pl, stype = int, initcond = '0');
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO case_reader;
CREATE RULE review_keep AS ON DELETE TO app.review DO INSTEAD NOTHING;
CREATE STATISTICS app.book_stats ON mood, price FROM app.book;
CREATE TABLE app.parted (id int, at date NOT NULL DEFAULT '2020-01-01')
    PARTITION BY RANGE (at);
CREATE TABLE app.parted_2020 PARTITION OF app.parted
    FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE app.parted_ref (at date, id int);
CREATE UNLOGGED TABLE app.scratchy (x int);
CREATE TABLE app.child (extra int) INHERITS (app.review);
CREATE FOREIGN DATA WRAPPER app_files OPTIONS (debug 'true');
CREATE SERVER app_feeds FOREIGN DATA WRAPPER app_files OPTIONS (root '/srv');
CREATE USER MAPPING FOR case_reader SERVER app_feeds OPTIONS (password 'pw');
CREATE FOREIGN TABLE app.ratings (stars int OPTIONS (column_name 'n')) SERVER app_feeds;
CREATE TYPE app.twin AS (a int, b int);
CREATE FUNCTION app.to_twin(int) RETURNS app.twin LANGUAGE sql IMMUTABLE AS 'SELECT ROW($1, $1)::app.twin';
CREATE CAST (int AS app.twin) WITH FUNCTION app.to_twin(int) AS ASSIGNMENT;
CREATE FUNCTION app.same_ci(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS 'SELECT lower($1) = lower($2)';
CREATE OPERATOR app.=== (FUNCTION = app.same_ci, LEFTARG = text, RIGHTARG = text,
    COMMUTATOR = OPERATOR(app.===));
CREATE TEXT SEARCH DICTIONARY app.words (TEMPLATE = simple, STOPWORDS = english);
CREATE TEXT SEARCH CONFIGURATION app.search (COPY = english);
ALTER TEXT SEARCH CONFIGURATION app.search ALTER MAPPING FOR asciiword WITH app.words, english_stem;
CREATE INDEX book_search ON app.book USING gin (to_tsvector('app.search', title));
CREATE PUBLICATION app_feed FOR TABLE app.book (id, title, price) WHERE (price > 0), app.review;
"""

# What differs, and the line `differences` must report for it.
DIFFERENCES = {
    "comment": (
        "COMMENT ON TABLE app.book IS 'volumes'",
        "table app.book: comment 'books' != 'volumes'",
    ),
    "force_rls": (
        "ALTER TABLE app.book NO FORCE ROW LEVEL SECURITY",
        "table app.book: rls_forced true != false",
    ),
    "column_privilege": (
        "GRANT UPDATE (title) ON app.book TO case_reader",
        'column app.book.title: acl ["case_reader=r/postgres"] != ["case_reader=rw/postgres"]',
    ),
    "default_privilege": (
        "ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT INSERT ON TABLES TO case_writer",
        "default privilege for role postgres in schema app on tables: acl",
    ),
    "view_option": (
        "ALTER VIEW app.cheap RESET (security_barrier)",
        'view app.cheap: options ["security_invoker=true", "security_barrier=true", '
        '"check_option=local"] != ["security_invoker=true", "check_option=local"]',
    ),
    "domain_check": (
        "ALTER DOMAIN app.short_text DROP CONSTRAINT short;"
        " ALTER DOMAIN app.short_text ADD CONSTRAINT short CHECK (char_length(VALUE) <= 20)",
        "domain app.short_text: checks.short.definition "
        "'CHECK ((char_length(VALUE) <= 10))' != 'CHECK ((char_length(VALUE) <= 20))'",
    ),
    "composite_attribute": (
        "ALTER TYPE app.pair ALTER ATTRIBUTE a TYPE bigint",
        "composite type app.pair: attributes",
    ),
    "sequence_option": (
        "ALTER SEQUENCE app.counter INCREMENT 7",
        "sequence app.counter: increment 5 != 7",
    ),
    "identity_option": (
        "ALTER TABLE app.book ALTER COLUMN id SET INCREMENT BY 3",
        "column app.book.id: identity.sequence.increment 2 != 3",
    ),
    "enum_label_order": (
        "DROP TYPE app.mood CASCADE; CREATE TYPE app.mood AS ENUM ('ok', 'sad', 'happy')",
        'enum app.mood: labels ["sad", "ok", "happy"] != ["ok", "sad", "happy"]',
    ),
    "policy": (
        "ALTER POLICY own ON app.book TO case_reader",
        'policy app.book.own: roles ["case_reader", "case_writer"] != ["case_reader"]',
    ),
    "constraint_validation": (
        "ALTER TABLE app.book VALIDATE CONSTRAINT book_price_positive",
        "constraint app.book.book_price_positive: validated false != true",
    ),
    "trigger_enabled": (
        "ALTER TABLE app.book DISABLE TRIGGER book_touch",
        "trigger app.book.book_touch: enabled 'enabled' != 'disabled'",
    ),
    "schema_grant": (
        "GRANT CREATE ON SCHEMA app TO case_writer",
        'schema app: acl ["case_reader=U/postgres", "postgres=UC/postgres"] != '
        '["case_reader=U/postgres", "case_writer=C/postgres", "postgres=UC/postgres"]',
    ),
    "missing_index": ("DROP INDEX app.book_slug", "missing in target: index app.book_slug"),
    "extra_function": (
        "CREATE FUNCTION app.extra(x int) RETURNS int LANGUAGE sql AS 'SELECT x'",
        "unexpected in target: function app.extra(x integer)",
    ),
}


def _load(url: str, text: str) -> None:
    with db.connect(url, autocommit=True) as conn, conn.transaction():
        conn.execute(text)


def _snapshot(url: str, excluded: tuple[str, ...] = ()) -> catalog.Snapshot:
    with db.connect(url, autocommit=True) as conn:
        return catalog.snapshot(conn, excluded)


@pytest.fixture
def db_on_each_server(each_server, db_factory) -> Callable[[], str]:
    return lambda: db_factory(each_server)


def test_databases_holding_the_same_schema_have_equal_snapshots(db_on_each_server):
    first, second = db_on_each_server(), db_on_each_server()
    _load(first, EVERYTHING)
    _load(second, EVERYTHING)
    a, b = _snapshot(first), _snapshot(second)
    assert differences(a, b) == []
    assert _fingerprints(first) == _fingerprints(second)
    assert all(a[kind] for kind in catalog.QUERIES if kind not in ("event_trigger",)), [
        kind for kind in catalog.QUERIES if not a[kind]
    ]


def test_history_that_leaves_the_same_schema_leaves_the_same_snapshot(new_db):
    """Dropped columns, grant order and granted-then-revoked privileges leave no trace."""
    plain, worn = new_db(), new_db()
    _load(plain, "CREATE TABLE t (a int, b int); GRANT SELECT ON t TO case_reader, case_writer;")
    _load(
        worn,
        "CREATE TABLE t (x int, a int, b int); ALTER TABLE t DROP COLUMN x;"
        " GRANT SELECT ON t TO case_writer; GRANT SELECT ON t TO case_reader;"
        " GRANT UPDATE (a) ON t TO case_reader; REVOKE UPDATE (a) ON t FROM case_reader;",
    )
    assert differences(_snapshot(plain), _snapshot(worn)) == []


@pytest.mark.parametrize("change", DIFFERENCES.values(), ids=DIFFERENCES.keys())
def test_each_kind_of_difference_is_reported(new_db, change):
    statement, expected_line = change
    url = new_db()
    _load(url, EVERYTHING)
    with db.connect(url) as conn:
        before = catalog.snapshot(conn, [])
        conn.execute(statement)  # left uncommitted: the snapshot must see it anyway
        after = catalog.snapshot(conn, [])
        conn.rollback()
    lines = differences(before, after)
    assert any(line.startswith(expected_line) for line in lines), lines


def test_snapshot_is_plain_json_without_the_database_name(new_db):
    url = new_db()
    _load(url, EVERYTHING)
    snap = _snapshot(url)
    text = json.dumps(snap)
    assert json.loads(text) == snap
    assert db.database_of(url) not in text


def test_snapshot_sees_uncommitted_work_and_leaves_the_session_alone(new_db):
    url = new_db()
    with db.connect(url) as conn:
        conn.execute("SET search_path = public")
        conn.execute("CREATE TABLE pending (a int)")
        snap = catalog.snapshot(conn, [])
        assert "public.pending" in snap["table"]
        assert conn.execute("SHOW search_path").fetchone() == ("public",)
        assert conn.info.transaction_status == conn.info.transaction_status.INTRANS
        conn.execute("SELECT FROM pending")  # the transaction is still usable
        conn.rollback()


def test_excluded_schemas_and_extension_objects_stay_out(new_db):
    url = new_db()
    _load(url, "CREATE EXTENSION citext; CREATE SCHEMA hidden; CREATE TABLE hidden.t (a int);")
    snap = _snapshot(url, ("hidden",))
    assert "hidden" not in snap["schema"]
    assert not [k for kind in snap.values() for k in kind if k.startswith("hidden.")]
    assert "citext" in snap["extension"]
    assert not [f for f in snap["function"] if "citext" in f]


def test_differences_name_missing_extra_and_changed_attributes():
    expected = {"table": {"public.t": {"comment": "x", "options": ["a=1"]}, "public.u": {}}}
    actual = {"table": {"public.t": {"comment": "it's", "options": ["a=1"]}}, "view": {"v": {}}}
    assert differences(expected, actual) == [
        "missing in target: table public.u",
        "table public.t: comment 'x' != 'it\\'s'",
        "unexpected in target: view v",
    ]
    assert differences(expected, expected) == []


def test_differences_point_into_long_definitions():
    body = "SELECT " + ", ".join(f"c{i}" for i in range(40))
    a = {"view": {"v": {"definition": body}}}
    b = {"view": {"v": {"definition": body.replace("c30", "c99")}}}
    [line] = differences(a, b)
    assert line.startswith("view v: definition differ at character ")
    assert "c30" in line and "c99" in line and len(line) < 200


def _fingerprints(url: str) -> tuple[str, str]:
    """(the server's fingerprint, the one computed from a snapshot's reading)"""
    with db.connect(url, autocommit=True) as conn:
        return catalog.fingerprint(conn, ()), catalog.snapshot_and_fingerprint(conn, ())[1]


def test_every_snapshot_query_file_is_read_as_its_kind():
    files = resources.files("schematool.inspect").joinpath("queries").iterdir()
    kinds = {
        f.name[len("snapshot_") : -len(".sql")] for f in files if f.name.startswith("snapshot_")
    }
    assert kinds == set(catalog.QUERIES)


@pytest.mark.parametrize("kind", list(catalog.QUERIES))
def test_snapshot_queries_hold_no_percent_sign_but_the_parameter(kind):
    """The queries run with parameters: psycopg reads every % of the text, comments
    included, so a literal one is %%; and each ends its last line, so that a closing
    comment cannot swallow the parenthesis the snapshot wraps it in."""
    query = catalog.QUERIES[kind]
    assert set(re.findall(r"%\(\w+\)s|%.", query)) <= {"%(excluded)s", "%%"}
    assert query.endswith("\n")


def test_the_server_and_a_snapshot_compute_the_same_fingerprint(db_on_each_server):
    url = db_on_each_server()
    _load(url, EVERYTHING)
    _load(url, 'CREATE TABLE "Ünï ""q"" \t" ("ç" int); COMMENT ON TABLE "Ünï ""q"" \t" IS \'é\';')
    server, client = _fingerprints(url)
    assert server == client and len(server) == 64


def test_the_fingerprint_sees_a_changed_value_and_not_the_database(db_on_each_server):
    first, second = db_on_each_server(), db_on_each_server()
    for url in (first, second):
        _load(url, "CREATE TABLE t (id int); COMMENT ON TABLE t IS 'x';")
    assert _fingerprints(first) == _fingerprints(second)
    _load(second, "COMMENT ON TABLE t IS 'y';")
    assert _fingerprints(first)[0] != _fingerprints(second)[0]
    assert _fingerprints(first)[1] != _fingerprints(second)[1]


def test_column_order_is_not_a_difference(new_db):
    """Column order cannot change without rebuilding a table, so no plan could reach it:
    the convergence check compares columns by name, not position."""
    a, b = new_db(), new_db()
    with db.connect(a, autocommit=True) as ca, db.connect(b, autocommit=True) as cb:
        ca.execute("CREATE TABLE t (x int, y int)")
        cb.execute("CREATE TABLE t (y int, x int)")
        assert differences(catalog.snapshot(ca, ()), catalog.snapshot(cb, ())) == []


def test_indexes_constraints_and_statistics_name_the_columns_dropping_would_take(new_db):
    """Rebuilding a column (a generated one whose expression changes) drops what uses it:
    the gap modules read from the snapshot what to create again."""
    url = new_db()
    _load(url, EVERYTHING)
    snap = _snapshot(url)
    assert snap["index"]["app.book_slug"]["columns"] == ["slug"]
    assert snap["constraint"]["app.book.book_price_positive"]["columns"] == ["price"]
    assert snap["constraint"]["app.review.review_book_id_fkey"]["columns"] == ["book_id"]
    assert snap["statistics"]["app.book_stats"]["columns"] == ["mood", "price"]
    assert snap["statistics"]["app.book_stats"]["table"] == "app.book"
    assert snap["function"]["app.p(IN a integer, OUT b integer)"]["signature"] == "app.p(integer)"


def test_temporal_keys_and_foreign_keys_are_marked_period(db_on_each_server):
    """PostgreSQL 18's WITHOUT OVERLAPS and PERIOD (pg_constraint.conperiod) are seen; an
    older server, whose catalog lacks the column, reads the same query."""
    url = db_on_each_server()
    _load(url, "CREATE TABLE t (id int PRIMARY KEY, r int4range, s tstzrange)")
    with db.connect(url, autocommit=True) as conn:
        temporal = db.server_version(conn) >= 18
    if temporal:
        _load(
            url,
            "ALTER TABLE t ADD CONSTRAINT t_key UNIQUE (r, s WITHOUT OVERLAPS);"
            " CREATE TABLE u (r int4range, s tstzrange,"
            " CONSTRAINT u_fk FOREIGN KEY (r, PERIOD s) REFERENCES t (r, PERIOD s))",
        )
    constraints = _snapshot(url)["constraint"]
    assert "period" not in constraints["public.t.t_pkey"]
    if temporal:
        assert constraints["public.t.t_key"]["period"] is True
        assert constraints["public.u.u_fk"]["period"] is True
