"""Stage 4b: a plan split into online phases, for tables that hold millions of rows and
must keep taking writes while the plan runs (`plan --online`, `apply --online`).

Without it a plan runs in one transaction, and every new index, foreign key, CHECK, NOT
NULL or unique constraint on a table holding rows blocks its writes for as long as the
build or scan takes. Online, the same changes run in three phases:

- **online, before** (`BEFORE`): what changes nothing the application sees and can run
  outside a transaction, first, so that its failure leaves the schema as it was: `CREATE
  [UNIQUE] INDEX CONCURRENTLY` of indexes on existing columns of existing tables (a
  changed index is built under a temporary name and swapped in by the core), after
  dropping (concurrently) the INVALID indexes and the leftovers of an interrupted run;
- **the core** (`CORE`): one transaction exactly as without `--online` (apply's advisory
  lock, lock timeout with retries, verification before commit): everything catalog-only,
  creations on new tables, `ADD CONSTRAINT ... NOT VALID` for foreign keys and CHECKs
  on existing tables, a helper `CHECK (c IS NOT NULL) NOT VALID` for each `SET NOT
  NULL`, `ADD CONSTRAINT ... USING INDEX` over the indexes built before;
- **online, after** (`AFTER`): `VALIDATE CONSTRAINT`, each in its own short transaction
  (SHARE UPDATE EXCLUSIVE: reads and writes go on), then `SET NOT NULL` (PostgreSQL 12+
  finds the validated helper and skips its scan) and the helper dropped, `DROP INDEX
  CONCURRENTLY`, and indexes on columns the core adds (or that wait on the core).

The split is decided from what each change does (its ops, locks, whether it runs in a
transaction) and from what the target holds (`Facts`, from the catalog snapshots), never
from SQL text; each rewritten statement is read again (`reader.read`, source
`online`), so every fact stays typed. Nothing here talks to a database.

Objects the online apply makes for itself carry reserved name prefixes (`RESERVED`), so
a rerun after an interruption recognises them: a helper CHECK is finished or removed, a
temporary or retired index is dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from schematool.grammar import reader, rewrites
from schematool.grammar.change import ALTER, CREATE, DROP, NONE, RENAME, USE, Change
from schematool.hazard_kinds import BLOCKING_LOCK
from schematool.inspect import records
from schematool.inspect.catalog import Snapshot
from schematool.names import Node, ident, names_in, qualified, split_name

BEFORE = "online-before"
CORE = "core"
AFTER = "online-after"
PHASES = (BEFORE, CORE, AFTER)

HELPER_PREFIX = "schematool_nn_"  # CHECK (c IS NOT NULL) NOT VALID for a SET NOT NULL
NEW_PREFIX = "schematool_new_"  # a changed index, built before the core under this name
OLD_PREFIX = "schematool_old_"  # the index it replaces, dropped after the core
RESERVED = (HELPER_PREFIX, NEW_PREFIX, OLD_PREFIX)

_NAME_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1
_SOURCE = "online"
# object kinds an index expression, predicate, opclass or collation may use
_SUPPORT_KINDS = frozenset({"function", "procedure", "aggregate", "type", "domain", "collation"})


# -- what the target holds ---------------------------------------------------------------


@dataclass(frozen=True)
class Index:
    table: Node
    columns: frozenset[str]  # the table's columns it uses (in keys, expressions, predicate)
    definition: str  # pg_get_indexdef
    valid: bool = True  # pg_index.indisvalid: False after an interrupted concurrent build
    constraint: str | None = None  # the primary key, unique or exclusion constraint it backs
    attached: bool = False  # a partition's index attached to its parent's


@dataclass(frozen=True)
class Constraint:
    table: Node
    type: str  # check, foreign key, primary key, unique, exclusion
    definition: str  # pg_get_constraintdef
    validated: bool = True
    index: Node | None = None
    columns: frozenset[str] = frozenset()
    deferrable: bool = False
    deferred: bool = False
    period: bool = False  # a temporal key (WITHOUT OVERLAPS): only the constraint builds its index


@dataclass(frozen=True)
class Facts:
    """What the split needs of both databases, by Node."""

    tables: frozenset[Node] = frozenset()  # the target's plain tables (not partitioned)
    columns: frozenset[Node] = frozenset()  # the target's columns
    indexes: Mapping[Node, Index] = field(default_factory=dict)  # the target's
    constraints: Mapping[Node, Constraint] = field(default_factory=dict)  # the target's
    desired_indexes: Mapping[Node, Index] = field(default_factory=dict)
    desired_constraints: Mapping[Node, Constraint] = field(default_factory=dict)


def facts(current: Snapshot, desired: Snapshot) -> Facts:
    have, want = records.catalog(current), records.catalog(desired)
    tables = frozenset(
        _rel(identity) for identity, table in have.tables.items() if table.kind == "table"
    )
    columns = frozenset(("col", *split_name(k)) for k in have.columns)
    return Facts(
        tables=tables,
        columns=columns,
        indexes=_indexes(have),
        constraints=_constraints(have),
        desired_indexes=_indexes(want),
        desired_constraints=_constraints(want),
    )


def _rel(identity: str) -> Node:
    return ("rel", *split_name(identity))


def _indexes(catalog: records.Catalog) -> dict[Node, Index]:
    return {
        _rel(identity): Index(
            table=_rel(index.table),
            columns=frozenset(index.columns or ()),
            definition=index.definition,
            valid=index.valid,
            constraint=index.constraint,
            attached=bool(index.partition_of),
        )
        for identity, index in catalog.indexes.items()
    }


def _constraints(catalog: records.Catalog) -> dict[Node, Constraint]:
    return {
        ("con", *split_name(identity)): Constraint(
            table=_rel(constraint.table),
            type=constraint.type,
            definition=constraint.definition,
            validated=constraint.validated,
            index=_rel(constraint.index) if constraint.index else None,
            columns=frozenset(constraint.columns or ()),
            deferrable=constraint.deferrable,
            deferred=constraint.deferred,
            period=constraint.period,
        )
        for identity, constraint in catalog.constraints.items()
    }


# -- reserved names ------------------------------------------------------------------------


def helper_name(column: str) -> str:
    """The helper CHECK's name for a column (constraint names are per table)."""
    return _reserved(HELPER_PREFIX, column)


