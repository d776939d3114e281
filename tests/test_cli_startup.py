"""`schematool --help`, `--version` and a command's help start without the core: the
command modules import psycopg, pglast, Jinja, migra and the catalog inside their
command functions (docs/performance.md; issue 23's target is 0.15 s)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

# what a command needs and --help does not: each costs tens of milliseconds to import
HEAVY = ("psycopg", "psycopg_binary", "pglast", "jinja2", "migra", "schemainspect", "sqlalchemy")
# the only schematool modules the command line itself needs
LIGHT = {"schematool", "schematool.__main__", "schematool.errors", "schematool.hazard_kinds"}


def imported_modules(folder: Path, *args: str, env: dict[str, str] | None = None) -> set[str]:
    """Every module a fresh `python -m schematool ARGS`, run in `folder` (with `env`
    added to the environment), imports, as -X importtime lists."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "schematool", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=folder,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)$", done.stderr, re.MULTILINE)
    assert "schematool.cli" in found, "the importtime listing was not read"
    return set(found)


@pytest.mark.parametrize(
    "args",
    [("--help",), ("--version",), ("plan", "--help"), ("apply", "--help"), ("db", "--help")],
    ids=" ".join,
)
def test_help_and_version_import_no_core_module(args, tmp_path):
    modules = imported_modules(tmp_path, *args)
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == []
    core = sorted(
        m
        for m in modules
        if m.startswith("schematool") and m not in LIGHT and not m.startswith("schematool.cli")
    )
    assert core == []
