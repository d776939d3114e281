-- Snapshot kind `domain`: domains, their CHECK constraints by name
select quote_ident(n.nspname) || '.' || quote_ident(t.typname), jsonb_build_object(
    'type', format_type(t.typbasetype, t.typtypmod),
    'collation', case when t.typcollation <> bt.typcollation
                      then quote_ident(cn.nspname) || '.' || quote_ident(co.collname) end,
    'default', pg_get_expr(t.typdefaultbin, 0),
    'not_null', t.typnotnull,
    'checks', (
        select coalesce(jsonb_object_agg(k.conname, jsonb_build_object(
            'definition', pg_get_constraintdef(k.oid),
            'validated', k.convalidated,
            'comment', (select ds.description
                        from pg_description ds
                        where ds.objoid = k.oid and ds.classoid = 'pg_constraint'::regclass
                          and ds.objsubid = 0))), '{}')
        from pg_constraint k where k.contypid = t.oid and k.contype = 'c'),
    'owner', pg_get_userbyid(t.typowner),
    'acl', (select coalesce(jsonb_agg(a::text order by n), '[]'::jsonb)
            from unnest(coalesce(t.typacl, acldefault('T', t.typowner))) with ordinality as a(a, n)),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = t.oid and ds.classoid = 'pg_type'::regclass and ds.objsubid = 0))
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
join pg_type bt on bt.oid = t.typbasetype
left join pg_collation co on co.oid = t.typcollation
left join pg_namespace cn on cn.oid = co.collnamespace
where t.typtype = 'd' and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_type'::regclass and e.objid = t.oid and e.deptype = 'e')