def new_index_name(schema: str, name: str) -> str:
    """Where a changed index is built before the core swaps it in (index names are per
    schema, so the schema is part of the hash)."""
    return _reserved(NEW_PREFIX, name, schema)


def old_index_name(schema: str, name: str) -> str:
    return _reserved(OLD_PREFIX, name, schema)


def is_reserved(name: str) -> bool:
    return name.startswith(RESERVED)


def _reserved(prefix: str, name: str, salt: str = "") -> str:
    """prefix + name when that fits PostgreSQL's 63 bytes and no salt is needed; else
    the name shortened (on a character boundary) and a hash of the full name added."""
    whole = prefix + name
    if not salt and len(whole.encode()) <= _NAME_BYTES:
        return whole
    digest = hashlib.sha256(f"{salt}\0{name}".encode()).hexdigest()[:8]
    room = _NAME_BYTES - len(prefix.encode()) - len(digest) - 1
    short = name
    while len(short.encode()) > room:
        short = short[:-1]
    return f"{prefix}{short}_{digest}"


# -- the split -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """A change of the online plan, the phase it runs in and why it is there."""

    change: Change
    phase: str
    note: str = ""


@dataclass(frozen=True)
class _Piece:
    placed: Placed
    rank: int  # within the before phase: drops first, then unique builds, then the rest
    position: int  # the planned change it came from: the dependency order is kept
    sub: int


@dataclass(frozen=True)
class _View:
    """What the whole plan does, as the rules for each change need it."""

    facts: Facts
    online_tables: frozenset[Node]  # the target's plain tables the plan keeps
    changed_columns: frozenset[Node]  # columns the plan adds, drops, renames or retypes
    support: frozenset[str]  # names of functions, types and collations the plan changes
    extension: bool  # the plan creates, changes or drops an extension
    swaps: frozenset[Node]  # indexes the plan drops and creates again
    dropped_indexes: frozenset[Node]
    not_null: frozenset[Node]  # columns the plan sets NOT NULL
    absorbed: frozenset[int]  # positions of changes that another's pieces replace


