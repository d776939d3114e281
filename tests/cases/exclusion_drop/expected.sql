-- hazards: index-dropped
alter table "public"."room_reservations" drop constraint "room_reservations_no_overlap";
select 1; -- drop index if exists "public"."room_reservations_no_overlap";
