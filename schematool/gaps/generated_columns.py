"""Generated columns whose expression changes, and columns they read that change type.

migra spells a new generation expression `ALTER COLUMN ... SET DEFAULT`, which fails,
and changes the type of a column a generated column reads, which PostgreSQL refuses.
PostgreSQL 17 and later change an expression in place (`SET EXPRESSION`), keeping the
column's indexes, grants and comments. Otherwise the generated column is dropped before
migra's statements about the table and added back after them, and the indexes and
constraints the drop took with it are created again.
"""

from __future__ import annotations

import re
from typing import Any

from schematool.catalog import Snapshot
from schematool.gaps.context import Context
from schematool.names import ident, migra_name

Attrs = dict[str, Any]

SET_EXPRESSION_SINCE = 17


def in_place(context: Context) -> dict[str, list[str]]:
    replacements: dict[str, list[str]] = {}
    have, want = _columns_by_table(context.current), _columns_by_table(context.desired)
    # only a table with a generated column now has anything to fix here
    tables = {t for t, columns in have.items() if any(c.get("generated") for c in columns.values())}
    for table in sorted(tables & want.keys()):
        replacements.update(_table_replacements(context, table, have[table], want[table]))
    return replacements


def _table_replacements(
    context: Context, table: str, have: dict[str, Attrs], want: dict[str, Attrs]
) -> dict[str, list[str]]:
    statements = _column_statements(context.statements, table)
    both = [name for name in want if name in have]
    generated = [n for n in both if have[n].get("generated") and want[n].get("generated")]
    changed = [
        n for n in generated if have[n]["generated"] != want[n]["generated"] and n in statements
    ]
    if any(
        _touches(s, name) for name in generated for s in _adds_or_drops(context.statements, table)
    ):
        return {}  # migra drops and adds generated columns of this table itself
    settable = [n for n in changed if _settable(context, have[n], want[n])]
    retyped = [n for n in both if n not in generated and _retypes(statements.get(n, []))]
    rebuilt = [n for n in changed if n not in settable]
    rebuilt += [
        n for n in generated if n not in changed and any(_reads(have[n], base) for base in retyped)
    ]
    result = {
        s: [_set_expression(table, n, want[n])]
        for n in settable
        for s in statements[n]
        if " set default " in s
    }
    if rebuilt:
        result.update(_rebuild(context, table, rebuilt, retyped, statements, want))
    return result


def _rebuild(
    context: Context,
    table: str,
    rebuilt: list[str],
    retyped: list[str],
    statements: dict[str, list[str]],
    want: dict[str, Attrs],
) -> dict[str, list[str]]:
    """Drop the generated columns before the first of migra's statements about them or
    the columns they read, add them back after the last."""
    removed = [s for n in rebuilt for s in statements.get(n, [])]
    kept = [s for n in retyped for s in statements.get(n, [])]
    anchors = sorted(set(removed + kept), key=context.statements.index)
    result: dict[str, list[str]] = {s: ([s] if s in kept else []) for s in anchors}
    drops = [f"ALTER TABLE {table} DROP COLUMN {ident(n)};" for n in rebuilt]
    adds = [_add_column(table, n, want[n]) for n in rebuilt]
    adds += _dependents(context, table, set(rebuilt))
    result[anchors[0]] = drops + result[anchors[0]]
    result[anchors[-1]] = result[anchors[-1]] + adds
    return result


def _columns_by_table(snapshot: Snapshot) -> dict[str, dict[str, Attrs]]:
    tables: dict[str, dict[str, Attrs]] = {}
    for attrs in snapshot.get("column", {}).values():
        tables.setdefault(attrs["table"], {})[attrs["name"]] = attrs
    return tables


def _column_statements(migra: tuple[str, ...], table: str) -> dict[str, list[str]]:
    """migra's `alter table T alter column C ...` statements, by column name (C is quoted,
    except in migra's enum recasts)."""
    prefix = re.compile(
        rf"alter table {re.escape(migra_name(table))} alter column "
        r'("(?:[^"]|"")*"|[^\s"]+) ',
    )
    found: dict[str, list[str]] = {}
    for statement in migra:
        match = prefix.match(statement)
        if match:
            name = match.group(1)
            if name.startswith('"'):
                name = name[1:-1].replace('""', '"')
            found.setdefault(name, []).append(statement)
    return found


def _adds_or_drops(migra: tuple[str, ...], table: str) -> list[str]:
    prefix = f"alter table {migra_name(table)} "
    return [
        s
        for s in migra
        if s.startswith(prefix + "add column ") or s.startswith(prefix + "drop column ")
    ]


def _touches(statement: str, name: str) -> bool:
    return f'column "{name}"' in statement


def _retypes(statements: list[str]) -> bool:
    return any(re.search(r" alter column \S+ (set data )?type ", s) for s in statements)


def _settable(context: Context, have: Attrs, want: Attrs) -> bool:
    """The server has SET EXPRESSION and the column stays stored (or virtual)."""
    return (
        context.server_version >= SET_EXPRESSION_SINCE
        and have["generated"]["kind"] == want["generated"]["kind"]
    )


def _reads(column: Attrs, name: str) -> bool:
    quoted = ident(name)
    pattern = (
        re.escape(quoted) if quoted.startswith('"') else rf"(?<![\w$\"]){re.escape(name)}(?![\w$])"
    )
    return re.search(pattern, column["generated"]["expression"]) is not None


def _set_expression(table: str, name: str, want: Attrs) -> str:
    expression = want["generated"]["expression"]
    return f"ALTER TABLE {table} ALTER COLUMN {ident(name)} SET EXPRESSION AS ({expression});"


def _add_column(table: str, name: str, want: Attrs) -> str:
    parts = [f"ALTER TABLE {table} ADD COLUMN {ident(name)} {want['type']}"]
    if want.get("collation"):
        parts.append(f"COLLATE {want['collation']}")
    generated = want["generated"]
    parts.append(f"GENERATED ALWAYS AS ({generated['expression']}) {generated['kind'].upper()}")
    if want.get("not_null"):
        parts.append("NOT NULL")
    return " ".join(parts) + ";"


def _dependents(context: Context, table: str, columns: set[str]) -> list[str]:
    """Indexes and constraints of the table that dropping `columns` drops, as desired."""
    migra_text = "\n".join(context.statements)
    result = []
    for kind in ("constraint", "index"):
        have = context.current.get(kind, {})
        want = context.desired.get(kind, {})
        for identity, attrs in sorted(have.items()):
            if attrs["table"] != table or not columns & set(attrs.get("columns") or []):
                continue
            if identity not in want or want[identity].get("constraint"):
                continue  # gone, or an index a constraint creates
            if _handled_by_migra(kind, want[identity], migra_text):
                continue
            result.append(_create(kind, identity, want[identity]))
    return result


def _handled_by_migra(kind: str, attrs: Attrs, migra_text: str) -> bool:
    if kind == "constraint":
        return f'constraint "{attrs["name"]}"' in migra_text
    return attrs["definition"] in migra_text


def _create(kind: str, identity: str, attrs: Attrs) -> str:
    if kind == "index":
        return attrs["definition"] + ";"
    return (
        f"ALTER TABLE {attrs['table']} ADD CONSTRAINT {ident(attrs['name'])} {attrs['definition']};"
    )
