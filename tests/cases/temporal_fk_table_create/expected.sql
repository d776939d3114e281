create table "public"."bookings" (
    "id" bigint not null,
    "room_id" integer not null,
    "valid" tstzrange not null
);
create table "public"."rooms" (
    "id" integer not null,
    "valid" tstzrange not null,
    "name" text
);
CREATE UNIQUE INDEX bookings_pkey ON public.bookings USING btree (id);
alter table "public"."bookings" add constraint "bookings_pkey" PRIMARY KEY using index "bookings_pkey";
ALTER TABLE public.rooms ADD CONSTRAINT rooms_pkey PRIMARY KEY (id, valid WITHOUT OVERLAPS);
alter table "public"."bookings" add constraint "bookings_room_fkey" FOREIGN KEY (room_id, PERIOD valid) REFERENCES rooms(id, PERIOD valid) not valid;
alter table "public"."bookings" validate constraint "bookings_room_fkey";
