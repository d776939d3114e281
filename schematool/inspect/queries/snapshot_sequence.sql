-- Snapshot kind `sequence`: sequences that are not an identity column's
select quote_ident(n.nspname) || '.' || quote_ident(c.relname), jsonb_build_object(
    'type', format_type(s.seqtypid, null),
    'start', s.seqstart, 'increment', s.seqincrement,
    'min', s.seqmin, 'max', s.seqmax, 'cache', s.seqcache, 'cycle', s.seqcycle,
    'persistence', case c.relpersistence when 'u' then 'unlogged' else 'logged' end,
    'owned_by', (select quote_ident(tn.nspname) || '.' || quote_ident(tc.relname)
                        || '.' || quote_ident(ta.attname)
                 from pg_depend d
                 join pg_class tc on tc.oid = d.refobjid
                 join pg_namespace tn on tn.oid = tc.relnamespace
                 join pg_attribute ta on ta.attrelid = d.refobjid and ta.attnum = d.refobjsubid
                 where d.classid = 'pg_class'::regclass and d.objid = c.oid
                   and d.refclassid = 'pg_class'::regclass and d.deptype = 'a'),
    'owner', pg_get_userbyid(c.relowner),
    'acl', (select coalesce(jsonb_agg(a::text order by n), '[]'::jsonb)
            from unnest(coalesce(c.relacl, acldefault('s', c.relowner))) with ordinality as a(a, n)),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = c.oid and ds.classoid = 'pg_class'::regclass and ds.objsubid = 0))
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_sequence s on s.seqrelid = c.oid
where c.relkind = 'S' and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
  -- identity sequences: their options live on the column, the rest in identity_sequence
  and not exists (select from pg_depend d where d.classid = 'pg_class'::regclass
                  and d.objid = c.oid and d.deptype = 'i')
