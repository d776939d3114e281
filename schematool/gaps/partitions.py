"""Partitioned tables migra gets wrong:

- an index or primary key on a partitioned table: migra creates it `ON ONLY` the parent
  and again on each partition, and never attaches them, so the parent's index stays
  invalid (and a primary key on it fails). The parent's index or constraint is created
  without ONLY instead, which creates and attaches the partitions' own;
- a partition whose bounds change: detached and attached again with the new bounds;
- a table migra recreates as partitioned: its new partitions wait for it;
- a partition's own NOT NULL or default on a column of its parent (`PARTITION OF p
  (c NOT NULL DEFAULT ...)`): migra compares neither. A partition the plan creates takes
  its parent's at creation; its own are set after.
"""

from __future__ import annotations

from typing import Any

from schematool.change import Change
from schematool.gaps.context import Context, change, changes, con, rel
from schematool.names import ident

Attrs = dict[str, Any]


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    replacements.update(_indexes_through_parent(context))
    replacements.update(_partitions_after_parent(context))
    replacements.update(_partitions_go_with_parent(context))
    return replacements


def late(context: Context) -> list[Change]:
    result = []
    have_all = context.current.get("table", {})
    for identity, want in sorted(context.desired.get("table", {}).items()):
        have = have_all.get(identity)
        if have is None or f"table:{identity}" in context.dropped:
            continue
        parent = want.get("partition_of")
        if (
            parent
            and have.get("partition_of") == parent
            and have.get("partition_bound") != want.get("partition_bound")
        ):
            result.append(f"ALTER TABLE {parent} DETACH PARTITION {identity};")
            result.append(
                f"ALTER TABLE {parent} ATTACH PARTITION {identity} {want['partition_bound']};"
            )
    result += _column_overrides(context)
    return changes(result)


def _column_overrides(context: Context) -> list[str]:
    """ALTER COLUMN ... SET/DROP NOT NULL and SET/DROP DEFAULT where a partition's column
    differs from what it has after the plan's other changes: the target's own, or (for
    a partition the plan creates, or whose parent's column changes: both recurse) its
    parent's."""
    result = []
    tables, columns = context.desired.get("table", {}), context.desired.get("column", {})
    have_columns = context.current.get("column", {})
    for identity, want in sorted(columns.items()):
        parent = tables.get(want["table"], {}).get("partition_of")
        if not parent or want.get("generated") or want.get("identity"):
            continue
        parents_column = columns.get(f"{parent}.{ident(want['name'])}")
        if parents_column is None:
            continue
        have = have_columns.get(identity)
        made = have is None or f"table:{want['table']}" in context.dropped
        if made or _changes(have_columns.get(f"{parent}.{ident(want['name'])}"), parents_column):
            have = parents_column
        result += _column_settings(want, have)
    return result


def _changes(have: Attrs | None, want: Attrs) -> bool:
    return have is None or (have.get("default"), have.get("not_null")) != (
        want.get("default"),
        want.get("not_null"),
    )


def _column_settings(want: Attrs, have: Attrs) -> list[str]:
    alter = f"ALTER TABLE {want['table']} ALTER COLUMN {ident(want['name'])}"
    result = []
    if bool(want.get("not_null")) != bool(have.get("not_null")):
        result.append(f"{alter} {'SET' if want.get('not_null') else 'DROP'} NOT NULL;")
    if want.get("default") != have.get("default"):
        default = want.get("default")
        result.append(f"{alter} SET DEFAULT {default};" if default else f"{alter} DROP DEFAULT;")
    return result


def _indexes_through_parent(context: Context) -> dict[Change, list[Change]]:
    result: dict[Change, list[Change]] = {}
    indexes = context.desired.get("index", {})
    constraints = {a.get("index"): a for a in context.desired.get("constraint", {}).values()}
    for identity, attrs in indexes.items():
        only = _create(context, identity, on_only=True)
        if only is None:
            continue
        children = [i for i, a in indexes.items() if a.get("partition_of") == identity]
        for child in children:
            if child in context.current.get("index", {}):
                continue  # an existing index the server attaches by itself
            result.update({c: [] for c in _changes_about(context, child, constraints)})
        constraint = constraints.get(identity)
        if constraint is None:
            result[only] = [change(attrs["definition"].replace(" ON ONLY ", " ON ", 1) + ";")]
            continue
        result[only] = []
        for found in _changes_about(context, identity, constraints):
            if found.op.what == "add constraint":
                result[found] = [
                    change(
                        f"ALTER TABLE {constraint['table']} ADD CONSTRAINT"
                        f" {ident(constraint['name'])} {constraint['definition']};"
                    )
                ]
    return result


def _create(context: Context, identity: str, on_only: bool) -> Change | None:
    found = context.find(rel(identity), "create", kind="index")
    return next((c for c in found if c.op.only == on_only), None)


def _changes_about(context: Context, index: str, constraints: dict) -> list[Change]:
    """migra's changes creating the index and adding the constraint it backs."""
    found = []
    create = _create(context, index, on_only=False)
    if create:
        found.append(create)
    constraint = constraints.get(index)
    if constraint:
        found += context.find(con(constraint["table"], constraint["name"]), "add constraint")
    return found


def _partitions_after_parent(context: Context) -> dict[Change, list[Change]]:
    """A partition migra creates before the table it recreates as partitioned waits."""
    result: dict[Change, list[Change]] = {}
    for identity, attrs in context.desired.get("table", {}).items():
        parent = attrs.get("partition_of")
        if not parent or f"table:{parent}" not in context.dropped:
            continue
        creates = [
            c
            for c in context.find(rel(identity), "create", kind="table")
            if c.op.detail("partition_of")
        ]
        parents = [
            c
            for c in context.find(rel(parent), "create", kind="table")
            if not c.op.detail("partition_of")
        ]
        if len(creates) == 1 and len(parents) == 1:
            if context.changes.index(creates[0]) < context.changes.index(parents[0]):
                result[creates[0]] = []
                result[parents[0]] = [*result.get(parents[0], [parents[0]]), creates[0]]
    return result


def _partitions_go_with_parent(context: Context) -> dict[Change, list[Change]]:
    """Dropping a partitioned table drops its partitions: migra drops them after it."""
    result: dict[Change, list[Change]] = {}
    for identity, attrs in context.current.get("table", {}).items():
        parent = attrs.get("partition_of")
        if parent and context.find(rel(parent), "drop", kind="table"):
            result.update({c: [] for c in context.find(rel(identity), "drop", kind="table")})
    return result
