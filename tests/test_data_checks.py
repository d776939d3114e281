"""Changes that fail on the target's rows are found at plan time (`plan.data_checks`).

One database per server holds a table per data-dependent kind, each with rows that make
its change fail, beside tables where the same change fits: the plan gives exactly the
failing statements `fails-on-data`, apply refuses them (exit 4) with the database left
as it was, and once the rows are fixed the same plan carries no such hazard and applies.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schematool import db, hazard_kinds
from schematool.cli import app
from schematool.errors import ExitCode
from schematool.inspect import catalog
from schematool.project.config import TOOL_SCHEMA

FAILS = hazard_kinds.FAILS_ON_DATA

CURRENT = """
CREATE TABLE add_col (id int PRIMARY KEY);
CREATE TABLE add_col_empty (id int PRIMARY KEY);
CREATE TABLE nn (id int PRIMARY KEY, v int);
CREATE TABLE uq (id int PRIMARY KEY, v int, w text);
CREATE TABLE ck (id int PRIMARY KEY, v int);
CREATE TABLE ck_fits (id int PRIMARY KEY, v int);
CREATE TABLE ty (id int PRIMARY KEY, big bigint, code text);
CREATE TABLE ty_fits (id int PRIMARY KEY, big bigint);
CREATE TABLE pk (id int, v int);
CREATE TABLE pkn (id int, v int);
INSERT INTO add_col VALUES (1);
INSERT INTO nn VALUES (1, NULL), (2, 1);
INSERT INTO uq VALUES (1, 1, 'a'), (2, 1, 'a'), (3, NULL, NULL), (4, NULL, NULL);
INSERT INTO ck VALUES (1, -1), (2, 3);
INSERT INTO ck_fits VALUES (1, 1), (2, NULL);
INSERT INTO ty VALUES (1, 5000000000, 'x1'), (2, 1, '12');
INSERT INTO ty_fits VALUES (1, 2147483647);
INSERT INTO pk VALUES (1, 1), (1, 2);
INSERT INTO pkn VALUES (NULL, 1), (2, 2);
"""

DESIRED = """
CREATE TABLE add_col (id int PRIMARY KEY, c jsonb NOT NULL);
CREATE TABLE add_col_empty (id int PRIMARY KEY, c jsonb NOT NULL);
CREATE TABLE nn (id int PRIMARY KEY, v int NOT NULL);
CREATE TABLE uq (id int PRIMARY KEY, v int, w text, CONSTRAINT uq_w_key UNIQUE (w));
CREATE UNIQUE INDEX uq_v ON uq (v);
CREATE TABLE ck (id int PRIMARY KEY, v int, CONSTRAINT ck_v CHECK (v >= 0));
CREATE TABLE ck_fits (id int PRIMARY KEY, v int, CONSTRAINT ck_fits_v CHECK (v >= 0));
CREATE TABLE ty (id int PRIMARY KEY, big int, code int);
CREATE TABLE ty_fits (id int PRIMARY KEY, big int);
CREATE TABLE pk (id int PRIMARY KEY, v int);
CREATE TABLE pkn (id int PRIMARY KEY, v int);
"""

# what fixes every failing table's rows (the plan stays the same)
FIX = """
DELETE FROM add_col;
UPDATE nn SET v = 0 WHERE v IS NULL;
DELETE FROM uq WHERE id = 2;
UPDATE ck SET v = 0 WHERE v < 0;
UPDATE ty SET big = 1, code = '7' WHERE id = 1;
DELETE FROM pk WHERE v = 2;
DELETE FROM pkn WHERE id IS NULL;
"""

# a piece of each statement that must fail -> what its reason says
FAILING = {
    'alter table "public"."add_col" add column "c"': "has rows",
    'alter table "public"."nn" alter column "v" set not null': "holds NULLs",
    "CREATE UNIQUE INDEX uq_v ON public.uq": "duplicate rows",
    "CREATE UNIQUE INDEX uq_w_key ON public.uq": "duplicate rows",
    'alter table "public"."ck" validate constraint "ck_v"': "violate it",
    'alter table "public"."ty" alter column "big" set data type integer': "integer out of range",
    'alter table "public"."ty" alter column "code" set data type integer': "invalid input syntax",
    "CREATE UNIQUE INDEX pk_pkey ON public.pk": "duplicate rows",
    'alter table "public"."pkn" alter column "id" set not null': "holds NULLs",
    'alter table "public"."pkn" add constraint "pkn_pkey" PRIMARY KEY': "holds NULLs",
}

# the same kinds of change over rows that fit, or none: no fails-on-data
FITTING = (
    'alter table "public"."add_col_empty" add column "c"',
    'alter table "public"."ck_fits" validate constraint "ck_fits_v"',
    'alter table "public"."ty_fits" alter column "big" set data type integer',
)

OTHERS = ",".join(k for k in hazard_kinds.KINDS if k != FAILS)


def _cli(root: Path, url: str, *args: str):
    with contextlib.chdir(root):
        return CliRunner().invoke(app, list(args), env={"DATABASE_URL": url, "NO_COLOR": "1"})


def _project(root: Path, schema: str, settings: str = "") -> Path:
    (root / "schema").mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(f'[tool.schematool]\nschema = "schema"\n{settings}')
    (root / "schema" / "schema.sql").write_text(schema)
    return root


def _run(url: str, text: str) -> None:
    with db.connect(url, autocommit=True) as conn:
        conn.execute(text)


def _state(url: str) -> tuple[str, list[tuple]]:
    """The target's schema fingerprint and its rows: what a refused apply must keep."""
    with db.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT row_to_json(x)::text FROM (SELECT * FROM nn UNION ALL SELECT id, v FROM ck"
            " UNION ALL SELECT id, v FROM pk ORDER BY 1, 2) x"
        ).fetchall()
        return catalog.fingerprint(conn, (TOOL_SCHEMA,)), rows


