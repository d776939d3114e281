CREATE TABLE prices (
    id bigint PRIMARY KEY,
    amount_cents integer NOT NULL,
    CONSTRAINT "amount.positive" CHECK (amount_cents > 0)
);
