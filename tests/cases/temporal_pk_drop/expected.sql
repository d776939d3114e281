-- hazards: index-dropped
alter table "public"."rooms" drop constraint "rooms_pkey";
drop index if exists "public"."rooms_pkey";
