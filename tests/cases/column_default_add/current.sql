CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    balance_cents bigint NOT NULL
);
