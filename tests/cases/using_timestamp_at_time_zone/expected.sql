-- hazards: data-loss, table-rewrite, blocking-lock
ALTER TABLE public.events ALTER COLUMN happened_at TYPE timestamp with time zone USING happened_at AT TIME ZONE 'Europe/Berlin';
