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


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))


def run(*args: str, input: str | None = None):
    """Invoke the CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(app, list(args), input=input)
