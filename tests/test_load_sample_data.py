"""scripts/load_sample_data.py, as the README tells a new user to run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from schematool import db
from schematool.desired import load
from schematool.errors import ExitCode
from schematool.project.files import schema_files
from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "load_sample_data.py"


def _script(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The script as a user runs it, with no $DATABASE_URL to fall back on."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd, env=env
    )


@pytest.fixture
def platform_url(pg, db_factory) -> str:
    """A database holding the platform schema and no sample data."""
    url = db_factory(pg)
    with db.connect(url, autocommit=True) as conn:
        load.load(conn, schema_files(ROOT / "schema", "schema"))
    return url


def _titles(url: str) -> int:
    with db.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM audiobooks.title").fetchone()[0]


def test_help_describes_the_script_and_its_exit_codes(tmp_path):
    done = _script("--help", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: python scripts/load_sample_data.py")
    assert "--database-url URL" in done.stdout and "exit codes:" in done.stdout
    assert done.stderr == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bogus"], "error: unrecognized arguments: --bogus (see --help)"),
        (["--database-url"], "error: argument --database-url: expected one argument (see --help)"),
    ],
    ids=["unknown argument", "no value"],
)
def test_a_bad_argument_is_a_one_line_usage_error(args, message, tmp_path):
    done = _script(*args, cwd=tmp_path)
    assert done.returncode == ExitCode.USAGE
    assert done.stderr.strip() == message and done.stdout == ""


def test_the_sample_data_loads_with_one_command(platform_url, tmp_path):
    """README: `python scripts/load_sample_data.py` after `schematool apply`."""
    done = _script("--database-url", platform_url, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("loaded tests/data/sample_data.sql into postgresql://")
    assert "***" in done.stdout and db.password_of(platform_url) not in done.stdout
    assert _titles(platform_url) > 0


def test_a_second_load_changes_nothing_and_says_so_in_one_line(platform_url, tmp_path):
    first = _script("--database-url", platform_url, cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    titles = _titles(platform_url)
    again = _script("--database-url", platform_url, cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.startswith("sample data already loaded in postgresql://")
    assert len(again.stdout.splitlines()) == 1 and again.stderr == ""
    assert _titles(platform_url) == titles


def test_a_wrong_password_is_one_line_on_stderr_without_the_password(platform_url, tmp_path):
    wrong = db.address(platform_url)
    wrong = db.address(wrong.reveal().replace(f":{wrong.password}@", ":hunter2-wrong@"))
    done = _script("--database-url", wrong.reveal(), cwd=tmp_path)
    assert done.returncode == ExitCode.ERROR
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot connect to postgresql://postgres:***@")
    assert "password authentication failed" in lines[0]
    assert "hunter2-wrong" not in done.stderr and "Traceback" not in done.stderr


def test_a_database_without_the_platform_schema_is_one_line(pg, db_factory, tmp_path):
    url = db_factory(pg)
    done = _script("--database-url", url, cwd=tmp_path)
    assert done.returncode == ExitCode.ERROR
    assert done.stderr.strip().endswith("has no platform schema: run `schematool apply` first")
    assert len(done.stderr.strip().splitlines()) == 1 and done.stdout == ""


def test_the_sample_data_loads_where_apply_wrote_the_declared_marketplaces(platform_url, tmp_path):
    """apply writes Audible's 11 marketplaces (data/audiobooks.marketplace.csv); the
    sample data's four are those, left as they are, and it loads (twice) on top."""
    from tests.helpers import insert_declared_rows

    insert_declared_rows(platform_url, ROOT / "data")
    for _ in range(2):
        done = _script("--database-url", platform_url, cwd=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
    with db.connect(platform_url) as conn:
        stores = conn.execute("SELECT count(*), min(id), max(id) FROM audiobooks.marketplace")
        assert stores.fetchone() == (11, 1, 11)
    assert _titles(platform_url) > 0
