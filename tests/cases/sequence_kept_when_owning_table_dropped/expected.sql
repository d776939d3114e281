ALTER SEQUENCE public.import_batches_id_seq OWNED BY NONE;
-- hazards: index-dropped
alter table "public"."import_batches" drop constraint "import_batches_pkey";
drop index if exists "public"."import_batches_pkey";
-- hazards: data-loss
drop table "public"."import_batches";
alter sequence "public"."import_batches_id_seq" owned by none;
