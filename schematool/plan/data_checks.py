"""Changes that cannot succeed on the rows the target holds, found while planning.

Some changes depend on the data: `ADD COLUMN c jsonb NOT NULL` with no default fails on
a table that has rows, `SET NOT NULL` over a NULL, a unique index or key over duplicate
rows, a CHECK (or its VALIDATE) that a row violates, a type change whose cast rejects a
value (`bigint` to `integer` over 5000000000, `text` to `integer` over 'x1') or that has
no cast at all (`integer` to `uuid`: it fails whatever the rows). PostgreSQL
says so only at apply, after the plan was reviewed; here the plan asks the target first.

The checks read the planned steps as data (`Change.ops`: what each does to which
object) and the desired snapshot for the definitions they test (an index's keys, a
CHECK's expression). Each is one read-only query on the planning session, in its
snapshot, inside a savepoint under its own statement timeout (`data_check_timeout`) and
the session's lock timeout, with row-level security off (a query RLS would filter
fails instead of seeing fewer rows). A table whose estimated rows exceed
`data_check_sample_above` is read through `TABLESAMPLE SYSTEM` (about that many rows),
and its statistics (`pg_stats`: null_frac, n_distinct, the most common values) speak
for the rest; each check says which it used.

A check that finds the change will fail gives its step the `fails-on-data` hazard, with
the offending evidence and the way out; `apply` refuses it (exit 4) before anything
runs. A check that cannot be made (a timeout, no privilege, a definition this module
cannot read) is a note, and claims nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql

from schematool.grammar.change import DROP, Change, Hazard, Op
from schematool.grammar.definitions import constraint_columns
from schematool.grammar.tree import check_sql, index_key_sql
from schematool.hazard_kinds import FAILS_ON_DATA
from schematool.inspect.catalog import Snapshot
from schematool.names import Node, ident, node_of, qualified

EXACT, SAMPLE, STATISTICS = "exact", "sample", "statistics"
FAILS, PASSES, UNKNOWN = "fails", "passes", "unknown"


@dataclass(frozen=True)
class DataCheck:
    """What one check of the data found for one statement of the plan (1-based)."""

    statement: int
    question: str  # what was asked: "NULLs in public.t.c"
    verdict: str  # fails | passes | unknown
    method: str  # exact | sample | statistics ("" when no query ran)
    detail: str = ""  # the evidence, or why it could not be checked

    def to_json(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "question": self.question,
            "verdict": self.verdict,
            "method": self.method,
            "detail": self.detail,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DataCheck:
        return cls(
            int(data["statement"]),
            str(data["question"]),
            str(data["verdict"]),
            str(data["method"]),
            str(data.get("detail", "")),
        )

    @property
    def note(self) -> str:
        """One line for people."""
        how = {EXACT: "every row", SAMPLE: "a sample", STATISTICS: "statistics"}.get(self.method)
        said = {FAILS: "WILL FAIL", PASSES: "fits", UNKNOWN: "not checked"}[self.verdict]
        text = f"data check ({how}): {self.question}: {said}" if how else self.question
        return f"{text}; {self.detail}" if self.detail else text


@dataclass(frozen=True)
class Limits:
    """The bounds of the checks (settings `data_check_timeout`, `data_check_sample_above`)."""

    timeout: str = "2s"
    sample_above: int = 1_000_000


@dataclass(frozen=True)
class _Query:
    """One question about one table's rows: does a row exist that makes it fail?"""

    table: Node
    question: str
    exists: str  # the WHERE ... (or GROUP BY ...) after FROM <table>: SQL of the catalog's
    failure: str  # what it means when found
    way_out: str
    null_columns: tuple[str, ...] = ()  # for the statistics: NULLs in these fail it
    unique_column: str | None = None  # for the statistics: duplicates in it fail it
    cast: str | None = None  # a conversion: `count((col)::type)`, failing on a data error


@dataclass
class _Plan:
    """The facts the checks read from the plan and the two snapshots."""

    tables: frozenset[Node]
    columns: dict[Node, str]  # target: column -> type
    indexes: dict[Node, dict[str, Any]]  # desired: index node -> record
    constraints: dict[Node, dict[str, Any]]  # desired, then target: constraint -> record
    changed_columns: set[Node] = field(default_factory=set)  # added or retyped by the plan


