"""Indexes migra misses: a changed definition it does not compare (storage parameters,
NULLS NOT DISTINCT, ...), the indexes of a materialized view it recreates, and an index
the target holds INVALID (an interrupted `CREATE INDEX CONCURRENTLY` leaves one, which
no query uses but every write maintains): dropped and built again, also when the desired
index backs a unique or primary key that the target does not have yet (the constraint
then adopts the rebuilt index).

A definition that differs only in its storage parameters is altered in place (`ALTER
INDEX ... SET / RESET`); any other difference drops and creates the index again. An
index that backs a constraint is the constraint's business.

Two roles a table gives one of its indexes are here too, because an index the plan
creates or builds again loses them: the index `CLUSTER` uses (`ALTER TABLE ... CLUSTER
ON`, `SET WITHOUT CLUSTER`) and the one that identifies rows to logical replication
(`REPLICA IDENTITY USING INDEX`, with the table's other replica identities: `DEFAULT`,
`FULL`, `NOTHING`). pg_dump prints both; migra compares neither (`diff` keeps its
comparison of the clustered flag away, which would rebuild the index for it).
"""

from __future__ import annotations

from collections.abc import Mapping

from schematool.diff.gapkit.context import Context, changes, con, rel
from schematool.diff.gapkit.plugin import Plugin
from schematool.diff.gaps import reloptions
from schematool.grammar import definitions
from schematool.grammar.change import Change
from schematool.inspect.records import Index
from schematool.names import ident, split_name


def late(context: Context) -> list[Change]:
    dropped = context.dropped
    result = []
    have_all = context.current_catalog.indexes
    for identity, want in sorted(context.desired_catalog.indexes.items()):
        result += _statistics(identity, want, have_all.get(identity), context)
        if _mentioned(identity, context):
            continue
        have = have_all.get(identity)
        if want.constraint:
            if have is not None and _left_by_build(have, want, context):
                result += [f"DROP INDEX {identity};", want.definition + ";"]
            continue
        if have is None:
            continue
        if f"index:{identity}" in dropped:
            # gone with what the plan drops and nothing creates it again: its materialized
            # view, or the unique or primary key that owned it (the desired schema keeps
            # the index on its own), or a column dropped to be added back. A partition's
            # index comes from its parent's (gaps.partitions), a dropped table's with it.
            matview = want.table in context.desired.get("materialized_view", {})
            table_kept = f"table:{want.table}" not in dropped
            if matview or (table_kept and not want.partition_of):
                result.append(want.definition + ";")
            continue
        if have.definition != want.definition:
            result += _change(identity, have.definition, want.definition)
        elif _rebuilt(have, want, context):
            result += [f"DROP INDEX {identity};", want.definition + ";"]
    made = changes(result)
    rebuilt = {c.op.node for c in made if c.op.what == "drop"}
    return made + changes(_roles(context, lambda identity: rel(identity) in rebuilt))


