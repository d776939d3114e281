"""Renames and conversions on the platform schema with the sample data (issue 14).

Each kind that PostgreSQL renames is renamed on a copy of the platform database holding
tests/data/sample_data.sql: the plan renames instead of dropping, every row and value is
kept (checksums of every table, materialized view and sequence before and after), the
history records the rename, the next plan is empty with the annotation left in place
(and without it), and once both names exist the annotation is refused with one line that
names them. The platform has no view, materialized view, sequence, type, domain or enum
of its own: those cases add one over the sample data (a table filled from the sample
rows, a view over `title`) to both sides.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

import psycopg
import pytest

from schematool import db
from schematool.errors import ExitCode
from tests.helpers import run

# slow (each kind of rename on the sample data, both servers): CI runs them (`pytest -m slow`), the default run does not
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent

PYPROJECT = """\
[project]
name = "renames"
version = "0"

[tool.schematool]
schema = "schema"
exclude_schemas = []
"""

MOODS = """
CREATE TYPE audiobooks.{type} AS ENUM (
    'calm',
    {tense}
);
CREATE TABLE audiobooks.title_mood (
    title_id bigint PRIMARY KEY REFERENCES audiobooks.title (id),
    mood audiobooks.{type} NOT NULL
);
"""
MOOD_ROWS = """
INSERT INTO audiobooks.title_mood
SELECT id, CASE WHEN id % 2 = 0 THEN 'calm' ELSE 'tense' END::audiobooks.listening_mood
FROM audiobooks.title;
"""


@dataclass(frozen=True)
class Rename:
    """One rename on the platform: what the target gets besides the sample data, what
    the schema files say, and how the kept data is named afterwards."""

    kind: str
    old: str  # as the one-line conflict error names it
    new: str
    holds: str  # the table whose rows the renamed object names, reads or holds
    edits: tuple[tuple[str, str, str], ...] = ()  # (schema file, text, replaced by)
    extra_target: str = ""  # SQL run on the target (old names), with its rows
    extra_desired: str = ""  # schema/zz_extra.sql of the desired schema (new names)
    recreate_old: str = ""  # SQL that makes the old name exist again next to the new one
    moved: dict[str, str] = field(default_factory=dict)  # relation old -> new identity
    relabel: tuple[str, str] | None = None  # an enum label old -> new in the rows


RENAMES = [
    Rename(
        "schema",
        "reports",
        "reporting",
        "reports.title_snapshot",
        extra_target="""
            CREATE SCHEMA reports;
            CREATE TABLE reports.title_snapshot (title_id bigint PRIMARY KEY, asin text NOT NULL);
            INSERT INTO reports.title_snapshot SELECT id, asin FROM audiobooks.title;
        """,
        extra_desired="""
            -- schematool: renamed from reports
            CREATE SCHEMA reporting;
            CREATE TABLE reporting.title_snapshot (title_id bigint PRIMARY KEY, asin text NOT NULL);
        """,
        recreate_old="CREATE SCHEMA reports;",
        moved={"reports.title_snapshot": "reporting.title_snapshot"},
    ),
    Rename(
        "table",
        "audiobooks.series",
        "audiobooks.book_series",
        "audiobooks.series",
        edits=(
            ("catalog/series.sql", "audiobooks.series", "audiobooks.book_series"),
            (
                "catalog/series.sql",
                "CREATE TABLE audiobooks.book_series (",
                "-- schematool: renamed from series\nCREATE TABLE audiobooks.book_series (",
            ),
            ("catalog/title_series.sql", "audiobooks.series (id)", "audiobooks.book_series (id)"),
        ),
        recreate_old="CREATE TABLE audiobooks.series (id bigint);",
        moved={
            "audiobooks.series": "audiobooks.book_series",
            "audiobooks.series_id_seq": "audiobooks.book_series_id_seq",
        },
    ),
    Rename(
        "column",
        "note",
        "personal_note",
        "audiobooks.library_item",
        edits=(
            (
                "library/library_item.sql",
                "    note text CHECK (char_length(note) BETWEEN 1 AND 5000),",
                "    personal_note text CHECK (char_length(personal_note) BETWEEN 1 AND 5000),"
                " -- schematool: renamed from note",
            ),
            ("library/library_item.sql", "library_item.note IS", "library_item.personal_note IS"),
        ),
        recreate_old="ALTER TABLE audiobooks.library_item ADD COLUMN note text;",
    ),
    Rename(
        "view",
        "audiobooks.title_names",
        "audiobooks.title_labels",
        "audiobooks.title",
        extra_target="CREATE VIEW audiobooks.title_names AS SELECT id, asin FROM audiobooks.title;",
        extra_desired="""
            -- schematool: renamed from title_names
            CREATE VIEW audiobooks.title_labels AS SELECT id, asin FROM audiobooks.title;
        """,
        recreate_old="CREATE VIEW audiobooks.title_names AS SELECT 1 AS one;",
    ),
    Rename(
        "materialized view",
        "audiobooks.titles_per_marketplace",
        "audiobooks.marketplace_title_counts",
        "audiobooks.titles_per_marketplace",
        extra_target="""
            CREATE MATERIALIZED VIEW audiobooks.titles_per_marketplace AS
                SELECT marketplace_id, count(*) AS titles FROM audiobooks.title
                GROUP BY marketplace_id;
        """,
        extra_desired="""
            -- schematool: renamed from titles_per_marketplace
            CREATE MATERIALIZED VIEW audiobooks.marketplace_title_counts AS
                SELECT marketplace_id, count(*) AS titles FROM audiobooks.title
                GROUP BY marketplace_id;
        """,
        recreate_old="CREATE MATERIALIZED VIEW audiobooks.titles_per_marketplace AS SELECT 1;",
        moved={"audiobooks.titles_per_marketplace": "audiobooks.marketplace_title_counts"},
    ),
    Rename(
        "index",
        "audiobooks.series_name_idx",
        "audiobooks.series_lower_name_idx",
        "audiobooks.series",
        edits=(
            (
                "catalog/series.sql",
                "CREATE INDEX series_name_idx",
                "-- schematool: renamed from series_name_idx\nCREATE INDEX series_lower_name_idx",
            ),
        ),
        recreate_old="CREATE INDEX series_name_idx ON audiobooks.series (name);",
    ),
    Rename(
        "constraint",
        "list_tier_label_key",
        "list_tier_label_unique",
        "audiobooks.list_tier",
        edits=(
            (
                "lists/list.sql",
                "CONSTRAINT list_tier_label_key UNIQUE (list_id, label) DEFERRABLE"
                " INITIALLY IMMEDIATE,",
                "CONSTRAINT list_tier_label_unique UNIQUE (list_id, label) DEFERRABLE"
                " INITIALLY IMMEDIATE, -- schematool: renamed from list_tier_label_key",
            ),
        ),
        recreate_old=(
            "ALTER TABLE audiobooks.list_tier ADD CONSTRAINT list_tier_label_key"
            " CHECK (label IS NOT NULL);"
        ),
    ),
    Rename(
        "sequence",
        "audiobooks.receipt_number_seq",
        "audiobooks.invoice_number_seq",
        "audiobooks.receipt_number_seq",
        extra_target="""
            CREATE SEQUENCE audiobooks.receipt_number_seq;
            SELECT setval('audiobooks.receipt_number_seq', (SELECT count(*) FROM audiobooks.title));
        """,
        extra_desired="""
            -- schematool: renamed from receipt_number_seq
            CREATE SEQUENCE audiobooks.invoice_number_seq;
        """,
        recreate_old="CREATE SEQUENCE audiobooks.receipt_number_seq;",
        moved={"audiobooks.receipt_number_seq": "audiobooks.invoice_number_seq"},
    ),
    Rename(
        "type",
        "audiobooks.listening_mood",
        "audiobooks.title_mood_kind",
        "audiobooks.title_mood",
        extra_target=MOODS.format(type="listening_mood", tense="'tense'") + MOOD_ROWS,
        extra_desired="-- schematool: renamed from listening_mood"
        + MOODS.format(type="title_mood_kind", tense="'tense'"),
        recreate_old="CREATE TYPE audiobooks.listening_mood AS ENUM ('calm');",
    ),
    Rename(
        "domain",
        "audiobooks.asin_code",
        "audiobooks.audible_asin",
        "audiobooks.wanted_asin",
        extra_target="""
            CREATE DOMAIN audiobooks.asin_code AS text CHECK (VALUE ~ '^[0-9A-Z]{10}$');
            CREATE TABLE audiobooks.wanted_asin (asin audiobooks.asin_code PRIMARY KEY);
            INSERT INTO audiobooks.wanted_asin SELECT asin FROM audiobooks.title;
        """,
        extra_desired="""
            -- schematool: renamed from asin_code
            CREATE DOMAIN audiobooks.audible_asin AS text CHECK (VALUE ~ '^[0-9A-Z]{10}$');
            CREATE TABLE audiobooks.wanted_asin (asin audiobooks.audible_asin PRIMARY KEY);
        """,
        recreate_old="CREATE DOMAIN audiobooks.asin_code AS text;",
    ),
    Rename(
        "enum value",
        "'tense'",
        "'gripping'",
        "audiobooks.title_mood",
        extra_target=MOODS.format(type="listening_mood", tense="'tense'") + MOOD_ROWS,
        extra_desired=MOODS.format(
            type="listening_mood", tense="'gripping' -- schematool: renamed from 'tense'"
        ),
        recreate_old="ALTER TYPE audiobooks.listening_mood ADD VALUE 'tense';",
        relabel=("tense", "gripping"),
    ),
    Rename(
        "function",
        "audiobooks.catalog_size",
        "audiobooks.title_count",
        "audiobooks.title",
        extra_target="""
            CREATE FUNCTION audiobooks.catalog_size() RETURNS bigint LANGUAGE sql STABLE
                AS 'SELECT count(*) FROM audiobooks.title';
        """,
        extra_desired="""
            -- schematool: renamed from catalog_size
            CREATE FUNCTION audiobooks.title_count() RETURNS bigint LANGUAGE sql STABLE
                AS 'SELECT count(*) FROM audiobooks.title';
        """,
        recreate_old="CREATE FUNCTION audiobooks.catalog_size() RETURNS int LANGUAGE sql"
        " AS 'SELECT 1';",
    ),
]


@pytest.fixture
def platform_url(pg, platform_db: psycopg.Connection) -> str:
    """The URL of a fresh copy of the platform database with the sample data."""
    return db.with_database(pg.url, platform_db.info.dbname)


def _project(root: Path, rename: Rename, *, annotated: bool = True) -> Path:
    """A project whose schema folder is the platform's, renamed as `rename` says."""
    (root / "pyproject.toml").write_text(PYPROJECT)
    schema = root / "schema"
    if schema.exists():
        shutil.rmtree(schema)
    shutil.copytree(ROOT / "schema", schema)
    for name, old, new in rename.edits:
        path = schema / name
        text = path.read_text()
        assert old in text, f"{name}: {old!r} not found"
        path.write_text(text.replace(old, new))
    if rename.extra_desired:
        (schema / "zz_extra.sql").write_text(rename.extra_desired)
    if not annotated:
        for path in schema.rglob("*.sql"):
            lines = path.read_text().splitlines(keepends=True)
            kept = [_strip_annotation(line) for line in lines]
            path.write_text("".join(line for line in kept if line is not None))
    return schema


