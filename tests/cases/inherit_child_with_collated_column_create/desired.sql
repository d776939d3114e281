CREATE TABLE accounts (
    id bigint PRIMARY KEY
);

CREATE TABLE events (
    id bigint NOT NULL,
    kind text COLLATE "C" NOT NULL
);

CREATE TABLE purchase_events (
    price_cents integer NOT NULL
) INHERITS (events);
