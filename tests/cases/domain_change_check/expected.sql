ALTER DOMAIN public.email_address DROP CONSTRAINT email_address_check;
-- hazards: blocking-lock
ALTER DOMAIN public.email_address ADD CONSTRAINT email_address_check CHECK ((VALUE ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'::text));
