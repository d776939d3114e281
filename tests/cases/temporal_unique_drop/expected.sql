-- hazards: index-dropped
alter table "public"."rooms" drop constraint "rooms_id_valid_key";
drop index if exists "public"."rooms_id_valid_key";
