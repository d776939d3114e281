CREATE SEQUENCE public.t_id_seq AS integer;
SELECT pg_catalog.setval('public.t_id_seq', last_value, is_called) FROM public.t_numbers;
ALTER TABLE public.t ALTER COLUMN id DROP IDENTITY;
alter table "public"."t" alter column "id" set default nextval('t_id_seq'::regclass);
alter sequence "public"."t_id_seq" owned by "public"."t"."id";
