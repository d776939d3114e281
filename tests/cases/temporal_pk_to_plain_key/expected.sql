-- hazards: index-dropped
alter table "public"."rooms" drop constraint "rooms_pkey";
drop index if exists "public"."rooms_pkey";
-- hazards: blocking-lock
CREATE UNIQUE INDEX rooms_pkey ON public.rooms USING btree (id, valid);
alter table "public"."rooms" add constraint "rooms_pkey" PRIMARY KEY using index "rooms_pkey";
