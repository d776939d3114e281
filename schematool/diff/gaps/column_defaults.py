"""Defaults across a column's type change: set after the type changes, not before.

migra sets a column's new default before it changes the column's type (`SET DEFAULT
'unknown'::verification` on a column that is still boolean: "column is of type boolean
but default expression is of type verification"), and PostgreSQL cannot carry the old
default through the change either ("default for column cannot be cast automatically").
Here the old default is dropped first, the type changed, the new default set after.

A column of a type with no cast to the new enum (a boolean becoming an enum) is recast
through its text form (`false` becomes the label 'false'), as migra recasts enums; so is
an enum column becoming a type other than a string type or an enum (the label 'true'
becomes the boolean true), with or without a default.

A default holding a label that the plan adds to an enum cannot be set in the same
transaction (a label added by `ADD VALUE` cannot be used before commit): `gaps.enums`
then keeps migra's way, which creates the enum again with the label.
"""

from __future__ import annotations

from collections.abc import Iterable

from schematool.diff.gapkit.context import Context, change
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.inspect.records import Column
from schematool.names import Node, ident, qualified, split_name

_STRING_TYPES = ("text", "character varying", "character", "name")


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    position = {c: i for i, c in enumerate(context.changes)}
    for retype in context.changes:
        for op in retype.ops:
            if op.what != "type" or op.node[0] != "col" or retype.source != "migra":
                continue
            if len(retype.ops) != 1:
                continue  # one ALTER TABLE holding more: not ours to split
            early = [
                c for c in context.find(op.node, "set default") if position[c] < position[retype]
            ]
            if early:
                replacements.update(_moved(context, op.node, retype, early))
            else:
                recast = _recast(context, op.node)
                if recast is not None:
                    replacements[retype] = [recast]
    return replacements


def _recast(context: Context, node: Node) -> Change | None:
    """The type change through text, where `_through_text` says it needs to be."""
    identity = qualified(*node[1:])
    have = context.current_catalog.columns.get(identity)
    want = context.desired_catalog.columns.get(identity)
    if have is None or want is None:
        return None
    alter = f"ALTER TABLE {qualified(*node[1:3])} ALTER COLUMN {ident(node[3])}"
    return _through_text(context, alter, node[3], have, want)


def _moved(
    context: Context, node: Node, retype: Change, defaults: list[Change]
) -> dict[Change, list[Change]]:
    """The type change with the old default dropped before it and `defaults` after it."""
    identity = qualified(*node[1:])
    have = context.current_catalog.columns.get(identity)
    want = context.desired_catalog.columns.get(identity)
    if have is None or want is None:
        return {}
    alter = f"ALTER TABLE {qualified(*node[1:3])} ALTER COLUMN {ident(node[3])}"
    instead = [change(f"{alter} DROP DEFAULT;")] if have.default is not None else []
    instead.append(_through_text(context, alter, node[3], have, want) or retype)
    return {retype: instead + defaults, **{c: [] for c in defaults}}


def _through_text(
    context: Context, alter: str, name: str, have: Column, want: Column
) -> Change | None:
    """The type change recast through text, when the column becomes an enum from a type
    that has no cast to it (anything but a string type or another enum), or an enum
    becomes such a type."""
    enums = _spellings(context.desired_catalog.enums) | _spellings(context.current_catalog.enums)
    plain = (*_STRING_TYPES, *enums)
    if have.type == want.type or (want.type in enums) == (have.type in enums):
        return None
    if have.type in plain and want.type in plain:
        return None
    column = ident(name)
    return change(f"{alter} SET DATA TYPE {want.type} USING {column}::text::{want.type};")


def _spellings(enums: Iterable[str]) -> set[str]:
    """How format_type may spell each enum: qualified, or bare when it is in public
    (on the search path of the catalog reads)."""
    found = set()
    for identity in enums:
        schema, *rest = split_name(identity)
        found.add(qualified(schema, *rest))
        if schema == "public":
            found.add(qualified(*rest))
    return found


PLUGIN = Plugin(
    "column_defaults",
    in_place=in_place,
    in_place_for=(("column", "type"), ("column", "set default")),
    after=("enums",),  # (order kept)
)
