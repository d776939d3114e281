"""Typed hazards: what a planned change may do to a database that holds data.

Hazards are judged from what a change does (its `Op`s, read with PostgreSQL's grammar),
not from its text: `ALTER COLUMN ... DROP DEFAULT` loses nothing, `DROP COLUMN` does.
What the target already holds matters (an index built on a new table locks nobody), and
so do the column types on both sides: `varchar(10)` to `varchar(50)` is a catalog change,
`varchar(50)` to `varchar(10)` truncates every longer value and rewrites the table. So
does the plan around a change: a constraint validated in the same transaction that added
it is validated while the lock taken by the `ADD` is still held. A change the reader did
not understand gets every hazard: a misread must never look safe.

The kinds (docs/safety.md, "Safety"):
  data-loss             drops a table, column, schema, type, sequence or enum value,
                        restarts a sequence (its position), or changes a type so that
                        values can be lost, truncated or rejected
  table-rewrite         rewrites every row (and its indexes) under an ACCESS EXCLUSIVE lock
  blocking-lock         holds a lock that blocks writes (or reads) for as long as a scan or
                        an index build of an existing table takes
  index-dropped         drops an index (or the constraint that owns one) of the target
  authz-change          changes who may do what on existing objects
  untracked-dependency  changes or removes something function bodies may use, which
                        PostgreSQL does not track (failures show up at call time)
  rename                renames what running application code may name (the renames
                        the schema files annotate; `schematool.diff.renames` attaches it)
  replication-break     drops a publication of the target, or takes a table or schema
                        out of it, or changes what it publishes (operations, column
                        lists, row filters, partition root): its subscribers fail or
                        stop receiving what they did
  fails-on-data         the target's rows make the change fail (`plan.data_checks`
                        reads them and attaches it)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from schematool.errors import ConfigError
from schematool.grammar.change import BLOCKS_WRITES, CREATE, DROP, Change, Hazard, Op
from schematool.grammar.tree import parse
from schematool.hazard_kinds import (
    AUTHZ_CHANGE,
    BLOCKING_LOCK,
    DATA_LOSS,
    INDEX_DROPPED,
    JUDGED,
    KINDS,
    REPLICATION_BREAK,
    TABLE_REWRITE,
    UNTRACKED_DEPENDENCY,
)
from schematool.inspect.catalog import Snapshot
from schematool.inspect.records import Catalog
from schematool.inspect.records import catalog as catalog_of
from schematool.names import Node, ident, names_in, node_of, qualified, split_name
from schematool.plan import implied_locks

# migra replaces an enum by renaming the old type to this suffix, creating the new one,
# converting the columns, then dropping the renamed old type.
ENUM_SWAP_SUFFIX = "__old_version_to_be_dropped"


# -- what the target holds -------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    """A function body PostgreSQL does not track (PL/pgSQL, or SQL kept as text), by the
    names it spells (folded as PostgreSQL reads them)."""

    function: str  # its signature, for people: public.f(integer)
    names: frozenset[str]


@dataclass(frozen=True)
class Existing:
    """What the target holds, and what the plan will leave, by Node. Hazards concern
    existing things: a grant on a table the plan creates changes nobody's access; on an
    existing one it does."""

    tables: frozenset[Node] = frozenset()  # tables and materialized views (they hold rows)
    materialized: frozenset[Node] = frozenset()  # the materialized views among them
    objects: frozenset[Node] = frozenset()  # tables, views, sequences, functions, schemas
    columns: Mapping[Node, str] = field(default_factory=dict)  # target: column -> type
    new_columns: Mapping[Node, str] = field(default_factory=dict)  # desired: column -> type
    enums: Mapping[Node, tuple[str, ...]] = field(default_factory=dict)  # target: labels
    new_enums: Mapping[Node, tuple[str, ...]] = field(default_factory=dict)  # desired
    types: frozenset[Node] = frozenset()  # enums, composites, domains, ranges
    sequences: frozenset[Node] = frozenset()
    schemas: frozenset[Node] = frozenset()
    constraint_indexes: Mapping[Node, Node] = field(default_factory=dict)  # con -> its index
    indexes: Mapping[Node, tuple[tuple[frozenset[str], str], ...]] = field(
        default_factory=dict
    )  # table -> (columns used, definition) per index
    collations: Mapping[Node, str] = field(default_factory=dict)  # target: column -> collation
    new_collations: Mapping[Node, str] = field(default_factory=dict)  # desired
    function_definitions: tuple[tuple[str, str], ...] = ()  # desired: (signature, definition)
    virtual_columns: frozenset[Node] = frozenset()  # desired: virtual generated columns
    invalid_indexes: frozenset[Node] = frozenset()  # target: indisvalid false
    publications: frozenset[Node] = frozenset()  # target: ("pub", name)
    # target: index -> its table, then its partitions' (their indexes attached to it)
    index_tables: Mapping[Node, tuple[Node, ...]] = field(default_factory=dict)
    # desired: columns whose addition fills every row by a rewrite for reasons the
    # statement does not spell (`implied_locks.filled_by_rewrite`)
    filled_columns: frozenset[Node] = frozenset()

    @cached_property
    def bodies(self) -> tuple[Body, ...]:
        """The untracked bodies of the functions the plan leaves (read on first need:
        only a plan that drops or replaces something asks)."""
        found = []
        for signature, definition in self.function_definitions:
            source = untracked_body(definition)
            if source:
                found.append(Body(signature, frozenset(names_in(source))))
        return tuple(found)


_NAMED_KINDS = (
    "table",
    "view",
    "materialized_view",
    "sequence",
    "function",
    "schema",
    "server",  # who may use it changes with its owner and grants
    "foreign_data_wrapper",
)
_TYPE_KINDS = ("enum", "composite_type", "domain", "range_type")


def context(current: Snapshot, desired: Snapshot) -> Existing:
    """What hazards are judged against: the target's objects, column types and enum
    labels on both sides, and the bodies of the functions the plan leaves, which
    PostgreSQL does not track."""

    def nodes(snap: Snapshot, *kinds: str) -> frozenset[Node]:
        return frozenset(
            node
            for kind in kinds
            for identity in snap.get(kind, {})
            if (node := node_of(kind, identity)) is not None
        )

    have, want = catalog_of(current), catalog_of(desired)

    def by_column(catalog: Catalog, attribute: str) -> dict[Node, str]:
        return {
            ("col", *split_name(k)): value
            for k, column in catalog.columns.items()
            if (value := getattr(column, attribute))
        }

    def labels(catalog: Catalog) -> dict[Node, tuple[str, ...]]:
        return {("rel", *split_name(k)): tuple(e.labels or ()) for k, e in catalog.enums.items()}

    indexes: dict[Node, list[tuple[frozenset[str], str]]] = {}
    for index in have.indexes.values():
        table = ("rel", *split_name(index.table))
        indexes.setdefault(table, []).append((frozenset(index.columns or ()), index.definition))
    constraint_indexes = {
        ("con", *split_name(k)): ("rel", *split_name(c.index))
        for k, c in have.constraints.items()
        if c.index
    }
    functions = tuple(
        (identity if f.signature is None else f.signature, f.definition)
        for identity, f in sorted(want.functions.items())
        if f.definition
    )
    virtual = frozenset(
        ("col", *split_name(k))
        for k, column in want.columns.items()
        if column.generated is not None and column.generated.kind == "virtual"
    )
    return Existing(
        # a foreign table holds no rows of its own: nothing of it is lost or rewritten
        tables=nodes(current, "table", "materialized_view") - nodes(current, "foreign_table"),
        materialized=nodes(current, "materialized_view"),
        objects=nodes(current, *_NAMED_KINDS),
        columns=by_column(have, "type"),
        new_columns=by_column(want, "type"),
        enums=labels(have),
        new_enums=labels(want),
        types=nodes(current, *_TYPE_KINDS),
        sequences=nodes(current, "sequence"),
        schemas=nodes(current, "schema"),
        constraint_indexes=constraint_indexes,
        indexes={table: tuple(found) for table, found in indexes.items()},
        collations=by_column(have, "collation"),
        new_collations=by_column(want, "collation"),
        function_definitions=functions,
        virtual_columns=virtual,
        invalid_indexes=frozenset(
            ("rel", *split_name(k)) for k, index in have.indexes.items() if not index.valid
        ),
        publications=nodes(current, "publication"),
        index_tables=_index_tables(have),
        filled_columns=implied_locks.filled_by_rewrite(want),
    )


def _index_tables(current: Catalog) -> dict[Node, tuple[Node, ...]]:
    """Each index's table and, for an index of a partitioned table, the tables of the
    indexes attached to it, all the way down: what dropping the index locks."""
    table: dict[Node, Node] = {}
    attached: dict[Node, list[Node]] = {}
    for identity, index in current.indexes.items():
        node = ("rel", *split_name(identity))
        table[node] = ("rel", *split_name(index.table))
        if index.partition_of:
            attached.setdefault(("rel", *split_name(index.partition_of)), []).append(node)

    def tables(index: Node) -> tuple[Node, ...]:
        below = (t for child in attached.get(index, ()) for t in tables(child))
        return tuple(dict.fromkeys((table[index], *below)))

    return {index: tables(index) for index in table}


def untracked_body(definition: str) -> str:
    """The body of a function as `pg_get_functiondef` gives it, read with PostgreSQL's
    grammar; empty for a `BEGIN ATOMIC` body, whose references PostgreSQL tracks, and
    for one in a language other than SQL and PL/pgSQL (not ours to read)."""
    parsed = parse(definition)
    if parsed is None:
        return ""
    statements = parsed.statements
    function = statements[0]["stmt"].get("CreateFunctionStmt") if len(statements) == 1 else None
    if function is None or "sql_body" in function:
        return ""
    options = {
        o["DefElem"]["defname"]: o["DefElem"].get("arg") for o in function.get("options", ())
    }
    language = (options.get("language") or {}).get("String", {}).get("sval", "sql")
    if language not in ("sql", "plpgsql"):
        return ""
    body = options.get("as") or {}
    items = body.get("List", {}).get("items", [body])
    return "\n".join(item.get("String", {}).get("sval", "") for item in items)


# -- judging a plan ------------------------------------------------------------------


def judge(changes: Sequence[Change], existing: Existing) -> list[Change]:
    """Each change with its hazards: those its maker attached, and those it has against
    a target holding `existing`, judged after the changes before it in the same
    transaction (locks they hold, constraints and tables they dropped)."""
    earlier = _Earlier()
    judged = []
    for change in changes:
        found = list(change.hazards)
        if not change.understood:
            found += [
                Hazard(kind, "not a statement schematool understands: review it") for kind in JUDGED
            ]
        else:
            for op in change.ops:
                found += _op_hazards(op, existing, earlier)
        judged.append(change.with_hazards(_unique(found)))
        earlier.note(change)
    return judged


def _unique(found: Iterable[Hazard]) -> tuple[Hazard, ...]:
    """One hazard per kind, in first-found order, keeping its first reason."""
    kinds: dict[str, Hazard] = {}
    for hazard in found:
        kinds.setdefault(hazard.kind, hazard)
    return tuple(kinds.values())


# objects whose drop makes a later one of the name a new one (no hazard for its grants)
_RECREATED_KINDS = (
    "table",
    "view",
    "materialized view",
    "foreign table",
    "server",
    "foreign data wrapper",
)


@dataclass
class _Earlier:
    """What the changes before this one did, inside the same transaction."""

    write_locked: set[Node] = field(default_factory=set)  # tables whose writes are blocked
    dropped_constraints: set[Node] = field(default_factory=set)
    dropped_relations: set[Node] = field(default_factory=set)  # a later one is a new one

    def note(self, change: Change) -> None:
        for op in change.ops:
            if op.effect == DROP and op.kind in _RECREATED_KINDS:
                self.dropped_relations.add(op.node)
            if op.renamed_to is not None and op.kind == "sequence":  # put aside: name free
                self.dropped_relations.add(op.node)
            if op.effect == DROP and op.kind == "constraint":
                self.dropped_constraints.add(op.node)
        for lock in change.locks:
            if lock.mode in BLOCKS_WRITES:
                self.write_locked.add(lock.table)
        for op in change.ops:  # a renamed table stays locked under its new name
            if op.renamed_to is not None and op.node in self.write_locked:
                self.write_locked.add(op.renamed_to)


def _table(node: Node) -> Node:
    return ("rel", node[1], node[2])


def _existing_table(node: Node, existing: Existing, earlier: _Earlier) -> bool:
    """`node` (a relation) is one of the target's tables, not one the plan made anew."""
    return node in existing.tables and node not in earlier.dropped_relations


