alter table "public"."t" alter column "c0" set data type character varying(40) collate "C" using "c0"::character varying(40);
ALTER TABLE public.t ALTER COLUMN c0 SET COMPRESSION pglz;
