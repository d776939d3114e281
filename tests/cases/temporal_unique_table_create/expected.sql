create table "public"."rooms" (
    "id" integer not null,
    "valid" tstzrange not null,
    "name" text
);
ALTER TABLE public.rooms ADD CONSTRAINT rooms_id_valid_key UNIQUE (id, valid WITHOUT OVERLAPS);
