-- Snapshot kind `text_search_dictionary`: text search dictionaries
select quote_ident(n.nspname) || '.' || quote_ident(d.dictname), jsonb_build_object(
    'template', quote_ident(tn.nspname) || '.' || quote_ident(t.tmplname),
    'options', d.dictinitoption,
    'owner', pg_get_userbyid(d.dictowner),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = d.oid and ds.classoid = 'pg_ts_dict'::regclass
                  and ds.objsubid = 0))
from pg_ts_dict d
join pg_namespace n on n.oid = d.dictnamespace
join pg_ts_template t on t.oid = d.dicttemplate
join pg_namespace tn on tn.oid = t.tmplnamespace
where (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_ts_dict'::regclass and e.objid = d.oid and e.deptype = 'e')
