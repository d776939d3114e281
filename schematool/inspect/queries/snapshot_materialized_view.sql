-- Snapshot kind `materialized_view`: materialized views
select quote_ident(n.nspname) || '.' || quote_ident(c.relname), jsonb_build_object(
    'definition', pg_get_viewdef(c.oid),  -- pretty would hide how it is parenthesized
    'options', (select coalesce(jsonb_agg(o order by n), '[]'::jsonb)
                from unnest(c.reloptions) with ordinality u(o, n)),
    'owner', pg_get_userbyid(c.relowner),
    'acl', (select coalesce(jsonb_agg(a::text order by n), '[]'::jsonb)
            from unnest(coalesce(c.relacl, acldefault('r', c.relowner))) with ordinality as a(a, n)),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = c.oid and ds.classoid = 'pg_class'::regclass and ds.objsubid = 0),
    'access_method', am.amname,
    'tablespace', ts.spcname)
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
left join pg_am am on am.oid = c.relam
left join pg_tablespace ts on ts.oid = c.reltablespace
where c.relkind = 'm' and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
