"""Generated columns whose expression changes, and columns they read that change type.

migra spells a new generation expression `ALTER COLUMN ... SET DEFAULT`, which fails,
and changes the type of a column a generated column reads, which PostgreSQL refuses
("cannot alter type of a column used by a generated column"). PostgreSQL 17 and later
change an expression in place (`SET EXPRESSION`), keeping the column's indexes, grants
and comments, unless a column it reads changes type (the expression's text often
changes with it: `coalesce(publisher, '')` reads `publisher::text` once `publisher` is a
varchar). Otherwise the generated column is dropped before migra's statements about the
table and added back after them, and the indexes and constraints the drop took with it
are created again; its grants and comments are the late phase's, and what reads it
(views) is `schematool.diff.dependents`'.
"""

from __future__ import annotations

from typing import Any

from schematool.diff.gapkit.context import Context, change, changes, col, con, rel
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar import definitions
from schematool.grammar.change import ALTER, Change, restoring
from schematool.inspect.catalog import Snapshot
from schematool.names import ident

Attrs = dict[str, Any]

SET_EXPRESSION_SINCE = 17


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    have, want = _columns_by_table(context.current), _columns_by_table(context.desired)
    # only a table with a generated column now has anything to fix here
    tables = {t for t, columns in have.items() if any(c.get("generated") for c in columns.values())}
    for table in sorted(tables & want.keys()):
        replacements.update(_table_replacements(context, table, have[table], want[table]))
    return replacements


def early(context: Context) -> list[Change]:
    """A generated column that only turns from stored to virtual or back (PostgreSQL 18):
    no ALTER changes that, and migra sees no difference, so it is dropped and added
    back here, with the indexes and constraints the drop takes with it."""
    have, want = _columns_by_table(context.current), _columns_by_table(context.desired)
    result: list[Change] = []
    for table in sorted(have.keys() & want.keys()):
        if not any(c.get("generated") for c in want[table].values()):
            continue
        altered = _column_changes(context, table, have[table])
        flipped = sorted(
            name
            for name, attrs in want[table].items()
            if attrs.get("generated")
            and (have[table].get(name) or {}).get("generated")
            and have[table][name]["generated"]["kind"] != attrs["generated"]["kind"]
            and name not in altered  # an expression change too: in_place rebuilds it
        )
        if flipped and not _adds_or_drops(context, table, set(flipped)):
            result += [
                restoring(c)
                for c in changes(f"ALTER TABLE {table} DROP COLUMN {ident(n)};" for n in flipped)
            ]
            result += changes(_add_column(table, n, want[table][n]) for n in flipped)
            result += changes(_dependents(context, table, set(flipped)))
    return result


def _table_replacements(
    context: Context, table: str, have: dict[str, Attrs], want: dict[str, Attrs]
) -> dict[Change, list[Change]]:
    altered = _column_changes(context, table, have)
    both = [name for name in want if name in have]
    generated = [n for n in both if have[n].get("generated") and want[n].get("generated")]
    changed = [
        n for n in generated if have[n]["generated"] != want[n]["generated"] and n in altered
    ]
    if _adds_or_drops(context, table, set(generated)):
        return {}  # migra drops and adds generated columns of this table itself
    retyped = [n for n in both if n not in generated and _retypes(altered.get(n, []))]
    # a column another one's expression reads cannot change type under it, whatever
    # the expression becomes: such a generated column is dropped and added back
    settable = [
        n
        for n in changed
        if _settable(context, have[n], want[n]) and not any(_reads(have[n], b) for b in retyped)
    ]
    rebuilt = [n for n in changed if n not in settable]
    rebuilt += [
        n for n in generated if n not in changed and any(_reads(have[n], base) for base in retyped)
    ]
    result = {
        c: [change(_set_expression(table, n, want[n]))]
        for n in settable
        for c, op in altered[n]
        if op.what == "set default"
    }
    if rebuilt:
        result.update(_rebuild(context, table, rebuilt, retyped, altered, want))
    return result


def _rebuild(
    context: Context,
    table: str,
    rebuilt: list[str],
    retyped: list[str],
    altered: dict[str, list[tuple[Change, Any]]],
    want: dict[str, Attrs],
) -> dict[Change, list[Change]]:
    """Drop the generated columns before the first of migra's changes about them or
    the columns they read, add them back after the last."""
    removed = [c for n in rebuilt for c, _ in altered.get(n, [])]
    kept = [c for n in retyped for c, _ in altered.get(n, [])]
    position = {c: i for i, c in enumerate(context.changes)}
    anchors = sorted(set(removed + kept), key=position.__getitem__)
    result: dict[Change, list[Change]] = {c: ([c] if c in kept else []) for c in anchors}
    # a stored generated column's values are computed again when it is added back
    drops = [
        restoring(c)
        for c in changes(f"ALTER TABLE {table} DROP COLUMN {ident(n)};" for n in rebuilt)
    ]
    adds = changes(_add_column(table, n, want[n]) for n in rebuilt)
    adds += changes(_dependents(context, table, set(rebuilt)))
    result[anchors[0]] = drops + result[anchors[0]]
    result[anchors[-1]] = result[anchors[-1]] + adds
    return result


