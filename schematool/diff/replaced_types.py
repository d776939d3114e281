"""Types replaced by a type of another kind under the same name (class 8 of issue 15).

An enum that becomes a domain of the same name (or a domain an enum, a composite or
range type either) is one name held by two different objects: migra compares the pair
as one type and fails (schemainspect compares an enum with what is not one), and a plan
that creates the new type before the old one is gone fails on the name. So the old type
is put aside first: renamed, on the target's session, to a name neither database uses
(`<name>__replaced_to_be_dropped`), inside the plan's own transaction like the annotated
renames (`schematool.diff.renames`). The renamed target is then compared with the desired
schema as usual: the new type is created under the freed name, the columns that use the
old one are converted to it (their defaults dropped and set again around the change, as
for any column type change), what reads them is dropped and created around that, and
the old type, now used by nothing, is dropped.

The rename itself carries no hazard (the type keeps its name for every reader once the
plan has run); the drop of the old type carries `data_loss`, and each column conversion
the hazards of a type change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import psycopg

from schematool.diff import renames
from schematool.grammar import reader
from schematool.grammar.change import Change
from schematool.inspect.catalog import Snapshot
from schematool.names import ident, split_name

if TYPE_CHECKING:
    from schematool.diff.comparison import Comparison

SOURCE = "replaced_types"
SUFFIX = "__replaced_to_be_dropped"
# the snapshot kinds of types a column, a function or another type can use by name
TYPE_KINDS = ("enum", "domain", "composite_type", "range_type")
# every snapshot kind whose names share pg_type's (and so pg_class's) namespace
_NAMESPACE_KINDS = (*TYPE_KINDS, "table", "view", "materialized_view", "sequence", "index")
_MAX_NAME = 63  # NAMEDATALEN - 1, in bytes


def replaced(current: Snapshot, desired: Snapshot) -> list[tuple[str, str, str]]:
    """(identity, the target's kind, the desired kind) of every type name the desired
    schema gives to a type of another kind."""
    found = []
    for old_kind in TYPE_KINDS:
        for identity in sorted(current.get(old_kind, {})):
            for new_kind in TYPE_KINDS:
                if new_kind != old_kind and identity in desired.get(new_kind, {}):
                    found.append((identity, old_kind, new_kind))
    return found


def planned(current: Snapshot, desired: Snapshot, used: Callable[[str], bool]) -> list[Change]:
    """The renames that put each replaced type aside, in name order: those something
    uses (`used`). One nothing uses is dropped before its namesake is created, as the
    gap modules plan it, with no rename."""
    return [
        _aside(identity, old_kind, new_kind, current, desired)
        for identity, old_kind, new_kind in replaced(current, desired)
        if used(identity)
    ]


def used_on(conn: psycopg.Connection) -> Callable[[str], bool]:
    """Whether an object of the target depends on a type (or on its array type): a
    column, a function's argument or result, another type, a default or a view."""

    def used(identity: str) -> bool:
        row = conn.execute(
            "SELECT EXISTS (SELECT FROM pg_depend d JOIN pg_type t"
            " ON d.refobjid IN (t.oid, t.typarray) AND d.refclassid = 'pg_type'::regclass"
            " WHERE t.oid = %s::regtype AND d.deptype = 'n')",
            (identity,),
        ).fetchone()
        return bool(row and row[0])

    return used


def _aside(
    identity: str, old_kind: str, new_kind: str, current: Snapshot, desired: Snapshot
) -> Change:
    schema, name = split_name(identity)
    free = free_name(schema, name, current, desired)
    keyword = "DOMAIN" if old_kind == "domain" else "TYPE"
    change = reader.read(f"ALTER {keyword} {identity} RENAME TO {ident(free)};", SOURCE)
    facts = (
        ("replaced", f"{_spoken(old_kind)} by {_spoken(new_kind)}"),
        ("because", f"{identity} becomes a {_spoken(new_kind)}"),
    )
    op = change.ops[0]
    return replace(change, ops=(replace(op, details=op.details + facts), *change.ops[1:]))


def free_name(schema: str, name: str, current: Snapshot, desired: Snapshot) -> str:
    """`<name>__replaced_to_be_dropped` (numbered when taken), cut to fit PostgreSQL's
    63 bytes: a name neither database holds in the schema, so nothing the comparison
    sees is mistaken for it."""
    taken = {
        split_name(identity)[1]
        for snapshot in (current, desired)
        for kind in _NAMESPACE_KINDS
        for identity in snapshot.get(kind, {})
        if split_name(identity)[0] == schema
    }
    number = 0
    while True:
        suffix = SUFFIX + (str(number) if number else "")
        stem = name.encode("utf-8")[: _MAX_NAME - len(suffix)].decode("utf-8", "ignore")
        candidate = stem + suffix
        if candidate not in taken and "_" + candidate not in taken:
            return candidate
        number += 1


_SPOKEN = {"enum": "enum type", "composite_type": "composite type", "range_type": "range type"}


def _spoken(kind: str) -> str:
    return _SPOKEN.get(kind, kind)


def on_target(comparison: Comparison) -> tuple[list[Change], Comparison]:
    """The renames that put replaced types aside, run on the target's session (its
    transaction is the caller's to roll back), and the comparison of the target after
    them; ([], comparison) when no type name changes kind."""
    current, desired = comparison.current, comparison.desired_snapshot
    if not replaced(current, desired):
        return [], comparison
    target = comparison.target()
    asides = planned(current, desired, used_on(target.conn))
    if not asides:
        return [], comparison
    renames.run(target.conn, asides, comparison.lock_timeout)
    return asides, comparison.reread()
