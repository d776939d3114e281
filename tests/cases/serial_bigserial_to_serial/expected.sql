-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."t" alter column "id" set data type integer using "id"::integer;
ALTER SEQUENCE public.t_id_seq AS integer MINVALUE 1 MAXVALUE 2147483647;
