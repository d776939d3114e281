"""Stage 4: the Plan, the one object `plan` prints and `apply` executes.

A plan holds the statements with their hazards, a fingerprint of the target's schema as
inspected and of the desired schema, and the tool version. Saved as JSON with a hash of
those fields, so a plan file edited by hand is detected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from schematool import (
    __version__,
    canonical,
    catalog,
    db,
    diff,
    hazards,
    load,
    render,
    scratch,
)
from schematool.config import TOOL_SCHEMA, Settings
from schematool.errors import PlanFileError, ScratchError

FORMAT = "schematool-plan"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class TableSize:
    """An existing table a statement touches, as the target's statistics estimate it."""

    name: str  # schema.table, unquoted
    rows: int | None  # pg_class.reltuples; None: never analyzed, not known
    bytes: int  # pg_total_relation_size: heap, indexes and TOAST


@dataclass(frozen=True)
class Step:
    sql: str
    hazards: tuple[str, ...] = ()
    tables: tuple[TableSize, ...] = ()  # the target's tables it locks, scans or rewrites


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

    @property
    def statements(self) -> list[str]:
        return [step.sql for step in self.steps]

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
            "steps": [asdict(step) for step in self.steps],
        }
        return hashlib.sha256(_canonical(body)).hexdigest()

    def summary(self) -> dict[str, dict[str, int]]:
        return summarize(self.statements)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "tool_version": self.tool_version,
            "created_at": self.created_at,
            "target": self.target,
            "target_fingerprint": self.target_fingerprint,
            "desired_fingerprint": self.desired_fingerprint,
            "summary": self.summary(),
            "hazards": sorted(self.hazards),
            "steps": [_step_json(step) for step in self.steps],
            "plan_hash": self.plan_hash,
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")


def _step_json(step: Step) -> dict[str, Any]:
    data: dict[str, Any] = {"sql": step.sql, "hazards": list(step.hazards)}
    if step.tables:
        data["tables"] = [asdict(t) for t in step.tables]
    return data


def _step_from_json(data: dict[str, Any]) -> Step:
    tables = tuple(
        TableSize(str(t["name"]), None if t["rows"] is None else int(t["rows"]), int(t["bytes"]))
        for t in data.get("tables", [])
    )
    return Step(data["sql"], tuple(data["hazards"]), tables)


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")


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
    try:
        plan = Plan(
            steps=tuple(_step_from_json(s) for s in data["steps"]),
            target=data["target"],
            target_fingerprint=data["target_fingerprint"],
            desired_fingerprint=data["desired_fingerprint"],
            tool_version=data["tool_version"],
            created_at=data["created_at"],
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise PlanFileError(f"{path}: incomplete plan file ({error})") from None
    if plan.plan_hash != data.get("plan_hash"):
        raise PlanFileError(f"{path}: the plan file was edited after it was made; refusing it")
    return plan


# -- desired schema ---------------------------------------------------------------------


def desired_files(settings: Settings) -> list[load.SchemaFile]:
    """The schema files to load, after making sure schema/ is what the templates render."""
    label = settings.rel(settings.schema_dir)
    if settings.render_schema and settings.templates_dir.is_dir():
        templates = settings.rel(settings.templates_dir)
        rendered = render.render_tree(settings.templates_dir, settings.base_variables, templates)
        render.check(rendered, settings.schema_dir, label)
        if settings.variables != settings.base_variables:
            # an environment's own variables: its schema is rendered in memory, since
            # schema/ holds the rendering with the project's variables
            ours = render.render_tree(settings.templates_dir, settings.variables, templates)
            return [load.SchemaFile(f"{label}/{rel}", text) for rel, text in sorted(ours.items())]
    return load.schema_files(settings.schema_dir, label)


def desired_fingerprint(files: list[load.SchemaFile]) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(_canonical([file.name, file.text]))
    return digest.hexdigest()


@dataclass
class DesiredDatabase:
    """Where the desired schema is loaded, its fingerprint and its catalog snapshot.

    Nothing changes a desired database once loaded, so each is read at most once per
    run; a kept one records both when it is built (the snapshot in a table of the
    schema schematool excludes from every diff), so later runs read no catalog of it."""

    url: str
    excluded: tuple[str, ...]
    fingerprint: str | None = None
    _snapshot: catalog.Snapshot | None = None
    kept: bool = False

    def snapshot(self) -> catalog.Snapshot:
        if self._snapshot is None:
            with db.connect(self.url, autocommit=True) as conn:
                recorded = _recorded_snapshot(conn) if self.kept else None
                if recorded is None:
                    self._snapshot, self.fingerprint = catalog.snapshot_and_fingerprint(
                        conn, self.excluded
                    )
                else:
                    self._snapshot = recorded
                    if self.fingerprint is None:
                        self.fingerprint = catalog.fingerprint(conn, self.excluded)
        return self._snapshot

    def record(self) -> str:
        """Read the snapshot and record it in the database; return the fingerprint.
        Recording only saves later runs time: where it fails (no CREATE on the
        database, an event trigger of the schema refusing it), they read the catalog."""
        snap = self.snapshot()
        schema, table = sql.Identifier(TOOL_SCHEMA), sql.Identifier(_RECORDED)
        with db.connect(self.url, autocommit=True) as conn:
            try:
                with conn.transaction():
                    conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(schema))
                    conn.execute(
                        sql.SQL("CREATE TABLE {}.{} (snapshot text NOT NULL)").format(schema, table)
                    )
                    conn.execute(
                        sql.SQL("INSERT INTO {}.{} VALUES (%s)").format(schema, table),
                        (json.dumps(snap, separators=(",", ":"), ensure_ascii=False),),
                    )
            except psycopg.Error:
                pass
        return self.read_fingerprint()

    def read_fingerprint(self) -> str:
        if self.fingerprint is None:
            with db.connect(self.url, autocommit=True) as conn:
                self.fingerprint = catalog.fingerprint(conn, self.excluded)
        return self.fingerprint


