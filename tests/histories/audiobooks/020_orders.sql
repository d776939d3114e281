-- Orders with an enum state and a gift flag.
CREATE TYPE order_state AS ENUM ('pending', 'paid', 'refunded');

CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    state order_state NOT NULL DEFAULT 'pending',
    total_cents integer NOT NULL,
    gift boolean NOT NULL DEFAULT false
);
