"""Renames the schema files annotate, planned as `ALTER ... RENAME` instead of drop + create.

`-- schematool: renamed from <old name>` beside a definition (`schematool.desired.annotations`)
says the object is the target's `<old name>`, renamed. Where the target still holds the
old name and not the new one, the plan renames it; where it holds only the new name, the
rename is done and the annotation plans nothing (it may stay in the files); where it
holds both, the plan stops with an error naming both. The rest of the object's
differences are planned on the renamed object: the renames run on the target first,
inside the plan's own transaction (rolled back when the plan is made), and the renamed
target is compared with the desired schema as usual. The plan is the renames, then that
comparison's changes, and apply runs them in one transaction like any other plan.

Names PostgreSQL derived from a renamed table or column follow it: a constraint, an
index or an owned sequence of that table that the target holds under one name and the
desired schema under another, with the same definition, is renamed too (a CHECK of a
renamed column is not dropped and validated again, a renamed table keeps its primary
key, and the foreign keys that use it).

Every rename carries the `rename` hazard: running application code that uses the old
name breaks.

Taking the renames' locks while planning: ALTER ... RENAME takes ACCESS EXCLUSIVE on a
renamed table (and a moment's lock on other objects), held until the plan's transaction
is rolled back, about as long as the comparison takes. The wait for each is bounded by
lock_timeout; a timeout ends the plan (exit 7), naming the sessions in the way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import sql

from schematool import hazard_kinds
from schematool.desired.annotations import Annotation, Annotations
from schematool.errors import AnnotationError, DiffError, LockTimeout
from schematool.grammar import definitions, reader
from schematool.grammar.change import Change, Hazard
from schematool.inspect import comparable, locks
from schematool.inspect.catalog import Snapshot
from schematool.inspect.records import catalog as catalog_of
from schematool.names import KINDS, ident, literal, qualified, split_name

if TYPE_CHECKING:
    from schematool.diff.comparison import Comparison

SOURCE = "renames"

# kinds whose names share one namespace per schema (pg_class and pg_type)
_RELATION_KINDS = ("table", "view", "materialized view", "index", "sequence", "type", "domain")
# the snapshot kinds holding each kind of renamable object in a schema
_SNAPSHOT_KINDS = {
    name: KINDS[name].snapshot for name in (*_RELATION_KINDS, "function", "procedure")
}
_SNAPSHOT_NAMES = {
    snapshot_kind: name for name in _RELATION_KINDS for snapshot_kind in KINDS[name].snapshot
}
_ALTER = {name: KINDS[name].keyword for name in (*_RELATION_KINDS, "function", "procedure")}
# the order renames run in: a schema before what it holds, a table before its columns
_STAGES = {"schema": 0, "column": 2, "constraint": 2, "enum value": 2}


@dataclass
class _Moves:
    """The renames planned so far, new name -> old name: what the later ones look the
    target's objects up by (the target's snapshot still has the old names)."""

    schemas: dict[str, str] = field(default_factory=dict)
    relations: dict[tuple[str, str], str] = field(default_factory=dict)  # (schema, new) -> old
    olds: dict[tuple[str, str], Annotation] = field(default_factory=dict)  # (kind, old identity)

    def schema_before(self, schema: str) -> str:
        return self.schemas.get(schema, schema)

    def relation_before(self, schema: str, name: str) -> tuple[str, str]:
        return self.schema_before(schema), self.relations.get((schema, name), name)

    def claim(self, kind: str, old: str, annotation: Annotation) -> None:
        first = self.olds.setdefault((kind, old), annotation)
        if first is not annotation:
            raise AnnotationError(
                annotation.where,
                f"{first.where} renames {kind} {old} too: one object has one new name",
            )


# -- planning the annotated renames (from the two snapshots, no database) -----------------


def planned(found: Annotations, current: Snapshot, desired: Snapshot) -> list[Change]:
    """The renames the annotations ask of a target holding `current`, in the order
    they run (schemas, then what schemas hold, then columns, constraints and labels)."""
    moves = _Moves()
    result: list[Change] = []
    ordered = sorted(found.renames, key=lambda a: _STAGES.get(a.kind, 1))
    for annotation in ordered:
        change = _plan_one(annotation, current, desired, moves)
        if change is not None:
            result.append(change)
    return result


class _NotApplied(Exception):
    """A rename the files state as a statement that does not apply to this target (it
    holds no old object, or the new name too; the desired schema lacks the new object,
    or still has the old name): it plans nothing (`schematool.desired.stated_renames`)."""


def _plan_one(
    annotation: Annotation, current: Snapshot, desired: Snapshot, moves: _Moves
) -> Change | None:
    try:
        return _plan_kind(annotation, current, desired, moves)
    except _NotApplied:
        return None


def _plan_kind(
    annotation: Annotation, current: Snapshot, desired: Snapshot, moves: _Moves
) -> Change | None:
    if annotation.kind == "schema":
        return _schema(annotation, current, desired, moves)
    if annotation.kind in ("column", "constraint"):
        return _table_child(annotation, current, desired, moves)
    if annotation.kind == "enum value":
        return _label(annotation, current, desired, moves)
    if annotation.kind in ("function", "procedure"):
        return _routine(annotation, current, desired, moves)
    return _relation(annotation, current, desired, moves)


def _schema(a: Annotation, current: Snapshot, desired: Snapshot, moves: _Moves) -> Change | None:
    new, old = a.names[0], a.old
    _refuse_kept_old(a, ident(old) in desired.get("schema", {}), ident(old))
    _require_new(a, ident(new) in desired.get("schema", {}))
    if ident(old) not in current.get("schema", {}):
        return None
    if ident(new) in current.get("schema", {}):
        raise _both(a, "schema", ident(old), ident(new))
    moves.claim("schema", ident(old), a)
    moves.schemas[new] = old
    return _change(
        f"ALTER SCHEMA {ident(old)} RENAME TO {ident(new)};",
        a.kind,
        ident(old),
        ident(new),
        a.where,
    )


def _relation(a: Annotation, current: Snapshot, desired: Snapshot, moves: _Moves) -> Change | None:
    kinds = _stated_kinds(a.kind) if a.statement else _SNAPSHOT_KINDS[a.kind]
    schema = _schema_of(a, kinds, a.names[1], desired)
    new, old = a.names[1], a.old
    _refuse_kept_old(a, any(qualified(schema, old) in desired.get(k, {}) for k in kinds), old)
    _require_new(a, any(qualified(schema, new) in desired.get(k, {}) for k in kinds))
    before = moves.schema_before(schema)
    old_id, new_id = qualified(before, old), qualified(before, new)
    held = _relation_kind(current, old_id)
    if held is None:
        return None
    if a.statement and held in _stated_names(a.kind):
        a = replace(a, kind=held)  # ALTER TABLE renames a view too; ALTER TYPE a domain
    if held != a.kind:
        raise AnnotationError(
            a.where, f"{old_id} is a {held} on the target, not a {a.kind}: a rename keeps its kind"
        )
    taken = _relation_kind(current, new_id)
    if taken is not None:
        raise _both(a, a.kind, old_id, new_id, taken)
    moves.claim(a.kind, old_id, a)
    moves.relations[(schema, new)] = old
    return _change(
        f"ALTER {_ALTER[a.kind]} {qualified(schema, old)} RENAME TO {ident(new)};",
        a.kind,
        old_id,
        qualified(schema, new),
        a.where,
    )


def _stated_names(kind: str) -> tuple[str, ...]:
    """The kinds a rename statement with this keyword may rename (PostgreSQL's ALTER
    TABLE renames any relation, ALTER TYPE a domain too)."""
    if kind in ("type", "domain"):
        return ("type", "domain")
    return ("table", "view", "materialized view", "index", "sequence")


def _stated_kinds(kind: str) -> tuple[str, ...]:
    return tuple(k for name in _stated_names(kind) for k in _SNAPSHOT_KINDS[name])


def _relation_kind(snapshot: Snapshot, identity: str) -> str | None:
    """The kind of object holding a name in a schema's relation and type namespace."""
    for snapshot_kind, kind in _SNAPSHOT_NAMES.items():
        if identity in snapshot.get(snapshot_kind, {}):
            return kind
    return None


