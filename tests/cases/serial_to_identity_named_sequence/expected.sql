alter table "public"."t" alter column "id" drop default;
ALTER SEQUENCE public.t_id_seq RENAME TO t_id_seq_old;
ALTER TABLE public.t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.t_numbers);
SELECT pg_catalog.setval('public.t_numbers', last_value, is_called) FROM public.t_id_seq_old;
DROP SEQUENCE public.t_id_seq_old;
