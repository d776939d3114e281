"""Publications (logical replication, change data capture): migra does not see them.

A publication changes in place wherever PostgreSQL can: tables and schemas are added and
dropped (`ALTER PUBLICATION ... ADD / DROP TABLE`, `... TABLES IN SCHEMA`), a table whose
column list or row filter changes is dropped from it and added again (in the same
transaction: a subscriber never sees it missing), options are set (`SET (publish =
...)`). Only `FOR ALL TABLES`, which cannot be altered, makes it dropped and created
again. Owners and comments are `owners`' and `comments`'.

The changes are planned in the main phase, so the dependency sort places them: a
publication (or a table added to it) after the tables, columns and schemas it lists,
which the plan may create; a table dropped from it before a column of its column list
or row filter is dropped (PostgreSQL refuses that drop while the publication uses the
column). A table or schema the plan drops leaves the publication with it (PostgreSQL
removes it); one the plan drops and creates again is added back. Taking something out of
what a publication sends (dropping it, a table, a schema, an operation) breaks its
subscribers: `hazards` gives those changes `replication-break`.
"""

from __future__ import annotations

from typing import Any

from schematool.change import Change
from schematool.gaps.context import Context, changes
from schematool.names import ident, literal

Attrs = dict[str, Any]

_OPERATIONS = (
    ("pubinsert", "insert"),
    ("pubupdate", "update"),
    ("pubdelete", "delete"),
    ("pubtruncate", "truncate"),
)
_GENERATED = {"n": "none", "s": "stored"}  # pg_publication.pubgencols (PostgreSQL 18)


def early(context: Context) -> list[Change]:
    have_all = context.current.get("publication", {})
    want_all = context.desired.get("publication", {})
    result = [f"DROP PUBLICATION {name};" for name in sorted(have_all.keys() - want_all.keys())]
    for name, want in sorted(want_all.items()):
        have = have_all.get(name)
        if have is not None and bool(have.get("puballtables")) != bool(want.get("puballtables")):
            result.append(f"DROP PUBLICATION {name};")  # FOR ALL TABLES cannot be altered
            have = None
        if have is None:
            result.append(_create(name, want))
            continue
        result += _members(context, name, have, want)
        options = _options(have, want)
        if options:
            result.append(f"ALTER PUBLICATION {name} SET ({options});")
    return changes(result)


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


def _members(context: Context, name: str, have: Attrs, want: Attrs) -> list[str]:
    """Tables and schemas dropped from the publication, then those added (a table whose
    column list or row filter changes: dropped, then added again)."""
    have_tables, want_tables = have.get("tables") or {}, want.get("tables") or {}
    drops: list[str] = []
    adds: list[str] = []
    for table in sorted(have_tables.keys() | want_tables.keys()):
        gone = f"table:{table}" in context.dropped  # PostgreSQL takes it out of the publication
        if table not in want_tables:
            if not gone:
                drops.append(f"ALTER PUBLICATION {name} DROP TABLE {table};")
            continue
        if table in have_tables and have_tables[table] != want_tables[table] and not gone:
            drops.append(f"ALTER PUBLICATION {name} DROP TABLE {table};")
        elif table in have_tables and not gone:
            continue
        adds.append(f"ALTER PUBLICATION {name} ADD TABLE {_table(table, want_tables[table])};")
    have_schemas, want_schemas = set(have.get("schemas") or ()), set(want.get("schemas") or ())
    for schema in sorted(have_schemas | want_schemas):
        gone = f"schema:{schema}" in context.dropped
        if schema not in want_schemas and not gone:
            drops.append(f"ALTER PUBLICATION {name} DROP TABLES IN SCHEMA {schema};")
        elif schema in want_schemas and (schema not in have_schemas or gone):
            adds.append(f"ALTER PUBLICATION {name} ADD TABLES IN SCHEMA {schema};")
    return drops + adds


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
