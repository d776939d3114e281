-- Snapshot kind `collation`: user collations
select quote_ident(n.nspname) || '.' || quote_ident(co.collname),
  (to_jsonb(co) - 'oid' - 'collname' - 'collnamespace' - 'collowner' - 'collversion')
  || jsonb_build_object(
    'owner', pg_get_userbyid(co.collowner),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = co.oid and ds.classoid = 'pg_collation'::regclass
                  and ds.objsubid = 0))
from pg_collation co
join pg_namespace n on n.oid = co.collnamespace
where (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_collation'::regclass and e.objid = co.oid
                    and e.deptype = 'e')
