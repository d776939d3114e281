create table "public"."trucks" (
    "payload_kg" integer not null
) inherits ("public"."vehicles");
