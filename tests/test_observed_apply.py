"""What PostgreSQL did in an apply, read in its transaction before COMMIT (the test-only
`ApplyOptions.observe` hook that `tests/test_cases.py` uses on every case), and the
declarations it proved missing, fixed: dropping a foreign key (alone, with its column
or with its table) takes ACCESS EXCLUSIVE on the table it references."""

from __future__ import annotations

from dataclasses import replace

import pytest

from schematool import db
from schematool.grammar.change import ACCESS_EXCLUSIVE, SHARE, Hazard
from tests import caselib, observe, rows

PARENT = "CREATE TABLE customers (id bigint PRIMARY KEY);\n"
CHILD = "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint{fk}, note text);\n"
HAS_N = "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'n'"
WITH_KEY = PARENT + CHILD.format(fk=" REFERENCES customers (id)")


def _planned(new_db, tmp_path, current: str, desired: str):
    current_url, desired_url = new_db(), new_db()
    caselib.load_sql(current_url, "current.sql", current)
    caselib.load_desired(desired_url, desired)
    settings = caselib.settings_for(tmp_path)
    made = caselib.plan_case(settings, current_url, desired_url, desired)
    return settings, current_url, desired_url, made


@pytest.mark.parametrize(
    "desired",
    [
        pytest.param(PARENT + CHILD.format(fk=""), id="the-key"),
        pytest.param(
            PARENT + "CREATE TABLE orders (id bigint PRIMARY KEY, note text);\n", id="its-column"
        ),
        pytest.param(PARENT, id="its-table"),
    ],
)
def test_dropping_a_foreign_key_declares_and_holds_access_exclusive_on_the_referenced_table(
    new_db, tmp_path, desired
):
    settings, current_url, desired_url, plan = _planned(new_db, tmp_path, WITH_KEY, desired)
    declared = {(lock.table, lock.mode) for step in plan.steps for lock in step.change.locks}
    assert (("rel", "public", "customers"), ACCESS_EXCLUSIVE) in declared
    before, seen = observe.Before.read(current_url), observe.Observation()
    caselib.apply_case(settings, current_url, desired_url, plan, observe=seen)
    oid = next(o for o, t in before.tables.items() if t.name == ("public", "customers"))
    assert (oid, ACCESS_EXCLUSIVE) in seen.locks  # what PostgreSQL did: the reason for it
    assert observe.check(plan, before, seen).missing == []


def test_the_observer_runs_inside_the_apply_transaction_just_before_commit(new_db, tmp_path):
    """It sees the plan's changes, which another session does not see yet, and runs once."""
    current = "CREATE TABLE t (id bigint);\n"
    desired = "CREATE TABLE t (id bigint, n integer DEFAULT random()::int);\n"
    settings, current_url, desired_url, plan = _planned(new_db, tmp_path, current, desired)
    before, seen = observe.Before.read(current_url), observe.Observation()
    outside: list[int] = []

    def watch(conn) -> None:
        seen(conn)
        with db.connect(current_url, autocommit=True) as other:
            outside.append(other.execute(HAS_N).fetchone()[0])
        assert conn.execute(HAS_N).fetchone()[0] == 1

    caselib.apply_case(settings, current_url, desired_url, plan, observe=watch)
    assert outside == [0] and seen.called == 1
    found = observe.check(plan, before, seen)
    # a volatile default fills every row: PostgreSQL rewrites t, and the plan says so
    (oid,) = [o for o, t in before.tables.items() if t.name == ("public", "t")]
    assert seen.relfilenodes[oid] != before.tables[oid].relfilenode
    assert found.missing == [] and found.over_declared == []


