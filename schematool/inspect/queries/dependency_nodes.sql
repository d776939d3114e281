-- The user objects pg_depend mentions, named as a plan statement names them.
--
-- `nodes` names every user object pg_depend may mention (by classid, objid, objsubid):
--   rel      schema, name          tables, views, sequences, indexes, types and domains
--                                  (one namespace: a relation's row type is the relation,
--                                  an array type its element type, a view's rule the view)
--   col      schema, table, column columns of tables, views and composite types; a
--                                  column's default or generation expression is the column
--   fn       schema, name          functions, procedures, aggregates (overloads merge)
--   con      schema, table, name   table constraints and the indexes and triggers they own
--                                  (a domain's constraints are the domain)
--   trigger, policy, rule          schema, table, name
--   schema, ext, evt               name;  collation: schema, name
--   fdw, server                    name (foreign-data wrappers, foreign servers)
--   usermapping                    role (or public), server
--   cast                           source type, target type (as format_type spells them)
--   op       schema, name          operators (overloads merge)
--   pub                            name: a publication
--   pubrel                         publication, schema, table: a table it lists
--   pubns                          publication, schema: a schema it lists
--   tsconfig, tsdict               schema, name: text search configurations, dictionaries
-- System objects (OIDs below 16384, the pg_catalog/information_schema/pg_toast schemas)
-- are left out. The edges between them: dependency_edges.sql.
-- Objects of an extension come back as kind 'member' (parts: the extension's name).
-- Only plain reads of the catalogs: this runs inside apply's open transaction.
with recursive user_ns as (
    select oid, nspname from pg_namespace
    where nspname not in ('pg_catalog', 'information_schema')
      and nspname !~ '^pg_(toast|temp_|toast_temp_)'
),
members as (
    select d.classid, d.objid, e.extname
    from pg_depend d join pg_extension e on e.oid = d.refobjid
    where d.refclassid = 'pg_extension'::regclass and d.deptype = 'e'
),
rels as (
    select c.oid, c.relkind, n.nspname, c.relname,
           owner.conname::text as owning_constraint, owner_table.relname as owner_table
    from pg_class c
    join user_ns n on n.oid = c.relnamespace
    left join pg_constraint owner
        on c.relkind in ('i', 'I') and owner.conindid = c.oid and owner.contype in ('p', 'u', 'x')
    left join pg_class owner_table on owner_table.oid = owner.conrelid
    where c.oid >= 16384
),
nodes (classid, objid, objsubid, kind, parts) as (
    select 'pg_class'::regclass::oid, r.oid, 0,
           case when r.owning_constraint is null then 'rel' else 'con' end,
           case when r.owning_constraint is null then array[r.nspname::text, r.relname::text]
                else array[r.nspname::text, r.owner_table::text, r.owning_constraint::text] end
    from rels r
    union all
    select 'pg_class'::regclass::oid, r.oid, a.attnum, 'col', array[r.nspname::text, r.relname::text, a.attname::text]
    from rels r join pg_attribute a on a.attrelid = r.oid
    where r.relkind in ('r', 'p', 'v', 'm', 'f', 'c') and a.attnum > 0 and not a.attisdropped
    union all
    select 'pg_type'::regclass::oid, t.oid, 0, 'rel',
           case when t.typrelid <> 0 then array[rn.nspname::text, rc.relname::text]
                when range_of.rngtypid is not null then array[mn.nspname::text, mt.typname::text]
                when elem.oid is not null then array[en.nspname::text, elem.typname::text]
                else array[n.nspname::text, t.typname::text] end
    from pg_type t
    join user_ns n on n.oid = t.typnamespace
    left join pg_class rc on rc.oid = t.typrelid
    left join pg_namespace rn on rn.oid = rc.relnamespace
    left join pg_type elem on t.typelem <> 0 and t.typsubscript = 'array_subscript_handler'::regproc
        and elem.oid = t.typelem
    left join pg_namespace en on en.oid = elem.typnamespace
    left join pg_range range_of on range_of.rngmultitypid = t.oid
    left join pg_type mt on mt.oid = range_of.rngtypid
    left join pg_namespace mn on mn.oid = mt.typnamespace
    where t.oid >= 16384
    union all
    select 'pg_proc'::regclass::oid, p.oid, 0, 'fn', array[n.nspname::text, p.proname::text]
    from pg_proc p join user_ns n on n.oid = p.pronamespace
    where p.oid >= 16384
    union all
    select 'pg_rewrite'::regclass::oid, w.oid, 0,
           case when w.rulename = '_RETURN' then 'rel' else 'rule' end,
           case when w.rulename = '_RETURN' then array[r.nspname::text, r.relname::text]
                else array[r.nspname::text, r.relname::text, w.rulename::text] end
    from pg_rewrite w join rels r on r.oid = w.ev_class
    union all
    select 'pg_attrdef'::regclass::oid, ad.oid, 0, 'col', array[r.nspname::text, r.relname::text, a.attname::text]
    from pg_attrdef ad
    join rels r on r.oid = ad.adrelid
    join pg_attribute a on a.attrelid = ad.adrelid and a.attnum = ad.adnum
    union all
    select 'pg_constraint'::regclass::oid, co.oid, 0,
           case when co.conrelid <> 0 then 'con' else 'rel' end,
           case when co.conrelid <> 0 then array[n.nspname::text, r.relname::text, co.conname::text]
                else array[n.nspname::text, dt.typname::text] end
    from pg_constraint co
    join user_ns n on n.oid = co.connamespace
    left join pg_class r on r.oid = co.conrelid
    left join pg_type dt on dt.oid = co.contypid
    where co.oid >= 16384 and (co.conrelid <> 0 or co.contypid <> 0)
    union all
    select 'pg_trigger'::regclass::oid, tg.oid, 0,
           case when tg.tgconstraint <> 0 and tg.tgisinternal then 'con' else 'trigger' end,
           array[r.nspname::text, r.relname::text,
                 case when tg.tgconstraint <> 0 and tg.tgisinternal then co.conname::text
                      else tg.tgname::text end]
    from pg_trigger tg
    left join pg_constraint co on co.oid = tg.tgconstraint and tg.tgisinternal
    join rels r on r.oid = coalesce(nullif(co.conrelid, 0), tg.tgrelid)
    union all
    select 'pg_policy'::regclass::oid, pol.oid, 0, 'policy', array[r.nspname::text, r.relname::text, pol.polname::text]
    from pg_policy pol join rels r on r.oid = pol.polrelid
    union all
    select 'pg_namespace'::regclass::oid, n.oid, 0, 'schema', array[n.nspname::text]
    from user_ns n
    union all
    select 'pg_extension'::regclass::oid, e.oid, 0, 'ext', array[e.extname::text]
    from pg_extension e
    union all
    select 'pg_event_trigger'::regclass::oid, ev.oid, 0, 'evt', array[ev.evtname::text]
    from pg_event_trigger ev
    union all
    select 'pg_collation'::regclass::oid, cl.oid, 0, 'collation', array[n.nspname::text, cl.collname::text]
    from pg_collation cl join user_ns n on n.oid = cl.collnamespace
    where cl.oid >= 16384
    union all
    select 'pg_foreign_data_wrapper'::regclass::oid, w.oid, 0, 'fdw', array[w.fdwname::text]
    from pg_foreign_data_wrapper w
    union all
    select 'pg_foreign_server'::regclass::oid, fs.oid, 0, 'server', array[fs.srvname::text]
    from pg_foreign_server fs
    union all  -- pg_user_mappings: pg_user_mapping itself is for superusers only
    select 'pg_user_mapping'::regclass::oid, um.umid, 0, 'usermapping',
           array[um.usename::text, um.srvname::text]
    from pg_user_mappings um
    union all
    -- a cast: its two types as statements.type_text spells them
    select 'pg_cast'::regclass::oid, ca.oid, 0, 'cast', array[
               (select case when tn.nspname = 'pg_catalog' then format_type(ty.oid, null)
                            else quote_ident(tn.nspname) || '.' || quote_ident(ty.typname) end
                from pg_type ty join pg_namespace tn on tn.oid = ty.typnamespace
                where ty.oid = ca.castsource),
               (select case when tn.nspname = 'pg_catalog' then format_type(ty.oid, null)
                            else quote_ident(tn.nspname) || '.' || quote_ident(ty.typname) end
                from pg_type ty join pg_namespace tn on tn.oid = ty.typnamespace
                where ty.oid = ca.casttarget)]
    from pg_cast ca
    where ca.oid >= 16384
    union all
    select 'pg_operator'::regclass::oid, op.oid, 0, 'op', array[n.nspname::text, op.oprname::text]
    from pg_operator op join user_ns n on n.oid = op.oprnamespace
    where op.oid >= 16384
    union all
    select 'pg_publication'::regclass::oid, pb.oid, 0, 'pub', array[pb.pubname::text]
    from pg_publication pb
    union all
    select 'pg_publication_rel'::regclass::oid, pr.oid, 0, 'pubrel',
           array[pb.pubname::text, rn.nspname::text, rc.relname::text]
    from pg_publication_rel pr
    join pg_publication pb on pb.oid = pr.prpubid
    join pg_class rc on rc.oid = pr.prrelid
    join pg_namespace rn on rn.oid = rc.relnamespace
    union all
    select 'pg_publication_namespace'::regclass::oid, pn.oid, 0, 'pubns',
           array[pb.pubname::text, sn.nspname::text]
    from pg_publication_namespace pn
    join pg_publication pb on pb.oid = pn.pnpubid
    join pg_namespace sn on sn.oid = pn.pnnspid
    union all
    select 'pg_ts_config'::regclass::oid, tc.oid, 0, 'tsconfig', array[n.nspname::text, tc.cfgname::text]
    from pg_ts_config tc join user_ns n on n.oid = tc.cfgnamespace
    where tc.oid >= 16384
    union all
    select 'pg_ts_dict'::regclass::oid, td.oid, 0, 'tsdict', array[n.nspname::text, td.dictname::text]
    from pg_ts_dict td join user_ns n on n.oid = td.dictnamespace
    where td.oid >= 16384
)
select classid, objid, objsubid, kind, parts from nodes
union all
select classid, objid, 0, 'member', array[extname::text] from members
