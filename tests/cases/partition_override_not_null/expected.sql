create table "public"."listening_events_de" partition of "public"."listening_events" FOR VALUES IN ('de');
ALTER TABLE public.listening_events_de ALTER COLUMN device SET NOT NULL;
