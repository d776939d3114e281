"""A normalized snapshot of a database's schema, comparable across databases.

migra sees only what schemainspect inspects; this module sees (nearly) everything, so
apply can verify that the target really became the desired schema, and plan can
fingerprint a schema cheaply. A `Snapshot` is plain JSON: object kind -> stable identity ->
attributes. Identities are `quote_ident` names (`public.t`, `public.t.col`,
`public.f(integer)`), never OIDs; attributes hold no OIDs and nothing database-specific,
so two databases holding the same schema on the same server give equal snapshots.

One query per kind, each run inside the caller's transaction (apply verifies uncommitted
work) in a savepoint that is rolled back: the settings pinned for stable output
(search_path, DateStyle, ...) never leak into the caller's session.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg import sql

from schematool.names import split_name
from schematool.secrets import masked_attrs, masked_options

Snapshot = dict[str, dict[str, Any]]

# pg_get_*def, format_type and regproc output depend on these; pinning them makes the
# text identical whatever the caller's session looks like. search_path = pg_catalog makes
# every user object schema-qualified.
_PINNED_SETTINGS = {
    "search_path": "pg_catalog",
    "DateStyle": "ISO, MDY",
    "IntervalStyle": "postgres",
    "TimeZone": "UTC",
    "extra_float_digits": "1",
    "bytea_output": "hex",
    "quote_all_identifiers": "off",
}

# --- SQL fragments shared by the queries ------------------------------------------------

_VISIBLE_SCHEMA = """(
    {n}.nspname not in ('pg_catalog', 'information_schema')
    and left({n}.nspname, 8) <> 'pg_toast' and left({n}.nspname, 7) <> 'pg_temp'
    and {n}.nspname <> all(%(excluded)s::text[]))"""


def _visible(n: str = "n") -> str:
    """The namespace alias `n` is a user schema the caller did not exclude."""
    return _VISIBLE_SCHEMA.format(n=n)


def _not_extension_member(catalog: str, oid: str) -> str:
    """Objects an extension created belong to the extension, not to the schema."""
    return (
        f"not exists (select from pg_depend e where e.classid = '{catalog}'::regclass"
        f" and e.objid = {oid} and e.deptype = 'e')"
    )


def _name(n: str, c: str, column: str = "relname") -> str:
    return f"quote_ident({n}.nspname) || '.' || quote_ident({c}.{column})"


def _acl(acl: str, kind: str, owner: str) -> str:
    """Sorted aclitem texts (in code point order, whatever the database's collation, so
    an ACL with a role renamed sorts as Python sorts it); NULL (the built-in default)
    spelled out, so that a grant followed by its revoke compares equal to never granting."""
    default = "'{}'::aclitem[]" if kind == "c" else f"acldefault('{kind}', {owner})"
    return (
        "(select coalesce(jsonb_agg(a::text order by a::text collate \"C\"), '[]'::jsonb)"
        f" from unnest(coalesce({acl}, {default})) a)"
    )


def _sorted_array(array: str) -> str:
    return f"(select coalesce(jsonb_agg(o order by o), '[]'::jsonb) from unnest({array}) o)"


def _stored_array(array: str) -> str:
    """The array in its stored order: options (reloptions, attoptions) keep the order
    they were set in, and pg_dump prints them so."""
    return (
        f"(select coalesce(jsonb_agg(o order by n), '[]'::jsonb)"
        f" from unnest({array}) with ordinality u(o, n))"
    )


def _owner(column: str) -> str:
    return f"pg_get_userbyid({column})"


def _enabled(column: str) -> str:
    """session_replication_role decides which triggers and rules fire: O, D, R, A."""
    return (
        f"case {column} when 'O' then 'enabled' when 'D' then 'disabled'"
        " when 'R' then 'replica' else 'always' end"
    )


def _comment(oid: str, catalog: str, subid: str = "0") -> str:
    """The object's comment. A scalar subquery, not obj_description(): calling that SQL
    function once per row costs more than the rest of the column query."""
    return (
        f"(select ds.description from pg_description ds where ds.objoid = {oid}"
        f" and ds.classoid = '{catalog}'::regclass and ds.objsubid = {subid})"
    )


def _fdw_options(options: str) -> str:
    """Generic (foreign-data) options as [name, value] pairs in the order they are stored:
    pg_dump prints them in that order, so the plan keeps it. NULL when there are none."""
    return (
        "(select jsonb_agg(jsonb_build_array(o.option_name, o.option_value) order by o.n)"
        f" from pg_options_to_table({options}) with ordinality o(option_name, option_value, n))"
    )


def _columns_used(catalog: str, oid: str, table: str) -> str:
    """Names of `table`'s columns the object depends on: dropping one drops the object."""
    return (
        "(select jsonb_agg(u.attname order by u.attname) from (select distinct ua.attname"
        " from pg_depend ud join pg_attribute ua"
        " on ua.attrelid = ud.refobjid and ua.attnum = ud.refobjsubid"
        f" where ud.classid = '{catalog}'::regclass and ud.objid = {oid}"
        f" and ud.refclassid = 'pg_class'::regclass and ud.refobjid = {table}"
        " and ud.refobjsubid > 0) u)"
    )


# --- one query per kind: rows of (identity, attributes jsonb) ----------------------------

_SCHEMAS = f"""
select quote_ident(n.nspname), jsonb_build_object(
    'owner', {_owner("n.nspowner")},
    'acl', {_acl("n.nspacl", "n", "n.nspowner")},
    'comment', {_comment("n.oid", "pg_namespace")})
from pg_namespace n
where {_visible()} and {_not_extension_member("pg_namespace", "n.oid")}
"""