def _routine(a: Annotation, current: Snapshot, desired: Snapshot, moves: _Moves) -> Change | None:
    schema = _schema_of(a, ("function",), a.names[1], desired)
    new, old = a.names[1], a.old
    wanted = catalog_of(desired).functions
    overloads = [identity for identity in wanted if split_name(identity) == (schema, new)]
    _require_new(a, bool(overloads))
    if len(overloads) != 1:
        if a.statement:
            raise _NotApplied  # the comparison drops and creates what it cannot tell apart
        raise AnnotationError(
            a.where,
            f"{qualified(schema, new)} has {len(overloads)} overloads in the schema files:"
            " an overloaded function cannot be told apart by its name",
        )
    arguments = overloads[0][_arguments_at(overloads[0]) :]
    _refuse_kept_old(a, any(split_name(i) == (schema, old) for i in wanted), old)
    before = moves.schema_before(schema)
    old_id, new_id = qualified(before, old) + arguments, qualified(before, new) + arguments
    functions = catalog_of(current).functions
    if old_id not in functions:
        return None
    if new_id in functions:
        raise _both(a, a.kind, old_id, new_id)
    moves.claim(a.kind, old_id, a)
    return _change(
        f"ALTER {_ALTER[a.kind]} {qualified(schema, old)}{arguments} RENAME TO {ident(new)};",
        a.kind,
        old_id,
        qualified(schema, new) + arguments,
        a.where,
    )