def _name(node: Node) -> str:
    return qualified(*node[1:])


def _op_hazards(op: Op, existing: Existing, earlier: _Earlier) -> list[Hazard]:
    if op.kind == "row":
        return _row_hazards(op)
    if op.effect == DROP:
        return _drop_hazards(op, existing, earlier)
    what = op.what
    if what in ("comment", "setting", "noop"):
        return []
    if op.kind == "publication" and what in _PUBLICATION_NARROWING:
        return _publication_hazards(op, existing)
    if op.detail("restart"):
        return _restart_hazards(op, existing, earlier)
    if what == "set value":
        return _set_value_hazards(op, existing, earlier)
    if what == "truncate":
        return (
            [Hazard(DATA_LOSS, f"empties {_name(op.node)}")]
            if _existing_table(op.node, existing, earlier)
            else []
        )
    if what in ("grant", "revoke", "default privileges", "owner") or what.endswith("row security"):
        return _authz_hazards(op, existing, earlier)
    if op.kind == "policy":
        return _authz_hazards(op, existing, earlier)
    if op.effect == CREATE and op.kind in ("function", "procedure"):
        if op.replace and not op.body_tracked and op.node in existing.objects:
            reason = (
                f"replaces the body of {_name(op.node)}; PostgreSQL does not track what a body uses"
            )
            return [Hazard(UNTRACKED_DEPENDENCY, reason)]
        return []
    if op.effect == CREATE and op.kind == "materialized view" and op.node in existing.materialized:
        reason = (
            f"creates materialized view {_name(op.node)} again WITH DATA: its query runs in the"
            " transaction while its readers wait (ACCESS EXCLUSIVE since its drop)"
        )
        return [Hazard(BLOCKING_LOCK, reason)]
    if op.kind == "index" and op.what == "create":
        table = op.detail("table")
        if (
            not op.concurrently
            and table in existing.tables - existing.materialized
            and table not in earlier.dropped_relations
        ):
            return [
                Hazard(
                    BLOCKING_LOCK,
                    f"holds SHARE on {_name(table)} (no writes) while the index is built",
                )
            ]
        return []
    if (
        op.kind == "type"
        and op.what in ("drop attribute", "alter attribute")
        and op.node in existing.types
    ):
        return [Hazard(DATA_LOSS, f"{op.what} of {_name(op.node)}: values already stored change")]
    if op.kind == "domain" and op.node in existing.types:
        if (op.what == "add constraint" and not op.not_valid) or op.what == "set not null":
            return [
                Hazard(BLOCKING_LOCK, f"checks every column of domain {_name(op.node)} under lock")
            ]
        return []
    if op.node and op.node[0] in ("col", "con", "rel") and len(op.node) >= 3:
        if op.what in ("attach partition",):
            partition = op.detail("partition")
            if _existing_table(partition, existing, earlier):
                return [
                    Hazard(
                        BLOCKING_LOCK,
                        f"scans {_name(partition)} for its bound under ACCESS EXCLUSIVE",
                    )
                ]
            return []
        if _existing_table(_table(op.node), existing, earlier):
            return _table_hazards(op, _table(op.node), existing, earlier)
    return []


