CREATE DOMAIN public.positive_cents AS bigint DEFAULT 0 NOT NULL CONSTRAINT positive_cents_check CHECK ((VALUE >= 0));
