"""A planned statement as data: what it does, to what, under which lock, with which hazards.

Every statement of a plan is a `Change`, read once (by `schematool.grammar.reader`, with
PostgreSQL's own grammar) from the SQL that runs. Everything downstream (the dependency
sort, hazards, the summary, the dropped-objects tracking, the blocker report, apply)
reads these fields and never the SQL text again.

A `Change` is one statement; its `ops` are what it does, one per object it acts on (an
`ALTER TABLE` with three subcommands has three). Each `Op` says, for the dependency sort,
whether it creates, drops, alters, sets a property of, renames or uses its object
(`effect`), and, for hazards and replacements, exactly which operation it is (`what`)
with the few facts that decide its hazards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from schematool.names import Node, qualified

# -- what an op does to its object, as the dependency sort sees it ---------------------
CREATE = "create"
DROP = "drop"
ALTER = "alter"  # changes what dependents see: a column's type, a type's labels
SET = "set"  # changes what no dependent relies on: owners, options, flags
RENAME = "rename"  # the object leaves its name (for `renamed_to`, or another schema)
USE = "use"  # needs the object to exist (an index a constraint adopts)
NONE = "none"  # changes no object's existence or shape: grants, comments, settings

Effect = tuple[str, Node]

# -- lock modes, weakest first (PostgreSQL's table-level locks) ------------------------
ACCESS_SHARE = "ACCESS SHARE"
ROW_SHARE = "ROW SHARE"
ROW_EXCLUSIVE = "ROW EXCLUSIVE"
SHARE_UPDATE_EXCLUSIVE = "SHARE UPDATE EXCLUSIVE"
SHARE = "SHARE"
SHARE_ROW_EXCLUSIVE = "SHARE ROW EXCLUSIVE"
EXCLUSIVE = "EXCLUSIVE"
ACCESS_EXCLUSIVE = "ACCESS EXCLUSIVE"
LOCK_MODES = (
    ACCESS_SHARE,
    ROW_SHARE,
    ROW_EXCLUSIVE,
    SHARE_UPDATE_EXCLUSIVE,
    SHARE,
    SHARE_ROW_EXCLUSIVE,
    EXCLUSIVE,
    ACCESS_EXCLUSIVE,
)
# modes that make writers (INSERT, UPDATE, DELETE: ROW EXCLUSIVE) wait
BLOCKS_WRITES = frozenset({SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE})


class Phase(IntEnum):
    """Where a change starts in the plan before the dependency sort moves it: migra's
    statements and the gap modules' early and in-place ones first, then the late phase
    (objects migra never creates or drops, then properties, grants and comments)."""

    MAIN = 0
    LATE = 1


@dataclass(frozen=True)
class Lock:
    """A table-level lock the statement takes: on `table` (a relation's Node), `mode`.

    `of_index`: `table` names an index, and the lock is the one the statement takes on
    that index's table (`DROP INDEX` locks its table, whose name the statement does not
    spell). The plan resolves it to the table, and its partitions, from the target's
    catalog and its own `CREATE INDEX`es (`grammar.change.on_tables`), before anything reads
    the plan's locks; one it cannot resolve stays on the index."""

    table: Node
    mode: str
    of_index: bool = False


@dataclass(frozen=True)
class Hazard:
    """A hazard kind (`schematool.hazard_kinds.KINDS`) and why this statement has it."""

    kind: str
    reason: str = ""


@dataclass(frozen=True)
class Op:
    """One thing a statement does to one object.

    `what` names the operation precisely (`add column`, `type`, `set default`, `add
    constraint`, `validate constraint`, `grant`, `comment`, ...): replacements and
    hazards are keyed by it. The optional facts are those hazards are judged by; they
    stay at their defaults where they do not apply.
    """

    effect: str
    kind: str  # the object's kind as SQL names it: table, column, index, function, ...
    node: Node
    what: str
    renamed_to: Node | None = None  # RENAME: the object's new name
    also: tuple[Effect, ...] = ()  # further effects on other objects (a partition, an index)
    # facts for hazards
    type_name: str | None = None  # a column's (or attribute's) new type, as written
    using: str | None = None  # a type change's USING: "cast" (of the column) | "expression"
    collate: bool = False  # a type change that states a collation
    rewrites: bool = False  # writes every row: identity, stored generated, volatile default
    not_valid: bool = False  # ADD CONSTRAINT ... NOT VALID: no scan now
    constraint: str | None = None  # check, foreign key, primary key, unique, exclusion
    using_index: bool = False  # ADD CONSTRAINT ... USING INDEX: no build now
    references: Node | None = None  # a foreign key's referenced table
    concurrently: bool = False
    only: bool = False  # ON ONLY / ALTER TABLE ONLY: the partitioned parent alone
    replace: bool = False  # CREATE OR REPLACE
    body_tracked: bool = False  # a function body PostgreSQL tracks (BEGIN ATOMIC)
    cascade: bool = False
    details: tuple[tuple[str, Any], ...] = ()  # anything else worth keeping, as pairs

    def effects(self) -> tuple[Effect, ...]:
        """What the dependency sort sees: this op's own effect and its `also`."""
        own: tuple[Effect, ...] = () if self.effect == NONE else ((self.effect, self.node),)
        if self.renamed_to is not None:
            own += ((CREATE, self.renamed_to),)
        return own + self.also

    def detail(self, key: str, default: Any = None) -> Any:
        return dict(self.details).get(key, default)


