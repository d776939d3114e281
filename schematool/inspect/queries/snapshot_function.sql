-- Snapshot kind `function`: functions, procedures, aggregates and window functions,
-- identified by name and identity arguments
select quote_ident(n.nspname) || '.' || quote_ident(p.proname)
       || '(' || pg_get_function_identity_arguments(p.oid) || ')',
  jsonb_build_object(
    'kind', case p.prokind when 'f' then 'function' when 'p' then 'procedure'
                           when 'a' then 'aggregate' else 'window function' end,
    'signature', p.oid::regprocedure::text,
    'definition', case when p.prokind <> 'a' then pg_get_functiondef(p.oid) end,
    'aggregate', case when p.prokind = 'a' then jsonb_build_object(
            'kind', g.aggkind, 'direct_args', g.aggnumdirectargs,
            'transfn', g.aggtransfn::regproc::text, 'finalfn', g.aggfinalfn::regproc::text,
            'combinefn', g.aggcombinefn::regproc::text, 'serialfn', g.aggserialfn::regproc::text,
            'deserialfn', g.aggdeserialfn::regproc::text, 'mtransfn', g.aggmtransfn::regproc::text,
            'minvtransfn', g.aggminvtransfn::regproc::text,
            'mfinalfn', g.aggmfinalfn::regproc::text,
            'finalextra', g.aggfinalextra, 'mfinalextra', g.aggmfinalextra,
            'finalmodify', g.aggfinalmodify, 'mfinalmodify', g.aggmfinalmodify,
            'sortop', g.aggsortop::regoperator::text,
            'transtype', format_type(g.aggtranstype, null), 'transspace', g.aggtransspace,
            'mtranstype', format_type(nullif(g.aggmtranstype, 0), null),
            'mtransspace', g.aggmtransspace,
            'initval', g.agginitval, 'minitval', g.aggminitval,
            'parallel', p.proparallel,
            'result', pg_get_function_result(p.oid)) end,
    'owner', pg_get_userbyid(p.proowner),
    'acl', (select coalesce(jsonb_agg(a::text order by n), '[]'::jsonb)
            from unnest(coalesce(p.proacl, acldefault('f', p.proowner))) with ordinality as a(a, n)),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = p.oid and ds.classoid = 'pg_proc'::regclass and ds.objsubid = 0))
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
left join pg_aggregate g on g.aggfnoid = p.oid
where (
    n.nspname not in ('pg_catalog', 'information_schema')
    and left(n.nspname, 8) <> 'pg_toast' and left(n.nspname, 7) <> 'pg_temp'
    and n.nspname <> all(%(excluded)s::text[]))
  and not exists (select from pg_depend e
                  where e.classid = 'pg_proc'::regclass and e.objid = p.oid and e.deptype = 'e')
  -- a range type's constructors come and go with the type
  and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass
                  and d.objid = p.oid and d.deptype = 'i')
