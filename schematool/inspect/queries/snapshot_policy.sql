-- Snapshot kind `policy`: row-level security policies, as table.name
select quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || quote_ident(p.polname),
  jsonb_build_object(
    'table', quote_ident(n.nspname) || '.' || quote_ident(c.relname),
    'name', p.polname,
    'command', case p.polcmd when 'r' then 'select' when 'a' then 'insert'
                            when 'w' then 'update' when 'd' then 'delete' else 'all' end,
    'permissive', p.polpermissive,
    'roles', (select jsonb_agg(role order by role)
              from (select case when r = 0 then 'public' else pg_get_userbyid(r) end
                    from unnest(p.polroles) r) roles(role)),
    'using', pg_get_expr(p.polqual, p.polrelid),
    'with_check', pg_get_expr(p.polwithcheck, p.polrelid),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = p.oid and ds.classoid = 'pg_policy'::regclass
                  and ds.objsubid = 0))
from pg_policy p
join pg_class c on c.oid = p.polrelid
join pg_namespace n on n.oid = c.relnamespace
where (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
