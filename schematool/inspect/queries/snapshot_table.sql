-- Snapshot kind `table`: tables, partitioned tables and foreign tables (their relation
-- attributes; a foreign table's server and options: `foreign_table`)
select quote_ident(n.nspname) || '.' || quote_ident(c.relname), jsonb_build_object(
    'kind', case c.relkind when 'r' then 'table' when 'p' then 'partitioned table'
                           else 'foreign table' end,
    'persistence', case c.relpersistence when 'u' then 'unlogged' else 'logged' end,
    'options', (select coalesce(jsonb_agg(o order by n), '[]'::jsonb)
                from unnest(c.reloptions) with ordinality u(o, n)),
    'rls', c.relrowsecurity,
    'rls_forced', c.relforcerowsecurity,
    'replica_identity', case c.relreplident when 'd' then 'default' when 'n' then 'nothing'
                             when 'f' then 'full' else 'index' end,
    'partition_key', case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end,
    'partition_of', case when c.relispartition then parents.names ->> 0 end,
    'partition_bound', pg_get_expr(c.relpartbound, c.oid),
    'inherits', case when not c.relispartition then parents.names end,
    'toast_options', (select (select coalesce(jsonb_agg(o order by n), '[]'::jsonb)
                              from unnest(tc.reloptions) with ordinality u(o, n))
                      from pg_class tc
                      where tc.oid = c.reltoastrelid and tc.reloptions is not null),
    'access_method', am.amname,
    'tablespace', ts.spcname,
    'owner', pg_get_userbyid(c.relowner),
    'acl', (select coalesce(jsonb_agg(a::text order by n), '[]'::jsonb)
            from unnest(coalesce(c.relacl, acldefault('r', c.relowner))) with ordinality as a(a, n)),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = c.oid and ds.classoid = 'pg_class'::regclass and ds.objsubid = 0))
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
left join pg_am am on am.oid = c.relam
left join pg_tablespace ts on ts.oid = c.reltablespace
cross join lateral (
    select coalesce(jsonb_agg(quote_ident(pn.nspname) || '.' || quote_ident(pc.relname)
                              order by i.inhseqno), '[]'::jsonb) as names
    from pg_inherits i
    join pg_class pc on pc.oid = i.inhparent
    join pg_namespace pn on pn.oid = pc.relnamespace
    where i.inhrelid = c.oid) parents
where c.relkind in ('r', 'p', 'f') and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
