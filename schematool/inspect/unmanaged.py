"""Objects of kinds no plan can create, change or drop: found, so they are never ignored.

migra and the gap modules manage the kinds the catalog snapshot covers (tables, views,
functions, types, publications, text search configurations and dictionaries, casts,
operators, foreign data, ...). A schema file that creates a subscription, a text search
parser, an operator class, a transform, ... would load into the desired
database, and the plan would then say nothing about it: `apply` would report success and
the object would never exist. So after the desired schema is loaded, any object of such
a kind stops `plan` and `apply` (`UnmanagedObjects`, exit 1), naming each object and,
where its name is found in one, the schema file that creates it.

On the target, the same kinds are only reported (a warning): a subscription an operator
made is not the plan's to drop, and nothing the plan does touches it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import psycopg

from schematool.errors import SchemaToolError, UnmanagedInTarget  # noqa: F401 - re-exported
from schematool.grammar import schema_files
from schematool.names import split_name

# oids below this belong to the server's own catalog (FirstNormalObjectId)
_FIRST_USER_OID = 16384

_VISIBLE = (
    "n.nspname <> all(%(excluded)s::text[]) and n.nspname not like 'pg\\_toast%%'"
    " and n.nspname not like 'pg\\_temp%%'"
)


def _rows(catalog: str, alias: str, name: str, more: str = "") -> str:
    """(catalog, oid, name) of the catalog's rows a user made (extension members and
    parts of other objects are left out once, for every kind, by `find`)."""
    return (
        f"select '{catalog}'::regclass, {alias}.oid, {name} from {catalog} {alias}{more}"
        f" where {alias}.oid >= {_FIRST_USER_OID}"
    )


def _named(catalog: str, alias: str, name: str, namespace: str, more: str = "") -> str:
    """Rows of a schema-qualified kind, named `schema.name`, outside excluded schemas."""
    return (
        _rows(
            catalog,
            alias,
            f"quote_ident(n.nspname) || '.' || quote_ident({alias}.{name})",
            f" join pg_namespace n on n.oid = {alias}.{namespace}",
        )
        + f" and {_VISIBLE}{more}"
    )


# kind (as the error names it; schema_files.unmanaged_created finds the file creating one)
# -> a query giving (catalog, oid, name) of the objects of that kind
UNMANAGED: dict[str, str] = {
    "subscription": (
        _rows("pg_subscription", "s", "quote_ident(s.subname)")
        + " and s.subdbid = (select oid from pg_database where datname = current_database())"
    ),
    "text search parser": (
        _named("pg_ts_parser", "p", "prsname", "prsnamespace")
    ),
    "text search template": (
        _named("pg_ts_template", "t", "tmplname", "tmplnamespace")
    ),
    "operator class": (
        _named("pg_opclass", "c", "opcname", "opcnamespace")
    ),
    "operator family": (
        _named("pg_opfamily", "f", "opfname", "opfnamespace")
    ),
    "transform": (
        _rows(
            "pg_transform",
            "t",
            "format('for %%s language %%s', format_type(t.trftype, null), quote_ident(l.lanname))",
            " join pg_language l on l.oid = t.trflang",
        )
    ),
    "language": (
        _rows("pg_language", "l", "quote_ident(l.lanname)")
    ),
    "conversion": (
        _named("pg_conversion", "c", "conname", "connamespace")
    ),
    "access method": (
        _rows("pg_am", "a", "quote_ident(a.amname)")
    ),
    "base type": (
        _named(
            "pg_type",
            "t",
            "typname",
            "typnamespace",
            " and t.typtype in ('b', 'p')"
            # the array type every type gets is its type's, not one of its own
            " and not exists (select from pg_type e where e.typarray = t.oid)",
        )
    ),
    "large object": (
        "select 'pg_largeobject'::regclass, m.oid, m.oid::text from pg_largeobject_metadata m"
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
    """Every object of an unmanaged kind the database holds, in a stable order. One
    query (the target is read on every plan), planned cheaply: one anti-join leaves out,
    for every kind at once, what extensions made and what comes with another object (the
    cast from a range type to its multirange)."""
    union = " union all ".join(
        f"select {n}, q{n}.* from ({query}) q{n}" for n, query in enumerate(UNMANAGED.values())
    )
    query = (
        # materialized: planned as the list it is (a plain subquery costs the planner
        # several times more than running it)
        f"with u(k, catalog, oid, name) as materialized ({union})"
        " select k, name from u where not exists (select from pg_depend e"
        " where e.classid = u.catalog and e.objid = u.oid and e.deptype in ('e', 'i'))"
        ' order by k, name collate "C"'
    )
    kinds = list(UNMANAGED)
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        cur.execute("select set_config('search_path', 'pg_catalog', true)")  # names qualified
        cur.execute(query, {"excluded": list(excluded_schemas)})
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
        " the schema files (see docs/objects.md)"
    )


def describe_target(found: list[Unmanaged]) -> str | None:
    """The warning for unmanaged objects the target holds (None when there are none).
    Large objects are left out: in a target they are data (files an application
    stored), not schema, and pg_dump --schema-only leaves their contents out too."""
    found = [item for item in found if item.kind not in _DATA_KINDS]
    if not found:
        return None
    names = ", ".join(map(str, found[:5])) + (", ..." if len(found) > 5 else "")
    return (
        f"the target holds {len(found)} object(s) of kinds schematool does not manage,"
        f" left as they are: {names}"
    )


_DATA_KINDS = frozenset({"large object"})


def _source(item: Unmanaged, files: Sequence[tuple[str, str]]) -> str:
    """`schema/x.sql: ` for the first file holding a statement that creates an object
    of the kind (read with PostgreSQL's grammar) and, for kinds named by an identifier,
    spells the object's name; else nothing."""
    bare = None if item.kind in _NAMELESS else _bare_name(item.name)
    for name, text in files:
        for kind, words in schema_files.unmanaged_created(text):
            if kind == item.kind and (bare is None or bare in words):
                return f"{name}: "
    return ""


def _bare_name(name: str) -> str:
    """An object's own name, unquoted: `public."My Cfg"` -> `My Cfg`, an operator's
    `public.<->(integer,integer)` -> `<->`."""
    parts = split_name(name)
    return parts[-1] if parts else name


# kinds named by what they join, not by an identifier a file would hold
_NAMELESS = frozenset({"transform", "large object"})
