"""Enum labels added in place: `ALTER TYPE ... ADD VALUE [BEFORE | AFTER]`.

migra changes any enum by renaming it away, creating the new one, recasting every column
through text and dropping the old type. That rewrites each table using it, misses array
columns (the old type then cannot be dropped) and drops views that read it. When the
change only adds labels, keeping the order of the existing ones, the labels are added in
place instead. A label added in a transaction cannot be used before it commits, so when
any other change of the plan holds a new label, migra's way is kept.
Removing, renaming or reordering labels keeps migra's way, which recasts the data.
"""

from __future__ import annotations

from dataclasses import dataclass

from schematool.diff.gapkit.context import Context, changes, rel
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.names import ident, literal, qualified, quote_all, split_name

OLD_SUFFIX = "__old_version_to_be_dropped"  # migra's name for the enum it replaces


@dataclass(frozen=True)
class _Recreation:
    """migra's changes for one enum: the rename away, the new type, the recasts, the
    old type's drop, and the defaults it puts aside meanwhile."""

    rename: Change
    create: Change | None
    recasts: tuple[Change, ...]
    rest: tuple[Change, ...]  # everything but the rename
    columns: frozenset[tuple[str, str, str]]  # (schema, table, column) recast


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    have_all, want_all = context.current_catalog.enums, context.desired_catalog.enums
    for identity in sorted(have_all.keys() & want_all.keys()):
        have, want = have_all[identity].labels, want_all[identity].labels
        own = _migra_recreation(context, identity)
        if have == want or own is None:
            continue
        mine = {own.rename, *own.rest}
        others = [c for c in context.changes if c not in mine]
        new_labels = set(want) - set(have)
        if _only_adds(have, want) and not any(new_labels & c.constants for c in others):
            replacements[own.rename] = changes(_add_values(identity, have, want))
            replacements.update({c: [] for c in own.rest})
        else:
            # migra's way; but it drops the old type before the table changes (dropping
            # a column that uses it): that drop moves to the end. Nor does it recast
            # array columns: they follow the new type's creation.
            replacements.update({c: [] for c in _old_drops(context, identity)})
            replacements.update({c: [] for c in _superseded_restores(context, own.columns)})
            replacements.update(_defaults_dropped_first(context, own))
            if own.create is not None:
                replacements[own.create] = [own.create, *_array_recasts(context, identity)]
    return replacements


def _array_recasts(context: Context, identity: str) -> list[Change]:
    result = []
    want_columns = context.desired_catalog.columns
    for key, column in sorted(context.current_catalog.columns.items()):
        wanted = want_columns.get(key)
        if column.type != f"{identity}[]" or not wanted or wanted.type != column.type:
            continue
        if f"table:{column.table}" in context.dropped:
            continue
        name = ident(column.name)
        result.append(
            f"ALTER TABLE {column.table} ALTER COLUMN {name} TYPE {identity}[]"
            f" USING {name}::text[]::{identity}[];"
        )
    return changes(result)


def late(context: Context) -> list[Change]:
    """The old types of the enums migra recreated, once nothing uses them."""
    result = []
    for identity in sorted(context.current_catalog.enums):
        if _renames(context, identity):
            schema, bare = split_name(identity)
            result.append(f"DROP TYPE {quote_all(qualified(schema, bare + OLD_SUFFIX))};")
    return changes(result)


def _renames(context: Context, identity: str) -> list[Change]:
    """migra's rename of the enum to its `__old_version_to_be_dropped` name."""
    schema, bare = split_name(identity)
    aside = ("rel", schema, bare + OLD_SUFFIX)
    return [c for c in context.find(rel(identity), "rename") if c.op.renamed_to == aside]


def _old_drops(context: Context, identity: str) -> list[Change]:
    schema, bare = split_name(identity)
    return context.find(("rel", schema, bare + OLD_SUFFIX), "drop")


def _only_adds(have: list[str], want: list[str]) -> bool:
    """`want` holds every label of `have`, in the same order."""
    return [label for label in want if label in have] == have


