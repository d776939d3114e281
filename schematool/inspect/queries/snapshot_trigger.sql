-- Snapshot kind `trigger`: user triggers (not the internal ones PostgreSQL makes for
-- constraints), as table.name
select quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || quote_ident(t.tgname),
  jsonb_build_object(
    'table', quote_ident(n.nspname) || '.' || quote_ident(c.relname),
    'name', t.tgname,
    'definition', pg_get_triggerdef(t.oid),
    'enabled', case t.tgenabled when 'O' then 'enabled' when 'D' then 'disabled'
                                when 'R' then 'replica' else 'always' end,
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = t.oid and ds.classoid = 'pg_trigger'::regclass
                  and ds.objsubid = 0))
from pg_trigger t
join pg_class c on c.oid = t.tgrelid
join pg_namespace n on n.oid = c.relnamespace
where not t.tgisinternal and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
