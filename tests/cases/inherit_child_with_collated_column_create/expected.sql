create table "public"."events" (
    "id" bigint not null,
    "kind" text not null collate "C"
);
create table "public"."purchase_events" (
    "price_cents" integer not null
) inherits ("public"."events");
