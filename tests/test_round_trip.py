"""Expressions a plan writes load as the desired database holds them, and apply checks
them as stored (issue 22, class 2: `schematool.diff.round_trip`).

A CHECK (status IN (...)) on a varchar column deparses as
`((status)::text = ANY ((ARRAY['a'::character varying, ...])::text[]))`, which
PostgreSQL parses with a cast on each element: another tree, which pg_dump shows. The
plan writes the schema file's own text instead, and records it (`Change.written`); apply
compares what the plan wrote text for text, everything else by meaning.
"""

from __future__ import annotations

import dataclasses

import pytest

from schematool.errors import NotConverged
from schematool.grammar.change import Change
from schematool.plan.model import Plan
from tests import caselib, pgdump

CURRENT = "CREATE TABLE item (id bigint PRIMARY KEY, status varchar(20) NOT NULL);"
DESIRED = (
    "CREATE TABLE item (id bigint PRIMARY KEY, status varchar(20) NOT NULL,"
    " CONSTRAINT item_status_known CHECK (status IN ('new', 'sold')));"
)
KEY = ("constraint", "public.item.item_status_known", ("definition",))
DEPARSED = (
    "CHECK (((status)::text = ANY ((ARRAY['new'::character varying,"
    " 'sold'::character varying])::text[])))"
)


def _databases(server, db_factory) -> tuple[str, str]:
    current, desired = db_factory(server), db_factory(server)
    caselib.load_sql(current, "current.sql", CURRENT)
    caselib.load_desired(desired, DESIRED)
    return current, desired


def _with_step_sql(plan: Plan, sql: str, written: tuple) -> Plan:
    """`plan` with its ADD CONSTRAINT step running `sql` and recording `written`."""
    steps = []
    for step in plan.steps:
        if "add constraint" in step.sql:
            text = f'alter table "public"."item" add constraint "item_status_known" {sql} not valid'
            step = dataclasses.replace(
                step, change=dataclasses.replace(step.change, sql=text, written=written)
            )
        steps.append(step)
    return dataclasses.replace(plan, steps=tuple(steps))


def test_the_plan_writes_the_schema_files_text_and_records_it(each_server, db_factory, tmp_path):
    current, desired = _databases(each_server, db_factory)
    settings = caselib.settings_for(tmp_path)
    plan = caselib.plan_case(settings, current, desired, DESIRED)
    [added] = [s.change for s in plan.steps if "add constraint" in s.sql]
    assert "CHECK (status IN ('new', 'sold')) not valid" in added.sql
    assert added.written == (KEY,)
    assert plan.written == frozenset({KEY})
    caselib.apply_case(settings, current, desired, plan)
    assert pgdump.dump(each_server, current) == pgdump.dump(each_server, desired)


def test_apply_refuses_a_written_expression_that_is_stored_otherwise(
    each_server, db_factory, tmp_path
):
    """The deparsed text, applied as a written expression, leaves another tree: apply
    rolls back rather than commit what pg_dump would show differently."""
    current, desired = _databases(each_server, db_factory)
    settings = caselib.settings_for(tmp_path)
    plan = caselib.plan_case(settings, current, desired, DESIRED)
    tampered = _with_step_sql(plan, DEPARSED, (KEY,))
    with pytest.raises(NotConverged, match="item_status_known"):
        caselib.apply_case(settings, current, desired, tampered)


def test_an_expression_the_plan_did_not_write_is_compared_by_meaning(
    each_server, db_factory, tmp_path
):
    """The same text, not recorded as written (an object the plan leaves alone, or one
    no text of the files was found for): equal by meaning is equal, as before."""
    current, desired = _databases(each_server, db_factory)
    settings = caselib.settings_for(tmp_path)
    plan = caselib.plan_case(settings, current, desired, DESIRED)
    caselib.apply_case(settings, current, desired, _with_step_sql(plan, DEPARSED, ()))
    again = caselib.plan_case(settings, current, desired, DESIRED)
    assert again.is_empty
    assert pgdump.dump(each_server, current) != pgdump.dump(each_server, desired)


def test_without_the_files_the_deparsed_text_stays_and_is_not_recorded(
    each_server, db_factory, tmp_path
):
    """A plan made without the schema files (no text to write instead) keeps the
    deparsed text and records nothing: apply compares it by meaning."""
    current, desired = _databases(each_server, db_factory)
    plan = caselib.plan_case(caselib.settings_for(tmp_path), current, desired)
    [added] = [s.change for s in plan.steps if "add constraint" in s.sql]
    assert DEPARSED in added.sql
    assert added.written == ()


def test_a_saved_plan_keeps_what_each_statement_wrote(each_server, db_factory, tmp_path):
    current, desired = _databases(each_server, db_factory)
    plan = caselib.plan_case(caselib.settings_for(tmp_path), current, desired, DESIRED)
    for step in plan.steps:
        assert Change.from_json(step.change.to_json()).written == step.change.written
