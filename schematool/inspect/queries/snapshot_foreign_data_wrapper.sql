-- Snapshot kind `foreign_data_wrapper`: foreign-data wrappers
select quote_ident(w.fdwname), jsonb_build_object(
    'handler', case when w.fdwhandler <> 0 then w.fdwhandler::regproc::text end,
    'validator', case when w.fdwvalidator <> 0 then w.fdwvalidator::regproc::text end,
    'options', (select jsonb_agg(jsonb_build_array(o.option_name, o.option_value) order by o.n)
                from pg_options_to_table(w.fdwoptions)
                     with ordinality o(option_name, option_value, n)),
    'owner', pg_get_userbyid(w.fdwowner),
    'acl', (select coalesce(jsonb_agg(a::text order by n), '[]'::jsonb)
            from unnest(coalesce(w.fdwacl, acldefault('F', w.fdwowner))) with ordinality as a(a, n)),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = w.oid and ds.classoid = 'pg_foreign_data_wrapper'::regclass
                  and ds.objsubid = 0))
from pg_foreign_data_wrapper w
where not exists (select from pg_depend e
                  where e.classid = 'pg_foreign_data_wrapper'::regclass and e.objid = w.oid
                    and e.deptype = 'e')
