create table "public"."rooms" (
    "id" integer not null,
    "valid" tstzrange not null,
    "name" text
);
ALTER TABLE public.rooms ADD CONSTRAINT rooms_pkey PRIMARY KEY (id, valid WITHOUT OVERLAPS);