_RECORDED = "desired_snapshot"


def _recorded_snapshot(conn: psycopg.Connection) -> catalog.Snapshot | None:
    query = sql.SQL("SELECT snapshot FROM {}.{}").format(
        sql.Identifier(TOOL_SCHEMA), sql.Identifier(_RECORDED)
    )
    try:
        row = conn.execute(query).fetchone()
    except psycopg.errors.UndefinedTable:
        return None  # kept by an earlier build that did not record it
    return json.loads(row[0]) if row else None


@contextmanager
def desired_database(
    settings: Settings, target_url: str, files: list[load.SchemaFile]
) -> Iterator[DesiredDatabase]:
    """A scratch database holding the desired schema, on the scratch server or the target's.

    With keep_scratch (by default when the scratch server is on this machine or given by
    --scratch-url) it is kept between runs under a name derived from the schema files,
    the excluded schemas and the tool version, with its fingerprint and snapshot, so an
    unchanged schema is neither loaded nor read again. On a scratch server given by
    --scratch-url the schema is loaded as the target's role, so that its objects have the
    owner they will have on the target."""
    server_url = settings.scratch_url or target_url
    as_role = scratch_role(target_url, settings.scratch_url) if settings.scratch_url else None
    excluded = settings.excluded_schemas
    if keeps_scratch(settings, server_url):
        key = hashlib.sha256(
            _canonical([desired_fingerprint(files), __version__, as_role, list(excluded)])
        ).hexdigest()
        built: list[DesiredDatabase] = []

        def build(url: str) -> str:
            _preload_diff()
            load_desired(url, files, as_role)
            built.append(DesiredDatabase(url, excluded))
            return built[0].record()  # this run diffs against the snapshot, most likely

        with scratch.kept_database(server_url, key, build) as (url, fingerprint):
            snapshot = built[0].snapshot() if built else None
            yield DesiredDatabase(url, excluded, fingerprint, snapshot, kept=True)
        return
    with scratch.scratch_database(server_url) as url:
        _preload_diff()
        load_desired(url, files, as_role)
        yield DesiredDatabase(url, excluded)


