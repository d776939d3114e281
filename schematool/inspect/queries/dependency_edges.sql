-- pg_depend rows of user objects (normal, automatic and internal dependencies), each
-- end's sub-object id kept only where dependency_nodes.sql names one: the columns of
-- relations that have columns (an index's or a sequence's are the whole object).
-- Joined to the nodes by the caller. Only plain reads: this runs inside apply's open
-- transaction.
select d.classid, d.objid,
       case when d.classid = 'pg_class'::regclass then d.objsubid else 0 end,
       d.refclassid, d.refobjid,
       case when d.refclassid = 'pg_class'::regclass
                 and d.refobjid in (select oid from pg_class
                                    where oid >= 16384
                                      and relkind in ('r', 'p', 'v', 'm', 'f', 'c'))
            then d.refobjsubid else 0 end
from pg_depend d
where d.objid >= 16384
  and d.deptype in ('n', 'a', 'i')
  -- a sequence owned by a column, or an identity's sequence, follows the column around;
  -- it is not created after it (the column's default uses it)
  and not (d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i')
           and d.objid in (select oid from pg_class where oid >= 16384 and relkind = 'S'))
