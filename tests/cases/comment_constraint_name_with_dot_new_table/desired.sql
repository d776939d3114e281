CREATE TABLE accounts (
    id bigint PRIMARY KEY
);

CREATE TABLE prices (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL,
    CONSTRAINT "prices.account" FOREIGN KEY (account_id) REFERENCES accounts (id)
);

COMMENT ON CONSTRAINT "prices.account" ON prices IS 'the seller';
