"""Stage 2: the desired database: the schema files loaded into a database of their own.

`desired_database` gives a scratch database holding the desired schema, on the scratch
server or the target's: throwaway, or kept between runs (with its fingerprint and catalog
snapshot recorded in it) so that an unchanged schema is neither loaded nor read again.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import psycopg
from psycopg import sql

from schematool import __version__, db
from schematool.desired import scratch
from schematool.desired.annotations import Annotations
from schematool.desired.annotations import read as read_annotations
from schematool.errors import LoadError, ScratchError
from schematool.grammar.schema_files import objects_created
from schematool.inspect import catalog, unmanaged
from schematool.names import Node
from schematool.project import cluster
from schematool.project.config import TOOL_SCHEMA, Settings
from schematool.project.files import (
    SchemaFile,
    external_files,
    schema_files,
    warn_long_identifiers,
    without_meta_commands,
)
from schematool.project.reference_data import DeclaredTable, read_declared


def canonical_json(value: Any) -> bytes:
    """JSON bytes that are equal exactly when the values are (sorted keys, no spaces)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")


def desired_files(settings: Settings) -> list[SchemaFile]:
    """The schema files to load, after making sure schema/ is what the templates render;
    each rendered one knows its template's lines, for errors and hints to name."""
    label = settings.rel(settings.schema_dir)
    if settings.render_schema and settings.templates_dir.is_dir():
        from schematool.project import render  # Jinja: for a project with templates only

        templates = settings.rel(settings.templates_dir)
        rendered = render.render_tree(settings.templates_dir, settings.base_variables, templates)
        render.check(rendered, settings.schema_dir, label)
        if settings.variables != settings.base_variables:
            # an environment's own variables: its schema is rendered in memory, since
            # schema/ holds the rendering with the project's variables
            rendered = render.render_tree(settings.templates_dir, settings.variables, templates)
            files = [SchemaFile(f"{label}/{rel}", text) for rel, text in sorted(rendered.items())]
        else:
            files = schema_files(settings.schema_dir, label)
        origins = render.origins(settings.templates_dir, rendered, templates)
        traced = {f"{label}/{rel}": origin for rel, origin in origins.items()}
        files = [replace(f, origin=traced.get(f.name)) for f in files]
    else:
        files = schema_files(settings.schema_dir, label)
    warn_long_identifiers(files)
    # the `external` files first: the schema's foreign keys and views load over their
    # objects; they count in the fingerprint (a kept desired database is one loaded with
    # them as they are now)
    files = [*external_files(settings.root, settings.external), *files]
    # what reads the files (renames stated in them, the fingerprint) sees plain SQL
    return [without_meta_commands(f) for f in files]


def external_objects(files: list[SchemaFile]) -> dict[Node, str]:
    """The objects the `external` files create, each with the file that creates it:
    left out of both sides of every comparison (`inspect.scope`), and required of the
    target (`diff.comparison.Comparison.missing_external`)."""
    found: dict[Node, str] = {}
    for file in files:
        if file.external:
            for node in objects_created(file.text, file.name):
                found.setdefault(node, file.name)
    return found


def declared_rows(settings: Settings) -> tuple[DeclaredTable, ...]:
    """The rows the project declares in its data folder (none with --schema-dir)."""
    if settings.data_dir is None:
        return ()
    return read_declared(settings.data_dir, settings.rel(settings.data_dir))