def _hazards_by_statement(plan: dict) -> dict[str, dict[str, str]]:
    return {
        " ".join(step["sql"].split()): {h["kind"]: h["reason"] for h in step["hazards"]}
        for step in plan["steps"]
    }


def _find(found: dict[str, dict[str, str]], piece: str) -> dict[str, str]:
    matches = [hazards for statement, hazards in found.items() if piece in statement]
    assert len(matches) == 1, (piece, list(found))
    return matches[0]


@pytest.mark.parametrize("version", [15, 18])
def test_changes_that_fail_on_the_rows_are_found_by_plan_and_refused_by_apply(
    version, servers, db_factory, tmp_path
):
    if version not in servers:
        pytest.skip(f"PostgreSQL {version} is not available here")
    url = db_factory(servers[version])
    _run(url, CURRENT)
    root = _project(tmp_path, DESIRED)

    planned = _cli(root, url, "plan", "--format", "json")
    assert planned.exit_code == 0, planned.output
    plan = json.loads(planned.stdout)
    found = _hazards_by_statement(plan)
    for piece, evidence in FAILING.items():
        hazards = _find(found, piece)
        assert FAILS in hazards, (piece, hazards)
        assert evidence in hazards[FAILS], (piece, hazards[FAILS])
    for piece in FITTING:
        assert FAILS not in _find(found, piece), piece
    failing = sum(FAILS in h for h in found.values())
    assert failing == len(FAILING)  # nothing else is claimed to fail
    checks = plan["data_checks"]
    assert {c["method"] for c in checks} == {"exact"}  # small tables: every row read
    assert sum(c["verdict"] == "fails" for c in checks) == len(FAILING)
    assert all(c["verdict"] in ("fails", "passes") for c in checks), checks

    before = _state(url)
    refused = _cli(root, url, "apply", "--yes", "--allow-hazards", OTHERS)
    assert refused.exit_code == ExitCode.REFUSED, refused.output
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "error: the plan will fail on the target's data: statement "
    ), refused.stderr
    assert "nothing was changed" in lines[0] and "give it a DEFAULT" in lines[0]
    # the plan apply shows says so too, above the allowances it would need
    assert "WILL FAIL on the target's data (statement " in refused.stdout
    assert "expand and contract" in refused.stdout
    assert _state(url) == before


