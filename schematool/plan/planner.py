"""Stage 4: the Plan, the one object `plan` prints and `apply` executes.

A plan holds the statements with their hazards, the database it was made for (its
identity, not its address), a fingerprint of the target's schema as inspected and of
the desired schema, and the tool version. Saved as JSON with a hash of those fields, so
a plan file edited by hand is detected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import psycopg

from schematool import __version__, db
from schematool.desired.database import (
    DesiredDatabase,
    canonical_json,
    desired_database,
    desired_files,
    desired_fingerprint,
)
from schematool.diff import adapter, conversions, renames, replaced_types
from schematool.diff import stage as diff
from schematool.errors import PlanFileError
from schematool.grammar.change import CREATE, DROP, Change, action_of, on_tables
from schematool.inspect import catalog
from schematool.inspect import comparable as canonical
from schematool.inspect import unmanaged as coverage
from schematool.inspect.differences import differences
from schematool.names import Node
from schematool.plan import hazards, online
from schematool.plan.suggestions import Suggestion, likely
from schematool.project.config import Settings

FORMAT = "schematool-plan"
FORMAT_VERSION = 4  # 4: `database`, the identity of the database planned


@dataclass(frozen=True)
class TableSize:
    """An existing table a statement touches, as the target's statistics estimate it."""

    name: str  # schema.table, unquoted
    rows: int | None  # pg_class.reltuples; None: never analyzed, not known
    bytes: int  # pg_total_relation_size: heap, indexes and TOAST


@dataclass(frozen=True)
class Step:
    """A change of the plan, the phase it runs in (`online.PHASES`: a plan made without
    --online is all core, one transaction) and the sizes of the target's tables it locks."""

    change: Change
    tables: tuple[TableSize, ...] = ()  # the target's tables it locks, scans or rewrites
    phase: str = online.CORE
    note: str = ""  # online: why the step is in its phase, and the lock it still takes

    @property
    def sql(self) -> str:
        """The statement as printed, saved and recorded: secrets masked
        (`Change.shown`); apply runs `change.sql`."""
        return self.change.shown

    @property
    def hazards(self) -> tuple[str, ...]:
        """The hazard kinds (their reasons: `change.hazards`)."""
        return self.change.hazard_kinds


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    target: str  # masked URL
    target_fingerprint: str
    desired_fingerprint: str
    tool_version: str = __version__
    created_at: str = field(
        default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    )
    # drops that look like renames, with the annotation that would keep the data
    suggestions: tuple[Suggestion, ...] = ()
    online: bool = False  # split in phases (schematool.plan.online) rather than one transaction
    database: db.DatabaseIdentity | None = None  # the target planned (apply checks it)

    @property
    def statements(self) -> list[str]:
        return [step.sql for step in self.steps]

    def phase(self, name: str) -> list[tuple[int, Step]]:
        """The steps of one phase with their numbers in the plan (1-based)."""
        return [(n, step) for n, step in enumerate(self.steps, 1) if step.phase == name]

    @property
    def masked(self) -> bool:
        """Some statement holds a secret the plan does not print or save: a saved plan
        of it is applied by planning again (`apply`), never from its text."""
        return any(step.change.masked is not None for step in self.steps)

    @property
    def is_empty(self) -> bool:
        return not self.steps

    @property
    def hazards(self) -> set[str]:
        return {h for step in self.steps for h in step.hazards}

    @property
    def plan_hash(self) -> str:
        """Identity of what the plan does and where it applies (not when it was made)."""
        body = {
            "tool_version": self.tool_version,
            "target_fingerprint": self.target_fingerprint,
            "desired_fingerprint": self.desired_fingerprint,
            "online": self.online,
            "database": _database_json(self.database),
            "steps": [_step_json(step) for step in self.steps],
        }
        return hashlib.sha256(canonical_json(body)).hexdigest()

    def summary(self) -> dict[str, dict[str, int]]:
        return summarize([step.change for step in self.steps])

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "tool_version": self.tool_version,
            "created_at": self.created_at,
            "target": self.target,
            "database": _database_json(self.database),
            "target_fingerprint": self.target_fingerprint,
            "desired_fingerprint": self.desired_fingerprint,
            "online": self.online,
            "summary": self.summary(),
            "hazards": sorted(self.hazards),
            "steps": [_step_json(step) for step in self.steps],
            "suggestions": [suggestion.to_json() for suggestion in self.suggestions],
            "plan_hash": self.plan_hash,
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")


def _database_json(database: db.DatabaseIdentity | None) -> dict[str, Any] | None:
    return None if database is None else asdict(database)


def _database_from_json(data: dict[str, Any] | None) -> db.DatabaseIdentity | None:
    if data is None:
        return None
    system_identifier = data["system_identifier"]
    return db.DatabaseIdentity(
        None if system_identifier is None else str(system_identifier),
        str(data["name"]),
        int(data["oid"]),
    )


def _step_json(step: Step) -> dict[str, Any]:
    data = step.change.to_json()
    data["phase"] = step.phase
    if step.note:
        data["note"] = step.note
    if step.tables:
        data["tables"] = [asdict(t) for t in step.tables]
    return data


def _step_from_json(data: dict[str, Any]) -> Step:
    tables = tuple(
        TableSize(str(t["name"]), None if t["rows"] is None else int(t["rows"]), int(t["bytes"]))
        for t in data.get("tables", [])
    )
    phase = str(data["phase"])
    if phase not in online.PHASES:
        raise ValueError(f"unknown phase {phase!r}")
    return Step(Change.from_json(data), tables, phase, str(data.get("note", "")))