def _add_values(identity: str, have: list[str], want: list[str]) -> list[str]:
    result = []
    labels = list(have)
    for position, label in enumerate(want):
        if label in labels:
            continue
        if position == 0:
            where = f" BEFORE {literal(labels[0])}" if labels else ""
        elif position == len(want) - 1 and want[position - 1] == labels[-1]:
            where = ""  # at the end: plain ADD VALUE
        else:
            where = f" AFTER {literal(want[position - 1])}"
        result.append(f"ALTER TYPE {identity} ADD VALUE {literal(label)}{where};")
        labels.insert(labels.index(want[position - 1]) + 1 if position else 0, label)
    return result


def _migra_recreation(context: Context, identity: str) -> _Recreation | None:
    renames = _renames(context, identity)
    if not renames:
        return None
    creates = [c for c in context.find(rel(identity), "create", kind="type") if c.op.detail("enum")]
    recasts = [
        c
        for c in context.changes
        if len(c.ops) == 1
        and c.op.what == "type"
        and c.op.type_name == identity
        and c.op.using == "cast"
    ]
    columns = {(c.op.node[1], c.op.node[2], c.op.node[3]) for c in recasts}
    rest = [*creates, *recasts, *_old_drops(context, identity)]
    rest += _defaults_put_aside(context, columns)
    return _Recreation(
        renames[0],
        creates[0] if creates else None,
        tuple(recasts),
        tuple(dict.fromkeys(rest)),
        frozenset(columns),
    )


def _defaults_put_aside(context: Context, columns: set[tuple[str, str, str]]) -> list[Change]:
    """migra drops an enum column's default before the recast and sets it again after
    (kept when the default itself changes: that is a change of its own)."""
    result = []
    for schema, table, column in sorted(columns):
        if _default_changes(context, schema, table, column):
            continue
        result += context.find(("col", schema, table, column), "drop default", "set default")
    return result


def _default_changes(context: Context, schema: str, table: str, column: str) -> bool:
    identity = f"{qualified(schema, table)}.{ident(column)}"
    have = context.current_catalog.columns.get(identity)
    want = context.desired_catalog.columns.get(identity)
    return (have.default if have else None) != (want.default if want else None)


def _defaults_dropped_first(context: Context, own: _Recreation) -> dict[Change, list[Change]]:
    """A recast column's default is dropped before its recast: the old default is of
    the type renamed away, which PostgreSQL cannot cast to the new one ("default for
    column cannot be cast automatically"). migra puts it aside only when the column
    keeps a default; when the default goes, its drop moves before the recast."""
    position = {c: i for i, c in enumerate(context.changes)}
    have = context.current_catalog.columns
    replacements: dict[Change, list[Change]] = {}
    for recast in own.recasts:
        node = recast.op.node
        existing = have.get(qualified(*node[1:]))
        if existing is None or existing.default is None:
            continue
        drops = context.find(node, "drop default")
        if any(position[c] < position[recast] for c in drops):
            continue
        alter = f"ALTER TABLE {qualified(*node[1:3])} ALTER COLUMN {ident(node[3])}"
        replacements[recast] = [*changes([f"{alter} DROP DEFAULT;"]), recast]
        replacements.update({c: [] for c in drops})
    return replacements


def _superseded_restores(
    context: Context, columns: frozenset[tuple[str, str, str]]
) -> list[Change]:
    """migra's restore of a recast column's old default, where the default changes too:
    the old default may hold a label the new type lacks ("invalid input value for enum"),
    and the column's own default change comes after it anyway. The last default change
    of the column stays (migra's drop before the recast stays too)."""
    result = []
    for schema, table, column in sorted(columns):
        if not _default_changes(context, schema, table, column):
            continue
        found = context.find(("col", schema, table, column), "drop default", "set default")
        result += [c for c in found[:-1] if c.op.what == "set default"]
    return result


PLUGIN = Plugin(
    "enums",
    in_place=in_place,
    in_place_for=(
        ("type", "rename"),
        ("type", "create"),
        ("type", "drop"),
        ("column", "type"),
        ("column", "drop default"),
        ("column", "set default"),
    ),
    late=late,
    after=("composite_types",),  # (order kept)
)
