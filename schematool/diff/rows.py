"""Stage 3: the row changes that make the target's declared tables hold the declared rows.

A table whose rows the project declares (`project.reference_data`) is compared row by
row, by its declared key: a declared row the target lacks is inserted, one whose
declared columns differ is updated (those columns only), and a row the target holds that
the file does not declare is deleted (`plan.hazards` gives that `data-loss`). Only the
declared columns are read and written, so identity and generated columns are never
written, and a column the application fills is left to it.

Values are compared as PostgreSQL means them: each declared value is cast to its
column's type in the desired database and read back as text (`01` and `1` are one
integer, `t` and `true` one boolean), and the target's are read as text of theirs. The
statements write those values as literals, one statement per row, so a reviewer reads
exactly which rows change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import psycopg
from psycopg import sql

from schematool import db
from schematool.desired.database import DesiredDatabase
from schematool.errors import LoadError, SchemaToolError
from schematool.grammar.change import NONE, ROW_EXCLUSIVE, Change, Lock, Op, Phase
from schematool.inspect.catalog import Snapshot
from schematool.inspect.records import Column
from schematool.inspect.records import catalog as catalog_of
from schematool.names import ident, literal, qualified
from schematool.project.reference_data import DeclaredTable

SOURCE = "rows"
INSERT, UPDATE, DELETE = "insert row", "update row", "delete row"

Key = tuple[str | None, ...]
Values = dict[str, str | None]


@dataclass(frozen=True)
class _Declared:
    """A declared table with its values as PostgreSQL reads them, by key."""

    table: DeclaredTable
    rows: dict[Key, Values]  # in file order


def row_changes(
    conn: psycopg.Connection, current: Snapshot, desired: DesiredDatabase
) -> list[Change]:
    """The statements that make the target (read on `conn`, whose catalog `current` is)
    hold the declared rows: every table's deletes first (a unique value a deleted row
    held is free for another), referring tables before the tables they reference, then
    updates and inserts, referenced tables first (`_reference_order`)."""
    if not desired.data:
        return []
    declared = _normalized(desired)
    deletes: list[Change] = []
    writes: list[Change] = []
    for found in declared:
        gone, changed = _table_changes(conn, current, found)
        deletes = gone + deletes
        writes += changed
    return deletes + writes


def remaining(conn: psycopg.Connection, current: Snapshot, desired: DesiredDatabase) -> list[str]:
    """What apply's verification reports when the target's declared tables do not hold
    the declared rows (empty: they do)."""
    return [f"declared rows still to write: {change.sql}" for change in row_changes(
        conn, current, desired
    )]


# -- the declared side ---------------------------------------------------------------


def _normalized(desired: DesiredDatabase) -> list[_Declared]:
    """Every declared table checked against the desired schema, its values cast there."""
    columns = _columns(desired.snapshot())
    tables = set(desired.snapshot().get("table", {}))
    result = []
    with db.connect(desired.url, autocommit=True) as conn:
        for table in _reference_order(conn, desired.data):
            identity = qualified(table.schema, table.table)
            if identity not in tables:
                raise LoadError(
                    table.file, None, f"the schema files declare no table {identity}"
                )
            types = _column_types(table, columns.get(identity, {}))
            result.append(_Declared(table, _cast_rows(conn, table, types)))
    return result


_REFERENCES = """
select cn.nspname::text, c.relname::text, fn.nspname::text, f.relname::text
from pg_constraint k
join pg_class c on c.oid = k.conrelid join pg_namespace cn on cn.oid = c.relnamespace
join pg_class f on f.oid = k.confrelid join pg_namespace fn on fn.oid = f.relnamespace
where k.contype = 'f' and k.conrelid <> k.confrelid and k.conparentid = 0
"""


def _reference_order(
    conn: psycopg.Connection, tables: Sequence[DeclaredTable]
) -> list[DeclaredTable]:
    """The declared tables with every table after the declared tables its foreign keys
    reference (in the desired database), else in file-name order; tables that reference
    each other in a circle keep their file order."""
    by_name = {(t.schema, t.table): t for t in tables}
    needs: dict[tuple[str, str], set[tuple[str, str]]] = {name: set() for name in by_name}
    for schema, table, ref_schema, ref_table in conn.execute(_REFERENCES).fetchall():
        if (schema, table) in by_name and (ref_schema, ref_table) in by_name:
            needs[(schema, table)].add((ref_schema, ref_table))
    ordered: list[DeclaredTable] = []
    placed: set[tuple[str, str]] = set()
    pending = list(by_name)
    while pending:
        ready = [n for n in pending if needs[n] <= placed] or pending[:1]  # a circle: file order
        first = ready[0]
        ordered.append(by_name[first])
        placed.add(first)
        pending.remove(first)
    return ordered


def _columns(snapshot: Snapshot) -> dict[str, dict[str, Column]]:
    by_table: dict[str, dict[str, Column]] = {}
    for column in catalog_of(snapshot).columns.values():
        if column.table is not None and column.name is not None:
            by_table.setdefault(column.table, {})[column.name] = column
    return by_table


def _column_types(table: DeclaredTable, columns: dict[str, Column]) -> list[str]:
    """Each declared column's type, refusing a column the table lacks and one PostgreSQL
    generates (identity, generated): declared rows never write those."""
    types = []
    for name in table.columns:
        column = columns.get(name)
        where = f"{qualified(table.schema, table.table)}"
        if column is None or column.type is None:
            raise LoadError(table.file, table.header_line, f"{where} has no column {name}")
        if column.generated_identity is not None or column.generated is not None:
            raise LoadError(
                table.file,
                table.header_line,
                f"column {name} of {where} is generated by PostgreSQL"
                " (identity or GENERATED): declared rows never write it; leave it out",
            )
        types.append(column.type)
    return types


def _cast_rows(
    conn: psycopg.Connection, table: DeclaredTable, types: list[str]
) -> dict[Key, Values]:
    """The declared values as PostgreSQL's text of their column's type, by key; a value
    the type refuses, or two rows whose keys are one value, is an error at its line."""
    cast = [_cast_column(conn, table, i, kind) for i, kind in enumerate(types)]
    rows: dict[Key, Values] = {}
    lines: dict[Key, int] = {}
    for index, row in enumerate(table.rows):
        values = {name: cast[i][index] for i, name in enumerate(table.columns)}
        key = tuple(values[k] for k in table.key)
        if key in rows:
            raise LoadError(
                table.file, row.line, f"its key is the key of line {lines[key]} to PostgreSQL"
            )
        rows[key], lines[key] = values, row.line
    return rows


def _cast_column(
    conn: psycopg.Connection, table: DeclaredTable, index: int, kind: str
) -> list[str | None]:
    values = [row.values[index] for row in table.rows]
    query = sql.SQL(
        "SELECT v::{kind}::text FROM unnest(%s::text[]) WITH ORDINALITY AS u(v, i) ORDER BY i"
    ).format(kind=sql.SQL(kind))
    try:
        return [found for (found,) in conn.execute(query, (values,)).fetchall()]
    except psycopg.Error:
        pass
    for row in table.rows:  # which line: cast them one by one
        try:
            one = sql.SQL("SELECT %s::{kind}").format(kind=sql.SQL(kind))
            conn.execute(one, (row.values[index],))
        except psycopg.Error as error:
            reason = error.diag.message_primary or str(error).strip().splitlines()[0]
            raise LoadError(
                table.file, row.line, f"column {table.columns[index]} ({kind}): {reason}"
            ) from None
    raise SchemaToolError(f"{table.file}: the values of {table.columns[index]} cannot be read")


# -- the target's side and the changes ---------------------------------------------------


def _table_changes(
    conn: psycopg.Connection, current: Snapshot, declared: _Declared
) -> tuple[list[Change], list[Change]]:
    """(deletes, updates and inserts) of one table."""
    table = declared.table
    identity = qualified(table.schema, table.table)
    if identity not in current.get("table", {}):  # the plan creates it: all are new
        return [], [_insert(table, values) for values in declared.rows.values()]
    present = _columns(current).get(identity, {})
    missing_key = [k for k in table.key if k not in present]
    if missing_key:
        raise SchemaToolError(
            f"{table.file}: key column(s) {', '.join(missing_key)} of {identity} are not on the"
            " target yet: apply the schema change first, then the declared rows"
        )
    readable = [c for c in table.columns if c in present]
    held = _target_rows(conn, table, readable)
    deletes = [_delete(table, key) for key in held if key not in declared.rows]
    writes = []
    for key, values in declared.rows.items():
        if key not in held:
            writes.append(_insert(table, values))
            continue
        changed = [
            c for c in table.columns
            if c not in table.key and (c not in held[key] or held[key][c] != values[c])
        ]
        if changed:
            writes.append(_update(table, key, {c: values[c] for c in changed}))
    return deletes, writes


def _target_rows(
    conn: psycopg.Connection, table: DeclaredTable, columns: Sequence[str]
) -> dict[Key, Values]:
    """The target's rows of the declared columns it has, as text, by key (its session's
    own view: uncommitted work of the apply's transaction included)."""
    query = sql.SQL("SELECT {} FROM {}").format(
        sql.SQL(", ").join(sql.SQL("{}::text").format(sql.Identifier(c)) for c in columns),
        sql.Identifier(table.schema, table.table),
    )
    rows: dict[Key, Values] = {}
    for found in conn.execute(query).fetchall():
        values = dict(zip(columns, found, strict=True))
        rows[tuple(values[k] for k in table.key)] = values
    return rows


