"""Compare schemas as PostgreSQL means them: the target's snapshot made comparable.

PostgreSQL stores expressions parsed and shows them deparsed, and deparsing is not a
fixed point of parsing: the same CHECK, default or index can read back in two spellings
(`schematool.grammar.faithful` writes a plan's expressions so that they keep their
trees). `comparable` gives the target's snapshot with every expression (CHECKs, column
defaults, generated columns, index definitions, policy expressions, domain defaults
and checks) whose text differs from the desired one's replaced by the desired text
when both texts, parsed again by the desired database's server in the desired
schema's context, deparse the same (a target built or migrated otherwise means the
same). The plan, migra (`diff` gives migra's target the desired text wherever the
snapshots agree) and apply's verification all compare that snapshot. It also takes
the owners the schema files do not declare (`schematool.inspect.ownership`).

The re-parsing happens in a transaction of the desired database that is always rolled
back, on temporary copies of its tables where it can (no lock on anything shared); an
index is re-created in place, which locks its table there for a moment, under a lock
timeout. Anything that fails to re-parse is simply not equal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from schematool import db
from schematool.inspect import catalog, ownership
from schematool.inspect.catalog import Snapshot


@dataclass(frozen=True)
class Expression:
    """One expression attribute both snapshots hold with different texts."""

    kind: str
    identity: str
    path: tuple[str, ...]  # where in the object's attributes: ("default",), ...
    current: str
    desired: str
    probe: str  # how to re-parse it: a key of _PROBES


Key = tuple[str, str, tuple[str, ...]]  # an expression attribute: (kind, identity, path)


def comparable(
    current: Snapshot, desired: Snapshot, desired_url: str, exact: frozenset[Key] = frozenset()
) -> Snapshot:
    """The target's snapshot `current` as it compares with `desired` (see the module):
    equal expressions spelled as the desired database spells them, undeclared owners
    taken. Connects to the desired database only when some text or owner differs. The
    expressions `exact` names (those a plan wrote: `Change.written`) are compared as
    stored, text for text: a plan writes what loads as the desired one does."""
    current = _hidden_options_taken(current, desired)
    expressions = [
        e
        for e in differing_expressions(current, desired)
        if (e.kind, e.identity, e.path) not in exact
    ]
    owner_differences = any(
        (current.get(k, {}).get(i) or {}).get("owner") not in (None, w.get("owner"))
        for k in ownership.OWNED_KINDS
        for i, w in desired.get(k, {}).items()
    )
    if not expressions and not owner_differences:
        return current
    with db.connect(desired_url, autocommit=True) as conn:
        result = current
        if expressions:
            result = _equate(result, _equal_expressions(conn, desired, expressions))
        if owner_differences:
            result = ownership.take_undeclared_owners(result, desired, _database_owner(conn))
    return result


def _hidden_options_taken(current: Snapshot, desired: Snapshot) -> Snapshot:
    """User mappings whose options one side may not read (pg_user_mappings shows them
    only to the mapping's user, the server's owner and superusers: `options_hidden`)
    are compared without them: the target's entry takes the desired options, so neither
    the plan nor apply's verification acts on what it cannot see."""
    have_all, want_all = current.get("user_mapping", {}), desired.get("user_mapping", {})
    hidden = [
        identity
        for identity, have in have_all.items()
        if identity in want_all
        and (have.get("options_hidden") or want_all[identity].get("options_hidden"))
        and have != want_all[identity]
    ]
    if not hidden:
        return current
    mappings = dict(have_all)
    for identity in hidden:
        mappings[identity] = dict(want_all[identity])
    return {**current, "user_mapping": mappings}


def loader(desired_url: str) -> str:
    """The role that loaded the desired schema (`schematool.inspect.ownership`: an owner other
    than it is one the schema files declare)."""
    with db.connect(desired_url, autocommit=True) as conn:
        return _database_owner(conn)


def _database_owner(conn: psycopg.Connection) -> str:
    """The role that loaded the desired schema: it owns the desired database."""
    row = conn.execute(
        "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"
    ).fetchone()
    return row[0]


def differing_expressions(current: Snapshot, desired: Snapshot) -> Iterator[Expression]:
    """Every expression attribute of an object both sides hold whose texts differ."""
    for kind, finder in _FINDERS.items():
        have_all = current.get(kind, {})
        for identity, want in desired.get(kind, {}).items():
            have = have_all.get(identity)
            if have is None:
                continue
            for path, probe in finder(have, want):
                old, new = _get(have, path), _get(want, path)
                if isinstance(old, str) and isinstance(new, str) and old != new:
                    yield Expression(kind, identity, path, old, new, probe)


Attrs = dict[str, Any]
Found = Iterator[tuple[tuple[str, ...], str]]


def _constraint_paths(have: Attrs, want: Attrs) -> Found:
    if have.get("type") == want.get("type") == "check":
        yield ("definition",), "check"


def _column_paths(have: Attrs, want: Attrs) -> Found:
    yield ("default",), "default"
    old, new = have.get("generated") or {}, want.get("generated") or {}
    if old and new and old.get("kind") == new.get("kind"):
        yield ("generated", "expression"), "generated"


