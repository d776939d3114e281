-- hazards: index-dropped
alter table "public"."rooms" drop constraint "rooms_pkey";
drop index if exists "public"."rooms_pkey";
-- hazards: blocking-lock
ALTER TABLE public.rooms ADD CONSTRAINT rooms_pkey PRIMARY KEY (id, valid WITHOUT OVERLAPS);