def _arguments_at(identity: str) -> int:
    """Where a function identity's argument list starts (its first unquoted `(`)."""
    quoted = False
    for position, ch in enumerate(identity):
        if ch == '"':
            quoted = not quoted
        elif ch == "(" and not quoted:
            return position
    return len(identity)


def _table_child(
    a: Annotation, current: Snapshot, desired: Snapshot, moves: _Moves
) -> Change | None:
    schema = _schema_of(a, ("table",), a.names[1], desired)
    table, new, old = a.names[1], a.names[2], a.old
    snapshot_kind, keyword = a.kind, a.kind.upper()  # column or constraint
    _refuse_kept_old(a, qualified(schema, table, old) in desired.get(snapshot_kind, {}), old)
    _require_new(a, qualified(schema, table, new) in desired.get(snapshot_kind, {}))
    before = qualified(*moves.relation_before(schema, table))
    old_id, new_id = f"{before}.{ident(old)}", f"{before}.{ident(new)}"
    held = current.get(snapshot_kind, {})
    if old_id not in held:
        return None
    if new_id in held:
        raise _both(a, a.kind, old_id, new_id)
    moves.claim(a.kind, old_id, a)
    return _change(
        f"ALTER TABLE {qualified(schema, table)} RENAME {keyword} {ident(old)} TO {ident(new)};",
        a.kind,
        old_id,
        qualified(schema, table, new),
        a.where,
    )


def _label(a: Annotation, current: Snapshot, desired: Snapshot, moves: _Moves) -> Change | None:
    schema = _schema_of(a, ("enum",), a.names[1], desired)
    enum, new, old = a.names[1], a.names[2], a.old
    wanted_enum = catalog_of(desired).enums.get(qualified(schema, enum))
    wanted = (wanted_enum.labels if wanted_enum else None) or []
    _refuse_kept_old(a, old in wanted, literal(old))
    _require_new(a, new in wanted)
    before = qualified(*moves.relation_before(schema, enum))
    held = catalog_of(current).enums.get(before)
    labels = (held.labels if held else None) or []
    if old not in labels:
        return None
    if new in labels:
        raise _both(a, "label of enum " + before, literal(old), literal(new))
    moves.claim(a.kind, f"{before} {literal(old)}", a)
    return _change(
        f"ALTER TYPE {qualified(schema, enum)} RENAME VALUE {literal(old)} TO {literal(new)};",
        a.kind,
        f"{before} {literal(old)}",
        f"{qualified(schema, enum)} {literal(new)}",
        a.where,
    )