def _row_hazards(op: Op) -> list[Hazard]:
    """A declared row deleted is data gone (`diff.rows`); one inserted or updated is
    what the files declare, and takes nothing the files did not say."""
    if op.what == "delete row":
        reason = (
            f"deletes the row {op.detail('key')} of {_name(op.node[:3])}:"
            f" {op.detail('file')} no longer declares it"
        )
        return [Hazard(DATA_LOSS, reason)]
    return []


# ALTER PUBLICATION operations that may take something out of what subscribers receive
# (SET of options is judged without the old value: it may narrow `publish`)
_PUBLICATION_NARROWING = ("drop table", "drop schema", "set table", "set schema", "set options")


def _publication_hazards(op: Op, existing: Existing) -> list[Hazard]:
    publication = ("pub", op.node[1])
    if publication not in existing.publications:
        return []
    reason = {
        "drop": "drops publication {p}: its subscribers fail",
        "drop table": "takes a table out of publication {p}: its subscribers stop receiving it",
        "drop schema": "takes a schema out of publication {p}: its subscribers stop receiving it",
        "set options": "changes what publication {p} publishes: subscribers may stop receiving"
        " some changes, or receive them under another table's name",
    }.get(op.what, "replaces what publication {p} lists: subscribers may lose tables")
    return [Hazard(REPLICATION_BREAK, reason.format(p=ident(op.node[1])))]


