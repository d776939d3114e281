"""What PostgreSQL did during an apply, checked against what the plan declared.

Before the apply, `Before.read` records the target's tables (oid, name, relfilenode) and
their ancestors. The apply calls `Observation.__call__` on its own transaction just
before COMMIT (`ApplyOptions.observe`, a test-only hook that is None in production): it
reads the table locks this backend holds (`pg_locks` for `pg_backend_pid()`) and each
pre-existing table's relfilenode again. `check` then holds the plan to it:

- a table whose relfilenode changed (rewritten) has a step declaring `table-rewrite`;
- an ACCESS EXCLUSIVE or SHARE lock on a pre-existing table is declared (that mode or a
  stronger one) in some step's `locks`;
- a step declaring `table-rewrite` of a pre-existing table that was not rewritten is an
  over-declaration: reported as a finding (needless online work), not a failure.

A declaration on a table's ancestor (a partitioned or inheritance parent) covers it:
PostgreSQL recurses an ALTER TABLE of the parent to its children.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import psycopg

from schematool import db
from schematool.grammar.change import LOCK_MODES, Change, lock_strength
from schematool.hazard_kinds import TABLE_REWRITE
from schematool.plan.model import Plan

Name = tuple[str, str]  # (schema, table), unquoted

_TABLES = """
SELECT c.oid, n.nspname, c.relname, c.relfilenode, c.relkind,
       coalesce(array_agg(i.inhparent) FILTER (WHERE i.inhparent IS NOT NULL), '{}')
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
WHERE c.relkind IN ('r', 'p', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'schematool')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
GROUP BY c.oid, n.nspname, c.relname, c.relfilenode, c.relkind
"""

# pg_locks' mode names for the declared ones (grammar.change.LOCK_MODES)
_MODES = {"".join(word.title() for word in mode.split()) + "Lock": mode for mode in LOCK_MODES}
CHECKED_MODES = ("ACCESS EXCLUSIVE", "SHARE")


@dataclass(frozen=True)
class Table:
    name: Name
    relfilenode: int
    relkind: str
    parents: tuple[int, ...]


@dataclass(frozen=True)
class Before:
    """The target's tables before the apply, by oid."""

    tables: dict[int, Table]

    @classmethod
    def read(cls, url: str) -> Before:
        with db.connect(url, autocommit=True) as conn:
            rows = conn.execute(_TABLES).fetchall()
        return cls({oid: Table((s, n), f, k, tuple(p)) for oid, s, n, f, k, p in rows})

    def lineage(self, oid: int) -> list[int]:
        """The table and its ancestors."""
        seen, todo = [], [oid]
        while todo:
            one = todo.pop()
            if one in seen or one not in self.tables:
                continue
            seen.append(one)
            todo += self.tables[one].parents
        return seen


@dataclass
class Observation:
    """What the apply's transaction held and rewrote, read just before its COMMIT."""

    locks: list[tuple[int, str]] = field(default_factory=list)  # (oid, declared-style mode)
    relfilenodes: dict[int, int] = field(default_factory=dict)
    names: dict[int, Name] = field(default_factory=dict)  # names inside the transaction
    called: int = 0

    def __call__(self, conn: psycopg.Connection) -> None:
        self.called += 1
        self.locks = [
            (oid, _MODES.get(mode, mode))
            for oid, mode in conn.execute(
                "SELECT relation::int8, mode FROM pg_locks WHERE pid = pg_backend_pid()"
                " AND locktype = 'relation' AND granted"
                " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            ).fetchall()
        ]
        self.relfilenodes, self.names = {}, {}
        for oid, schema, name, relfilenode, _, _ in conn.execute(_TABLES).fetchall():
            self.relfilenodes[oid] = relfilenode
            self.names[oid] = (schema, name)


@dataclass(frozen=True)
class Findings:
    missing: list[str]  # what PostgreSQL did that no step declared: a failure
    over_declared: list[str]  # declared rewrites that did not happen: a finding


def check(plan: Plan, before: Before, seen: Observation) -> Findings:
    if not seen.called:
        return Findings(["the observation hook was not called before COMMIT"], [])
    missing: list[str] = []
    rewritten = {
        oid
        for oid, table in before.tables.items()
        if oid in seen.relfilenodes
        and table.relfilenode != 0
        and seen.relfilenodes[oid] != table.relfilenode
    }
    rewriting = [c for c in _changes(plan) if TABLE_REWRITE in c.hazard_kinds]
    for oid in sorted(rewritten):
        names = _names(before, seen, before.lineage(oid))
        if not any(_tables_of(change) & names for change in rewriting):
            missing.append(f"{_shown(before, oid)} was rewritten; no step declares table-rewrite")
    for oid, mode in sorted(set(seen.locks)):
        if oid not in before.tables or mode not in CHECKED_MODES:
            continue
        names = _names(before, seen, before.lineage(oid))
        if not any(
            lock.table[1:] in names and lock_strength(lock.mode) >= lock_strength(mode)
            for change in _changes(plan)
            for lock in change.locks
        ):
            missing.append(f"{mode} on {_shown(before, oid)} is held; no step declares it")
    return Findings(missing, _over_declared(before, seen, rewriting, rewritten))


def _over_declared(
    before: Before, seen: Observation, rewriting: list[Change], rewritten: set[int]
) -> list[str]:
    """Steps declaring table-rewrite of a pre-existing table none of whose rows moved
    (nor those of a child, which a parent's ALTER rewrites)."""
    found = []
    by_name: dict[Name, int] = {}
    for oid, table in before.tables.items():
        by_name[table.name] = oid
    for oid, name in seen.names.items():
        by_name.setdefault(name, oid)
    for change in rewriting:
        for name in sorted(_tables_of(change)):
            oid = by_name.get(name)
            if oid is None or oid not in before.tables:
                continue  # a table the plan makes: nothing to compare
            family = {o for o in before.tables if oid in before.lineage(o)}
            if not family & rewritten:
                head = " ".join(change.shown.split())[:120]
                found.append(f"{'.'.join(name)} not rewritten by: {head}")
    return found


def _changes(plan: Plan) -> Iterable[Change]:
    return (step.change for step in plan.steps)


def _tables_of(change: Change) -> set[Name]:
    """The tables a statement names: those it locks and those its ops act on."""
    names = {lock.table[1:3] for lock in change.locks if len(lock.table) >= 3}
    names |= {op.node[1:3] for op in change.ops if len(op.node) >= 3}
    return {(str(n[0]), str(n[1])) for n in names}


def _names(before: Before, seen: Observation, oids: list[int]) -> set[Name]:
    """The names the tables had before the apply and have inside its transaction."""
    names = {before.tables[oid].name for oid in oids}
    return names | {seen.names[oid] for oid in oids if oid in seen.names}


def _shown(before: Before, oid: int) -> str:
    return ".".join(before.tables[oid].name)