def split(changes: Sequence[Change], target: Facts) -> list[Placed]:
    """The plan's changes (in dependency order, hazards not judged yet) as an online
    plan: every piece with its phase, in the order they run."""
    view = _view(changes, target)
    pieces = []
    for position, change in enumerate(changes):
        if position in view.absorbed:
            continue
        for sub, placed in enumerate(_place(change, view)):
            pieces.append(_Piece(placed, _rank(placed), position, sub))
    pieces = _follow_dependencies(pieces)
    pieces.sort(key=lambda p: (PHASES.index(p.placed.phase), p.rank, p.position, p.sub))
    return [piece.placed for piece in pieces]


def _view(changes: Sequence[Change], target: Facts) -> _View:
    gone_tables: set[Node] = set()
    changed_columns: set[Node] = set()
    support: set[str] = set()
    extension = False
    created_indexes: set[Node] = set()
    dropped_indexes: set[Node] = set()
    not_null: set[Node] = set()
    for change in changes:
        for op in change.ops:
            if op.kind in ("table", "materialized view", "foreign table") and op.effect in (
                CREATE,
                DROP,
                RENAME,
            ):
                gone_tables.add(op.node)
            elif op.kind == "column" and (op.effect in (CREATE, DROP, RENAME) or op.what == "type"):
                changed_columns.add(op.node)
            elif op.kind in _SUPPORT_KINDS and op.effect != NONE:
                support.add(op.node[-1])
            elif op.kind == "extension":
                extension = True
            elif op.kind == "index" and op.effect == CREATE:
                created_indexes.add(op.node)
            elif op.kind == "index" and op.effect == DROP:
                dropped_indexes.add(op.node)
            if op.what == "set not null":
                not_null.add(op.node)
    online_tables = target.tables - gone_tables
    swaps = frozenset(
        node
        for node in created_indexes & dropped_indexes
        if _swappable(target.indexes.get(node), online_tables)
    )
    absorbed = frozenset(
        position for position, change in enumerate(changes) if _absorbed(change, swaps, not_null)
    )
    return _View(
        facts=target,
        online_tables=online_tables,
        changed_columns=frozenset(changed_columns),
        support=frozenset(support),
        extension=extension,
        swaps=swaps,
        dropped_indexes=frozenset(dropped_indexes),
        not_null=frozenset(not_null),
        absorbed=absorbed,
    )


def _swappable(index: Index | None, online_tables: frozenset[Node]) -> bool:
    """A valid index of its own (no constraint, no parent) on a table that stays."""
    return (
        index is not None
        and index.valid
        and not index.constraint
        and not index.attached
        and index.table in online_tables
    )


def _absorbed(change: Change, swaps: frozenset[Node], not_null: frozenset[Node]) -> bool:
    """The drop of an index the swap retires, and the drop of a helper CHECK whose
    column the plan sets NOT NULL (that step finishes and drops it)."""
    if len(change.ops) != 1:
        return False
    op = change.op
    if op.kind == "index" and op.effect == DROP:
        return op.node in swaps
    if op.what == "drop constraint" and is_reserved(op.node[3]):
        return any(
            column[1:3] == op.node[1:3] and helper_name(column[3]) == op.node[3]
            for column in not_null
        )
    return False


def _rank(placed: Placed) -> int:
    if placed.phase != BEFORE:
        return 0
    op = placed.change.op
    if op.effect == DROP:
        return 0
    return 1 if op.constraint == "unique" else 2


def _place(change: Change, view: _View) -> list[Placed]:
    if not change.understood or len(change.ops) != 1:
        return [Placed(change, CORE)]
    op = change.op
    if op.kind == "index" and op.effect == CREATE and op.what == "create":
        return _create_index(change, view)
    if op.kind == "index" and op.effect == DROP:
        return _drop_index(change, view)
    if op.what == "add constraint":
        return _add_constraint(change, view)
    if op.what == "validate constraint" and _table_of(op.node) in view.online_tables:
        return [Placed(change, AFTER, _validating(op.node))]
    if op.what == "set not null" and _table_of(op.node) in view.online_tables:
        return _set_not_null(change, view)
    if op.what == "drop constraint" and is_reserved(op.node[3]):
        if _table_of(op.node) in view.online_tables:
            note = "drops a helper CHECK an interrupted online apply left"
            return [Placed(change, AFTER, _brief(op.node, note))]
    return [Placed(change, CORE)]


