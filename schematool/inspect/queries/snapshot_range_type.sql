-- Snapshot kind `range_type`: range types (their constructors and multirange come and go
-- with them)
select quote_ident(n.nspname) || '.' || quote_ident(t.typname), jsonb_build_object(
    'subtype', format_type(r.rngsubtype, null),
    'collation', (select quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                  from pg_collation co join pg_namespace cn on cn.oid = co.collnamespace
                  where co.oid = r.rngcollation),
    'opclass', (select quote_ident(on_.nspname) || '.' || quote_ident(oc.opcname)
                from pg_opclass oc join pg_namespace on_ on on_.oid = oc.opcnamespace
                where oc.oid = r.rngsubopc),
    'canonical', r.rngcanonical::regproc::text,
    'subdiff', r.rngsubdiff::regproc::text,
    'multirange', format_type(r.rngmultitypid, null),
    'owner', pg_get_userbyid(t.typowner),
    'acl', (select coalesce(jsonb_agg(a::text order by n), '[]'::jsonb)
            from unnest(coalesce(t.typacl, acldefault('T', t.typowner))) with ordinality as a(a, n)),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = t.oid and ds.classoid = 'pg_type'::regclass and ds.objsubid = 0))
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
join pg_range r on r.rngtypid = t.oid
where t.typtype = 'r' and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_type'::regclass and e.objid = t.oid and e.deptype = 'e')
