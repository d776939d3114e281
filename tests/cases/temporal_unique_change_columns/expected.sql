-- hazards: index-dropped
alter table "public"."rooms" drop constraint "rooms_id_valid_key";
drop index if exists "public"."rooms_id_valid_key";
-- hazards: blocking-lock
ALTER TABLE public.rooms ADD CONSTRAINT rooms_id_valid_key UNIQUE (id, name, valid WITHOUT OVERLAPS);
