"""Sequence options (AS, INCREMENT, MINVALUE, MAXVALUE, START, CACHE, CYCLE), of
sequences and of identity columns: migra creates sequences bare and never alters them.

migra's `create sequence s;` is replaced by one that states every option; a sequence or
identity column that exists on both sides is altered late. An identity column migra
adds, or turns an existing column into, starts with the defaults for its type.
"""

from __future__ import annotations

from typing import Any

from schematool.catalog import Snapshot
from schematool.change import USE, Change
from schematool.gaps.context import Context, change, changes, rel
from schematool.names import ident

Attrs = dict[str, Any]

_TYPE_RANGE = {
    "smallint": (-32768, 32767),
    "integer": (-2147483648, 2147483647),
    "bigint": (-9223372036854775808, 9223372036854775807),
}


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    for identity, want in sorted(context.desired.get("sequence", {}).items()):
        for create in context.find(rel(identity), "create", kind="sequence"):
            owned_by = any(effect == USE for effect, _ in create.op.also)
            owned = f" OWNED BY {want['owned_by']}" if owned_by else ""
            replacements[create] = [change(_create(identity, want, owned))]
    return replacements


def early(context: Context) -> list[Change]:
    """A sequence the desired schema keeps, owned by a column the plan drops (with its
    table, or alone): released before any table changes (`OWNED BY NONE`), or the drop
    takes it along and its new owner's default fails (`relation "a_id_seq" does not
    exist`, a table replaced under a new name). migra's own `OWNED BY` gives it its new
    owner once that column exists."""
    result = []
    kept = context.desired.get("sequence", {})
    for identity, have in sorted(context.current.get("sequence", {}).items()):
        owner = have.get("owned_by")
        want = kept.get(identity)
        if not owner or want is None or want.get("owned_by") == owner:
            continue
        if f"column:{owner}" not in context.dropped:
            continue
        if context.find(rel(identity), "drop", kind="sequence"):
            continue  # migra drops it itself and creates it again
        result.append(f"ALTER SEQUENCE {identity} OWNED BY NONE;")
    return changes(result)


def late(context: Context) -> list[Change]:
    current, desired, dropped = context.current, context.desired, context.dropped
    result = []
    have_all = current.get("sequence", {})
    for identity, want in sorted(desired.get("sequence", {}).items()):
        have = have_all.get(identity)
        if have is None or f"sequence:{identity}" in dropped:
            continue  # created with its options in place of migra's statement
        options = _option_changes(have, want)
        if options:
            result.append(f"ALTER SEQUENCE {identity} {' '.join(options)};")
        if have.get("persistence") != want.get("persistence"):
            persistence = "UNLOGGED" if want.get("persistence") == "unlogged" else "LOGGED"
            result.append(f"ALTER SEQUENCE {identity} SET {persistence};")
    result += _identity_changes(current, desired, dropped)
    return changes(result)


def _create(identity: str, want: Attrs, owned: str) -> str:
    unlogged = "UNLOGGED " if want.get("persistence") == "unlogged" else ""
    options = _option_changes(_defaults(want["type"], 1), want, always_type=True)
    return f"CREATE {unlogged}SEQUENCE {identity} {' '.join(options)}{owned};"


def _option_changes(have: Attrs, want: Attrs, always_type: bool = False) -> list[str]:
    """ALTER/CREATE SEQUENCE clauses that turn `have`'s options into `want`'s."""
    clauses = []
    if always_type or have.get("type") != want.get("type"):
        clauses.append(f"AS {want['type']}")
    if have["increment"] != want["increment"]:
        clauses.append(f"INCREMENT BY {want['increment']}")
    # changing the type or the increment's sign moves the defaults: state both bounds
    moved = have.get("type") != want.get("type") or (have["increment"] > 0) != (
        want["increment"] > 0
    )
    if moved or have["min"] != want["min"]:
        clauses.append(f"MINVALUE {want['min']}")
    if moved or have["max"] != want["max"]:
        clauses.append(f"MAXVALUE {want['max']}")
    if have["start"] != want["start"]:
        clauses.append(f"START WITH {want['start']}")
    if have["cache"] != want["cache"]:
        clauses.append(f"CACHE {want['cache']}")
    if have["cycle"] != want["cycle"]:
        clauses.append("CYCLE" if want["cycle"] else "NO CYCLE")
    return clauses


def _defaults(type_name: str, increment: int) -> Attrs:
    """The options of `CREATE SEQUENCE s AS type [INCREMENT BY increment]`."""
    low, high = _TYPE_RANGE.get(type_name, _TYPE_RANGE["bigint"])
    ascending = increment > 0
    return {
        "type": type_name,
        "increment": increment,
        "min": 1 if ascending else low,
        "max": high if ascending else -1,
        "start": 1 if ascending else -1,
        "cache": 1,
        "cycle": False,
    }


def _identity_changes(current: Snapshot, desired: Snapshot, dropped: frozenset[str]) -> list[str]:
    """`ALTER TABLE t ALTER COLUMN c SET ...` for identity columns' sequence options."""
    result = []
    have_columns = current.get("column", {})
    for identity, want in sorted(desired.get("column", {}).items()):
        if not want.get("identity"):
            continue
        wanted = want["identity"]["sequence"]
        existing = have_columns.get(identity)
        gone = f"column:{identity}" in dropped or f"table:{want['table']}" in dropped
        if existing and existing.get("identity") and not gone:
            have = existing["identity"]["sequence"]
        else:  # migra adds the identity: defaults for the column's type
            have = _defaults(wanted["type"], 1)
        have = {**have, "type": wanted["type"]}  # the sequence follows the column's type
        clauses = [c for c in _option_changes(have, wanted) if not c.startswith("AS ")]
        if clauses:
            settings = " ".join(f"SET {c}" for c in clauses)
            result.append(
                f"ALTER TABLE {want['table']} ALTER COLUMN {ident(want['name'])} {settings};"
            )
    return result
