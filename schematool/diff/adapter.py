"""migra, schemainspect and SQLAlchemy: the one module that imports them, and every patch
of them.

Replacing or patching migra is a change here (and to the gap modules that fill what it
misses, `schematool.diff.gaps`). `statements` inspects both databases with
schemainspect, makes the inspections agree with the catalog snapshots where PostgreSQL
means the same thing, and returns migra's statements as text, which the diff stage
(`schematool.diff.stage`) reads once with PostgreSQL's grammar.

schemainspect reads through psycopg connections (its raw mode: no SQLAlchemy on the
diff's path): the target's through the session's own connection, in whatever
transaction it has open, so that apply's uncommitted DDL is seen, and a plan's
inspection reads the one snapshot its catalog reading took (`TargetSession`). A kept
desired database records its inspection, made once (`desired_inspection`). SQLAlchemy
is left to `migra_alone`, raw migra as its command runs.
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from types import FrameType, ModuleType, SimpleNamespace
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

import psycopg

from schematool import db
from schematool.desired.database import DesiredDatabase, record_inspection, recorded_inspection
from schematool.errors import DiffError
from schematool.inspect.catalog import Snapshot
from schematool.inspect.records import Column
from schematool.inspect.records import catalog as catalog_of
from schematool.names import ident, literal, quote_all, split_name

if TYPE_CHECKING:
    import sqlalchemy


# migra and schemainspect take ~0.3 s to import: they are imported when a diff runs, so
# a plan that finds nothing to diff, `--help`, `render` and `history` never pay for them.


def preload() -> None:
    """Import what a diff needs, ahead of it: a caller that is loading a desired schema
    (so a diff most likely follows) runs this on a thread meanwhile. Best effort: a
    failing import fails again, and is reported, where the diff needs it."""
    try:
        _import_schemainspect()
        from migra import Migration  # noqa: F401
    except Exception:  # noqa: BLE001, S110 - reported by the diff's own import
        pass


_IMPORTING = threading.Lock()


def _import_schemainspect() -> None:
    """Import schemainspect, cheaply. At import it reads its 17 SQL files, each found by
    `inspect.stack()` (which reads the source of every frame on the stack and, for each,
    walks every module loaded: in a planning process, a thousand modules and a deep
    stack, 860,000 calls) and `pkg_resources` (whose import scans every installed
    distribution). Meanwhile the stack is handed over without the source lines, which it
    never reads (only each frame's module: `schemainspect.misc.external_caller`), and
    its files are opened beside the module that asks for them, as pkg_resources would."""
    if "schemainspect.pg.obj" in sys.modules:
        return
    import inspect

    def frames(context: int = 1) -> list[tuple[FrameType]]:
        frame, found = sys._getframe(1), []
        while frame is not None:
            found.append((frame,))
            frame = frame.f_back
        return found

    with _IMPORTING:  # one thread swaps them, and puts them back
        real, inspect.stack = inspect.stack, frames
        stand_in = None
        if "pkg_resources" not in sys.modules:
            stand_in = sys.modules["pkg_resources"] = ModuleType("pkg_resources")
            stand_in.resource_stream = _resource_stream
        try:
            import schemainspect.pg  # noqa: F401
        finally:
            inspect.stack = real
            if stand_in is not None and sys.modules.get("pkg_resources") is stand_in:
                del sys.modules["pkg_resources"]


def _resource_stream(module: str, path: str) -> BinaryIO:
    """pkg_resources.resource_stream, for a module's own files."""
    return (Path(sys.modules[module].__file__).parent / path).open("rb")


def _engine(url: str) -> sqlalchemy.Engine:
    import sqlalchemy

    # Connect through db.connect so errors are one line and passwords stay masked.
    return sqlalchemy.create_engine(
        "postgresql+psycopg://",
        creator=lambda: db.connect(url),
        poolclass=sqlalchemy.pool.NullPool,
    )


class TargetSession:
    """A connection to the target whose transaction the caller commits or rolls back.

    migra's inspection of the target runs on `conn`, in its open transaction. A session
    made for planning (`one_snapshot`) opens a REPEATABLE READ transaction at once: the
    catalog's reading, schemainspect's and every other read of the plan then see one
    snapshot of the target, so the statements planned are of the schema whose
    fingerprint the plan records (nothing else reads the target's schema again).
    """

    def __init__(self, url: str, one_snapshot: bool = False) -> None:
        self.conn: psycopg.Connection = db.connect(url)
        if one_snapshot:
            try:
                self.conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
                self.conn.execute("SELECT")  # the transaction, opened before any reading
            except BaseException:
                self.conn.close()
                raise

    def close(self) -> None:
        self.conn.close()


@contextmanager
def target_session(url: str, one_snapshot: bool = False) -> Iterator[TargetSession]:
    session = TargetSession(url, one_snapshot)
    try:
        yield session
    finally:
        session.close()


class MigraOutput(NamedTuple):
    """What migra plans, as text, and the desired tables' columns in their order
    (schemainspect's reading: the diff stage adds new columns in it)."""

    statements: list[str]
    column_order: Mapping[str, Sequence[str]]


def statements(
    target: TargetSession,
    desired: DesiredDatabase,
    excluded: tuple[str, ...],
    current_snapshot: Snapshot,
    desired_snapshot: Snapshot,
) -> MigraOutput:
    """migra's statements from the target (inspected through its session) to the desired
    database, both inspections first made to agree with the snapshots and fixed where
    schemainspect reads them wrong."""
    with ThreadPoolExecutor(1) as pool:
        # the target's inspection waits on its server; the desired one's (read from its
        # record, or inspected) meanwhile
        wanted = pool.submit(desired_inspection, desired, excluded)
        have = _inspect(target.conn, excluded)
        want = wanted.result()
    agree_with_snapshots(have, want, current_snapshot, desired_snapshot)
    _qualify_collations(have, current_snapshot)
    _qualify_collations(want, desired_snapshot)
    _mark_virtual(want, desired_snapshot)
    _mark_partitioned_partitions(have, current_snapshot)
    _mark_partitioned_partitions(want, desired_snapshot)
    _unmark_not_valid_not_null(have, current_snapshot)
    _unmark_not_valid_not_null(want, desired_snapshot)
    planned = _migra_statements(have, want)
    columns = {name: list(relation.columns) for name, relation in want.relations.items()}
    return MigraOutput(planned, columns)


def desired_inspection(desired: DesiredDatabase, excluded: tuple[str, ...]):
    """schemainspect's inspection of the desired database, as it reads it (pristine:
    `statements` changes it in place afterwards). A kept database records it the first
    time it is inspected, and later plans unpickle it instead of inspecting again; the
    record is keyed by the database's fingerprint and by all else the inspection depends
    on (`_inspection_key`), and one under another key is never used."""
    with db.connect(desired.url, autocommit=True) as conn:
        key = _inspection_key(conn, desired, excluded) if desired.kept else None
        if key is not None:
            data = recorded_inspection(conn, key)
            if data is not None:
                try:
                    return _restored(data)
                except (pickle.UnpicklingError, AttributeError, ImportError, EOFError):
                    pass  # recorded by other code: inspected again, and recorded anew
        inspection = _inspect(conn, excluded)
        if key is not None:
            record_inspection(conn, key, pickle.dumps(_state(inspection), protocol=5))
        return inspection


# What of an inspector is the inspection: everything but its connection and queries.
_NOT_STATE = frozenset({"c", "engine", "dialect"})


def _state(inspection) -> dict[str, Any]:
    return {
        name: value
        for name, value in vars(inspection).items()
        if name not in _NOT_STATE and not name.endswith("_QUERY")
    }


def _restored(data: bytes):
    """An inspector holding a recorded inspection: what migra reads of one, with no
    connection (it inspects nothing more)."""
    _import_schemainspect()
    from schemainspect.pg import PostgreSQL

    inspection = PostgreSQL.__new__(PostgreSQL)
    vars(inspection).update(_Unpickler(io.BytesIO(data)).load())
    inspection.c = inspection.engine = None
    return inspection


class _Unpickler(pickle.Unpickler):
    """Unpickles an inspection and nothing else: schemainspect's classes and the plain
    values they hold (a record that names any other class is refused, never run)."""

    _ALLOWED = frozenset({("collections", "OrderedDict"), ("types", "SimpleNamespace")})

    def find_class(self, module: str, name: str) -> Any:
        if module.startswith("schemainspect.") or (module, name) in self._ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of an inspection")


# what an inspection reads depends on besides the schema: the session's settings that
# deparsed text depends on, the server, schemainspect and the queries as patched here
_INSPECTION_SETTINGS = (
    "search_path",
    "DateStyle",
    "IntervalStyle",
    "TimeZone",
    "extra_float_digits",
    "bytea_output",
    "quote_all_identifiers",
    "standard_conforming_strings",
    "server_version_num",
)


def _inspection_key(
    conn: psycopg.Connection, desired: DesiredDatabase, excluded: tuple[str, ...]
) -> str:
    from importlib.metadata import version

    settings = conn.execute(
        "SELECT " + ", ".join(["current_setting(%s)"] * len(_INSPECTION_SETTINGS)),
        _INSPECTION_SETTINGS,
    ).fetchone()
    parts = [
        desired.read_fingerprint(),
        list(excluded),
        list(settings),
        version("schemainspect"),
        list(sys.version_info[:2]),
        _PATCHES,
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def migra_alone(target_url: str, desired_url: str, excluded: Iterable[str]) -> list[str]:
    """What migra by itself plans (privileges included, nothing revised or reordered):
    the baseline `scripts/cases.py --compare` measures schematool against."""
    from migra import Migration

    excluded = tuple(excluded)
    current_engine, desired_engine = _engine(target_url), _engine(desired_url)
    try:
        with current_engine.connect() as current, desired_engine.connect() as desired:
            migration = Migration(_inspect(current, excluded), _inspect(desired, excluded))
            migration.set_safety(False)
            migration.add_all_changes(privileges=True)
            return [_tidy(s) for s in migration.statements if s.strip()]
    finally:
        current_engine.dispose()
        desired_engine.dispose()


def _inspect(conn: psycopg.Connection | sqlalchemy.Connection, excluded: tuple[str, ...]):
    """schemainspect's inspection, read on a psycopg `conn` in its open transaction (or,
    under autocommit, one per query); `migra_alone` passes SQLAlchemy connections, as
    migra's command does."""
    if not isinstance(conn, psycopg.Connection):
        return _filtered(_inspector_class()(conn), excluded)
    try:
        inspector = _inspector_class()(_RawConnection(conn))
    except psycopg.errors.LockNotAvailable:
        raise  # a lock timeout: retried (schematool.inspect.locks)
    except psycopg.Error as error:
        message = error.diag.message_primary or str(error).strip().splitlines()[0]
        raise DiffError(f"inspecting the database failed: {message}") from None
    return _filtered(inspector, excluded)


def _filtered(inspector, excluded: tuple[str, ...]):
    for schema in excluded:
        inspector.filter_schema(exclude_schema=schema)
    return inspector


class _RawConnection:
    """What schemainspect reads through in its raw mode (made for psycopg2): `execute`
    returns the rows, each with its columns as attributes, and `connection` tells the
    server's version. Rows are SimpleNamespaces, which a recorded inspection can hold."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self._conn = conn
        self.connection = SimpleNamespace(server_version=conn.info.server_version)

    def execute(self, query: str) -> list[SimpleNamespace]:
        with self._conn.cursor(row_factory=_namespace_row) as cur:
            return cur.execute(query.encode("utf-8"), prepare=False).fetchall()


def _namespace_row(cursor: psycopg.Cursor):
    names = [column.name for column in cursor.description or ()]

    def make(values: Sequence[Any]) -> SimpleNamespace:
        return SimpleNamespace(**dict(zip(names, values, strict=True)))

    return make


_CONSTRAINTS_LEFT_OUT = """select * from ({}) c where not exists (
    select from pg_class r join pg_namespace n on n.oid = r.relnamespace
    where r.relkind = 'f' and n.nspname = c.schema and r.relname = c.table_name)
and not exists (
    select from pg_constraint k
    join pg_class r on r.oid = k.conrelid
    join pg_namespace n on n.oid = r.relnamespace
    join pg_constraint parent on parent.oid = k.conparentid and parent.conrelid = k.conrelid
    where n.nspname = c.schema and r.relname = c.table_name and k.conname = c.name)
order by 1, 3, 2"""

# a trigger on a partitioned table has a clone on each partition, which PostgreSQL makes
# and drops with it (migra created them again: "trigger ... already exists"). A clone
# whose enabled state differs from its parent's is not planned (verification, which
# sees every trigger, then refuses the plan).
_CLONED_TRIGGERS_LEFT_OUT = """select * from ({}) t where not exists (
    select from pg_trigger k
    join pg_class r on r.oid = k.tgrelid
    join pg_namespace n on n.oid = r.relnamespace
    where k.tgparentid <> 0
      and n.nspname = t.schema and r.relname = t.table_name and k.tgname = t.name)
order by 2, 3, 1"""


# schemainspect's enums query reads every type of the enum category, and a domain takes
# its base type's category: a domain over an enum was read as an enum without labels,
# created by migra as one and again by `gaps.domains` ("type ... already exists").
# Domains are `gaps.domains`' alone, so migra is shown the enums themselves (and a column
# of such a domain as a column of the domain, not of an enum).
_ENUM_CATEGORY = "t.typcategory = 'E'"
_ENUMS_ONLY = "t.typtype = 'e'"

# schemainspect's relations query reads a table's parent with a scalar subquery: a table
# with two parents fails it ("more than one row returned by a subquery")
_ONE_PARENT = "where child.oid = c.oid)"
_FIRST_PARENT = "where child.oid = c.oid order by pg_inherits.inhseqno limit 1)"


def _inspector_class():
    """schemainspect's PostgreSQL inspector, less two kinds of constraints: those of
    foreign tables (it reads no foreign table, relkind 'f', so their CHECK constraints
    would name a relation it does not know, a KeyError; `gaps.foreign_data` manages
    both), and the hidden copies of a foreign key to a partitioned table, one per
    referenced partition on the referencing table itself, which PostgreSQL makes and
    drops with the key (migra added them again: "constraint ..._fkey_1 already exists");
    less the clones of a partitioned table's triggers. A table inheriting from several
    parents is read with its first (`gaps.inheritance` plans every parent). Domains over
    enums are no enums (`_ENUMS_ONLY`)."""
    _import_schemainspect()
    from schemainspect.pg import PostgreSQL

    class Inspector(PostgreSQL):
        def load_all(self) -> None:
            text = _text_of(self.CONSTRAINTS_QUERY).strip().rstrip(";")
            self.CONSTRAINTS_QUERY = _as(self.CONSTRAINTS_QUERY, _CONSTRAINTS_LEFT_OUT.format(text))
            text = _text_of(self.TRIGGERS_QUERY).strip().rstrip(";")
            self.TRIGGERS_QUERY = _as(self.TRIGGERS_QUERY, _CLONED_TRIGGERS_LEFT_OUT.format(text))
            relations = _text_of(self.ALL_RELATIONS_QUERY)
            if relations.count(_ONE_PARENT) != 1:
                raise DiffError("schemainspect's relations query is not the one diff knows")
            enums = _text_of(self.ENUMS_QUERY)
            if relations.count(_ENUM_CATEGORY) != 1 or enums.count(_ENUM_CATEGORY) != 1:
                raise DiffError("schemainspect's enums query is not the one diff knows")
            self.ALL_RELATIONS_QUERY = _as(
                self.ALL_RELATIONS_QUERY,
                relations.replace(_ONE_PARENT, _FIRST_PARENT).replace(_ENUM_CATEGORY, _ENUMS_ONLY),
            )
            self.ENUMS_QUERY = _as(self.ENUMS_QUERY, enums.replace(_ENUM_CATEGORY, _ENUMS_ONLY))
            super().load_all()

    return Inspector


def _text_of(query) -> str:
    """A query's text: a string in raw mode, a SQLAlchemy `text()` otherwise."""
    return query if isinstance(query, str) else str(query.text)


def _as(query, text: str):
    """`text` in the form `query` has (SQLAlchemy's `text()` for `migra_alone`)."""
    if isinstance(query, str):
        return text
    import sqlalchemy

    return sqlalchemy.text(text)


# the patches above, as they change what an inspection holds (a recorded one is used
# only by code that patches the same way)
_PATCHES = hashlib.sha256(
    "\n".join(
        [_CONSTRAINTS_LEFT_OUT, _CLONED_TRIGGERS_LEFT_OUT, _ENUM_CATEGORY, _ENUMS_ONLY]
        + [_ONE_PARENT, _FIRST_PARENT, "rows: SimpleNamespace"]
    ).encode()
).hexdigest()[:16]


def agree_with_snapshots(current, desired, current_snap: Snapshot, desired_snap: Snapshot) -> None:
    """Give migra's inspection of the target the desired database's text wherever the
    snapshots (which `canonical.comparable` made compare as PostgreSQL means them) say
    an object is the same: an expression spelled another way, or a function that a role
    owning nothing cannot read (schemainspect hides its body, or the whole function
    without EXECUTE) is then no change to migra either."""
    pairs = _same_objects(current_snap, desired_snap)
    for have, want in pairs(
        "constraint", ("definition",), current.constraints, desired.constraints
    ):
        have.definition = want.definition
    for have, want in pairs("index", ("definition",), current.indexes, desired.indexes):
        have.definition, have.key_expressions = want.definition, want.key_expressions
        have.partial_predicate = want.partial_predicate
    for name, have in current.indexes.items():
        if name in desired.indexes:  # which index CLUSTER uses is gaps.indexes' (no rebuild)
            have.is_clustered = desired.indexes[name].is_clustered
    policies = current.rlspolicies, desired.rlspolicies
    for have, want in pairs("policy", ("using", "with_check"), *policies):
        have.qual, have.withcheck = want.qual, want.withcheck
    for identity in _same(current_snap, desired_snap, "column", ("default", "generated")):
        column = catalog_of(desired_snap).columns[identity]
        table, name = quote_all(column.table), column.name
        have, want = current.relations.get(table), desired.relations.get(table)
        if have is not None and want is not None and name in have.columns and name in want.columns:
            have.columns[name].default = want.columns[name].default
    for identity in _same(current_snap, desired_snap, "function", ("definition", "aggregate")):
        key = _function_key(identity)
        if key in desired.functions:
            current.functions[key] = current.selectables[key] = desired.functions[key]


class _QualifiedCollation(str):
    """A column's collation as SQL names it, schema and all (`text_rules.bytewise`)."""


def _qualify_collations(inspection, snapshot: Snapshot) -> None:
    """schemainspect names a column's collation without its schema (`collate
    "bytewise"`: not found outside the search path, and equal to a namesake of another
    schema): a collation outside pg_catalog and public (where migra's statements find
    the names they leave bare) is given its schema from the snapshot
    (`_schemainspect_fixed` writes it as it is)."""
    for record in catalog_of(snapshot).columns.values():
        collation = split_name(record.collation or "")
        if len(collation) != 2 or collation[0] in ("pg_catalog", "public"):
            continue
        column = _inspected_column(inspection, record)
        if column is not None and column.collation == collation[1]:
            column.collation = _QualifiedCollation(quote_all(record.collation))


_VIRTUAL = "_schematool_virtual"  # set on a column schemainspect would call stored


def _mark_virtual(inspection, snapshot: Snapshot) -> None:
    """schemainspect writes every generated column `stored`; PostgreSQL 18's virtual
    ones (its default where `STORED` is not written) are marked for
    `_schemainspect_fixed`, which writes them `virtual`."""
    for record in catalog_of(snapshot).columns.values():
        if record.generated is None or record.generated.kind != "virtual":
            continue
        column = _inspected_column(inspection, record)
        if column is not None:
            setattr(column, _VIRTUAL, True)


_PARTITION_KEY = "_schematool_partition_key"  # set on a partition that is partitioned too


def _mark_partitioned_partitions(inspection, snapshot: Snapshot) -> None:
    """schemainspect reads one `partition_def` per table, a partition's bound or else a
    partitioned table's key: a partition that is itself partitioned has both, and it
    writes the bound as the key (`create table ... partition by FOR VALUES ...`). Its key
    is set from the snapshot, for `_schemainspect_fixed` to write both (a key that
    changes is `gaps.partitions`' to refuse: migra compares none)."""
    for identity, table in catalog_of(snapshot).tables.items():
        if not (table.partition_of and table.partition_key):
            continue
        relation = inspection.tables.get(quote_all(identity))
        if relation is not None:
            setattr(relation, _PARTITION_KEY, table.partition_key)


def _unmark_not_valid_not_null(inspection, snapshot: Snapshot) -> None:
    """A NOT NULL constraint PostgreSQL 18 holds NOT VALID sets the column's attnotnull
    all the same, which schemainspect reads as a column NOT NULL: migra would write it
    `not null` (checking every row) or `set not null` it. Such a column is nullable to
    migra; `gaps.not_null_names` adds, validates and drops the constraint itself."""
    for record in catalog_of(snapshot).columns.values():
        if not record.not_null_not_valid:
            continue
        column = _inspected_column(inspection, record)
        if column is not None:
            column.not_null = False


def _inspected_column(inspection, column: Column):
    """schemainspect's column for a snapshot's column (None where it has none)."""
    relation = inspection.relations.get(quote_all(column.table))
    return relation.columns.get(column.name) if relation is not None else None


def _same_objects(current_snap: Snapshot, desired_snap: Snapshot):
    """pairs(kind, attributes, target's objects, desired's objects): the inspected
    objects (by migra's name) of every object whose snapshot attributes are equal."""

    def pairs(kind: str, keys: tuple[str, ...], have_all: dict, want_all: dict):
        for identity in _same(current_snap, desired_snap, kind, keys):
            have, want = have_all.get(quote_all(identity)), want_all.get(quote_all(identity))
            if have is not None and want is not None:
                yield have, want

    return pairs


def _same(current: Snapshot, desired: Snapshot, kind: str, keys: tuple[str, ...]):
    have_all = current.get(kind, {})
    for identity, want in desired.get(kind, {}).items():
        have = have_all.get(identity)
        if have is not None and all(have.get(k) == want.get(k) for k in keys):
            yield identity


def _function_key(identity: str) -> str:
    """A function's snapshot identity (`app.f(integer)`) as schemainspect keys it
    (`"app"."f"(integer)`); argument types named the same way in both (a type in a
    schema on the inspecting session's search_path is not: it is then not found)."""
    at = _unquoted_paren(identity)
    return quote_all(identity[:at]) + identity[at:]


def _unquoted_paren(identity: str) -> int:
    quoted = False
    for i, ch in enumerate(identity):
        if ch == '"':
            quoted = not quoted
        elif ch == "(" and not quoted:
            return i
    return len(identity)


def _migra_statements(current, desired) -> list[str]:
    from migra import Migration

    with _schemainspect_fixed():
        migration = Migration(current, desired)
        migration.set_safety(False)  # hazards are judged by schematool.plan.hazards, not refused
        # privileges are the gap modules' (gaps.privileges): migra's miss too much
        migration.add_all_changes(privileges=False)
        return [_tidy(s) for s in migration.statements if s.strip()]


@contextmanager
def _schemainspect_fixed() -> Iterator[None]:
    """schemainspect's statements, fixed while schematool diffs: a partition that is
    partitioned too created with its bound and its key (`_mark_partitioned_partitions`),
    a table attached as a partition by `attach partition` on its parent, enum labels
    spelled as string literals (it writes `'it's'`), trigger and column names quoted
    where it puts them between bare double quotes or none, a column's collation kept in
    CREATE TABLE (it writes it for ADD COLUMN only) and named with its schema where
    `_qualify_collations` gave it one, a virtual generated column written `virtual`, no
    `set default None` after an enum column's recast. Patched here, the one module that
    knows migra, and undone after (the raw baseline, `migra_alone`, stays raw migra)."""
    from schemainspect.inspected import ColumnInfo
    from schemainspect.pg import obj

    definition, collate = ColumnInfo.creation_clause.fget, ColumnInfo.collation_subclause.fget

    def collated_definition(column) -> str:
        # the collation (when not the type's) where schemainspect's ADD COLUMN puts it
        if not getattr(column, _VIRTUAL, False):
            return definition(column) + column.collation_subclause
        text = f"{column.quoted_name} {column.dbtypestr}"
        text += " not null" if column.not_null else ""
        return f"{text} generated always as ({column.default}) virtual{column.collation_subclause}"

    def collation_subclause(column) -> str:
        if isinstance(column.collation, _QualifiedCollation):
            return f" collate {column.collation}"
        return collate(column)

    created = obj.InspectedSelectable.create_statement.fget

    def create_statement(relation) -> str:
        key = getattr(relation, _PARTITION_KEY, None)
        if key is None:
            return created(relation)
        # a partition that is partitioned too: its bound, then its own key
        return (
            f"create {relation.persistence_modifier}table {relation.quoted_full_name}"
            f" partition of {relation.parent_table} {relation.partition_def}"
            f" partition by {key};"
        )

    attached = obj.InspectedSelectable.attach_statement.fget

    def attach_statement(relation) -> str:
        if not (relation.parent_table and relation.partition_def):
            return attached(relation)  # an inheritance child: `inherit`
        # schemainspect swaps parent and partition and names an attribute it never sets
        return (
            f"alter table {relation.parent_table} attach partition"
            f" {relation.quoted_full_name} {relation.partition_def};"
        )

    fixes = {
        (obj.InspectedSelectable, "create_statement"): property(create_statement),
        (obj.InspectedSelectable, "attach_statement"): property(attach_statement),
        (obj.InspectedEnum, "quoted_elements"): property(_enum_elements),
        (obj.InspectedEnum, "change_statements"): _enum_added_values,
        (obj.InspectedTrigger, "drop_statement"): property(_trigger_drop),
        (ColumnInfo, "creation_clause"): property(collated_definition),
        (ColumnInfo, "add_column_clause"): property(lambda c: f"add column {c.creation_clause}"),
        (ColumnInfo, "collation_subclause"): property(collation_subclause),
        (ColumnInfo, "change_enum_statement"): _enum_column_retyped,
        (ColumnInfo, "add_default_statement"): _default_put_back,
    }
    original = {key: key[0].__dict__[key[1]] for key in fixes}
    try:
        for (cls, name), fixed in fixes.items():
            setattr(cls, name, fixed)
        yield
    finally:
        for (cls, name), before in original.items():
            setattr(cls, name, before)


def _default_put_back(column, table_name: str) -> str:
    """The default migra sets again after recasting an enum column: the old column's,
    which it writes even when that column had none (`set default None`); then none (an
    empty statement is left out), and the new default is the column change's."""
    if column.default is None:
        return ""
    alter = f"alter table {table_name} alter column {column.quoted_name}"
    return f"{alter} set default {column.default};"


def _enum_elements(enum) -> str:
    return ", ".join(literal(label) for label in enum.elements)


def _enum_added_values(enum, new) -> list[str]:
    """ALTER TYPE ... ADD VALUE for each label of `new` the enum lacks, placed as
    schemainspect places them, the labels spelled as literals."""
    if not enum.can_be_changed_to(new):
        raise ValueError(f"{enum.quoted_full_name} cannot take the labels {new.elements}")
    result: list[str] = []
    place = f" before {literal(enum.elements[0])}" if enum.elements else ""
    for label in new.elements:
        if label not in enum.elements:
            result.append(f"alter type {enum.quoted_full_name} add value {literal(label)}{place};")
        place = f" after {literal(label)}"
    return result


def _trigger_drop(trigger) -> str:
    from schemainspect.misc import quoted_identifier

    name, table = quoted_identifier(trigger.name), trigger.quoted_full_selectable_name
    return f"drop trigger if exists {name} on {table};"


def _enum_column_retyped(column, table: str) -> str:
    """A column moved to its enum's new version (schemainspect leaves its name bare:
    quoted here where it must be)."""
    if not column.is_enum:
        raise ValueError(f"{column.name} is not of an enum type")
    name, enum = ident(column.name), column.enum.quoted_full_name
    return f"alter table {table} alter column {name} type {enum} using {name}::text::{enum};"


def _tidy(statement: str) -> str:
    text = statement.strip()
    return text if text.endswith(";") else text + ";"
