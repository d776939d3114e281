-- Snapshot kind `schema`: user schemas (not pg_catalog, information_schema, pg_toast*,
-- pg_temp*, the excluded ones)
select quote_ident(n.nspname), jsonb_build_object(
    'owner', pg_get_userbyid(n.nspowner),
    'acl', (select coalesce(jsonb_agg(a::text order by n), '[]'::jsonb)
            from unnest(coalesce(n.nspacl, acldefault('n', n.nspowner))) with ordinality as a(a, n)),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = n.oid and ds.classoid = 'pg_namespace'::regclass
                  and ds.objsubid = 0))
from pg_namespace n
where (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_namespace'::regclass and e.objid = n.oid
                    and e.deptype = 'e')
