-- Snapshot kind `extension`: installed extensions (the objects they made are theirs: the
-- other queries leave extension members out)
select quote_ident(x.extname), jsonb_build_object(
    'schema', quote_ident(n.nspname),
    'version', x.extversion,
    'comment', (select ds.description
                from pg_description ds
                where ds.objoid = x.oid and ds.classoid = 'pg_extension'::regclass
                  and ds.objsubid = 0))
from pg_extension x join pg_namespace n on n.oid = x.extnamespace
where n.nspname <> all(%(excluded)s::text[])
