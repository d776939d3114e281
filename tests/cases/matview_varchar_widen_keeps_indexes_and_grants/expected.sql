drop materialized view if exists "public"."long_titles";
alter table "public"."titles" alter column "name" set data type character varying(200) using "name"::character varying(200);
-- hazards: blocking-lock
create materialized view "public"."long_titles" as  SELECT id,
    name
   FROM titles
  WHERE (length_s > 2000);
CREATE UNIQUE INDEX long_titles_id_idx ON public.long_titles USING btree (id);
CREATE INDEX long_titles_name_idx ON public.long_titles USING btree (name);
GRANT SELECT ON TABLE public.long_titles TO case_reader;
COMMENT ON INDEX public.long_titles_name_idx IS 'lookup by name';
COMMENT ON MATERIALIZED VIEW public.long_titles IS 'titles over 2000 seconds';
