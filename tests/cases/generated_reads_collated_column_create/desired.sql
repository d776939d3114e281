CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email text NOT NULL
);

CREATE TABLE titles (
    id bigint PRIMARY KEY,
    asin text COLLATE "C" NOT NULL,
    asin_upper text GENERATED ALWAYS AS (upper(asin)) STORED
);
