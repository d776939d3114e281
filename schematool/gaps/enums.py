"""Enum labels added in place: `ALTER TYPE ... ADD VALUE [BEFORE | AFTER]`.

migra changes any enum by renaming it away, creating the new one, recasting every column
through text and dropping the old type. That rewrites each table using it, misses array
columns (the old type then cannot be dropped) and drops views that read it. When the
change only adds labels, keeping the order of the existing ones, the labels are added in
place instead. A label added in a transaction cannot be used before it commits, so when
any other statement of the plan names a new label, migra's way is kept.
Removing, renaming or reordering labels keeps migra's way, which recasts the data.
"""

from __future__ import annotations

import re

from schematool.gaps.context import Context
from schematool.names import ident, literal, migra_name, split_name

OLD_SUFFIX = "__old_version_to_be_dropped"  # migra's name for the enum it replaces


def in_place(context: Context) -> dict[str, list[str]]:
    replacements: dict[str, list[str]] = {}
    have_all, want_all = context.current.get("enum", {}), context.desired.get("enum", {})
    for identity in sorted(have_all.keys() & want_all.keys()):
        have, want = have_all[identity]["labels"], want_all[identity]["labels"]
        own = _migra_recreation(context, identity)
        if have == want or own is None:
            continue
        rename, rest = own
        others = [s for s in context.statements if s != rename and s not in rest]
        new_labels = set(want) - set(have)
        if _only_adds(have, want) and not any(literal(n) in s for n in new_labels for s in others):
            replacements[rename] = _add_values(identity, have, want)
            replacements.update({s: [] for s in rest})
        else:
            # migra's way; but it drops the old type before the table changes (dropping
            # a column that uses it): that drop moves to the end. Nor does it recast
            # array columns: they follow the new type's creation.
            replacements[_drop_old(identity)] = []
            create = next((s for s in rest if s.startswith("create type ")), None)
            if create is not None:
                replacements[create] = [create, *_array_recasts(context, identity)]
    return replacements


def _array_recasts(context: Context, identity: str) -> list[str]:
    result = []
    want_columns = context.desired.get("column", {})
    for key, column in sorted(context.current.get("column", {}).items()):
        wanted = want_columns.get(key)
        if column["type"] != f"{identity}[]" or not wanted or wanted["type"] != column["type"]:
            continue
        if f"table:{column['table']}" in context.dropped:
            continue
        name = ident(column["name"])
        result.append(
            f"ALTER TABLE {column['table']} ALTER COLUMN {name} TYPE {identity}[]"
            f" USING {name}::text[]::{identity}[];"
        )
    return result


def late(context: Context) -> list[str]:
    """The old types of the enums migra recreated, once nothing uses them."""
    result = []
    for identity in sorted(context.current.get("enum", {})):
        if _rename(identity) in context.statements:
            result.append(_drop_old(identity).replace("drop type", "DROP TYPE"))
    return result


def _rename(identity: str) -> str:
    bare = split_name(identity)[-1]
    return f'alter type {migra_name(identity)} rename to "{bare}{OLD_SUFFIX}";'


def _drop_old(identity: str) -> str:
    schema, bare = split_name(identity)
    return f'drop type "{schema}"."{bare}{OLD_SUFFIX}";'


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


def _migra_recreation(context: Context, identity: str) -> tuple[str, list[str]] | None:
    """migra's rename statement for the enum and the statements that go with it: the
    new type, the recasts, the old type's drop, and the defaults put aside meanwhile."""
    name = migra_name(identity)
    rename = _rename(identity)
    if rename not in context.statements:
        return None
    create = re.compile(rf"create type {re.escape(name)} as enum \(")
    recast = re.compile(
        rf"alter table \S+ alter column (\S+) type {re.escape(name)}"
        rf" using \S+::text::{re.escape(name)};"
    )
    rest = [s for s in context.statements if create.match(s) or recast.match(s)]
    rest.append(_drop_old(identity))
    recast_columns = {(s.split()[2], _unquoted(m.group(1))) for s in rest if (m := recast.match(s))}
    rest += _defaults_put_aside(context, recast_columns)
    return rename, [s for s in rest if s in context.statements]


def _defaults_put_aside(context: Context, columns: set[tuple[str, str]]) -> list[str]:
    """migra drops an enum column's default before the recast and sets it again after."""
    result = []
    for table, column in columns:
        prefix = f'alter table {table} alter column "{column}" '
        result += [
            s
            for s in context.statements
            if s == prefix + "drop default;" or s.startswith(prefix + "set default ")
        ]
    return _unless_default_changes(context, columns, result)


def _unless_default_changes(
    context: Context, columns: set[tuple[str, str]], statements: list[str]
) -> list[str]:
    keep = set()
    have = context.current.get("column", {})
    want = context.desired.get("column", {})
    for table, column in columns:
        for identity, attrs in want.items():
            if migra_name(attrs["table"]) == table and attrs["name"] == column:
                if have.get(identity, {}).get("default") != attrs.get("default"):
                    keep.add(f'alter table {table} alter column "{column}" ')
    return [s for s in statements if not any(s.startswith(prefix) for prefix in keep)]


def _unquoted(name: str) -> str:
    return name[1:-1].replace('""', '"') if name.startswith('"') else name
