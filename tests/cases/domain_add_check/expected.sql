-- hazards: blocking-lock
ALTER DOMAIN public.email_address ADD CONSTRAINT email_address_check CHECK ((VALUE ~ '^[^@]+@[^@]+$'::text));
