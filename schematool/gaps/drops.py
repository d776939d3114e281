"""Drops of what other objects hang on: enums and composite types, collations,
extensions and schemas go last, after the other modules' drops (a domain over an enum,
a range type in a schema, ...). migra drops them in its own fixed places; those
statements are taken out and the same drops made at the end.
"""

from __future__ import annotations

from schematool.gaps.context import Context
from schematool.names import migra_name

# kind -> (migra's drop, ours), in the order they run
_DROPS = {
    "enum": ("drop type {};", "DROP TYPE {};"),
    "composite_type": ("drop type {};", "DROP TYPE {};"),
    "collation": ("drop collation if exists {};", "DROP COLLATION {};"),
    "extension": ("drop extension if exists {};", "DROP EXTENSION {};"),
    "schema": ("drop schema if exists {};", "DROP SCHEMA {};"),
}


def in_place(context: Context) -> dict[str, list[str]]:
    return {
        migra.format(migra_name(identity)): []
        for kind, identity in _gone(context)
        for migra in [_DROPS[kind][0]]
    }


def late(context: Context) -> list[str]:
    return [_DROPS[kind][1].format(identity) for kind, identity in _gone(context)]


def _gone(context: Context) -> list[tuple[str, str]]:
    return [
        (kind, identity)
        for kind in _DROPS
        for identity in sorted(
            context.current.get(kind, {}).keys() - context.desired.get(kind, {}).keys()
        )
    ]
