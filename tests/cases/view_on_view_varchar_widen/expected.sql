drop view if exists "public"."recent_title_names";
drop view if exists "public"."title_names";
alter table "public"."titles" alter column "name" set data type character varying(200) using "name"::character varying(200);
create or replace view "public"."title_names" as  SELECT id,
    name
   FROM titles;
create or replace view "public"."recent_title_names" as  SELECT n.id,
    n.name
   FROM (title_names n
     JOIN titles t ON ((t.id = n.id)))
  WHERE (t.released_on > '2020-01-01'::date);