def _where(table: DeclaredTable, key: Key) -> str:
    return " AND ".join(
        f"{ident(name)} IS NULL" if value is None else f"{ident(name)} = {literal(value)}"
        for name, value in zip(table.key, key, strict=True)
    )


def _insert(table: DeclaredTable, values: Values) -> Change:
    columns = ", ".join(ident(c) for c in table.columns)
    listed = ", ".join(literal(values[c]) for c in table.columns)
    statement = f"INSERT INTO {qualified(table.schema, table.table)} ({columns}) VALUES ({listed});"
    return _change(table, tuple(values[k] for k in table.key), INSERT, statement)


def _update(table: DeclaredTable, key: Key, values: Values) -> Change:
    assignments = ", ".join(f"{ident(c)} = {literal(v)}" for c, v in values.items())
    statement = (
        f"UPDATE {qualified(table.schema, table.table)} SET {assignments}"
        f" WHERE {_where(table, key)};"
    )
    return _change(table, key, UPDATE, statement)


def _delete(table: DeclaredTable, key: Key) -> Change:
    statement = f"DELETE FROM {qualified(table.schema, table.table)} WHERE {_where(table, key)};"
    return _change(table, key, DELETE, statement)


def _change(table: DeclaredTable, key: Key, what: str, statement: str) -> Change:
    """The statement as data: a row of the table (named by its key) and what is done to
    it; the table takes ROW EXCLUSIVE, as every write does."""
    relation = ("rel", table.schema, table.table)
    values = ["NULL" if v is None else v for v in key]
    shown_key = ", ".join(f"{k}={v}" for k, v in zip(table.key, values, strict=True))
    op = Op(
        NONE,
        "row",
        ("row", table.schema, table.table, ",".join(values)),  # audiobooks.marketplace.us
        what,
        details=(("file", table.file), ("key", shown_key)),
    )
    return Change(
        statement, (op,), (Lock(relation, ROW_EXCLUSIVE),), source=SOURCE, phase=Phase.LATE
    )
