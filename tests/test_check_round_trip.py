"""CHECK constraints survive the desired database's load untouched: comments, NOT VALID,
NO INHERIT, inherited and partition copies; and a comment on a CHECK reaches the target,
as pg_dump sees it (issue 15, class 9: a CHECK round trip of the desired database once
lost every CHECK comment, so no plan gave one to the target and plans removed existing
ones; the desired database is now compared as loaded)."""

from __future__ import annotations

import pytest

from schematool import db
from schematool.inspect import catalog
from schematool.inspect.differences import differences
from tests import caselib, pgdump

# every way a CHECK can stand (on both servers), with a comment on each
CHECKS = """
CREATE SCHEMA shop;
CREATE DOMAIN shop.price AS integer CONSTRAINT "price.positive" CHECK (VALUE > 0);
ALTER DOMAIN shop.price ADD CONSTRAINT price_small CHECK (VALUE < 1000000) NOT VALID;
COMMENT ON CONSTRAINT "price.positive" ON DOMAIN shop.price IS 'a price is never free';
COMMENT ON CONSTRAINT price_small ON DOMAIN shop.price IS 'not checked yet';

CREATE TABLE shop.item (
    id bigint PRIMARY KEY,
    cents shop.price,
    title text CONSTRAINT "title.filled" CHECK (title <> ''),
    kind text CONSTRAINT item_kind_only CHECK (kind IN ('a', 'b')) NO INHERIT
);
ALTER TABLE shop.item ADD CONSTRAINT item_id_check CHECK (id > 0) NOT VALID;
COMMENT ON CONSTRAINT "title.filled" ON shop.item IS 'it''s required';
COMMENT ON CONSTRAINT item_kind_only ON shop.item IS 'parent only';
COMMENT ON CONSTRAINT item_id_check ON shop.item IS 'validated later';

-- a child inheriting the checks, one of them declared again on the child
CREATE TABLE shop.book (
    isbn text,
    title text CONSTRAINT "title.filled" CHECK (title <> '')
) INHERITS (shop.item);
COMMENT ON CONSTRAINT item_id_check ON shop.book IS 'the child''s own comment';
COMMENT ON CONSTRAINT "title.filled" ON shop.book IS 'merged copy';

-- a partitioned table's check, commented on a partition
CREATE TABLE shop.sale (day date NOT NULL, amount integer CONSTRAINT sale_amount CHECK (amount > 0))
    PARTITION BY RANGE (day);
CREATE TABLE shop.sale_2026 PARTITION OF shop.sale FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
COMMENT ON CONSTRAINT sale_amount ON shop.sale IS 'parent';
COMMENT ON CONSTRAINT sale_amount ON shop.sale_2026 IS 'partition';
"""


def _loaded(server, db_factory) -> tuple[str, str]:
    """(the schema loaded as it is, the schema loaded as the desired database)."""
    plain, desired = db_factory(server), db_factory(server)
    caselib.load_sql(plain, "checks.sql", CHECKS)
    caselib.load_desired(desired, CHECKS)
    return plain, desired


@pytest.mark.parametrize("version", [15, 18])
def test_the_check_round_trip_keeps_everything_but_the_text(version, servers, db_factory):
    """Catalog snapshot and pg_dump of the desired database equal a plain load's (a
    child's own copy of an inherited check, which PostgreSQL will not drop alone, does
    not stop the load)."""
    server = servers[version]
    plain, desired = _loaded(server, db_factory)
    with db.connect(plain, autocommit=True) as a, db.connect(desired, autocommit=True) as b:
        left = differences(catalog.snapshot(a, ()), catalog.snapshot(b, ()))
    assert not left
    assert pgdump.differences(pgdump.dump(server, plain), pgdump.dump(server, desired)) == []


COMMENT_CASES = [c for c in caselib.all_cases() if c.name.startswith("comment_constraint_")]


@pytest.mark.parametrize("version", [15, 18])
@pytest.mark.parametrize("case", COMMENT_CASES, ids=lambda c: c.name)
def test_a_constraint_comment_reaches_the_target_as_pg_dump_sees_it(
    case, version, servers, db_factory, tmp_path
):
    """Each comment_constraint_* case applied; pg_dump of the target equals pg_dump of
    the desired schema loaded as it is (the case test's catalog comparison alone would
    compare with the desired database, which had lost the comment too)."""
    server = servers[version]
    settings = caselib.settings_for(tmp_path)
    current, desired, reference = db_factory(server), db_factory(server), db_factory(server)
    caselib.load_sql(current, "current.sql", case.current)
    caselib.load_desired(desired, case.desired)
    caselib.load_sql(reference, "desired.sql", case.desired)
    caselib.apply_case(settings, current, desired, caselib.plan_case(settings, current, desired))
    got, wanted = pgdump.dump(server, current), pgdump.dump(server, reference)
    assert pgdump.differences(wanted, got) == []
