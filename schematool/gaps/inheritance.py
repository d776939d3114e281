"""Table inheritance migra gets wrong:

- a child table created `INHERITS (parent)` with the parent's columns listed again:
  those columns become the child's own (`attislocal`), unlike the desired child's;
- a child that stops inheriting (`NO INHERIT`) keeps the inherited columns, now its
  own: migra adds them again, which fails.
"""

from __future__ import annotations

import re

from schematool.gaps.context import Context
from schematool.names import migra_name


def in_place(context: Context) -> dict[str, list[str]]:
    replacements: dict[str, list[str]] = {}
    replacements.update(_inherited_columns_not_restated(context))
    replacements.update(_kept_columns_not_added(context))
    replacements.update(_children_dropped_first(context))
    return replacements


def _inherited_columns_not_restated(context: Context) -> dict[str, list[str]]:
    result = {}
    columns = context.desired.get("column", {}).values()
    for identity, attrs in context.desired.get("table", {}).items():
        if not attrs.get("inherits") or identity in context.current.get("table", {}):
            continue
        inherited = [
            c["name"] for c in columns if c["table"] == identity and not c.get("local", True)
        ]
        create = f"create table {migra_name(identity)} ("
        for statement in context.statements:
            if statement.startswith(create) and inherited:
                result[statement] = [_without_columns(statement, inherited)]
    return result


def _without_columns(create: str, names: list[str]) -> str:
    """migra's CREATE TABLE, one column per line, without the named columns' lines."""
    head, _, rest = create.partition("(\n")
    body, _, tail = rest.rpartition("\n)")
    lines = [line.rstrip(",") for line in body.split("\n")]
    kept = [line for line in lines if not any(line.strip().startswith(f'"{n}" ') for n in names)]
    return f"{head}(\n" + ",\n".join(kept) + f"\n){tail}"


def _kept_columns_not_added(context: Context) -> dict[str, list[str]]:
    result = {}
    if not context.mentions(" no inherit "):
        return result
    have = context.current.get("column", {})
    for identity in context.current.get("table", {}):
        detach = re.compile(rf"alter table {re.escape(migra_name(identity))} no inherit ")
        if not any(detach.match(s) for s in context.statements):
            continue
        for column in have.values():
            if column["table"] != identity or column.get("local", True):
                continue
            add = f'alter table {migra_name(identity)} add column "{column["name"]}" '
            result.update({s: [] for s in context.statements if s.startswith(add)})
    return result


def _children_dropped_first(context: Context) -> dict[str, list[str]]:
    """A parent cannot be dropped before the tables inheriting from it."""
    result: dict[str, list[str]] = {}
    for identity, attrs in sorted(context.current.get("table", {}).items()):
        drop = f"drop table {migra_name(identity)};"
        if drop not in context.statements:
            continue
        for parent in attrs.get("inherits") or []:
            parent_drop = f"drop table {migra_name(parent)};"
            if parent_drop in context.statements and (
                context.statements.index(parent_drop) < context.statements.index(drop)
            ):
                result[drop] = []
                result[parent_drop] = [*result.get(parent_drop, []), drop, parent_drop]
    return result
