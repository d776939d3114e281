"""Table inheritance migra gets wrong:

- a child table created `INHERITS (parent)` with the parent's columns listed again:
  those columns become the child's own (`attislocal`), unlike the desired child's;
- a child that stops inheriting (`NO INHERIT`) keeps the inherited columns, now its
  own: migra adds them again, which fails.
"""

from __future__ import annotations

from schematool.change import Change
from schematool.gaps.context import Context, change, col, rel


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    replacements.update(_inherited_columns_not_restated(context))
    replacements.update(_kept_columns_not_added(context))
    replacements.update(_children_dropped_first(context))
    return replacements


def _inherited_columns_not_restated(context: Context) -> dict[Change, list[Change]]:
    result = {}
    columns = context.desired.get("column", {}).values()
    for identity, attrs in context.desired.get("table", {}).items():
        if not attrs.get("inherits") or identity in context.current.get("table", {}):
            continue
        inherited = {
            c["name"] for c in columns if c["table"] == identity and not c.get("local", True)
        }
        for create in context.find(rel(identity), "create", kind="table"):
            if inherited:
                result[create] = [change(_without_columns(create, inherited))]
    return result


def _without_columns(create: Change, names: set[str]) -> str:
    """migra's CREATE TABLE (one column per line) without the lines that define the
    named columns, found where the parser says each column's definition starts."""
    sql = create.sql
    data = sql.encode("utf-8")
    starts = {
        len(data[:location].decode("utf-8"))
        for name, location in create.op.detail("columns", ())
        if name in names and location >= 0
    }
    head, _, rest = sql.partition("(\n")
    body, _, tail = rest.rpartition("\n)")
    offset = len(head) + 2
    kept = []
    for line in body.split("\n"):
        if not any(offset <= start < offset + len(line) + 1 for start in starts):
            kept.append(line.rstrip(","))
        offset += len(line) + 1
    return f"{head}(\n" + ",\n".join(kept) + f"\n){tail}"


def _kept_columns_not_added(context: Context) -> dict[Change, list[Change]]:
    result: dict[Change, list[Change]] = {}
    have = context.current.get("column", {})
    for identity in context.current.get("table", {}):
        if not context.find(rel(identity), "no inherit"):
            continue
        for column in have.values():
            if column["table"] != identity or column.get("local", True):
                continue
            result.update(
                {c: [] for c in context.find(col(identity, column["name"]), "add column")}
            )
    return result


def _children_dropped_first(context: Context) -> dict[Change, list[Change]]:
    """A parent cannot be dropped before the tables inheriting from it."""
    result: dict[Change, list[Change]] = {}
    position = {change: i for i, change in enumerate(context.changes)}
    for identity, attrs in sorted(context.current.get("table", {}).items()):
        for drop in context.find(rel(identity), "drop", kind="table"):
            for parent in attrs.get("inherits") or []:
                for parent_drop in context.find(rel(parent), "drop", kind="table"):
                    if position[parent_drop] < position[drop]:
                        result[drop] = []
                        prior = result.get(parent_drop, [parent_drop])
                        result[parent_drop] = [*prior[:-1], drop, parent_drop]
    return result