def _table_of(node: Node) -> Node:
    return ("rel", node[1], node[2])


# -- indexes -------------------------------------------------------------------------------


def _create_index(change: Change, view: _View) -> list[Placed]:
    op = change.op
    table, node = op.detail("table"), op.node
    if table not in view.online_tables or op.only or not node[2]:
        return [Placed(change, CORE)]
    if node in view.swaps:
        return _swap(change, view)
    build = _concurrently(change.sql)
    if not _name_free(node, view):
        note = "built concurrently after the core, which frees its name"
        return [Placed(build, AFTER, note)]
    reason = _why_after(node, table, view)
    if reason:
        return [Placed(build, AFTER, f"built concurrently after the core: {reason}")]
    note = "built concurrently before the core: reads and writes go on (SHARE UPDATE EXCLUSIVE)"
    if op.constraint == "unique":
        note += "; a duplicate key stops the apply here, before anything else changed"
    return [Placed(build, BEFORE, note)]


def _concurrently(sql: str, name: str | None = None) -> Change:
    return reader.read(rewrites.concurrent_index(sql, name), _SOURCE)


def _name_free(node: Node, view: _View) -> bool:
    """Whether no index of the target holds the name before the core runs (an INVALID
    one the plan drops goes first, in the before phase)."""
    have = view.facts.indexes.get(node)
    if have is None:
        return True
    return node in view.dropped_indexes and _dropped_before(have, node)


def _dropped_before(index: Index, node: Node) -> bool:
    """An INVALID index, or a leftover of an interrupted online apply: dropped first."""
    return not index.valid or is_reserved(node[2])


def _why_after(node: Node, table: Node, view: _View) -> str:
    """Why an index on an existing table must wait for the core ('' when it need not):
    it uses a column the core adds or changes, or something the plan creates."""
    want = view.facts.desired_indexes.get(node)
    if want is None:
        return "its definition is not known before the core"
    columns = {("col", *table[1:], column) for column in want.columns}
    if columns & view.changed_columns or not columns <= view.facts.columns:
        return "it uses a column the core adds or changes"
    if view.extension:
        return "the plan changes an extension its operator classes may come from"
    if names_in(want.definition) & view.support:
        return "it may use a function, type or collation the core creates or changes"
    return ""


def _swap(change: Change, view: _View) -> list[Placed]:
    """A changed index: the new one built under a temporary name before the core, the
    two renamed in the core, the old one dropped concurrently after it."""
    schema, name = change.op.node[1], change.op.node[2]
    new, old = new_index_name(schema, name), old_index_name(schema, name)
    table = change.op.detail("table")
    reason = _why_after(change.op.node, table, view)
    rename_old = _read(f"ALTER INDEX {qualified(schema, name)} RENAME TO {ident(old)};")
    rename_new = _read(f"ALTER INDEX {qualified(schema, new)} RENAME TO {ident(name)};")
    drop_old = _read(f"DROP INDEX CONCURRENTLY {qualified(schema, old)};")
    swap_note = f"swaps the rebuilt {name} in: a rename, no scan"
    drop_note = f"drops the old version of {name} concurrently: waits for queries using it"
    build = _concurrently(change.sql, new)
    if reason:
        # the new index cannot be built before the core: the plain rebuild in the core
        # would block writes, so it is rebuilt after the core, swapped in its own step
        return [
            Placed(build, AFTER, f"rebuilt concurrently as {new} after the core: {reason}"),
            Placed(rename_old, AFTER, swap_note),
            Placed(rename_new, AFTER, swap_note),
            Placed(drop_old, AFTER, drop_note),
        ]
    return [
        Placed(build, BEFORE, f"rebuilt concurrently as {new} before the core; writes go on"),
        Placed(rename_old, CORE, swap_note),
        Placed(rename_new, CORE, swap_note),
        Placed(drop_old, AFTER, drop_note),
    ]


