-- Snapshot kind `default_privilege`: ALTER DEFAULT PRIVILEGES entries, by role, schema and
-- object type
select 'for role ' || quote_ident(pg_get_userbyid(d.defaclrole))
       || coalesce(' in schema ' || quote_ident(n.nspname), '')
       || ' on ' || case d.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences'
                                         when 'f' then 'functions' when 'T' then 'types'
                                         when 'n' then 'schemas'
                                         when 'L' then 'large objects'
                                         else d.defaclobjtype::text end,
  jsonb_build_object('acl', (select coalesce(jsonb_agg(o order by o), '[]'::jsonb)
                             from unnest(d.defaclacl::text[]) o))
from pg_default_acl d
left join pg_namespace n on n.oid = d.defaclnamespace
where d.defaclnamespace = 0 or (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
