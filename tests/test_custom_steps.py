"""Custom steps (steps/*.sql) on real servers: each runs once, in the apply's
transaction, recorded by name and hash; the canonical backfill runs in one apply."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from schematool import db
from schematool.errors import ExitCode
from tests.helpers import PYPROJECT, make_project, run, write

BOOKS = """
CREATE TABLE public.books (id int PRIMARY KEY, title text NOT NULL);
INSERT INTO public.books VALUES (1, 'Dune'), (2, 'Emma');
"""

# the desired table has a new NOT NULL column no default can fill: a step backfills it
WITH_SLUG = """
CREATE TABLE public.books (id int PRIMARY KEY, title text NOT NULL, slug text NOT NULL);
"""

BACKFILL = """
-- schematool:step after
UPDATE public.books SET slug = lower(title) WHERE slug IS NULL;
"""


@pytest.fixture
def target(each_server, db_factory) -> str:
    url = db_factory(each_server)
    with db.connect(url, autocommit=True) as conn:
        conn.execute(BOOKS)
    return url


@pytest.fixture
def project(tmp_path, monkeypatch) -> Callable[[str], Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    pyproject = PYPROJECT.replace("[tool.schematool.variables]", "keep_scratch = false\n\n[tool.schematool.variables]")

    def make(schema: str) -> Path:
        make_project(tmp_path, {"books.sql": schema}, pyproject)
        assert run("render").exit_code == 0
        return tmp_path

    return make


def _rows(url: str, query: str) -> list[tuple]:
    with db.connect(url, autocommit=True) as conn:
        return conn.execute(query).fetchall()


def test_a_backfill_step_fills_a_new_not_null_column_in_one_apply_and_runs_once(project, target):
    root = project(WITH_SLUG)
    write(root / "steps" / "001-backfill-slugs.sql", BACKFILL)
    # VACUUM cannot run in a transaction: a step that runs alone, after the commit
    write(root / "steps" / "002-analyze.sql", "-- schematool:step alone\nVACUUM (ANALYZE) public.books;\n")
    refused = run("apply", "--database-url", target, "--yes")
    assert refused.exit_code == ExitCode.REFUSED, refused.output
    assert "--allow-hazards custom-step" in refused.stderr
    allow = "custom-step,blocking-lock"  # SET NOT NULL scans the table
    applied = run("apply", "--database-url", target, "--yes", "--allow-hazards", allow)
    assert applied.exit_code == 0, applied.output
    assert "custom-step: steps/001-backfill-slugs.sql runs once" in applied.stdout
    statements = [line for line in applied.stdout.splitlines() if line.startswith(("ALTER", "UPDATE"))]
    assert statements == [
        "ALTER TABLE public.books ADD COLUMN slug text;",
        "UPDATE public.books SET slug = lower(title) WHERE slug IS NULL;",
        "ALTER TABLE public.books ALTER COLUMN slug SET NOT NULL;",
    ]
    assert _rows(target, "SELECT id, slug FROM public.books ORDER BY id") == [(1, "dune"), (2, "emma")]
    assert _rows(target, "SELECT name FROM schematool.custom_steps ORDER BY name") == [
        ("001-backfill-slugs.sql",),
        ("002-analyze.sql",),
    ]
    assert _rows(target, "SELECT reltuples FROM pg_class WHERE oid = 'public.books'::regclass") == [(2,)]
    # it ran: the next plan holds nothing, the step included
    assert run("plan", "--database-url", target, "--exit-code").exit_code == 0


def test_an_edited_step_that_already_ran_is_refused(project, target):
    root = project(BOOKS.split(";")[0] + ";\n")
    step = root / "steps" / "001-note.sql"
    write(step, "-- schematool:step before\nUPDATE public.books SET title = title || '!';\n")
    applied = run("apply", "--database-url", target, "--yes", "--allow-hazards", "custom-step")
    assert applied.exit_code == 0, applied.output
    write(step, "-- schematool:step before\nUPDATE public.books SET title = title || '?';\n")
    result = run("plan", "--database-url", target)
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.strip() == (
        "error: custom step(s) already run on this database were edited since:"
        " steps/001-note.sql; a step runs once: restore its text, or write a new step for"
        " what is left to do"
    )
    assert _rows(target, "SELECT title FROM public.books ORDER BY id") == [("Dune!",), ("Emma!",)]


def test_a_failing_step_rolls_back_the_schema_change_with_it(project, target):
    root = project(WITH_SLUG)
    write(root / "steps" / "001-broken.sql", "-- schematool:step after\nSELECT 1 / 0;\n")
    allow = "custom-step,blocking-lock"
    result = run("apply", "--database-url", target, "--yes", "--allow-hazards", allow)
    assert result.exit_code == ExitCode.ERROR, result.output
    assert "division by zero" in result.stderr
    assert _rows(target, "SELECT count(*) FROM pg_attribute WHERE attrelid ="
                 " 'public.books'::regclass AND attname = 'slug'") == [(0,)]
    # nothing recorded as run: the table of steps was made in the transaction rolled back
    assert _rows(target, "SELECT to_regclass('schematool.custom_steps') IS NULL") == [(True,)]