def _restart_hazards(op: Op, existing: Existing, earlier: _Earlier) -> list[Hazard]:
    """RESTART of an existing sequence or identity column: its position is lost, and it
    may hand out values it handed out before."""
    if op.kind == "sequence":
        if op.node not in existing.sequences or op.node in earlier.dropped_relations:
            return []
        reason = f"restarts sequence {_name(op.node)}: its position is lost"
    else:
        if not _existing_table(_table(op.node), existing, earlier):
            return []
        reason = f"restarts the identity of {_name(op.node)}: its position is lost"
    return [Hazard(DATA_LOSS, reason)]


def _set_value_hazards(op: Op, existing: Existing, earlier: _Earlier) -> list[Hazard]:
    """A sequence given another one's position (`setval`): none for one the plan made
    (the sequence that replaces a serial's or an identity's, under its name); an
    existing one loses its own position."""
    if op.node not in existing.sequences or op.node in earlier.dropped_relations:
        return []
    return [Hazard(DATA_LOSS, f"sets the position of sequence {_name(op.node)}: its own is lost")]


def _authz_hazards(op: Op, existing: Existing, earlier: _Earlier) -> list[Hazard]:
    if op.detail("restores"):
        return []  # dropped and created again as it was in one transaction (`dependents`)
    if op.what == "default privileges":
        return [Hazard(AUTHZ_CHANGE, "changes the privileges new objects get")]
    node = op.node
    if node[0] in ("policy", "col", "con"):
        node = _table(node)
    known = existing.objects | existing.types | existing.schemas | existing.publications
    target_exists = node in known and node not in earlier.dropped_relations
    if not target_exists:
        return []
    what = "policy" if op.kind == "policy" else op.what
    return [Hazard(AUTHZ_CHANGE, f"{what} on existing {_name(node)}")]


