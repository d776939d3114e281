ALTER TABLE public.t ALTER COLUMN n SET (n_distinct_inherited='5', n_distinct='100');
ALTER TABLE public.t SET (autovacuum_vacuum_threshold='100', fillfactor='90', autovacuum_enabled='false');
ALTER TABLE public.u SET (fillfactor='60', autovacuum_enabled='false');
