"""Stage 3: the changes that turn one database's schema into another's.

migra's statements (`adapter.statements`: the one module that knows migra) are read
here, once, with PostgreSQL's grammar (`reader.read`) into `Change`s; `diff_session`
hands them to `gaps.revise` (early changes, in-place replacements), to `dependents` and
to `ordering`; `changes` adds `gaps.statements` (the late phase) and writes the
expressions as they load back (`faithful.faithful_changes`, then `round_trip.as_loaded`:
where the deparsed text still loads as another tree, the schema files' own text). Both
take one `Comparison` (`diff.comparison`): the two databases, their snapshots and
graphs, read once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from schematool import db
from schematool.desired.database import DesiredDatabase
from schematool.diff import adapter, dependents, gaps, ignored, ordering, round_trip, rows
from schematool.diff.adapter import target_session
from schematool.diff.comparison import Comparison, Graphs
from schematool.errors import DiffError
from schematool.grammar import faithful, reader
from schematool.grammar.change import CREATE, DROP, RENAME, Change
from schematool.grammar.tree import head
from schematool.inspect import catalog
from schematool.inspect.catalog import Snapshot
from schematool.names import quote_all_parts


def diff(target_url: str, desired_url: str, excluded: Iterable[str]) -> list[Change]:
    """Changes that make target_url's schema equal desired_url's."""
    excluded = tuple(excluded)
    desired = DesiredDatabase(desired_url, excluded)
    with target_session(target_url) as target:
        return diff_session(Comparison.read(target, desired, excluded))


def diff_session(comparison: Comparison) -> list[Change]:
    """As `diff`, inspecting the target through an open session (its uncommitted work
    too): migra's changes revised by the gap modules (early changes, in-place
    replacements), in dependency order; the gaps' late changes are `changes'`."""
    current_snapshot, desired_snapshot = comparison.current, comparison.desired_snapshot
    revised = _revised(comparison)
    graphs = comparison.graphs
    revised = _with_dependents(graphs, revised, current_snapshot, desired_snapshot)
    return _kept_off_ignored(comparison, _ordered(graphs, revised, []))


def remaining(comparison: Comparison) -> list[str]:
    """What still differs, one line each (empty: nothing): the full catalog comparison
    decides (it sees more than migra); when something is left, migra and the gap modules
    name the statements still to run. Once the schemas are equal, the declared rows.
    apply's verification before COMMIT and `migrations check` both say it this way."""
    left = comparison.differences()
    if not left:
        return rows.remaining(comparison.conn, comparison.snapshot, comparison.desired)
    still = changes(comparison)
    return [f"still to run: {head(c.shown.rstrip().rstrip(';'))}" for c in still] + left


def changes(comparison: Comparison) -> list[Change]:
    """Every change of a plan: migra's as the gap modules revise them, and the gaps'
    late phase, in one dependency sort whose first key is the phase (`ordering`:
    grants, comments and owners stay last; a late creation or drop, like an aggregate a
    view uses, is placed where its dependencies need it). The target's snapshot is
    compared as PostgreSQL means it (`Comparison.current`); the changes' expressions
    are written as they load back (`faithful.faithful_changes`, `round_trip.as_loaded`)."""
    current_snapshot, desired_snapshot = comparison.current, comparison.desired_snapshot
    # the role that loaded the desired schema, read once if a gap module needs it
    loader = comparison.loader
    revised = _revised(comparison)
    graphs = comparison.graphs
    revised = _with_dependents(graphs, revised, current_snapshot, desired_snapshot)
    positions = catalog.sequence_positions(comparison.conn, current_snapshot, desired_snapshot)
    late = gaps.statements(current_snapshot, desired_snapshot, revised, loader, positions)
    # expressions written so that the target gets the trees the schema files give
    written = faithful.faithful_changes(_ordered(graphs, revised, late))
    return _kept_off_ignored(comparison, round_trip.as_loaded(comparison, written))


def _kept_off_ignored(comparison: Comparison, planned: list[Change]) -> list[Change]:
    """No change to an ignored object (a safety net: the snapshots hold none, and
    migra's statements were filtered as read), and none that an ignored object of the
    target would not survive (`ignored.refuse_breaking`)."""
    nodes = comparison.ignored_nodes
    if not nodes:
        return planned
    planned = ignored.without_ignored(planned, nodes)
    ignored.refuse_breaking(planned, comparison.graphs.current, nodes)
    return planned


_TYPE_KINDS = frozenset({"type", "domain"})


def types_created_once(changes: Sequence[Change]) -> None:
    """Each type or domain is created by one module: migra (enums, composite types) or
    the gap plug-in that owns its kind. Two creations of one name with no drop or
    rename of it between would fail at apply ("type ... already exists"); refused here,
    naming both sources, so that the owner is fixed rather than the plan run to fail."""
    made: dict[tuple[str, ...], Change] = {}
    for change in changes:
        for op in change.ops:
            if op.kind not in _TYPE_KINDS:
                continue
            if op.effect in (DROP, RENAME):
                made.pop(op.node, None)
            elif op.effect == CREATE and op.node in made:
                first = made[op.node]
                raise DiffError(
                    f"{'.'.join(op.node[1:])} is created twice, by {first.source} and by"
                    f" {change.source}: {head(first.sql)} / {head(change.sql)}"
                )
            elif op.effect == CREATE:
                made[op.node] = change


def _revised(comparison: Comparison) -> list[Change]:
    """migra's statements, read into changes, with the gap modules' revisions."""
    target, current_snapshot = comparison.target(), comparison.current
    desired_snapshot = comparison.desired_snapshot
    migra = adapter.statements(
        target, comparison.desired, comparison.excluded, current_snapshot, desired_snapshot
    )
    version = db.server_version(target.conn)
    migra_changes = _columns_in_desired_order(
        ignored.without_ignored(
            reader.read_all(migra.statements, "migra"), comparison.ignored_nodes
        ),
        migra.column_order,
    )
    return gaps.revise(
        current_snapshot, desired_snapshot, migra_changes, version, comparison.loader
    )


def _columns_in_desired_order(
    changes: list[Change], desired: Mapping[str, Sequence[str]]
) -> list[Change]:
    """migra adds a table's new columns sorted by name, together; PostgreSQL appends each
    column it adds, so they are added in the desired table's column order instead
    (pg_dump prints a table's columns in their order)."""
    result = list(changes)
    start = 0
    while start < len(result):
        table = _added_column_table(result[start])
        end = start + 1
        while end < len(result) and table and _added_column_table(result[end]) == table:
            end += 1
        relation = desired.get(quote_all_parts(table[1:])) if table else None
        if relation is not None and end - start > 1:
            position = {name: n for n, name in enumerate(relation)}
            run = result[start:end]
            result[start:end] = sorted(run, key=lambda c: position.get(c.object[3], len(position)))
        start = end
    return result


def _added_column_table(change: Change) -> tuple[str, ...] | None:
    """The table (`("rel", schema, name)`) whose column this change adds, if it does."""
    if len(change.ops) != 1 or change.op.what != "add column" or change.object[0] != "col":
        return None
    return ("rel", *change.object[1:3])


def _with_dependents(
    graphs: Graphs, revised: list[Change], current_snapshot: Snapshot, desired_snapshot: Snapshot
) -> list[Change]:
    """The dependents of what the changes drop or retype dropped and created again around
    them (`dependents`), before the late phase sees what is dropped; the target's graph
    is read only when something is dropped or retyped."""
    if not dependents.wanted(revised):
        return revised
    return dependents.around(revised, graphs.current, current_snapshot, desired_snapshot)


def _ordered(graphs: Graphs, revised: list[Change], late: list[Change]) -> list[Change]:
    """The one dependency sort; both databases' graphs are read only when something
    can move (two or more changes, or a late one that creates or drops)."""
    if len(revised) < 2 and not ordering.needs_placing(late):
        return revised + late  # nothing to order: no catalog reads
    ordered = ordering.by_dependencies([*revised, *late], graphs.current, graphs.desired)
    types_created_once(ordered)
    return ordered