_EXTENSIONS = f"""
select quote_ident(x.extname), jsonb_build_object(
    'schema', quote_ident(n.nspname),
    'version', x.extversion,
    'comment', {_comment("x.oid", "pg_extension")})
from pg_extension x join pg_namespace n on n.oid = x.extnamespace
where n.nspname <> all(%(excluded)s::text[])
"""

_TABLES = f"""
select {_name("n", "c")}, jsonb_build_object(
    'kind', case c.relkind when 'r' then 'table' when 'p' then 'partitioned table'
                           else 'foreign table' end,
    'persistence', case c.relpersistence when 'u' then 'unlogged' else 'logged' end,
    'options', {_stored_array("c.reloptions")},
    'rls', c.relrowsecurity,
    'rls_forced', c.relforcerowsecurity,
    'replica_identity', case c.relreplident when 'd' then 'default' when 'n' then 'nothing'
                             when 'f' then 'full' else 'index' end,
    'partition_key', case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end,
    'partition_of', case when c.relispartition then parents.names ->> 0 end,
    'partition_bound', pg_get_expr(c.relpartbound, c.oid),
    'inherits', case when not c.relispartition then parents.names end,
    'toast_options', (select {_stored_array("tc.reloptions")} from pg_class tc
                      where tc.oid = c.reltoastrelid and tc.reloptions is not null),
    'access_method', am.amname,
    'tablespace', ts.spcname,
    'owner', {_owner("c.relowner")},
    'acl', {_acl("c.relacl", "r", "c.relowner")},
    'comment', {_comment("c.oid", "pg_class")})
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
left join pg_am am on am.oid = c.relam
left join pg_tablespace ts on ts.oid = c.reltablespace
cross join lateral (
    select coalesce(jsonb_agg({_name("pn", "pc")} order by i.inhseqno), '[]'::jsonb) as names
    from pg_inherits i
    join pg_class pc on pc.oid = i.inhparent
    join pg_namespace pn on pn.oid = pc.relnamespace
    where i.inhrelid = c.oid) parents
where c.relkind in ('r', 'p', 'f') and {_visible()}
  and {_not_extension_member("pg_class", "c.oid")}
"""

_STORAGE = (
    "case {0} when 'p' then 'plain' when 'e' then 'external' when 'm' then 'main'"
    " else 'extended' end"
)

_COLUMNS = f"""
select {_name("n", "c")} || '.' || quote_ident(a.attname), jsonb_build_object(
    'table', {_name("n", "c")},
    'name', a.attname,
    'type', format_type(a.atttypid, a.atttypmod),
    'not_null', a.attnotnull,
    'not_null_not_valid', case when nn.convalidated = false then true end,
    'not_null_name', nn.conname,
    'not_null_no_inherit', case when nn.connoinherit then true end,
    'not_null_local', case when nn.conislocal and nn.coninhcount > 0 then true end,
    'default', case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end,
    'generated', case when a.attgenerated <> '' then jsonb_build_object(
        'kind', case a.attgenerated when 's' then 'stored' else 'virtual' end,
        'expression', pg_get_expr(d.adbin, d.adrelid)) end,
    'identity', case when a.attidentity <> '' then jsonb_build_object(
        'kind', case a.attidentity when 'a' then 'always' else 'by default' end,
        'sequence', idseq.options) end,
    'collation', case when a.attcollation <> t.typcollation
                      then {_name("cn", "co", "collname")} end,
    'storage', case when a.attstorage <> t.typstorage then {_STORAGE.format("a.attstorage")} end,
    'compression', nullif(a.attcompression::text, ''),
    'statistics', nullif(a.attstattarget, -1),
    'options', case when a.attoptions is not null then {_stored_array("a.attoptions")} end,
    'fdw_options', {_fdw_options("a.attfdwoptions")},
    'inherited', a.attinhcount > 0,
    'local', a.attislocal,
    'acl', {_acl("a.attacl", "c", "c.relowner")},
    'comment', {_comment("a.attrelid", "pg_class", "a.attnum")})
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_type t on t.oid = a.atttypid
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
left join pg_collation co on co.oid = a.attcollation
left join pg_namespace cn on cn.oid = co.collnamespace
left join lateral (  -- PostgreSQL 18 keeps NOT NULL as named constraints, maybe NOT VALID
    select k.conname, k.convalidated, k.connoinherit, k.conislocal, k.coninhcount
    from pg_constraint k
    where k.conrelid = a.attrelid and k.contype = 'n' and k.conkey[1] = a.attnum) nn on true
left join lateral (
    select jsonb_build_object(
        'type', format_type(s.seqtypid, null), 'start', s.seqstart,
        'increment', s.seqincrement, 'min', s.seqmin, 'max', s.seqmax,
        'cache', s.seqcache, 'cycle', s.seqcycle) as options
    from pg_depend dep join pg_sequence s on s.seqrelid = dep.objid
    where dep.classid = 'pg_class'::regclass and dep.refclassid = 'pg_class'::regclass
      and dep.refobjid = a.attrelid and dep.refobjsubid = a.attnum
      and dep.deptype = 'i') idseq on a.attidentity <> ''
where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'f', 'v', 'm')
  and {_visible()} and {_not_extension_member("pg_class", "c.oid")}
"""

