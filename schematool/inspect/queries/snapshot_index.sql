-- Snapshot kind `index`: indexes, the ones constraints own included (`constraint` names
-- it)
select quote_ident(n.nspname) || '.' || quote_ident(ic.relname), jsonb_build_object(
    'table', quote_ident(tn.nspname) || '.' || quote_ident(c.relname),
    'definition', pg_get_indexdef(i.indexrelid),
    'constraint', k.conname,
    'partition_of', (select quote_ident(pn.nspname) || '.' || quote_ident(pc.relname)
                     from pg_inherits h
                     join pg_class pc on pc.oid = h.inhparent
                     join pg_namespace pn on pn.oid = pc.relnamespace
                     where h.inhrelid = i.indexrelid),
    'clustered', i.indisclustered,
    'replica_identity', i.indisreplident,
    'valid', i.indisvalid,
    'tablespace', ts.spcname,
    'statistics', (select jsonb_object_agg(ia.attnum, ia.attstattarget) from pg_attribute ia
                   where ia.attrelid = i.indexrelid and ia.attstattarget >= 0),
    'columns', (select jsonb_agg(u.attname order by u.attname)
                from (select distinct ua.attname
                      from pg_depend ud
                      join pg_attribute ua
                        on ua.attrelid = ud.refobjid and ua.attnum = ud.refobjsubid
                      where ud.classid = 'pg_class'::regclass and ud.objid = i.indexrelid
                        and ud.refclassid = 'pg_class'::regclass and ud.refobjid = i.indrelid
                        and ud.refobjsubid > 0) u),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = i.indexrelid and ds.classoid = 'pg_class'::regclass
                  and ds.objsubid = 0))
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
join pg_namespace n on n.oid = ic.relnamespace
join pg_class c on c.oid = i.indrelid
join pg_namespace tn on tn.oid = c.relnamespace
left join pg_tablespace ts on ts.oid = ic.reltablespace
left join pg_constraint k on k.conindid = i.indexrelid and k.conrelid = i.indrelid
                         and k.contype in ('p', 'u', 'x')
where c.relkind in ('r', 'p', 'm', 'f') and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
  and not exists (select from pg_depend e
                  where e.classid = 'pg_class'::regclass and e.objid = ic.oid and e.deptype = 'e')
