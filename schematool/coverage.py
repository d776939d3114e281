"""Objects of kinds no plan can create, change or drop: found, so they are never ignored.

migra and the gap modules manage the kinds the catalog snapshot covers (tables, views,
functions, types, ...). A schema file that creates a publication, a text search
configuration, a cast, an operator, a foreign server, ... would load into the desired
database, and the plan would then say nothing about it: `apply` would report success and
the object would never exist. So after the desired schema is loaded, any object of such
a kind stops `plan` and `apply` (`UnmanagedObjects`, exit 1), naming each object and,
where its name is found in one, the schema file that creates it.

On the target, the same kinds are only reported (a warning): a publication an operator
made for change data capture is not the plan's to drop, and nothing the plan does
touches it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import psycopg

from schematool.errors import SchemaToolError, UnmanagedInTarget  # noqa: F401 - re-exported

# oids below this belong to the server's own catalog (FirstNormalObjectId)
_FIRST_USER_OID = 16384


def _user(catalog: str, alias: str) -> str:
    """Created by a user: not the server's, not an extension's (that is the extension's)."""
    return (
        f"{alias}.oid >= {_FIRST_USER_OID} and not exists (select from pg_depend e"
        f" where e.classid = '{catalog}'::regclass and e.objid = {alias}.oid"
        " and e.deptype = 'e')"
    )


def _in_visible_schema(column: str) -> str:
    return (
        f"{column} not in (select oid from pg_namespace"
        " where nspname = any(%(excluded)s::text[]) or nspname like 'pg\\_toast%%'"
        " or nspname like 'pg\\_temp%%')"
    )


def _named(catalog: str, alias: str, name: str, namespace: str) -> str:
    """Rows of a schema-qualified kind: `schema.name`."""
    return f"""
select quote_ident(n.nspname) || '.' || quote_ident({alias}.{name})
from {catalog} {alias} join pg_namespace n on n.oid = {alias}.{namespace}
where {_user(catalog, alias)} and {_in_visible_schema(f"{alias}.{namespace}")}"""


# kind (as the error names it) -> how a statement creating one starts (for finding its
# file), and a query listing the objects of that kind by name
UNMANAGED: dict[str, tuple[str, str]] = {
    "publication": (
        "create publication",
        f"select quote_ident(p.pubname) from pg_publication p where {_user('pg_publication', 'p')}",
    ),
    "subscription": (
        "create subscription",
        "select quote_ident(s.subname) from pg_subscription s"
        " where s.subdbid = (select oid from pg_database where datname = current_database())",
    ),
    "text search configuration": (
        "create text search configuration",
        _named("pg_ts_config", "c", "cfgname", "cfgnamespace"),
    ),
    "text search dictionary": (
        "create text search dictionary",
        _named("pg_ts_dict", "d", "dictname", "dictnamespace"),
    ),
    "text search parser": (
        "create text search parser",
        _named("pg_ts_parser", "p", "prsname", "prsnamespace"),
    ),
    "text search template": (
        "create text search template",
        _named("pg_ts_template", "t", "tmplname", "tmplnamespace"),
    ),
    "cast": (
        "create cast",
        "select format('(%%s AS %%s)', format_type(c.castsource, null),"
        " format_type(c.casttarget, null))"
        f" from pg_cast c where {_user('pg_cast', 'c')}",
    ),
    "operator": (
        "create operator",
        "select o.oid::regoperator::text from pg_operator o"
        f" where {_user('pg_operator', 'o')} and {_in_visible_schema('o.oprnamespace')}",
    ),
    "operator class": (
        "create operator class",
        _named("pg_opclass", "c", "opcname", "opcnamespace"),
    ),
    "operator family": (
        "create operator family",
        _named("pg_opfamily", "f", "opfname", "opfnamespace"),
    ),
    "foreign-data wrapper": (
        "create foreign data wrapper",
        "select quote_ident(w.fdwname) from pg_foreign_data_wrapper w"
        f" where {_user('pg_foreign_data_wrapper', 'w')}",
    ),
    "server": (
        "create server",
        "select quote_ident(s.srvname) from pg_foreign_server s"
        f" where {_user('pg_foreign_server', 's')}",
    ),
    "user mapping": (
        "create user mapping",
        # pg_user_mappings: pg_user_mapping itself is for superusers only
        "select 'for ' || quote_ident(m.usename) || ' server ' || quote_ident(m.srvname)"
        " from pg_user_mappings m where not exists (select from pg_depend e"
        " where e.classid = 'pg_user_mapping'::regclass and e.objid = m.umid"
        " and e.deptype = 'e')",
    ),
    "foreign table": (
        "create foreign table",
        _named("pg_class", "c", "relname", "relnamespace") + " and c.relkind = 'f'",
    ),
    "transform": (
        "create transform",
        "select format('for %%s language %%s', format_type(t.trftype, null),"
        " quote_ident(l.lanname)) from pg_transform t join pg_language l on l.oid = t.trflang"
        f" where {_user('pg_transform', 't')}",
    ),
    "language": (
        "create language",
        f"select quote_ident(l.lanname) from pg_language l where {_user('pg_language', 'l')}",
    ),
    "conversion": (
        "create conversion",
        _named("pg_conversion", "c", "conname", "connamespace"),
    ),
    "access method": (
        "create access method",
        f"select quote_ident(a.amname) from pg_am a where {_user('pg_am', 'a')}",
    ),
    "base type": (
        "create type",
        _named("pg_type", "t", "typname", "typnamespace")
        + " and t.typtype in ('b', 'p')"
        # the array type every type gets is its type's, not one of its own
        + " and not exists (select from pg_type e where e.typarray = t.oid)",
    ),
    "large object": (
        "lo_",
        "select m.oid::text from pg_largeobject_metadata m",
    ),
}


@dataclass(frozen=True)
class Unmanaged:
    kind: str
    name: str

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"


class UnmanagedObjects(SchemaToolError):
    """The desired schema creates objects of a kind no plan manages."""


def find(conn: psycopg.Connection, excluded_schemas: Sequence[str]) -> list[Unmanaged]:
    """Every object of an unmanaged kind the database holds, in a stable order (one
    query: the target is read on every plan)."""
    union = " union all ".join(
        f"select {n} as k, name from ({query}) q{n}(name)"
        for n, (_, query) in enumerate(UNMANAGED.values())
    )
    kinds = list(UNMANAGED)
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        cur.execute("select set_config('search_path', 'pg_catalog', true)")  # names qualified
        cur.execute(
            f'select k, name from ({union}) u order by k, name collate "C"',
            {"excluded": list(excluded_schemas)},
        )
        return [Unmanaged(kinds[k], name) for k, name in cur.fetchall()]


def refuse_desired(found: list[Unmanaged], files: Sequence[tuple[str, str]]) -> None:
    """Raise naming the first object found (and how many more), and the file that
    creates it where one file's text mentions both its kind and its name."""
    if not found:
        return
    first = found[0]
    where = _source(first, files)
    more = (
        f" (and {len(found) - 1} more: {', '.join(map(str, found[1:4]))}"
        + (", ...)" if len(found) > 4 else ")")
        if len(found) > 1
        else ""
    )
    raise UnmanagedObjects(
        f"{where}{first} is of a kind schematool does not manage{more}: a plan could neither"
        " create nor change it, so plan and apply refuse the schema; create it outside"
        " the schema files (see README, 'What schematool manages')"
    )


def describe_target(found: list[Unmanaged]) -> str | None:
    """The warning for unmanaged objects the target holds (None when there are none)."""
    if not found:
        return None
    names = ", ".join(map(str, found[:5])) + (", ..." if len(found) > 5 else "")
    return (
        f"the target holds {len(found)} object(s) of kinds schematool does not manage,"
        f" left as they are: {names}"
    )


def _source(item: Unmanaged, files: Sequence[tuple[str, str]]) -> str:
    """`schema/x.sql: ` for the first file holding a statement that creates an object
    of the kind and, for kinds named by an identifier, the object's name; else nothing."""
    create = UNMANAGED[item.kind][0]
    bare = "" if item.kind in _NAMELESS else item.name.rsplit(".", 1)[-1].split("(", 1)[0]
    for name, text in files:
        lowered = " ".join(text.lower().split())
        if create in lowered and bare.strip('"').lower() in lowered:
            return f"{name}: "
    return ""


# kinds named by what they join, not by an identifier a file would hold
_NAMELESS = frozenset({"cast", "transform", "user mapping", "large object"})
