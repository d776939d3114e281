-- hazards: index-dropped
alter table "public"."authors" drop constraint "authors_pkey";
drop index if exists "public"."authors_pkey";
-- hazards: data-loss
drop table "public"."authors";