_CONSTRAINTS = f"""
select {_name("n", "c")} || '.' || quote_ident(k.conname), jsonb_build_object(
    'table', {_name("n", "c")},
    'name', k.conname,
    'type', case k.contype when 'c' then 'check' when 'f' then 'foreign key'
                           when 'p' then 'primary key' when 'u' then 'unique'
                           when 'x' then 'exclusion' else 'trigger' end,
    'definition', pg_get_constraintdef(k.oid),
    'deferrable', k.condeferrable,
    'deferred', k.condeferred,
    'validated', k.convalidated,
    'inherited', k.coninhcount > 0,
    'local', k.conislocal,
    'no_inherit', k.connoinherit,
    -- a temporal key or foreign key (WITHOUT OVERLAPS, PERIOD: PostgreSQL 18; read
    -- through the row, so that older servers, which lack the column, read none)
    'period', case when (to_jsonb(k) ->> 'conperiod')::boolean then true end,
    'index', case when k.contype in ('p', 'u', 'x') then {_name("n", "ic")} end,
    'columns', {_columns_used("pg_constraint", "k.oid", "k.conrelid")},
    'comment', {_comment("k.oid", "pg_constraint")})
from pg_constraint k
join pg_class c on c.oid = k.conrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_class ic on ic.oid = k.conindid
where k.contype <> 'n'  -- NOT NULL belongs to the column (PostgreSQL 18 stores it here)
  and {_visible()} and {_not_extension_member("pg_class", "c.oid")}
  -- a foreign key to a partitioned table has a hidden copy per referenced partition,
  -- on the same table; their names differ between server versions
  and not exists (select from pg_constraint p
                  where p.oid = k.conparentid and p.conrelid = k.conrelid)
"""

_INDEXES = f"""
select {_name("n", "ic")}, jsonb_build_object(
    'table', {_name("tn", "c")},
    'definition', pg_get_indexdef(i.indexrelid),
    'constraint', k.conname,
    'partition_of', (select {_name("pn", "pc")} from pg_inherits h
                     join pg_class pc on pc.oid = h.inhparent
                     join pg_namespace pn on pn.oid = pc.relnamespace
                     where h.inhrelid = i.indexrelid),
    'clustered', i.indisclustered,
    'replica_identity', i.indisreplident,
    'valid', i.indisvalid,
    'tablespace', ts.spcname,
    'statistics', (select jsonb_object_agg(ia.attnum, ia.attstattarget) from pg_attribute ia
                   where ia.attrelid = i.indexrelid and ia.attstattarget >= 0),
    'columns', {_columns_used("pg_class", "i.indexrelid", "i.indrelid")},
    'comment', {_comment("i.indexrelid", "pg_class")})
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
join pg_namespace n on n.oid = ic.relnamespace
join pg_class c on c.oid = i.indrelid
join pg_namespace tn on tn.oid = c.relnamespace
left join pg_tablespace ts on ts.oid = ic.reltablespace
left join pg_constraint k on k.conindid = i.indexrelid and k.conrelid = i.indrelid
                         and k.contype in ('p', 'u', 'x')
where c.relkind in ('r', 'p', 'm', 'f') and {_visible()}
  and {_not_extension_member("pg_class", "c.oid")}
  and {_not_extension_member("pg_class", "ic.oid")}
"""

_VIEW_ATTRIBUTES = f"""
    'definition', pg_get_viewdef(c.oid),  -- pretty would hide how it is parenthesized
    'options', {_stored_array("c.reloptions")},
    'owner', {_owner("c.relowner")},
    'acl', {_acl("c.relacl", "r", "c.relowner")},
    'comment', {_comment("c.oid", "pg_class")}"""


def _views(relkind: str, extra: str = "") -> str:
    return f"""
select {_name("n", "c")}, jsonb_build_object({_VIEW_ATTRIBUTES}{extra})
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
left join pg_am am on am.oid = c.relam
left join pg_tablespace ts on ts.oid = c.reltablespace
where c.relkind = '{relkind}' and {_visible()}
  and {_not_extension_member("pg_class", "c.oid")}
"""


_MATVIEW_EXTRA = """,
    'access_method', am.amname,
    'tablespace', ts.spcname"""

_AGGREGATE = """jsonb_build_object(
    'kind', g.aggkind, 'direct_args', g.aggnumdirectargs,
    'transfn', g.aggtransfn::regproc::text, 'finalfn', g.aggfinalfn::regproc::text,
    'combinefn', g.aggcombinefn::regproc::text, 'serialfn', g.aggserialfn::regproc::text,
    'deserialfn', g.aggdeserialfn::regproc::text, 'mtransfn', g.aggmtransfn::regproc::text,
    'minvtransfn', g.aggminvtransfn::regproc::text,
    'mfinalfn', g.aggmfinalfn::regproc::text,
    'finalextra', g.aggfinalextra, 'mfinalextra', g.aggmfinalextra,
    'finalmodify', g.aggfinalmodify, 'mfinalmodify', g.aggmfinalmodify,
    'sortop', g.aggsortop::regoperator::text,
    'transtype', format_type(g.aggtranstype, null), 'transspace', g.aggtransspace,
    'mtranstype', format_type(nullif(g.aggmtranstype, 0), null),
    'mtransspace', g.aggmtransspace,
    'initval', g.agginitval, 'minitval', g.aggminitval,
    'parallel', p.proparallel,
    'result', pg_get_function_result(p.oid))"""

_FUNCTIONS = f"""
select {_name("n", "p", "proname")} || '(' || pg_get_function_identity_arguments(p.oid) || ')',
  jsonb_build_object(
    'kind', case p.prokind when 'f' then 'function' when 'p' then 'procedure'
                           when 'a' then 'aggregate' else 'window function' end,
    'signature', p.oid::regprocedure::text,
    'definition', case when p.prokind <> 'a' then pg_get_functiondef(p.oid) end,
    'aggregate', case when p.prokind = 'a' then {_AGGREGATE} end,
    'owner', {_owner("p.proowner")},
    'acl', {_acl("p.proacl", "f", "p.proowner")},
    'comment', {_comment("p.oid", "pg_proc")})
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
left join pg_aggregate g on g.aggfnoid = p.oid
where {_visible()} and {_not_extension_member("pg_proc", "p.oid")}
  -- a range type's constructors come and go with the type
  and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass
                  and d.objid = p.oid and d.deptype = 'i')
"""

