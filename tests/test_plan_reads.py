"""What a plan reads: the target in one snapshot (its catalog and migra's inspection of
it), and the desired side from a kept database's records (its snapshot, and
schemainspect's inspection, recorded the first time a plan needed it)."""

from __future__ import annotations

import pickle
import secrets
from dataclasses import dataclass

import psycopg
from psycopg import sql

from schematool import db
from schematool.desired.database import DesiredDatabase, load_desired
from schematool.diff import adapter
from schematool.inspect import catalog
from schematool.plan import planner
from schematool.project.config import TOOL_SCHEMA, Settings
from schematool.project.files import SchemaFile
from tests.helpers import PYPROJECT, make_project, run

KEEPING = PYPROJECT.replace('schema = "schema"\n', 'schema = "schema"\nkeep_scratch = true\n')


def _schema() -> str:
    """A schema of several kinds, with a comment no other test's kept database holds."""
    return f"""
        CREATE TYPE mood AS ENUM ('sad', 'ok');
        CREATE TABLE t (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL CHECK (char_length(name) <= 20),
            feeling mood
        );
        CREATE INDEX t_name_idx ON t (lower(name));
        CREATE VIEW v AS SELECT id, name FROM t;
        CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 1';
        COMMENT ON TABLE t IS '{secrets.token_hex(8)}';
    """


def _inspections(monkeypatch) -> list[str]:
    """The databases schemainspect inspects from now on, by name."""
    seen: list[str] = []
    inspect = adapter._inspect

    def counted(conn, excluded):
        seen.append(conn.info.dbname)
        return inspect(conn, excluded)

    monkeypatch.setattr(adapter, "_inspect", counted)
    return seen


def _recorded(kept_url: str) -> list[tuple[str, bytes]]:
    with db.connect(kept_url, autocommit=True) as conn:
        rows = conn.execute(
            sql.SQL("SELECT key, inspection FROM {}.desired_inspection").format(
                sql.Identifier(TOOL_SCHEMA)
            )
        ).fetchall()
    return [(key, bytes(data)) for key, data in rows]


@dataclass
class _FirstPlan:
    """A project keeping its desired schema, planned once against a new target."""

    target: str
    kept: str  # the kept database's URL
    seen: list[str]  # the databases inspected since (cleared by the test)
    output: str  # the first plan's
    record: tuple[str, bytes]  # the inspection it recorded: (key, pickle)


def _planned_once(tmp_path, monkeypatch, pg, new_db) -> _FirstPlan:
    monkeypatch.chdir(tmp_path)
    target = new_db()
    monkeypatch.setenv("DATABASE_URL", target)
    make_project(tmp_path, {"schema.sql": _schema()}, KEEPING)
    assert run("render").exit_code == 0
    seen = _inspections(monkeypatch)
    first = run("plan")
    assert first.exit_code == 0, first.output
    [kept_name] = [name for name in seen if name != db.database_of(target)]
    assert sorted(seen) == sorted([db.database_of(target), kept_name])
    kept = db.with_database(pg.url, kept_name)
    [record] = _recorded(kept)
    seen.clear()
    return _FirstPlan(target, kept, seen, first.output, record)


def test_a_kept_schema_records_its_inspection_once_and_later_plans_inspect_only_the_target(
    tmp_path, monkeypatch, pg, new_db
):
    first = _planned_once(tmp_path, monkeypatch, pg, new_db)
    again = run("plan")
    assert again.exit_code == 0, again.output
    # the desired side's inspection is the recorded one
    assert first.seen == [db.database_of(first.target)]
    assert again.output == first.output
    assert _recorded(first.kept) == [first.record]


def test_a_recorded_inspection_of_another_key_or_naming_other_code_is_not_used(
    tmp_path, monkeypatch, pg, new_db
):
    """A record made under another key (another fingerprint, schemainspect, setting) is
    inspected anew and replaced; one whose pickle names anything but schemainspect's
    classes is never unpickled into code: the plan is the same."""
    first = _planned_once(tmp_path, monkeypatch, pg, new_db)
    key, data = first.record

    class Boom:
        def __reduce__(self):
            return (print, ("unpickled: code ran",))

    table = sql.SQL("{}.desired_inspection").format(sql.Identifier(TOOL_SCHEMA))
    for replaced_key, replaced_data in (("another", data), (key, pickle.dumps(Boom()))):
        with db.connect(first.kept, autocommit=True) as conn:
            conn.execute(
                sql.SQL("UPDATE {} SET key = %s, inspection = %s").format(table),
                (replaced_key, replaced_data),
            )
        first.seen.clear()
        again = run("plan")
        assert again.exit_code == 0, again.output
        assert "code ran" not in again.output
        assert sorted(first.seen) == sorted(
            [db.database_of(first.target), db.database_of(first.kept)]
        )
        assert again.output == first.output
        assert _recorded(first.kept) == [(key, data)]  # recorded anew, as the first plan did


def test_a_plan_reads_the_target_in_one_snapshot(tmp_path, new_db):
    """migra's inspection of the target reads the snapshot the catalog's reading took:
    a column another session adds meanwhile is in neither, so the plan adds it (and its
    recorded fingerprint is of the target it planned from)."""
    target, desired_url = new_db(), new_db()
    with db.connect(target, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (id int)")
    load_desired(desired_url, [SchemaFile("d.sql", "CREATE TABLE t (id int, a int);")])
    settings = Settings(tmp_path, tmp_path / "templates", tmp_path / "schema")
    desired = DesiredDatabase(desired_url, settings.excluded_schemas)
    with adapter.target_session(target, one_snapshot=True) as session:
        current = catalog.snapshot_and_fingerprint(session.conn, settings.excluded_schemas)
        with db.connect(target, autocommit=True) as other:
            other.execute("SET lock_timeout = '10s'")  # the reading holds no lock on t
            other.execute("ALTER TABLE t ADD COLUMN a int")
        try:
            made = planner.plan_changes(settings, session, desired, "d", target, current)
        finally:
            session.conn.rollback()
    planned = [step.change.sql for step in made.steps]
    assert planned == ['alter table "public"."t" add column "a" integer;']
    assert made.target_fingerprint == current[1]
    with db.connect(target, autocommit=True) as conn:
        assert made.target_fingerprint != catalog.fingerprint(conn, settings.excluded_schemas)


def test_a_target_session_for_planning_holds_one_repeatable_read_transaction(new_db):
    with adapter.target_session(new_db(), one_snapshot=True) as session:
        assert session.conn.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
        (level,) = session.conn.execute("SHOW transaction_isolation").fetchone()
        assert level == "repeatable read"
