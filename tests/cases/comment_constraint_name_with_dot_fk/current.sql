CREATE SCHEMA store;

CREATE TABLE store.accounts (
    id bigint PRIMARY KEY
);

CREATE TABLE store.prices (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL,
    CONSTRAINT "prices.account" FOREIGN KEY (account_id) REFERENCES store.accounts (id)
);
