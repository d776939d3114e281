drop view if exists "public"."title_names";
alter table "public"."titles" alter column "name" set data type character varying(200) using "name"::character varying(200);
create or replace view "public"."title_names" as  SELECT id,
    name
   FROM titles;
