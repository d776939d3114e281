"""Which objects a plan's changes drop: their comments, FORCE flags and grants go with them.

Each drop (and migra's rename of an enum it replaces) names its object by Node; that is
resolved against the current snapshot, then widened to what the server drops along with
it (a table's columns, constraints, indexes, triggers, ...).
"""

from __future__ import annotations

from collections.abc import Iterable

from schematool.grammar.change import DROP, RENAME, Change
from schematool.inspect.catalog import Snapshot
from schematool.inspect.records import catalog as catalog_of
from schematool.names import Node, node_of

# kinds whose objects hang off a table or view (attrs["table"]) and vanish with it
_TABLE_CHILDREN = (
    "column",
    "constraint",
    "index",
    "trigger",
    "rule",
    "policy",
    "statistics",
    "identity_sequence",
)
_RELATIONS = ("table", "view", "materialized_view")


def dropped_keys(current: Snapshot, changes: Iterable[Change]) -> set[str]:
    """`kind:identity` keys of the current snapshot's objects that `changes` drop."""
    nodes = [op.node for change in changes for op in change.ops if _drops(op.effect, op.kind)]
    if not nodes:
        return set()  # most plans drop nothing: spare the index of every object
    lookup = _lookup(current)
    keys: set[str] = set()
    for node in nodes:
        keys |= lookup.get(node, set())
    return _with_dependents(current, keys)


def _drops(effect: str, kind: str) -> bool:
    """A drop, or migra's rename of an enum it replaces (the old one goes, its
    replacement takes the name)."""
    return effect == DROP or (effect == RENAME and kind == "type")


def _lookup(current: Snapshot) -> dict[Node, set[str]]:
    """Node -> keys; a function's Node has no arguments, so a drop matches every
    overload (re-emitting a kept comment is harmless, missing one is not)."""
    lookup: dict[Node, set[str]] = {}
    for kind, objects in current.items():
        for identity in objects:
            node = node_of(kind, identity)
            if node is not None:
                lookup.setdefault(node, set()).add(f"{kind}:{identity}")
    return lookup


def _with_dependents(current: Snapshot, keys: set[str]) -> set[str]:
    catalog = catalog_of(current)
    relations = {key.split(":", 1)[1] for key in keys if key.split(":", 1)[0] in _RELATIONS}
    # a partitioned table's partitions (and theirs) go with it
    grown = True
    while grown:
        partitions = {
            identity
            for identity, table in catalog.tables.items()
            if table.partition_of in relations
        }
        grown = not partitions <= relations
        relations |= partitions
    result = set(keys) | {f"table:{r}" for r in relations if r in catalog.tables}
    for kind in _TABLE_CHILDREN:
        for identity, attrs in current.get(kind, {}).items():
            if attrs.get("table") in relations:
                result.add(f"{kind}:{identity}")
    # a serial's sequence is owned by its column and dropped with the table
    owners = {f"{r}." for r in relations}
    for identity, attrs in current.get("sequence", {}).items():
        owned_by = attrs.get("owned_by", "")
        if any(owned_by.startswith(owner) for owner in owners):
            result.add(f"sequence:{identity}")
    # a dropped column takes the indexes, constraints and statistics that use it
    columns = {
        (catalog.columns[identity].table, catalog.columns[identity].name)
        for identity in catalog.columns
        if f"column:{identity}" in keys
    }
    for kind in ("constraint", "index", "statistics"):
        for identity, attrs in current.get(kind, {}).items():
            if any((attrs.get("table"), c) in columns for c in attrs.get("columns") or []):
                result.add(f"{kind}:{identity}")
    for identity in catalog.constraints:
        if f"constraint:{identity}" in result and catalog.constraints[identity].index:
            result.add(f"index:{catalog.constraints[identity].index}")
    return result
