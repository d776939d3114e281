CREATE DOMAIN positive_cents AS bigint
    DEFAULT 100
    CONSTRAINT positive_cents_check CHECK (VALUE >= 0);
