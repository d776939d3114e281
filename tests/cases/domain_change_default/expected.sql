ALTER DOMAIN public.positive_cents SET DEFAULT 100;
