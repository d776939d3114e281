ALTER TABLE public.bookings DROP CONSTRAINT bookings_room_fkey;
-- hazards: index-dropped
alter table "public"."rooms" drop constraint "rooms_id_valid_key";
-- hazards: blocking-lock
ALTER TABLE public.rooms ADD CONSTRAINT rooms_pkey PRIMARY KEY (id, valid WITHOUT OVERLAPS);
ALTER TABLE public.bookings ADD CONSTRAINT bookings_room_fkey FOREIGN KEY (room_id, PERIOD valid) REFERENCES public.rooms(id, PERIOD valid) NOT VALID;
-- hazards: blocking-lock
ALTER TABLE public.bookings VALIDATE CONSTRAINT bookings_room_fkey;
drop index if exists "public"."rooms_id_valid_key";
