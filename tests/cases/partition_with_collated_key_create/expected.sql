create table "public"."listening_events" (
    "id" bigint not null,
    "marketplace" text not null collate "C",
    "title_asin" text not null collate "C",
    "happened_at" timestamp with time zone not null
) partition by LIST (marketplace);
create table "public"."listening_events_de" partition of "public"."listening_events" FOR VALUES IN ('de');
create table "public"."listening_events_us" partition of "public"."listening_events" FOR VALUES IN ('us');
