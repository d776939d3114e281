"""pg_dump --schema-only as the outside judge of convergence.

schematool's own catalog snapshot decides whether apply commits; this is the view an
external measurement takes (each pair of schema states, apply, then a normalized
`pg_dump --schema-only` of both must be equal).

`dump` (shared by the case, snapshot-completeness and platform tests, scripts/cases.py
--compare and scripts/replay_history.py) normalizes only what is not schema: pg_dump's comment lines (its header and the
`-- Name: ...` line above each entry), session settings (`SET ...`, `set_config`; the
two that are schema, a table's access method and tablespace, are kept with the entries
they apply to), `\\restrict` keys, and the order of the entries (each database's dump
orders objects by OID among equals). Nothing inside an entry is touched.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Protocol


class HasBindir(Protocol):
    bindir: Path | None  # the server's client programs; None: pg_dump from PATH


_NOISE = ("SELECT pg_catalog.set_config(", "\\restrict", "\\unrestrict")
_DUMP_COMMENTS = (
    "-- PostgreSQL database dump",
    "-- Dumped from database version",
    "-- Dumped by pg_dump version",
    "-- TOC entry",
    "-- Dependencies:",
    "-- Started on",
    "-- Completed on",
)


def dump(
    server: HasBindir, url: str, exclude_schemas: tuple[str, ...] = ("schematool",)
) -> list[str]:
    """The schema of `url` as pg_dump prints it, one sorted entry per object."""
    program = str(server.bindir / "pg_dump") if server.bindir else "pg_dump"
    args = [program, "--schema-only", "--no-password", "--dbname", url]
    args += [f"--exclude-schema={schema}" for schema in exclude_schemas]
    text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return normalize(text)


def normalize(text: str) -> list[str]:
    """pg_dump's entries, each without comment lines and settings, sorted.

    Two settings are schema, not session: pg_dump sets `default_table_access_method`
    and `default_tablespace` before the entries they apply to, and only when they
    change, so they depend on the order of entries. Each table, materialized view and
    index entry is given the values in effect for it, as a first line."""
    entries: list[str] = []
    current: list[str] = []
    settings = {"default_table_access_method": "heap", "default_tablespace": "''"}
    for line in text.splitlines():
        if line.startswith("-- Name: ") or line.startswith("-- Data for Name: "):
            entries.append("\n".join(current).strip())
            current = _placed(_entry_type(line), settings)
            continue
        if line == "--" or line.startswith(_DUMP_COMMENTS):
            continue  # pg_dump's own; a body's `-- comment` lines stay
        if line.startswith("SET ") and not (current and current[-1].strip()):
            name, _, value = line[4:].rstrip(";").partition(" = ")
            if name in settings:
                settings[name] = value
            continue
        if line.startswith(_NOISE):
            continue
        current.append(line)
    entries.append("\n".join(current).strip())
    return sorted(entry for entry in entries if entry)


def _entry_type(header: str) -> str:
    """`-- Name: b; Type: TABLE; Schema: public; Owner: postgres` -> TABLE."""
    for part in header.split("; "):
        if part.startswith("Type: "):
            return part[len("Type: ") :]
    return ""


def _placed(entry_type: str, settings: dict[str, str]) -> list[str]:
    lines = []
    if entry_type in ("TABLE", "MATERIALIZED VIEW"):
        lines.append(f"[access method {settings['default_table_access_method']}]")
    if entry_type in ("TABLE", "MATERIALIZED VIEW", "INDEX", "CONSTRAINT"):
        if settings["default_tablespace"] != "''":
            lines.append(f"[tablespace {settings['default_tablespace']}]")
    return lines


def differences(expected: list[str], actual: list[str]) -> list[str]:
    """Entries on one side only, `-` desired and `+` target, for an assertion message."""
    missing = [f"- {entry}" for entry in expected if entry not in actual]
    extra = [f"+ {entry}" for entry in actual if entry not in expected]
    return missing + extra


def column_order_only(expected: list[str], actual: list[str]) -> bool:
    """Whether the dumps differ only in the order of lines inside entries (a table's
    columns: a column a plan adds goes last, which no plan can change without rebuilding
    the table), each line compared without its trailing comma."""

    def unordered(entries: list[str]) -> list[tuple[str, ...]]:
        return sorted(tuple(sorted(line.rstrip(",") for line in e.splitlines())) for e in entries)

    return expected != actual and unordered(expected) == unordered(actual)