def _strip_annotation(line: str) -> str | None:
    """The line without its `-- schematool:` comment (None: the line was only that)."""
    at = line.find("-- schematool:")
    if at < 0:
        return line
    kept = line[:at].rstrip()
    return kept + "\n" if kept else None


def _checksums(url: str, rename: Rename) -> dict[str, tuple[int, str]]:
    """Every table's, materialized view's and sequence's data, hashed, by identity
    (renamed relations by their new name; rows read as values, so a renamed column
    keeps its checksum; a renamed enum label read as its new name)."""
    found = {}
    with db.connect(url) as conn:
        relations = conn.execute(
            "SELECT c.oid::regclass::text, c.relkind::text FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'm', 'S') AND n.nspname NOT LIKE 'pg\\_%'"
            " AND n.nspname NOT IN ('information_schema', 'schematool')"
        ).fetchall()
        for name, relkind in relations:
            query = (
                f"SELECT last_value::text || ' ' || is_called::text FROM {name}"
                if relkind == "S"
                else f"SELECT t::text FROM {name} t"
            )
            rows = sorted(row[0] for row in conn.execute(query))
            if rename.relabel:
                rows = sorted(r.replace(*rename.relabel) for r in rows)
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            found[rename.moved.get(name, name)] = (len(rows), digest)
    return found


