"""Stage 4: the locks a statement takes on tables it does not name.

PostgreSQL takes ACCESS EXCLUSIVE on the table a foreign key references when the key
goes (it drops the key's triggers there), whether the key is dropped itself, with its
column or with its table; and on a partition's parent when the partition is dropped.
`ALTER DOMAIN` that checks existing values (`ADD CONSTRAINT` without `NOT VALID`, `SET
NOT NULL`, `VALIDATE CONSTRAINT`) takes SHARE on every relation with a column of the
domain, or of a domain over it. The statement's text cannot say which tables those are;
the target's catalog can.
Found by observing `pg_locks` in the apply's transaction (tests/observe.py): a lock
missing here is one the blocker report and `--online` never see.
"""

from __future__ import annotations

import re
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
from schematool.inspect.records import Catalog
from schematool.names import Node, names_in, split_name


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


def domain_users(current: Snapshot) -> dict[Node, tuple[Node, ...]]:
    """The target's domains, each with the relations that have a column of it or of a
    domain over it (PostgreSQL's `get_rels_with_domain` recurses the same way). Types
    are read as the snapshot spells them, schema-qualified (`inspect.catalog` pins
    search_path to pg_catalog)."""
    direct: dict[str, list[Node]] = {}
    for column in current.get("column", {}).values():
        table = ("rel", *split_name(column["table"]))
        users = direct.setdefault(column.get("type") or "", [])
        if table not in users:
            users.append(table)
    domains = current.get("domain", {})
    over: dict[str, list[str]] = {}
    for identity, domain in domains.items():
        over.setdefault(domain.get("type") or "", []).append(identity)

    def users_of(identity: str, seen: frozenset[str]) -> list[Node]:
        found = list(direct.get(identity, ()))
        for sub in over.get(identity, ()):
            if sub not in seen:
                found += users_of(sub, seen | {sub})
        return found

    return {
        ("rel", *split_name(identity)): tuple(dict.fromkeys(users_of(identity, frozenset())))
        for identity in domains
    }


def added(changes: Iterable[Change], current: Snapshot) -> list[Change]:
    """`changes` with the locks they take on tables they do not name (see the module)."""
    keys, parents = foreign_keys(current), partition_parents(current)
    domains = domain_users(current)
    return [_with_implied(change, keys, parents, domains) for change in changes]


def _with_implied(
    change: Change,
    keys: Mapping[Node, ForeignKey],
    parents: Mapping[Node, Node],
    domains: Mapping[Node, tuple[Node, ...]],
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
        if _checks_domain(op)
        for table in domains.get(op.node, ())
    ]
    if not extra:
        return change
    return replace(change, locks=merged_locks([*change.locks, *extra]))


def _checks_domain(op: Op) -> bool:
    """An ALTER DOMAIN that reads every stored value of the domain."""
    if op.kind != "domain":
        return False
    if op.what == "add constraint":
        return not op.not_valid
    return op.what in ("set not null", "validate constraint")


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


def filled_by_rewrite(desired: Catalog) -> frozenset[Node]:
    """Columns that ADD COLUMN fills by rewriting the table, though its text names no
    volatile function: a column of a domain with constraints (PostgreSQL checks each
    row's value), or one whose default calls a volatile function of the schema's own
    (`pg_get_functiondef` spells IMMUTABLE and STABLE, never the default VOLATILE)."""
    constrained: set[str] = set()
    grew = True
    while grew:  # a domain over a domain with constraints has them too
        grew = False
        for identity, domain in desired.domains.items():
            if identity not in constrained and (
                domain.checks or domain.not_null or domain.type in constrained
            ):
                constrained.add(identity)
                grew = True
    volatile: set[str] = set()
    for identity, function in desired.functions.items():
        if function.definition and not _VOLATILITY.search(function.definition):
            name = identity.split("(", 1)[0]
            volatile |= {name, split_name(name)[-1]}
    found = set()
    for identity, column in desired.columns.items():
        calls = volatile and column.default and names_in(column.default) & volatile
        if column.type in constrained or calls:
            found.add(("col", *split_name(identity)))
    return frozenset(found)


_VOLATILITY = re.compile(r"^ (IMMUTABLE|STABLE)\b", re.MULTILINE)