def _drop_hazards(op: Op, existing: Existing, earlier: _Earlier) -> list[Hazard]:
    node, kind = op.node, op.kind
    found: list[Hazard] = []
    if kind in ("table", "view", "materialized view", "foreign table"):
        if kind == "table" and _existing_table(node, existing, earlier):
            found.append(Hazard(DATA_LOSS, f"drops table {_name(node)} and its rows"))
        if node in existing.objects and not op.detail("restores"):
            found += _mentioned(existing, f"drops {_name(node)}", node[2])
    elif kind == "schema":
        if node in existing.schemas:
            found.append(Hazard(DATA_LOSS, f"drops schema {_name(node)} and what it holds"))
    elif kind in ("type", "domain"):
        found += _drop_type_hazards(node, existing)
    elif kind == "sequence":
        if node in existing.sequences or node in existing.objects:
            found.append(Hazard(DATA_LOSS, f"drops sequence {_name(node)} and its position"))
    elif kind == "index":
        if node in existing.invalid_indexes:
            pass  # an INVALID index (an interrupted concurrent build) serves no query
        elif not _dropped_with_constraint(node, existing, earlier):
            found.append(Hazard(INDEX_DROPPED, f"drops index {_name(node)}"))
    elif kind in ("function", "procedure", "aggregate", "routine"):
        if node in existing.objects:
            found += _mentioned(existing, f"drops {_name(node)}", node[2])
    elif kind == "policy":
        found += _authz_hazards(op, existing, earlier)
    elif kind == "publication":
        found += _publication_hazards(op, existing)
    elif kind == "column" and _existing_table(_table(node), existing, earlier):
        if not op.detail("restores"):  # else added back in the transaction (computed)
            found.append(Hazard(DATA_LOSS, f"drops column {_name(node)} and its values"))
            found += _mentioned(existing, f"drops column {_name(node)}", node[2], node[3])
    elif kind == "constraint" and _existing_table(_table(node), existing, earlier):
        if node in existing.constraint_indexes:
            index = existing.constraint_indexes[node]
            found.append(
                Hazard(INDEX_DROPPED, f"drops constraint {node[3]} and its index {_name(index)}")
            )
    return found