def _plan(url: str, schema: Path):
    return run("plan", "--database-url", url, "--schema-dir", str(schema), "--format", "json")


def _run_sql(url: str, text: str) -> None:
    with db.connect(url, autocommit=True) as conn, conn.transaction():
        conn.execute(text.encode())


@pytest.mark.parametrize("rename", RENAMES, ids=[r.kind.replace(" ", "_") for r in RENAMES])
def test_an_annotated_rename_keeps_the_sample_data_and_is_harmless_afterwards(
    rename, platform_url, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    if rename.extra_target:
        _run_sql(platform_url, rename.extra_target)
    schema = _project(tmp_path, rename)
    before = _checksums(platform_url, rename)
    held = rename.moved.get(rename.holds, rename.holds)
    assert before[held][0] > 0, f"{rename.holds} holds no sample rows"

    planned = _plan(platform_url, schema)
    assert planned.exit_code == 0, planned.output
    steps = json.loads(planned.stdout)["steps"]
    kinds = {h["kind"] for step in steps for h in step["hazards"]}
    assert "rename" in kinds and "data-loss" not in kinds, steps
    renames = [s["sql"] for s in steps if s["source"] == "renames"]
    assert renames and all(" RENAME " in text for text in renames)
    assert not [s["sql"] for s in steps if s["action"] == "drop"], steps

    unallowed = run("apply", "--database-url", platform_url, "--schema-dir", str(schema), "--yes")
    assert unallowed.exit_code == ExitCode.REFUSED, unallowed.output
    assert "--allow-hazards rename" in unallowed.stderr, unallowed.stderr
    applied = run(
        "apply", "--database-url", platform_url, "--schema-dir", str(schema),
        "--allow-hazards", "rename", "--yes",
    )  # fmt: skip
    assert applied.exit_code == 0, applied.output
    assert _checksums(platform_url, rename) == before

    with db.connect(platform_url) as conn:
        (recorded,) = conn.execute(
            "SELECT renames FROM schematool.history WHERE outcome = 'applied'"
        ).fetchone()
    assert recorded[0]["kind"] == rename.kind
    assert rename.new.split(".")[-1] in recorded[0]["to"]

    # the annotation left in place plans nothing, nor does the schema without it
    for folder in (schema, _project(tmp_path, rename, annotated=False)):
        again = run(
            "plan", "--database-url", platform_url, "--schema-dir", str(folder), "--exit-code"
        )
        assert again.exit_code == ExitCode.OK and "no changes" in again.output, again.output

    # the old name back beside the new one: the annotation is refused, naming both
    schema = _project(tmp_path, rename)
    _run_sql(platform_url, rename.recreate_old)
    refused = _plan(platform_url, schema)
    assert refused.exit_code == ExitCode.ERROR, refused.output
    message = refused.stderr.strip()
    assert message.startswith("error: ") and "\n" not in message, message
    assert rename.old.split(".")[-1] in message and rename.new.split(".")[-1] in message
    assert "holds both" in message


UNANNOTATED = [
    (RENAMES[2], "drop column audiobooks.library_item.note", "renamed from note"),
    (RENAMES[1], "drop table audiobooks.series", "renamed from series"),
    (RENAMES[10], "drop enum value audiobooks.listening_mood 'tense'", "renamed from 'tense'"),
]


@pytest.mark.parametrize(
    ("rename", "dropped", "annotation"),
    UNANNOTATED,
    ids=[r.kind.replace(" ", "_") for r, _, _ in UNANNOTATED],
)
def test_a_drop_and_add_that_looks_like_a_rename_is_said_and_repeated_by_apply(
    rename, dropped, annotation, platform_url, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    if rename.extra_target:
        _run_sql(platform_url, rename.extra_target)
    schema = _project(tmp_path, rename, annotated=False)
    before = _checksums(platform_url, replace(rename, moved={}, relabel=None))
    shown = run("plan", "--database-url", platform_url, "--schema-dir", str(schema))
    assert shown.exit_code == 0, shown.output
    beside = [line for line in shown.stdout.splitlines() if "likely a rename" in line]
    assert len(beside) == 1, shown.stdout
    assert dropped in beside[0] and f"`-- schematool: {annotation}`" in beside[0], beside
    if rename.kind != "enum value":  # where it goes: the new object's file and line
        assert ".sql:" in beside[0], beside

    refused = run("apply", "--database-url", platform_url, "--schema-dir", str(schema), "--yes")
    assert refused.exit_code == ExitCode.REFUSED, refused.output
    message = refused.stderr.strip()
    assert "--allow-hazards data-loss" in message and "\n" not in message, message
    assert "likely a rename: statement" in message and dropped in message, message
    assert f"`-- schematool: {annotation}`" in message, message
    assert _checksums(platform_url, replace(rename, moved={}, relabel=None)) == before


def test_an_index_dropped_and_added_like_it_is_said_to_be_a_likely_rename(
    platform_url, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    schema = _project(tmp_path, RENAMES[5], annotated=False)
    shown = run("plan", "--database-url", platform_url, "--schema-dir", str(schema))
    beside = [line for line in shown.stdout.splitlines() if "likely a rename" in line]
    assert len(beside) == 1, shown.stdout
    assert (
        "drop index audiobooks.series_name_idx and add audiobooks.series_lower_name_idx"
        in (beside[0])
    )
    assert "`-- schematool: renamed from series_name_idx` on the line directly above" in beside[0]
    shown = _plan(platform_url, schema)
    (suggestion,) = json.loads(shown.stdout)["suggestions"]
    assert suggestion["kind"] == "index" and suggestion["where"].endswith("series.sql:11)")


def test_a_saved_rename_plan_applies_exactly(platform_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rename = RENAMES[2]
    schema = _project(tmp_path, rename)
    before = _checksums(platform_url, rename)
    saved = tmp_path / "plan.json"
    made = run(
        "plan", "--database-url", platform_url, "--schema-dir", str(schema), "--out", str(saved)
    )
    assert made.exit_code == 0, made.output
    applied = run(
        "apply", "--database-url", platform_url, "--schema-dir", str(schema),
        "--plan", str(saved), "--allow-hazards", "rename", "--yes",
    )  # fmt: skip
    assert applied.exit_code == 0, applied.output
    with db.connect(platform_url) as conn:
        (executed, recorded) = conn.execute(
            "SELECT statements, renames FROM schematool.history WHERE outcome = 'applied'"
        ).fetchone()
    steps = json.loads(saved.read_text())["steps"]
    assert executed == [step["sql"] for step in steps]
    assert [(r["kind"], r["from"], r["to"]) for r in recorded] == [
        ("column", "audiobooks.library_item.note", "audiobooks.library_item.personal_note"),
        (
            "constraint",
            "audiobooks.library_item.library_item_note_check",
            "audiobooks.library_item.library_item_personal_note_check",
        ),
    ]
    assert recorded[0]["because"] == "schema/library/library_item.sql:32"
    assert _checksums(platform_url, rename) == before


OLD_HISTORY = """
CREATE SCHEMA IF NOT EXISTS schematool;
CREATE TABLE IF NOT EXISTS schematool.history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at timestamptz NOT NULL,
    applied_by text NOT NULL DEFAULT current_user,
    client text NOT NULL,
    tool_version text NOT NULL,
    plan_hash text NOT NULL,
    statements jsonb NOT NULL,
    duration_ms integer NOT NULL CHECK (duration_ms >= 0),
    outcome text NOT NULL CHECK (outcome IN ('applied', 'failed')),
    error text
);
INSERT INTO schematool.history (started_at, client, tool_version, plan_hash, statements,
    duration_ms, outcome) VALUES (now(), 'earlier', '0.1', 'abc', '[]', 1, 'applied');
"""


def test_a_history_table_of_an_earlier_version_gets_its_renames_column(
    platform_url, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    _run_sql(platform_url, OLD_HISTORY)
    schema = _project(tmp_path, RENAMES[2])
    applied = run(
        "apply", "--database-url", platform_url, "--schema-dir", str(schema),
        "--allow-hazards", "rename", "--yes",
    )  # fmt: skip
    assert applied.exit_code == 0, applied.output
    with db.connect(platform_url) as conn:
        rows = conn.execute(
            "SELECT client, jsonb_array_length(renames) FROM schematool.history ORDER BY id"
        ).fetchall()
    assert rows[0] == ("earlier", 0) and rows[1][1] == 2, rows
    shown = run("history", "--database-url", platform_url)
    assert shown.exit_code == 0 and "2 rename(s)" in shown.stdout, shown.output


def test_a_misplaced_annotation_stops_the_plan_with_its_file_and_line(
    platform_url, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    schema = _project(tmp_path, RENAMES[2], annotated=False)
    path = schema / "catalog" / "series.sql"
    path.write_text(path.read_text() + "\n-- schematool: renamed from old_series\n")
    refused = _plan(platform_url, schema)
    assert refused.exit_code == ExitCode.ERROR, refused.output
    assert refused.stderr.startswith("error: schema/catalog/series.sql:")
    assert "stands beside nothing" in refused.stderr and refused.stderr.count("\n") == 1


USING_TARGET = """
CREATE TABLE audiobooks.title_runtime (
    title_id bigint PRIMARY KEY REFERENCES audiobooks.title (id),
    minutes text,
    checked_at timestamp NOT NULL
);
INSERT INTO audiobooks.title_runtime
SELECT id, CASE WHEN id % 3 = 0 THEN '' ELSE ' ' || (id * 7) || ' ' END,
       timestamp '2024-03-30 12:00' + id * interval '1 hour'
FROM audiobooks.title;
"""
USING_DESIRED = """
CREATE TABLE audiobooks.title_runtime (
    title_id bigint PRIMARY KEY REFERENCES audiobooks.title (id),
    minutes integer, -- schematool: using nullif(btrim(minutes), '')::integer
    checked_at timestamptz NOT NULL -- schematool: using checked_at AT TIME ZONE 'Europe/Berlin'
);
"""


def test_a_stated_conversion_converts_the_sample_rows_and_plans_nothing_afterwards(
    platform_url, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    _run_sql(platform_url, USING_TARGET)
    schema = _project(tmp_path, replace(RENAMES[2], edits=(), extra_desired=USING_DESIRED))
    with db.connect(platform_url) as conn:
        conn.execute("SET TIME ZONE 'UTC'")
        expected = conn.execute(
            "SELECT title_id, nullif(btrim(minutes), '')::integer,"
            " checked_at AT TIME ZONE 'Europe/Berlin' FROM audiobooks.title_runtime ORDER BY 1"
        ).fetchall()
    assert len(expected) > 0
    planned = _plan(platform_url, schema)
    assert planned.exit_code == 0, planned.output
    usings = [s["sql"] for s in json.loads(planned.stdout)["steps"] if " USING " in s["sql"]]
    assert sorted(text.split(" USING ")[1] for text in usings) == [
        "checked_at AT TIME ZONE 'Europe/Berlin';",
        "nullif(btrim(minutes), '')::integer;",
    ], usings
    applied = run(
        "apply", "--database-url", platform_url, "--schema-dir", str(schema),
        "--allow-hazards", "all", "--yes",
    )  # fmt: skip
    assert applied.exit_code == 0, applied.output
    with db.connect(platform_url) as conn:
        conn.execute("SET TIME ZONE 'UTC'")
        converted = conn.execute(
            "SELECT title_id, minutes, checked_at FROM audiobooks.title_runtime ORDER BY 1"
        ).fetchall()
    assert converted == expected
    again = run("plan", "--database-url", platform_url, "--schema-dir", str(schema), "--exit-code")
    assert again.exit_code == ExitCode.OK, again.output


def test_a_rename_waits_for_its_lock_while_planning_at_most_lock_timeout_naming_the_blocker(
    platform_url, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    schema = _project(tmp_path, RENAMES[2])
    (tmp_path / "pyproject.toml").write_text(PYPROJECT + 'lock_timeout = "300ms"\n')
    with db.connect(platform_url) as blocker:
        blocker.execute("LOCK TABLE audiobooks.library_item IN ACCESS SHARE MODE")
        pid = blocker.info.backend_pid
        waited = _plan(platform_url, schema)
        blocker.rollback()
    assert waited.exit_code == ExitCode.LOCK_TIMEOUT, waited.output
    message = waited.stderr.strip()
    assert "\n" not in message and "lock_timeout=300ms" in message, message
    assert f"pid {pid} " in message and "nothing was changed" in message, message
    assert _plan(platform_url, schema).exit_code == ExitCode.OK
