"""Drops of what other objects hang on: enums and composite types, collations,
extensions and schemas go last, after the other modules' drops (a domain over an enum,
a range type in a schema, ...). migra drops them in its own fixed places; those
changes are taken out and the same drops made at the end.
"""

from __future__ import annotations

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import DROP, Change
from schematool.names import Node, node_of

# kind -> the late drop, in the order they run
_DROPS = {
    "enum": "DROP TYPE {};",
    "composite_type": "DROP TYPE {};",
    "collation": "DROP COLLATION {};",
    "extension": "DROP EXTENSION {};",
    "schema": "DROP SCHEMA {};",
}


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    for kind, identity in _gone(context):
        node: Node | None = node_of(kind, identity)
        for change in context.find(node, "drop") if node else ():
            if all(op.effect == DROP for op in change.ops):
                replacements[change] = []
    return replacements


def early(context: Context) -> list[Change]:
    """A type whose name the desired schema gives to a type of another kind (an enum
    replaced by a domain of the same name): dropped before that one is created, which
    the dependency sort then puts after it (one name, one node)."""
    return changes(
        [
            _DROPS[kind].format(identity)
            for kind, identity in _gone(context)
            if taken_by_another_type(context, kind, identity)
        ]
    )


def late(context: Context) -> list[Change]:
    return changes(
        [
            _DROPS[kind].format(identity)
            for kind, identity in _gone(context)
            if not taken_by_another_type(context, kind, identity)
        ]
    )


_TYPE_KINDS = ("enum", "composite_type", "domain", "range_type")


def taken_by_another_type(context: Context, kind: str, identity: str) -> bool:
    """Whether the desired schema holds a type of another kind under this type's name."""
    return kind in _TYPE_KINDS and any(
        identity in context.desired.get(other, {}) for other in _TYPE_KINDS if other != kind
    )


def _gone(context: Context) -> list[tuple[str, str]]:
    return [
        (kind, identity)
        for kind in _DROPS
        for identity in sorted(
            context.current.get(kind, {}).keys() - context.desired.get(kind, {}).keys()
        )
    ]


PLUGIN = Plugin(
    "drops",
    early=early,
    in_place=in_place,
    in_place_for=(
        ("type", "drop"),
        ("collation", "drop"),
        ("extension", "drop"),
        ("schema", "drop"),
    ),
    late=late,
    after=("comments",),  # last: after every other plug-in's drops
)
