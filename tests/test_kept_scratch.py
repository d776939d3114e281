"""keep_scratch: an unchanged desired schema is loaded once and reused."""

from __future__ import annotations

import secrets
import time
from dataclasses import replace
from pathlib import Path

import pytest

from schematool import catalog, db, scratch
from schematool import desired as desired_stage
from schematool.config import Settings, load_settings
from tests.helpers import PYPROJECT, make_project, run, write

ROOT = Path(__file__).resolve().parent.parent

KEEPING = PYPROJECT.replace('schema = "schema"\n', 'schema = "schema"\nkeep_scratch = true\n')


def _kept(url: str) -> dict[str, int]:
    with db.connect(url) as conn:
        rows = conn.execute(
            "SELECT datname, oid::int FROM pg_database WHERE datname LIKE %s",
            (scratch.KEPT_PREFIX + "%",),
        ).fetchall()
    return dict(rows)


def test_kept_desired_schema_is_reused_replaced_and_cleaned(tmp_path, monkeypatch, pg, new_db):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", new_db())
    # a schema no other test keeps: its kept database is made here
    unique = f"CREATE TABLE t (id int);\nCOMMENT ON TABLE t IS '{secrets.token_hex(8)}';\n"
    make_project(tmp_path, {"t.sql": unique}, KEEPING)
    run("render")
    before = set(_kept(pg.url))
    assert run("plan").exit_code == 0
    first = {k: v for k, v in _kept(pg.url).items() if k not in before}
    assert len(first) == 1
    assert run("apply", "--yes").exit_code == 0
    assert run("plan", "--exit-code").exit_code == 0
    assert {k: v for k, v in _kept(pg.url).items() if k not in before} == first  # reused
    write(tmp_path / "templates/t.sql", unique.replace("(id int)", "(id int, n text)"))
    run("render")
    assert run("plan", "--exit-code").exit_code == 3
    second = {k: v for k, v in _kept(pg.url).items() if k not in before}
    assert len(second) == 2 and set(first) < set(second)
    result = run("clean")
    assert result.exit_code == 0
    assert not set(_kept(pg.url)) & set(second)


def test_at_most_a_few_kept_schemas_stay_per_server(tmp_path, monkeypatch, pg, new_db):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", new_db())
    make_project(tmp_path, {"t.sql": "CREATE TABLE t (id int);\n"}, KEEPING)
    for n in range(scratch.KEEP + 2):
        write(tmp_path / "templates/t.sql", f"CREATE TABLE t{n} (id int);\n")
        run("render")
        assert run("plan").exit_code == 0
    deadline = time.monotonic() + 60  # pruning runs on a thread nobody waits for
    while len(_kept(pg.url)) > scratch.KEEP and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(_kept(pg.url)) <= scratch.KEEP


def test_a_kept_schema_in_use_is_never_dropped_to_make_room(tmp_path, monkeypatch, pg, new_db):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", new_db())
    make_project(tmp_path, {"t.sql": f"CREATE TABLE t{secrets.token_hex(4)} (id int);\n"}, KEEPING)
    run("render")
    before = set(_kept(pg.url))
    assert run("plan").exit_code == 0
    [mine] = set(_kept(pg.url)) - before
    with db.connect(db.with_database(pg.url, mine)):  # a run still using it
        for n in range(scratch.KEEP + 1):
            write(tmp_path / "templates/t.sql", f"CREATE TABLE u{n} (id int);\n")
            run("render")
            assert run("plan").exit_code == 0
        assert mine in _kept(pg.url)


def test_the_recorded_snapshot_of_a_kept_schema_is_its_catalog(tmp_path, monkeypatch, pg, new_db):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", new_db())
    schema = (ROOT / "schema").glob("**/*.sql")
    for path in sorted(schema):
        write(tmp_path / "schema" / path.relative_to(ROOT / "schema"), path.read_text())
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.schematool]\nschema = "schema"\nkeep_scratch = true\n'
        f'exclude_schemas = ["x_{secrets.token_hex(3)}"]\n'  # a key no other test keeps
    )
    before = set(_kept(pg.url))
    assert run("plan").exit_code == 0, run("plan").output
    [kept] = set(_kept(pg.url)) - before
    settings = load_settings(tmp_path)
    desired = desired_stage.DesiredDatabase(db.with_database(pg.url, kept), settings.excluded_schemas)
    with db.connect(desired.url, autocommit=True) as conn:
        recorded = desired_stage._recorded_snapshot(conn)
        assert recorded == catalog.snapshot(conn, settings.excluded_schemas)
        assert recorded["table"]  # the platform schema, not an empty one


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("postgresql://u:p@localhost:5432/d", True),
        ("postgresql://u:p@127.0.0.1/d", True),
        ("postgresql://u:p@[::1]:5432/d", True),
        ("postgresql:///d?host=/var/run/postgresql", True),
        ("postgresql://u:p@db.example.com:5432/d", False),
        ("postgresql://u:p@10.0.0.5/d", False),
        ("postgresql:///d?host=localhost,db.example.com", False),
    ],
)
def test_only_a_server_on_this_machine_keeps_by_default(url, local, tmp_path):
    assert db.is_local(url) is local
    settings = Settings(tmp_path, tmp_path / "templates", tmp_path / "schema")
    assert desired_stage.keeps_scratch(settings, url) is local
    assert desired_stage.keeps_scratch(replace(settings, scratch_url=url), url) is True
    assert desired_stage.keeps_scratch(replace(settings, keep_scratch=False), url) is False