def _columns_by_table(snapshot: Snapshot) -> dict[str, dict[str, Attrs]]:
    tables: dict[str, dict[str, Attrs]] = {}
    for attrs in snapshot.get("column", {}).values():
        tables.setdefault(attrs["table"], {})[attrs["name"]] = attrs
    return tables


def _column_changes(
    context: Context, table: str, columns: dict[str, Attrs]
) -> dict[str, list[tuple[Change, Any]]]:
    """migra's ALTER COLUMN changes of the table, by column name."""
    found: dict[str, list[tuple[Change, Any]]] = {}
    for name in columns:
        for c, op in context.ops(col(table, name)):
            if op.effect == ALTER and c.source == "migra":
                found.setdefault(name, []).append((c, op))
    return found


def _adds_or_drops(context: Context, table: str, names: set[str]) -> bool:
    """migra adds or drops one of these columns of the table itself."""
    return any(context.ops(col(table, name), "add column", "drop column") for name in names)


def _retypes(found: list[tuple[Change, Any]]) -> bool:
    return any(op.what == "type" for _, op in found)


def _settable(context: Context, have: Attrs, want: Attrs) -> bool:
    """The server has SET EXPRESSION and the column stays stored (or virtual)."""
    return (
        context.server_version >= SET_EXPRESSION_SINCE
        and have["generated"]["kind"] == want["generated"]["kind"]
    )


def _reads(column: Attrs, name: str) -> bool:
    """The generated column's expression reads column `name` (by PostgreSQL's grammar)."""
    return name in definitions.expression_columns(column["generated"]["expression"])


def _set_expression(table: str, name: str, want: Attrs) -> str:
    expression = want["generated"]["expression"]
    return f"ALTER TABLE {table} ALTER COLUMN {ident(name)} SET EXPRESSION AS ({expression});"


def _add_column(table: str, name: str, want: Attrs) -> str:
    parts = [f"ALTER TABLE {table} ADD COLUMN {ident(name)} {want['type']}"]
    if want.get("collation"):
        parts.append(f"COLLATE {want['collation']}")
    generated = want["generated"]
    parts.append(f"GENERATED ALWAYS AS ({generated['expression']}) {generated['kind'].upper()}")
    if want.get("not_null"):
        parts.append("NOT NULL")
    return " ".join(parts) + ";"


def _dependents(context: Context, table: str, columns: set[str]) -> list[str]:
    """Indexes and constraints of the table that dropping `columns` drops, as desired."""
    result = []
    for kind in ("constraint", "index"):
        have = context.current.get(kind, {})
        want = context.desired.get(kind, {})
        for identity, attrs in sorted(have.items()):
            if attrs["table"] != table or not columns & set(attrs.get("columns") or []):
                continue
            if identity not in want or want[identity].get("constraint"):
                continue  # gone, or an index a constraint creates
            if _handled_by_migra(context, kind, identity, want[identity]):
                continue
            result.append(_create(kind, identity, want[identity]))
    return result


def _handled_by_migra(context: Context, kind: str, identity: str, attrs: Attrs) -> bool:
    if kind == "constraint":
        return context.touches(con(attrs["table"], attrs["name"]))
    return bool(context.find(rel(identity), "create", kind="index"))


def _create(kind: str, identity: str, attrs: Attrs) -> str:
    if kind == "index":
        return attrs["definition"] + ";"
    return (
        f"ALTER TABLE {attrs['table']} ADD CONSTRAINT {ident(attrs['name'])} {attrs['definition']};"
    )


PLUGIN = Plugin(
    "generated_columns",
    early=early,
    in_place=in_place,
    in_place_for=(  # every ALTER COLUMN migra writes: those of the columns rebuilt around
        ("column", "type"),
        ("column", "set default"),
        ("column", "drop default"),
        ("column", "drop expression"),
        ("column", "set not null"),
        ("column", "drop not null"),
        ("column", "add identity"),
        ("column", "set identity"),
        ("column", "drop identity"),
    ),
    after=("functions",),  # (order kept)
)