@dataclass(frozen=True)
class Change:
    """One planned statement: the SQL that runs and what it does.

    `source` says where the facts came from: `migra` (its statement, read with
    PostgreSQL's grammar), a gap module (`gaps.enums`), or `ordering`."""

    sql: str
    ops: tuple[Op, ...]
    locks: tuple[Lock, ...] = ()
    transactional: bool = True
    hazards: tuple[Hazard, ...] = ()
    source: str = "migra"
    phase: Phase = Phase.MAIN
    understood: bool = True  # False: a statement the reader does not classify
    constants: frozenset[str] = frozenset()  # the string constants it holds ('label')
    # the statement as people see it, its secrets masked (a user mapping's password);
    # None: `sql` holds none. Only `sql` is ever run.
    masked: str | None = None
    # the desired schema's expressions it writes, each checked to load as the desired
    # database holds it ((snapshot kind, identity, path): `diff.round_trip`): apply's
    # verification compares them text for text, not by meaning
    written: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    @property
    def shown(self) -> str:
        """The statement as printed, saved and recorded: never a secret."""
        return self.sql if self.masked is None else self.masked

    @property
    def op(self) -> Op:
        """The op that names the statement: the only one, or for a multi-command
        statement (`ALTER TABLE t a, b`) an `alter` of its table."""
        if len(self.ops) == 1:
            return self.ops[0]
        first = self.ops[0]
        table = first.node[:3] if first.node[0] in _CHILDREN else first.node
        return Op(ALTER, "table", ("rel", *table[1:3]), "alter")

    @property
    def action(self) -> str:
        """create, drop, alter, rename, grant, revoke, comment, set (a session setting)
        or other (a statement not understood)."""
        return action_of(self.op) if self.understood else "other"

    @property
    def kind(self) -> str:
        return self.op.kind

    @property
    def object(self) -> Node:
        return self.op.node

    @property
    def identity(self) -> str:
        """The object as SQL names it (`public.t`, `public.t.c`), for people."""
        return qualified(*self.object[1:]) if self.object else ""

    def effects(self) -> list[Effect]:
        return [effect for op in self.ops for effect in op.effects()]

    def with_hazards(self, found: tuple[Hazard, ...]) -> Change:
        return replace(self, hazards=found)

    @property
    def hazard_kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.kind for h in self.hazards))

    def to_json(self) -> dict[str, Any]:
        """The fields a saved plan keeps (`from_json` reads them back)."""
        data: dict[str, Any] = {
            "sql": self.shown,
            "action": self.action,
            "kind": self.kind,
            "object": list(self.object),
            "identity": self.identity,
            "locks": [{"table": list(lock.table), "mode": lock.mode} for lock in self.locks],
            "transactional": self.transactional,
            "hazards": [{"kind": h.kind, "reason": h.reason} for h in self.hazards],
            "source": self.source,
            "sort_phase": self.phase.name.lower(),
            "understood": self.understood,
            "constants": sorted(self.constants),
            "ops": [_op_json(op) for op in self.ops],
        }
        if self.masked is not None:
            data["masked"] = True  # `sql` is not what runs: apply plans it again
        if self.written:
            data["written"] = [
                {"kind": kind, "identity": identity, "path": list(path)}
                for kind, identity, path in self.written
            ]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        return cls(
            sql=str(data["sql"]),
            ops=tuple(_op_from_json(op) for op in data["ops"]),
            locks=tuple(Lock(tuple(lock["table"]), str(lock["mode"])) for lock in data["locks"]),
            transactional=bool(data["transactional"]),
            hazards=tuple(Hazard(str(h["kind"]), str(h["reason"])) for h in data["hazards"]),
            source=str(data["source"]),
            phase=Phase[str(data["sort_phase"]).upper()],
            understood=bool(data["understood"]),
            constants=frozenset(str(c) for c in data["constants"]),
            masked=str(data["sql"]) if data.get("masked") else None,
            written=tuple(
                (str(w["kind"]), str(w["identity"]), tuple(str(p) for p in w["path"]))
                for w in data.get("written", ())
            ),
        )