def _preload_diff() -> None:
    """A desired schema loaded this run most likely differs from the target: while the
    server loads it, import migra and SQLAlchemy (CPU work the load leaves idle)."""
    threading.Thread(target=diff.preload, name="schematool-preload").start()


def keeps_scratch(settings: Settings, server_url: str) -> bool:
    """keep_scratch, or by default: keeping leaves a database behind, which is fine on
    this machine or a dedicated scratch server, not on a production server that a deploy
    pipeline plans against."""
    if settings.keep_scratch is not None:
        return settings.keep_scratch
    return settings.scratch_url is not None or db.is_local(server_url)


def scratch_role(target_url: str, scratch_url: str) -> str:
    """The role to load the desired schema as on a separate scratch server: the target's.
    That server must run the target's major version: catalogs (default privileges,
    NOT NULL constraints, ...) differ between versions and would never compare equal."""
    with db.connect(target_url, autocommit=True) as conn:
        role, version = conn.info.user, db.server_version(conn)
    with db.connect(scratch_url, autocommit=True) as conn:
        theirs = db.server_version(conn)
    if theirs != version:
        raise ScratchError(
            f"the scratch server {db.mask_url(scratch_url)} runs PostgreSQL {theirs} and the"
            f" target PostgreSQL {version}: give --scratch-url a PostgreSQL {version} server"
        )
    return role


def load_desired(url: str, files: list[load.SchemaFile], as_role: str | None = None) -> None:
    """Load the desired schema into an empty database, in the form apply will leave it."""
    with db.connect(url, autocommit=True) as conn:
        if as_role is not None and as_role != conn.info.user:
            _become(conn, url, as_role)
        load.load(conn, files)
        canonical.round_trip_checks(conn)


def _become(conn: psycopg.Connection, url: str, role: str) -> None:
    """Give the scratch database to `role` and load as it: objects and grants then name
    the same owner as on the target (the catalog comparison checks owners)."""
    try:
        conn.execute(
            sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
                sql.Identifier(db.database_of(url)), sql.Identifier(role)
            )
        )
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role)))
    except psycopg.Error as error:
        raise ScratchError(
            f"cannot load the desired schema as {role!r}, the target's role, on the scratch"
            f" server {db.mask_url(url)} ({error.diag.message_primary}): connect --scratch-url"
            f" as a role that may act as {role!r} (e.g. a superuser of a throwaway server)"
        ) from None


# -- planning ---------------------------------------------------------------------------


def plan_changes(
    settings: Settings,
    target: diff.TargetSession,
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
    if desired.fingerprint is None:
        desired.snapshot()  # a scratch database loaded this run: its reading gives it
    if current_fp == desired.fingerprint:
        return Plan(
            steps=(),
            target=db.mask_url(target_url),
            target_fingerprint=current_fp,
            desired_fingerprint=desired_fp,
        )
    desired_snap = desired.snapshot()
    statements = diff.changes(target, desired.url, excluded, current_snap, desired_snap)
    return Plan(
        steps=_steps(target.conn, statements, current_snap, desired_snap),
        target=db.mask_url(target_url),
        target_fingerprint=current_fp,
        desired_fingerprint=desired_fp,
    )


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
    statements: list[str],
    current: catalog.Snapshot,
    desired: catalog.Snapshot,
) -> tuple[Step, ...]:
    existing = hazard_context(current, desired)
    found = hazards.classify_plan(statements, existing)
    touched = [hazards.tables_touched(text, existing) for text in statements]
    sizes = table_sizes(conn, sorted({t for names in touched for t in names}))
    return tuple(
        Step(text, kinds, tuple(sizes[t] for t in names if t in sizes))
        for text, kinds, names in zip(statements, found, touched, strict=True)
    )


_NAMED_KINDS = ("table", "view", "materialized_view", "sequence", "function", "schema")


_TYPE_KINDS = ("enum", "composite_type", "domain", "range_type")


