CREATE TABLE categories (
    id integer PRIMARY KEY,
    name text NOT NULL UNIQUE
);

CREATE TABLE products (
    id bigint PRIMARY KEY,
    category_id integer REFERENCES categories (id),
    name text NOT NULL
);
