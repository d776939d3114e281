-- hazards: index-dropped
alter table "public"."categories" drop constraint "categories_name_key";
alter table "public"."products" drop constraint "products_category_id_fkey";
-- hazards: index-dropped
alter table "public"."categories" drop constraint "categories_pkey";
drop index if exists "public"."categories_name_key";
drop index if exists "public"."categories_pkey";
-- hazards: data-loss
drop table "public"."categories";
-- hazards: data-loss
alter table "public"."products" drop column "category_id";