@pytest.mark.slow
@pytest.mark.parametrize("version", [15, 18])
def test_the_same_changes_apply_once_the_rows_fit(version, servers, db_factory, tmp_path):
    if version not in servers:
        pytest.skip(f"PostgreSQL {version} is not available here")
    url = db_factory(servers[version])
    _run(url, CURRENT + FIX)
    root = _project(tmp_path, DESIRED)
    applied = _cli(root, url, "apply", "--yes", "--allow-hazards", OTHERS)
    assert applied.exit_code == 0, applied.output
    assert FAILS not in applied.stdout and "WILL FAIL" not in applied.stdout
    for piece in FAILING:  # the very statements that were refused over the other rows
        assert piece in " ".join(applied.stdout.split()), piece


BIG_CURRENT = """
CREATE TABLE big_nulls (id int PRIMARY KEY, v int);
CREATE TABLE big_fits (id int PRIMARY KEY, v int);
CREATE FUNCTION slow_positive(n int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE
    AS $$ BEGIN PERFORM pg_sleep(0.01); RETURN n > 0; END $$;
CREATE TABLE slow (id int PRIMARY KEY, v int);
INSERT INTO big_nulls SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE g END
    FROM generate_series(1, 5000) g;
INSERT INTO big_fits SELECT g, g FROM generate_series(1, 5000) g;
INSERT INTO slow SELECT g, g FROM generate_series(1, 60) g;
ANALYZE big_nulls;
ANALYZE big_fits;
ANALYZE slow;
"""

BIG_DESIRED = """
CREATE TABLE big_nulls (id int PRIMARY KEY, v int NOT NULL);
CREATE TABLE big_fits (id int PRIMARY KEY, v int NOT NULL);
CREATE FUNCTION slow_positive(n int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE
    AS $$ BEGIN PERFORM pg_sleep(0.01); RETURN n > 0; END $$;
CREATE TABLE slow (id int PRIMARY KEY, v int, CONSTRAINT slow_v CHECK (slow_positive(v)));
"""

SETTINGS = 'data_check_timeout = "200ms"\ndata_check_sample_above = 100\n'
# `slow` holds 60 rows (0.6 s of pg_sleep to check), analyzed: under data_check_sample_above,
# it is read whole and times out, whatever autovacuum did (300 rows, analyzed by autovacuum
# under load, were sampled and passed)


@pytest.mark.parametrize("version", [15, 18])
def test_large_tables_are_sampled_and_a_check_that_times_out_claims_nothing(
    version, servers, db_factory, tmp_path
):
    if version not in servers:
        pytest.skip(f"PostgreSQL {version} is not available here")
    url = db_factory(servers[version])
    _run(url, BIG_CURRENT)
    root = _project(tmp_path, BIG_DESIRED, SETTINGS)
    planned = _cli(root, url, "plan", "--format", "json")
    assert planned.exit_code == 0, planned.output
    plan = json.loads(planned.stdout)
    checks = {c["question"].split(" (")[0].split(" in ")[-1]: c for c in plan["data_checks"]}
    # over data_check_sample_above rows: a sample, then the statistics of the last ANALYZE
    nulls = checks["public.big_nulls"]
    assert nulls["verdict"] == "fails" and nulls["method"] in ("sample", "statistics"), nulls
    fits = checks["public.big_fits"]
    assert fits["verdict"] == "passes" and fits["method"] == "sample", fits
    assert "sample" in fits["detail"]
    # a check cut short by data_check_timeout is a note, not a verdict either way
    [slow] = [c for c in plan["data_checks"] if "slow_v" in c["question"]]
    assert slow["verdict"] == "unknown" and "statement timeout" in slow["detail"], slow
    found = _hazards_by_statement(plan)
    assert FAILS in _find(found, 'alter table "public"."big_nulls" alter column "v" set not null')
    assert FAILS not in _find(
        found, 'alter table "public"."big_fits" alter column "v" set not null'
    )
    assert FAILS not in _find(found, 'validate constraint "slow_v"')

    text = _cli(root, url, "plan")
    assert "could not be checked (canceling statement due to statement timeout)" in text.stdout
    assert "data check (a sample): NULLs in public.big_fits (v): fits" in text.stdout