def _schema_of(a: Annotation, kinds: Iterable[str], name: str, desired: Snapshot) -> str:
    """The schema of the annotated object (or of its table or type): as the file spells
    it, or, written without one, the one schema of the desired database holding it."""
    spelled = a.names[0]
    if spelled:
        schema = spelled
    else:
        found = sorted(
            {
                split_name(identity)[0]
                for kind in kinds
                for identity in desired.get(kind, {})
                if split_name(identity)[1:2] == (name,)
            }
        )
        if a.statement and not found:
            raise _NotApplied  # renamed and then dropped, or renamed again later
        if a.statement and len(found) > 1 and "public" in found:
            found = ["public"]  # where the files' unqualified names went when loaded
        if len(found) != 1:
            what = "no schema" if not found else f"{len(found)} schemas"
            raise AnnotationError(
                a.where,
                f"{ident(name)} is in {what} of the desired database: qualify its name"
                " where it is created",
            )
        schema = found[0]
    if a.old_schema and a.old_schema != schema:
        raise AnnotationError(
            a.where, f"a rename stays in its schema: {a.old_schema} is not {schema}"
        )
    return schema


def _require_new(a: Annotation, defined: bool) -> None:
    """A stated rename applies where the desired schema holds the new object (a history
    may rename an object and drop it later)."""
    if a.statement and not defined:
        raise _NotApplied


def _refuse_kept_old(a: Annotation, defined: bool, old: str) -> None:
    if defined and a.statement:
        raise _NotApplied  # a history may create the old name again after the rename
    if defined:
        raise AnnotationError(
            a.where,
            f"the schema files still define {old}, which this annotation says was renamed:"
            " remove one of them",
        )


def _both(
    a: Annotation, kind: str, old: str, new: str, taken: str | None = None
) -> AnnotationError | _NotApplied:
    """The error of an annotation whose target holds both names; a stated rename
    then does not apply (the target is past it, or made the new name otherwise)."""
    if a.statement:
        return _NotApplied()
    holder = f" (a {taken})" if taken and taken != kind else ""
    return AnnotationError(
        a.where,
        f"`{a.text}` renames {kind} {old} to {new}, but the target holds both {old} and"
        f" {new}{holder}: drop one of them, or remove the annotation",
    )


def _change(sql_text: str, kind: str, old: str, new: str, because: str) -> Change:
    """A rename as a Change (read like every statement), with what it renames and why,
    and the `rename` hazard."""
    change = reader.read(sql_text, SOURCE)
    op = change.ops[0]
    facts = (("renamed", kind), ("from", old), ("to", new), ("because", because))
    reason = f"running application code that uses {kind} {old} breaks: it is {new} from now on"
    return replace(
        change,
        ops=(replace(op, details=op.details + facts), *change.ops[1:]),
        hazards=(Hazard(hazard_kinds.RENAME, reason),),
    )


# -- names that follow a renamed table or column -------------------------------------------


def follow_ups(
    renamed: Sequence[Change], current: Snapshot, desired: Snapshot, desired_url: str
) -> list[Change]:
    """Constraints, indexes and owned sequences of the tables `renamed` renames (or
    renames columns of) that the target, renamed, holds under one name and the desired
    schema under another, with the same definition: renamed too, where the match is one
    to one."""
    result: list[Change] = []
    for table, because in _renamed_tables(renamed):
        result += _matching(
            "constraint", table, current, desired, desired_url, because, _constraint_rename
        )
        result += _matching("index", table, current, desired, desired_url, because, _index_rename)
        result += _matching(
            "sequence", table, current, desired, desired_url, because, _sequence_rename
        )
    for change in renamed:
        op = change.ops[0]
        if op.detail("renamed") == "domain" and op.renamed_to is not None:
            result += _domain_checks(qualified(*op.renamed_to[1:]), current, desired, op)
    return result


