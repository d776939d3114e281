create table "public"."rooms" (
    "id" integer not null,
    "valid" tstzrange not null
) partition by LIST (id);
create table "public"."rooms_1" partition of "public"."rooms" FOR VALUES IN (1);
ALTER TABLE public.rooms ADD CONSTRAINT rooms_pkey PRIMARY KEY (id, valid WITHOUT OVERLAPS);
