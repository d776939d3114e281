-- Snapshot kind `user_mapping`: user mappings, by user and server.
-- pg_user_mapping is for superusers only; pg_user_mappings shows a mapping's options only
-- to its own user (with USAGE on the server), to the server's owner (for PUBLIC) and to
-- superusers: 'options_hidden' says that they could not be read (canonical.comparable then
-- compares neither side's options).
select 'for ' || quote_ident(m.usename) || ' server ' || quote_ident(m.srvname),
  jsonb_build_object(
    'user', m.usename,
    'server', quote_ident(m.srvname),
    'options', (select jsonb_agg(jsonb_build_array(o.option_name, o.option_value) order by o.n)
                from pg_options_to_table(m.umoptions)
                     with ordinality o(option_name, option_value, n)),
    'options_hidden', case when not (
        (m.umuser <> 0 and m.usename = current_user
         and (pg_has_role(s.srvowner, 'USAGE') or has_server_privilege(s.oid, 'USAGE')))
        or (m.umuser = 0 and pg_has_role(s.srvowner, 'USAGE'))
        or coalesce((select r.rolsuper from pg_roles r where r.rolname = current_user), false))
      then true end)
from pg_user_mappings m
join pg_foreign_server s on s.oid = m.srvid
where not exists (select from pg_depend e
                  where e.classid = 'pg_foreign_server'::regclass and e.objid = s.oid
                    and e.deptype = 'e')