def restoring(change: Change) -> Change:
    """`change` marked as taking away, or putting back as it was, an object the plan
    takes away and puts back in one transaction (a view around a column's type change,
    a generated column dropped and added again): nobody sees it gone, so its drop loses
    no data and hides nothing from function bodies, and its creation changes nobody's
    access (`hazards` reads the `restores` detail)."""
    ops = tuple(replace(op, details=(*op.details, ("restores", True))) for op in change.ops)
    return replace(change, ops=ops)


def action_of(op: Op) -> str:
    """What an op does, in a word a person counts by (the plan's summary)."""
    if op.what in ("grant", "revoke", "comment"):
        return op.what
    if op.what == "default privileges":
        return "grant"
    if op.what == "setting":
        return "set"
    if op.what == "noop":
        return "none"
    if op.what == "truncate":
        return "drop"
    if op.kind == "row":  # a declared row: inserted, updated, deleted (diff.rows)
        return _ROW_ACTIONS.get(op.what, "alter")
    return _ACTIONS.get(op.effect, "alter")


_CHILDREN = ("col", "con", "trigger", "policy", "rule")
_ACTIONS = {CREATE: "create", DROP: "drop", RENAME: "rename"}
_ROW_ACTIONS = {"insert row": "create", "update row": "alter", "delete row": "drop"}

_OP_DEFAULTS = {f.name: f.default for f in Op.__dataclass_fields__.values()}


def _op_json(op: Op) -> dict[str, Any]:
    """An op's fields that differ from their defaults (nodes as lists)."""
    data: dict[str, Any] = {}
    for name, default in _OP_DEFAULTS.items():
        value = getattr(op, name)
        if value == default and name not in ("effect", "kind", "node", "what"):
            continue
        if name == "also":
            value = [[effect, list(node)] for effect, node in value]
        elif name == "details":
            value = [[key, item] for key, item in value]
        elif isinstance(value, tuple):
            value = list(value)
        data[name] = value
    return data


def _op_from_json(data: dict[str, Any]) -> Op:
    values = dict(data)
    for name in ("node", "renamed_to", "references"):
        if values.get(name) is not None:
            values[name] = tuple(values[name])
    if "also" in values:
        values["also"] = tuple((effect, tuple(node)) for effect, node in values["also"])
    if "details" in values:
        values["details"] = tuple((key, _frozen(item)) for key, item in values["details"])
    return Op(**values)


def _frozen(value: Any) -> Any:
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


def lock_strength(mode: str) -> int:
    return LOCK_MODES.index(mode)


def strongest(modes: list[str]) -> str:
    return max(modes, key=lock_strength)


def merged_locks(locks: Iterable[Lock]) -> tuple[Lock, ...]:
    """One lock per table, the strongest the statement takes on it, in first-seen order
    (a lock on an index's table not resolved yet apart from one on the index itself)."""
    modes: dict[tuple[Node, bool], list[str]] = {}
    for lock in locks:
        modes.setdefault((lock.table, lock.of_index), []).append(lock.mode)
    return tuple(
        Lock(table, strongest(found), of_index) for (table, of_index), found in modes.items()
    )


def on_tables(
    changes: Iterable[Change], index_tables: Mapping[Node, tuple[Node, ...]]
) -> list[Change]:
    """`changes` (in the order they run) with each lock on an index's table (`Lock.of_index`)
    put on that table: `index_tables` gives the target's indexes' tables (an index of a
    partitioned table: its partitions' too); an index the plan creates, or renames,
    before is followed through the plan. One that cannot be resolved stays on the index
    itself (a lock is never dropped)."""
    known = dict(index_tables)
    resolved = []
    for change in changes:
        if any(lock.of_index for lock in change.locks):
            locks = [
                Lock(table, lock.mode)
                for lock in change.locks
                for table in (
                    known.get(lock.table, (lock.table,)) if lock.of_index else (lock.table,)
                )
            ]
            change = replace(change, locks=merged_locks(locks))
        resolved.append(change)
        for op in change.ops:
            if op.kind != "index":
                continue
            if op.effect == CREATE and op.detail("table"):
                known[op.node] = (op.detail("table"),)
            elif op.renamed_to is not None and op.node in known:
                known[op.renamed_to] = known[op.node]
    return resolved
