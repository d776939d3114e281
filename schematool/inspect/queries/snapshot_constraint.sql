-- Snapshot kind `constraint`: table constraints but NOT NULL (the column's), identified as
-- table.name
select quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || quote_ident(k.conname),
  jsonb_build_object(
    'table', quote_ident(n.nspname) || '.' || quote_ident(c.relname),
    'name', k.conname,
    'type', case k.contype when 'c' then 'check' when 'f' then 'foreign key'
                           when 'p' then 'primary key' when 'u' then 'unique'
                           when 'x' then 'exclusion' else 'trigger' end,
    'definition', pg_get_constraintdef(k.oid),
    'deferrable', k.condeferrable,
    'deferred', k.condeferred,
    'validated', k.convalidated,
    'inherited', k.coninhcount > 0,
    'local', k.conislocal,
    'no_inherit', k.connoinherit,
    -- a temporal key or foreign key (WITHOUT OVERLAPS, PERIOD: PostgreSQL 18; read
    -- through the row, so that older servers, which lack the column, read none)
    'period', case when (to_jsonb(k) ->> 'conperiod')::boolean then true end,
    'index', case when k.contype in ('p', 'u', 'x')
                  then quote_ident(n.nspname) || '.' || quote_ident(ic.relname) end,
    'columns', (select jsonb_agg(u.attname order by u.attname)
                from (select distinct ua.attname
                      from pg_depend ud
                      join pg_attribute ua
                        on ua.attrelid = ud.refobjid and ua.attnum = ud.refobjsubid
                      where ud.classid = 'pg_constraint'::regclass and ud.objid = k.oid
                        and ud.refclassid = 'pg_class'::regclass and ud.refobjid = k.conrelid
                        and ud.refobjsubid > 0) u),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = k.oid and ds.classoid = 'pg_constraint'::regclass
                  and ds.objsubid = 0))
from pg_constraint k
join pg_class c on c.oid = k.conrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_class ic on ic.oid = k.conindid
where k.contype <> 'n'  -- NOT NULL belongs to the column (PostgreSQL 18 stores it here)
  and (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
  -- a foreign key to a partitioned table has a hidden copy per referenced partition,
  -- on the same table; their names differ between server versions
  and not exists (select from pg_constraint p
                  where p.oid = k.conparentid and p.conrelid = k.conrelid)
