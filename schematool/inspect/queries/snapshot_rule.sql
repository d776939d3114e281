-- Snapshot kind `rule`: rules, but a view's _RETURN (the view itself), as table.name
select quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || quote_ident(r.rulename),
  jsonb_build_object(
    'table', quote_ident(n.nspname) || '.' || quote_ident(c.relname),
    'name', r.rulename,
    'definition', pg_get_ruledef(r.oid),
    'enabled', case r.ev_enabled when 'O' then 'enabled' when 'D' then 'disabled'
                                 when 'R' then 'replica' else 'always' end,
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = r.oid and ds.classoid = 'pg_rewrite'::regclass
                  and ds.objsubid = 0))
from pg_rewrite r
join pg_class c on c.oid = r.ev_class
join pg_namespace n on n.oid = c.relnamespace
where r.rulename <> '_RETURN' and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
