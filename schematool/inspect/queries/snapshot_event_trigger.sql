-- Snapshot kind `event_trigger`: event triggers
select quote_ident(t.evtname), jsonb_build_object(
    'event', t.evtevent,
    'function', t.evtfoid::regprocedure::text,
    'enabled', case t.evtenabled when 'O' then 'enabled' when 'D' then 'disabled'
                                 when 'R' then 'replica' else 'always' end,
    'tags', (select coalesce(jsonb_agg(o order by o), '[]'::jsonb) from unnest(t.evttags) o),
    'owner', pg_get_userbyid(t.evtowner),
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = t.oid and ds.classoid = 'pg_event_trigger'::regclass
                  and ds.objsubid = 0))
from pg_event_trigger t
where not exists (select from pg_depend e
                  where e.classid = 'pg_event_trigger'::regclass and e.objid = t.oid
                    and e.deptype = 'e')
