"""Publications (logical replication, change data capture): migra does not see them.

A publication changes in place wherever PostgreSQL can: tables and schemas are added and
dropped (`ALTER PUBLICATION ... ADD / DROP TABLE`, `... TABLES IN SCHEMA`), a table whose
column list or row filter changes is dropped from it and added again (in the same
transaction: a subscriber never sees it missing), options are set (`SET (publish =
...)`). Only `FOR ALL TABLES`, which cannot be altered, makes it dropped and created
again. Owners and comments are `owners`' and `comments`'.

What a publication loses is planned in the main phase (`early`): the dependency sort
puts a dropped publication, or a table dropped from one, before the drop or type change
of a column its column list or row filter names (PostgreSQL refuses those while the
publication uses the column). What it gains comes last (`late`), once the tables,
columns and schemas it lists exist as the plan leaves them: a new publication, a table
added (or added back: after a type change under it, or when the plan drops and creates
the table again). A table or schema the plan drops leaves the publication with it
(PostgreSQL removes it). Taking something out of what a publication sends (dropping it,
a table, a schema, an operation) breaks its subscribers: `hazards` gives those changes
`replication-break`.
"""

from __future__ import annotations

from typing import Any

from schematool.diff.gapkit.context import Context, changes, rel
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.names import Node, ident, literal

Attrs = dict[str, Any]

_OPERATIONS = (
    ("pubinsert", "insert"),
    ("pubupdate", "update"),
    ("pubdelete", "delete"),
    ("pubtruncate", "truncate"),
)
_GENERATED = {"n": "none", "s": "stored"}  # pg_publication.pubgencols (PostgreSQL 18)


def early(context: Context) -> list[Change]:
    """What is taken away, in the main phase: the dependency sort puts it before the
    drop (or type change) of what it uses. Dropped publications (and those FOR ALL
    TABLES turns over), then tables and schemas dropped from those that stay."""
    have_all, want_all = _both(context)
    result = []
    for name, have in sorted(have_all.items()):
        want = want_all.get(name)
        if want is None or _turned_over(have, want):
            result.append(f"DROP PUBLICATION {name};")
        else:
            result += _members(context, name, have, want)[0]
    return changes(result)


def late(context: Context) -> list[Change]:
    """What is made or added, after the tables, columns and schemas it lists exist in
    their final form: new publications, the tables and schemas added to the others (or
    added back), then their options."""
    have_all, want_all = _both(context)
    result = []
    for name, want in sorted(want_all.items()):
        have = have_all.get(name)
        if have is None or _turned_over(have, want):
            result.append(_create(name, want))
            continue
        result += _members(context, name, have, want)[1]
        options = _options(have, want)
        if options:
            result.append(f"ALTER PUBLICATION {name} SET ({options});")
    return changes(result)


def _both(context: Context) -> tuple[dict[str, Attrs], dict[str, Attrs]]:
    return context.current.get("publication", {}), context.desired.get("publication", {})


def _turned_over(have: Attrs, want: Attrs) -> bool:
    """FOR ALL TABLES given or taken: PostgreSQL cannot alter it."""
    return bool(have.get("puballtables")) != bool(want.get("puballtables"))


def _create(name: str, want: Attrs) -> str:
    listed = _listed(want)
    what = " FOR ALL TABLES" if want.get("puballtables") else ""
    if listed:
        what = f" FOR {', '.join(listed)}"
    options = _options({}, want)
    return f"CREATE PUBLICATION {name}{what}{f' WITH ({options})' if options else ''};"


def _listed(want: Attrs) -> list[str]:
    tables = want.get("tables") or {}
    found = [f"TABLE {_table(table, attrs)}" for table, attrs in sorted(tables.items())]
    found += [f"TABLES IN SCHEMA {schema}" for schema in want.get("schemas") or ()]
    return found


def _table(table: str, attrs: Attrs) -> str:
    """A table as a publication lists it: its column list and row filter (the filter
    as the server deparses it, `pg_get_expr`, written back as pg_dump writes it)."""
    columns = attrs.get("columns")
    text = table + (f" ({', '.join(ident(c) for c in columns)})" if columns else "")
    return text + (f" WHERE ({attrs['where']})" if attrs.get("where") else "")


def _members(context: Context, name: str, have: Attrs, want: Attrs) -> tuple[list[str], list[str]]:
    """(drops, adds) of tables and schemas. A table whose column list or row filter
    changes, or one of whose listed columns (any, under a row filter) changes type
    (PostgreSQL refuses the type change while the publication uses the column), is
    dropped and added again; one the plan drops leaves with it (and is added back when
    the plan creates it again)."""
    have_tables, want_tables = have.get("tables") or {}, want.get("tables") or {}
    retyped = _retyped_columns(context)
    drops: list[str] = []
    adds: list[str] = []
    for table in sorted(have_tables.keys() | want_tables.keys()):
        gone = f"table:{table}" in context.dropped
        kept = table in have_tables and not gone
        if kept and (
            table not in want_tables
            or have_tables[table] != want_tables[table]
            or _uses_retyped(table, have_tables[table], retyped)
        ):
            drops.append(f"ALTER PUBLICATION {name} DROP TABLE {table};")
            kept = False
        if table in want_tables and not kept:
            adds.append(f"ALTER PUBLICATION {name} ADD TABLE {_table(table, want_tables[table])};")
    have_schemas, want_schemas = set(have.get("schemas") or ()), set(want.get("schemas") or ())
    for schema in sorted(have_schemas | want_schemas):
        gone = f"schema:{schema}" in context.dropped
        if schema not in want_schemas and not gone:
            drops.append(f"ALTER PUBLICATION {name} DROP TABLES IN SCHEMA {schema};")
        elif schema in want_schemas and (schema not in have_schemas or gone):
            adds.append(f"ALTER PUBLICATION {name} ADD TABLES IN SCHEMA {schema};")
    return drops, adds


def _retyped_columns(context: Context) -> set[Node]:
    return {
        op.node
        for change in context.changes
        for op in change.ops
        if op.kind == "column" and op.what == "type" and op.node[0] == "col"
    }


def _uses_retyped(table: str, attrs: Attrs, retyped: set[Node]) -> bool:
    node = rel(table)
    changed = {column[3] for column in retyped if column[:3] == ("col", *node[1:])}
    if not changed:
        return False
    return bool(attrs.get("where")) or bool(changed & set(attrs.get("columns") or ()))


def _options(have: Attrs, want: Attrs) -> str:
    """The WITH / SET options that differ from `have` (for a new publication: from
    PostgreSQL's defaults, every operation published, nothing else)."""
    found = []
    if _publish(have) != _publish(want):
        found.append(f"publish = {literal(', '.join(_publish(want)))}")
    if bool(have.get("pubviaroot")) != bool(want.get("pubviaroot")):
        found.append(f"publish_via_partition_root = {str(bool(want.get('pubviaroot'))).lower()}")
    if "pubgencols" in want and have.get("pubgencols", "n") != want["pubgencols"]:
        found.append(f"publish_generated_columns = {_GENERATED[want['pubgencols']]}")
    return ", ".join(found)


def _publish(attrs: Attrs) -> tuple[str, ...]:
    """The operations a publication publishes (a new one: all four)."""
    return tuple(word for column, word in _OPERATIONS if attrs.get(column, True))


PLUGIN = Plugin(
    "publications",
    early=early,
    late=late,
    after=("event_triggers",),  # (order kept)
)
