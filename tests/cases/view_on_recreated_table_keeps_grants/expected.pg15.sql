drop view if exists "public"."daily_listening";
-- hazards: data-loss
drop table "public"."listening_events";
create table "public"."listening_events" (
    "user_id" bigint not null,
    "listened_at" timestamp with time zone not null,
    "seconds" integer not null
) partition by RANGE (listened_at);
create table "public"."listening_events_2025" partition of "public"."listening_events" FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');
create view "public"."daily_listening" as SELECT listening_events.user_id,
    date_trunc('day'::text, listening_events.listened_at) AS day,
    sum(listening_events.seconds) AS seconds
   FROM public.listening_events
  GROUP BY listening_events.user_id, (date_trunc('day'::text, listening_events.listened_at));
GRANT SELECT ON TABLE public.daily_listening TO case_reader;
COMMENT ON VIEW public.daily_listening IS 'x';