def _domain_checks(domain: str, current: Snapshot, desired: Snapshot, op: Any) -> list[Change]:
    """A renamed domain's CHECKs named after it: renamed where one definition matches."""
    had, wanted = catalog_of(current).domains.get(domain), catalog_of(desired).domains.get(domain)
    have = had.checks if had else {}
    want = wanted.checks if wanted else {}
    olds = {n: c.definition for n, c in have.items() if n not in want}
    news = {n: c.definition for n, c in want.items() if n not in have}
    result = []
    for old, definition in sorted(olds.items()):
        same = [new for new, wanted in news.items() if wanted == definition]
        if len(same) == 1 and list(olds.values()).count(definition) == 1:
            result.append(
                _change(
                    f"ALTER DOMAIN {domain} RENAME CONSTRAINT {ident(old)} TO {ident(same[0])};",
                    "domain constraint",
                    f"{domain}.{ident(old)}",
                    f"{domain}.{ident(same[0])}",
                    f"follows domain {op.detail('from')}",
                )
            )
    return result


def _renamed_tables(renamed: Sequence[Change]) -> list[tuple[str, str]]:
    """(the table as the renamed target names it, what renamed it), once each."""
    found: dict[str, str] = {}
    for change in renamed:
        op = change.ops[0]
        kind = op.detail("renamed")
        if kind in ("table", "materialized view") and op.renamed_to is not None:
            found.setdefault(qualified(*op.renamed_to[1:]), f"follows {kind} {op.detail('from')}")
        elif kind == "column":
            found.setdefault(qualified(*op.node[1:3]), f"follows {kind} {op.detail('from')}")
    return list(found.items())


Renamer = Any  # (identity on the target, its attributes, desired identity, attributes) -> SQL


def _matching(
    kind: str,
    table: str,
    current: Snapshot,
    desired: Snapshot,
    desired_url: str,
    because: str,
    rename: Renamer,
) -> list[Change]:
    have_all, want_all = current.get(kind, {}), desired.get(kind, {})
    have = {i: a for i, a in have_all.items() if _of_table(kind, a, table) and i not in want_all}
    want = {i: a for i, a in want_all.items() if _of_table(kind, a, table) and i not in have_all}
    pairs = [
        (old, new)
        for old in sorted(have)
        for new in sorted(want)
        if _same(kind, have[old], want[new], new, desired, desired_url)
    ]
    result = []
    for old, new in pairs:
        if sum(1 for o, _ in pairs if o == old) == 1 and sum(1 for _, n in pairs if n == new) == 1:
            text = rename(old, have[old], new, want[new])
            result.append(_change(text, kind, old, new, because))
    return result


def _of_table(kind: str, attrs: dict[str, Any], table: str) -> bool:
    if kind == "sequence":
        owner = attrs.get("owned_by") or ""
        return owner.startswith(table + ".")
    if kind == "index" and attrs.get("constraint"):
        return False  # renamed with its constraint
    return attrs.get("table") == table


_SEQUENCE_OPTIONS = ("type", "start", "increment", "min", "max", "cache", "cycle", "owned_by")


def _same(
    kind: str, have: dict, want: dict, identity: str, desired: Snapshot, desired_url: str
) -> bool:
    """The target's object, renamed, would be the desired one (what it does, not its
    comment, owner or grants: those are planned on the renamed object as usual)."""
    if kind == "sequence":
        return all(have.get(k) == want.get(k) for k in _SEQUENCE_OPTIONS)
    if kind == "index":
        try:
            return definitions.index_shape(have["definition"]) == definitions.index_shape(
                want["definition"]
            )
        except Exception:  # noqa: BLE001 - a definition not read here is no match
            return False
    keys = ("type", "deferrable", "deferred", "definition")
    if all(have.get(k) == want.get(k) for k in keys):
        return True
    if any(have.get(k) != want.get(k) for k in keys[:3]) or have.get("type") != "check":
        return False
    # a CHECK spelled another way: compared as PostgreSQL means it
    probe = {"constraint": {identity: {**have, "name": want.get("name")}}}
    wanted = {"constraint": {identity: want}}
    equal = comparable.comparable(probe, wanted, desired_url)
    return equal["constraint"][identity].get("definition") == want.get("definition")


