-- hazards: blocking-lock
ALTER TABLE public.listening_events_us ALTER COLUMN device SET NOT NULL;
ALTER TABLE public.listening_events_us ALTER COLUMN device SET DEFAULT 'echo'::text;
