CREATE TABLE titles (
    id bigint PRIMARY KEY,
    verified boolean NOT NULL DEFAULT false
);