def _index_paths(have: Attrs, want: Attrs) -> Found:
    if not have.get("constraint") and not want.get("constraint"):
        yield ("definition",), "index"


def _policy_paths(have: Attrs, want: Attrs) -> Found:
    yield ("using",), "policy_using"
    yield ("with_check",), "policy_check"


def _domain_paths(have: Attrs, want: Attrs) -> Found:
    yield ("default",), "domain_default"
    for name in sorted((have.get("checks") or {}).keys() & (want.get("checks") or {}).keys()):
        yield ("checks", name, "definition"), "domain_check"


_FINDERS: dict[str, Callable[[Attrs, Attrs], Found]] = {
    "constraint": _constraint_paths,
    "column": _column_paths,
    "index": _index_paths,
    "policy": _policy_paths,
    "domain": _domain_paths,
}


def _get(attrs: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(attrs, dict):
            return None
        attrs = attrs.get(key)
    return attrs


def _equate(current: Snapshot, equal: list[Expression]) -> Snapshot:
    """`current` with the desired text for each equal expression (copied, not changed)."""
    if not equal:
        return current
    result = dict(current)
    copied: set[tuple[str, str]] = set()
    for e in equal:
        if e.kind not in {k for k, _ in copied}:
            result[e.kind] = dict(current[e.kind])
        if (e.kind, e.identity) not in copied:
            result[e.kind][e.identity] = _deep_copy(current[e.kind][e.identity])
            copied.add((e.kind, e.identity))
        target = result[e.kind][e.identity]
        for key in e.path[:-1]:
            target = target[key]
        target[e.path[-1]] = e.desired
    return result


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


# --- re-parsing in the desired database ----------------------------------------------------

_LOCK_TIMEOUT = "5s"  # an index re-created in place waits at most this long for its table


def _equal_expressions(
    conn: psycopg.Connection, desired: Snapshot, expressions: list[Expression]
) -> list[Expression]:
    """The expressions whose two texts the server parses to the same deparsed text."""
    equal = []
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        catalog.pin_settings(cur)
        cur.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(_LOCK_TIMEOUT)))
        probe = _Prober(conn, desired)
        for e in expressions:
            old, new = probe(e, e.current), probe(e, e.desired)
            if old is not None and old == new:
                equal.append(e)
    return equal


@contextmanager
def reparsing(desired_url: str, desired: Snapshot) -> Iterator[_Prober]:
    """What texts of expression attributes of the desired schema (`Expression`: its
    kind, identity and probe) read back as, once the desired database's server parsed
    them in that object's place (None: one does not parse there): `prober(e, text)` for
    one, `prober.many([(e, text), ...])` for many at less cost. All in one transaction,
    rolled back, as `comparable` probes."""
    with (
        db.connect(desired_url, autocommit=True) as conn,
        conn.transaction(force_rollback=True),
        conn.cursor() as cur,
    ):
        catalog.pin_settings(cur)
        cur.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(_LOCK_TIMEOUT)))
        yield _Prober(conn, desired)


_ON_TABLE_COPIES = ("constraint", "column", "policy")


class _Prober:
    """Re-parses expression texts in one transaction of the desired database: each in a
    savepoint of its own, on a temporary copy of its table (made once per table)."""

    def __init__(self, conn: psycopg.Connection, desired: Snapshot) -> None:
        self.conn, self.desired = conn, desired
        self.copies: dict[str, sql.Composable] = {}
        self.count = 0

    def __call__(self, e: Expression, text: str) -> str | None:
        self.count += 1
        try:
            if e.kind in _ON_TABLE_COPIES:
                with self.conn.transaction():  # kept for later probes of the same table
                    self.copy_of(self.table_of(e))
            with self.conn.transaction():
                return _PROBES[e.probe](self, e, text)
        except psycopg.Error:
            return None  # it does not parse here: not the same as what does

    def many(self, items: list[tuple[Expression, str]]) -> list[str | None]:
        """Each text as `self(e, text)` reads it back, in one savepoint per table (or per
        kind, for indexes and domains) instead of two per text; a group where one text
        does not parse is read again text by text."""
        groups: dict[str, list[int]] = {}
        for number, (e, _) in enumerate(items):
            group = self.table_of(e) if e.kind in _ON_TABLE_COPIES else e.kind
            groups.setdefault(group, []).append(number)
        found: list[str | None] = [None] * len(items)
        for numbers in groups.values():
            copies = dict(self.copies)
            try:
                with self.conn.transaction():
                    for number in numbers:
                        e, text = items[number]
                        self.count += 1
                        if e.kind in _ON_TABLE_COPIES:
                            self.copy_of(self.table_of(e))
                        found[number] = _PROBES[e.probe](self, e, text)
            except psycopg.Error:
                self.copies = copies  # those made in the savepoint are gone with it
                for number in numbers:
                    found[number] = self(*items[number])
        return found

    def name(self) -> str:
        """A name for this probe's constraint, column or policy."""
        return f"schematool_probe_{self.count}"

    def copy_of(self, table: str) -> sql.Composable:
        """A temporary table with `table`'s columns (no constraints, defaults or
        generation expressions). LIKE takes only ACCESS SHARE on `table`."""
        if table not in self.copies:
            name = sql.Identifier("pg_temp", f"schematool_like_{len(self.copies) + 1}")
            create = sql.SQL("CREATE TEMP TABLE {} (LIKE {})").format(name, sql.SQL(table))
            self.conn.execute(create)
            self.copies[table] = name
        return self.copies[table]

    def one(self, query: sql.Composable, params: tuple = ()) -> str | None:
        row = self.conn.execute(query, params).fetchone()
        return row[0] if row else None

    def table_of(self, e: Expression) -> str:
        return self.desired[e.kind][e.identity]["table"]


