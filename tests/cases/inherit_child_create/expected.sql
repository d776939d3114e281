create table "public"."trucks" (
    "id" bigint not null,
    "name" text not null,
    "payload_kg" integer not null
) inherits ("public"."vehicles");
