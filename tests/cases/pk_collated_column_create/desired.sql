CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email text NOT NULL
);

CREATE TABLE marketplaces (
    code text COLLATE "C" PRIMARY KEY,
    name text NOT NULL
);
