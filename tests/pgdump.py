"""pg_dump --schema-only as the outside judge of convergence.

schematool's own catalog snapshot decides whether apply commits; this is the view an
external measurement takes (each pair of schema states, apply, then a normalized
`pg_dump --schema-only` of both must be equal). Shared by the platform conformance test,
the case tests and scripts/replay_history.py.
"""

from __future__ import annotations

import difflib
import subprocess
from pathlib import Path
from typing import Protocol

# session settings and pg_dump 17.6+'s \restrict guards: the same in every dump
_NOISE = ("SET ", "SELECT pg_catalog.set_config", "\\restrict", "\\unrestrict")


class HasBindir(Protocol):
    bindir: Path | None  # the server's client programs; None: pg_dump from PATH


def normalized_dump(server: HasBindir, url: str) -> list[str]:
    """pg_dump --schema-only as a sorted list of statements, session noise and
    schematool's own history schema removed: two databases holding the same schema give
    equal lists whatever order their objects were made in."""
    program = str(server.bindir / "pg_dump") if server.bindir else "pg_dump"
    text = subprocess.run(
        [program, "--schema-only", "--exclude-schema=schematool", "--dbname", url],
        check=True, capture_output=True, text=True,
    ).stdout
    lines = [
        line for line in text.splitlines()
        if line.strip() and not line.startswith("--") and not line.startswith(_NOISE)
    ]
    text = "\n".join(lines) + "\n"
    return sorted(statement for statement in text.split(";\n") if statement.strip())


def dump_differences(actual: list[str], expected: list[str], limit: int = 12) -> list[str]:
    """The first differing lines of two normalized dumps, '-' for the expected side
    (the desired schema) and '+' for the actual one; empty when they are equal."""
    diff = difflib.unified_diff(
        "\n".join(expected).splitlines(), "\n".join(actual).splitlines(), lineterm="", n=0
    )
    lines = [line for line in diff if not line.startswith(("---", "+++", "@@"))]
    return lines[:limit]
