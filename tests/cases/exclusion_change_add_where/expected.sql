-- hazards: index-dropped
alter table "public"."room_reservations" drop constraint "room_reservations_no_overlap";
select 1; -- drop index if exists "public"."room_reservations_no_overlap";
select 1; -- CREATE INDEX room_reservations_no_overlap ON public.room_reservations USING gist (room_id, during) WHERE (NOT cancelled);
-- hazards: blocking-lock
alter table "public"."room_reservations" add constraint "room_reservations_no_overlap" EXCLUDE USING gist (room_id WITH =, during WITH &&) WHERE ((NOT cancelled));