def checked(
    conn: psycopg.Connection,
    changes: Sequence[Change],
    current: Snapshot,
    desired: Snapshot,
    lossy: Any,
    limits: Limits,
) -> tuple[list[Change], tuple[DataCheck, ...]]:
    """`changes` with `fails-on-data` on each that the target's rows make fail, and what
    every check found. `lossy(column, old, new)` says whether a type change can reject
    values (`plan.hazards.type_change`): only those are checked."""
    facts = _facts(current, desired, changes)
    recreated: set[Node] = set()
    found: list[DataCheck] = []
    result = []
    for number, change in enumerate(changes, 1):
        hazards = list(change.hazards)
        for op in change.ops:
            for query in _queries(op, facts, recreated, lossy):
                check = _run(conn, query, limits, number)
                found.append(check)
                if check.verdict == FAILS:
                    reason = f"{query.failure} ({check.detail}); {query.way_out}"
                    hazards.append(Hazard(FAILS_ON_DATA, reason))
        for op in change.ops:
            if op.effect == DROP and op.kind == "table":
                recreated.add(op.node)
        kinds = {h.kind for h in change.hazards}
        new = [h for h in hazards[len(change.hazards) :] if h.kind not in kinds][:1]
        result.append(change.with_hazards((*change.hazards, *new)) if new else change)
    return result, tuple(found)


def _facts(current: Snapshot, desired: Snapshot, changes: Sequence[Change]) -> _Plan:
    def by_node(snap: Snapshot, kind: str) -> dict[Node, dict[str, Any]]:
        return {node: v for k, v in snap.get(kind, {}).items() if (node := node_of(kind, k))}

    tables = {
        node
        for k, v in current.get("table", {}).items()
        if (node := node_of("table", k)) and v.get("kind") != "foreign table"
    }
    columns = {node: v.get("type", "") for node, v in by_node(current, "column").items()}
    changed = {
        op.node
        for change in changes
        for op in change.ops
        if op.what in ("add column", "type") and op.node[0] == "col"
    }
    return _Plan(
        frozenset(tables),
        columns,
        by_node(desired, "index"),
        {**by_node(current, "constraint"), **by_node(desired, "constraint")},
        changed,
    )


# -- which ops depend on the data, and what to ask ------------------------------------


def _queries(op: Op, facts: _Plan, recreated: set[Node], lossy: Any) -> list[_Query]:
    table = _table_of(op)
    if table is None or table not in facts.tables or table in recreated:
        return []  # a table the plan creates (or drops and creates) holds no rows yet
    what = op.what
    if what == "add column" and op.detail("not_null") and not op.detail("filled"):
        return [_rows(table, op.node)]
    if what == "set not null" and op.node in facts.columns:
        return [_nulls(table, (op.node[3],), f"set NOT NULL on {_name(op.node)}")]
    if what == "type" and op.using == "cast" and op.type_name and op.node in facts.columns:
        old = facts.columns[op.node]
        if lossy(op.node, old, op.type_name):
            return [_conversion(table, op.node, old, op.type_name, op.detail("cast_via", ()))]
        return []
    if op.kind == "index" and what == "create" and op.constraint == "unique" and not op.only:
        return _unique_index(table, op.node, facts)
    if what == "add constraint" and op.constraint in ("unique", "primary key", "check"):
        if op.constraint == "check" and op.not_valid:
            return []  # NOT VALID: existing rows are not checked
        return _constraint(table, op, facts)
    if what == "validate constraint":
        record = facts.constraints.get(op.node)
        if record is not None and record.get("type") == "check":
            return _check(table, op.node, record, facts)
    return []


def _table_of(op: Op) -> Node | None:
    if op.kind == "index":
        table = op.detail("table")
        return tuple(table) if table else None
    if op.node and op.node[0] in ("col", "con"):
        return ("rel", op.node[1], op.node[2])
    return None


def _name(node: Node) -> str:
    return qualified(*node[1:])


def _rows(table: Node, column: Node) -> _Query:
    return _Query(
        table,
        f"rows in {_name(table)} for the new NOT NULL column {column[3]}",
        "",
        f"{_name(table)} has rows, and the new column {column[3]} is NOT NULL with no default",
        "give it a DEFAULT, or add it nullable, fill it (a custom step), then SET NOT NULL",
    )


