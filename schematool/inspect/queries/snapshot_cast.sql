-- Snapshot kind `cast`: casts a user made (a range type's cast to its multirange is the
-- range type's: 'i').
select format('(%%s AS %%s)', format_type(c.castsource, null), format_type(c.casttarget, null)),
  jsonb_build_object(
    'source', format_type(c.castsource, null),
    'target', format_type(c.casttarget, null),
    'function', nullif(c.castfunc, 0)::regprocedure::text,
    'method', case c.castmethod when 'f' then 'function' when 'i' then 'inout'
                                else 'binary' end,
    'context', case c.castcontext when 'i' then 'implicit' when 'a' then 'assignment'
                                  else 'explicit' end,
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = c.oid and ds.classoid = 'pg_cast'::regclass and ds.objsubid = 0))
from pg_cast c
where c.oid >= 16384
  and not exists (select from pg_depend e where e.classid = 'pg_cast'::regclass
                  and e.objid = c.oid and e.deptype in ('e', 'i'))