def _drop_type_hazards(node: Node, existing: Existing) -> list[Hazard]:
    if node[-1].endswith(ENUM_SWAP_SUFFIX):
        # the second half of migra's enum replacement: values are lost when labels are
        original = (*node[:-1], node[-1].removesuffix(ENUM_SWAP_SUFFIX))
        old, new = existing.enums.get(original), existing.new_enums.get(original)
        if old is None or new is None:
            return [Hazard(DATA_LOSS, f"drops type {_name(original)}")]
        gone = [label for label in old if label not in new]
        if gone:
            return [Hazard(DATA_LOSS, f"enum {_name(original)} loses {', '.join(gone)}")]
        return []
    return [Hazard(DATA_LOSS, f"drops type {_name(node)}")] if node in existing.types else []


def _dropped_with_constraint(index: Node, existing: Existing, earlier: _Earlier) -> bool:
    """migra drops a primary key or unique constraint, then `drop index if exists` its
    index, which the first statement already removed: the hazard belongs to the first."""
    return any(
        existing.constraint_indexes.get(constraint) == index
        for constraint in earlier.dropped_constraints
    )


def _mentioned(existing: Existing, what: str, *names: str) -> list[Hazard]:
    """untracked-dependency when a function body the plan leaves names all of `names`
    (exactly, as PostgreSQL folds identifiers): its calls will fail at run time."""
    users = [body.function for body in existing.bodies if all(n in body.names for n in names)]
    if not users:
        return []
    shown = ", ".join(users[:3]) + (f" and {len(users) - 3} more" if len(users) > 3 else "")
    return [Hazard(UNTRACKED_DEPENDENCY, f"{what}, which the body of {shown} names")]


def _table_hazards(op: Op, table: Node, existing: Existing, earlier: _Earlier) -> list[Hazard]:
    """An ALTER TABLE subcommand on one of the target's tables."""
    what = op.what
    name = _name(table)
    if what == "type":
        return _type_change_hazards(op, existing)
    if what == "add column":
        if op.rewrites or op.node in existing.filled_columns:
            reason = f"{_name(op.node)} fills every row of {name}"
            return [
                Hazard(TABLE_REWRITE, reason),
                Hazard(BLOCKING_LOCK, reason + " under ACCESS EXCLUSIVE"),
            ]
        return []
    if op.rewrites and what != "set expression":
        reason = f"{what} rewrites {name}"
        return [
            Hazard(TABLE_REWRITE, reason),
            Hazard(BLOCKING_LOCK, reason + " under ACCESS EXCLUSIVE"),
        ]
    if what == "set expression":
        if op.node in existing.virtual_columns:
            return []
        reason = f"{_name(op.node)} is computed again for every row"
        return [
            Hazard(TABLE_REWRITE, reason),
            Hazard(BLOCKING_LOCK, reason + " under ACCESS EXCLUSIVE"),
        ]
    if what == "set not null":
        if op.detail("proven_by"):  # a validated CHECK (c IS NOT NULL): PostgreSQL skips the scan
            return []
        return [Hazard(BLOCKING_LOCK, f"scans {name} under ACCESS EXCLUSIVE to check {op.node[3]}")]
    if what == "add constraint":
        if _adds_under_lock(op):
            return [
                Hazard(
                    BLOCKING_LOCK,
                    f"{op.constraint} {op.node[3]} checks every row of {name} under lock",
                )
            ]
        return []
    if what == "validate constraint":
        if table in earlier.write_locked:
            reason = f"validates {op.node[3]} while this transaction blocks writes to {name}"
            return [Hazard(BLOCKING_LOCK, reason)]
        return []
    return []


def _adds_under_lock(op: Op) -> bool:
    """A constraint whose ADD scans the table or builds an index while holding its lock."""
    if op.constraint in ("foreign key", "check"):
        return not op.not_valid
    if op.constraint in ("primary key", "unique", "exclusion"):
        return not op.using_index  # builds the index under lock
    return op.constraint == "not null" and not op.not_valid


