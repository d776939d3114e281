-- hazards: table-rewrite, blocking-lock
alter table "public"."t" alter column "id" set data type bigint using "id"::bigint;
ALTER SEQUENCE public.t_id_seq AS bigint MINVALUE 1 MAXVALUE 9223372036854775807;