@pytest.mark.slow
@pytest.mark.parametrize("version", [15, 18])
def test_an_online_apply_is_refused_before_its_first_phase(version, servers, db_factory, tmp_path):
    """Online, a unique index is built CONCURRENTLY before the core and SET NOT NULL is
    proven by a helper CHECK: the rows still make them fail, and nothing runs."""
    if version not in servers:
        pytest.skip(f"PostgreSQL {version} is not available here")
    url = db_factory(servers[version])
    _run(url, CURRENT)
    root = _project(tmp_path, DESIRED)
    plan = json.loads(_cli(root, url, "plan", "--online", "--format", "json").stdout)
    found = _hazards_by_statement(plan)
    assert FAILS in _find(found, "CREATE UNIQUE INDEX CONCURRENTLY uq_v ON public.uq")
    assert FAILS in _find(found, 'alter table "public"."nn" alter column "v" set not null')
    assert FAILS not in _find(found, 'alter table "public"."add_col_empty" add column "c"')
    before = _state(url)
    refused = _cli(root, url, "apply", "--online", "--yes", "--allow-hazards", OTHERS)
    assert refused.exit_code == ExitCode.REFUSED, refused.output
    assert refused.stderr.startswith("error: the plan will fail on the target's data")
    assert _state(url) == before


def test_the_data_check_settings_are_read_and_checked(tmp_path):
    from schematool.errors import ConfigError
    from schematool.project.config import load_settings

    root = _project(tmp_path, "", SETTINGS)
    settings = load_settings(root, connect=False)
    assert (settings.data_check_timeout, settings.data_check_sample_above) == ("200ms", 100)
    defaults = load_settings(_project(tmp_path / "d", ""), connect=False)
    assert (defaults.data_check_timeout, defaults.data_check_sample_above) == ("2s", 1_000_000)
    for bad in ('data_check_timeout = "5"\n', "data_check_sample_above = -1\n"):
        with pytest.raises(ConfigError, match="data_check"):
            load_settings(_project(tmp_path / "bad", "", bad), connect=False)


def test_markdown_and_json_carry_what_the_checks_could_not_settle():
    """Server-free: the plan's notes (a check not made, a sample that found nothing) reach
    markdown; every check reaches JSON, which the plan schema accepts and reads back."""
    import jsonschema

    from schematool.cli import output
    from schematool.grammar import reader
    from schematool.plan.data_checks import DataCheck
    from schematool.plan.model import Plan, Step
    from tests.conftest import ROOT

    change = reader.read('alter table "public"."t" alter column "v" set not null;')
    checks = (
        DataCheck(1, "NULLs in public.t (v)", "unknown", "", "could not be checked (timeout)"),
        DataCheck(2, "NULLs in public.u (v)", "passes", "sample", "none in a 2% sample"),
        DataCheck(3, "NULLs in public.w (v)", "passes", "exact"),
    )
    steps = (Step(change), Step(change), Step(change))
    database = db.DatabaseIdentity("1", "y", 5)
    plan = Plan(
        steps, "postgresql://x/y", "a" * 64, "b" * 64, database=database, data_checks=checks
    )
    markdown = output.plan_markdown(plan)
    assert "- statement 1: NULLs in public.t (v); could not be checked (timeout)" in markdown
    assert "- statement 2: data check (a sample): NULLs in public.u (v): fits" in markdown
    assert "statement 3:" not in markdown  # every row read and fitting needs no word
    data = json.loads(json.dumps(plan.to_json()))
    jsonschema.validate(data, json.loads((ROOT / "docs" / "plan.schema.json").read_text()))
    assert tuple(DataCheck.from_json(c) for c in data["data_checks"]) == checks


