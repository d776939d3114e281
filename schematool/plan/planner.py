"""Stage 4: planning, one visible chain from the comparison to the `Plan`
(`schematool.plan.model`): the target compared with the desired database, the annotated
renames and the replaced types run on its session, the diff, the conversions, the online
split or the hazards per transaction, the sizes of the tables touched.
"""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import replace

import psycopg

from schematool import db
from schematool.desired.database import (
    DesiredDatabase,
    declared_rows,
    desired_database,
    desired_files,
    desired_fingerprint,
)
from schematool.diff import adapter, conversions, renames, replaced_types, rows, stage
from schematool.diff.comparison import Comparison
from schematool.errors import ConfigError, DiffError, ExternalMissing, IgnoreMatchedNothing
from schematool.grammar.change import Change, on_tables
from schematool.inspect import catalog, replication, unmanaged
from schematool.names import Node, qualified
from schematool.plan import data_checks, expand, hazards, implied_locks, online
from schematool.plan import steps as custom_steps
from schematool.plan.model import Plan, Step, TableSize
from schematool.plan.suggestions import likely
from schematool.project.config import Settings
from schematool.project.steps import CustomStep, read_steps

# -- planning ---------------------------------------------------------------------------


def plan_changes(
    settings: Settings,
    target: adapter.TargetSession,
    desired: DesiredDatabase,
    desired_fp: str,
    target_url: str,
    current: tuple[catalog.Snapshot, str] | None = None,
) -> Plan:
    """Diff the target (through its session) against the desired database; `current` is
    the target's snapshot and fingerprint when the caller has read them on that session.

    Equal schemas have equal fingerprints (apply verifies exactly this before it
    commits): then there is nothing for migra to find. The target's fingerprint comes
    from the same reading as its snapshot, so the plan's statements are never newer than
    the fingerprint apply checks (a target that moves meanwhile is caught as stale).
    """
    excluded = settings.excluded_schemas
    compared = Comparison.read(
        target,
        desired,
        excluded,
        settings.lock_timeout,
        current or _target_snapshot(target.conn, desired, excluded),
        settings.ignore,
    )
    _refuse_missing_external(compared)
    database = db.database_identity(target.conn)
    _warn_unmanaged(target.conn, excluded)
    found = replication.standbys(target.conn)
    replication.warn_commit_waits(target.conn, found)
    standbys = tuple(standby.label for standby in found)
    if desired.fingerprint is None:
        desired.snapshot()  # a scratch database loaded this run: its reading gives it
    ignored, unmatched = _ignored(compared)
    pending = _pending_steps(settings, target.conn)
    if compared.fingerprint == desired.fingerprint and not pending:
        # the schemas are equal: only the declared rows may differ (none: no plan at all)
        rows_only = rows.row_changes(target.conn, compared.snapshot, desired)
        existing = hazards.context(compared.snapshot, compared.snapshot)
        return Plan(
            steps=_sized(target.conn, existing, [
                (change, online.CORE, "") for change in hazards.judge(rows_only, existing)
            ]),
            target=db.mask_url(target_url),
            target_fingerprint=compared.fingerprint,
            desired_fingerprint=desired_fp,
            online=settings.online,
            database=database,
            ignored=ignored,
            unmatched_ignore=unmatched,
            standbys=standbys,
        )
    # the chain, each step on the comparison the one before leaves: the renames the
    # files annotate run first, on the session (rolled back by the caller); a type name
    # that changes kind (an enum become a domain) has its old type put aside
    # (`replaced_types`); the rest is planned on the renamed target
    try:
        renamed, after = renames.on_target(compared, desired.annotations)
        asides, after = replaced_types.on_target(after)
    except psycopg.errors.ReadOnlySqlTransaction:
        raise DiffError(
            f"{db.mask_url(target_url)} is a standby (read-only), and this plan renames or"
            " replaces objects, which planning tries out on the target's session: plan"
            " against its primary"
        ) from None
    planned = stage.changes(after) if after.differences() else []
    planned = conversions.converted(planned, desired.annotations, after.desired_snapshot)
    planned = custom_steps.placed(planned, pending, after.desired_snapshot)
    # the declared rows last: every table and column they write exists by then
    written = rows.row_changes(target.conn, after.snapshot, desired)
    make_steps = _online_steps if settings.online else _steps
    steps, checks = make_steps(
        target.conn,
        [*renamed, *asides, *planned],
        after.current,
        after.desired_snapshot,
        written,
        data_checks.Limits(settings.data_check_timeout, settings.data_check_sample_above),
    )
    contract = () if settings.online else _contract(steps, after.desired_snapshot)
    return Plan(
        steps=steps,
        target=db.mask_url(target_url),
        target_fingerprint=compared.fingerprint,
        desired_fingerprint=desired_fp,
        suggestions=likely(
            [step.change for step in steps], after.current, after.desired_snapshot, desired.files
        ),
        online=settings.online,
        database=database,
        standbys=standbys,
        data_checks=checks,
        ignored=ignored,
        unmatched_ignore=unmatched,
        contract=contract,
    )


