ALTER DOMAIN public.status DROP CONSTRAINT status_check;
-- hazards: blocking-lock
ALTER DOMAIN public.status ADD CONSTRAINT status_check CHECK (VALUE IN ('new', 'sold', 'lost'));
