-- hazards: index-dropped
alter table "public"."page_views" drop constraint "page_views_pkey";
drop index if exists "public"."page_views_pkey";