def _nulls(table: Node, columns: Sequence[str], what: str) -> _Query:
    where = " OR ".join(f"{ident(c)} IS NULL" for c in columns)
    return _Query(
        table,
        f"NULLs in {_name(table)} ({', '.join(columns)})",
        f"WHERE {where}",
        f"{what}: {_name(table)} holds NULLs there",
        "fill them first (a custom step that backfills), or keep the column nullable",
        null_columns=tuple(columns),
    )


def _conversion(
    table: Node, column: Node, old: str, new: str, via: Sequence[str] = ()
) -> _Query:
    """The values converted as the statement converts them: through the types its
    USING casts pass first (`c::text::mood`), then to the new type."""
    steps = "".join(f"::{kind}" for kind in via)
    return _Query(
        table,
        f"values of {_name(column)} as {new}",
        "",
        f"{_name(column)} {old} -> {new}: a value does not convert",
        "state the conversion at the column (`-- schematool: using <expression>`), fix or"
        " convert those values first (a custom step), or expand and contract: add a new"
        " column, fill it, switch readers, drop the old one",
        cast=f"({ident(column[3])}){steps}::{new}",
    )


def _duplicates(
    table: Node, keys: Sequence[str], where: str | None, distinct_nulls: bool, what: str
) -> _Query:
    conditions = [f"({where})"] if where else []
    if distinct_nulls:
        conditions += [f"{key} IS NOT NULL" for key in keys]
    filtered = f"WHERE {' AND '.join(conditions)} " if conditions else ""
    single = keys[0] if len(keys) == 1 and not where and keys[0].startswith('"') else None
    return _Query(
        table,
        f"duplicates in {_name(table)} ({', '.join(keys)})",
        f"{filtered}GROUP BY {', '.join(keys)} HAVING count(*) > 1",
        f"{what}: {_name(table)} holds duplicate rows",
        "remove the duplicates first (a custom step), or make the key wider",
        unique_column=single.strip('"').replace('""', '"') if single else None,
    )


def _unique_index(table: Node, index: Node, facts: _Plan) -> list[_Query]:
    record = facts.indexes.get(index)
    parts = index_key_sql(record.get("definition") or "") if record else None
    if record is None or parts is None:
        return []
    if _uses_changed(table, record.get("columns"), facts):
        return []
    keys, where, nulls_not_distinct = parts
    return [_duplicates(table, keys, where, not nulls_not_distinct, f"unique index {index[2]}")]


def _constraint(table: Node, op: Op, facts: _Plan) -> list[_Query]:
    record = facts.constraints.get(op.node)
    if record is None:
        return []
    if op.constraint == "check":
        return _check(table, op.node, record, facts)
    keys, _ = constraint_columns(record.get("definition") or "")
    if not keys or _uses_changed(table, keys, facts):
        return []
    what = f"{op.constraint} {op.node[3]}"
    queries = []
    if not op.using_index:  # else its index was built (and checked) by its own step
        nulls_not_distinct = "NULLS NOT DISTINCT" in (record.get("definition") or "")
        quoted = [ident(k) for k in keys]
        queries.append(_duplicates(table, quoted, None, not nulls_not_distinct, what))
    if op.constraint == "primary key":
        queries.append(_nulls(table, keys, what))
    return queries


def _check(table: Node, node: Node, record: dict[str, Any], facts: _Plan) -> list[_Query]:
    expression = check_sql(record.get("definition") or "")
    if expression is None or _uses_changed(table, record.get("columns"), facts):
        return []
    return [
        _Query(
            table,
            f"rows of {_name(table)} violating CHECK {node[3]}",
            f"WHERE NOT ({expression})",
            f"CHECK {node[3]}: rows of {_name(table)} violate it",
            "fix those rows first (a custom step), or declare it NOT VALID in the schema"
            " and validate it once the rows are fixed",
        )
    ]


def _uses_changed(table: Node, columns: Sequence[str] | None, facts: _Plan) -> bool:
    """The definition reads a column the plan adds or retypes: today's rows do not
    answer for it (not checked)."""
    return any(("col", table[1], table[2], c) in facts.changed_columns for c in columns or ())


# -- asking the target ------------------------------------------------------------------