_TRIGGERS = f"""
select {_name("n", "c")} || '.' || quote_ident(t.tgname), jsonb_build_object(
    'table', {_name("n", "c")},
    'name', t.tgname,
    'definition', pg_get_triggerdef(t.oid),
    'enabled', {_enabled("t.tgenabled")},
    'comment', {_comment("t.oid", "pg_trigger")})
from pg_trigger t
join pg_class c on c.oid = t.tgrelid
join pg_namespace n on n.oid = c.relnamespace
where not t.tgisinternal and {_visible()}
  and {_not_extension_member("pg_class", "c.oid")}
"""

_RULES = f"""
select {_name("n", "c")} || '.' || quote_ident(r.rulename), jsonb_build_object(
    'table', {_name("n", "c")},
    'name', r.rulename,
    'definition', pg_get_ruledef(r.oid),
    'enabled', {_enabled("r.ev_enabled")},
    'comment', {_comment("r.oid", "pg_rewrite")})
from pg_rewrite r
join pg_class c on c.oid = r.ev_class
join pg_namespace n on n.oid = c.relnamespace
where r.rulename <> '_RETURN' and {_visible()}
  and {_not_extension_member("pg_class", "c.oid")}
"""

_SEQUENCES = f"""
select {_name("n", "c")}, jsonb_build_object(
    'type', format_type(s.seqtypid, null),
    'start', s.seqstart, 'increment', s.seqincrement,
    'min', s.seqmin, 'max', s.seqmax, 'cache', s.seqcache, 'cycle', s.seqcycle,
    'persistence', case c.relpersistence when 'u' then 'unlogged' else 'logged' end,
    'owned_by', (select {_name("tn", "tc")} || '.' || quote_ident(ta.attname)
                 from pg_depend d
                 join pg_class tc on tc.oid = d.refobjid
                 join pg_namespace tn on tn.oid = tc.relnamespace
                 join pg_attribute ta on ta.attrelid = d.refobjid and ta.attnum = d.refobjsubid
                 where d.classid = 'pg_class'::regclass and d.objid = c.oid
                   and d.refclassid = 'pg_class'::regclass and d.deptype = 'a'),
    'owner', {_owner("c.relowner")},
    'acl', {_acl("c.relacl", "s", "c.relowner")},
    'comment', {_comment("c.oid", "pg_class")})
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_sequence s on s.seqrelid = c.oid
where c.relkind = 'S' and {_visible()}
  and {_not_extension_member("pg_class", "c.oid")}
  -- identity sequences: their options live on the column, the rest in identity_sequence
  and not exists (select from pg_depend d where d.classid = 'pg_class'::regclass
                  and d.objid = c.oid and d.deptype = 'i')
"""

_IDENTITY_SEQUENCES = f"""
select {_name("n", "c")}, jsonb_build_object(
    'table', {_name("tn", "tc")},
    'column', {_name("tn", "tc")} || '.' || quote_ident(ta.attname),
    'persistence', case c.relpersistence when 'u' then 'unlogged' else 'logged' end,
    'owner', {_owner("c.relowner")},
    'acl', {_acl("c.relacl", "s", "c.relowner")},
    'comment', {_comment("c.oid", "pg_class")})
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = c.oid
                and d.refclassid = 'pg_class'::regclass and d.deptype = 'i'
join pg_class tc on tc.oid = d.refobjid
join pg_namespace tn on tn.oid = tc.relnamespace
join pg_attribute ta on ta.attrelid = d.refobjid and ta.attnum = d.refobjsubid
where c.relkind = 'S' and {_visible()}
  and {_not_extension_member("pg_class", "c.oid")}
"""

_TYPE_ATTRIBUTES = f"""
    'owner', {_owner("t.typowner")},
    'acl', {_acl("t.typacl", "T", "t.typowner")},
    'comment', {_comment("t.oid", "pg_type")}"""


def _types(typtype: str, attributes: str, joins: str = "") -> str:
    return f"""
select {_name("n", "t", "typname")}, jsonb_build_object({attributes},{_TYPE_ATTRIBUTES})
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
{joins}
where t.typtype = '{typtype}' and {_visible()}
  and {_not_extension_member("pg_type", "t.oid")}
"""


_ENUMS = _types(
    "e",
    """
    'labels', (select jsonb_agg(e.enumlabel order by e.enumsortorder)
               from pg_enum e where e.enumtypid = t.oid)""",
)

_COMPOSITES = _types(
    "c",
    f"""
    'attributes', (
        select coalesce(jsonb_agg(jsonb_build_object(
            'name', a.attname,
            'type', format_type(a.atttypid, a.atttypmod),
            'collation', case when a.attcollation <> at.typcollation
                              then {_name("cn", "co", "collname")} end,
            'comment', {_comment("a.attrelid", "pg_class", "a.attnum")}) order by a.attnum), '[]')
        from pg_attribute a
        join pg_type at on at.oid = a.atttypid
        left join pg_collation co on co.oid = a.attcollation
        left join pg_namespace cn on cn.oid = co.collnamespace
        where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped)""",
    "join pg_class r on r.oid = t.typrelid and r.relkind = 'c'",
)

_DOMAINS = _types(
    "d",
    f"""
    'type', format_type(t.typbasetype, t.typtypmod),
    'collation', case when t.typcollation <> bt.typcollation
                      then {_name("cn", "co", "collname")} end,
    'default', pg_get_expr(t.typdefaultbin, 0),
    'not_null', t.typnotnull,
    'checks', (
        select coalesce(jsonb_object_agg(k.conname, jsonb_build_object(
            'definition', pg_get_constraintdef(k.oid),
            'validated', k.convalidated,
            'comment', {_comment("k.oid", "pg_constraint")})), '{{}}')
        from pg_constraint k where k.contypid = t.oid and k.contype = 'c')""",
    """join pg_type bt on bt.oid = t.typbasetype
left join pg_collation co on co.oid = t.typcollation
left join pg_namespace cn on cn.oid = co.collnamespace""",
)

