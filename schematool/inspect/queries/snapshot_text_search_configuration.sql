-- Snapshot kind `text_search_configuration`: text search configurations, their mappings by
-- token type
select quote_ident(n.nspname) || '.' || quote_ident(c.cfgname), jsonb_build_object(
    'parser', quote_ident(pn.nspname) || '.' || quote_ident(p.prsname),
    'mappings', (select jsonb_object_agg(tt.alias, m.dictionaries) from (
                     select mm.maptokentype,
                            jsonb_agg(quote_ident(dn.nspname) || '.' || quote_ident(md.dictname)
                                      order by mm.mapseqno) as dictionaries
                     from pg_ts_config_map mm
                     join pg_ts_dict md on md.oid = mm.mapdict
                     join pg_namespace dn on dn.oid = md.dictnamespace
                     where mm.mapcfg = c.oid group by mm.maptokentype) m
                 join ts_token_type(c.cfgparser) tt on tt.tokid = m.maptokentype),
    'owner', pg_get_userbyid(c.cfgowner),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = c.oid and ds.classoid = 'pg_ts_config'::regclass
                  and ds.objsubid = 0))
from pg_ts_config c
join pg_namespace n on n.oid = c.cfgnamespace
join pg_ts_parser p on p.oid = c.cfgparser
join pg_namespace pn on pn.oid = p.prsnamespace
where (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_ts_config'::regclass and e.objid = c.oid
                    and e.deptype = 'e')