def _probe_check(p: _Prober, e: Expression, text: str) -> str | None:
    table, name = p.copy_of(p.table_of(e)), p.name()
    p.conn.execute(
        sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
            table, sql.Identifier(name), sql.SQL(text)
        )
    )
    return p.one(
        sql.SQL(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = {}::regclass AND conname = %s"
        ).format(sql.Literal(table.as_string(p.conn))),
        (name,),
    )


def _column_default_query(p: _Prober, table: sql.Composable) -> sql.Composable:
    return sql.SQL(
        "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d"
        " JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
        " WHERE d.adrelid = {}::regclass AND a.attname = %s"
    ).format(sql.Literal(table.as_string(p.conn)))


def _probe_default(p: _Prober, e: Expression, text: str) -> str | None:
    table = p.copy_of(p.table_of(e))
    column = p.desired[e.kind][e.identity]["name"]
    p.conn.execute(
        sql.SQL("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {}").format(
            table, sql.Identifier(column), sql.SQL(text)
        )
    )
    return p.one(_column_default_query(p, table), (column,))


def _probe_generated(p: _Prober, e: Expression, text: str) -> str | None:
    table, name = p.copy_of(p.table_of(e)), p.name()
    column_type = p.desired[e.kind][e.identity]["type"]
    p.conn.execute(
        sql.SQL("ALTER TABLE {} ADD COLUMN {} {} GENERATED ALWAYS AS ({}) STORED").format(
            table, sql.Identifier(name), sql.SQL(column_type), sql.SQL(text)
        )
    )
    return p.one(_column_default_query(p, table), (name,))


def _probe_policy(clause: str, column: str) -> Callable[[_Prober, Expression, str], str | None]:
    def probe(p: _Prober, e: Expression, text: str) -> str | None:
        table, name = p.copy_of(p.table_of(e)), p.name()
        p.conn.execute(
            sql.SQL("CREATE POLICY {} ON {} " + clause + " ({})").format(
                sql.Identifier(name), table, sql.SQL(text)
            )
        )
        return p.one(
            sql.SQL(
                "SELECT pg_get_expr(" + column + ", polrelid) FROM pg_policy"
                " WHERE polrelid = {}::regclass AND polname = %s"
            ).format(sql.Literal(table.as_string(p.conn))),
            (name,),
        )

    return probe


def _probe_index(p: _Prober, e: Expression, text: str) -> str | None:
    """The index itself, dropped and created from `text` (a whole CREATE INDEX
    statement naming it and its table): no copy of the table can stand in for it."""
    index = sql.SQL(e.identity)
    p.conn.execute(sql.SQL("DROP INDEX {}").format(index))
    p.conn.execute(sql.SQL(text))
    return p.one(sql.SQL("SELECT pg_get_indexdef({}::regclass)").format(sql.Literal(e.identity)))


def _domain_copy(p: _Prober, e: Expression) -> sql.Identifier:
    name = sql.Identifier("pg_temp", p.name())
    base = p.desired[e.kind][e.identity]["type"]
    p.conn.execute(sql.SQL("CREATE DOMAIN {} AS {}").format(name, sql.SQL(base)))
    return name


def _probe_domain_default(p: _Prober, e: Expression, text: str) -> str | None:
    domain = _domain_copy(p, e)
    p.conn.execute(sql.SQL("ALTER DOMAIN {} SET DEFAULT {}").format(domain, sql.SQL(text)))
    return p.one(
        sql.SQL("SELECT pg_get_expr(typdefaultbin, 0) FROM pg_type WHERE oid = {}::regtype").format(
            sql.Literal(domain.as_string(p.conn))
        )
    )


def _probe_domain_check(p: _Prober, e: Expression, text: str) -> str | None:
    domain = _domain_copy(p, e)
    p.conn.execute(sql.SQL("ALTER DOMAIN {} ADD CONSTRAINT probe {}").format(domain, sql.SQL(text)))
    return p.one(
        sql.SQL(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contypid = {}::regtype"
        ).format(sql.Literal(domain.as_string(p.conn)))
    )


_PROBES: dict[str, Callable[[_Prober, Expression, str], str | None]] = {
    "check": _probe_check,
    "default": _probe_default,
    "generated": _probe_generated,
    "index": _probe_index,
    "policy_using": _probe_policy("USING", "polqual"),
    "policy_check": _probe_policy("WITH CHECK", "polwithcheck"),
    "domain_default": _probe_domain_default,
    "domain_check": _probe_domain_check,
}
