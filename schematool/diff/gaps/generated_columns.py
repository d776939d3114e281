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
from schematool.inspect.records import Catalog, Column
from schematool.names import ident

SET_EXPRESSION_SINCE = 17


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    have = _columns_by_table(context.current_catalog)
    want = _columns_by_table(context.desired_catalog)
    # only a table with a generated column now has anything to fix here
    tables = {t for t, columns in have.items() if any(c.generated for c in columns.values())}
    for table in sorted(tables & want.keys()):
        replacements.update(_table_replacements(context, table, have[table], want[table]))
    return replacements


def early(context: Context) -> list[Change]:
    """A generated column that only turns from stored to virtual or back (PostgreSQL 18):
    no ALTER changes that, and migra sees no difference, so it is dropped and added
    back here, with the indexes and constraints the drop takes with it."""
    have = _columns_by_table(context.current_catalog)
    want = _columns_by_table(context.desired_catalog)
    result: list[Change] = []
    for table in sorted(have.keys() & want.keys()):
        if not any(c.generated for c in want[table].values()):
            continue
        altered = _column_changes(context, table, have[table])
        flipped = sorted(
            name
            for name, column in want[table].items()
            if column.generated
            and name in have[table]
            and have[table][name].generated
            and have[table][name].generated.kind != column.generated.kind
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
    context: Context, table: str, have: dict[str, Column], want: dict[str, Column]
) -> dict[Change, list[Change]]:
    altered = _column_changes(context, table, have)
    both = [name for name in want if name in have]
    generated = [n for n in both if have[n].generated and want[n].generated]
    changed = [n for n in generated if have[n].generated != want[n].generated and n in altered]
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
    want: dict[str, Column],
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


def _columns_by_table(catalog: Catalog) -> dict[str, dict[str, Column]]:
    tables: dict[str, dict[str, Column]] = {}
    for column in catalog.columns.values():
        tables.setdefault(column.table, {})[column.name] = column
    return tables


def _column_changes(
    context: Context, table: str, columns: dict[str, Column]
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


def _settable(context: Context, have: Column, want: Column) -> bool:
    """The server has SET EXPRESSION and the column stays stored (or virtual)."""
    return (
        context.server_version >= SET_EXPRESSION_SINCE
        and have.generated.kind == want.generated.kind
    )


def _reads(column: Column, name: str) -> bool:
    """The generated column's expression reads column `name` (by PostgreSQL's grammar)."""
    return name in definitions.expression_columns(column.generated.expression)


def _set_expression(table: str, name: str, want: Column) -> str:
    expression = want.generated.expression
    return f"ALTER TABLE {table} ALTER COLUMN {ident(name)} SET EXPRESSION AS ({expression});"


def _add_column(table: str, name: str, want: Column) -> str:
    parts = [f"ALTER TABLE {table} ADD COLUMN {ident(name)} {want.type}"]
    if want.collation:
        parts.append(f"COLLATE {want.collation}")
    generated = want.generated
    parts.append(f"GENERATED ALWAYS AS ({generated.expression}) {generated.kind.upper()}")
    if want.not_null:
        parts.append("NOT NULL")
    return " ".join(parts) + ";"


def _dependents(context: Context, table: str, columns: set[str]) -> list[str]:
    """Indexes and constraints of the table that dropping `columns` drops, as desired."""
    have_catalog, want_catalog = context.current_catalog, context.desired_catalog
    result = []
    for identity, have in sorted(have_catalog.constraints.items()):
        if have.table != table or not columns & set(have.columns or []):
            continue
        want = want_catalog.constraints.get(identity)
        if want is None or context.touches(con(want.table, want.name)):
            continue  # gone, or migra's
        added = f"ADD CONSTRAINT {ident(want.name)} {want.definition}"
        result.append(f"ALTER TABLE {want.table} {added};")
    for identity, have in sorted(have_catalog.indexes.items()):
        if have.table != table or not columns & set(have.columns or []):
            continue
        want = want_catalog.indexes.get(identity)
        if want is None or want.constraint:
            continue  # gone, or an index a constraint creates
        if context.find(rel(identity), "create", kind="index"):
            continue  # migra's
        result.append(want.definition + ";")
    return result


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