def load_plan(path: Path) -> Plan:
    """Read a saved plan, refusing one that was edited or made by another tool version."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanFileError(f"plan file not found: {path}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise PlanFileError(f"{path}: not a schematool plan (invalid JSON: {error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PlanFileError(f"{path}: not a schematool plan")
    if data.get("tool_version") != __version__:
        raise PlanFileError(
            f"{path}: made by schematool {data.get('tool_version')}, this is {__version__};"
            " make the plan again with this version"
        )
    version = data.get("format_version")
    if version is not None and version != FORMAT_VERSION:
        raise PlanFileError(
            f"{path}: a plan of format {version}, this schematool reads"
            f" format {FORMAT_VERSION}; make the plan again"
        )
    try:
        plan = Plan(
            steps=tuple(_step_from_json(s) for s in data["steps"]),
            target=data["target"],
            target_fingerprint=data["target_fingerprint"],
            desired_fingerprint=data["desired_fingerprint"],
            tool_version=data["tool_version"],
            created_at=data["created_at"],
            suggestions=tuple(Suggestion.from_json(s) for s in data.get("suggestions", [])),
            online=bool(data["online"]),
            database=_database_from_json(data["database"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise PlanFileError(f"{path}: incomplete plan file ({error!r})") from None
    if plan.plan_hash != data.get("plan_hash"):
        raise PlanFileError(f"{path}: the plan file was edited after it was made; refusing it")
    return plan


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
    current_snap, current_fp = current or _target_snapshot(target.conn, desired, excluded)
    database = db.database_identity(target.conn)
    _warn_unmanaged(target.conn, excluded)
    if desired.fingerprint is None:
        desired.snapshot()  # a scratch database loaded this run: its reading gives it
    if current_fp == desired.fingerprint:
        return Plan(
            steps=(),
            target=db.mask_url(target_url),
            target_fingerprint=current_fp,
            desired_fingerprint=desired_fp,
            online=settings.online,
            database=database,
        )
    desired_snap = desired.snapshot()
    # compared as PostgreSQL means them (canonical.comparable): a target built with psql
    # or owned by another role differs in spelling and owners, not in schema
    current_snap = canonical.comparable(current_snap, desired_snap, desired.url)
    # the renames the files annotate run first, on the session (rolled back by the
    # caller); the rest is planned on the renamed target
    renamed, current_snap = renames.on_target(
        target,
        desired.annotations,
        current_snap,
        desired_snap,
        desired.url,
        excluded,
        settings.lock_timeout,
    )
    # a type name that changes kind (an enum become a domain): the old type is put
    # aside first, so the comparison sees two types (`replaced_types`)
    asides, current_snap = replaced_types.on_target(
        target, current_snap, desired_snap, desired.url, excluded, settings.lock_timeout
    )
    renamed += asides
    if not differences(desired_snap, current_snap):
        planned: list[Change] = []
    else:
        planned = diff.changes(target, desired.url, excluded, current_snap, desired_snap)
    planned = conversions.converted(planned, desired.annotations, desired_snap)
    make_steps = _online_steps if settings.online else _steps
    steps = make_steps(target.conn, [*renamed, *planned], current_snap, desired_snap)
    return Plan(
        steps=steps,
        target=db.mask_url(target_url),
        target_fingerprint=current_fp,
        desired_fingerprint=desired_fp,
        suggestions=likely(
            [step.change for step in steps], current_snap, desired_snap, desired.files
        ),
        online=settings.online,
        database=database,
    )


def _warn_unmanaged(conn: psycopg.Connection, excluded: tuple[str, ...]) -> None:
    """Objects of kinds no plan manages are the target's own: reported, never touched
    (a desired schema holding one is refused when it is loaded)."""
    message = coverage.describe_target(coverage.find(conn, excluded))
    if message:
        warnings.warn(coverage.UnmanagedInTarget(message), stacklevel=2)


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
    judged = hazards.judge(on_tables(changes, existing.index_tables), existing)
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
    located = on_tables([p.change for p in placed], existing.index_tables)
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


# -- summary ----------------------------------------------------------------------------

SUMMARY_ACTIONS = ("create", "alter", "drop", "rename", "grant", "revoke", "comment")


def summarize(changes: list[Change]) -> dict[str, dict[str, int]]:
    """How many objects each action touches, by kind: {'create': {'table': 2}, ...}.
    Session settings and no-ops are not objects; a statement not understood counts as
    `other`; an object the plan creates and drops again (the online helper CHECK of a
    SET NOT NULL) is no change to the schema, and not counted."""
    temporary = _temporary(changes)
    counts: dict[str, Counter[str]] = {}
    for change in changes:
        if change.action == "other":
            counts.setdefault("other", Counter())["statement"] += 1
            continue
        for op in change.ops:
            if op.node in temporary:
                continue
            action = action_of(op)
            if action in SUMMARY_ACTIONS:
                counts.setdefault(action, Counter())[op.kind] += 1
    return {action: dict(sorted(c.items())) for action, c in sorted(counts.items())}


def _temporary(changes: list[Change]) -> set[Node]:
    """The objects a plan creates, then drops (in that order): gone before it ends."""
    created: set[Node] = set()
    temporary: set[Node] = set()
    for change in changes:
        for op in change.ops:
            if op.effect == CREATE:
                created.add(op.node)
            elif op.effect == DROP and op.node in created:
                temporary.add(op.node)
    return temporary
