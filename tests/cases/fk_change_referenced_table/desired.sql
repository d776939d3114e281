CREATE TABLE customers (
    id bigint PRIMARY KEY
);

CREATE TABLE accounts (
    id bigint PRIMARY KEY
);

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    owner_id bigint NOT NULL,
    CONSTRAINT orders_owner_fkey FOREIGN KEY (owner_id) REFERENCES accounts (id)
);
