create table "public"."listening_events" (
    "id" bigint not null,
    "marketplace" text not null,
    "device" text default 'unknown'::text,
    "happened_at" timestamp with time zone not null
) partition by LIST (marketplace);
create table "public"."listening_events_de" partition of "public"."listening_events" FOR VALUES IN ('de');
create table "public"."listening_events_us" partition of "public"."listening_events" FOR VALUES IN ('us');
ALTER TABLE public.listening_events_de ALTER COLUMN device SET DEFAULT 'echo'::text;
ALTER TABLE public.listening_events_us ALTER COLUMN device SET NOT NULL;
