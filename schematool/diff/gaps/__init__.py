"""What migra misses or gets wrong, filled in by one small module per kind of object.

A plan is built in three phases around migra's changes:

- **early**: after migra has created schemas, extensions, collations, enums and
  sequences, before it touches any table: objects migra never creates but tables and
  functions may use (domains, range types, text search dictionaries and
  configurations) are created or changed here, and what must go before what it uses
  does (a table dropped from a publication before its column is);
- **in place**: a module may replace one of migra's changes with others (a generated
  column's new expression, labels added to an enum rather than the enum recreated);
- **late**: after everything else: grants, owners, options, comments, and drops of
  objects migra never drops.

`revise` applies the early changes and the replacements to migra's changes (the diff
stage calls it); `statements` returns the late ones. A module defines any of
`early(context)`, `in_place(context)` and `late(context)` (`gaps.context.Context`: both
catalog snapshots, the changes around them, what those drop). A replacement names the
change it replaces by meaning: the module finds it with `Context.find` (an operation on
an object) and returns it as the key; a key that is not one of migra's changes is an
error. Two modules may both answer for one change when at least one of them keeps it
(puts statements around it: a generated column dropped before a type change and added
back after it, the column's default dropped and set again around the same change): the
one that keeps it has the other's replacement put in its place. Two modules that both
replace it outright are an error. Modules never talk to a database: everything they
know comes from the snapshots.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from types import ModuleType

from schematool.diff.gapkit.context import Context
from schematool.diff.gapkit.dropped import dropped_keys
from schematool.diff.gaps import (
    aggregates,
    casts,
    collations,
    column_defaults,
    column_grants,
    columns,
    comments,
    composite_types,
    constraints,
    default_privileges,
    domains,
    drops,
    enums,
    event_triggers,
    extensions,
    foreign_data,
    functions,
    generated_columns,
    indexes,
    inheritance,
    not_null_names,
    operators,
    owners,
    partitions,
    policies,
    privileges,
    publications,
    range_types,
    reloptions,
    rls,
    rules,
    schema_grants,
    sequence_swaps,
    sequences,
    statistics,
    text_search,
)
from schematool.errors import DiffError
from schematool.grammar.change import Change, Phase
from schematool.inspect.catalog import Snapshot

# Order matters within a phase: objects before their grants and flags; comments last,
# when every object they name exists.
MODULES: tuple[ModuleType, ...] = (
    extensions,
    collations,
    text_search,
    range_types,
    domains,
    composite_types,
    enums,
    column_defaults,
    constraints,
    functions,
    generated_columns,
    inheritance,
    partitions,
    policies,
    sequences,
    sequence_swaps,
    columns,
    not_null_names,
    reloptions,
    indexes,
    statistics,
    rules,
    aggregates,
    casts,
    operators,
    event_triggers,
    publications,
    owners,
    schema_grants,
    privileges,
    column_grants,
    foreign_data,
    default_privileges,
    rls,
    comments,
    drops,
)

Replacements = dict[Change, list[Change]]  # one of migra's changes -> what runs instead


def revise(
    current: Snapshot,
    desired: Snapshot,
    migra_changes: list[Change],
    server_version: int,
    loader: Callable[[], str] | None = None,
) -> list[Change]:
    """migra's changes with every module's early changes and replacements (`loader`:
    as for `statements`)."""
    context = Context(
        current,
        desired,
        tuple(migra_changes),
        frozenset(dropped_keys(current, migra_changes)),
        server_version,
    )
    context = _with_loader(context, loader)
    planned = set(migra_changes)
    replaced: dict[Change, tuple[str, list[Change]]] = {}
    early: list[Change] = []
    for module in MODULES:
        name = _name(module)
        if hasattr(module, "in_place"):
            for target, instead in module.in_place(context).items():
                _check_replacement(name, target, planned)
                instead = _stamped(instead, name, Phase.MAIN)
                replaced[target] = _composed(name, target, instead, replaced.get(target))
        if hasattr(module, "early"):
            early += _stamped(module.early(context), name, Phase.MAIN)
    revised = [c for change in migra_changes for c in replaced.get(change, ("", [change]))[1]]
    position = _early_position(revised)
    return revised[:position] + early + revised[position:]


def statements(
    current: Snapshot,
    desired: Snapshot,
    before: list[Change],
    loader: Callable[[], str] | None = None,
    positions: Mapping[str, int] | None = None,
) -> list[Change]:
    """The late phase: what to run after `before` (migra's changes as `revise` left
    them) so the target matches `desired` where migra does not look. `loader` reads
    the role that loaded the desired schema; it is called only when the plan creates an
    object with an owner (`owners.creates_owned`). `positions`: the current values of
    sequences whose bounds change (`catalog.sequence_positions`)."""
    context = Context(
        current,
        desired,
        tuple(before),
        frozenset(dropped_keys(current, before)),
        positions=positions or {},
    )
    context = _with_loader(context, loader)
    return [
        change
        for module in MODULES
        if hasattr(module, "late")
        for change in _stamped(module.late(context), _name(module), Phase.LATE)
    ]


def _with_loader(context: Context, loader: Callable[[], str] | None) -> Context:
    if loader is None or not owners.creates_owned(context):
        return context
    return replace(context, loader=loader())


def _name(module: ModuleType) -> str:
    return module.__name__.removeprefix("schematool.")


def _stamped(changes: list[Change], source: str, phase: Phase) -> list[Change]:
    return [c if c.source == "migra" else replace(c, source=source, phase=phase) for c in changes]


def _check_replacement(module: str, target: Change, planned: set[Change]) -> None:
    if target not in planned:
        raise DiffError(f"{module} replaces a change migra did not plan: {target.sql}")


def _composed(
    module: str, target: Change, instead: list[Change], earlier: tuple[str, list[Change]] | None
) -> tuple[str, list[Change]]:
    """`module`'s replacement of `target`, composed with an earlier module's: whichever
    keeps `target` among its statements gets the other's replacement in its place."""
    if earlier is None:
        return module, instead
    other, before = earlier
    if instead == before:
        return earlier  # the same replacement (both leave a child's inherited CHECK out)
    if target in instead:
        outer, inner = instead, before
    elif target in before:
        outer, inner = before, instead
    else:
        raise DiffError(f"{module} and {other} both replace one change: {target.sql}")
    composed = [c for kept in outer for c in (inner if kept == target else [kept])]
    return f"{other}+{module}", composed


def _early_position(changes: list[Change]) -> int:
    """After migra's first changes, which create what tables may use (schemas,
    extensions, collations, enums, sequences): early changes go right after them."""
    for position, change in enumerate(changes):
        if not _prelude(change):
            return position
    return len(changes)


def _prelude(change: Change) -> bool:
    op = change.op
    if len(change.ops) != 1:
        return False
    if op.kind in ("schema", "extension", "collation", "sequence") and op.effect == "create":
        return True
    if op.kind == "extension" and op.what in ("update", "set schema"):
        return True
    return op.kind == "type" and op.effect == "create" and bool(op.detail("enum"))
