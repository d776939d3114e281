-- Snapshot kind `column`: columns of tables, views, materialized views and foreign tables,
-- identified as table.column
select quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || quote_ident(a.attname),
  jsonb_build_object(
    'table', quote_ident(n.nspname) || '.' || quote_ident(c.relname),
    'name', a.attname,
    'type', format_type(a.atttypid, a.atttypmod),
    'not_null', a.attnotnull,
    'not_null_not_valid', case when nn.convalidated = false then true end,
    'not_null_name', nn.conname,
    'not_null_no_inherit', case when nn.connoinherit then true end,
    'not_null_local', case when nn.conislocal and nn.coninhcount > 0 then true end,
    'default', case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end,
    'generated', case when a.attgenerated <> '' then jsonb_build_object(
        'kind', case a.attgenerated when 's' then 'stored' else 'virtual' end,
        'expression', pg_get_expr(d.adbin, d.adrelid)) end,
    'identity', case when a.attidentity <> '' then jsonb_build_object(
        'kind', case a.attidentity when 'a' then 'always' else 'by default' end,
        'sequence', idseq.options) end,
    'collation', case when a.attcollation <> t.typcollation
                      then quote_ident(cn.nspname) || '.' || quote_ident(co.collname) end,
    'storage', case when a.attstorage <> t.typstorage
                    then case a.attstorage when 'p' then 'plain' when 'e' then 'external'
                                           when 'm' then 'main' else 'extended' end end,
    'compression', nullif(a.attcompression::text, ''),
    'statistics', nullif(a.attstattarget, -1),
    'options', case when a.attoptions is not null
                    then (select coalesce(jsonb_agg(o order by n), '[]'::jsonb)
                          from unnest(a.attoptions) with ordinality u(o, n)) end,
    'fdw_options', (select jsonb_agg(jsonb_build_array(o.option_name, o.option_value) order by o.n)
                    from pg_options_to_table(a.attfdwoptions)
                         with ordinality o(option_name, option_value, n)),
    'inherited', a.attinhcount > 0,
    'local', a.attislocal,
    'acl', (select coalesce(jsonb_agg(a::text order by n), '[]'::jsonb)
            from unnest(coalesce(a.attacl, '{}'::aclitem[])) with ordinality as a(a, n)),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = a.attrelid and ds.classoid = 'pg_class'::regclass
                  and ds.objsubid = a.attnum))
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_type t on t.oid = a.atttypid
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
left join pg_collation co on co.oid = a.attcollation
left join pg_namespace cn on cn.oid = co.collnamespace
left join lateral (  -- PostgreSQL 18 keeps NOT NULL as named constraints, maybe NOT VALID
    select k.conname, k.convalidated, k.connoinherit, k.conislocal, k.coninhcount
    from pg_constraint k
    where k.conrelid = a.attrelid and k.contype = 'n' and k.conkey[1] = a.attnum) nn on true
left join lateral (
    select jsonb_build_object(
        'type', format_type(s.seqtypid, null), 'start', s.seqstart,
        'increment', s.seqincrement, 'min', s.seqmin, 'max', s.seqmax,
        'cache', s.seqcache, 'cycle', s.seqcycle) as options
    from pg_depend dep join pg_sequence s on s.seqrelid = dep.objid
    where dep.classid = 'pg_class'::regclass and dep.refclassid = 'pg_class'::regclass
      and dep.refobjid = a.attrelid and dep.refobjsubid = a.attnum
      and dep.deptype = 'i') idseq on a.attidentity <> ''
where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'f', 'v', 'm')
  and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
