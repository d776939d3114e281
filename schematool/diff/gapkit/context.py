"""What every gap module sees."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from schematool.grammar import reader
from schematool.grammar.change import Change, Op
from schematool.inspect.catalog import Snapshot
from schematool.inspect.records import Catalog
from schematool.inspect.records import catalog as catalog_of
from schematool.names import Node, split_name


@dataclass(frozen=True)
class Context:
    """Both snapshots and the changes the module's own come with.

    For `early` and `in_place`, `changes` are migra's, read as they are, and
    `server_version` is the target's major version. For `late`, `changes` are the
    revised ones that run before, and the version is not known (None). `dropped` holds
    the `kind:identity` keys of current objects those changes drop (perhaps to
    recreate them): such objects lose their comments, flags, options and grants.
    `loader` is the role that loaded the desired schema, read for `late` when a module
    needs it (`owners`: an owner other than it is declared by the schema files), else
    None. `positions` holds the current values of the target's sequences (and identity
    columns) whose bounds change, for `late` (`catalog.sequence_positions`).

    Modules find the changes they revise by meaning (`find`: an operation on an
    object), never by their text.
    """

    current: Snapshot
    desired: Snapshot
    changes: tuple[Change, ...]
    dropped: frozenset[str]
    server_version: int | None = None
    loader: str | None = None
    positions: Mapping[str, int] = field(default_factory=dict)

    @cached_property
    def current_catalog(self) -> Catalog:
        """The current snapshot's typed records (`records`)."""
        return catalog_of(self.current)

    @cached_property
    def desired_catalog(self) -> Catalog:
        """The desired snapshot's typed records (`records`)."""
        return catalog_of(self.desired)

    @cached_property
    def _by_node(self) -> dict[Node, list[tuple[Change, Op]]]:
        found: dict[Node, list[tuple[Change, Op]]] = {}
        for change in self.changes:
            for op in change.ops:
                found.setdefault(op.node, []).append((change, op))
        return found

    def find(self, node: Node, *whats: str, kind: str | None = None) -> list[Change]:
        """The changes with an op on `node` that is one of `whats` (any, when none is
        given) and of `kind` (when given), in plan order, each once."""
        found: list[Change] = []
        for change, op in self._by_node.get(node, ()):
            if (not whats or op.what in whats) and (kind is None or op.kind == kind):
                if change not in found:
                    found.append(change)
        return found

    def ops(self, node: Node, *whats: str) -> list[tuple[Change, Op]]:
        """(change, op) for each op on `node` that is one of `whats` (any, when none)."""
        return [(c, op) for c, op in self._by_node.get(node, ()) if not whats or op.what in whats]

    def on_table(self, table: Node) -> list[tuple[Change, Op]]:
        """(change, op) for every op on the table itself or on one of its columns,
        constraints, triggers, policies or rules, in plan order."""
        schema, name = table[1], table[2]
        return [
            (change, op)
            for change in self.changes
            for op in change.ops
            if len(op.node) >= 3
            and op.node[1:3] == (schema, name)
            and op.node[0] != "rel"
            or op.node == table
        ]

    def touches(self, node: Node) -> bool:
        return node in self._by_node


def rel(identity: str) -> Node:
    """The Node of a relation, type or index, from its snapshot identity."""
    return ("rel", *split_name(identity))


def col(table: str, column: str) -> Node:
    return ("col", *split_name(table), column)


def con(table: str, name: str) -> Node:
    return ("con", *split_name(table), name)


def change(sql: str) -> Change:
    """A gap module's statement, read like every other (with PostgreSQL's grammar);
    `gaps.revise` and `gaps.statements` stamp it with the module and its phase."""
    return reader.read(sql, "gaps")


def changes(sqls: Iterable[str]) -> list[Change]:
    return [change(sql) for sql in sqls]