def _type_change_hazards(op: Op, existing: Existing) -> list[Hazard]:
    column = op.node
    old = existing.columns.get(column)
    new = existing.new_columns.get(column) or op.type_name or ""
    name = _name(column)
    if old is None:  # nothing known about the target's column: only to text is safe
        safe = new in ("text", "character varying") and op.using in (None, "cast")
        loses, rewrites = (False, False) if safe else (True, True)
    elif op.using == "expression":
        loses, rewrites = True, True  # an expression of the user's: assume the worst
    else:
        loses, rewrites = type_change(old, new, existing)
    found = []
    change = f"{name} {old or '?'} -> {new or '?'}"
    if loses:
        found.append(Hazard(DATA_LOSS, f"{change} can lose or reject values"))
    if rewrites:
        found += [
            Hazard(TABLE_REWRITE, f"{change} rewrites the table"),
            Hazard(BLOCKING_LOCK, f"{change} rewrites the table under ACCESS EXCLUSIVE"),
        ]
    elif _rebuilds_indexes(column, existing):
        found.append(
            Hazard(BLOCKING_LOCK, f"{change} rebuilds indexes on {name} under ACCESS EXCLUSIVE")
        )
    return found


def _rebuilds_indexes(column: Node, existing: Existing) -> bool:
    """A type change that keeps the rows still rebuilds, under ACCESS EXCLUSIVE, the
    column's indexes when its collation changes, and its expression and partial indexes
    always (PostgreSQL reuses only plain indexes of an unchanged collation)."""
    table, name = _table(column), column[3]
    using = [
        definition for columns, definition in existing.indexes.get(table, ()) if name in columns
    ]
    if existing.collations.get(column) != existing.new_collations.get(column):
        return bool(using)
    return any(not plain_index(definition) for definition in using)


def plain_index(definition: str) -> bool:
    """An index on columns only (no expression, no WHERE), read with PostgreSQL's grammar."""
    parsed = parse(definition)
    if parsed is None:
        return False
    index = parsed.statements[0]["stmt"].get("IndexStmt", {})
    if not index or "whereClause" in index:
        return False
    return all("name" in p.get("IndexElem", {}) for p in index.get("indexParams", ()))


# -- type changes ------------------------------------------------------------------------

_TYPE_TEXT = re.compile(
    r"^(?P<base>.+?)(?:\((?P<mods>\s*\d+\s*(?:,\s*-?\d+\s*)?)\))?"
    r"(?P<zone>\s+with(?:out)?\s+time\s+zone)?(?P<array>(?:\[\])*)$",
    re.IGNORECASE,
)
_STRINGS = {"text", "character varying"}
_INTEGER_DIGITS = {"smallint": 5, "integer": 10, "bigint": 19}
_EXACT_IN_FLOAT = {  # integer types whose every value a float type holds exactly
    "real": {"smallint"},
    "double precision": {"smallint", "integer"},
}
# Types whose modifier is a precision or length that only a narrower value loses from;
# PostgreSQL changes them without a rewrite when the new one is wider or absent.
_WIDENABLE = {
    "timestamp without time zone",
    "timestamp with time zone",
    "time without time zone",
    "time with time zone",
    "interval",
    "bit varying",
}


@dataclass(frozen=True)
class ColumnType:
    name: str  # e.g. 'character varying', 'timestamp with time zone', 'public.mood'
    mods: tuple[int, ...] = ()
    array: bool = False

    @classmethod
    def parse(cls, text: str) -> ColumnType:
        match = _TYPE_TEXT.match(" ".join(text.strip().split()))
        if not match:
            return cls(text.strip().lower())
        name = (match["base"] + (match["zone"] or "")).strip()
        name = name if name.startswith('"') or "." in name else name.lower()
        mods = tuple(int(m) for m in (match["mods"] or "").split(",") if m.strip())
        return cls(name, mods, bool(match["array"]))

    @property
    def element(self) -> ColumnType:
        return ColumnType(self.name, self.mods)


