alter table "public"."t" alter column "id" drop default;
ALTER SEQUENCE public.t_id_seq RENAME TO t_id_seq_old;
ALTER TABLE public.t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.t_id_seq);
SELECT pg_catalog.setval('public.t_id_seq', last_value, is_called) FROM public.t_id_seq_old;
DROP SEQUENCE public.t_id_seq_old;
GRANT SELECT ON SEQUENCE public.t_id_seq TO case_reader;
COMMENT ON SEQUENCE public.t_id_seq IS 'ids of t';
