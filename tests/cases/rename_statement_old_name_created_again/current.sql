CREATE TABLE titles (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    subtitle text
);
