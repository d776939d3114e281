"""Stage 4: the locks a statement takes on tables it does not name.

PostgreSQL takes ACCESS EXCLUSIVE on the table a foreign key references when the key
goes (it drops the key's triggers there), whether the key is dropped itself, with its
column or with its table; on a partition's parent when the partition is dropped; and
SHARE on every table with a column of a domain when it checks the domain's values
there (a constraint added, validated, or NOT NULL set).
The statement's text cannot say which tables those are; the target's catalog can.
Found by observing `pg_locks` in the apply's transaction (tests/observe.py): a lock
missing here is one the blocker report and `--online` never see.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from schematool.grammar.change import (
    ACCESS_EXCLUSIVE,
    DROP,
    SHARE,
    Change,
    Lock,
    Op,
    merged_locks,
)
from schematool.grammar.definitions import referenced_key
from schematool.inspect.catalog import Snapshot
from schematool.names import Node, split_name


@dataclass(frozen=True)
class ForeignKey:
    """A foreign key of the target: the table it references and its own columns."""

    referenced: Node
    columns: frozenset[str]


def foreign_keys(current: Snapshot) -> dict[Node, ForeignKey]:
    """The target's foreign keys, by constraint Node."""
    found = {}
    for identity, constraint in current.get("constraint", {}).items():
        if constraint.get("type") != "foreign key" or not constraint.get("definition"):
            continue
        key = referenced_key(constraint["definition"])
        if key is not None:
            columns = frozenset(constraint.get("columns") or ())
            found[("con", *split_name(identity))] = ForeignKey(key[0], columns)
    return found


def partition_parents(current: Snapshot) -> dict[Node, Node]:
    """The target's partitions, each with its parent."""
    return {
        ("rel", *split_name(identity)): ("rel", *split_name(table["partition_of"]))
        for identity, table in current.get("table", {}).items()
        if table.get("partition_of")
    }


def domain_tables(current: Snapshot) -> dict[Node, tuple[Node, ...]]:
    """The target's tables with a column of each domain, by the domain's Node."""
    domains = {identity: ("rel", *split_name(identity)) for identity in current.get("domain", {})}
    found: dict[Node, dict[Node, None]] = {}
    for column in current.get("column", {}).values():
        domain = domains.get(column.get("type", ""))
        if domain is not None and column.get("table") in current.get("table", {}):
            found.setdefault(domain, {})[("rel", *split_name(column["table"]))] = None
    return {domain: tuple(tables) for domain, tables in found.items()}


_CHECKS_DOMAIN_VALUES = frozenset({"add constraint", "validate constraint", "set not null"})


def added(changes: Iterable[Change], current: Snapshot) -> list[Change]:
    """`changes` with the locks they take on tables they do not name (see the module)."""
    keys, parents = foreign_keys(current), partition_parents(current)
    using = domain_tables(current)
    return [_with_implied(change, keys, parents, using) for change in changes]


def _with_implied(
    change: Change,
    keys: Mapping[Node, ForeignKey],
    parents: Mapping[Node, Node],
    using: Mapping[Node, tuple[Node, ...]],
) -> Change:
    extra = [
        Lock(key.referenced, ACCESS_EXCLUSIVE)
        for op in change.ops
        for node, key in keys.items()
        if _drops_key(op, node, key)
    ]
    extra += [
        Lock(parents[op.node], ACCESS_EXCLUSIVE)
        for op in change.ops
        if op.effect == DROP and op.kind == "table" and op.node in parents
    ]
    extra += [
        Lock(table, SHARE)
        for op in change.ops
        if op.kind == "domain" and op.what in _CHECKS_DOMAIN_VALUES and not op.not_valid
        for table in using.get(op.node, ())
    ]
    if not extra:
        return change
    return replace(change, locks=merged_locks([*change.locks, *extra]))


def _drops_key(op: Op, constraint: Node, key: ForeignKey) -> bool:
    if op.effect != DROP:
        return False
    if op.kind == "constraint":
        return op.node == constraint
    if op.kind == "table":
        return op.node == ("rel", *constraint[1:3])
    if op.kind == "column":
        return op.node[:3] == ("col", *constraint[1:3]) and op.node[3] in key.columns
    return False