def _contract(steps: tuple[Step, ...], desired: catalog.Snapshot) -> tuple[tuple[int, str], ...]:
    """The contract half (`plan.expand`), as the plan shows it: empty when the plan
    cannot be split (apply --expand then says why)."""
    try:
        _, contract = expand.halves(steps, desired)
    except ConfigError:
        return ()
    return tuple((n, expand.contracting(step.change, desired) or "") for n, step in contract)


def _pending_steps(settings: Settings, conn: psycopg.Connection) -> list[CustomStep]:
    """The custom steps (steps/*.sql) this target has not run, refused in an online
    plan (its phases have no place for them yet)."""
    folder = settings.steps_dir or settings.root / "steps"
    pending = custom_steps.pending(conn, read_steps(folder, settings.rel(folder)))
    if pending and settings.online:
        raise ConfigError(
            f"custom steps ({', '.join(s.label for s in pending)}) cannot run in an online"
            " plan yet: apply without --online"
        )
    return pending


def _refuse_missing_external(compared: Comparison) -> None:
    """An object the `external` files create must be on the target already: the schema
    relies on it, and creating it is its owner's business, never the plan's."""
    missing = compared.missing_external()
    if missing:
        listed = ", ".join(f"{_node_named(node)} ({file})" for node, file in missing)
        raise ExternalMissing(
            f"the target lacks what external files create: {listed}; these belong to"
            " others and are never planned: create them on the target first"
        )


def _node_named(node: Node) -> str:
    kind = {"rel": "relation", "fn": "function", "ext": "extension"}.get(node[0], node[0])
    return f"{kind} {qualified(*node[1:])}"


def _ignored(compared: Comparison) -> tuple[int, tuple[str, ...]]:
    """How many objects the `ignore` patterns leave out, and those that match nothing,
    each of which is a warning: a misspelt pattern would otherwise protect nothing."""
    count, unmatched = compared.ignored_report()
    for pattern in unmatched:
        warnings.warn(
            IgnoreMatchedNothing(
                f"ignore pattern {pattern!r} matches no object of the target or the schema"
            ),
            stacklevel=2,
        )
    return count, unmatched


def _warn_unmanaged(conn: psycopg.Connection, excluded: tuple[str, ...]) -> None:
    """Objects of kinds no plan manages are the target's own: reported, never touched
    (a desired schema holding one is refused when it is loaded)."""
    message = unmanaged.describe_target(unmanaged.find(conn, excluded))
    if message:
        warnings.warn(unmanaged.UnmanagedInTarget(message), stacklevel=2)


def _target_snapshot(
    conn: psycopg.Connection, desired: DesiredDatabase, excluded: tuple[str, ...]
) -> tuple[catalog.Snapshot, str]:
    """The target's snapshot and fingerprint; the desired database's snapshot (and with
    it its fingerprint) is read meanwhile when its fingerprint is not known yet: both
    readings mostly wait on their servers, which the two can do at once."""
    if desired.fingerprint is not None:
        return catalog.snapshot_and_fingerprint(conn, excluded)
    with ThreadPoolExecutor(1) as pool:
        other = pool.submit(desired.snapshot)
        current = catalog.snapshot_and_fingerprint(conn, excluded)
        other.result()
        return current


Checked = tuple[tuple[Step, ...], tuple[data_checks.DataCheck, ...]]


def _steps(
    conn: psycopg.Connection,
    changes: list[Change],
    current: catalog.Snapshot,
    desired: catalog.Snapshot,
    written: list[Change],
    limits: data_checks.Limits,
) -> Checked:
    existing = hazards.context(current, desired)
    located = implied_locks.added(on_tables(changes, existing.index_tables), current)
    judged = hazards.judge([*located, *written], existing)
    return _checked(
        conn, existing, [(change, online.CORE, "") for change in judged], current, desired, limits
    )


def _checked(
    conn: psycopg.Connection,
    existing: hazards.Existing,
    steps: list[tuple[Change, str, str]],
    current: catalog.Snapshot,
    desired: catalog.Snapshot,
    limits: data_checks.Limits,
) -> Checked:
    """The steps, sized, after the target's rows were asked whether each can succeed
    (`plan.data_checks`: a change that will fail carries `fails-on-data`)."""

    def lossy(column: Node, old: str, new: str) -> bool:
        return hazards.type_change(old, existing.new_columns.get(column, new), existing)[0]

    changes, checks = data_checks.checked(
        conn, [change for change, _, _ in steps], current, desired, lossy, limits
    )
    found = [(change, phase, note) for change, (_, phase, note) in zip(changes, steps, strict=True)]
    return _sized(conn, existing, found), checks


