drop view if exists "public"."kid_names";
alter table "public"."base" alter column "n" set data type text using "n"::text;
create or replace view "public"."kid_names" as  SELECT kid.id,
    kid.n
   FROM ONLY kid;