def _roles(context: Context, rebuilt_here) -> list[str]:
    """CLUSTER ON and REPLICA IDENTITY where the target differs, or where the index
    holding the role is created by the plan (the role does not come with it)."""
    have_tables, want_tables = context.current_catalog.tables, context.desired_catalog.tables
    have_indexes = context.current_catalog.indexes
    want_indexes = context.desired_catalog.indexes

    def new(identity: str) -> bool:
        want = want_indexes[identity]
        return (
            identity not in have_indexes
            or f"index:{identity}" in context.dropped
            or _mentioned(identity, context)
            or rebuilt_here(identity)
            or bool(want.constraint)
            and bool(context.find(con(want.table, want.constraint), "add constraint"))
        )

    def kept(table: str) -> bool:
        return any(
            table in context.current.get(kind, {}) and f"{kind}:{table}" not in context.dropped
            for kind in ("table", "materialized_view")
        )

    def alter(table: str) -> str:
        matview = table in context.desired.get("materialized_view", {})
        return f"ALTER {'MATERIALIZED VIEW' if matview else 'TABLE'} {table}"

    result = []
    have_cluster = _holders(have_indexes, "clustered")
    want_cluster = _holders(want_indexes, "clustered")
    for table, index in sorted(have_cluster.items()):
        gone = index not in want_indexes or new(index)  # the mark goes with the index
        if kept(table) and table not in want_cluster and not gone:
            result.append(f"{alter(table)} SET WITHOUT CLUSTER;")
    for table, index in sorted(want_cluster.items()):
        if have_cluster.get(table) != index or new(index) or not kept(table):
            result.append(f"{alter(table)} CLUSTER ON {_name(index)};")
    have_replica = _holders(have_indexes, "replica_identity")
    want_replica = _holders(want_indexes, "replica_identity")
    for table, want in sorted(want_tables.items()):
        if want.kind not in ("table", "partitioned table"):
            continue
        mode = want.replica_identity
        had = "default"  # what a table the plan creates has
        if kept(table):
            had = have_tables[table].replica_identity if table in have_tables else "default"
        if mode == "index" and table in want_replica:
            index = want_replica[table]
            if had != "index" or have_replica.get(table) != index or new(index) or not kept(table):
                result.append(f"ALTER TABLE {table} REPLICA IDENTITY USING INDEX {_name(index)};")
        elif mode != "index" and mode != had:
            result.append(f"ALTER TABLE {table} REPLICA IDENTITY {mode.upper()};")
    return result


def _holders(indexes: Mapping[str, Index], role: str) -> dict[str, str]:
    """table -> the index holding the role (`clustered`, `replica_identity`)."""
    return {attrs.table: identity for identity, attrs in indexes.items() if getattr(attrs, role)}


def _name(index: str) -> str:
    """An index's name as ALTER TABLE ... CLUSTER ON / USING INDEX takes it (its table's schema)."""
    return ident(split_name(index)[-1])


def _statistics(identity: str, want: Index, have: Index | None, context: Context) -> list[str]:
    """SET STATISTICS for the index's columns whose target differs from what the target
    has after the plan (nothing, when the plan creates or re-creates the index)."""
    wanted = want.statistics or {}
    had = have.statistics if have is not None else None
    if not wanted and not had:
        return []
    kept = (
        have is not None
        and f"index:{identity}" not in context.dropped
        and have.definition == want.definition
        and not _mentioned(identity, context)
    )
    old = had or {} if kept else {}
    return [
        f"ALTER INDEX {identity} ALTER COLUMN {column} SET STATISTICS {wanted.get(column, -1)};"
        for column in sorted(old.keys() | wanted.keys(), key=int)
        if old.get(column) != wanted.get(column)
    ]


def _rebuilt(have: Index, want: Index, context: Context) -> bool:
    """An INVALID index of a table or materialized view (a partitioned table's index is
    INVALID while a partition lacks its index: that is the partitions module's)."""
    if have.valid or not want.valid:
        return False
    table = context.current_catalog.tables.get(want.table)
    kind = table.kind if table is not None else None
    return kind == "table" or want.table in context.current.get("materialized_view", {})


def _left_by_build(have: Index, want: Index, context: Context) -> bool:
    """The INVALID index an interrupted build of a unique or primary key's index left
    under the constraint's name (no constraint owns it yet): migra, which does not
    compare validity, would adopt it `USING INDEX`, which PostgreSQL refuses."""
    return not have.constraint and _rebuilt(have, want, context)


def _change(identity: str, have: str, want: str) -> list[str]:
    (old_shape, old_options), (new_shape, new_options) = (
        definitions.index_options(have),
        definitions.index_options(want),
    )
    if old_shape == new_shape:
        return reloptions.option_changes(f"ALTER INDEX {identity}", old_options, new_options)
    return [f"DROP INDEX {identity};", want + ";"]


def _mentioned(identity: str, context: Context) -> bool:
    """Whether a change drops or creates this index already."""
    return bool(context.find(rel(identity), "drop", "create", kind="index"))


PLUGIN = Plugin(
    "indexes",
    late=late,
    after=("reloptions",),  # (order kept)
)