_RANGES = _types(
    "r",
    """
    'subtype', format_type(r.rngsubtype, null),
    'collation', (select quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                  from pg_collation co join pg_namespace cn on cn.oid = co.collnamespace
                  where co.oid = r.rngcollation),
    'opclass', (select quote_ident(on_.nspname) || '.' || quote_ident(oc.opcname)
                from pg_opclass oc join pg_namespace on_ on on_.oid = oc.opcnamespace
                where oc.oid = r.rngsubopc),
    'canonical', r.rngcanonical::regproc::text,
    'subdiff', r.rngsubdiff::regproc::text,
    'multirange', format_type(r.rngmultitypid, null)""",
    "join pg_range r on r.rngtypid = t.oid",
)

_POLICIES = f"""
select {_name("n", "c")} || '.' || quote_ident(p.polname), jsonb_build_object(
    'table', {_name("n", "c")},
    'name', p.polname,
    'command', case p.polcmd when 'r' then 'select' when 'a' then 'insert'
                            when 'w' then 'update' when 'd' then 'delete' else 'all' end,
    'permissive', p.polpermissive,
    'roles', (select jsonb_agg(role order by role)
              from (select case when r = 0 then 'public' else pg_get_userbyid(r) end
                    from unnest(p.polroles) r) roles(role)),
    'using', pg_get_expr(p.polqual, p.polrelid),
    'with_check', pg_get_expr(p.polwithcheck, p.polrelid),
    'comment', {_comment("p.oid", "pg_policy")})
from pg_policy p
join pg_class c on c.oid = p.polrelid
join pg_namespace n on n.oid = c.relnamespace
where {_visible()} and {_not_extension_member("pg_class", "c.oid")}
"""

_DEFAULT_PRIVILEGES = f"""
select 'for role ' || quote_ident(pg_get_userbyid(d.defaclrole))
       || coalesce(' in schema ' || quote_ident(n.nspname), '')
       || ' on ' || case d.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences'
                                         when 'f' then 'functions' when 'T' then 'types'
                                         when 'n' then 'schemas'
                                         when 'L' then 'large objects'
                                         else d.defaclobjtype::text end,
  jsonb_build_object('acl', {_sorted_array("d.defaclacl::text[]")})
from pg_default_acl d
left join pg_namespace n on n.oid = d.defaclnamespace
where d.defaclnamespace = 0 or {_visible()}
"""

_COLLATIONS = f"""
select {_name("n", "co", "collname")},
  (to_jsonb(co) - 'oid' - 'collname' - 'collnamespace' - 'collowner' - 'collversion')
  || jsonb_build_object(
    'owner', {_owner("co.collowner")},
    'comment', {_comment("co.oid", "pg_collation")})
from pg_collation co
join pg_namespace n on n.oid = co.collnamespace
where {_visible()} and {_not_extension_member("pg_collation", "co.oid")}
"""

_STATISTICS = f"""
select {_name("n", "s", "stxname")}, jsonb_build_object(
    'table', {_name("tn", "tc")},
    'definition', pg_get_statisticsobjdef(s.oid),
    'target', nullif(s.stxstattarget, -1),
    'columns', {_columns_used("pg_statistic_ext", "s.oid", "s.stxrelid")},
    'owner', {_owner("s.stxowner")},
    'comment', {_comment("s.oid", "pg_statistic_ext")})
from pg_statistic_ext s
join pg_namespace n on n.oid = s.stxnamespace
join pg_class tc on tc.oid = s.stxrelid
join pg_namespace tn on tn.oid = tc.relnamespace
where {_visible()} and {_not_extension_member("pg_statistic_ext", "s.oid")}
"""

_EVENT_TRIGGERS = f"""
select quote_ident(t.evtname), jsonb_build_object(
    'event', t.evtevent,
    'function', t.evtfoid::regprocedure::text,
    'enabled', {_enabled("t.evtenabled")},
    'tags', {_sorted_array("t.evttags")},
    'owner', {_owner("t.evtowner")},
    'comment', {_comment("t.oid", "pg_event_trigger")})
from pg_event_trigger t
where {_not_extension_member("pg_event_trigger", "t.oid")}
"""

# --- foreign data: wrappers, servers, user mappings, foreign tables ----------------------

_FOREIGN_DATA_WRAPPERS = f"""
select quote_ident(w.fdwname), jsonb_build_object(
    'handler', case when w.fdwhandler <> 0 then w.fdwhandler::regproc::text end,
    'validator', case when w.fdwvalidator <> 0 then w.fdwvalidator::regproc::text end,
    'options', {_fdw_options("w.fdwoptions")},
    'owner', {_owner("w.fdwowner")},
    'acl', {_acl("w.fdwacl", "F", "w.fdwowner")},
    'comment', {_comment("w.oid", "pg_foreign_data_wrapper")})
from pg_foreign_data_wrapper w
where {_not_extension_member("pg_foreign_data_wrapper", "w.oid")}
"""

_SERVERS = f"""
select quote_ident(s.srvname), jsonb_build_object(
    'wrapper', quote_ident(w.fdwname),
    'type', s.srvtype,
    'version', s.srvversion,
    'options', {_fdw_options("s.srvoptions")},
    'owner', {_owner("s.srvowner")},
    'acl', {_acl("s.srvacl", "S", "s.srvowner")},
    'comment', {_comment("s.oid", "pg_foreign_server")})
from pg_foreign_server s
join pg_foreign_data_wrapper w on w.oid = s.srvfdw
where {_not_extension_member("pg_foreign_server", "s.oid")}
"""

