"""COMMENT ON statements: migra neither compares nor creates comments.

Runs after migra, so every object the desired schema holds exists; an object migra
dropped (perhaps to recreate it) lost its comment, and one it created never had one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.names import KINDS, ident, keywords, literal

Attrs = dict[str, Any]

# kind -> how COMMENT ON names an object of that kind
_PLAIN_TARGETS = keywords(
    "schema",
    "extension",
    "collation",
    "enum",
    "composite_type",
    "range_type",
    "domain",
    "sequence",
    "identity_sequence",
    "column",
    "index",
    "view",
    "materialized_view",
    "statistics",
    "event_trigger",
    "foreign_data_wrapper",
    "server",
    "operator",
    "publication",
    "text_search_dictionary",
    "text_search_configuration",
)
_TABLE_CHILD_TARGETS = keywords("constraint", "trigger", "rule", "policy")


def late(context: Context) -> list[Change]:
    current, desired, dropped = context.current, context.desired, context.dropped
    """COMMENT statements that give the target the desired schema's comments."""
    result: list[str] = []
    for kind in sorted(desired):
        for identity, attrs in sorted(desired[kind].items()):
            key = f"{kind}:{identity}"
            before = {} if key in dropped else current.get(kind, {}).get(identity, {})
            result += _object_comments(kind, identity, attrs, before)
    return changes(result)


def _object_comments(kind: str, identity: str, want: Attrs, have: Attrs) -> list[str]:
    target = _target(kind, identity, want)
    if target is None:
        return []
    result = _comment(target, have.get("comment"), want.get("comment"))
    for sub_target, old, new in _nested(kind, identity, want, have):
        result += _comment(sub_target, old, new)
    return result


def _comment(target: str, old: str | None, new: str | None) -> list[str]:
    return [] if old == new else [f"COMMENT ON {target} IS {literal(new)};"]


def _target(kind: str, identity: str, attrs: Attrs) -> str | None:
    if kind in _PLAIN_TARGETS:
        return f"{_PLAIN_TARGETS[kind]} {identity}"
    if kind in _TABLE_CHILD_TARGETS:
        return f"{_TABLE_CHILD_TARGETS[kind]} {ident(attrs['name'])} ON {attrs['table']}"
    if kind == "table":
        return f"{'FOREIGN TABLE' if attrs.get('kind') == 'foreign table' else 'TABLE'} {identity}"
    if kind == "function":
        return f"{_ROUTINES.get(attrs.get('kind', ''), 'FUNCTION')} {identity}"
    return None  # default privileges carry no comment


_ROUTINES = {name: KINDS[name].keyword for name in ("procedure", "aggregate")}


def _nested(kind: str, identity: str, want: Attrs, have: Attrs) -> Iterator[tuple[str, Any, Any]]:
    """Comments kept inside an object's attributes: composite type columns, domain checks."""
    nested = _NESTED.get(kind)
    return nested(identity, want, have) if nested else iter(())


def _composite_columns(identity: str, want: Attrs, have: Attrs) -> Iterator[tuple[str, Any, Any]]:
    old = {a["name"]: a.get("comment") for a in have.get("attributes", [])}
    for attribute in want.get("attributes", []):
        name = attribute["name"]
        yield f"COLUMN {identity}.{ident(name)}", old.get(name), attribute.get("comment")


def _domain_checks(identity: str, want: Attrs, have: Attrs) -> Iterator[tuple[str, Any, Any]]:
    old = have.get("checks", {})
    for name, check in sorted(want.get("checks", {}).items()):
        target = f"CONSTRAINT {ident(name)} ON DOMAIN {identity}"
        yield target, old.get(name, {}).get("comment"), check.get("comment")


_NESTED: dict[str, Callable[[str, Attrs, Attrs], Iterator[tuple[str, Any, Any]]]] = {
    "composite_type": _composite_columns,
    "domain": _domain_checks,
}


PLUGIN = Plugin(
    "comments",
    late=late,
    after=("rls",),  # last but drops: every object they name exists
)
