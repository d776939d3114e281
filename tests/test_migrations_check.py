"""`migrations check DIR`: the folder replayed onto an empty scratch database, in its
format's order and transactions, equals `schema/`, or the check fails naming what
differs, which file and line failed, or which file was edited by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from schematool.errors import ExitCode
from schematool.plan import migration_files
from schematool.plan.model import load_plan
from tests.helpers import rendered_project, run, write
from tests.test_migration_files import CHANGED, SCHEMA


@pytest.fixture
def project(tmp_path, monkeypatch):
    return rendered_project(tmp_path, monkeypatch, {"shop.sql.j2": SCHEMA})


def _check(folder: str, fmt: str, server_url: str):
    return run(
        "migrations", "check", folder, "--migration-format", fmt, "--scratch-url", server_url
    )


def _two_plans(server, db_factory, project: Path) -> tuple[Path, Path]:
    """The first migration (the schema from empty) and the second, online, planned
    against a database holding the first: an index built concurrently (outside any
    transaction), a CHECK validated after the core."""
    empty, first = db_factory(server), db_factory(server)
    assert run("plan", "--database-url", empty, "--out", "first.json").exit_code == 0
    assert run("apply", "--database-url", first, "--yes").exit_code == ExitCode.OK
    write(project / "templates" / "shop.sql.j2", CHANGED)
    assert run("render").exit_code == 0
    second = run("plan", "--database-url", first, "--online", "--out", "second.json")
    assert second.exit_code == 0, second.stdout + second.stderr
    return project / "first.json", project / "second.json"


@pytest.mark.parametrize("version", [15, 18])
def test_each_format_s_folder_written_by_plan_checks_clean(version, servers, db_factory, project):
    server = servers[version]
    first, second = _two_plans(server, db_factory, project)
    for fmt in migration_files.FORMATS:
        folder = project / "migrations" / fmt
        migration_files.write_migration(load_plan(first), folder, fmt)
        migration_files.write_migration(load_plan(second), folder, fmt)
        result = _check(f"migrations/{fmt}", fmt, server.url)
        assert result.exit_code == ExitCode.OK, (fmt, result.stdout, result.stderr)
        count = len(migration_files.read_folder(folder, fmt))
        assert count >= 4, fmt  # the first, then before (concurrently), core, after
        assert result.stdout.strip() == (
            f"migrations/{fmt}: {count} migration(s) ({fmt}) replayed: the schema they give"
            " equals schema/"
        )


def test_the_format_s_marker_decides_the_transaction(pg, db_factory, project):
    """The concurrent build runs outside a transaction only because its file is marked:
    the same folder without Flyway's .conf fails at that statement's line."""
    first, second = _two_plans(pg, db_factory, project)
    folder = project / "migrations"
    migration_files.write_migration(load_plan(first), folder, "flyway")
    migration_files.write_migration(load_plan(second), folder, "flyway")
    (conf,) = folder.glob("*.conf")
    conf.unlink()
    (folder / "schematool.sum").unlink()
    script = folder / conf.name.removesuffix(".conf")
    lines = script.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "CONCURRENTLY" in text)
    result = _check("migrations", "flyway", pg.url)
    assert result.exit_code == ExitCode.ERROR, result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: migrations/{script.name}:{line}: CREATE INDEX CONCURRENTLY cannot run inside"
        " a transaction block"
    ]


def test_a_folder_missing_a_step_fails_naming_what_differs(pg, db_factory, project):
    first, _ = _two_plans(pg, db_factory, project)  # schema/ now has the second's changes
    migration_files.write_migration(load_plan(first), project / "migrations", "plain")
    result = _check("migrations", "plain", pg.url)
    assert result.exit_code == ExitCode.CHANGES_PENDING, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "migrations: 1 migration(s) (plain) replayed: the schema they give differs from schema/:"
    )
    assert lines[1:] == [  # the statements a plan would run, then the catalog's words
        '  still to run: alter table "shop"."item" add column "label" text',
        "  still to run: CREATE INDEX item_price_idx ON shop.item USING btree (price)",
        '  still to run: alter table "shop"."item" add constraint "item_label_check" CHECK'
        " ((char_length(label) < 50)) not...",
        '  still to run: alter table "shop"."item" validate constraint "item_label_check"',
        "  missing in target: column shop.item.label",
        "  missing in target: constraint shop.item.item_label_check",
        "  missing in target: index shop.item_price_idx",
    ]


def test_a_failing_file_is_named_with_its_line(pg, project):
    write(project / "migrations" / "0001_shop.sql", "CREATE SCHEMA shop;\n")
    write(
        project / "migrations" / "0002_items.sql",
        "BEGIN;\n\nCREATE TABLE shop.item (id bigint);\nINSERT INTO shop.nothing VALUES (1);\n"
        "COMMIT;\n",
    )
    result = _check("migrations", "plain", pg.url)
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.strip().splitlines() == [
        'error: migrations/0002_items.sql:4: relation "shop.nothing" does not exist'
    ]


def test_a_hand_edited_file_fails_the_check(pg, db_factory, project):
    url = db_factory(pg)
    assert run("plan", "--database-url", url, "--write-migration", "migrations").exit_code == 0
    script = project / "migrations" / "0001_schematool_1.sql"
    assert _check("migrations", "plain", pg.url).exit_code == ExitCode.OK
    script.write_text(script.read_text() + "\n-- reviewed\n", encoding="utf-8")
    result = _check("migrations", "plain", pg.url)
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.strip().splitlines() == [
        "error: migrations: 0001_schematool_1.sql differ(s) from schematool.sum: a migration"
        " was edited, added or removed by hand"
    ]


def test_files_the_format_would_not_run_are_refused(pg, project):
    write(project / "migrations" / "0001_shop.sql", "CREATE SCHEMA shop;\n")
    write(project / "migrations" / "shop.sql", "CREATE SCHEMA shop;\n")
    result = _check("migrations", "plain", pg.url)
    assert result.exit_code == ExitCode.ERROR
    assert "migrations/shop.sql: not a plain migration file name" in result.stderr
    (project / "migrations" / "shop.sql").unlink()
    write(project / "migrations" / "1_again.sql", "CREATE SCHEMA again;\n")
    result = _check("migrations", "plain", pg.url)
    assert result.stderr.strip() == (
        "error: migrations: 0001_shop.sql and 1_again.sql have the same version"
    )
    write(project / "migrations" / "1_again.sql", "BEGIN;\nCREATE SCHEMA again;\n")
    (project / "migrations" / "0001_shop.sql").unlink()
    result = _check("migrations", "plain", pg.url)
    assert result.stderr.strip() == (
        "error: migrations/1_again.sql: ends inside a transaction (BEGIN without COMMIT)"
    )