# pg_user_mapping is for superusers only; pg_user_mappings shows a mapping's options only
# to its own user (with USAGE on the server), to the server's owner (for PUBLIC) and to
# superusers: 'options_hidden' says that they could not be read (canonical.comparable
# then compares neither side's options).
_USER_MAPPINGS = f"""
select 'for ' || quote_ident(m.usename) || ' server ' || quote_ident(m.srvname),
  jsonb_build_object(
    'user', m.usename,
    'server', quote_ident(m.srvname),
    'options', {_fdw_options("m.umoptions")},
    'options_hidden', case when not (
        (m.umuser <> 0 and m.usename = current_user
         and (pg_has_role(s.srvowner, 'USAGE') or has_server_privilege(s.oid, 'USAGE')))
        or (m.umuser = 0 and pg_has_role(s.srvowner, 'USAGE'))
        or coalesce((select r.rolsuper from pg_roles r where r.rolname = current_user), false))
      then true end)
from pg_user_mappings m
join pg_foreign_server s on s.oid = m.srvid
where {_not_extension_member("pg_foreign_server", "s.oid")}
"""

_FOREIGN_TABLES = f"""
select {_name("n", "c")}, jsonb_build_object(
    'server', quote_ident(s.srvname),
    'options', {_fdw_options("ft.ftoptions")},
    -- the columns in their order: pg_dump prints them so, and ADD COLUMN appends
    'columns', (select jsonb_agg(a.attname order by a.attnum) from pg_attribute a
                where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped))
from pg_foreign_table ft
join pg_class c on c.oid = ft.ftrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_foreign_server s on s.oid = ft.ftserver
where {_visible()} and {_not_extension_member("pg_class", "c.oid")}
"""

# casts a user made (a range type's cast to its multirange is the range type's: 'i')
_CASTS = f"""
select format('(%%s AS %%s)', format_type(c.castsource, null), format_type(c.casttarget, null)),
  jsonb_build_object(
    'source', format_type(c.castsource, null),
    'target', format_type(c.casttarget, null),
    'function', nullif(c.castfunc, 0)::regprocedure::text,
    'method', case c.castmethod when 'f' then 'function' when 'i' then 'inout'
                                else 'binary' end,
    'context', case c.castcontext when 'i' then 'implicit' when 'a' then 'assignment'
                                  else 'explicit' end,
    'comment', {_comment("c.oid", "pg_cast")})
from pg_cast c
where c.oid >= 16384
  and not exists (select from pg_depend e where e.classid = 'pg_cast'::regclass
                  and e.objid = c.oid and e.deptype in ('e', 'i'))
"""

# operators a user made (shells, named only as another's commutator or negator and
# never defined, are left out: CREATE OPERATOR makes them again)
_OPERATORS = f"""
select o.oid::regoperator::text, jsonb_build_object(
    'function', o.oprcode::regproc::text,
    'left', format_type(nullif(o.oprleft, 0::oid), null),
    'right', format_type(nullif(o.oprright, 0::oid), null),
    'result', format_type(o.oprresult, null),
    'commutator', nullif(o.oprcom, 0::oid)::regoperator::text,
    'negator', nullif(o.oprnegate, 0::oid)::regoperator::text,
    'restrict', nullif(o.oprrest, 0::oid)::regproc::text,
    'join', nullif(o.oprjoin, 0::oid)::regproc::text,
    'hashes', o.oprcanhash,
    'merges', o.oprcanmerge,
    'owner', {_owner("o.oprowner")},
    'comment', {_comment("o.oid", "pg_operator")})
from pg_operator o
join pg_namespace n on n.oid = o.oprnamespace
where o.oid >= 16384 and o.oprcode <> 0::oid and {_visible()}
  and {_not_extension_member("pg_operator", "o.oid")}
"""

_PUBLICATIONS = f"""
select quote_ident(p.pubname),
  (to_jsonb(p) - 'oid' - 'pubname' - 'pubowner') || jsonb_build_object(
    'tables', (select jsonb_object_agg({_name("rn", "rc")}, jsonb_build_object(
                   'columns', (select jsonb_agg(a.attname order by a.attnum) from pg_attribute a
                               where a.attrelid = pr.prrelid
                                 and a.attnum = any(pr.prattrs::int2[])),
                   'where', pg_get_expr(pr.prqual, pr.prrelid)))
               from pg_publication_rel pr
               join pg_class rc on rc.oid = pr.prrelid
               join pg_namespace rn on rn.oid = rc.relnamespace
               where pr.prpubid = p.oid),
    'schemas', (select jsonb_agg(quote_ident(sn.nspname) order by sn.nspname collate "C")
                from pg_publication_namespace pn join pg_namespace sn on sn.oid = pn.pnnspid
                where pn.pnpubid = p.oid),
    'owner', {_owner("p.pubowner")},
    'comment', {_comment("p.oid", "pg_publication")})
from pg_publication p
where {_not_extension_member("pg_publication", "p.oid")}
"""

_TEXT_SEARCH_DICTIONARIES = f"""
select {_name("n", "d", "dictname")}, jsonb_build_object(
    'template', {_name("tn", "t", "tmplname")},
    'options', d.dictinitoption,
    'owner', {_owner("d.dictowner")},
    'comment', {_comment("d.oid", "pg_ts_dict")})
from pg_ts_dict d
join pg_namespace n on n.oid = d.dictnamespace
join pg_ts_template t on t.oid = d.dicttemplate
join pg_namespace tn on tn.oid = t.tmplnamespace
where {_visible()} and {_not_extension_member("pg_ts_dict", "d.oid")}
"""

