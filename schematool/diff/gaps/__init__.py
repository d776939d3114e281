"""What migra misses or gets wrong, filled in by one small plug-in per kind of object.

A plan is built in three phases around migra's changes:

- **early**: after migra has created schemas, extensions, collations, enums and
  sequences, before it touches any table: objects migra never creates but tables and
  functions may use (domains, range types, text search dictionaries and
  configurations) are created or changed here, and what must go before what it uses
  does (a table dropped from a publication before its column is);
- **in place**: a plug-in may replace one of migra's changes with others (a generated
  column's new expression, labels added to an enum rather than the enum recreated);
- **late**: after everything else: grants, owners, options, comments, and drops of
  objects migra never drops.

Every module of this folder is a plug-in and ends with its declaration, `PLUGIN =
Plugin(...)` (`gapkit.plugin`): the phases it acts in, for `in_place` the (kind,
operation) pairs of the changes it replaces, and the plug-ins it runs after. They are
registered here, in `PLUGINS`, which `gapkit.plugin.ordered` sorts by those constraints
(ties by name) and checks at import. A constraint marked `(order kept)` has no
dependency behind it: it keeps a plug-in where it always ran, so plans read as before
(`ordering` moves whatever must move).

`revise` applies the early changes and the replacements to migra's changes (the diff
stage calls it); `statements` returns the late ones. Each phase function takes a
`gapkit.context.Context` (both catalog snapshots, the changes around them, what those
drop). A replacement names the change it replaces by meaning: the plug-in finds it with
`Context.find` (an operation on an object) and returns it as the key; a key that is not
one of migra's changes, or none of the plug-in's declared pairs, is an error. Two
plug-ins may both answer for one change when at least one of them keeps it (puts
statements around it: a generated column dropped before a type change and added back
after it, the column's default dropped and set again around the same change): the one
that keeps it has the other's replacement put in its place. Two plug-ins that both
replace it outright are an error. Plug-ins never talk to a database: everything they
know comes from the snapshots.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pkgutil import iter_modules

from schematool.diff.gapkit.context import Context
from schematool.diff.gapkit.dropped import dropped_keys
from schematool.diff.gapkit.plugin import Plugin, ordered
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

# Every plug-in, in no particular order (`ordered` gives theirs); each module of this folder
# must be one.
PLUGINS: tuple[Plugin, ...] = ordered(
    (
        aggregates.PLUGIN,
        casts.PLUGIN,
        collations.PLUGIN,
        column_defaults.PLUGIN,
        column_grants.PLUGIN,
        columns.PLUGIN,
        comments.PLUGIN,
        composite_types.PLUGIN,
        constraints.PLUGIN,
        default_privileges.PLUGIN,
        domains.PLUGIN,
        drops.PLUGIN,
        enums.PLUGIN,
        event_triggers.PLUGIN,
        extensions.PLUGIN,
        foreign_data.PLUGIN,
        functions.PLUGIN,
        generated_columns.PLUGIN,
        indexes.PLUGIN,
        inheritance.PLUGIN,
        not_null_names.PLUGIN,
        operators.PLUGIN,
        owners.PLUGIN,
        partitions.PLUGIN,
        policies.PLUGIN,
        privileges.PLUGIN,
        publications.PLUGIN,
        range_types.PLUGIN,
        reloptions.PLUGIN,
        rls.PLUGIN,
        rules.PLUGIN,
        schema_grants.PLUGIN,
        sequence_swaps.PLUGIN,
        sequences.PLUGIN,
        statistics.PLUGIN,
        text_search.PLUGIN,
    ),
    modules=(module.name for module in iter_modules(__path__)),
)


def revise(
    current: Snapshot,
    desired: Snapshot,
    migra_changes: list[Change],
    server_version: int,
    loader: Callable[[], str] | None = None,
) -> list[Change]:
    """migra's changes with every plug-in's early changes and replacements (`loader`:
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
    for plugin in PLUGINS:
        name = _name(plugin)
        if plugin.in_place is not None:
            for target, instead in plugin.in_place(context).items():
                _check_replacement(name, target, planned)
                _check_declared(plugin, name, target)
                instead = _stamped(instead, name, Phase.MAIN)
                replaced[target] = _composed(name, target, instead, replaced.get(target))
        if plugin.early is not None:
            early += _stamped(plugin.early(context), name, Phase.MAIN)
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
        for plugin in PLUGINS
        if plugin.late is not None
        for change in _stamped(plugin.late(context), _name(plugin), Phase.LATE)
    ]


def _with_loader(context: Context, loader: Callable[[], str] | None) -> Context:
    if loader is None or not owners.creates_owned(context):
        return context
    return replace(context, loader=loader())


SOURCE_PREFIX = "gaps."  # a step's `source` in the plan's JSON: `gaps.enums`, as ever


def _name(plugin: Plugin) -> str:
    """The plug-in's changes' source (`gaps.enums`): the name a plan's JSON has always
    given them, whichever package holds the plug-ins."""
    return f"{SOURCE_PREFIX}{plugin.name}"


def _stamped(changes: list[Change], source: str, phase: Phase) -> list[Change]:
    return [c if c.source == "migra" else replace(c, source=source, phase=phase) for c in changes]


def _check_replacement(module: str, target: Change, planned: set[Change]) -> None:
    if target not in planned:
        raise DiffError(f"{module} replaces a change migra did not plan: {target.sql}")


def _check_declared(plugin: Plugin, module: str, target: Change) -> None:
    if not plugin.may_replace(target):
        done = ", ".join(f"{op.kind} {op.what}" for op in target.ops)
        raise DiffError(
            f"{module} replaces a change ({done}) not in its in_place_for: {target.sql}"
        )


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
