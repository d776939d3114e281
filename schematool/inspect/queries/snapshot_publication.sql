-- Snapshot kind `publication`: publications, their tables (columns, WHERE) and schemas
select quote_ident(p.pubname),
  (to_jsonb(p) - 'oid' - 'pubname' - 'pubowner') || jsonb_build_object(
    'tables', (select jsonb_object_agg(quote_ident(rn.nspname) || '.' || quote_ident(rc.relname),
                                       jsonb_build_object(
                   'columns', (select jsonb_agg(a.attname order by a.attnum) from pg_attribute a
                               where a.attrelid = pr.prrelid
                                 and a.attnum = any(pr.prattrs::int2[])),
                   'where', pg_get_expr(pr.prqual, pr.prrelid)))
               from pg_publication_rel pr
               join pg_class rc on rc.oid = pr.prrelid
               join pg_namespace rn on rn.oid = rc.relnamespace
               where pr.prpubid = p.oid),
    'schemas', (select jsonb_agg(quote_ident(sn.nspname) order by sn.nspname collate "C")
                from pg_publication_namespace pn join pg_namespace sn on sn.oid = pn.pnnspid
                where pn.pnpubid = p.oid),
    'owner', pg_get_userbyid(p.pubowner),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = p.oid and ds.classoid = 'pg_publication'::regclass
                  and ds.objsubid = 0))
from pg_publication p
where not exists (select from pg_depend e
                  where e.classid = 'pg_publication'::regclass and e.objid = p.oid
                    and e.deptype = 'e')