def hazard_context(current: catalog.Snapshot, desired: catalog.Snapshot) -> hazards.Existing:
    """What hazards are judged against: the target's objects by unquoted name (functions
    without their arguments), column types and enum labels on both sides, and the bodies
    of the functions the plan leaves, which PostgreSQL does not track."""

    def names(kind: str) -> set[str]:
        keys = (key.split("(", 1)[0] for key in current.get(kind, {}))
        return {hazards.unquote(key, schema_only=kind == "schema") for key in keys}

    def column_types(snap: catalog.Snapshot) -> dict[str, str]:
        return {hazards.unquote(k): v["type"] for k, v in snap.get("column", {}).items()}

    def labels(snap: catalog.Snapshot) -> dict[str, tuple[str, ...]]:
        return {hazards.unquote(k): tuple(v.get("labels") or ()) for k, v in snap["enum"].items()}

    def collations(snap: catalog.Snapshot) -> dict[str, str]:
        columns = snap.get("column", {}).items()
        return {hazards.unquote(k): v["collation"] for k, v in columns if v.get("collation")}

    index_definitions: dict[str, tuple[str, ...]] = {}
    for index in current.get("index", {}).values():
        table = hazards.unquote(index["table"])
        index_definitions[table] = (*index_definitions.get(table, ()), index["definition"])
    bodies = tuple(
        body
        for f in desired.get("function", {}).values()
        if (body := _untracked_body(f.get("definition") or ""))
    )
    virtual = {
        hazards.unquote(k)
        for k, v in desired.get("column", {}).items()
        if (v.get("generated") or {}).get("kind") == "virtual"
    }
    return hazards.Existing(
        virtual_columns=frozenset(virtual),
        tables=frozenset(names("table") | names("materialized_view")),
        materialized=frozenset(names("materialized_view")),
        objects=frozenset(set().union(*(names(kind) for kind in _NAMED_KINDS))),
        columns=column_types(current),
        new_columns=column_types(desired),
        enums=labels(current) if "enum" in current else {},
        new_enums=labels(desired) if "enum" in desired else {},
        types=frozenset(set().union(*(names(kind) for kind in _TYPE_KINDS))),
        sequences=frozenset(names("sequence")),
        schemas=frozenset(names("schema")),
        constraint_indexes=frozenset(
            hazards.unquote(k) for k, v in current.get("constraint", {}).items() if v.get("index")
        ),
        function_bodies=bodies,
        index_definitions=index_definitions,
        collations=collations(current),
        new_collations=collations(desired),
    )


_DOLLAR_BODY = re.compile(r"\bAS\s+(\$\w*\$)(.*)\1", re.DOTALL)


def _untracked_body(definition: str) -> str:
    """A function's body as pg_get_functiondef() quotes it, lower case; empty for a
    `BEGIN ATOMIC` body, whose references PostgreSQL tracks."""
    match = _DOLLAR_BODY.search(definition)
    return match.group(2).lower() if match else ""


def table_sizes(conn: psycopg.Connection, names: list[str]) -> dict[str, TableSize]:
    """Estimated rows and total size of the target's tables, from its statistics (cheap:
    no table is read). A table never analyzed has reltuples -1: unknown, unless empty."""
    if not names:
        return {}
    schemas, tables = zip(*(name.split(".", 1) for name in names), strict=True)
    rows = conn.execute(
        "SELECT n.nspname || '.' || c.relname, c.reltuples::bigint,"
        " pg_total_relation_size(c.oid), pg_relation_size(c.oid)"
        " FROM unnest(%s::text[], %s::text[]) AS wanted(nsp, rel)"
        " JOIN pg_namespace n ON n.nspname = wanted.nsp"
        " JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = wanted.rel",
        (list(schemas), list(tables)),
    ).fetchall()
    return {
        name: TableSize(name, estimate if estimate >= 0 else (0 if heap == 0 else None), total)
        for name, estimate, total, heap in rows
    }


def describe_size(size: TableSize) -> str:
    """'public.orders ~50,000,000 rows, 6.2 GB' (rows as the statistics estimate them)."""
    rows = "rows unknown (never analyzed)" if size.rows is None else f"~{size.rows:,} rows"
    return f"{size.name} {rows}, {_bytes(size.bytes)}"