def _online_steps(
    conn: psycopg.Connection,
    changes: list[Change],
    current: catalog.Snapshot,
    desired: catalog.Snapshot,
    written: list[Change],
    limits: data_checks.Limits,
) -> Checked:
    """The plan in online phases (`schematool.plan.online`). Hazards are judged per
    transaction: the core as one, every online step on its own. The declared rows are
    written at the end of the core: in its transaction, after every table and column."""
    existing = hazards.context(current, desired)
    placed = online.split(changes, online.facts(current, desired))
    located = implied_locks.added(
        on_tables([p.change for p in placed], existing.index_tables), current
    )
    placed = [replace(p, change=change) for p, change in zip(placed, located, strict=True)]
    in_core = [p.change for p in placed if p.phase == online.CORE]
    core = iter(hazards.judge([*in_core, *written], existing))
    steps = []
    for piece in placed:
        if piece.phase == online.CORE:
            change = next(core)
            note = piece.note or online.unavoidable(change)
        else:
            change, note = hazards.judge([piece.change], existing)[0], piece.note
        steps.append((change, piece.phase, note))
    # the pieces come in phase order: the rows (what `core` has left) end the core
    end_of_core = sum(1 for _, phase, _ in steps if phase != online.AFTER)
    steps[end_of_core:end_of_core] = [(change, online.CORE, "") for change in core]
    return _checked(conn, existing, steps, current, desired, limits)


def _sized(
    conn: psycopg.Connection, existing: hazards.Existing, steps: list[tuple[Change, str, str]]
) -> tuple[Step, ...]:
    """Steps with the sizes of the target's tables each locks."""
    # a table renamed first is in `current` (the renamed target) by its new name
    moved = {op.node: op.renamed_to for c, _, _ in steps for op in c.ops if op.renamed_to}
    touched = [
        [
            table
            for lock in change.locks
            if (table := lock.table if lock.table in existing.tables else moved.get(lock.table))
            in existing.tables
        ]
        for change, _, _ in steps
    ]
    sizes = table_sizes(conn, sorted({t for tables in touched for t in tables}))
    return tuple(
        Step(change, tuple(sizes[t] for t in tables if t in sizes), phase, note)
        for (change, phase, note), tables in zip(steps, touched, strict=True)
    )


def table_sizes(conn: psycopg.Connection, tables: list[Node]) -> dict[Node, TableSize]:
    """Estimated rows and total size of the target's tables, from its statistics (cheap:
    no table is read). A table never analyzed has reltuples -1: unknown, unless empty."""
    if not tables:
        return {}
    schemas, names = [t[1] for t in tables], [t[2] for t in tables]
    rows = conn.execute(
        "SELECT n.nspname, c.relname, c.reltuples::bigint,"
        " pg_total_relation_size(c.oid), pg_relation_size(c.oid)"
        " FROM unnest(%s::text[], %s::text[]) AS wanted(nsp, rel)"
        " JOIN pg_namespace n ON n.nspname = wanted.nsp"
        " JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = wanted.rel",
        (schemas, names),
    ).fetchall()
    return {
        ("rel", schema, name): TableSize(
            f"{schema}.{name}", estimate if estimate >= 0 else (0 if heap == 0 else None), total
        )
        for schema, name, estimate, total, heap in rows
    }


def make_plan(settings: Settings, target_url: str) -> Plan:
    """render check -> scratch database -> diff -> Plan.

    The target's catalog is read on a thread while the desired schema is loaded (or its
    kept database found): the two wait on different work of the server."""
    files = desired_files(settings)
    data = declared_rows(settings)
    # inspect_now=False: SQLAlchemy and migra are loaded only if there is a difference
    with (
        adapter.target_session(target_url, inspect_now=False) as target,
        ThreadPoolExecutor(1) as pool,
    ):
        current = pool.submit(
            catalog.snapshot_and_fingerprint, target.conn, settings.excluded_schemas
        )
        try:
            with desired_database(
                settings, target_url, files, adapter.preload, data
            ) as desired:
                fingerprint = desired_fingerprint(files, data)
                return plan_changes(
                    settings, target, desired, fingerprint, target_url, current.result()
                )
        finally:
            wait([current])  # the session is the thread's until its reading ends
            if not target.conn.closed:  # SQLAlchemy closes it when an interrupt meets it
                target.conn.rollback()
