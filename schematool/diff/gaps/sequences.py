"""Sequence options (AS, INCREMENT, MINVALUE, MAXVALUE, START, CACHE, CYCLE), of
sequences and of identity columns: migra creates sequences bare and never alters them.

migra's `create sequence s;` is replaced by one that states every option; a sequence or
identity column that exists on both sides is altered late. An identity column migra
adds, or turns an existing column into, starts with the defaults for its type. New
bounds that exclude the sequence's current value come with `RESTART` (at the new START):
PostgreSQL refuses them otherwise; the restart carries a data-loss hazard.

An identity sequence's name is the server's choice where migra creates it: `t_id_seq`,
or `t_id_seq1` when that name is taken at the time (by the serial sequence it replaces,
dropped later). Where the desired name is not the one the server would surely choose,
the identity is given again late, with `SEQUENCE NAME`; an identity sequence both sides
have under different names is renamed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schematool.diff.gapkit.context import Context, change, changes, rel
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import CREATE, USE, Change
from schematool.inspect.catalog import Snapshot
from schematool.inspect.records import Column
from schematool.inspect.records import catalog as catalog_of
from schematool.names import ident, server_name, split_name

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
        if _outside(context.positions.get(identity), want):
            options.append("RESTART")
        if options:
            result.append(f"ALTER SEQUENCE {identity} {' '.join(options)};")
        if have.get("persistence") != want.get("persistence"):
            persistence = "UNLOGGED" if want.get("persistence") == "unlogged" else "LOGGED"
            result.append(f"ALTER SEQUENCE {identity} SET {persistence};")
    renamed, named = _identity_names(context)
    result += renamed
    result += _identity_changes(current, desired, dropped, named, context.positions)
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
    current: Snapshot,
    desired: Snapshot,
    dropped: frozenset[str],
    named: set[str],
    positions: Mapping[str, int],
) -> list[str]:
    """`ALTER TABLE t ALTER COLUMN c SET ...` for identity columns' sequence options
    (`RESTART` where the current value lies outside the new bounds; except the `named`
    columns, whose identity is given again with all its options)."""
    result = []
    have_columns = catalog_of(current).columns
    for identity, want in sorted(catalog_of(desired).columns.items()):
        if want.generated_identity is None or identity in named:
            continue
        wanted = want.generated_identity.sequence
        existing = have_columns.get(identity)
        gone = column_gone(identity, want, dropped)
        kept = existing is not None and existing.generated_identity is not None and not gone
        if kept:
            have = existing.generated_identity.sequence
        else:  # migra adds the identity: defaults for the column's type
            have = _defaults(wanted["type"], 1)
        have = {**have, "type": wanted["type"]}  # the sequence follows the column's type
        clauses = [f"SET {c}" for c in _option_changes(have, wanted) if not c.startswith("AS ")]
        # a new identity's sequence stands at 1: bounds excluding it need RESTART too
        position = positions.get(identity) if kept else 1
        if _outside(position, wanted):
            clauses.append("RESTART")
        if clauses:
            settings = " ".join(clauses)
            result.append(
                f"ALTER TABLE {want.table} ALTER COLUMN {ident(want.name)} {settings};"
            )
    return result


# the kinds whose objects are relations (pg_class rows), whose names a new one must avoid
RELATION_KINDS = (
    "table",
    "view",
    "materialized_view",
    "sequence",
    "identity_sequence",
    "index",
    "composite_type",
)


def _identity_names(context: Context) -> tuple[list[str], set[str]]:
    """Statements giving identity sequences their desired names, and the columns whose
    identity they give again (DROP IDENTITY, ADD ... (SEQUENCE NAME ...)). An identity
    the plan adds under its name already (`gaps.sequence_swaps`) is not given again."""
    current, desired, dropped = context.current, context.desired, context.dropped
    renames = renamed_identity_sequences(current, desired, dropped)
    kept = {attrs["column"] for attrs in current.get("identity_sequence", {}).values()}
    taken = {name for kind in RELATION_KINDS for name in current.get(kind, {})}
    columns = context.desired_catalog.columns
    result: list[str] = []
    named: set[str] = set()
    for name, attrs in sorted(desired.get("identity_sequence", {}).items()):
        column = columns.get(attrs["column"])
        if column is None or column.generated_identity is None:
            continue
        if name in renames:
            new_name = ident(split_name(name)[-1])
            result.append(f"ALTER SEQUENCE {renames[name]} RENAME TO {new_name};")
            continue
        if attrs["column"] in kept and not column_gone(attrs["column"], column, dropped):
            if name in current.get("identity_sequence", {}):
                continue  # the same sequence under the same name
        elif name == _server_choice(column) and name not in taken:
            continue  # migra creates it, and the server gives it this name
        elif added_under_its_name(context, attrs["column"], name):
            continue
        result += _identity_again(attrs["column"], column, name)
        named.add(attrs["column"])
    return result, named


def added_under_its_name(context: Context, column: str, sequence: str) -> bool:
    """Whether the plan adds the identity of `column` (its identity) with `SEQUENCE
    NAME sequence`."""
    node = ("col", *split_name(column))
    return any((CREATE, rel(sequence)) in op.also for _, op in context.ops(node, "add identity"))


def renamed_identity_sequences(
    current: Snapshot, desired: Snapshot, dropped: frozenset[str]
) -> dict[str, str]:
    """Desired identity sequence -> the current one of the same column, kept by the plan
    under another name in the same schema: renamed (it keeps its grants and comment)."""
    have_by_column = {
        attrs["column"]: name for name, attrs in current.get("identity_sequence", {}).items()
    }
    columns = catalog_of(desired).columns
    result = {}
    for name, attrs in desired.get("identity_sequence", {}).items():
        old, column = have_by_column.get(attrs["column"]), columns.get(attrs["column"])
        if old is None or old == name or column is None or column.generated_identity is None:
            continue
        same_schema = split_name(old)[0] == split_name(name)[0]
        if same_schema and not column_gone(attrs["column"], column, dropped):
            result[name] = old
    return result


def column_gone(column_identity: str, column: Column, dropped: frozenset[str]) -> bool:
    return f"column:{column_identity}" in dropped or f"table:{column.table}" in dropped


def _server_choice(column: Column) -> str:
    """The name PostgreSQL gives an identity sequence when it is free:
    `<table>_<column>_seq`, in the table's schema."""
    schema, table = split_name(column.table)
    return f"{ident(schema)}.{ident(server_name(table, column.name, 'seq'))}"


def _identity_again(column_identity: str, column: Column, name: str) -> list[str]:
    """The column's identity dropped (with whatever sequence the server named) and given
    again under `name`, with every option stated."""
    identity = column.generated_identity
    wanted = identity.sequence
    options = [
        c
        for c in _option_changes(_defaults(wanted["type"], 1), wanted)
        if not c.startswith("AS ")
    ]
    kind = "ALWAYS" if identity.kind == "always" else "BY DEFAULT"
    target = f"ALTER TABLE {column.table} ALTER COLUMN {ident(column.name)}"
    clauses = " ".join([f"SEQUENCE NAME {name}", *options])
    return [
        f"{target} DROP IDENTITY;",
        f"{target} ADD GENERATED {kind} AS IDENTITY ({clauses});",
    ]


PLUGIN = Plugin(
    "sequences",
    early=early,
    in_place=in_place,
    in_place_for=(("sequence", "create"),),
    late=late,
    after=("policies",),  # (order kept)
)
