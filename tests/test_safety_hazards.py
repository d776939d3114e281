"""Hazards on real databases and real plans.

Each hazard kind is found in a real plan and refused until allowed. Whether a type
change loses values or rewrites the table is checked against PostgreSQL itself (the
table's relfilenode, the values after the change) for every pair the classifier knows.
The plan shows the size of the tables its statements touch.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from typer.testing import CliRunner

from schematool import db, hazard_kinds
from schematool.cli import app
from schematool.errors import ExitCode
from schematool.inspect import catalog
from schematool.plan import hazards
from schematool.project.config import TOOL_SCHEMA


def _cli(root: Path, url: str, *args: str):
    with contextlib.chdir(root):
        return CliRunner().invoke(app, list(args), env={"DATABASE_URL": url, "NO_COLOR": "1"})


def _project(root: Path, schema: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text('[tool.schematool]\nschema = "schema"\n')
    (root / "schema").mkdir(exist_ok=True)
    (root / "schema" / "schema.sql").write_text(schema)
    return root


def _load(url: str, text: str) -> None:
    with db.connect(url, autocommit=True) as conn:
        conn.execute(text)


def _fingerprint(url: str) -> str:
    with db.connect(url, autocommit=True) as conn:
        return catalog.fingerprint(conn, (TOOL_SCHEMA,))


ROWS = "INSERT INTO t (id, n, note) SELECT g, g, 'note ' || g FROM generate_series(1, 500) g;"
BASE = "CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL, note varchar(50));"

# kind -> (current, desired, a piece of the statement, every kind the plan holds)
GATE = {
    "data-loss": (
        BASE + ROWS,
        "CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL);",
        'drop column "note"',
        {"data-loss"},
    ),
    "table-rewrite": (
        BASE + ROWS,
        "CREATE TABLE t (id int PRIMARY KEY, n bigint NOT NULL, note varchar(50));",
        'alter column "n" set data type bigint',
        {"table-rewrite", "blocking-lock"},
    ),
    "blocking-lock": (
        BASE + ROWS,
        BASE + "CREATE INDEX t_n_idx ON t (n);",
        "CREATE INDEX t_n_idx ON public.t",
        {"blocking-lock"},
    ),
    "index-dropped": (
        BASE + "CREATE INDEX t_n_idx ON t (n);" + ROWS,
        BASE,
        'drop index if exists "public"."t_n_idx"',
        {"index-dropped"},
    ),
    "authz-change": (
        BASE + ROWS,
        BASE + "GRANT SELECT ON t TO case_reader;",
        "GRANT SELECT ON TABLE public.t TO case_reader",
        {"authz-change"},
    ),
    "untracked-dependency": (
        BASE + ROWS + "CREATE FUNCTION total() RETURNS bigint LANGUAGE plpgsql"
        " AS $$ BEGIN RETURN (SELECT sum(n) FROM t); END $$;",
        BASE + "CREATE FUNCTION total() RETURNS bigint LANGUAGE plpgsql"
        " AS $$ BEGIN RETURN (SELECT sum(n) + 1 FROM t); END $$;",
        "total()",
        {"untracked-dependency"},
    ),
    "rename": (
        BASE + ROWS,
        "CREATE TABLE t (\n    id int PRIMARY KEY,\n    n int NOT NULL,\n"
        "    remark varchar(50) -- schematool: renamed from note\n);",
        "ALTER TABLE public.t RENAME COLUMN note TO remark",
        {"rename"},
    ),
    "replication-break": (
        BASE + ROWS + "CREATE PUBLICATION feed FOR TABLE t;",
        BASE,
        "DROP PUBLICATION feed",
        {"replication-break"},
    ),
}


def test_every_hazard_kind_has_a_real_example():
    # fails-on-data cannot be allowed into a successful apply (PostgreSQL refuses the
    # statement): its refusal, and the apply once the rows fit, are test_data_checks.py's
    assert set(GATE) | {hazard_kinds.FAILS_ON_DATA} == set(hazard_kinds.KINDS)


@pytest.mark.parametrize("kind", list(GATE))
def test_each_hazard_is_refused_until_allowed(kind, new_db, tmp_path):
    current, desired, statement, present = GATE[kind]
    url = new_db()
    _load(url, current)
    root = _project(tmp_path, desired)
    before = _fingerprint(url)
    others = ",".join(k for k in hazard_kinds.KINDS if k != kind)
    refused = _cli(root, url, "apply", "--yes", "--allow-hazards", others)
    assert refused.exit_code == ExitCode.REFUSED, refused.output
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1, refused.stderr
    message = lines[0]
    assert message.startswith("error: plan holds hazards that were not allowed: statement ")
    assert f"({kind}): " in message and statement in message
    assert message.endswith(f"to run it, add --allow-hazards {kind}")
    assert _fingerprint(url) == before
    allowed = _cli(root, url, "apply", "--yes", "--allow-hazards", ",".join(sorted(present)))
    assert allowed.exit_code == 0, allowed.output
    given = f"allowed: {' '.join(f'--allow-hazards {k}' for k in sorted(present))}"
    assert given in allowed.stdout  # exactly these kinds, so nothing else was needed
    assert "apply needs" not in allowed.stdout  # nothing it was given is still needed
    assert "applied" in allowed.stdout


# -- type changes: the classifier against PostgreSQL ---------------------------------------

# old type, new type, a value of the old type that shows a loss if there is one
TYPE_CHANGES = [
    ("varchar(10)", "varchar(50)", "'abcdefghij'"),
    ("varchar(10)", "text", "'abcdefghij'"),
    ("varchar(10)", "varchar", "'abcdefghij'"),
    ("text", "varchar", "'a long piece of text'"),
    ("varchar(50)", "varchar(10)", "'a value longer than ten'"),
    ("text", "varchar(10)", "'a value longer than ten'"),
    ("char(5)", "char(10)", "'abc'"),
    ("char(10)", "char(5)", "'abcdefgh'"),
    ("numeric(10,2)", "numeric(12,2)", "12345678.91"),
    ("numeric(10,2)", "numeric", "12345678.91"),
    ("numeric(10,2)", "numeric(12,4)", "12345678.91"),
    ("numeric(10,2)", "numeric(8,2)", "12345678.91"),
    ("numeric(10,2)", "numeric(10,1)", "12.34"),
    ("numeric", "numeric(10,2)", "1.005"),
    ("smallint", "integer", "32767"),
    ("integer", "bigint", "2147483647"),
    ("bigint", "integer", "2147483648"),
    ("integer", "numeric", "2147483647"),
    ("integer", "numeric(12,2)", "2147483647"),
    ("integer", "numeric(6,0)", "2147483647"),
    ("integer", "double precision", "2147483647"),
    ("bigint", "double precision", "9007199254740993"),
    ("real", "double precision", "0.1"),
    ("double precision", "real", "0.1"),
    ("integer", "text", "42"),
    ("timestamp(3)", "timestamp(6)", "'2024-01-01 12:00:00.123'"),
    ("timestamp(6)", "timestamp(3)", "'2024-01-01 12:00:00.123456'"),
    ("timestamp(3)", "timestamp", "'2024-01-01 12:00:00.123'"),
    ("interval(3)", "interval", "'1.123 seconds'"),
    ("bit varying(5)", "bit varying(10)", "B'10101'"),
    ("json", "jsonb", """'{"a": 1, "a": 2}'"""),
    ("jsonb", "json", """'{"a": 1}'"""),
    ("text[]", "varchar[]", "ARRAY['a']"),
    ("varchar(10)[]", "varchar(5)[]", "ARRAY['abcdefghij']"),
    ("text", "integer", "'12'"),
]


def _what_postgresql_does(conn: psycopg.Connection, old: str, new: str, value: str):
    """(format_type of old, of new, values lost or rejected, table rewritten). A value is
    lost when, converted back to the old type, it no longer reads as it did."""
    conn.execute("DROP TABLE IF EXISTS tc")
    conn.execute(f"CREATE TABLE tc (c {old}, orig {old})")
    conn.execute(f"INSERT INTO tc VALUES ({value}, {value})")
    old_type, relfile = _type_and_file(conn)
    try:
        with conn.transaction():
            conn.execute(f'ALTER TABLE tc ALTER COLUMN c SET DATA TYPE {new} USING "c"::{new}')
    except psycopg.Error:  # the value was rejected: change the empty table instead
        with conn.transaction():
            conn.execute("DELETE FROM tc")
            conn.execute(f'ALTER TABLE tc ALTER COLUMN c SET DATA TYPE {new} USING "c"::{new}')
        lost = True
    else:
        (lost,) = conn.execute(
            f"SELECT c::{old}::text IS DISTINCT FROM orig::text FROM tc"
        ).fetchone()
    new_type, new_relfile = _type_and_file(conn)
    return old_type, new_type, lost, new_relfile != relfile


def _type_and_file(conn: psycopg.Connection) -> tuple[str, int]:
    return conn.execute(
        "SELECT format_type(atttypid, atttypmod), pg_relation_filenode('tc') FROM pg_attribute"
        " WHERE attrelid = 'tc'::regclass AND attname = 'c'"
    ).fetchone()


@pytest.fixture(scope="module")
def scratchpads(servers) -> Iterator[list[tuple[int, psycopg.Connection]]]:
    """A connection to a throwaway database on every test server."""
    made = []
    for server in servers.values():
        name = "types_" + secrets.token_hex(4)
        with db.connect(server.url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        conn = db.connect(db.with_database(server.url, name), autocommit=True)
        conn.execute("SET TimeZone = 'UTC'")
        made.append((server, name, conn))
    yield [(server.version, conn) for server, _, conn in made]
    for server, name, conn in made:
        conn.close()
        with db.connect(server.url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.mark.parametrize(
    ("old", "new", "value"), TYPE_CHANGES, ids=[f"{o}->{n}" for o, n, _ in TYPE_CHANGES]
)
def test_type_change_hazards_match_what_postgresql_does(scratchpads, old, new, value):
    for version, conn in scratchpads:
        old_type, new_type, lost, rewritten = _what_postgresql_does(conn, old, new, value)
        loses, rewrites = hazards.type_change(old_type, new_type)
        # a loss predicted where this value shows none is fine (another value would lose);
        # a loss PostgreSQL shows must be predicted; the rewrite must be exactly right
        assert loses or not lost, f"pg{version}: {old_type} -> {new_type} loses {value}"
        assert rewrites == rewritten, f"pg{version}: {old_type} -> {new_type} rewrite"


def test_safe_column_changes_carry_no_hazard_and_narrowing_ones_do(new_db, tmp_path):
    url = new_db()
    _load(
        url,
        """
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
        CREATE TABLE c (
            id int PRIMARY KEY,
            with_default int DEFAULT 0,
            required text NOT NULL,
            short varchar(10), long varchar(50), free varchar(10),
            price numeric(10,2), cost numeric(10,2), amount numeric(10,2),
            feeling mood, grade mood
        );
        CREATE TABLE d (id int PRIMARY KEY, state mood);
        INSERT INTO c (id, required) VALUES (1, 'x');
    """,
    )
    root = _project(
        tmp_path,
        """
        CREATE TYPE mood AS ENUM ('sad', 'happy');
        CREATE TABLE c (
            id int PRIMARY KEY,
            with_default int,
            required text,
            short varchar(50), long varchar(10), free text,
            price numeric(12,2), cost numeric(8,2), amount numeric,
            feeling mood, grade mood,
            added text
        );
        CREATE TABLE d (id int PRIMARY KEY, state mood);
    """,
    )
    result = _cli(root, url, "plan", "--format", "json")
    assert result.exit_code == 0, result.output
    steps = {
        " ".join(s["sql"].split()): tuple(h["kind"] for h in s["hazards"])
        for s in json.loads(result.stdout)["steps"]
    }

    def hazards_of(*pieces: str) -> tuple[str, ...]:
        found = [h for sql, h in steps.items() if all(p.lower() in sql.lower() for p in pieces)]
        assert len(found) == 1, (pieces, list(steps))
        return found[0]

    none: tuple[str, ...] = ()
    assert hazards_of('"with_default" drop default') == none
    assert hazards_of('"required" drop not null') == none
    assert hazards_of('add column "added" text') == none
    assert hazards_of('"short" set data type character varying(50)') == none
    assert hazards_of('"free" set data type text') == none
    assert hazards_of('"price" set data type numeric(12,2)') == none
    assert hazards_of('"amount" set data type numeric ') == none
    lossy = ("data-loss", "table-rewrite", "blocking-lock")
    assert hazards_of('"long" set data type character varying(10)') == lossy
    assert hazards_of('"cost" set data type numeric(8,2)') == lossy
    # an enum losing a label: every column of it converts (data-loss), the old type goes
    assert hazards_of('"c" alter column feeling') == lossy
    assert hazards_of('"d" alter column state') == lossy
    assert hazards_of("drop type", "mood__old_version_to_be_dropped") == ("data-loss",)


def test_an_enum_gaining_a_label_carries_no_hazard(new_db, tmp_path):
    url = new_db()
    _load(url, "CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE TABLE d (id int, state mood);")
    root = _project(
        tmp_path,
        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE d (id int, state mood);",
    )
    result = _cli(root, url, "plan", "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    (only,) = [" ".join(s["sql"].lower().split()) for s in plan["steps"]]
    assert only.startswith("alter type") and "add value 'ok'" in only
    assert plan["hazards"] == []


# -- sizes ---------------------------------------------------------------------------------


def test_plan_shows_the_size_of_the_tables_it_touches(new_db, tmp_path):
    url = new_db()
    _load(
        url,
        """
        CREATE TABLE big (id int PRIMARY KEY, n int);
        INSERT INTO big SELECT g, g FROM generate_series(1, 20000) g;
        ANALYZE big;
        CREATE TABLE empty (id int PRIMARY KEY, n int);
        CREATE TABLE unknown (id int PRIMARY KEY, n int) WITH (autovacuum_enabled = false);
        INSERT INTO unknown VALUES (1, 1);
    """,
    )
    root = _project(
        tmp_path,
        """
        CREATE TABLE big (id int PRIMARY KEY, n bigint);
        CREATE TABLE empty (id int PRIMARY KEY, n bigint);
        CREATE TABLE unknown (id int PRIMARY KEY, n int, note text) WITH (autovacuum_enabled = false);
    """,
    )
    shown = _cli(root, url, "plan")
    assert shown.exit_code == 0, shown.output
    text = shown.stdout
    assert "tables touched (estimates from the target's statistics):" in text
    big = next(line for line in text.splitlines() if line.strip().startswith("public.big "))
    assert "~20,000 rows" in big and " MB" in big and "(table-rewrite, blocking-lock)" in big
    empty = next(line for line in text.splitlines() if line.strip().startswith("public.empty "))
    assert "~0 rows" in empty and "(table-rewrite, blocking-lock)" in empty
    assert "public.unknown rows unknown (never analyzed)" in text
    as_json = _cli(root, url, "plan", "--format", "json")
    steps = json.loads(as_json.stdout)["steps"]
    sizes = {t["name"]: t for s in steps for t in s.get("tables", [])}
    assert sizes["public.big"]["rows"] == 20000 and sizes["public.big"]["bytes"] > 400_000
    assert sizes["public.empty"]["rows"] == 0
    assert sizes["public.unknown"]["rows"] is None
    # a saved plan keeps them, and its hash covers them
    saved = _cli(root, url, "plan", "--out", str(tmp_path / "p.json"))
    assert saved.exit_code == 0
    assert os.path.getsize(tmp_path / "p.json") > 0
    from schematool.plan.model import load_plan

    assert load_plan(tmp_path / "p.json").steps[0].tables
