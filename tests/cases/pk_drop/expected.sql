alter table "public"."page_views" drop constraint "page_views_pkey";
-- hazards: index-dropped
drop index if exists "public"."page_views_pkey";