def _constraint_rename(old: str, have: dict, new: str, want: dict) -> str:
    return (
        f"ALTER TABLE {have['table']} RENAME CONSTRAINT {ident(have['name'])}"
        f" TO {ident(want['name'])};"
    )


def _index_rename(old: str, have: dict, new: str, want: dict) -> str:
    return f"ALTER INDEX {old} RENAME TO {ident(split_name(new)[-1])};"


def _sequence_rename(old: str, have: dict, new: str, want: dict) -> str:
    return f"ALTER SEQUENCE {old} RENAME TO {ident(split_name(new)[-1])};"


# -- running them on the target's session ---------------------------------------------------


def on_target(comparison: Comparison, found: Annotations) -> tuple[list[Change], Comparison]:
    """The renames the annotations plan, run on the target's session (its transaction
    is the caller's to roll back), and the comparison of the target after them
    (`Comparison.reread`); ([], comparison) when there is nothing to rename."""
    current, desired = comparison.current, comparison.desired_snapshot
    annotated = planned(found, current, desired)
    if not annotated:
        return [], comparison
    target = comparison.target()
    run(target.conn, annotated, comparison.lock_timeout)
    after = comparison.reread()
    following = follow_ups(annotated, after.current, desired, comparison.desired_url)
    if following:
        run(target.conn, following, comparison.lock_timeout)
        after = after.reread()
    return annotated + following, after


def run(conn: psycopg.Connection, renames: Sequence[Change], lock_timeout: str) -> None:
    """Run renames in the session's transaction, each lock waited for at most
    lock_timeout. A rename PostgreSQL refuses is the annotation's error."""
    conn.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(lock_timeout))
    for change in renames:
        try:
            conn.execute(change.sql.encode("utf-8"), prepare=False)
        except psycopg.errors.SerializationFailure:
            conn.rollback()  # planning reads one snapshot: the target changed since
            raise DiffError(
                f"the target changed while planning (`{_head(change.sql)}` met a concurrent"
                " change): nothing was changed: run the plan again"
            ) from None
        except psycopg.errors.LockNotAvailable:
            conn.rollback()
            raise LockTimeout(
                f"planning the rename `{_head(change.sql)}` could not take its lock within"
                f" lock_timeout={lock_timeout}; {_blockers(conn, change)}; nothing was"
                " changed: run the plan again"
            ) from None
        except psycopg.Error as error:
            message = error.diag.message_primary or str(error).strip().splitlines()[0]
            conn.rollback()
            raise AnnotationError(
                change.ops[0].detail("because") or "renames",
                f"PostgreSQL refuses `{_head(change.sql)}`: {message}",
            ) from None


def _blockers(conn: psycopg.Connection, change: Change) -> str:
    """Sessions holding locks on what the rename locks, as apply names them."""
    return locks.statement_blockers(conn, [qualified(*lock.table[1:]) for lock in change.locks])


def _head(statement: str) -> str:
    return " ".join(statement.split()).rstrip(";")


# -- what the history records ---------------------------------------------------------------


def recorded(changes: Iterable[Change]) -> list[dict[str, str]]:
    """The renames among a plan's changes, as the history records them: kind, from, to
    and why (the annotation's file:line, or the rename it follows)."""
    found = []
    for change in changes:
        if change.source != SOURCE:
            continue
        op = change.ops[0]
        found.append(
            {
                "kind": str(op.detail("renamed")),
                "from": str(op.detail("from")),
                "to": str(op.detail("to")),
                "because": str(op.detail("because")),
            }
        )
    return found
