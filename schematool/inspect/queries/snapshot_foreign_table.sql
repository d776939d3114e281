-- Snapshot kind `foreign_table`: a foreign table's server, options and columns (the rest
-- is `table`)
select quote_ident(n.nspname) || '.' || quote_ident(c.relname), jsonb_build_object(
    'server', quote_ident(s.srvname),
    'options', (select jsonb_agg(jsonb_build_array(o.option_name, o.option_value) order by o.n)
                from pg_options_to_table(ft.ftoptions)
                     with ordinality o(option_name, option_value, n)),
    -- the columns in their order: pg_dump prints them so, and ADD COLUMN appends
    'columns', (select jsonb_agg(a.attname order by a.attnum) from pg_attribute a
                where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped))
from pg_foreign_table ft
join pg_class c on c.oid = ft.ftrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_foreign_server s on s.oid = ft.ftserver
where (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
