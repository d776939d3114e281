-- hazards: table-rewrite, blocking-lock
alter table "public"."t" alter column "id" set data type bigint using "id"::bigint;
ALTER TABLE public.t ALTER COLUMN id SET MAXVALUE 9223372036854775807;
