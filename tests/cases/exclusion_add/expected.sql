select 1; -- CREATE INDEX room_reservations_no_overlap ON public.room_reservations USING gist (room_id, during);
-- hazards: blocking-lock
alter table "public"."room_reservations" add constraint "room_reservations_no_overlap" EXCLUDE USING gist (room_id WITH =, during WITH &&);