def _run(conn: psycopg.Connection, query: _Query, limits: Limits, number: int) -> DataCheck:
    rows = _estimate(conn, query.table)
    sampled = rows is not None and rows > limits.sample_above
    percent = min(100.0, 100.0 * limits.sample_above / rows) if sampled and rows else 100.0
    try:
        found, message = _ask(conn, query, limits, percent if sampled else None)
    except psycopg.Error as error:
        reason = (error.diag.message_primary or str(error)).strip()
        note = f"could not be checked ({reason}): it may still fail at apply"
        return DataCheck(number, query.question, UNKNOWN, "", note)
    method = SAMPLE if sampled else EXACT
    if found:
        where = f"found in a {percent:.2g}% sample" if sampled else "found"
        detail = f"{where}: {message}" if message else where
        return DataCheck(number, query.question, FAILS, method, detail)
    if sampled:
        evidence = _statistics(conn, query, rows or 0)
        if evidence:
            return DataCheck(number, query.question, FAILS, STATISTICS, evidence)
        note = f"none in a {percent:.2g}% sample nor in the statistics: rows outside it may fail"
        return DataCheck(number, query.question, PASSES, SAMPLE, note)
    return DataCheck(number, query.question, PASSES, EXACT)


def _estimate(conn: psycopg.Connection, table: Node) -> float | None:
    row = conn.execute(
        "SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = %s AND c.relname = %s",
        (table[1], table[2]),
    ).fetchone()
    return None if row is None or row[0] < 0 else float(row[0])


def _ask(
    conn: psycopg.Connection, query: _Query, limits: Limits, percent: float | None
) -> tuple[bool, str]:
    """Whether an offending row exists (and what PostgreSQL said of it), asked inside a
    savepoint that is always rolled back: its settings end with it."""
    source = sql.SQL("{}.{}").format(sql.Identifier(query.table[1]), sql.Identifier(query.table[2]))
    if percent is not None:
        source = sql.SQL("{} TABLESAMPLE SYSTEM ({}) REPEATABLE (0)").format(
            source, sql.Literal(percent)
        )
    result: tuple[bool, str] = (False, "")
    with conn.transaction(savepoint_name="schematool_data_check", force_rollback=True):
        conn.execute("SELECT set_config('statement_timeout', %s, true)", (limits.timeout,))
        conn.execute("SET LOCAL row_security = off")
        if query.cast is not None:
            statement = sql.SQL("SELECT count({}) FROM {}").format(sql.SQL(query.cast), source)
            try:
                with conn.transaction(savepoint_name="schematool_data_cast"):
                    conn.execute(statement)
            except (psycopg.DataError, psycopg.IntegrityError) as error:  # or a domain's CHECK
                result = (True, (error.diag.message_primary or str(error)).strip())
            except psycopg.errors.CannotCoerce as error:  # no cast at all: fails on any table
                result = (True, (error.diag.message_primary or str(error)).strip())
        else:
            statement = sql.SQL("SELECT EXISTS (SELECT FROM {} {})").format(
                source, sql.SQL(query.exists)
            )
            row = conn.execute(statement).fetchone()
            if row and row[0]:
                result = (True, "")
    return result


def _statistics(conn: psycopg.Connection, query: _Query, rows: float) -> str:
    """What the target's statistics (its last ANALYZE) say of the rows no sample read:
    a share of NULLs, or a column that repeats values."""
    columns = list(query.null_columns) or ([query.unique_column] if query.unique_column else [])
    if not columns:
        return ""
    stats = conn.execute(
        "SELECT attname, null_frac, n_distinct, most_common_freqs"
        " FROM pg_stats WHERE schemaname = %s AND tablename = %s AND attname = ANY(%s)",
        (query.table[1], query.table[2], columns),
    ).fetchall()
    for name, null_frac, n_distinct, freqs in stats:
        if name in query.null_columns and null_frac and null_frac > 0:
            return f"statistics (last ANALYZE) estimate {null_frac:.2%} NULLs in {name}"
        if name == query.unique_column:
            repeated = bool(freqs) and max(freqs) * rows >= 2
            fewer = n_distinct is not None and (
                (n_distinct > 0 and n_distinct < rows * (1 - (null_frac or 0)) * 0.9)
                or (-0.9 < n_distinct < 0)
            )
            if repeated or fewer:
                return (
                    f"statistics (last ANALYZE) estimate repeated values in {name}"
                    f" (n_distinct {n_distinct:g})"
                )
    return ""
