"""Expand and contract on real servers: a column renamed the long way (add the new
column, backfill it with a custom step, expand, then contract by dropping the old one):
no row is lost, and the old application's queries keep working after expand."""

from __future__ import annotations

import json

import pytest

from schematool import db
from schematool.errors import ExitCode
from tests.helpers import PYPROJECT, make_project, run, write

BEFORE = """
CREATE TABLE public.narrators (id int PRIMARY KEY, full_name text NOT NULL);
INSERT INTO public.narrators SELECT g, 'narrator ' || g FROM generate_series(1, 200) g;
"""

AFTER = "CREATE TABLE public.narrators (id int PRIMARY KEY, display_name text NOT NULL);\n"

BACKFILL = """-- schematool:step after
UPDATE public.narrators SET display_name = full_name WHERE display_name IS NULL;
"""

# what the old application version runs, still deployed between the two halves
OLD_APP = (
    "UPDATE public.narrators SET full_name = full_name WHERE id = 1",
    "SELECT id, full_name FROM public.narrators WHERE id = 2",
)


@pytest.fixture
def target(each_server, db_factory) -> str:
    url = db_factory(each_server)
    with db.connect(url, autocommit=True) as conn:
        conn.execute(BEFORE)
    return url


@pytest.mark.slow  # two applies and four plans on each server: ~15 s each
def test_a_column_renamed_the_long_way_expands_then_contracts(tmp_path, monkeypatch, target):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    pyproject = PYPROJECT.replace("[tool.schematool.variables]", "keep_scratch = false\n\n[tool.schematool.variables]")
    make_project(tmp_path, {"narrators.sql": AFTER}, pyproject)
    write(tmp_path / "steps" / "001-display-names.sql", BACKFILL)
    assert run("render").exit_code == 0
    planned = json.loads(run("plan", "--database-url", target, "--format", "json").stdout)
    assert [c["reason"] for c in planned["contract"]] == [
        "drops column public.narrators.full_name",
        "makes public.narrators.display_name NOT NULL",
    ]
    text = run("plan", "--database-url", target).stdout
    assert "--   contract: drops column public.narrators.full_name (apply --expand leaves it)" in text

    expanded = run("apply", "--database-url", target, "--yes", "--expand", "--allow-hazards", "custom-step")
    assert expanded.exit_code == 0, expanded.output
    assert "expand half applied; 2 statement(s) left for apply --contract" in expanded.stderr
    with db.connect(target, autocommit=True) as conn:
        for query in OLD_APP:
            conn.execute(query)
        assert conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE display_name = full_name) FROM public.narrators"
        ).fetchone() == (200, 200)
        assert conn.execute(
            "SELECT phase FROM schematool.history WHERE outcome = 'applied' ORDER BY id"
        ).fetchall() == [("expand",)]

    # the contract half is what is left: its hazards are its own to allow
    refused = run("apply", "--database-url", target, "--yes", "--contract")
    assert refused.exit_code == ExitCode.REFUSED
    contracted = run(
        "apply", "--database-url", target, "--yes", "--contract",
        "--allow-hazards", "data-loss,blocking-lock",
    )
    assert contracted.exit_code == 0, contracted.output
    assert run("plan", "--database-url", target, "--exit-code").exit_code == 0
    with db.connect(target, autocommit=True) as conn:
        rows = conn.execute("SELECT id, display_name FROM public.narrators ORDER BY id").fetchall()
        phases = conn.execute(
            "SELECT phase FROM schematool.history WHERE outcome = 'applied' ORDER BY id"
        ).fetchall()
    assert rows == [(n, f"narrator {n}") for n in range(1, 201)]
    assert phases == [("expand",), ("contract",)]
