"""Per-column settings migra does not compare: statistics target, storage, compression
and attribute options (`ALTER TABLE t ALTER COLUMN c SET STATISTICS | STORAGE |
COMPRESSION | (n_distinct = ...)`). A column the plan adds starts with the defaults; so
do the storage and compression of a column whose type a change before alters
(`ALTER COLUMN ... TYPE` gives the column its new type's storage and the default
compression). A table with inheritance children or partitions is altered ONLY: SET
STATISTICS and SET STORAGE recurse to the children, whose own settings are compared
(and set) on their own.
"""

from __future__ import annotations

from dataclasses import replace

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.diff.gaps import reloptions
from schematool.grammar.change import Change
from schematool.inspect.records import Column
from schematool.names import ident, node_of

# storage of the varlena types' own, when a column goes back to its type's default and
# the server may predate SET STORAGE DEFAULT (PostgreSQL 16)
_TYPE_STORAGE = {"numeric": "main"}
_COMPRESSION = {"p": "pglz", "l": "lz4"}  # pg_attribute.attcompression


def late(context: Context) -> list[Change]:
    result = []
    have_all = context.current_catalog.columns
    parents = _parents(context)
    for identity, want in sorted(context.desired_catalog.columns.items()):
        have = have_all.get(identity)
        gone = f"column:{identity}" in context.dropped or f"table:{want.table}" in context.dropped
        if have is None or gone:
            have = Column.of(identity, {})  # a new column: every setting its default
        elif _retyped(context, identity):
            have = replace(have, storage=None, compression=None)
        only = "ONLY " if want.table in parents else ""
        alter = f"ALTER TABLE {only}{want.table} ALTER COLUMN {ident(want.name)}"
        result += _settings(alter, have, want)
        result += reloptions.option_changes(alter, have.options or [], want.options or [])
    return changes(result)


def _parents(context: Context) -> frozenset[str]:
    """Tables that have inheritance children or partitions, on either side."""
    found: set[str] = set()
    for catalog in (context.current_catalog, context.desired_catalog):
        for table in catalog.tables.values():
            found.update(table.inherits or ())
            if table.partition_of:
                found.add(table.partition_of)
    return frozenset(found)


def _retyped(context: Context, identity: str) -> bool:
    node = node_of("column", identity)
    return node is not None and bool(context.find(node, "type", kind="column"))


def _settings(alter: str, have: Column, want: Column) -> list[str]:
    result = []
    if have.statistics != want.statistics:
        statistics = -1 if want.statistics is None else want.statistics
        result.append(f"{alter} SET STATISTICS {statistics};")
    if have.storage != want.storage:
        storage = want.storage or _TYPE_STORAGE.get(want.type.split("(")[0], "extended")
        result.append(f"{alter} SET STORAGE {storage.upper()};")
    if have.compression != want.compression:
        method = _COMPRESSION.get(want.compression or "", "DEFAULT")
        result.append(f"{alter} SET COMPRESSION {method};")
    return result


PLUGIN = Plugin(
    "columns",
    late=late,
    after=("sequence_swaps",),  # (order kept)
)
