"""Partitioned tables migra gets wrong:

- an index or primary key on a partitioned table: migra creates it `ON ONLY` the parent
  and again on each partition (at every level), and never attaches them, so the
  parent's index stays invalid (and a primary key on it fails). The root's index or
  constraint is created without ONLY instead, which creates (or attaches) those of the
  partitions, and a partition the plan creates or attaches gets its own from its parent;
- a constraint or index a partition (or inheritance child) has from its parent: migra
  adds and drops it on each child too, which fails (it exists, or cannot be dropped
  alone). The parent's change reaches the children; a child's drop where the child is
  detached from the parent (and keeps it, its own now) runs after the detach;
- a foreign key on a partitioned table: PostgreSQL before 18 cannot add it NOT VALID
  (migra's way), so it is added valid at once;
- a table that becomes a partition (ATTACH PARTITION): migra swaps the two tables (and
  fails); the table must have its parent's CHECK constraints first (added before), and
  keeps its NOT NULL constraint names (renamed before, to the desired partition's);
- a partitioned table whose partition key changes: PostgreSQL cannot change a key, and
  migra plans nothing (or moves the partitions): refused;
- a partition whose bounds change: detached and attached again with the new bounds;
- a table migra recreates as partitioned: its new partitions wait for it;
- a partition's own NOT NULL or default on a column of its parent (`PARTITION OF p
  (c NOT NULL DEFAULT ...)`): migra compares neither. A partition the plan creates takes
  its parent's at creation; its own are set after.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from schematool.diff.gapkit.context import Context, change, changes, con, rel
from schematool.diff.gapkit.plugin import Plugin
from schematool.errors import DiffError
from schematool.grammar.change import CREATE, USE, Change
from schematool.inspect.records import Catalog, Column, Constraint, Index
from schematool.names import ident


def in_place(context: Context) -> dict[Change, list[Change]]:
    _refuse_key_changes(context)
    replacements: dict[Change, list[Change]] = {}
    replacements.update(_indexes_through_parent(context))
    replacements.update(_inherited_not_added(context))
    replacements.update(_inherited_not_dropped(context))
    replacements.update(_foreign_keys_valid_at_once(context))
    replacements.update(_checks_before_attach(context))
    replacements.update(_partitions_after_parent(context))
    replacements.update(_partitions_go_with_parent(context))
    return replacements


def late(context: Context) -> list[Change]:
    result = []
    have_all = context.current_catalog.tables
    for identity, want in sorted(context.desired_catalog.tables.items()):
        have = have_all.get(identity)
        if have is None or f"table:{identity}" in context.dropped:
            continue
        parent = want.partition_of
        if parent and have.partition_of == parent and have.partition_bound != want.partition_bound:
            result.append(f"ALTER TABLE {parent} DETACH PARTITION {identity};")
            result.append(
                f"ALTER TABLE {parent} ATTACH PARTITION {identity} {want.partition_bound};"
            )
    result += _column_overrides(context)
    return changes(result)


def _column_overrides(context: Context) -> list[str]:
    """ALTER COLUMN ... SET/DROP NOT NULL and SET/DROP DEFAULT where a partition's column
    differs from what it has after the plan's other changes: the target's own, or (for
    a partition the plan creates, or whose parent's column changes: both recurse) its
    parent's."""
    result = []
    tables, columns = context.desired_catalog.tables, context.desired_catalog.columns
    have_columns = context.current_catalog.columns
    for identity, want in sorted(columns.items()):
        table = tables.get(want.table)
        parent = table.partition_of if table is not None else None
        if not parent or want.generated or want.generated_identity:
            continue
        parents_column = columns.get(f"{parent}.{ident(want.name)}")
        if parents_column is None:
            continue
        have = have_columns.get(identity)
        made = have is None or f"table:{want.table}" in context.dropped
        if made or _changes(have_columns.get(f"{parent}.{ident(want.name)}"), parents_column):
            have = parents_column
        result += _column_settings(want, have)
    return result


def _changes(have: Column | None, want: Column) -> bool:
    return have is None or (have.default, have.not_null) != (want.default, want.not_null)


def _column_settings(want: Column, have: Column) -> list[str]:
    alter = f"ALTER TABLE {want.table} ALTER COLUMN {ident(want.name)}"
    result = []
    if bool(want.not_null) != bool(have.not_null):
        result.append(f"{alter} {'SET' if want.not_null else 'DROP'} NOT NULL;")
    if want.default != have.default:
        default = want.default
        result.append(f"{alter} SET DEFAULT {default};" if default else f"{alter} DROP DEFAULT;")
    return result


def _indexes_through_parent(context: Context) -> dict[Change, list[Change]]:
    """A root index (or its primary key or unique constraint) on a partitioned table is
    created without ONLY; the partitions' own (`partition_of` another index), at any
    level, are never created by themselves: the root's creation makes or attaches them,
    and a partition created (or attached) under an index gets its own from it."""
    result: dict[Change, list[Change]] = {}
    indexes = context.desired_catalog.indexes
    constraints = {c.index: c for c in context.desired_catalog.constraints.values()}
    for identity, attrs in indexes.items():
        if attrs.partition_of:
            result.update({c: [] for c in _changes_about(context, identity, constraints)})
            continue
        only = _create(context, identity, on_only=True)
        if only is None:
            continue
        constraint = constraints.get(identity)
        if constraint is None:
            result[only] = [change(attrs.definition.replace(" ON ONLY ", " ON ", 1) + ";")]
            continue
        result[only] = []
        for found in context.find(con(constraint.table, constraint.name), "add constraint"):
            result[found] = [
                change(
                    f"ALTER TABLE {constraint.table} ADD CONSTRAINT"
                    f" {ident(constraint.name)} {constraint.definition};"
                )
            ]
    return result


def _create(context: Context, identity: str, on_only: bool) -> Change | None:
    found = context.find(rel(identity), "create", kind="index")
    return next((c for c in found if c.op.only == on_only), None)


def _changes_about(
    context: Context, index: str, constraints: dict[str | None, Constraint]
) -> list[Change]:
    """migra's changes creating the index (ON ONLY or not) and adding the constraint it
    backs."""
    found = context.find(rel(index), "create", kind="index")
    constraint = constraints.get(index)
    if constraint:
        found += context.find(con(constraint.table, constraint.name), "add constraint")
    return found


def _inherited_not_added(context: Context) -> dict[Change, list[Change]]:
    """A CHECK or foreign key a partition or inheritance child has from its parent only:
    the parent's ADD CONSTRAINT reaches it, and a child the plan creates (PARTITION OF,
    INHERITS) or attaches takes it, so migra's own ADD (and VALIDATE) on the child goes.
    (A constraint the desired schema leaves NOT VALID keeps its VALIDATE, which
    `gaps.constraints` drops.)"""
    result: dict[Change, list[Change]] = {}
    tables = context.desired_catalog.tables
    for attrs in context.desired_catalog.constraints.values():
        if attrs.type not in ("check", "foreign key") or not _inherited_only(attrs):
            continue
        table = tables.get(attrs.table)
        if table is None or not (table.partition_of or table.inherits):
            continue
        whats = ("add constraint", "validate constraint")
        if not attrs.validated:
            whats = ("add constraint",)
        result.update({c: [] for c in context.find(con(attrs.table, attrs.name), *whats)})
    return result


def _inherited_only(attrs: Constraint) -> bool:
    return bool(attrs.inherited) and not attrs.local


def _inherited_not_dropped(context: Context) -> dict[Change, list[Change]]:
    """A child's constraint or index that is its parent's (an inherited constraint, a
    partition's index attached to its parent's) cannot be dropped alone: where the
    parent's goes, or the child's table, migra's drop of it goes; where the child is
    detached from its parent (keeping it, its own now), its drop runs after the
    detach."""
    result: dict[Change, list[Change]] = {}
    after: dict[Change, list[Change]] = {}
    for key, attrs, drops in _drops_of_inherited(context):
        parent = _parent_of(context.current_catalog, key, attrs)
        detach = _detaching(context, attrs.table)
        for found in drops:
            if parent in context.dropped or f"table:{attrs.table}" in context.dropped:
                result[found] = []
            elif detach is not None:
                result[found] = []
                after.setdefault(detach, [detach]).append(found)
    result.update(after)
    return result


def _drops_of_inherited(
    context: Context,
) -> Iterator[tuple[str, Constraint | Index, list[Change]]]:
    """(key, record, migra's drops) of every current constraint and index that is
    its parent's."""
    for identity, constraint in context.current_catalog.constraints.items():
        if _inherited_only(constraint):
            drops = context.find(con(constraint.table, constraint.name), "drop constraint")
            if drops:
                yield f"constraint:{identity}", constraint, drops
    for identity, attrs in context.current_catalog.indexes.items():
        if attrs.partition_of:
            drops = context.find(rel(identity), "drop", kind="index")
            if drops:
                yield f"index:{identity}", attrs, drops


def _parent_of(current: Catalog, key: str, attrs: Constraint | Index) -> str | None:
    """The `kind:identity` key of the parent's constraint or index the child's is: an
    index's `partition_of`; the constraint on its index's parent index, or else (a
    CHECK, a foreign key) the parent table's of the same name."""
    if isinstance(attrs, Index):
        return f"index:{attrs.partition_of}"
    index = current.indexes.get(attrs.index or "")
    if index is not None and index.partition_of:
        for identity, other in current.constraints.items():
            if other.index == index.partition_of:
                return f"constraint:{identity}"
        return None
    table = current.tables.get(attrs.table)
    parents = [table.partition_of, *(table.inherits or [])] if table is not None else [None]
    for parent in parents:
        if parent and f"{parent}.{ident(attrs.name)}" in current.constraints:
            return f"constraint:{parent}.{ident(attrs.name)}"
    return None


def _detaching(context: Context, table: str) -> Change | None:
    """migra's change detaching the table from its parent (DETACH PARTITION, NO
    INHERIT)."""
    for found in context.changes:
        for op in found.ops:
            if op.what == "detach partition" and op.detail("partition") == rel(table):
                return found
            if op.what == "no inherit" and op.node == rel(table):
                return found
    return None


def _foreign_keys_valid_at_once(context: Context) -> dict[Change, list[Change]]:
    """migra adds a foreign key NOT VALID and validates it after; PostgreSQL before 18
    refuses NOT VALID on a partitioned table: added valid at once there."""
    if context.server_version is None or context.server_version >= 18:
        return {}
    result: dict[Change, list[Change]] = {}
    tables = context.desired_catalog.tables
    for attrs in context.desired_catalog.constraints.values():
        if attrs.type != "foreign key" or not attrs.validated:
            continue
        table = tables.get(attrs.table)
        if table is None or table.kind != "partitioned table":
            continue
        if _inherited_only(attrs):
            continue  # its parent's reaches it (`_inherited_not_added`)
        node = con(attrs.table, attrs.name)
        adds = [c for c in context.find(node, "add constraint") if c.op.not_valid]
        if not adds:
            continue
        for add in adds:
            result[add] = [
                change(
                    f"ALTER TABLE {attrs.table} ADD CONSTRAINT {ident(attrs.name)}"
                    f" {attrs.definition};"
                )
            ]
        result.update({c: [] for c in context.find(node, "validate constraint")})
    return result


def _refuse_key_changes(context: Context) -> None:
    """PostgreSQL cannot change a partition key; migra plans nothing for it."""
    have_all = context.current_catalog.tables
    for identity, want in sorted(context.desired_catalog.tables.items()):
        have = have_all.get(identity)
        if have is None or not (have.partition_key and want.partition_key):
            continue
        if have.partition_key != want.partition_key:
            raise DiffError(
                f"the partition key of {identity} changes ({have.partition_key} to"
                f" {want.partition_key}): PostgreSQL cannot change a partition key;"
                " create a new table with the new key and move the rows, or drop the"
                " table (and its partitions) in one plan and create it in the next"
            )


def _checks_before_attach(context: Context) -> dict[Change, list[Change]]:
    """ATTACH PARTITION requires the table to have each of its new parent's CHECK
    constraints (which it then holds as the parent's), and PostgreSQL 18 keeps the
    table's NOT NULL constraint names: before the attach, the CHECKs it lacks are added
    (migra's ADD after it goes: `_inherited_not_added`) and its NOT NULL constraints
    renamed to the desired partition's names (inherited, they cannot be renamed
    after)."""
    result: dict[Change, list[Change]] = {}
    have_constraints = context.current_catalog.constraints
    have_columns = context.current_catalog.columns
    for identity, table in sorted(context.desired_catalog.tables.items()):
        attaches = _attaching(context, identity) if table.partition_of else []
        if len(attaches) != 1:
            continue
        before = [
            f"ALTER TABLE {identity} ADD CONSTRAINT {ident(attrs.name)} {attrs.definition};"
            for key, attrs in sorted(context.desired_catalog.constraints.items())
            if attrs.table == identity
            and attrs.type == "check"
            and attrs.inherited
            and key not in have_constraints
        ]
        for key, column in sorted(context.desired_catalog.columns.items()):
            have = have_columns.get(key)
            want_name = column.not_null_name
            if column.table != identity or have is None or not want_name:
                continue
            if have.not_null_name and have.not_null_name != want_name:
                before.append(
                    f"ALTER TABLE {identity} RENAME CONSTRAINT"
                    f" {ident(have.not_null_name)} TO {ident(want_name)};"
                )
        if before:
            made = changes(before)
            result[attaches[0]] = [*made, _using(attaches[0], made)]
    return result


def _using(attach: Change, made: list[Change]) -> Change:
    """The attach, saying it uses the constraints `made` creates (or renames into
    place): the dependency sort keeps them before it."""
    names = tuple((USE, node) for c in made for action, node in c.effects() if action == CREATE)
    first, *rest = attach.ops
    return replace(attach, ops=(replace(first, also=first.also + names), *rest))


def _attaching(context: Context, table: str) -> list[Change]:
    return [
        found
        for found in context.changes
        for op in found.ops
        if op.what == "attach partition" and op.detail("partition") == rel(table)
    ]


def _partitions_after_parent(context: Context) -> dict[Change, list[Change]]:
    """A partition migra creates before the table it recreates as partitioned waits."""
    result: dict[Change, list[Change]] = {}
    for identity, attrs in context.desired_catalog.tables.items():
        parent = attrs.partition_of
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
    for identity, attrs in context.current_catalog.tables.items():
        parent = attrs.partition_of
        if parent and context.find(rel(parent), "drop", kind="table"):
            result.update({c: [] for c in context.find(rel(identity), "drop", kind="table")})
    return result


PLUGIN = Plugin(
    "partitions",
    in_place=in_place,
    in_place_for=(
        ("index", "create"),
        ("index", "drop"),
        ("constraint", "add constraint"),
        ("constraint", "validate constraint"),
        ("constraint", "drop constraint"),
        ("table", "create"),
        ("table", "drop"),
        ("table", "attach partition"),
        ("table", "detach partition"),
        ("table", "no inherit"),
    ),
    late=late,
    after=("inheritance",),  # (order kept)
)
