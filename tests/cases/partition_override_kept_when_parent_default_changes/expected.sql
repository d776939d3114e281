alter table "public"."listening_events" alter column "device" set default 'none'::text;
ALTER TABLE public.listening_events_us ALTER COLUMN device SET DEFAULT 'echo'::text;