def _drop_index(change: Change, view: _View) -> list[Placed]:
    node = change.op.node
    have = view.facts.indexes.get(node)
    if have is None or have.constraint or have.attached or have.table not in view.online_tables:
        return [Placed(change, CORE)]
    drop = _read(f"DROP INDEX CONCURRENTLY {qualified(*node[1:])};")
    if _dropped_before(have, node):
        what = "an INVALID index" if not have.valid else "an index an online apply built for itself"
        note = f"{what}, left by an interrupted build: dropped concurrently, first"
        return [Placed(drop, BEFORE, note)]
    columns = {("col", *have.table[1:], column) for column in have.columns}
    if columns & view.changed_columns:
        return [Placed(change, CORE)]  # the core changes what it indexes: dropped first
    note = "dropped concurrently after the core: waits for queries using it, blocks nothing"
    return [Placed(drop, AFTER, note)]


# -- constraints ---------------------------------------------------------------------------


def _add_constraint(change: Change, view: _View) -> list[Placed]:
    op = change.op
    table = _table_of(op.node)
    if table not in view.online_tables:
        return [Placed(change, CORE)]
    if op.constraint in ("check", "foreign key"):
        return _add_not_valid(change, view)
    if op.constraint in ("unique", "primary key"):
        if op.using_index:
            return [_using_index(change, view)]
        return _unique_built_before(change, view)
    return [Placed(change, CORE)]


def _add_not_valid(change: Change, view: _View) -> list[Placed]:
    """A foreign key or CHECK: added NOT VALID in the core (new rows are checked from
    then on), existing rows validated after it."""
    op = change.op
    what = "foreign key" if op.constraint == "foreign key" else "CHECK"
    note = _brief(op.node, f"adds the {what} NOT VALID: no row is checked now")
    if op.not_valid:
        return [Placed(change, CORE, note)]
    want = view.facts.desired_constraints.get(op.node)
    if want is None or not want.validated:
        return [Placed(change, CORE)]
    table, name = qualified(*op.node[1:3]), ident(op.node[3])
    add = _read(f"ALTER TABLE {table} ADD CONSTRAINT {name} {want.definition} NOT VALID;")
    validate = _read(f"ALTER TABLE {table} VALIDATE CONSTRAINT {name};")
    return [Placed(add, CORE, note), Placed(validate, AFTER, _validating(op.node))]


def _using_index(change: Change, view: _View) -> Placed:
    """`ADD CONSTRAINT ... USING INDEX`: a moment of ACCESS EXCLUSIVE, no build. A
    primary key whose columns the plan sets NOT NULL waits for them (over a nullable
    column it would scan the table under that lock)."""
    op = change.op
    want = view.facts.desired_constraints.get(op.node)
    if op.constraint == "primary key" and want is not None:
        columns = {("col", *op.node[1:3], column) for column in want.columns}
        if columns & view.not_null:
            note = "added after its columns are NOT NULL: a moment of ACCESS EXCLUSIVE, no scan"
            return Placed(change, AFTER, note)
    return Placed(change, CORE, _brief(op.node, "adopts the index built before: no build"))


def _unique_built_before(change: Change, view: _View) -> list[Placed]:
    """A unique or primary key built in place (its index has options migra does not
    compare): its index built concurrently first, then added `USING INDEX`. Not a
    temporal key: no CREATE INDEX builds its index (a unique gist index), only the
    constraint does, under lock."""
    op = change.op
    want = view.facts.desired_constraints.get(op.node)
    index = view.facts.desired_indexes.get(want.index) if want and want.index else None
    if want is None or index is None or want.type != op.constraint or want.period:
        return [Placed(change, CORE)]
    index_node = want.index
    build_change = reader.read(index.definition + ";", _SOURCE)
    kind = "PRIMARY KEY" if op.constraint == "primary key" else "UNIQUE"
    timing = (" DEFERRABLE" if want.deferrable else "") + (
        " INITIALLY DEFERRED" if want.deferred else ""
    )
    add = _read(
        f"ALTER TABLE {qualified(*op.node[1:3])} ADD CONSTRAINT {ident(op.node[3])}"
        f" {kind} USING INDEX {ident(index_node[2])}{timing};"
    )
    placed = _create_index(build_change, view)
    if any(p.change.op.concurrently for p in placed):
        return [*placed, _using_index(add, view)]
    return [Placed(change, CORE)]


