CREATE TABLE prices (
    id bigint PRIMARY KEY,
    amount_cents integer NOT NULL,
    CONSTRAINT "amount.positive" CHECK (amount_cents > 0)
);

COMMENT ON CONSTRAINT "amount.positive" ON prices IS 'a price is never free';