_TEXT_SEARCH_CONFIGURATIONS = f"""
select {_name("n", "c", "cfgname")}, jsonb_build_object(
    'parser', {_name("pn", "p", "prsname")},
    'mappings', (select jsonb_object_agg(tt.alias, m.dictionaries) from (
                     select mm.maptokentype, jsonb_agg({_name("dn", "md", "dictname")}
                                                       order by mm.mapseqno) as dictionaries
                     from pg_ts_config_map mm
                     join pg_ts_dict md on md.oid = mm.mapdict
                     join pg_namespace dn on dn.oid = md.dictnamespace
                     where mm.mapcfg = c.oid group by mm.maptokentype) m
                 join ts_token_type(c.cfgparser) tt on tt.tokid = m.maptokentype),
    'owner', {_owner("c.cfgowner")},
    'comment', {_comment("c.oid", "pg_ts_config")})
from pg_ts_config c
join pg_namespace n on n.oid = c.cfgnamespace
join pg_ts_parser p on p.oid = c.cfgparser
join pg_namespace pn on pn.oid = p.prsnamespace
where {_visible()} and {_not_extension_member("pg_ts_config", "c.oid")}
"""

QUERIES: dict[str, str] = {
    "schema": _SCHEMAS,
    "extension": _EXTENSIONS,
    "collation": _COLLATIONS,
    "enum": _ENUMS,
    "composite_type": _COMPOSITES,
    "domain": _DOMAINS,
    "range_type": _RANGES,
    "sequence": _SEQUENCES,
    "identity_sequence": _IDENTITY_SEQUENCES,
    "table": _TABLES,
    "column": _COLUMNS,
    "constraint": _CONSTRAINTS,
    "index": _INDEXES,
    "view": _views("v"),
    "materialized_view": _views("m", _MATVIEW_EXTRA),
    "function": _FUNCTIONS,
    "trigger": _TRIGGERS,
    "rule": _RULES,
    "policy": _POLICIES,
    "statistics": _STATISTICS,
    "default_privilege": _DEFAULT_PRIVILEGES,
    "event_trigger": _EVENT_TRIGGERS,
    "foreign_data_wrapper": _FOREIGN_DATA_WRAPPERS,
    "server": _SERVERS,
    "user_mapping": _USER_MAPPINGS,
    "foreign_table": _FOREIGN_TABLES,
    "cast": _CASTS,
    "operator": _OPERATORS,
    "publication": _PUBLICATIONS,
    "text_search_dictionary": _TEXT_SEARCH_DICTIONARIES,
    "text_search_configuration": _TEXT_SEARCH_CONFIGURATIONS,
}


# What a snapshot holds and how it is spelled: a database kept with a recorded snapshot
# (desired.py) is reused only by the code that would read the same snapshot from it.
FORMAT = hashlib.sha256(
    "\n".join(f"{kind}\t{query}" for kind, query in QUERIES.items()).encode()
).hexdigest()[:16]


# --- taking a snapshot -------------------------------------------------------------------


def snapshot(conn: psycopg.Connection, excluded_schemas: Sequence[str]) -> Snapshot:
    """The schema `conn` sees, including the caller's uncommitted work."""
    return snapshot_and_fingerprint(conn, excluded_schemas)[0]


def snapshot_and_fingerprint(
    conn: psycopg.Connection, excluded_schemas: Sequence[str]
) -> tuple[Snapshot, str]:
    """The snapshot and its fingerprint (as `fingerprint` computes it), from one reading.

    Runs in a savepoint (a transaction under autocommit) that is always rolled back, so
    the settings pinned for stable output do not outlive the call.
    """
    params = {"excluded": list(excluded_schemas)}
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        pin_settings(cur)
        rows = {kind: _collect(cur, query, params) for kind, query in QUERIES.items()}
    digest = hashlib.sha256()
    for kind in sorted(rows):
        for identity, text in sorted(rows[kind]):
            digest.update(f"{kind}\t{identity}\t{text}\n".encode())
    return {kind: _parse(r) for kind, r in rows.items()}, digest.hexdigest()


def _parse(rows: list[tuple[str, str]]) -> dict[str, Any]:
    """One json.loads for all of a kind's rows: the decoder then shares one string per
    key name across them (thousands of columns repeat the same dozen keys)."""
    values = json.loads("[" + ",".join(text for _, text in rows) + "]")
    return dict(zip((identity for identity, _ in rows), values, strict=True))


def fingerprint(conn: psycopg.Connection, excluded_schemas: Sequence[str]) -> str:
    """sha256 over every object's kind, identity and attributes (their jsonb text, which
    orders keys canonically), in code point order: equal schemas, equal fingerprints.

    Computed by the server, so a plan that finds two fingerprints equal has moved no
    catalog rows and parsed no JSON.
    """
    rows = " union all ".join(
        f"select '{kind}' as kind, identity, jsonb_strip_nulls(attrs)::text as attrs"
        f" from ({query}) q{n}(identity, attrs)"
        for n, (kind, query) in enumerate(QUERIES.items())
    )
    line = "kind || E'\\t' || identity || E'\\t' || attrs || E'\\n'"
    order = 'kind collate "C", identity collate "C"'
    query = (
        f"select encode(sha256(convert_to(coalesce(string_agg({line}, '' order by {order}),"
        f" ''), 'UTF8')), 'hex') from ({rows}) o"
    )
    params = {"excluded": list(excluded_schemas)}
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        pin_settings(cur)
        cur.execute(query, params)
        return cur.fetchone()[0]


