-- Snapshot kind `identity_sequence`: an identity column's sequence: what is not the
-- column's own (its options are the column's: `column`)
select quote_ident(n.nspname) || '.' || quote_ident(c.relname), jsonb_build_object(
    'table', quote_ident(tn.nspname) || '.' || quote_ident(tc.relname),
    'column', quote_ident(tn.nspname) || '.' || quote_ident(tc.relname)
              || '.' || quote_ident(ta.attname),
    'persistence', case c.relpersistence when 'u' then 'unlogged' else 'logged' end,
    'owner', pg_get_userbyid(c.relowner),
    'acl', (select coalesce(jsonb_agg(a::text order by n), '[]'::jsonb)
            from unnest(coalesce(c.relacl, acldefault('s', c.relowner))) with ordinality as a(a, n)),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = c.oid and ds.classoid = 'pg_class'::regclass and ds.objsubid = 0))
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = c.oid
                and d.refclassid = 'pg_class'::regclass and d.deptype = 'i'
join pg_class tc on tc.oid = d.refobjid
join pg_namespace tn on tn.oid = tc.relnamespace
join pg_attribute ta on ta.attrelid = d.refobjid and ta.attnum = d.refobjsubid
where c.relkind = 'S' and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
