"""Drops that look like renames: the plan says so, and shows the annotation that keeps the data.

A declarative tool cannot guess intent: `note` gone and `personal_note` new, both `text`,
in the same table, is either a column dropped and another added, or one renamed. The
plan is right either way, but the first loses every value. So where a plan drops a
column, a table, an index or an enum label and adds one of the same type in the same
place (the same table; the same schema with the same columns; the same table and
definition; the same position among the labels), `plan` says so beside the statements,
with the exact annotation that would keep the data and where it goes, and apply's
refusal of the `data-loss` repeats it. Decided from the typed changes (which statement
drops and adds what) and both catalogs, never from the SQL text; a match that is not
one to one (two text columns dropped, two added) suggests nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from schematool.desired.annotations import MARKER, RENAMED_FROM, locate
from schematool.grammar import definitions
from schematool.grammar.change import CREATE, DROP, Change
from schematool.inspect.catalog import Snapshot
from schematool.inspect.records import Catalog
from schematool.inspect.records import catalog as catalog_of
from schematool.names import Node, ident, literal, qualified, split_name
from schematool.plan.hazards import ENUM_SWAP_SUFFIX
from schematool.project.files import SchemaFile


@dataclass(frozen=True)
class Suggestion:
    """Statements that drop one object and add a like one, and the annotation that would
    rename it instead."""

    kind: str  # column, table, index, enum value
    dropped: str  # as SQL names it: audiobooks.library_item.note, or an enum's 'label'
    added: str
    statements: tuple[int, ...]  # the plan's statement numbers involved, from 1
    annotation: str  # -- schematool: renamed from note
    where: str  # where the annotation goes, for people

    @property
    def message(self) -> str:
        numbers = ", ".join(str(n) for n in self.statements)
        noun = "statement" if len(self.statements) == 1 else "statements"
        return (
            f"{noun} {numbers} drop {self.kind} {self.dropped} and add {self.added} like it:"
            f" if it was renamed, {_KEEP[self.kind]} with `{self.annotation}` {self.where}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "dropped": self.dropped,
            "added": self.added,
            "statements": list(self.statements),
            "annotation": self.annotation,
            "where": self.where,
            "message": self.message,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Suggestion:
        return cls(
            str(data["kind"]),
            str(data["dropped"]),
            str(data["added"]),
            tuple(int(n) for n in data["statements"]),
            str(data["annotation"]),
            str(data["where"]),
        )


_KEEP = {
    "column": "keep its values",
    "table": "keep its rows",
    "index": "keep it without a rebuild",
    "enum value": "keep the values that hold it",
}

Numbered = list[tuple[int, Node]]  # (statement number, object)


def likely(
    changes: Sequence[Change],
    current: Snapshot,
    desired: Snapshot,
    files: Iterable[SchemaFile] = (),
) -> tuple[Suggestion, ...]:
    """The drops of `changes` (against a target holding `current`) that look like
    renames of what they add (see the module)."""
    dropped: dict[str, Numbered] = defaultdict(list)
    added: dict[str, Numbered] = defaultdict(list)
    for number, change in enumerate(changes, 1):
        for op in change.ops:
            if op.effect == DROP:
                dropped[op.kind].append((number, op.node))
            elif op.effect == CREATE:
                added[op.kind].append((number, op.node))
    found = [
        *_columns(dropped["column"], added["column"], current, desired),
        *_tables(dropped["table"], added["table"], current, desired),
        *_indexes(dropped["index"], added["index"], current, desired),
        *_labels(changes, current, desired),
    ]
    files = tuple(files)
    return tuple(_placed(suggestion, files) for suggestion in found)


@dataclass(frozen=True)
class _Found:
    kind: str
    old: Node
    new: Node
    statements: tuple[int, ...]


def _one_to_one(
    gone: Numbered, new: Numbered, key_old: Any, key_new: Any, kind: str
) -> list[_Found]:
    """Pairs of a dropped and an added object with equal keys, where each key names one
    of either (None keys never pair)."""
    olds: dict[Any, list[tuple[int, Node]]] = defaultdict(list)
    news: dict[Any, list[tuple[int, Node]]] = defaultdict(list)
    for number, node in gone:
        key = key_old(node)
        if key is not None:
            olds[key].append((number, node))
    for number, node in new:
        key = key_new(node)
        if key is not None:
            news[key].append((number, node))
    result = []
    for key, old in olds.items():
        if len(old) == 1 and len(news.get(key, ())) == 1:
            (a, old_node), (b, new_node) = old[0], news[key][0]
            result.append(_Found(kind, old_node, new_node, tuple(sorted({a, b}))))
    return result


def _identity(node: Node) -> str:
    return qualified(*node[1:])


def _columns(gone: Numbered, new: Numbered, current: Snapshot, desired: Snapshot) -> list[_Found]:
    have, want = catalog_of(current).columns, catalog_of(desired).columns

    def old_key(node: Node) -> Any:
        attrs = have.get(_identity(node))
        if attrs is None or _identity(node) in want:
            return None
        return (node[1], node[2], attrs.type)

    def new_key(node: Node) -> Any:
        attrs = want.get(_identity(node))
        if attrs is None or _identity(node) in have:
            return None
        return (node[1], node[2], attrs.type)

    return _one_to_one(gone, new, old_key, new_key, "column")


def _tables(gone: Numbered, new: Numbered, current: Snapshot, desired: Snapshot) -> list[_Found]:
    have, want = catalog_of(current), catalog_of(desired)

    def columns(snap: Catalog, table: str) -> frozenset[tuple[str | None, str | None]]:
        return frozenset(
            (attrs.name, attrs.type) for attrs in snap.columns.values() if attrs.table == table
        )

    def old_key(node: Node) -> Any:
        identity = _identity(node)
        if identity not in have.tables or identity in want.tables:
            return None
        return (node[1], columns(have, identity))

    def new_key(node: Node) -> Any:
        identity = _identity(node)
        if identity not in want.tables or identity in have.tables:
            return None
        return (node[1], columns(want, identity))

    return _one_to_one(gone, new, old_key, new_key, "table")


def _indexes(gone: Numbered, new: Numbered, current: Snapshot, desired: Snapshot) -> list[_Found]:
    have, want = catalog_of(current), catalog_of(desired)

    def key(snap: Catalog, other: Catalog, node: Node) -> Any:
        attrs = snap.indexes.get(_identity(node))
        if attrs is None or attrs.constraint or _identity(node) in other.indexes:
            return None
        try:
            return (attrs.table, definitions.index_shape(attrs.definition))
        except Exception:  # noqa: BLE001 - a definition not read here matches nothing
            return None

    return _one_to_one(
        gone,
        new,
        lambda node: key(have, want, node),
        lambda node: key(want, have, node),
        "index",
    )


def _labels(changes: Sequence[Change], current: Snapshot, desired: Snapshot) -> list[_Found]:
    """An enum whose labels are the same but one, in the same position, and that the
    plan changes (recreates it, or drops its old version)."""
    result = []
    have_all, want_all = catalog_of(current).enums, catalog_of(desired).enums
    for identity in sorted(have_all.keys() & want_all.keys()):
        have, want = have_all[identity].labels or [], want_all[identity].labels or []
        differ = [i for i, (a, b) in enumerate(zip(have, want, strict=False)) if a != b]
        if len(have) != len(want) or len(differ) != 1:
            continue
        old, new = have[differ[0]], want[differ[0]]
        if old in want or new in have:
            continue  # moved, not replaced
        numbers = _touching(changes, identity)
        if numbers:
            schema, name = _rel(identity)
            result.append(
                _Found(
                    "enum value",
                    ("label", schema, name, old),
                    ("label", schema, name, new),
                    numbers,
                )
            )
    return result


def _rel(identity: str) -> tuple[str, str]:
    schema, name = split_name(identity)
    return schema, name


def _touching(changes: Sequence[Change], identity: str) -> tuple[int, ...]:
    schema, name = _rel(identity)
    nodes = {("rel", schema, name), ("rel", schema, name + ENUM_SWAP_SUFFIX)}
    return tuple(
        number
        for number, change in enumerate(changes, 1)
        if any(op.node in nodes and op.kind in ("type", "enum") for op in change.ops)
    )


def _placed(found: _Found, files: tuple[SchemaFile, ...]) -> Suggestion:
    """The suggestion in words: the annotation, and where it goes in the files."""
    old, new = found.old, found.new
    if found.kind == "enum value":
        annotation = f"-- {MARKER} {RENAMED_FROM} {literal(old[3])}"
        dropped, added = f"{qualified(old[1], old[2])} {literal(old[3])}", literal(new[3])
        spot = (
            f"at the end of the line of label {literal(new[3])} in CREATE TYPE"
            f" {qualified(*new[1:3])}"
        )
    else:
        annotation = f"-- {MARKER} {RENAMED_FROM} {ident(old[-1])}"
        dropped, added = _identity(old), _identity(new)
        if found.kind == "column":
            spot = (
                f"at the end of the line of column {ident(new[3])} in CREATE TABLE"
                f" {qualified(*new[1:3])}"
            )
        else:
            spot = f"on the line directly above the CREATE {found.kind.upper()} of {added}"
    at = locate(files, found.kind, new[1:]) if files else None
    where = f"{spot} ({at})" if at else spot
    return Suggestion(found.kind, dropped, added, found.statements, annotation, where)
