-- What uses a user cast. PostgreSQL records no dependency on a cast: a view (index,
-- default, CHECK) that uses one depends on the cast's function, or, for a cast without
-- one, on its types only. Each such dependent is taken to need the cast, so that it is
-- created after it (an over-approximation: it may call the function by name). Only for
-- creation order: nothing stops a cast from being dropped. Plain reads only.
select d.classid, d.objid,
       case when d.classid = 'pg_class'::regclass then d.objsubid else 0 end,
       'pg_cast'::regclass::oid, ca.oid
from pg_cast ca
join pg_depend d
  on d.deptype = 'n' and d.objid >= 16384 and d.classid <> 'pg_cast'::regclass
 and ((ca.castfunc <> 0 and d.refclassid = 'pg_proc'::regclass and d.refobjid = ca.castfunc)
      or (ca.castfunc = 0 and d.refclassid = 'pg_type'::regclass
          and d.refobjid in (ca.castsource, ca.casttarget)))
where ca.oid >= 16384