def type_change(old: str, new: str, existing: Existing | None = None) -> tuple[bool, bool]:
    """(can lose or reject values, rewrites the table) for `ALTER COLUMN ... TYPE new USING
    col::new` on a column of type `old`, both as format_type() spells them. Matches what
    PostgreSQL does: length and precision widenings are catalog-only, narrowings truncate,
    round or reject values and rewrite."""
    enums_old = existing.enums if existing else {}
    enums_new = existing.new_enums if existing else {}
    # an array of an enum converts element by element, like the enum itself
    old_key = ("rel", *split_name(old.removesuffix("[]")))
    new_key = ("rel", *split_name(new.removesuffix("[]")))
    if old_key in enums_old and new_key in enums_new:  # migra's enum swap, or another enum
        return bool(set(enums_old[old_key]) - set(enums_new[new_key])), True
    if old == new:
        return False, False
    return _judge(ColumnType.parse(old), ColumnType.parse(new))


def _judge(old: ColumnType, new: ColumnType) -> tuple[bool, bool]:
    if old == new:
        return False, False
    if old.array or new.array:
        if old.array and new.array:  # element by element, always a new array value
            return _judge(old.element, new.element)[0], True
        return True, True
    o, n = old.name, new.name
    if o in _STRINGS and n in _STRINGS:
        new_length = new.mods[0] if new.mods else None
        old_length = old.mods[0] if old.mods else None
        if new_length is None or (old_length is not None and new_length >= old_length):
            return False, False  # binary coercible, no length check needed
        return True, True  # an explicit cast to varchar(n) truncates silently
    if o == "character":
        width = old.mods[0] if old.mods else 1
        if n == "character":
            return (new.mods[0] if new.mods else 1) < width, True
        if n in _STRINGS:
            return bool(new.mods) and new.mods[0] < width, True  # trailing blanks go
    if o == "numeric" and n == "numeric":
        return _judge_numeric(old.mods, new.mods)
    if o == n and o in _WIDENABLE:
        if not new.mods or (old.mods and new.mods[0] >= old.mods[0]):
            return False, False
        return True, True
    if o in _INTEGER_DIGITS:
        if n in _INTEGER_DIGITS:
            return _INTEGER_DIGITS[n] < _INTEGER_DIGITS[o], True
        if n == "numeric":
            if not new.mods:
                return False, True
            precision, scale = (*new.mods, 0)[:2]
            return precision - scale < _INTEGER_DIGITS[o], True
        if n in _EXACT_IN_FLOAT:
            return o not in _EXACT_IN_FLOAT[n], True
    if o == "real" and n == "double precision":
        return False, True
    if o == "timestamp without time zone" and n == "timestamp with time zone":
        # read in the session's time zone; a rewrite unless that is UTC
        return bool(old.mods) and (bool(new.mods) and new.mods[0] < old.mods[0]), True
    if n in _STRINGS and not new.mods:
        return False, True  # every value has a text form
    if o == "jsonb" and n == "json":
        return False, True
    return True, True  # anything else: assume values can be lost or rejected


def _judge_numeric(old: tuple[int, ...], new: tuple[int, ...]) -> tuple[bool, bool]:
    if not new:
        return False, False  # unconstrained numeric holds every value
    if not old:
        return True, True
    old_precision, old_scale = (*old, 0)[:2]
    new_precision, new_scale = (*new, 0)[:2]
    if new_scale == old_scale and new_precision >= old_precision:
        return False, False
    loses = new_scale < old_scale or new_precision - new_scale < old_precision - old_scale
    return loses, True


def classify(statement: str, existing: Existing) -> tuple[str, ...]:
    """The hazard kinds of one statement against a target holding `existing` (for
    judging a statement on its own: tests, one-off checks)."""
    from schematool.grammar import reader

    return judge([reader.read(statement)], existing)[0].hazard_kinds


def parse_allowed(values: Iterable[str]) -> frozenset[str]:
    """`--allow-hazards` values (repeatable, comma-separated too; `all` allows every kind)."""
    allowed: set[str] = set()
    for value in values:
        for item in filter(None, (v.strip() for v in value.split(","))):
            if item == "all":
                allowed.update(KINDS)
            elif item in KINDS:
                allowed.add(item)
            else:
                raise ConfigError(f"unknown hazard {item!r}: choose from {', '.join(KINDS)} or all")
    return frozenset(allowed)
