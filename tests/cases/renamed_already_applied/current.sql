CREATE TABLE customers (
    id bigint PRIMARY KEY,
    personal_note text
);
