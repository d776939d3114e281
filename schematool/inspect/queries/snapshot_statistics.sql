-- Snapshot kind `statistics`: extended statistics objects
select quote_ident(n.nspname) || '.' || quote_ident(s.stxname), jsonb_build_object(
    'table', quote_ident(tn.nspname) || '.' || quote_ident(tc.relname),
    'definition', pg_get_statisticsobjdef(s.oid),
    'target', nullif(s.stxstattarget, -1),
    'columns', (select jsonb_agg(u.attname order by u.attname)
                from (select distinct ua.attname
                      from pg_depend ud
                      join pg_attribute ua
                        on ua.attrelid = ud.refobjid and ua.attnum = ud.refobjsubid
                      where ud.classid = 'pg_statistic_ext'::regclass and ud.objid = s.oid
                        and ud.refclassid = 'pg_class'::regclass and ud.refobjid = s.stxrelid
                        and ud.refobjsubid > 0) u),
    'owner', pg_get_userbyid(s.stxowner),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = s.oid and ds.classoid = 'pg_statistic_ext'::regclass
                  and ds.objsubid = 0))
from pg_statistic_ext s
join pg_namespace n on n.oid = s.stxnamespace
join pg_class tc on tc.oid = s.stxrelid
join pg_namespace tn on tn.oid = tc.relnamespace
where (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_statistic_ext'::regclass and e.objid = s.oid
                    and e.deptype = 'e')
