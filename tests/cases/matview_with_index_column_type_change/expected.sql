drop materialized view if exists "public"."title_lengths";
-- hazards: table-rewrite, blocking-lock
alter table "public"."titles" alter column "length_s" set data type bigint using "length_s"::bigint;
alter table "public"."titles" alter column "name" set data type character varying(200) using "name"::character varying(200);
-- hazards: blocking-lock
create materialized view "public"."title_lengths" as  SELECT id,
    name,
    length_s
   FROM titles;
CREATE UNIQUE INDEX title_lengths_id_idx ON public.title_lengths USING btree (id);
CREATE INDEX title_lengths_name_idx ON public.title_lengths USING btree (name);
