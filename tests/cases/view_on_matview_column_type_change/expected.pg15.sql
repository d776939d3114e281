drop view if exists "public"."short_title_names";
drop materialized view if exists "public"."title_names";
alter table "public"."titles" alter column "name" set data type character varying(200) using "name"::character varying(200);
-- hazards: blocking-lock
create materialized view "public"."title_names" as  SELECT titles.id,
    titles.name
   FROM titles;
create or replace view "public"."short_title_names" as  SELECT title_names.id,
    title_names.name
   FROM title_names
  WHERE (length((title_names.name)::text) < 20);
