"""Onboarding: dump an existing database, then plan against it: nothing to do."""

from __future__ import annotations

import pytest

from schematool import db
from schematool.desired.database import load_desired
from schematool.errors import ExitCode
from schematool.project.files import schema_files
from tests.conftest import ROOT
from tests.helpers import run


def test_dump_of_the_platform_database_plans_as_empty(pg, db_factory, tmp_path, monkeypatch):
    source = db_factory(pg)
    load_desired(source, schema_files(ROOT / "schema", "schema"))
    monkeypatch.chdir(tmp_path)
    result = run("dump", "--database-url", source, "--out", str(tmp_path / "dumped"))
    assert result.exit_code == 0, result.output
    tree = sorted(p.relative_to(tmp_path / "dumped").as_posix() for p in (tmp_path / "dumped").rglob("*.sql"))
    assert "audiobooks/00_schema.sql" in tree
    assert "audiobooks/tables/title.sql" in tree
    assert "audiobooks/functions/consume_sync_token.sql" in tree
    assert not any(path.endswith("other.sql") for path in tree), tree
    title = (tmp_path / "dumped/audiobooks/tables/title.sql").read_text()
    assert "CREATE TABLE audiobooks.title" in title
    assert "COMMENT ON TABLE audiobooks.title" in title
    assert "CREATE INDEX" in title or "CREATE UNIQUE INDEX" in title
    again = run("plan", "--database-url", source, "--schema-dir", str(tmp_path / "dumped"), "--exit-code")
    assert again.exit_code == 0, again.output
    assert "no changes" in again.stdout


def test_dump_refuses_a_folder_that_is_not_empty(pg, db_factory, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dumped").mkdir()
    (tmp_path / "dumped" / "keep.sql").write_text("-- mine\n")
    result = run("dump", "--database-url", db_factory(pg), "--out", str(tmp_path / "dumped"))
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.strip() == (
        f"error: cannot write into {tmp_path / 'dumped'}: it is not empty (give a new or"
        " empty folder)"
    )


UNREACHABLE = "postgresql://u:pw@127.0.0.1:1/nowhere"


@pytest.mark.parametrize(
    ("out", "says"),
    [
        ("README.md", "cannot write into README.md: it is a file, not a folder"),
        ("README.md/tree", "cannot write into README.md/tree: README.md is a file"),
        (
            "/proc/schematool-dump",
            "cannot write into /proc/schematool-dump: cannot create anything in /proc"
            " (no such file or directory)",
        ),
    ],
    ids=["a file", "below a file", "where nothing can be made"],
)
def test_dump_checks_its_out_folder_before_connecting_or_starting_a_server(
    tmp_path, monkeypatch, out, says
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.schematool]\n")
    (tmp_path / "README.md").write_text("# mine\n")
    # an unreachable target: a check after connecting would fail there instead
    refused = run("dump", "--database-url", UNREACHABLE, "--out", out)
    assert refused.exit_code == ExitCode.USAGE, refused.output
    assert refused.stderr.splitlines() == [f"error: {says}"] and refused.stdout == ""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    local = run("dump", "--out", out)  # the local server: not started for it
    assert local.exit_code == ExitCode.USAGE, local.output
    assert local.stderr.splitlines() == [f"error: {says}"] and local.stdout == ""
    assert not (tmp_path / ".schematool").exists()
    assert (tmp_path / "README.md").read_text() == "# mine\n"


def test_dump_of_an_empty_database_is_an_empty_folder_that_plans_as_empty(
    pg, db_factory, tmp_path, monkeypatch
):
    source = db_factory(pg)
    monkeypatch.chdir(tmp_path)
    result = run("dump", "--database-url", source, "--out", "dumped")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "0 files written to dumped"
    assert (tmp_path / "dumped").is_dir() and list((tmp_path / "dumped").iterdir()) == []
    again = run("plan", "--database-url", source, "--schema-dir", "dumped", "--exit-code")
    assert again.exit_code == 0, again.output
    assert "the database matches the schema" in again.stdout


def test_a_schema_folder_holding_only_a_dotfile_is_the_empty_schema(
    pg, db_factory, tmp_path, monkeypatch
):
    """git keeps an empty folder by a `.gitkeep`: that folder is still the empty schema."""
    source = db_factory(pg)
    with db.connect(source, autocommit=True) as conn:
        conn.execute("CREATE TABLE gone (id int)")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".gitkeep").write_text("")
    result = run("plan", "--database-url", source, "--schema-dir", "empty", "--format", "sql")
    assert result.exit_code == 0, result.output
    assert 'drop table "public"."gone";' in result.stdout


def test_dump_gives_every_object_its_own_stable_file(pg, db_factory, tmp_path, monkeypatch):
    """`ábc` and `ébc` once shared `_bc.sql`; `Order` and `order` share a file on a
    case-insensitive file system. File names are unique per object, also ignoring case,
    readable, and the same on every dump of the same database."""
    source = db_factory(pg)
    from schematool import db

    with db.connect(source, autocommit=True) as conn:
        conn.execute(
            'CREATE SCHEMA shop; CREATE TABLE shop."ábc" (id int); CREATE TABLE shop."ébc" (id int);'
            ' CREATE TABLE shop."Order" (id int); CREATE TABLE shop."order" (id int);'
            ' CREATE SCHEMA "Shop"; CREATE TABLE "Shop".items (id int)'
        )
    monkeypatch.chdir(tmp_path)
    trees = []
    for out in ("first", "second"):
        result = run("dump", "--database-url", source, "--out", str(tmp_path / out))
        assert result.exit_code == 0, result.output
        trees.append(sorted(p.relative_to(tmp_path / out).as_posix() for p in (tmp_path / out).rglob("*.sql")))
    assert trees[0] == trees[1]
    tables = [p for p in trees[0] if "/tables/" in p]
    assert len(tables) == 5, tables
    assert len({p.lower() for p in tables}) == 5, tables
    assert "shop/tables/order.sql" in tables
    assert any(p.startswith("shop/tables/abc-") for p in tables)
    assert any(p.startswith("shop/tables/ebc-") for p in tables)
    assert len({p.split("/")[0].lower() for p in tables}) == 2
    for path in tables:
        text = (tmp_path / "first" / path).read_text()
        assert text.count("CREATE TABLE") == 1, (path, text)
    again = run("plan", "--database-url", source, "--schema-dir", str(tmp_path / "first"), "--exit-code")
    assert again.exit_code == 0, again.output