def _set_not_null(change: Change, view: _View) -> list[Placed]:
    """SET NOT NULL without its scan under ACCESS EXCLUSIVE: the core adds `CHECK (c IS
    NOT NULL) NOT VALID`; after it, the CHECK is validated (no writer waits), SET NOT
    NULL finds it and skips the scan, and the CHECK goes. A helper an interrupted apply
    left is carried on from where it stands."""
    column = change.op.node
    table = _table_of(column)
    name = helper_name(column[3])
    helper = ("con", *table[1:], name)
    have = view.facts.constraints.get(helper)
    on_table, quoted = qualified(*table[1:]), ident(name)
    pieces = []
    if have is None:
        add = _read(
            f"ALTER TABLE {on_table} ADD CONSTRAINT {quoted}"
            f" CHECK ({ident(column[3])} IS NOT NULL) NOT VALID;"
        )
        note = f"a helper CHECK for {column[3]}: NOT VALID, so no row is checked now"
        pieces.append(Placed(add, CORE, _brief(helper, note)))
    if have is None or not have.validated:
        validate = _read(f"ALTER TABLE {on_table} VALIDATE CONSTRAINT {quoted};")
        pieces.append(Placed(validate, AFTER, _validating(helper)))
    proven = _proven_by(change, name)
    note = f"the validated CHECK {name} proves it: no scan"
    drop = _read(f"ALTER TABLE {on_table} DROP CONSTRAINT {quoted};")
    return [
        *pieces,
        Placed(proven, AFTER, _brief(column, note)),
        Placed(drop, AFTER, _brief(helper, f"drops the helper {name}")),
    ]


def _proven_by(change: Change, helper: str) -> Change:
    """The SET NOT NULL with the fact hazards judge it by: a validated CHECK proves it."""
    op = change.op
    proven = replace(op, details=(*op.details, ("proven_by", helper)))
    return replace(change, ops=(proven,))


def _validating(node: Node) -> str:
    return (
        f"validates {node[3]} in its own transaction: SHARE UPDATE EXCLUSIVE on"
        f" {qualified(*node[1:3])}, reads and writes go on while rows are checked"
    )


def _brief(node: Node, what: str) -> str:
    return f"{what}; ACCESS EXCLUSIVE on {qualified(*node[1:3])} for a moment only"


def _read(sql: str) -> Change:
    return reader.read(sql, _SOURCE)


def _follow_dependencies(pieces: list[_Piece]) -> list[_Piece]:
    """A core piece that acts on something built after the core (a comment on such an
    index, a constraint over it) goes after the core too, in plan order."""
    built_after = {
        node
        for piece in pieces
        if piece.placed.phase == AFTER
        for action, node in piece.placed.change.effects()
        if action == CREATE
    }
    result = []
    for piece in sorted(pieces, key=lambda p: (p.position, p.sub)):
        change = piece.placed.change
        if piece.placed.phase == CORE and _needs(change) & built_after:
            needed = ", ".join(sorted(qualified(*n[1:]) for n in _needs(change) & built_after))
            note = f"after the core: it needs {needed}, which is built after the core"
            piece = replace(piece, placed=replace(piece.placed, phase=AFTER, note=note))
            built_after |= {node for action, node in change.effects() if action == CREATE}
        result.append(piece)
    return result


def _needs(change: Change) -> set[Node]:
    found = set()
    for op in change.ops:
        found.add(op.node)
        found |= {node for action, node in op.also if action in (USE, ALTER)}
    return found


# -- what the online plan cannot avoid -------------------------------------------------------


def unavoidable(change: Change) -> str:
    """Why a core change keeps its write-blocking lock in online mode (for a change whose
    hazards still say `blocking-lock`)."""
    if BLOCKING_LOCK not in change.hazard_kinds:
        return ""
    op = change.op
    if op.what == "type" or op.rewrites:
        why = "PostgreSQL rewrites the table for it under ACCESS EXCLUSIVE"
    elif op.kind == "index":
        why = "PostgreSQL builds no index concurrently on a partitioned table or ON ONLY"
    elif op.constraint == "exclusion":
        why = "an exclusion constraint cannot adopt an index built before"
    elif op.constraint in ("primary key", "unique") and op.detail("period"):
        why = "a temporal key (WITHOUT OVERLAPS) cannot adopt an index built before"
    elif op.what == "attach partition":
        why = "attaching scans the partition for its bound"
    else:
        why = "it has no concurrent form"
    return f"online mode cannot avoid this lock: {why}"
