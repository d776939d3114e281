"""scripts/replay_history.py: a migration history replayed as consecutive plan/apply pairs."""

from __future__ import annotations

import importlib.util
import os
import sys
import tomllib

import pytest

from tests.conftest import ROOT
from tests.helpers import write

HISTORY = ROOT / "tests" / "histories" / "audiobooks"


def _script():
    spec = importlib.util.spec_from_file_location("replay_history", ROOT / "scripts" / "replay_history.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


replay_history = _script()


@pytest.mark.corpus
@pytest.mark.parametrize("version", [15, 18], ids=["pg15", "pg18"])
def test_audiobooks_history_converges_on_the_recorded_steps(version, servers):
    if version not in servers:
        pytest.skip(f"PostgreSQL {version} is not available here")  # CI requires both
    steps = replay_history.replay(servers[version], HISTORY)
    count = len(replay_history.migrations(HISTORY))
    assert [(s.number, s.mode) for s in steps] == [
        (n, mode) for n in range(1, count + 1) for mode in replay_history.MODES
    ]
    recorded = tomllib.loads((HISTORY / "converged.toml").read_text())[f"pg{version}"]
    for mode in replay_history.MODES:
        now = [s.number for s in steps if s.mode == mode and s.converged]
        failing = {s.number: (s.outcome, s.detail[:2]) for s in steps if s.mode == mode and s.number in recorded[mode] and not s.converged}
        assert not failing, f"{mode}: steps that converged before no longer do: {failing}"
        assert now == recorded[mode], f"{mode}: more steps converge now: record {mode} = {now} in converged.toml"


def test_replay_prints_each_step_and_exits_nonzero_below_the_minimum_rate(tmp_path, pg, monkeypatch, capsys):
    write(tmp_path / "001_titles.sql", "CREATE TABLE titles (id bigint PRIMARY KEY, year int CHECK (year > 1900));\n")
    monkeypatch.setenv("SCHEMATOOL_TEST_DATABASE_URL", pg.url)
    if pg.bindir:  # a server of one's own comes with its psql and pg_dump on PATH
        monkeypatch.setenv("PATH", f"{pg.bindir}{os.pathsep}{os.environ['PATH']}")
    assert replay_history.main([str(tmp_path), "--min-rate", "1"]) == 0
    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert ["1", "001_titles", "migrations", "converged"] in lines
    assert ["1", "001_titles", "chain", "converged"] in lines
    assert "migrations: 1/1 steps converged (100.0%)".split() in lines
    assert "chain: 1/1 steps converged (100.0%)".split() in lines
    assert replay_history.main([str(tmp_path), "--mode", "chain", "--min-rate", "1.01"]) == 1
    out = capsys.readouterr().out
    assert "chain: 1/1 steps converged" in out and "migrations" not in out


def test_a_migration_the_schema_loader_cannot_run_is_a_failed_step(tmp_path, pg):
    # psql runs each statement on its own; schematool loads schema files in one transaction
    write(tmp_path / "001_titles.sql", "CREATE TABLE titles (id bigint PRIMARY KEY);\n")
    write(tmp_path / "002_vacuum.sql", "ALTER TABLE titles ADD COLUMN name text;\nVACUUM titles;\n")
    write(tmp_path / "003_drop_database.sql", "DROP DATABASE IF EXISTS replay_no_such_database;\n")
    steps = replay_history.replay(pg, tmp_path)
    # VACUUM changes no schema: the loader leaves it out; DROP DATABASE it cannot run
    assert [(s.number, s.mode, s.outcome) for s in steps] == [
        (1, "migrations", "converged"), (1, "chain", "converged"),
        (2, "migrations", "converged"), (2, "chain", "converged"),
        (3, "migrations", "load failed"), (3, "chain", "load failed"),
    ]
    assert steps[4].detail == [
        "003_drop_database.sql:1: DROP DATABASE cannot run inside a transaction block"
    ]
    rates = replay_history.rates(steps, replay_history.MODES)
    assert [str(rate) for rate in rates] == [
        "migrations: 2/3 steps converged (66.7%)", "chain: 2/3 steps converged (66.7%)",
    ]


# what migration tools write around their statements: a pg_dump baseline's header,
# BEGIN/COMMIT wrappers, Prisma's enum swap, a label added and used, VACUUM, a rename
FRAMEWORK_STEPS = {
    "001_baseline.sql": """
SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
CREATE TYPE public."Role" AS ENUM ('USER', 'ADMIN');
CREATE TABLE public."User" (id serial NOT NULL, email text NOT NULL, role public."Role" DEFAULT 'USER' NOT NULL);
ALTER TABLE ONLY public."User" ADD CONSTRAINT "User_pkey" PRIMARY KEY (id);
""",
    "002_posts.sql": """
BEGIN;
CREATE TABLE "Post" ("id" SERIAL NOT NULL, "authorId" INTEGER NOT NULL, "title" TEXT NOT NULL,
    CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id")
    ON DELETE RESTRICT ON UPDATE CASCADE;
COMMIT;
""",
    "003_role_swap.sql": """
BEGIN;
CREATE TYPE "Role_new" AS ENUM ('USER', 'EDITOR', 'ADMIN');
ALTER TABLE "User" ALTER COLUMN "role" DROP DEFAULT;
ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
ALTER TYPE "Role" RENAME TO "Role_old";
ALTER TYPE "Role_new" RENAME TO "Role";
DROP TYPE "Role_old";
ALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT 'USER';
COMMIT;
""",
    "004_role_added_and_used.sql": """
ALTER TYPE "Role" ADD VALUE 'GUEST';
ALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT 'GUEST';
""",
    "005_rename_and_vacuum.sql": """
ALTER TABLE "Post" RENAME COLUMN "title" TO "headline";
VACUUM "Post";
""",
}


def test_migrations_as_migration_tools_write_them_converge(tmp_path, pg):
    for name, text in FRAMEWORK_STEPS.items():
        write(tmp_path / name, text)
    steps = replay_history.replay(pg, tmp_path)
    assert [(s.number, s.mode, s.outcome, s.detail) for s in steps if not s.converged] == []


def test_a_migration_holding_what_no_plan_manages_is_a_refused_step(tmp_path, pg):
    """A desired schema with an unmanaged kind is refused when it loads (issue 15,
    class 14): the step failed, and the replay goes on."""
    write(tmp_path / "001_titles.sql", "CREATE TABLE titles (id bigint PRIMARY KEY);\n")
    write(
        tmp_path / "002_conversion.sql",
        "CREATE CONVERSION latin_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;\n",
    )
    steps = replay_history.replay(pg, tmp_path)
    assert [(s.number, s.mode, s.outcome) for s in steps] == [
        (1, "migrations", "converged"), (1, "chain", "converged"),
        (2, "migrations", "load failed"), (2, "chain", "load failed"),
    ]
    assert steps[2].detail[0].startswith(
        "002_conversion.sql: conversion public.latin_to_utf8 is of a kind"
    )


def test_the_history_itself_failing_under_psql_is_an_error(tmp_path, pg):
    write(tmp_path / "001_broken.sql", "CREATE TABLE t (id nosuchtype);\n")
    with pytest.raises(SystemExit, match="the history itself fails at 001_broken.sql"):
        replay_history.replay(pg, tmp_path)