def desired_fingerprint(files: list[SchemaFile], data: Sequence[DeclaredTable] = ()) -> str:
    """The desired state as a saved plan records it: the schema files, and the rows they
    declare (a saved plan made before a data file changed is stale, as one made before a
    schema file changed is). A project declaring no rows keeps the files' fingerprint."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(canonical_json([file.name, file.text]))
    for table in data:
        digest.update(canonical_json(table.to_json()))
    return digest.hexdigest()


@dataclass
class DesiredDatabase:
    """Where the desired schema is loaded, its fingerprint and its catalog snapshot.

    Nothing changes a desired database once loaded, so each is read at most once per
    run; a kept one records both when it is built (the snapshot in a table of the
    schema schematool excludes from every diff), so later runs read no catalog of it."""

    url: db.Url
    excluded: tuple[str, ...]
    fingerprint: str | None = None
    _snapshot: catalog.Snapshot | None = None
    kept: bool = False
    # what the files say about changes that keep data (renames, conversions); read with
    # the files, so a misplaced annotation is refused before anything is loaded
    annotations: Annotations = field(default_factory=Annotations)
    files: tuple[SchemaFile, ...] = ()  # the files it was loaded from, when known
    # what the `external` files create (Node -> file): never planned, required of the target
    external: dict[Node, str] = field(default_factory=dict)
    data: tuple[DeclaredTable, ...] = ()  # the rows the project declares (reference data)

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


_INSPECTION = "desired_inspection"


def recorded_inspection(conn: psycopg.Connection, key: str) -> bytes | None:
    """The inspection recorded under `key` in a kept desired database (the diff's
    adapter makes and reads it: bytes to this module), or None."""
    query = sql.SQL("SELECT inspection FROM {}.{} WHERE key = %s").format(
        sql.Identifier(TOOL_SCHEMA), sql.Identifier(_INSPECTION)
    )
    try:
        with conn.transaction():  # a savepoint, or one transaction under autocommit
            row = conn.execute(query, (key,)).fetchone()
    except psycopg.errors.UndefinedTable:
        return None  # none recorded yet
    return bytes(row[0]) if row else None


def record_inspection(conn: psycopg.Connection, key: str, data: bytes) -> None:
    """Record an inspection in a kept desired database, in place of any made under
    another key. Best effort, as `DesiredDatabase.record` is: where it fails (no CREATE,
    a concurrent run recording the same, a lock not granted at once) the next run
    inspects again."""
    schema, table = sql.Identifier(TOOL_SCHEMA), sql.Identifier(_INSPECTION)
    try:
        with conn.transaction():
            conn.execute("SET LOCAL lock_timeout = '1s'")
            conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(schema))
            conn.execute(
                sql.SQL(
                    "CREATE TABLE IF NOT EXISTS {}.{}"
                    " (key text PRIMARY KEY, inspection bytea NOT NULL)"
                ).format(schema, table)
            )
            conn.execute(sql.SQL("DELETE FROM {}.{}").format(schema, table))
            insert = sql.SQL("INSERT INTO {}.{} VALUES (%s, %s)").format(schema, table)
            conn.execute(insert, (key, data))
    except psycopg.Error:
        pass


@contextmanager
def desired_database(
    settings: Settings,
    target_url: db.Url,
    files: list[SchemaFile],
    meanwhile: Callable[[], None] | None = None,
    data: Sequence[DeclaredTable] = (),
) -> Iterator[DesiredDatabase]:
    """A scratch database holding the desired schema, on the scratch server or the target's.

    With keep_scratch (by default when the scratch server is on this machine or given by
    --scratch-url) it is kept between runs under a name derived from the schema files,
    the excluded schemas and the tool version, with its fingerprint and snapshot, so an
    unchanged schema is neither loaded nor read again. On a scratch server given by
    --scratch-url the schema is loaded as the target's role, so that its objects have the
    owner they will have on the target. `meanwhile` runs on a thread while the server
    loads the schema: a caller that diffs next imports what the diff needs
    (`diff.adapter.preload`), CPU work the load leaves idle."""
    server_url = settings.scratch_url or target_url
    found = read_annotations(files)
    as_role = scratch_role(target_url, settings.scratch_url) if settings.scratch_url else None
    excluded = settings.excluded_schemas
    known = {
        "annotations": found,
        "files": tuple(files),
        "external": external_objects(files),
        "data": tuple(data),
    }
    if keeps_scratch(settings, server_url):
        key = hashlib.sha256(
            canonical_json(
                [desired_fingerprint(files), __version__, catalog.FORMAT, as_role, list(excluded)]
            )
        ).hexdigest()
        built: list[DesiredDatabase] = []

        def build(url: db.Address) -> str:
            _load(settings, url, files, as_role, excluded, meanwhile)
            built.append(DesiredDatabase(url, excluded))
            return built[0].record()  # this run diffs against the snapshot, most likely

        bound = scratch.Bound(
            scratch.KEEP, settings.keep_scratch_max_count, settings.keep_scratch_max_size
        )
        kept = scratch.kept_database(server_url, key, build, settings.project_key, bound)
        with kept as (url, fingerprint):
            snapshot = built[0].snapshot() if built else None
            yield DesiredDatabase(url, excluded, fingerprint, snapshot, kept=True, **known)
        return
    with scratch.scratch_database(server_url) as url:
        _load(settings, url, files, as_role, excluded, meanwhile)
        yield DesiredDatabase(url, excluded, **known)


def _load(
    settings: Settings,
    url: db.Address,
    files: list[SchemaFile],
    as_role: str | None,
    excluded: tuple[str, ...],
    meanwhile: Callable[[], None] | None,
) -> None:
    """load_desired, running `meanwhile` meanwhile; a role the server lacks is explained."""
    preload = _start(meanwhile)
    try:
        load_desired(url, files, as_role, excluded)
    except LoadError as error:
        if not cluster.is_missing_role(error.sqlstate, error.reason):
            raise
        advice = cluster.missing_role_advice(settings)
        raise LoadError(
            error.file, error.line, f"{error.reason}: {advice}", error.sqlstate, error.source
        ) from None
    # no thread outlives the step that started it: an interrupt after the command's end
    # would otherwise meet it in the interpreter's exit
    if preload is not None:
        preload.join()


def _start(meanwhile: Callable[[], None] | None) -> threading.Thread | None:
    if meanwhile is None:
        return None
    # a daemon: an interrupt of the main thread in the middle of an import can leave
    # the interpreter's import lock held, and this thread, importing too, then waits for
    # it forever; the exit (which joins every other thread) must not wait for it
    thread = threading.Thread(target=meanwhile, name="schematool-preload", daemon=True)
    thread.start()
    return thread


def keeps_scratch(settings: Settings, server_url: db.Url) -> bool:
    """keep_scratch, or by default: keeping leaves a database behind, which is fine on
    this machine or a dedicated scratch server, not on a production server that a deploy
    pipeline plans against."""
    if settings.keep_scratch is not None:
        return settings.keep_scratch
    return settings.scratch_url is not None or db.is_local(server_url)


def scratch_role(target_url: db.Url, scratch_url: db.Url) -> str:
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


def load_desired(
    url: db.Url,
    files: list[SchemaFile],
    as_role: str | None = None,
    excluded: tuple[str, ...] = (),
) -> None:
    """Load the desired schema into an empty database, as it is (the plan writes its
    expressions so that the target gets the same trees: `schematool.grammar.faithful`); refuse
    it (UnmanagedObjects) if it holds objects no plan could create."""
    from schematool.desired import load  # pglast's reading: a run that loads nothing needs none

    with db.connect(url, autocommit=True) as conn:
        if as_role is not None and as_role != conn.info.user:
            _become(conn, url, as_role)
        # refused before it commits: nothing of a kind no plan manages stays behind
        load.load(
            conn,
            files,
            before_commit=lambda: unmanaged.refuse_desired(
                unmanaged.find(conn, excluded), [(file.name, file.text) for file in files]
            ),
        )


def _become(conn: psycopg.Connection, url: db.Url, role: str) -> None:
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
