"""Composite types altered in place: `ALTER TYPE ... ADD | DROP | ALTER ATTRIBUTE`.

migra drops and recreates a composite type whose attributes change, which fails as soon
as a column, or anything else, uses the type. When the attributes the type keeps stay in
their order and new ones come last, the type is altered in place instead. (A column's
type cannot change in place while a table column uses the type; that fails either way.)
"""

from __future__ import annotations

from typing import Any

from schematool.diff.gapkit.context import Context, change, rel
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.inspect.records import CompositeAttribute, CompositeType
from schematool.names import ident


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    have_all = context.current_catalog.composite_types
    want_all = context.desired_catalog.composite_types
    for identity in sorted(want_all.keys() - have_all.keys()):
        replacements.update(_created_with_collations(context, identity, want_all[identity]))
    for identity in sorted(have_all.keys() & want_all.keys()):
        have, want = have_all[identity].attributes, want_all[identity].attributes
        if _shape(have) == _shape(want) or not _alterable(have, want):
            continue
        drops = context.find(rel(identity), "drop", kind="type")
        if not drops:
            continue
        replacements[drops[0]] = [change(s) for s in _alter(identity, have, want)]
        replacements.update({c: [] for c in context.find(rel(identity), "create", kind="type")})
    return replacements


def _shape(attributes: list[CompositeAttribute]) -> list[tuple[Any, ...]]:
    return [(a.name, a.type, a.collation) for a in attributes]


def _alterable(have: list[CompositeAttribute], want: list[CompositeAttribute]) -> bool:
    """Kept attributes keep their order, and come before the new ones."""
    old = [a.name for a in have]
    new = [a.name for a in want]
    kept = [n for n in new if n in old]
    return kept == [n for n in old if n in new] and new[: len(kept)] == kept


def _alter(
    identity: str, have: list[CompositeAttribute], want: list[CompositeAttribute]
) -> list[str]:
    old = {a.name: a for a in have}
    new = {a.name: a for a in want}
    actions = [f"DROP ATTRIBUTE {ident(n)}" for n in old if n not in new]
    for attribute in want:
        name = attribute.name
        if name not in old:
            actions.append(f"ADD ATTRIBUTE {ident(name)} {_type(attribute)}")
        elif _shape([old[name]]) != _shape([attribute]):
            actions.append(f"ALTER ATTRIBUTE {ident(name)} TYPE {_type(attribute)}")
    return [f"ALTER TYPE {identity} {', '.join(actions)};"]


def _type(attribute: CompositeAttribute) -> str:
    collation = attribute.collation
    return attribute.type + (f" COLLATE {collation}" if collation else "")


def _created_with_collations(
    context: Context, identity: str, want: CompositeType
) -> dict[Change, list[Change]]:
    """migra's CREATE TYPE leaves attributes' collations out."""
    attributes = want.attributes
    if not any(a.collation for a in attributes):
        return {}
    spelled = ", ".join(f"{ident(a.name)} {_type(a)}" for a in attributes)
    return {
        c: [change(f"CREATE TYPE {identity} AS ({spelled});")]
        for c in context.find(rel(identity), "create", kind="type")
    }


PLUGIN = Plugin(
    "composite_types",
    in_place=in_place,
    in_place_for=(("type", "drop"), ("type", "create")),
    after=("domains",),  # (order kept)
)
