"""Stage 2a: loading a folder of .sql files into a database, in one transaction.

Order (documented in the README): files sorted by their path below the schema folder.
A file that fails only because something it references does not exist yet (a table,
type, function, schema or column defined in a later file) is rolled back to its
savepoint and retried after the others, until a pass makes no progress; then the first
remaining error is reported. Each file is sent as one query; only on failure is it split
into statements to find the failing one, so errors name `file:line`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import psycopg

from schematool import sqltext
from schematool.errors import LoadError, SchemaToolError, SchemaToolWarning

NAMEDATALEN = 64  # PostgreSQL keeps names to NAMEDATALEN - 1 bytes and cuts the rest

# undefined_table, undefined_function, undefined_object, invalid_schema_name, undefined_column
_MISSING_DEPENDENCY = {"42P01", "42883", "42704", "3F000", "42703"}


@dataclass(frozen=True)
class SchemaFile:
    name: str  # as shown to users, e.g. 'schema/catalog/title.sql'
    text: str


def schema_files(schema_dir: Path, label: str) -> list[SchemaFile]:
    """The .sql files of schema_dir in load order."""
    if not schema_dir.is_dir():
        raise SchemaToolError(f"schema folder not found: {label}")
    paths = sorted(
        (p for p in schema_dir.rglob("*.sql") if p.is_file()),
        key=lambda p: p.relative_to(schema_dir).as_posix(),
    )
    if not paths:
        raise SchemaToolError(f"schema folder {label} holds no .sql files")
    files = []
    for path in paths:
        name = f"{label}/{path.relative_to(schema_dir).as_posix()}"
        try:
            files.append(SchemaFile(name, path.read_text(encoding="utf-8")))
        except UnicodeDecodeError as error:
            raise LoadError(name, None, f"not UTF-8 text ({error.reason})") from None
    return files


class LongIdentifier(SchemaToolWarning):
    """A name PostgreSQL will silently cut to 63 bytes: two such names that share their
    first 63 bytes become one, and the catalog never shows the name the file wrote."""


def long_identifiers(file: SchemaFile) -> list[str]:
    """One message per identifier of `file` longer than PostgreSQL keeps, at its line."""
    found: dict[str, int] = {}
    for name, offset in sqltext.identifiers(file.text):
        if len(name.encode("utf-8")) >= NAMEDATALEN and name not in found:
            found[name] = sqltext.line_of(file.text, offset)
    return [
        f'{file.name}:{line}: identifier "{name}" is {len(name.encode("utf-8"))} bytes;'
        f' PostgreSQL silently cuts names to {NAMEDATALEN - 1} bytes ("{_truncated(name)}")'
        for name, line in found.items()
    ]


def _truncated(name: str) -> str:
    cut = name.encode("utf-8")[: NAMEDATALEN - 1]
    return cut.decode("utf-8", errors="ignore")  # as PostgreSQL does: whole characters


def warn_long_identifiers(files: list[SchemaFile]) -> None:
    for file in files:
        for message in long_identifiers(file):
            warnings.warn(LongIdentifier(message), stacklevel=2)


def load(conn: psycopg.Connection, files: list[SchemaFile]) -> None:
    """Run every file in one transaction (conn must be in autocommit mode)."""
    with conn.transaction():
        # a file of comments only is an empty query to the server: no need to split
        # thousands of statements to find that out
        pending = [f for f in files if f.text.strip()]
        while pending:
            deferred: list[tuple[SchemaFile, psycopg.Error]] = []
            for file in pending:
                error = _try_file(conn, file)
                if error is None:
                    continue
                if error.sqlstate not in _MISSING_DEPENDENCY:
                    raise _load_error(conn, file, error)
                deferred.append((file, error))
            if len(deferred) == len(pending):
                file, error = deferred[0]
                raise _load_error(conn, file, error)
            pending = [file for file, _ in deferred]


def _try_file(conn: psycopg.Connection, file: SchemaFile) -> psycopg.Error | None:
    try:
        with conn.transaction():
            conn.execute(file.text.encode("utf-8"), prepare=False)
    except psycopg.Error as error:
        return error
    return None


def _load_error(conn: psycopg.Connection, file: SchemaFile, error: psycopg.Error) -> LoadError:
    """Name the file and the line of the failing statement, with PostgreSQL's message."""
    message = error.diag.message_primary or str(error).strip().splitlines()[0]
    if error.diag.message_hint and isinstance(error, psycopg.errors.OutOfMemory):
        # "out of shared memory" alone does not say which setting to raise
        message += f" ({error.diag.message_hint})"
    position = error.diag.statement_position
    if position:
        # The server counts characters of the whole query text sent, from 1.
        line = sqltext.line_of(file.text, int(position) - 1)
    else:
        line = _failing_line(conn, file)
    return LoadError(file.name, line, message, error.sqlstate)


def _failing_line(conn: psycopg.Connection, file: SchemaFile) -> int | None:
    """Replay the file statement by statement (then roll back) to find the one that fails."""
    found: int | None = None
    try:
        with conn.transaction():
            for statement in sqltext.split(file.text):
                try:
                    conn.execute(statement.text.encode("utf-8"), prepare=False)
                except psycopg.Error as error:
                    found = statement.line
                    position = error.diag.statement_position
                    if position:
                        found = sqltext.line_of(file.text, statement.offset + int(position) - 1)
                    break
            raise _Rollback
    except _Rollback:
        pass
    return found


class _Rollback(Exception):
    pass
