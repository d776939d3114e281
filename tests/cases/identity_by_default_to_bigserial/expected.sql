ALTER SEQUENCE public.t_id_seq RENAME TO t_id_seq_old;
CREATE SEQUENCE public.t_id_seq AS bigint;
SELECT pg_catalog.setval('public.t_id_seq', last_value, is_called) FROM public.t_id_seq_old;
ALTER TABLE public.t ALTER COLUMN id DROP IDENTITY;
alter table "public"."t" alter column "id" set default nextval('t_id_seq'::regclass);
alter sequence "public"."t_id_seq" owned by "public"."t"."id";
