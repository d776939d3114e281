"""Partitioned tables migra gets wrong:

- an index or primary key on a partitioned table: migra creates it `ON ONLY` the parent
  and again on each partition, and never attaches them, so the parent's index stays
  invalid (and a primary key on it fails). The parent's index or constraint is created
  without ONLY instead, which creates and attaches the partitions' own;
- a partition whose bounds change: detached and attached again with the new bounds;
- a table migra recreates as partitioned: its new partitions wait for it.
"""

from __future__ import annotations

import re
from typing import Any

from schematool.gaps.context import Context
from schematool.names import ident, migra_name, split_name

Attrs = dict[str, Any]


def in_place(context: Context) -> dict[str, list[str]]:
    replacements: dict[str, list[str]] = {}
    replacements.update(_indexes_through_parent(context))
    replacements.update(_partitions_after_parent(context))
    replacements.update(_partitions_go_with_parent(context))
    return replacements


def late(context: Context) -> list[str]:
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
    return result


def _indexes_through_parent(context: Context) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    if not context.mentions(" ON ONLY "):
        return result
    indexes = context.desired.get("index", {})
    constraints = {a.get("index"): a for a in context.desired.get("constraint", {}).values()}
    for identity, attrs in indexes.items():
        only = _create(context.statements, identity, on_only=True)
        if only is None:
            continue
        children = [i for i, a in indexes.items() if a.get("partition_of") == identity]
        for child in children:
            if child in context.current.get("index", {}):
                continue  # an existing index the server attaches by itself
            result.update({s: [] for s in _statements_about(context, child, constraints)})
        constraint = constraints.get(identity)
        if constraint is None:
            result[only] = [attrs["definition"].replace(" ON ONLY ", " ON ", 1) + ";"]
            continue
        result[only] = []
        for statement in _statements_about(context, identity, constraints):
            if " add constraint " in statement:
                result[statement] = [
                    f"ALTER TABLE {constraint['table']} ADD CONSTRAINT {ident(constraint['name'])}"
                    f" {constraint['definition']};"
                ]
    return result


def _create(statements: tuple[str, ...], identity: str, on_only: bool) -> str | None:
    name = ident(split_name(identity)[-1])
    only = "ONLY " if on_only else ""
    pattern = re.compile(rf"CREATE (UNIQUE )?INDEX {re.escape(name)} ON {only}\S")
    return next((s for s in statements if pattern.match(s)), None)


def _statements_about(context: Context, index: str, constraints: dict) -> list[str]:
    """migra's statements creating the index and adding the constraint it backs."""
    found = []
    create = _create(context.statements, index, on_only=False)
    if create:
        found.append(create)
    constraint = constraints.get(index)
    if constraint:
        add = (
            f'alter table {migra_name(constraint["table"])} add constraint "{constraint["name"]}" '
        )
        found += [s for s in context.statements if s.startswith(add)]
    return found


def _partitions_after_parent(context: Context) -> dict[str, list[str]]:
    """A partition migra creates before the table it recreates as partitioned waits."""
    result: dict[str, list[str]] = {}
    for identity, attrs in context.desired.get("table", {}).items():
        parent = attrs.get("partition_of")
        if not parent or f"table:{parent}" not in context.dropped:
            continue
        partition = re.compile(rf"create table {re.escape(migra_name(identity))} partition of ")
        recreate = re.compile(rf"create table {re.escape(migra_name(parent))} \(")
        creates = [s for s in context.statements if partition.match(s)]
        parents = [s for s in context.statements if recreate.match(s)]
        if len(creates) == 1 and len(parents) == 1:
            if context.statements.index(creates[0]) < context.statements.index(parents[0]):
                result[creates[0]] = []
                result[parents[0]] = result.get(parents[0], [parents[0]]) + [creates[0]]
    return result


def _partitions_go_with_parent(context: Context) -> dict[str, list[str]]:
    """Dropping a partitioned table drops its partitions: migra drops them after it."""
    result: dict[str, list[str]] = {}
    for identity, attrs in context.current.get("table", {}).items():
        parent = attrs.get("partition_of")
        if parent and f"drop table {migra_name(parent)};" in context.statements:
            result[f"drop table {migra_name(identity)};"] = []
    return result
