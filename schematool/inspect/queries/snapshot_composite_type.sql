-- Snapshot kind `composite_type`: composite types (a table's row type is the table)
select quote_ident(n.nspname) || '.' || quote_ident(t.typname), jsonb_build_object(
    'attributes', (
        select coalesce(jsonb_agg(jsonb_build_object(
            'name', a.attname,
            'type', format_type(a.atttypid, a.atttypmod),
            'collation', case when a.attcollation <> at.typcollation
                              then quote_ident(cn.nspname) || '.' || quote_ident(co.collname) end,
            'comment', (select ds.description
                        from pg_description ds
                        where ds.objoid = a.attrelid and ds.classoid = 'pg_class'::regclass
                          and ds.objsubid = a.attnum)) order by a.attnum), '[]')
        from pg_attribute a
        join pg_type at on at.oid = a.atttypid
        left join pg_collation co on co.oid = a.attcollation
        left join pg_namespace cn on cn.oid = co.collnamespace
        where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped),
    'owner', pg_get_userbyid(t.typowner),
    'acl', (select coalesce(jsonb_agg(a::text order by n), '[]'::jsonb)
            from unnest(coalesce(t.typacl, acldefault('T', t.typowner))) with ordinality as a(a, n)),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = t.oid and ds.classoid = 'pg_type'::regclass and ds.objsubid = 0))
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
join pg_class r on r.oid = t.typrelid and r.relkind = 'c'
where t.typtype = 'c' and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_type'::regclass and e.objid = t.oid and e.deptype = 'e')