def step_note(step: Step) -> str:
    """The sizes of the tables a statement touches, to print beside its hazards:
    a rewrite of an empty table reads differently from one of fifty million rows."""
    return "; ".join(describe_size(t) for t in step.tables)


def describe_tables(plan: Plan) -> list[str]:
    """One line per existing table the plan touches: its size, and the statements (with
    their hazards) that touch it."""
    touched: dict[str, tuple[TableSize, list[str]]] = {}
    for number, step in enumerate(plan.steps, 1):
        for size in step.tables:
            mark = f"{number} ({', '.join(step.hazards)})" if step.hazards else str(number)
            touched.setdefault(size.name, (size, []))[1].append(mark)
    return [
        f"{describe_size(size)}: statement {', '.join(marks)}" for size, marks in touched.values()
    ]


def _bytes(count: int) -> str:
    value = float(count)
    for unit in ("bytes", "kB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{count} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{count} bytes"


def make_plan(settings: Settings, target_url: str) -> Plan:
    """render check -> scratch database -> diff -> Plan.

    The target's catalog is read on a thread while the desired schema is loaded (or its
    kept database found): the two wait on different work of the server."""
    files = desired_files(settings)
    # inspect_now=False: SQLAlchemy and migra are loaded only if there is a difference
    with (
        diff.target_session(target_url, inspect_now=False) as target,
        ThreadPoolExecutor(1) as pool,
    ):
        current = pool.submit(
            catalog.snapshot_and_fingerprint, target.conn, settings.excluded_schemas
        )
        try:
            with desired_database(settings, target_url, files) as desired:
                fingerprint = desired_fingerprint(files)
                return plan_changes(
                    settings, target, desired, fingerprint, target_url, current.result()
                )
        finally:
            wait([current])  # the session is the thread's until its reading ends
            target.conn.rollback()


# -- summary ----------------------------------------------------------------------------

_ACTIONS = {"create": "create", "drop": "drop", "alter": "alter", "truncate": "drop"}


def summarize(statements: list[str]) -> dict[str, dict[str, int]]:
    """How many objects each action touches, by kind: {'create': {'table': 2}, ...}."""
    counts: dict[str, Counter[str]] = {}
    for statement in statements:
        action, kind = _action_and_kind(statement)
        counts.setdefault(action, Counter())[kind] += 1
    return {action: dict(sorted(c.items())) for action, c in sorted(counts.items())}


def _action_and_kind(statement: str) -> tuple[str, str]:
    words = statement.split()
    lowered = [w.lower().strip('";') for w in words[:6]]
    if not lowered:
        return "alter", "other"
    verb = lowered[0]
    if verb in ("grant", "revoke"):
        return "alter", "privilege"
    if verb == "comment":
        return "alter", "comment"
    rest = [w for w in lowered[1:] if w not in ("or", "replace", "unique", "if", "exists")]
    kind = rest[0] if rest else "other"
    if kind == "materialized":
        kind = "materialized view"
    elif kind == "default":
        kind = "default privileges"
    return _ACTIONS.get(verb, "alter"), kind


def script(plan: Plan) -> str:
    """The plan as a SQL script: each statement, its hazards as a comment above it."""
    lines = []
    for step in plan.steps:
        if step.hazards:
            lines.append(f"-- hazards: {', '.join(step.hazards)}")
        lines.append(step.sql)
    return "\n".join(lines) + "\n" if lines else ""


def describe_summary(summary: dict[str, dict[str, int]]) -> str:
    """'2 to create (1 index, 1 table), 1 to alter (1 table)' or 'no changes'."""
    parts = []
    for action in ("create", "alter", "drop"):
        kinds = summary.get(action)
        if kinds:
            total = sum(kinds.values())
            detail = ", ".join(f"{n} {k}" for k, n in kinds.items())
            parts.append(f"{total} to {action} ({detail})")
    return "; ".join(parts) if parts else "no changes"