def sequence_positions(
    conn: psycopg.Connection, current: Snapshot, desired: Snapshot
) -> dict[str, int]:
    """The current value (`last_value`, what PostgreSQL checks new bounds against) of
    every target sequence, and identity column (keyed by the column), whose MINVALUE or
    MAXVALUE the desired schema changes: a value outside the new bounds must be
    restarted (`gaps.sequences`). Not part of the snapshot: it is data, not schema."""
    found: dict[str, str] = {}
    wanted = desired.get("sequence", {})
    for identity, have in current.get("sequence", {}).items():
        if _bounds_move(have, wanted.get(identity)):
            found[identity] = identity
    columns = desired.get("column", {})
    for identity, have in current.get("column", {}).items():
        want = columns.get(identity) or {}
        if have.get("identity") and want.get("identity"):
            if _bounds_move(have["identity"]["sequence"], want["identity"]["sequence"]):
                row = conn.execute(
                    "SELECT pg_get_serial_sequence(%s, quote_ident(%s))",
                    (have["table"], have["name"]),
                ).fetchone()
                if row is not None and row[0] is not None:
                    found[identity] = row[0]
    positions = {}
    for identity, sequence in found.items():
        query = sql.SQL("SELECT last_value FROM {}").format(sql.Identifier(*split_name(sequence)))
        try:
            with conn.transaction():  # a savepoint: a refusal leaves the session usable
                positions[identity] = int(conn.execute(query).fetchone()[0])
        except psycopg.errors.InsufficientPrivilege:
            continue  # unknown: no RESTART is planned; apply fails if it was needed
    return positions


def _bounds_move(have: dict[str, Any], want: dict[str, Any] | None) -> bool:
    return want is not None and (have["min"], have["max"]) != (want["min"], want["max"])


def pin_settings(cur: psycopg.Cursor) -> None:
    """Pin the settings deparsed text depends on, for the caller's transaction."""
    calls = ", ".join(["set_config(%s, %s, true)"] * len(_PINNED_SETTINGS))
    cur.execute(f"select {calls}", [part for item in _PINNED_SETTINGS.items() for part in item])


def _collect(cur: psycopg.Cursor, query: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    # jsonb_strip_nulls: an absent attribute means NULL, which keeps snapshots small; as
    # text, the form both fingerprints hash.
    cur.execute(
        f"select identity, jsonb_strip_nulls(attrs)::text from ({query}) q(identity, attrs)",
        params,
    )
    return cur.fetchall()


# --- comparing snapshots -----------------------------------------------------------------


def differences(expected: Snapshot, actual: Snapshot) -> list[str]:
    """One sorted line per difference; `expected` is the desired schema, `actual` the target.

    Empty when the snapshots are equal.
    """
    lines: list[str] = []
    for kind in expected.keys() | actual.keys():
        lines += _kind_differences(kind, expected.get(kind, {}), actual.get(kind, {}))
    return sorted(lines)


def _kind_differences(kind: str, expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    label = kind.replace("_", " ")
    lines = [f"missing in target: {label} {ident}" for ident in expected.keys() - actual.keys()]
    lines += [f"unexpected in target: {label} {ident}" for ident in actual.keys() - expected.keys()]
    for ident in expected.keys() & actual.keys():
        lines += _shown_differences(f"{label} {ident}:", expected[ident], actual[ident])
    return lines


def _masked(value: Any) -> Any:
    return masked_attrs(value) if isinstance(value, dict) else masked_options(value)


def _shown_differences(where: str, expected: Any, actual: Any) -> list[str]:
    """`_value_differences` with secret option values (a user mapping's password)
    masked: a difference only in one says so without showing either."""
    shown_expected, shown_actual = _masked(expected), _masked(actual)
    lines = _value_differences(where, shown_expected, shown_actual)
    if not lines and expected != actual:
        lines = [f"{where} a secret option value differs (not shown)"]
    return lines


def _value_differences(where: str, expected: Any, actual: Any) -> list[str]:
    """Descend into dictionaries so a line names the attribute (`identity.increment`)."""
    if expected == actual:
        return []
    if isinstance(expected, dict) and isinstance(actual, dict):
        lines: list[str] = []
        for key in sorted(expected.keys() | actual.keys()):
            path = f"{where} {key}" if where.endswith(":") else f"{where}.{key}"
            lines += _value_differences(path, expected.get(key), actual.get(key))
        return lines
    return [f"{where} {_show_pair(expected, actual)}"]


Difference = tuple[str, str, str | None, list[str]]


def difference_keys(expected: Snapshot, actual: Snapshot) -> list[Difference]:
    """The differences `differences` prints, by object: (kind, identity, attribute, its
    lines), the attribute None for an object missing or unexpected in `actual`. The
    online apply checks what its core leaves by these keys, not by the lines' text."""
    found: list[Difference] = []
    for kind in sorted(expected.keys() | actual.keys()):
        want, have = expected.get(kind, {}), actual.get(kind, {})
        label = kind.replace("_", " ")
        for ident in sorted(want.keys() - have.keys()):
            found.append((kind, ident, None, [f"missing in target: {label} {ident}"]))
        for ident in sorted(have.keys() - want.keys()):
            found.append((kind, ident, None, [f"unexpected in target: {label} {ident}"]))
        for ident in sorted(want.keys() & have.keys()):
            a, b = want[ident], have[ident]
            if a == b or not (isinstance(a, dict) and isinstance(b, dict)):
                lines = _shown_differences(f"{label} {ident}:", a, b)
                if lines:
                    found.append((kind, ident, None, lines))
                continue
            for key in sorted(a.keys() | b.keys()):
                lines = _shown_differences(f"{label} {ident}: {key}", a.get(key), b.get(key))
                if lines:
                    found.append((kind, ident, key, lines))
    return found


_SHORT = 60


def _show_pair(expected: Any, actual: Any) -> str:
    if (
        isinstance(expected, str)
        and isinstance(actual, str)
        and max(len(expected), len(actual)) > _SHORT
    ):
        # Long definitions: show where they part, not two pages on one line.
        at = _common_prefix_length(expected, actual)
        start = max(0, at - 20)
        return (
            f"differ at character {at + 1}: "
            f"{_show('…' * (start > 0) + expected[start : at + 30])} != "
            f"{_show('…' * (start > 0) + actual[start : at + 30])}"
        )
    return f"{_show(expected)} != {_show(actual)}"


def _common_prefix_length(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
