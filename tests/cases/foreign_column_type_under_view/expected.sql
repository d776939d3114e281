drop view if exists "public"."author_names";
ALTER FOREIGN TABLE public.authors ALTER COLUMN name TYPE character varying(200);
create or replace view "public"."author_names" as  SELECT name
   FROM authors;
