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
    desired_database,
    desired_files,
    desired_fingerprint,
)
from schematool.diff import adapter, conversions, renames, replaced_types
from schematool.diff import stage as diff
from schematool.diff.comparison import Comparison
from schematool.grammar.change import Change, on_tables
from schematool.inspect import catalog, unmanaged
from schematool.names import Node
from schematool.plan import hazards, implied_locks, online
from schematool.plan.model import Plan, Step, TableSize
from schematool.plan.suggestions import likely
from schematool.project.config import Settings

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
    )
    database = db.database_identity(target.conn)
    _warn_unmanaged(target.conn, excluded)
    if desired.fingerprint is None:
        desired.snapshot()  # a scratch database loaded this run: its reading gives it
    if compared.fingerprint == desired.fingerprint:
        return Plan(
            steps=(),
            target=db.mask_url(target_url),
            target_fingerprint=compared.fingerprint,
            desired_fingerprint=desired_fp,
            online=settings.online,
            database=database,
        )
    # the chain, each step on the comparison the one before leaves: the renames the
    # files annotate run first, on the session (rolled back by the caller); a type name
    # that changes kind (an enum become a domain) has its old type put aside
    # (`replaced_types`); the rest is planned on the renamed target
    renamed, after = renames.on_target(compared, desired.annotations)
    asides, after = replaced_types.on_target(after)
    planned = diff.changes(after) if after.differences() else []
    planned = conversions.converted(planned, desired.annotations, after.desired_snapshot)
    make_steps = _online_steps if settings.online else _steps
    steps = make_steps(
        target.conn, [*renamed, *asides, *planned], after.current, after.desired_snapshot
    )
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
    )


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


def _steps(
    conn: psycopg.Connection,
    changes: list[Change],
    current: catalog.Snapshot,
    desired: catalog.Snapshot,
) -> tuple[Step, ...]:
    existing = hazards.context(current, desired)
    located = implied_locks.added(on_tables(changes, existing.index_tables), current)
    judged = hazards.judge(located, existing)
    return _sized(conn, existing, [(change, online.CORE, "") for change in judged])


def _online_steps(
    conn: psycopg.Connection,
    changes: list[Change],
    current: catalog.Snapshot,
    desired: catalog.Snapshot,
) -> tuple[Step, ...]:
    """The plan in online phases (`schematool.plan.online`). Hazards are judged per
    transaction: the core as one, every online step on its own."""
    existing = hazards.context(current, desired)
    placed = online.split(changes, online.facts(current, desired))
    located = implied_locks.added(
        on_tables([p.change for p in placed], existing.index_tables), current
    )
    placed = [replace(p, change=change) for p, change in zip(placed, located, strict=True)]
    core = iter(hazards.judge([p.change for p in placed if p.phase == online.CORE], existing))
    steps = []
    for piece in placed:
        if piece.phase == online.CORE:
            change = next(core)
            note = piece.note or online.unavoidable(change)
        else:
            change, note = hazards.judge([piece.change], existing)[0], piece.note
        steps.append((change, piece.phase, note))
    return _sized(conn, existing, steps)


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
    # inspect_now=False: SQLAlchemy and migra are loaded only if there is a difference
    with (
        adapter.target_session(target_url, inspect_now=False) as target,
        ThreadPoolExecutor(1) as pool,
    ):
        current = pool.submit(
            catalog.snapshot_and_fingerprint, target.conn, settings.excluded_schemas
        )
        try:
            with desired_database(settings, target_url, files, adapter.preload) as desired:
                fingerprint = desired_fingerprint(files)
                return plan_changes(
                    settings, target, desired, fingerprint, target_url, current.result()
                )
        finally:
            wait([current])  # the session is the thread's until its reading ends
            if not target.conn.closed:  # SQLAlchemy closes it when an interrupt meets it
                target.conn.rollback()
