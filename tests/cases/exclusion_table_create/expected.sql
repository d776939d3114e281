create table "public"."room_reservations" (
    "id" bigint not null,
    "room_id" integer not null,
    "during" tstzrange not null,
    "cancelled" boolean not null default false
);
select 1; -- CREATE INDEX room_reservations_no_overlap ON public.room_reservations USING gist (room_id, during);
CREATE UNIQUE INDEX room_reservations_pkey ON public.room_reservations USING btree (id);
alter table "public"."room_reservations" add constraint "room_reservations_pkey" PRIMARY KEY using index "room_reservations_pkey";
alter table "public"."room_reservations" add constraint "room_reservations_no_overlap" EXCLUDE USING gist (room_id WITH =, during WITH &&);
