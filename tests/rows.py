"""Rows survive an apply: a case's `rows.sql` (forward) or `rows.backward.sql` (from
desired to current) is inserted into the target before the plan is made; after the apply
every table present on both sides holds the same rows.

A table is matched by its oid (a renamed table keeps it), else by its name (a table the
plan dropped and created again has lost its rows: that is what this catches). Its
columns are matched by attnum under the same oid (a renamed column or a type change
keeps it), else by name; values are compared as text, so a type change that keeps the
value (integer 1 to bigint 1, varchar to text) compares equal.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from psycopg import sql

from schematool import db

_COLUMNS = """
SELECT c.oid, n.nspname, c.relname, a.attnum, a.attname
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind = 'r'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'schematool')
  AND n.nspname NOT LIKE 'pg\\_%'
ORDER BY c.oid, a.attnum
"""


@dataclass(frozen=True)
class Contents:
    """Each table's columns (attnum, name) and its rows as text, by oid and by name."""

    columns: dict[int, tuple[tuple[str, str], list[tuple[int, str]]]]  # oid -> (name, cols)
    rows: dict[int, Counter[tuple[str | None, ...]]]

    def oid_named(self, name: tuple[str, str]) -> int | None:
        return next((oid for oid, (n, _) in self.columns.items() if n == name), None)


def read(url: str) -> Contents:
    columns: dict[int, tuple[tuple[str, str], list[tuple[int, str]]]] = {}
    rows: dict[int, Counter[tuple[str | None, ...]]] = {}
    with db.connect(url, autocommit=True) as conn:
        for oid, schema, table, attnum, attname in conn.execute(_COLUMNS).fetchall():
            columns.setdefault(oid, ((schema, table), []))[1].append((attnum, attname))
        for oid, ((schema, table), cols) in columns.items():
            query = sql.SQL("SELECT {} FROM ONLY {}").format(
                sql.SQL(", ").join(sql.SQL("{}::text").format(sql.Identifier(c)) for _, c in cols),
                sql.Identifier(schema, table),
            )
            rows[oid] = Counter(tuple(r) for r in conn.execute(query).fetchall())
    return Contents(columns, rows)


def lost(before: Contents, after: Contents) -> list[str]:
    """What the rows before the apply lost in it: one line per table that differs."""
    problems = []
    for oid, (name, cols) in before.columns.items():
        if not before.rows[oid]:
            continue
        same = oid in after.columns
        other = oid if same else after.oid_named(name)
        if other is None:
            continue  # the table is gone on purpose: the desired schema drops it
        after_name, after_cols = after.columns[other]
        key = 0 if same else 1  # attnum under the same oid, else the column's name
        after_at = {col[key]: i for i, col in enumerate(after_cols)}
        kept = [(i, after_at[col[key]]) for i, col in enumerate(cols) if col[key] in after_at]
        want = Counter(tuple(row[i] for i, _ in kept) for row in before.rows[oid].elements())
        got = Counter(tuple(row[j] for _, j in kept) for row in after.rows[other].elements())
        if want != got:
            shown = ".".join(name) + (
                "" if after_name == name else f" (now {'.'.join(after_name)})"
            )
            problems.append(
                f"{shown}: rows {sorted(want.elements(), key=str)[:5]} became"
                f" {sorted(got.elements(), key=str)[:5]}"
            )
    return problems