@pytest.mark.slow
def test_rows_hidden_by_row_level_security_are_not_taken_for_none(pg, db_factory, tmp_path):
    """A planning role whose own FORCE'd policy hides the rows would see no NULLs: the
    check runs with row_security off, so it is refused, and says it could not check."""
    import secrets
    from urllib.parse import quote

    from psycopg import sql

    role, password = "dc_" + secrets.token_hex(3), "pw" + secrets.token_hex(6)
    with db.connect(pg.url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN CREATEDB PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
    url = db_factory(pg)
    try:
        _run(
            url,
            sql.SQL(
                "CREATE TABLE hidden (id int PRIMARY KEY, v int);"
                " INSERT INTO hidden VALUES (1, NULL);"
                " ALTER TABLE hidden OWNER TO {role};"
                " ALTER TABLE hidden ENABLE ROW LEVEL SECURITY;"
                " ALTER TABLE hidden FORCE ROW LEVEL SECURITY;"
                " CREATE POLICY nobody ON hidden USING (false);"
                " GRANT CREATE ON SCHEMA public TO {role};"
            )
            .format(role=sql.Identifier(role))
            .as_string(None),
        )
        server = db.address(pg.url)
        as_role = (
            f"postgresql://{role}:{quote(password)}@{server.get('host')}:{server.get('port')}"
            f"/{db.database_of(url)}"
        )
        desired = (
            "CREATE TABLE hidden (id int PRIMARY KEY, v int NOT NULL);\n"
            "ALTER TABLE hidden ENABLE ROW LEVEL SECURITY;\n"
            "ALTER TABLE hidden FORCE ROW LEVEL SECURITY;\n"
            "CREATE POLICY nobody ON hidden USING (false);\n"
        )
        root = _project(tmp_path, desired, "keep_scratch = false\n")
        planned = _cli(root, as_role, "plan", "--format", "json")
        assert planned.exit_code == 0, planned.output
        [check] = json.loads(planned.stdout)["data_checks"]
        assert check["verdict"] == "unknown", check
        assert "row-level security" in check["detail"], check
    finally:
        _run(url, sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)).as_string(None))
        with db.connect(pg.url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.mark.parametrize("each_server", [15, 18], indirect=True)
def test_a_type_change_with_no_cast_is_refused_at_plan_time_even_on_an_empty_table(
    each_server, db_factory, tmp_path
):
    """`serial` to `uuid`: PostgreSQL has no cast from integer to uuid, so the ALTER fails
    whatever the rows; the plan says so, with the way out (a stated conversion)."""
    url = db_factory(each_server)
    _run(url, "CREATE TABLE tokens (id serial PRIMARY KEY, note text);")
    desired = "CREATE TABLE tokens (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), note text);\n"
    root = _project(tmp_path, desired)
    planned = _cli(root, url, "plan", "--format", "json")
    assert planned.exit_code == 0, planned.output
    hazards = _find(_hazards_by_statement(json.loads(planned.stdout)), 'column "id" set data type')
    assert "cannot cast type integer to uuid" in hazards[FAILS], hazards
    assert "-- schematool: using" in hazards[FAILS]
    before = _run_fingerprint(url)
    refused = _cli(root, url, "apply", "--yes", "--allow-hazards", OTHERS)
    assert refused.exit_code == ExitCode.REFUSED, refused.output
    assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert _run_fingerprint(url) == before


def _run_fingerprint(url: str) -> str:
    with db.connect(url, autocommit=True) as conn:
        return catalog.fingerprint(conn, (TOOL_SCHEMA,))
