"""keep_scratch: an unchanged desired schema is loaded once and reused."""

from __future__ import annotations

from schematool import db, scratch
from tests.helpers import PYPROJECT, make_project, run, write

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
    make_project(tmp_path, {"t.sql": "CREATE TABLE t (id int);\n"}, KEEPING)
    run("render")
    before = set(_kept(pg.url))
    assert run("plan").exit_code == 0
    first = {k: v for k, v in _kept(pg.url).items() if k not in before}
    assert len(first) == 1
    assert run("apply", "--yes").exit_code == 0
    assert run("plan", "--exit-code").exit_code == 0
    assert {k: v for k, v in _kept(pg.url).items() if k not in before} == first  # reused
    write(tmp_path / "templates/t.sql", "CREATE TABLE t (id int, n text);\n")
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
    assert len(_kept(pg.url)) <= scratch.KEEP
