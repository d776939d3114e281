"""Stage 1: the rows a project declares as part of its schema (reference data).

A table's rows may be declared in `data/<schema>.<table>.csv` (the folder is `data` in
`[tool.schematool]`): the file is the table's whole content, keyed by the columns its
first line names, then a CSV header naming the columns it sets, then one line per row:

    # key: code
    code,name,site_domain
    us,Audible US,audible.com

Only the columns the header names are written; an empty field is NULL. The file is read
here, as text, once; what the values mean (their types, the table they go to) is the
desired database's to say (`schematool.diff.rows`). A file that cannot be read this far
is refused at its line, so a typo never turns into a plan that deletes rows.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schematool.errors import LoadError

_KEY = re.compile(r"#\s*key\s*:\s*(?P<columns>.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class DeclaredRow:
    """One row as the file writes it: its line, and a value (or None: NULL) per column."""

    line: int
    values: tuple[str | None, ...]


@dataclass(frozen=True)
class DeclaredTable:
    """A table's declared rows, keyed by `key` (a subset of `columns`)."""

    file: str  # as users see it: data/audiobooks.marketplace.csv
    schema: str
    table: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[DeclaredRow, ...]
    header_line: int

    def key_of(self, row: DeclaredRow) -> tuple[str | None, ...]:
        return tuple(row.values[self.columns.index(k)] for k in self.key)

    def to_json(self) -> list[Any]:
        """What the rows say, for the plan's fingerprint of the desired state."""
        return [self.file, list(self.key), list(self.columns), [list(r.values) for r in self.rows]]


def read_declared(data_dir: Path | None, label: str) -> tuple[DeclaredTable, ...]:
    """Every `<schema>.<table>.csv` of the folder, sorted by name; none when there is no
    folder (a project that declares no rows needs none)."""
    if data_dir is None or not data_dir.is_dir():
        return ()
    files = sorted(p for p in data_dir.iterdir() if p.suffix == ".csv")
    return tuple(read_file(path, f"{label}/{path.name}") for path in files)


def read_file(path: Path, name: str) -> DeclaredTable:
    schema, table = _table_of(path, name)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise LoadError(name, line, "not UTF-8 text") from None
    lines = text.splitlines()
    key, header_at = _key_and_header(lines, name)
    records = list(_records(text, header_at, name))
    if not records:
        raise LoadError(name, None, "no header line naming the columns after `# key: ...`")
    header_line, header = records[0]
    columns = tuple(c.strip() for c in header)
    _check_header(columns, key, name, header_line)
    rows = tuple(_row(fields, columns, key, name, line) for line, fields in records[1:])
    _check_unique(rows, columns, key, name)
    return DeclaredTable(name, schema, table, key, columns, rows, header_line)


def _table_of(path: Path, name: str) -> tuple[str, str]:
    parts = path.name[: -len(".csv")].split(".")
    if len(parts) != 2 or not all(parts):
        raise LoadError(name, None, "a data file is named <schema>.<table>.csv")
    return parts[0], parts[1]


def _key_and_header(lines: list[str], name: str) -> tuple[tuple[str, ...], int]:
    """The key the comment lines before the header name, and the header's index."""
    key: tuple[str, ...] = ()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            if not key:
                raise LoadError(
                    name, index + 1, "no `# key: column[, column...]` line before the header"
                )
            return key, index
        found = _KEY.match(stripped)
        if found:
            key = tuple(c.strip() for c in found.group("columns").split(","))
            if not all(key):
                raise LoadError(name, index + 1, "`# key:` names no column (or an empty one)")
    if not key:
        raise LoadError(name, None, "no `# key: column[, column...]` line before the header")
    return key, len(lines)


def _records(text: str, header_at: int, name: str) -> list[tuple[int, list[str]]]:
    """The CSV records from the header on, each with the line it starts on (blank lines
    are no rows)."""
    body = io.StringIO("".join(text.splitlines(keepends=True)[header_at:]))
    reader = csv.reader(body, strict=True)
    records = []
    try:
        start = reader.line_num
        for fields in reader:
            if fields:
                records.append((header_at + start + 1, fields))
            start = reader.line_num
    except csv.Error as error:
        raise LoadError(name, header_at + reader.line_num, f"not CSV: {error}") from None
    return records


def _check_header(columns: tuple[str, ...], key: tuple[str, ...], name: str, line: int) -> None:
    if not all(columns):
        raise LoadError(name, line, "the header names an empty column")
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if twice:
        raise LoadError(name, line, f"the header names {', '.join(twice)} twice")
    missing = [k for k in key if k not in columns]
    if missing:
        raise LoadError(name, line, f"the key column(s) {', '.join(missing)} are not in the header")


def _row(
    fields: list[str], columns: tuple[str, ...], key: tuple[str, ...], name: str, line: int
) -> DeclaredRow:
    if len(fields) != len(columns):
        raise LoadError(
            name, line, f"{len(fields)} field(s) where the header names {len(columns)} column(s)"
        )
    values = tuple(field if field != "" else None for field in fields)
    empty = [k for k in key if values[columns.index(k)] is None]
    if empty:
        raise LoadError(name, line, f"the key column(s) {', '.join(empty)} are empty")
    return DeclaredRow(line, values)


def _check_unique(
    rows: tuple[DeclaredRow, ...], columns: tuple[str, ...], key: tuple[str, ...], name: str
) -> None:
    seen: dict[tuple[str | None, ...], int] = {}
    for row in rows:
        value = tuple(row.values[columns.index(k)] for k in key)
        if value in seen:
            raise LoadError(
                name, row.line, f"key {_shown(key, value)} is declared on line {seen[value]} too"
            )
        seen[value] = row.line


def _shown(key: tuple[str, ...], value: tuple[str | None, ...]) -> str:
    return ", ".join(f"{k}={v}" for k, v in zip(key, value, strict=True))
