-- Snapshot kind `operator`: operators a user made (shells, named only as another's
-- commutator or negator and never defined, are left out: CREATE OPERATOR makes them again)
select o.oid::regoperator::text, jsonb_build_object(
    'function', o.oprcode::regproc::text,
    'left', format_type(nullif(o.oprleft, 0::oid), null),
    'right', format_type(nullif(o.oprright, 0::oid), null),
    'result', format_type(o.oprresult, null),
    'commutator', nullif(o.oprcom, 0::oid)::regoperator::text,
    'negator', nullif(o.oprnegate, 0::oid)::regoperator::text,
    'restrict', nullif(o.oprrest, 0::oid)::regproc::text,
    'join', nullif(o.oprjoin, 0::oid)::regproc::text,
    'hashes', o.oprcanhash,
    'merges', o.oprcanmerge,
    'owner', pg_get_userbyid(o.oprowner),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = o.oid and ds.classoid = 'pg_operator'::regclass
                  and ds.objsubid = 0))
from pg_operator o
join pg_namespace n on n.oid = o.oprnamespace
where o.oid >= 16384 and o.oprcode <> 0::oid and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_operator'::regclass and e.objid = o.oid and e.deptype = 'e')