def test_an_over_declared_rewrite_is_reported(new_db, tmp_path):
    """A step claiming table-rewrite of a table PostgreSQL did not rewrite is a finding."""
    current = "CREATE TABLE t (id bigint, label varchar(10));\n"
    desired = "CREATE TABLE t (id bigint, label varchar(20));\n"  # no rewrite: wider varchar
    settings, current_url, desired_url, plan = _planned(new_db, tmp_path, current, desired)
    step = plan.steps[0]
    claimed = replace(step.change, hazards=(Hazard("table-rewrite", "claimed for the test"),))
    plan = replace(plan, steps=(replace(step, change=claimed),))
    before, seen = observe.Before.read(current_url), observe.Observation()
    caselib.apply_case(settings, current_url, desired_url, plan, observe=seen)
    found = observe.check(plan, before, seen)
    assert found.missing == []
    assert [line.split(" not rewritten")[0] for line in found.over_declared] == ["public.t"]


def test_rows_check_follows_a_renamed_table_and_catches_a_recreated_one(new_db):
    """`tests/rows.py`, which the cases with rows.sql rely on: a rename (same oid, new
    names) keeps the rows; a table dropped and created again under its name lost them."""
    url = new_db()
    with db.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE a (id int, v text); INSERT INTO a VALUES (1, 'x'), (2, NULL)")
        conn.execute("CREATE TABLE b (id int); INSERT INTO b VALUES (7)")
    before = rows.read(url)
    with db.connect(url, autocommit=True) as conn:
        conn.execute("ALTER TABLE a RENAME TO a2; ALTER TABLE a2 RENAME COLUMN v TO w")
        conn.execute("ALTER TABLE a2 ALTER COLUMN id TYPE bigint")
        conn.execute("DROP TABLE b; CREATE TABLE b (id int)")
    lost = rows.lost(before, rows.read(url))
    assert [line.split(":")[0] for line in lost] == ["public.b"]


def test_dropping_a_partition_declares_and_holds_access_exclusive_on_its_parent(new_db, tmp_path):
    parent = "CREATE TABLE m (region text NOT NULL) PARTITION BY LIST (region);\n"
    current = parent + "CREATE TABLE m_eu PARTITION OF m FOR VALUES IN ('eu');\n"
    settings, current_url, desired_url, plan = _planned(new_db, tmp_path, current, parent)
    declared = {(lock.table, lock.mode) for step in plan.steps for lock in step.change.locks}
    assert (("rel", "public", "m"), ACCESS_EXCLUSIVE) in declared
    before, seen = observe.Before.read(current_url), observe.Observation()
    caselib.apply_case(settings, current_url, desired_url, plan, observe=seen)
    oid = next(o for o, t in before.tables.items() if t.name == ("public", "m"))
    assert (oid, ACCESS_EXCLUSIVE) in seen.locks
    assert observe.check(plan, before, seen).missing == []


def test_a_domain_check_declares_and_holds_share_on_tables_of_the_domain_and_of_domains_over_it(
    new_db, tmp_path
):
    """ALTER DOMAIN ... ADD CONSTRAINT names no table: the target's columns of the domain,
    and of a domain based on it, say which tables PostgreSQL checks under SHARE."""
    tables = (
        "CREATE DOMAIN code AS text;\nCREATE DOMAIN short_code AS code;\n"
        "CREATE TABLE a (c code);\nCREATE TABLE m (c short_code) PARTITION BY LIST (c);\n"
        "CREATE TABLE m_x PARTITION OF m FOR VALUES IN ('x');\n"
    )
    desired = tables.replace("AS text", "AS text CHECK (VALUE <> '')")
    settings, current_url, desired_url, plan = _planned(new_db, tmp_path, tables, desired)
    declared = {(lock.table, lock.mode) for step in plan.steps for lock in step.change.locks}
    for table in ("a", "m", "m_x"):
        assert (("rel", "public", table), SHARE) in declared
    before, seen = observe.Before.read(current_url), observe.Observation()
    caselib.apply_case(settings, current_url, desired_url, plan, observe=seen)
    oid = next(o for o, t in before.tables.items() if t.name == ("public", "m_x"))
    assert (oid, SHARE) in seen.locks
    assert observe.check(plan, before, seen).missing == []
