"""Which objects of a snapshot are the project's to manage: all but the ignored ones.

An object is ignored when an `ignore` pattern (`project.ignore`) matches it, when it
lies in an ignored schema, or when it belongs to an ignored relation: a table's columns,
constraints, indexes, triggers, policies, rules, statistics, and the sequences its
columns own come and go with it. Planning and verification compare snapshots with the
ignored objects taken out (`Scoped.kept`), so nothing is created, altered, dropped,
granted or commented for them and verification does not compare them; the changes are
also filtered by the objects' Nodes (`Scoped.nodes`), the identity statements name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from schematool.inspect.catalog import Snapshot
from schematool.names import Node, ident, node_of, qualified, split_name
from schematool.project.ignore import IgnoreRules, Pattern

# snapshot kinds whose identity starts with their schema
_UNQUALIFIED = frozenset(
    {
        "schema",
        "extension",
        "event_trigger",
        "foreign_data_wrapper",
        "server",
        "user_mapping",
        "publication",
        "cast",
        "default_privilege",
    }
)


@dataclass(frozen=True)
class Scoped:
    """A snapshot split into what the project manages and what it leaves alone."""

    kept: Snapshot
    # (snapshot kind, identity) of every object left alone, by the reason: the pattern's
    # text, or "" for an object that belongs to an ignored one
    ignored: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def nodes(self) -> dict[Node, tuple[str, str]]:
        """The ignored objects by their Nodes (how statements and graphs name them)."""
        found: dict[Node, tuple[str, str]] = {}
        for kind, identity in self.ignored:
            node = node_of(kind, identity)
            if node is not None:
                found.setdefault(node, (kind, identity))
        return found

    def matched(self) -> set[str]:
        """The patterns that matched an object here."""
        return {reason for reason in self.ignored.values() if reason}

    def counted(self) -> set[tuple[str, str]]:
        """The objects a pattern itself matched (their parts not counted again)."""
        return {key for key, reason in self.ignored.items() if reason}


def scoped(snapshot: Snapshot, rules: IgnoreRules) -> Scoped:
    """`snapshot` less the objects `rules` leave to others (itself when there are none)."""
    if not rules:
        return Scoped(snapshot)
    ignored: dict[tuple[str, str], str] = {}
    for kind, objects in snapshot.items():
        for identity, attrs in objects.items():
            reason = _matching(rules.patterns, kind, identity, attrs)
            if reason is None and rules.external and node_of(kind, identity) in rules.external:
                reason = ""  # an external object: not counted as ignored
            if reason is not None:
                ignored[kind, identity] = reason
    schemas = {identity for kind, identity in ignored if kind == "schema"}
    relations = {identity for kind, identity in ignored if _is_relation(kind, identity)}
    for kind, objects in snapshot.items():
        for identity, attrs in objects.items():
            if (kind, identity) in ignored:
                continue
            if _belongs(kind, identity, attrs, schemas, relations):
                ignored[kind, identity] = ""
    if not ignored:
        return Scoped(snapshot)
    kept = {
        kind: {i: a for i, a in objects.items() if (kind, i) not in ignored}
        for kind, objects in snapshot.items()
    }
    return Scoped(kept, ignored)


def _is_relation(kind: str, identity: str) -> bool:
    node = node_of(kind, identity)
    return node is not None and node[0] == "rel"


def _matching(
    patterns: Iterable[Pattern], kind: str, identity: str, attrs: dict[str, Any]
) -> str | None:
    routine = attrs.get("kind") if kind == "function" else None
    for pattern in patterns:
        if pattern.matches(kind, identity, routine):
            return pattern.text
    return None


def _belongs(
    kind: str, identity: str, attrs: dict[str, Any], schemas: set[str], relations: set[str]
) -> bool:
    """Whether the object lies in an ignored schema or belongs to an ignored relation."""
    if kind not in _UNQUALIFIED and schemas and _schema_of(identity) in schemas:
        return True
    if kind == "extension" and attrs.get("schema") in schemas:
        return True
    table = attrs.get("table")
    if isinstance(table, str) and table in relations:
        return True
    owner = attrs.get("owned_by")
    return isinstance(owner, str) and _relation_of(owner) in relations


def _schema_of(identity: str) -> str:
    parts = split_name(identity)
    return ident(parts[0]) if parts else ""


def _relation_of(column: str) -> str:
    parts = split_name(column)
    return qualified(*parts[:2])
