drop view if exists "public"."short_title_names";
drop materialized view if exists "public"."title_names";
alter table "public"."titles" alter column "name" set data type character varying(200) using "name"::character varying(200);
-- hazards: blocking-lock
create materialized view "public"."title_names" as  SELECT id,
    name
   FROM titles;
create or replace view "public"."short_title_names" as  SELECT id,
    name
   FROM title_names
  WHERE (length((name)::text) < 20);
