CREATE TABLE a (
    id serial PRIMARY KEY,
    note text
);
