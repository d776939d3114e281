-- Snapshot kind `server`: foreign servers
select quote_ident(s.srvname), jsonb_build_object(
    'wrapper', quote_ident(w.fdwname),
    'type', s.srvtype,
    'version', s.srvversion,
    'options', (select jsonb_agg(jsonb_build_array(o.option_name, o.option_value) order by o.n)
                from pg_options_to_table(s.srvoptions)
                     with ordinality o(option_name, option_value, n)),
    'owner', pg_get_userbyid(s.srvowner),
    'acl', (select coalesce(jsonb_agg(a::text order by n), '[]'::jsonb)
            from unnest(coalesce(s.srvacl, acldefault('S', s.srvowner))) with ordinality as a(a, n)),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = s.oid and ds.classoid = 'pg_foreign_server'::regclass
                  and ds.objsubid = 0))
from pg_foreign_server s
join pg_foreign_data_wrapper w on w.oid = s.srvfdw
where not exists (select from pg_depend e
                  where e.classid = 'pg_foreign_server'::regclass and e.objid = s.oid
                    and e.deptype = 'e')
