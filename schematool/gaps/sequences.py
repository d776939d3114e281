"""Sequence options (AS, INCREMENT, MINVALUE, MAXVALUE, START, CACHE, CYCLE), of
sequences and of identity columns: migra creates sequences bare and never alters them.

migra's `create sequence s;` is replaced by one that states every option; a sequence or
identity column that exists on both sides is altered late. An identity column migra
adds, or turns an existing column into, starts with the defaults for its type. New
bounds that exclude the sequence's current value come with `RESTART` (at the new START):
PostgreSQL refuses them otherwise; the restart carries a data-loss hazard.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def late(context: Context) -> list[Change]:
    current, desired, dropped = context.current, context.desired, context.dropped
    result = []
    have_all = current.get("sequence", {})
    for identity, want in sorted(desired.get("sequence", {}).items()):
        have = have_all.get(identity)
        if have is None or f"sequence:{identity}" in dropped:
            continue  # created with its options in place of migra's statement
        options = _option_changes(have, want)
        if _outside(context.positions.get(identity), want):
            options.append("RESTART")
        if options:
            result.append(f"ALTER SEQUENCE {identity} {' '.join(options)};")
        if have.get("persistence") != want.get("persistence"):
            persistence = "UNLOGGED" if want.get("persistence") == "unlogged" else "LOGGED"
            result.append(f"ALTER SEQUENCE {identity} SET {persistence};")
    result += _identity_changes(current, desired, dropped, context.positions)
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


def _outside(position: int | None, want: Attrs) -> bool:
    """Whether the sequence's current value lies outside its new bounds: PostgreSQL then
    refuses the new MINVALUE/MAXVALUE unless the sequence restarts (at its new START)."""
    return position is not None and not want["min"] <= position <= want["max"]


def _identity_changes(
    current: Snapshot, desired: Snapshot, dropped: frozenset[str], positions: Mapping[str, int]
) -> list[str]:
    """`ALTER TABLE t ALTER COLUMN c SET ...` for identity columns' sequence options
    (`RESTART` where the current value lies outside the new bounds)."""
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
        clauses = [f"SET {c}" for c in _option_changes(have, wanted) if not c.startswith("AS ")]
        if existing and not gone and _outside(positions.get(identity), wanted):
            clauses.append("RESTART")
        if clauses:
            settings = " ".join(clauses)
            result.append(
                f"ALTER TABLE {want['table']} ALTER COLUMN {ident(want['name'])} {settings};"
            )
    return result
