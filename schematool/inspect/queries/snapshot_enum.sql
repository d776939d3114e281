-- Snapshot kind `enum`: enum types, labels in their sort order
select quote_ident(n.nspname) || '.' || quote_ident(t.typname), jsonb_build_object(
    'labels', (select jsonb_agg(e.enumlabel order by e.enumsortorder)
               from pg_enum e where e.enumtypid = t.oid),
    'owner', pg_get_userbyid(t.typowner),
    'acl', (select coalesce(jsonb_agg(a::text order by n), '[]'::jsonb)
            from unnest(coalesce(t.typacl, acldefault('T', t.typowner))) with ordinality as a(a, n)),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = t.oid and ds.classoid = 'pg_type'::regclass and ds.objsubid = 0))
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
where t.typtype = 'e' and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_type'::regclass and e.objid = t.oid and e.deptype = 'e')
