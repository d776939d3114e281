-- hazards: blocking-lock
ALTER DOMAIN public.email_address SET NOT NULL;
