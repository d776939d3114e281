"""Small helpers shared by the tests: a project folder and running the CLI."""

from __future__ import annotations

import textwrap
from pathlib import Path

from typer.testing import CliRunner

from schematool.cli import app

PYPROJECT = """\
[project]
name = "example"
version = "0"

[tool.schematool]
templates = "templates"
schema = "schema"

[tool.schematool.variables]
app_role = "case_writer"
"""


def make_project(root: Path, templates: dict[str, str], pyproject: str = PYPROJECT) -> Path:
    """A project folder with pyproject.toml and the given templates (path -> text)."""
    (root / "pyproject.toml").write_text(pyproject)
    for rel, text in templates.items():
        write(root / "templates" / rel, text)
    return root


def rendered_project(root: Path, monkeypatch, templates: dict[str, str]) -> Path:
    """`make_project`, rendered, and the working folder (the CLI reads it from there)."""
    made = make_project(root, templates)
    monkeypatch.chdir(made)
    assert run("render").exit_code == 0
    return made


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))


def run(*args: str, input: str | None = None):
    """Invoke the CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(app, list(args), input=input)


def insert_declared_rows(url: str, data_dir: Path) -> None:
    """Insert the rows a project declares (data/*.csv) into a database built from its
    schema files alone, as a script would: such a database then holds what `apply`
    gives one."""
    from psycopg import sql

    from schematool import db
    from schematool.project.reference_data import read_declared

    with db.connect(url) as conn, conn.transaction():
        for table in read_declared(data_dir, data_dir.name):
            statement = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
                sql.Identifier(table.schema, table.table),
                sql.SQL(", ").join(map(sql.Identifier, table.columns)),
                sql.SQL(", ").join(sql.Placeholder() * len(table.columns)),
            )
            for row in table.rows:
                conn.execute(statement, row.values)


def without_progress(stderr: str) -> list[str]:
    """stderr's lines less apply's `progress:` lines (a line per step when it starts and
    ends, piped): what is left are the errors, warnings and notes."""
    return [line for line in stderr.strip().splitlines() if not line.startswith("progress: ")]
