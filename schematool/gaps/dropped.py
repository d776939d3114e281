"""Which objects migra's statements drop: their comments, FORCE flags and grants go with them.

migra spells its drops in a few fixed ways (schemainspect's `drop_statement`s); each is
matched here and resolved against the current snapshot, then widened to what the server
drops along with it (a table's columns, constraints, indexes, triggers, ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from schematool.catalog import Snapshot
from schematool.gaps.quoting import split_name

# migra quotes every name; the gap modules quote like quote_ident and write keywords in
# capitals: both spellings are read.
_NAME = r'(?:"(?:[^"]|"")*"|[a-z_][a-z0-9_$]*)'
_QUALIFIED = rf"({_NAME}\.{_NAME})"
_ROUTINES = "function|procedure|aggregate|window function"

# statement pattern -> kinds the dropped name may be (a bare `drop type` is any type)
_DROPS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(rf"drop table {_QUALIFIED};", re.I), ("table",)),
    (re.compile(rf"drop view if exists {_QUALIFIED};", re.I), ("view",)),
    (re.compile(rf"drop materialized view if exists {_QUALIFIED};", re.I), ("materialized_view",)),
    (re.compile(rf"drop (?:{_ROUTINES}) if exists {_QUALIFIED}\(", re.I), ("function",)),
    (re.compile(rf"drop type {_QUALIFIED};", re.I), ("enum", "composite_type", "range_type")),
    # enums that lose a label are renamed away, recreated, then dropped
    (re.compile(rf"alter type {_QUALIFIED} rename to ", re.I), ("enum",)),
    (re.compile(rf"drop domain {_QUALIFIED};", re.I), ("domain",)),
    (re.compile(rf"drop index if exists {_QUALIFIED};", re.I), ("index",)),
    (re.compile(rf"drop sequence if exists {_QUALIFIED};", re.I), ("sequence",)),
    (re.compile(rf"drop collation if exists {_QUALIFIED};", re.I), ("collation",)),
    (re.compile(rf"drop schema if exists ({_NAME});", re.I), ("schema",)),
    (re.compile(rf"drop extension if exists ({_NAME});", re.I), ("extension",)),
    (re.compile(rf"alter table {_QUALIFIED} drop column ({_NAME});", re.I), ("column",)),
    (re.compile(rf"alter table {_QUALIFIED} drop constraint ({_NAME});", re.I), ("constraint",)),
    (re.compile(rf"drop trigger if exists ({_NAME}) on {_QUALIFIED};", re.I), ("trigger",)),
    (re.compile(rf"drop policy ({_NAME}) on {_QUALIFIED};", re.I), ("policy",)),
]

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


def dropped_keys(current: Snapshot, statements: Iterable[str]) -> set[str]:
    """`kind:identity` keys of the current snapshot's objects that `statements` drop."""
    matches = [m for statement in statements for m in _matches(statement.strip())]
    if not matches:
        return set()  # most plans drop nothing: spare the index of every object
    lookup = _lookup(current)
    keys: set[str] = set()
    for kind, names in matches:
        keys |= lookup.get((kind, names), set())
    return _with_dependents(current, keys)


def _matches(statement: str) -> list[tuple[str, tuple[str, ...]]]:
    for pattern, kinds in _DROPS:
        match = pattern.match(statement)
        if match:
            names = _names(match.groups())
            if kinds in (("trigger",), ("policy",)):
                names = names[1:] + names[:1]  # `name on table` -> (schema, table, name)
            return [(kind, names) for kind in kinds]
    return []


def _names(groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(part for group in groups for part in split_name(group))


def _lookup(current: Snapshot) -> dict[tuple[str, tuple[str, ...]], set[str]]:
    """(kind, raw names) -> keys; a function's raw names stop before its arguments, so
    a drop matches every overload (re-emitting a kept comment is harmless, missing one
    is not)."""
    lookup: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    for kind, objects in current.items():
        for identity in objects:
            lookup.setdefault((kind, split_name(identity)), set()).add(f"{kind}:{identity}")
    return lookup


def _with_dependents(current: Snapshot, keys: set[str]) -> set[str]:
    relations = {key.split(":", 1)[1] for key in keys if key.split(":", 1)[0] in _RELATIONS}
    # a partitioned table's partitions (and theirs) go with it
    grown = True
    while grown:
        partitions = {
            identity
            for identity, attrs in current.get("table", {}).items()
            if attrs.get("partition_of") in relations
        }
        grown = not partitions <= relations
        relations |= partitions
    result = set(keys) | {f"table:{r}" for r in relations if r in current.get("table", {})}
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
        (attrs["table"], attrs["name"])
        for identity, attrs in current.get("column", {}).items()
        if f"column:{identity}" in keys
    }
    for kind in ("constraint", "index", "statistics"):
        for identity, attrs in current.get(kind, {}).items():
            if any((attrs.get("table"), c) in columns for c in attrs.get("columns") or []):
                result.add(f"{kind}:{identity}")
    for identity, attrs in current.get("constraint", {}).items():
        if f"constraint:{identity}" in result and attrs.get("index"):
            result.add(f"index:{attrs['index']}")
    return result
