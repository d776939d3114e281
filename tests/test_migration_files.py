"""`plan --write-migration DIR --migration-format F`: the plan as the folder's next
migration files; each format's folder, replayed with psql in order onto an empty
database, gives the schema `apply` gives, on both servers."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from schematool import db
from schematool.errors import ExitCode
from schematool.inspect import catalog
from schematool.plan import migration_files
from schematool.plan.model import load_plan
from tests.conftest import Server
from tests.helpers import rendered_project, run, write

SCHEMA = """\
CREATE SCHEMA shop;
CREATE TABLE shop.item (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku text NOT NULL UNIQUE,
    price numeric(10, 2) NOT NULL CHECK (price >= 0)
);
"""
# the second migration, planned --online against the replayed first: an index built
# concurrently (a file outside any transaction), a column and a CHECK validated after
CHANGED = SCHEMA.replace(
    "CHECK (price >= 0)\n);",
    "CHECK (price >= 0),\n    label text\n);\nCREATE INDEX item_price_idx ON shop.item (price);\n"
    "ALTER TABLE shop.item ADD CONSTRAINT item_label_check CHECK (char_length(label) < 50);",
)
EXCLUDED = ("schematool",)


def _psql(server: Server) -> str:
    own = server.bindir / "psql" if server.bindir else None
    return str(own) if own and own.exists() else "/usr/bin/psql"


def replay(server: Server, url: str, folder: Path, names: list[str]) -> None:
    """The migration files, in order, each as psql runs a file (no -1: the files hold
    their own transactions, or run as their tool would run them, one statement at a time)."""
    for name in sorted(names):
        if name.endswith(".conf") or name.endswith(".down.sql"):
            continue
        subprocess.run(
            [_psql(server), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(folder / name), url],
            check=True, capture_output=True, text=True,
        )


def _fingerprint(url: str) -> str:
    with db.connect(url) as conn:
        return catalog.fingerprint(conn, EXCLUDED)


@pytest.fixture
def project(tmp_path, monkeypatch):
    return rendered_project(tmp_path, monkeypatch, {"shop.sql.j2": SCHEMA})


@pytest.mark.parametrize("version", [15, 18])
def test_each_format_s_folder_replayed_with_psql_equals_the_schema(
    version, servers, db_factory, project
):
    server = servers[version]
    built, reference = db_factory(server), db_factory(server)
    first = run(
        "plan", "--database-url", built, "--write-migration", "migrations/plain",
        "--out", "first.json",
    )
    assert first.exit_code == ExitCode.OK, first.stdout + first.stderr
    assert "wrote migrations/plain/0001_schematool_1.sql" in first.stderr
    folders = {"plain": project / "migrations" / "plain"}
    for fmt in migration_files.FORMATS[1:]:  # the same plan in every other format
        folders[fmt] = project / "migrations" / fmt
        migration_files.write_migration(load_plan(project / "first.json"), folders[fmt], fmt)
    assert run("apply", "--database-url", reference, "--yes").exit_code == ExitCode.OK
    for fmt, folder in folders.items():
        replay(server, built, folder, [p.name for p in folder.iterdir() if p.name != "schematool.sum"])
        assert _fingerprint(built) == _fingerprint(reference), fmt
        with db.connect(built, autocommit=True) as conn:  # the next format from empty
            conn.execute("DROP SCHEMA shop CASCADE")
    replay(server, built, folders["plain"], [p.name for p in folders["plain"].iterdir()
                                             if p.name != "schematool.sum"])

    # the next migration, online, planned against the replayed folder
    write(project / "templates" / "shop.sql.j2", CHANGED)
    assert run("render").exit_code == 0
    second = run(
        "plan", "--database-url", built, "--online", "--write-migration", "migrations/plain"
    )
    assert second.exit_code == ExitCode.OK, second.stdout + second.stderr
    new = sorted(set(p.name for p in folders["plain"].iterdir()) - {"schematool.sum"}
                 - {"0001_schematool_1.sql"})
    assert new[0].startswith("0002_schematool_online_before_1")  # CREATE INDEX CONCURRENTLY
    assert "-- runs outside a transaction" in (folders["plain"] / new[0]).read_text()
    replay(server, built, folders["plain"], new)
    applied = run("apply", "--database-url", reference, "--yes", "--allow-hazards", "all")
    assert applied.exit_code == ExitCode.OK, applied.stdout + applied.stderr
    assert _fingerprint(built) == _fingerprint(reference)
    assert run("plan", "--database-url", built, "--exit-code").exit_code == ExitCode.OK


def _online_plan(pg, db_factory, project) -> object:
    url = db_factory(pg)
    assert run("apply", "--database-url", url, "--yes").exit_code == ExitCode.OK
    write(project / "templates" / "shop.sql.j2", CHANGED)
    assert run("render").exit_code == 0
    assert run("plan", "--database-url", url, "--online", "--out", "p.json").exit_code == 0
    return load_plan(project / "p.json")


def test_each_format_names_and_marks_the_files_as_its_tool_reads_them(pg, db_factory, project):
    plan = _online_plan(pg, db_factory, project)
    now = datetime(2026, 12, 7, 22, 0, 0, tzinfo=UTC)
    names = {
        fmt: [f.name for f in migration_files.migration_files(plan, fmt, [], now)]
        for fmt in migration_files.FORMATS
    }
    count = len(migration_files.units(plan))
    assert count >= 3  # before (concurrently), core, after
    assert names["plain"][0] == "0001_schematool_online_before_1.sql"
    assert names["golang-migrate"][0] == "000001_schematool_online_before_1.up.sql"
    assert names["flyway"][:2] == [
        "V1__schematool_online_before_1.sql", "V1__schematool_online_before_1.sql.conf"
    ]
    assert names["dbmate"][0] == "20261207220000_schematool_online_before_1.sql"
    assert names["sqlx"][1].startswith("20261207220001_schematool_")
    files = {fmt: migration_files.migration_files(plan, fmt, [], now)[0].text
             for fmt in migration_files.FORMATS}
    assert files["dbmate"].startswith("-- migrate:up transaction:false\n")
    assert files["sqlx"].startswith("-- no-transaction\n")
    assert "CREATE INDEX CONCURRENTLY" in files["plain"] and "BEGIN;" not in files["plain"]
    flyway = migration_files.migration_files(plan, "flyway", [], now)
    assert flyway[1].text == "executeInTransaction=false\n"
    # numbered after what the folder holds, timestamps never before the highest
    after = migration_files.migration_files(plan, "plain", ["0007_x.sql", "notes.md"], now)
    assert after[0].name.startswith("0008_")
    later = migration_files.migration_files(plan, "dbmate", ["20300101000000_x.sql"], now)
    assert later[0].name.startswith("20300101000001_")


def test_a_hand_edited_migration_stops_the_next_one(pg, db_factory, project):
    url = db_factory(pg)
    folder = project / "migrations"
    assert run("plan", "--database-url", url, "--write-migration", "migrations").exit_code == 0
    assert (folder / "schematool.sum").read_text().startswith("h1:")
    (folder / "0001_schematool_1.sql").write_text("-- mine\n", encoding="utf-8")
    result = run("plan", "--database-url", url, "--write-migration", "migrations")
    assert result.exit_code == ExitCode.ERROR, result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: {Path('migrations')}: 0001_schematool_1.sql differ(s) from schematool.sum:"
        " a migration was edited, added or removed by hand; nothing was written"
    ]
    assert sorted(p.name for p in folder.iterdir()) == ["0001_schematool_1.sql", "schematool.sum"]


def test_an_empty_plan_writes_nothing(pg, db_factory, project):
    url = db_factory(pg)
    assert run("apply", "--database-url", url, "--yes").exit_code == ExitCode.OK
    result = run("plan", "--database-url", url, "--write-migration", "migrations")
    assert result.exit_code == ExitCode.OK
    assert "nothing to write into migrations: no changes" in result.stderr
    assert list((project / "migrations").iterdir()) == []
