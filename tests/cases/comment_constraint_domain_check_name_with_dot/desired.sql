CREATE SCHEMA store;

CREATE DOMAIN store.cents AS integer CONSTRAINT "cents.positive" CHECK (VALUE > 0);

CREATE TABLE store.prices (
    id bigint PRIMARY KEY,
    amount store.cents NOT NULL
);

COMMENT ON CONSTRAINT "cents.positive" ON DOMAIN store.cents IS 'a price is never free';
