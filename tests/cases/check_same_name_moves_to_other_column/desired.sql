CREATE TABLE chapters (
    id bigint PRIMARY KEY,
    length_ms bigint CONSTRAINT chapters_length_check CHECK (length_ms > 0)
);
